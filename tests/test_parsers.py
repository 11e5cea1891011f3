"""rtecap.parsers: payload dict -> tidy frame, for every real-world variation of a payload."""

from __future__ import annotations

import copy
import random
import warnings

import numpy as np
import pandas as pd
import pytest
from contract import assert_frame_contract

from rtecap import mappings as m
from rtecap import registry
from rtecap.exceptions import ResponseError, RteValidationError
from rtecap.ops import translate
from rtecap.parsers import (
    parse,
    parse_capacities_cpc,
    parse_capacities_per_production_type,
    parse_capacities_per_production_unit,
)

PAYLOAD_FILES = [
    (m.CPPT, "cppt_guide.json"),
    (m.CPPT, "cppt_variants.json"),
    (m.CPPT, "cppt_one_object.json"),
    (m.CPPU, "cppu_guide.json"),
    (m.CPPU, "cppu_variants.json"),
    (m.CPC, "cpc_guide.json"),
    (m.CPC, "cpc_variants.json"),
]

# cppu_variants.json holds a station without any interval: set aside with a warning
pytestmark = pytest.mark.filterwarnings("ignore:1 capacities_per_production_unit row:UserWarning")


def _cppt(entries: list[dict]) -> dict:
    return {m.CPPT: [{"values": entries}]}


def _cpc(records: list[dict]) -> dict:
    return {m.CPC: records}


def _rename_key(records: list[dict], old: str, new: str) -> list[dict]:
    return [{(new if k == old else k): v for k, v in r.items()} for r in records]


@pytest.mark.parametrize(("resource", "name"), PAYLOAD_FILES)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_payload_keeps_the_contract(payload, resource, name, lang):
    df = parse(resource, payload(name), lang=lang)
    assert_frame_contract(df, resource)
    info = df.attrs["rtecap"]
    assert (info["resource"], info["lang"], info["order"]) == (resource, lang, "time")
    assert set(info["set_aside"]) == {"undated", "placeholders"}


@pytest.mark.parametrize(("resource", "name"), PAYLOAD_FILES)
def test_french_frame_translates_back_to_the_english_one(payload, resource, name):
    en = parse(resource, payload(name))
    fr = parse(resource, payload(name), lang="fr")
    assert "type_production" in fr.columns and "production_type" not in fr.columns
    back = translate(fr, "en")
    pd.testing.assert_frame_equal(back, en)


@pytest.mark.parametrize(("resource", "name"), PAYLOAD_FILES)
def test_result_does_not_depend_on_record_order(payload, resource, name):
    data = payload(name)
    shuffled = copy.deepcopy(data)
    records = shuffled[resource]
    if isinstance(records, list):
        random.Random(7).shuffle(records)
    for outer in records if isinstance(records, list) else [records]:
        if isinstance(outer.get("values"), list):
            random.Random(11).shuffle(outer["values"])
    pd.testing.assert_frame_equal(parse(resource, shuffled), parse(resource, data))


# --------------------------------------------------------------------------- CPPT
def test_cppt_guide_example_values(payload):
    data = payload("cppt_guide.json")
    df = parse_capacities_per_production_type(data)
    entries = data[m.CPPT][0]["values"]
    got = dict(zip(df["production_type"].astype(str), df["capacity_mw"], strict=True))
    assert got == {e["type"]: float(e["value"]) for e in entries}
    assert (df.index == pd.Timestamp(entries[0]["start_date"])).all()
    assert (df["end_date"] == pd.Timestamp(entries[0]["end_date"])).all()


@pytest.mark.parametrize(("order", "reverse"), [("time", False), ("guide", True)])
def test_cppt_year_order_then_enum_order(payload, order, reverse):
    """Time order by default (oldest first); CPPT-RG05's most recent first on request."""
    df = parse_capacities_per_production_type(payload("cppt_variants.json"), order=order)
    years = df.index.year.tolist()
    assert years == sorted(years, reverse=reverse) and set(years) == {2015, 2016}
    for _, year in df.groupby(df.index.year):
        codes = [m.PRODUCTION_TYPES.index(t) for t in year["production_type"]]
        assert codes == sorted(codes)


@pytest.mark.parametrize("key", ["type", "production_type"])
def test_cppt_type_key_spelling(payload, key):
    entries = payload("cppt_guide.json")[m.CPPT][0]["values"]
    expected = parse_capacities_per_production_type(_cppt(entries))
    got = parse_capacities_per_production_type(_cppt(_rename_key(entries, "type", key)))
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("key", ["value", "values"])
def test_cppt_value_key_spelling(payload, key):
    entries = payload("cppt_guide.json")[m.CPPT][0]["values"]
    got = parse_capacities_per_production_type(_cppt(_rename_key(entries, "value", key)))
    assert got["capacity_mw"].tolist() == [float(e["value"]) for e in entries]


def test_top_level_key_may_hold_one_object(payload):
    data = payload("cppt_one_object.json")
    as_list = {m.CPPT: [data[m.CPPT]]}
    pd.testing.assert_frame_equal(
        parse_capacities_per_production_type(data), parse_capacities_per_production_type(as_list)
    )


def test_ints_and_floats_give_the_same_frame(payload):
    entries = payload("cppt_guide.json")[m.CPPT][0]["values"]
    as_float = [{**e, "value": float(e["value"])} for e in entries]
    pd.testing.assert_frame_equal(
        parse_capacities_per_production_type(_cppt(entries)),
        parse_capacities_per_production_type(_cppt(as_float)),
    )


@pytest.mark.parametrize(
    ("key", "column"),
    [
        ("start_date", None),
        ("end_date", "end_date"),
        ("updated_date", "updated_date"),
        ("value", "capacity_mw"),
        ("type", "production_type"),
    ],
)
def test_missing_keys_become_na_and_the_row_is_kept(payload, key, column):
    """A missing type sorts last; a row without start_date is set aside, never dropped."""
    entries = payload("cppt_guide.json")[m.CPPT][0]["values"]
    entries[0].pop(key)
    if column is None:
        with pytest.warns(UserWarning, match="1 capacities_per_production_type row"):
            df, undated = parse_capacities_per_production_type(_cppt(entries),
                                                               return_undated=True)
        assert len(df) + len(undated) == len(entries) and not df.index.hasnans
        assert undated["start_date"].isna().all() and len(undated) == 1
        assert df.attrs["rtecap"]["set_aside"] == {"undated": 1, "placeholders": 0}
        return
    df = parse_capacities_per_production_type(_cppt(entries))
    assert len(df) == len(entries)
    values = df[column]
    assert values.isna().sum() == 1
    if key == "type":
        assert pd.isna(values.iloc[-1]), "missing sort keys sort last"


# --------------------------------------------------------------------------- DST, offsets
@pytest.mark.parametrize(
    ("wire", "local"),
    [
        ("2015-01-01T00:00:00+01:00", "2015-01-01 00:00"),
        ("2014-12-31T23:00:00Z", "2015-01-01 00:00"),
        ("2015-12-31T23:00:00Z", "2016-01-01 00:00"),
        ("2023-03-26T00:00:00+01:00", "2023-03-26 00:00"),
        ("2023-03-26T01:00:00Z", "2023-03-26 03:00"),
        ("2023-03-26T03:00:00+02:00", "2023-03-26 03:00"),
        ("2023-10-29T00:00:00+02:00", "2023-10-29 00:00"),
        ("2023-10-29T01:30:00Z", "2023-10-29 02:30"),
        ("2023-10-29T03:00:00+01:00", "2023-10-29 03:00"),
    ],
)
def test_offsets_land_on_the_right_local_wall_clock(wire, local):
    df = parse_capacities_cpc(
        _cpc([{"updated_date": wire, "department_code": "FR", "network_connection": "RPD",
               "production_type": "SOLAR", "value": 1}])
    )  # fmt: skip
    stamp = df.index[0]
    assert stamp == pd.Timestamp(wire)
    assert stamp.tz_localize(None) == pd.Timestamp(local)


@pytest.mark.parametrize("day", ["2023-03-26", "2023-10-29", "2023-01-01"])
def test_local_midnight_on_dst_days_and_new_year(day):
    start = pd.Timestamp(day, tz=m.TZ)
    wire = [start.isoformat(), start.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")]
    entries = [
        {"start_date": w, "end_date": w, "type": t, "value": 1.0}
        for w, t in zip(wire, ["NUCLEAR", "SOLAR"], strict=True)
    ]
    df = parse_capacities_per_production_type(_cppt(entries))
    assert (df.index == start).all()
    assert (df.index.hour == 0).all() and (df.index.day == start.day).all()


def test_yearly_value_starts_at_local_midnight_on_1_january(payload):
    df = parse_capacities_per_production_type(payload("cppt_variants.json"))
    assert ((df.index.month == 1) & (df.index.day == 1) & (df.index.hour == 0)).all()
    assert ((df["end_date"].dt.month == 1) & (df["end_date"].dt.hour == 0)).all()
    assert str(df.index.tz) == m.TZ


# --------------------------------------------------------------------------- CPPU
def test_cppu_guide_example_fields(payload):
    data = payload("cppu_guide.json")
    row = parse_capacities_per_production_unit(data).iloc[0]
    station = data[m.CPPU][0]
    unit, value = station["production_unit"], station["values"][0]
    assert row["code_eic"] == unit["code_eic"] and row["name"] == unit["name"]
    assert row["producer_code_eic"] == unit["code_eic_producteur"]
    assert row["producer_name"] == unit["name_producteur"]
    assert row["capacity_mw"] == value["installed_capacity"]
    assert row["voltage_kv"] == value["voltage_level_connection"]
    assert row["production_type"] == value["type"]
    assert row.name == pd.Timestamp(value["start_date"])


@pytest.mark.parametrize(
    "keys",
    [
        ("code_eic_producteur", "name_producteur"),
        ("Code_eic_producteur", "Name_producteur"),
        ("CODE_EIC_PRODUCTEUR", "NAME_PRODUCTEUR"),
        None,
    ],
)
def test_cppu_producer_keys_in_any_case_or_absent(payload, keys):
    data = payload("cppu_guide.json")
    unit = data[m.CPPU][0]["production_unit"]
    code = unit.pop("code_eic_producteur")
    name = unit.pop("name_producteur")
    if keys is not None:
        unit.update(zip(keys, (code, name), strict=True))
    row = parse_capacities_per_production_unit(data).iloc[0]
    if keys is None:
        assert pd.isna(row["producer_code_eic"]) and pd.isna(row["producer_name"])
    else:
        assert (row["producer_code_eic"], row["producer_name"]) == (code, name)


@pytest.mark.parametrize("key", ["type", "production_type"])
def test_cppu_value_type_key(payload, key):
    data = payload("cppu_guide.json")
    values = data[m.CPPU][0]["values"]
    data[m.CPPU][0]["values"] = _rename_key(values, "type", key)
    assert parse_capacities_per_production_unit(data)["production_type"].tolist() == [
        values[0]["type"]
    ]


def test_cppu_variants(payload):
    data = payload("cppu_variants.json")
    with pytest.warns(UserWarning, match="1 capacities_per_production_unit row"):
        df, undated = parse_capacities_per_production_unit(data, return_undated=True)
    stations = {s["production_unit"]["name"]: s for s in data[m.CPPU]}
    # one row per interval; a station without intervals is one undated row, set aside
    both = pd.concat([df.reset_index(), undated])
    for name, station in stations.items():
        rows = both[both["name"] == name]
        values = station["values"]
        expected = 1 if isinstance(values, dict) else max(len(values), 1)
        assert len(rows) == expected, name
        assert rows["location"].eq(station["production_unit"]["location"]).all()
    assert undated["name"].tolist() == ["Blénod 5"] and not df.index.hasnans
    assert undated["start_date"].isna().all() and undated["capacity_mw"].isna().all()
    assert pd.isna(undated["production_type"].iloc[0])
    open_ = df[df["end_date"].isna() & df["capacity_mw"].notna()]
    assert set(open_["name"]) == {"Paluel 2", "Grand'Maison", "Bouchain"}
    assert df.loc[df["name"] == "Grand'Maison", "producer_name"].isna().all()


# --------------------------------------------------------------------------- CPC
def test_cpc_guide_example(payload):
    data = payload("cpc_guide.json")
    df = parse_capacities_cpc(data)
    assert df["production_type"].unique().tolist() == ["BIOGAZ"]
    assert sorted(df["capacity_kw"].tolist()) == sorted(r["values"] for r in data[m.CPC])
    assert df["network_connection"].tolist() == sorted(r["network_connection"] for r in data[m.CPC])


@pytest.mark.parametrize(("alias", "canonical"), sorted(m.CPC_PRODUCTION_TYPE_ALIASES.items()))
def test_cpc_aliases_are_normalised(payload, alias, canonical):
    records = payload("cpc_guide.json")[m.CPC]
    with_alias = [{**r, "production_type": alias} for r in records]
    canon = [{**r, "production_type": canonical} for r in records]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pd.testing.assert_frame_equal(
            parse_capacities_cpc(_cpc(with_alias)), parse_capacities_cpc(_cpc(canon))
        )


def test_cpc_variants(payload):
    data = payload("cpc_variants.json")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # FR-xx, FR, OTHER: all known; RG09 without warning
        df, rg09 = parse_capacities_cpc(data, return_undated=True)
    records = data[m.CPC]
    distinct = {tuple(sorted(r.items())) for r in records}
    assert len(df) + len(rg09) == len(distinct), "exact duplicates dropped, nothing else"
    assert len(rg09) == sum("updated_date" not in r for r in records) > 0
    assert rg09["capacity_kw"].isna().all() and rg09["updated_date"].isna().all()
    assert not df.index.hasnans and df.index.is_monotonic_increasing
    assert df.attrs["rtecap"]["set_aside"] == {"undated": 0, "placeholders": len(rg09)}
    assert str(df["capacity_kw"].dtype) == "Int64"
    both = set(df["department_code"]) | set(rg09["department_code"])
    assert both == {r["department_code"] for r in records}
    national = df["department_code"] == "FR"
    assert (df["scope"] == "national").eq(national).all() and national.any()


def test_near_duplicates_are_kept(payload):
    record = payload("cpc_guide.json")[m.CPC][0]
    df = parse_capacities_cpc(_cpc([record, {**record, "values": record["values"] + 1}]))
    assert len(df) == 2


def test_cpc_non_integral_capacity_is_an_error(payload):
    record = payload("cpc_guide.json")[m.CPC][0]
    with pytest.raises(ResponseError, match="whole numbers"):
        parse_capacities_cpc(_cpc([{**record, "values": 1.5}]))


# --------------------------------------------------------------------------- unknown, wrong, empty
@pytest.mark.parametrize(
    ("resource", "record", "column"),
    [
        (m.CPC, {"production_type": "HYDROGEN"}, "production_type"),
        (m.CPC, {"department_code": "FR-99"}, "department_code"),
        (m.CPC, {"network_connection": "HTA"}, "network_connection"),
    ],
)
def test_unknown_labels_are_kept_with_a_warning(payload, resource, record, column):
    base = payload("cpc_guide.json")[m.CPC]
    records = [base[0], {**base[1], **record}]
    label = record[column]
    with pytest.warns(UserWarning, match=label):
        df = parse(resource, _cpc(records))
    assert len(df) == len(records)
    assert label in df[column].tolist()
    assert df[column].cat.categories[-1] == label
    assert_frame_contract(df, resource)


def test_unknown_production_type_in_cppt(payload):
    entries = payload("cppt_guide.json")[m.CPPT][0]["values"]
    entries[0]["type"] = "FUSION"
    with pytest.warns(UserWarning, match="FUSION"):
        df = parse_capacities_per_production_type(_cppt(entries))
    assert len(df) == len(entries)
    assert df["production_type"].iloc[-1] == "FUSION", "unknown labels sort after the enum"


@pytest.mark.parametrize("resource", registry.names(registry.GENINSCAP))
@pytest.mark.parametrize("body", [[], None])
def test_empty_payload_gives_an_empty_frame(resource, body):
    df = parse(resource, {resource: body})
    assert df.empty
    assert_frame_contract(df, resource)


@pytest.mark.parametrize("resource", registry.names(registry.GENINSCAP))
def test_payload_of_another_resource_is_refused(payload, resource):
    other = "cpc_guide.json" if resource != m.CPC else "cppt_guide.json"
    with pytest.raises(ResponseError, match=resource):
        parse(resource, payload(other))


def test_error_envelope_is_refused_with_its_code(payload):
    with pytest.raises(ResponseError, match="GENINSCAP_CCPC_F04"):
        parse(m.CPC, payload("error_envelope.json"))


@pytest.mark.parametrize(
    "bad",
    [
        [{"capacities_cpc": []}],
        {m.CPC: ["not an object"]},
        {m.CPC: [{"updated_date": "yesterday"}]},
        {m.CPC: [{"updated_date": "2023-01-01T00:00:00+01:00", "value": "many"}]},
    ],
)
def test_malformed_payloads_raise_response_error(bad):
    with pytest.raises(ResponseError):
        parse(m.CPC, bad)


def test_parse_accepts_aliases_and_refuses_unknown_names(payload):
    data = payload("cpc_guide.json")
    pd.testing.assert_frame_equal(parse("cpc", data), parse("CCPC", data))
    with pytest.raises(RteValidationError, match="resource"):
        parse("capacities", data)
    with pytest.raises(RteValidationError, match="language"):
        parse("cpc", data, lang="de")


# --------------------------------------------------------------------------- size
def test_large_cpc_payload_keeps_every_distinct_row():
    """Speed is measured in benchmarks/bench_parsers.py, not asserted here."""
    rng = np.random.default_rng(0)
    n = 20_000
    dates = pd.date_range("2015-03-01", periods=100, freq="MS", tz=m.TZ)
    stamps = [d.isoformat() for d in dates]
    deps, types = list(m.DEPARTMENT_CODES), list(m.CPC_PRODUCTION_TYPES)
    records = [
        {"updated_date": stamps[i % 100], "department_code": deps[i % len(deps)],
         "network_connection": m.NETWORKS[i % 2], "production_type": types[i % len(types)],
         "value": int(v)}
        for i, v in enumerate(rng.integers(0, 10**6, n))
    ]  # fmt: skip
    df = parse_capacities_cpc(_cpc(records))
    assert len(df) == len({(r["updated_date"], r["department_code"], r["network_connection"],
                            r["production_type"], r["value"]) for r in records})  # fmt: skip
