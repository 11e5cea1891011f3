"""rtecap.mappings: enum sizes, FR<->EN tables reversible, sector groups complete."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from rtecap import mappings as m
from rtecap.ops import frame_lang, translate

FR_TABLES = {
    "PRODUCTION_TYPE_FR": m.PRODUCTION_TYPE_FR,
    "NETWORK_FR": m.NETWORK_FR,
    "SECTOR_FR": m.SECTOR_FR,
    "SCOPE_FR": m.SCOPE_FR,
    "COLUMNS_FR": {**m.COLUMNS_FR, **m.DATASET_COLUMNS_FR},
}
ALL_TYPES = (*m.PRODUCTION_TYPES, *m.CPC_PRODUCTION_TYPES)


def test_enum_sizes_match_the_guide():
    # guide §4.1.1.2 lists 20 production types, §4.3.1.2 nine CPC types, two networks
    assert len(m.PRODUCTION_TYPES) == len(set(m.PRODUCTION_TYPES)) == 20
    assert len(m.CPC_PRODUCTION_TYPES) == len(set(m.CPC_PRODUCTION_TYPES)) == 9
    assert m.NETWORKS == ("RPD", "RPT")
    # FR + 96 metropolitan departments (2A/2B for Corsica) + 5 overseas departments
    assert len(m.DEPARTMENT_CODES) == len(set(m.DEPARTMENT_CODES)) == 1 + 96 + 5
    assert m.DEPARTMENT_CODES[0] == "FR"
    assert all(re.fullmatch(r"FR-(\d\d|2[AB]|97\d)", c) for c in m.DEPARTMENT_CODES[1:])


def test_cpc_aliases_point_into_the_cpc_enum():
    for alias, canonical in m.CPC_PRODUCTION_TYPE_ALIASES.items():
        assert canonical in m.CPC_PRODUCTION_TYPES and alias not in m.CPC_PRODUCTION_TYPES


@pytest.mark.parametrize("name", sorted(FR_TABLES))
def test_fr_tables_are_reversible(name):
    table = FR_TABLES[name]
    inverse = {fr: en for en, fr in table.items()}
    assert len(inverse) == len(table), f"{name}: two English labels share a French one"
    assert all(inverse[fr] == en for en, fr in table.items())
    # a French label never spells another English label of the same table
    assert not [(en, fr) for en, fr in table.items() if fr in table and fr != en]


def test_every_label_has_a_french_name():
    assert set(ALL_TYPES) <= set(m.PRODUCTION_TYPE_FR)
    assert set(m.NETWORKS) == set(m.NETWORK_FR)
    assert set(m.SECTORS) | set(m.SUB_SECTORS) == set(m.SECTOR_FR)
    assert set(m.SCOPES) == set(m.SCOPE_FR)


def test_french_column_names_are_snake_case_identifiers():
    for fr in FR_TABLES["COLUMNS_FR"].values():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", fr), fr


def test_sector_groups_cover_every_production_type_of_both_enums():
    assert set(ALL_TYPES) == set(m.PRODUCTION_TYPE_SECTOR)
    for sector, sub in m.PRODUCTION_TYPE_SECTOR.values():
        assert sector in m.SECTORS
        assert sub is None or m.SUB_SECTORS[sub] == sector
    assert set(m.SECTORS) | set(m.SUB_SECTORS) == set(m.SECTOR_COLORS)
    assert set(m.ODRE_COLUMNS.values()) <= set(m.SECTORS) | set(m.SUB_SECTORS)


def _every_label_frame() -> pd.DataFrame:
    n = len(ALL_TYPES)
    pick = lambda values: [values[i % len(values)] for i in range(n)]  # noqa: E731
    sectors = (*m.SECTORS, *m.SUB_SECTORS)
    return pd.DataFrame(
        {
            "production_type": pd.Categorical(ALL_TYPES, categories=list(dict.fromkeys(ALL_TYPES))),
            "network_connection": pd.Categorical(pick(m.NETWORKS), categories=m.NETWORKS),
            "sector": pd.Categorical(pick(sectors), categories=sectors),
            "sub_sector": pd.Categorical(pick(sectors), categories=sectors),
            "scope": pd.Categorical(pick(m.SCOPES), categories=m.SCOPES),
            "name": pd.array(pick(["Paluel", None]), dtype="str"),
            "capacity_mw": range(n),
        },
        index=pd.date_range("2023-03-25", periods=n, freq="6h", tz=m.TZ, name="start_date"),
    )


def test_translate_round_trip_on_every_label():
    en = _every_label_frame()
    fr = translate(en, "fr")
    assert frame_lang(fr) == "fr" and fr.index.name == m.COLUMNS_FR["start_date"]
    assert fr[m.COLUMNS_FR["production_type"]].tolist() == [
        m.PRODUCTION_TYPE_FR[t] for t in ALL_TYPES
    ]
    back = translate(fr, "en")
    pd.testing.assert_frame_equal(back, en)
    assert back.attrs["rtecap"]["lang"] == "en"
    pd.testing.assert_frame_equal(translate(en, "en"), en)


def test_translate_plain_string_columns_and_keeps_unknown_labels():
    en = pd.DataFrame({"production_type": pd.array(["SOLAR", "FUSION", None], dtype="str")})
    fr = translate(en, "fr")
    assert fr["type_production"].tolist()[:2] == [m.PRODUCTION_TYPE_FR["SOLAR"], "FUSION"]
    pd.testing.assert_frame_equal(translate(fr, "en"), en)
