"""rtecap.datasets: the bundled ODRE national capacities, checked against the CSV itself."""

from __future__ import annotations

import csv
import math
from importlib import resources

import pandas as pd
import pytest
from contract import ODRE, assert_frame_contract

from rtecap import mappings as m
from rtecap.datasets import SOURCE, load_national_capacities
from rtecap.exceptions import RteValidationError
from rtecap.ops import translate

CSV_NAME = "parc-prod-par-filiere_vintage2024.csv"


@pytest.fixture(scope="module")
def csv_rows() -> list[dict[str, str]]:
    """The CSV read with the csv module, independently of the loader."""
    text = resources.files("rtecap.datasets").joinpath("data", CSV_NAME).read_text("utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


@pytest.fixture(scope="module")
def national() -> pd.DataFrame:
    return load_national_capacities()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_contract(lang):
    df = load_national_capacities(lang=lang)
    assert_frame_contract(df, ODRE)
    assert df.attrs["rtecap"]["lang"] == lang


def test_every_csv_cell_is_in_the_frame(national, csv_rows):
    assert len(national) == len(csv_rows) * len(m.ODRE_COLUMNS)
    for row in csv_rows:
        year = int(row["Annee"])
        for column, sector in m.ODRE_COLUMNS.items():
            cell = national[
                (national.index == pd.Timestamp(year=year, month=1, day=1, tz=m.TZ))
                & (national["sector"] == sector)
            ]
            assert len(cell) == 1, (year, sector)
            got = cell["capacity_mw"].iloc[0]
            if row[column] == "":
                assert math.isnan(got), (year, sector)
            else:
                assert got == float(row[column]), (year, sector)


def test_years_without_fossil_split_keep_na_rows(national, csv_rows):
    empty = {(int(r["Annee"]), m.ODRE_COLUMNS[c]) for r in csv_rows for c in m.ODRE_COLUMNS
             if r[c] == ""}  # fmt: skip
    assert empty, "the CSV has years without a fossil split"
    missing = national[national["capacity_mw"].isna()]
    assert {(t.year, s) for t, s in zip(missing.index, missing["sector"], strict=True)} == empty
    assert set(missing["level"]) == {"sub_sector"}


def test_index_is_local_midnight_on_1_january(national, csv_rows):
    assert (national.index.month == 1).all() and (national.index.day == 1).all()
    assert (national.index.hour == 0).all() and str(national.index.tz) == m.TZ
    assert set(national.index.year) == {int(r["Annee"]) for r in csv_rows}


def test_levels_never_count_fossil_twice(national, csv_rows):
    sub = set(national.loc[national["level"] == "sub_sector", "sector"])
    assert sub == set(m.SUB_SECTORS)
    top = national[national["level"] == "sector"]
    totals = top.groupby(top.index.year)["capacity_mw"].sum()
    for row in csv_rows:
        expected = sum(float(row[c]) for c, s in m.ODRE_COLUMNS.items() if s in m.SECTORS)
        assert totals[int(row["Annee"])] == pytest.approx(expected)


def test_fossil_sub_sectors_add_up_to_fossil_within_the_documented_tolerance(national):
    wide = national.reset_index().pivot(index="start_date", columns="sector", values="capacity_mw")
    wide = wide.dropna()
    parts = wide[list(m.SUB_SECTORS)].sum(axis=1)
    assert ((parts - wide["fossil"]).abs() <= 0.002 * wide["fossil"]).all()


def test_french_round_trip(national):
    fr = load_national_capacities(lang="fr")
    assert fr.columns.tolist() == ["filiere", "niveau", "puissance_mw"]
    assert set(fr["filiere"]) == {m.SECTOR_FR[s] for s in m.ODRE_COLUMNS.values()}
    pd.testing.assert_frame_equal(translate(fr, "en"), national)


def test_credit_and_attrs(national):
    info = national.attrs["rtecap"]
    assert info["resource"] == ODRE and info["source"] == SOURCE
    assert "Licence Ouverte" in info["licence"] and info["file"] == CSV_NAME
    for word in ("RTE", "ODRE", "Licence Ouverte"):
        assert word in SOURCE


def test_unknown_language():
    with pytest.raises(RteValidationError, match="language"):
        load_national_capacities(lang="de")
