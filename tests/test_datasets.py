"""rtecap.datasets: the bundled ODRE national capacities, checked against the CSV itself."""

from __future__ import annotations

import csv
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


def _cell(national: pd.DataFrame, year: int, sector: str) -> pd.DataFrame:
    at = national.index == pd.Timestamp(year=year, month=1, day=1, tz=m.TZ)
    if sector in m.SUB_SECTORS:
        return national[at & (national["sub_sector"] == sector).to_numpy()]
    return national[at & (national["sector"] == sector).to_numpy()]


def test_every_csv_cell_is_in_the_frame(national, csv_rows):
    subs = list(m.SUB_SECTORS)
    for row in csv_rows:
        year = int(row["Annee"])
        split = any(row[c] != "" for c, s in m.ODRE_COLUMNS.items() if s in subs)
        for column, sector in m.ODRE_COLUMNS.items():
            cell, value = _cell(national, year, sector), row[column]
            if sector == "fossil":  # ODRE's fossil figure: sector_total_mw of the fossil rows
                assert (cell["sector_total_mw"] == float(value)).all() and len(cell) == (
                    3 if split else 1), year
                if not split:
                    assert cell["capacity_mw"].iloc[0] == float(value)
                    assert cell["sub_sector"].isna().all()
            elif sector in subs and not split:
                assert value == "" and cell.empty, (year, sector)
            else:
                assert len(cell) == 1 and cell["capacity_mw"].iloc[0] == float(value), (
                    year, sector)
    years = {int(r["Annee"]) for r in csv_rows}
    assert len(national) == 6 * len(years) + 2 * sum(
        any(r[c] != "" for c, s in m.ODRE_COLUMNS.items() if s in subs) for r in csv_rows)


def test_years_without_fossil_split_have_one_fossil_row(national, csv_rows):
    unsplit = {int(r["Annee"]) for r in csv_rows
               if all(r[c] == "" for c, s in m.ODRE_COLUMNS.items() if s in m.SUB_SECTORS)}
    assert unsplit == {2007, 2008, 2009}, "the CSV has years without a fossil split"
    fossil = national[national["sector"] == "fossil"]
    empty = fossil[fossil["sub_sector"].isna()]
    assert set(empty.index.year) == unsplit and len(empty) == len(unsplit)
    assert not national["capacity_mw"].isna().any(), "no NaN row left for a gap"


def test_index_is_local_midnight_on_1_january(national, csv_rows):
    assert (national.index.month == 1).all() and (national.index.day == 1).all()
    assert (national.index.hour == 0).all() and str(national.index.tz) == m.TZ
    assert set(national.index.year) == {int(r["Annee"]) for r in csv_rows}


def test_a_plain_groupby_sum_counts_each_mw_once(national, csv_rows):
    """Found case: groupby(level=0).sum() gave 166,467 MW for 2023 (fossil counted twice)."""
    totals = national.groupby(level=0)["capacity_mw"].sum()
    by_sector = national.groupby([national.index.year, "sector"], observed=True)
    for row in csv_rows:
        year = int(row["Annee"])
        cells = {s: float(row[c]) for c, s in m.ODRE_COLUMNS.items() if row[c] != ""}
        parts = [cells[s] for s in m.SUB_SECTORS if s in cells] or [cells["fossil"]]
        others = sum(v for s, v in cells.items() if s in m.SECTORS and s != "fossil")
        assert totals[str(year)].item() == pytest.approx(others + sum(parts))
        assert by_sector["capacity_mw"].sum()[(year, "fossil")] == pytest.approx(sum(parts))
    assert totals["2023"].item() == pytest.approx(149019.305, abs=0.01)
    assert 149019 < national.loc["2023", "capacity_mw"].sum() < 149020


def test_odre_fossil_total_stays_available(national):
    """ODRE's own fossil figure differs from coal + gas + oil in 2013, 2014, 2022, 2023."""
    fossil = national[national["sector"] == "fossil"]
    per_year = fossil.groupby(fossil.index.year)
    gap = (per_year["sector_total_mw"].first() - per_year["capacity_mw"].sum()).round(1)
    assert gap[gap != 0].to_dict() == {2013: -0.3, 2014: 14.4, 2022: 25.8, 2023: 27.0}
    others = national[national["sector"] != "fossil"]
    assert (others["sector_total_mw"] == others["capacity_mw"]).all()


def test_french_round_trip(national):
    fr = load_national_capacities(lang="fr")
    assert fr.columns.tolist() == ["filiere", "sous_filiere", "puissance_mw", "total_filiere_mw"]
    assert set(fr["filiere"]) == {m.SECTOR_FR[s] for s in m.ODRE_COLUMNS.values()
                                  if s in m.SECTORS}
    assert set(fr["sous_filiere"].dropna()) == {
        m.SECTOR_FR[s] for s in m.ODRE_COLUMNS.values() if s != "fossil"}
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


# ------------------------------------------------------------------ vintages (issue 14)
def test_the_2022_vintage_can_be_pinned():
    old = load_national_capacities(vintage=2022)
    new = load_national_capacities()
    assert new.attrs["rtecap"]["vintage"] == 2024
    assert old.attrs["rtecap"]["vintage"] == 2022
    assert "2022 vintage" in old.attrs["rtecap"]["source"]
    assert old.index.year.min() == 2007 and old.index.year.max() == 2021
    assert len(old) == 3 * 6 + 12 * 8
    # the same figure published twice: ODRE revised 2015's fossil total (22,334.9 -> 23,298.7)
    fossil = {
        v: df.loc["2015"].query("sector == 'fossil'")["sector_total_mw"].iloc[0]
        for v, df in ((2022, old), (2024, new))
    }
    assert fossil == {2022: pytest.approx(22334.9), 2024: pytest.approx(23298.724)}
    # each MW once in either vintage: coal + gas + oil, not fossil on top
    totals = old.groupby(level=0)["capacity_mw"].sum()
    assert totals.loc["2021"].iloc[0] == pytest.approx(
        61370.0 + 3379.89 + 1818.0 + 12780.71 + 25717.97 + 13066.86 + 18782.9 + 2213.48)


@pytest.mark.parametrize("vintage", [2023, "2022", True, 2024.5])
def test_an_unknown_vintage_names_the_shipped_ones(vintage):
    with pytest.raises(RteValidationError, match="2022, 2024"):
        load_national_capacities(vintage=vintage)
