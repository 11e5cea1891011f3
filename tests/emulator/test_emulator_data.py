"""Properties of the emulator's data: ODRE sums, FR sums, EIC codes, fleet, determinism."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from emulator_helpers import Api, period

import rtecap
from rtecap.emulator import build_dataset, eic_check_char, is_valid_eic
from rtecap.emulator.eic import make_eic
from rtecap.mappings import ODRE_COLUMNS, PRODUCTION_TYPE_SECTOR, PRODUCTION_TYPES

ODRE = Path(rtecap.__file__).parent / "datasets" / "data" / "parc-prod-par-filiere_vintage2024.csv"
TODAY = date(2026, 11, 23)
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(scope="module")
def odre() -> dict[int, dict[str, float]]:
    with open(ODRE, encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter=";")
        return {int(r["Annee"]): {s: float(r[c]) for c, s in ODRE_COLUMNS.items()}
                for r in rows if 2015 <= int(r["Annee"]) <= 2023}


def sector_sums(values: dict[str, float]) -> dict[str, float]:
    sums: dict[str, float] = defaultdict(float)
    for ptype, value in values.items():
        sector, sub = PRODUCTION_TYPE_SECTOR[ptype]
        sums[sector] += value
        if sub:
            sums[sub] += value
    return sums


def test_cppt_sums_equal_odre_for_every_sector_and_year(odre):
    cppt = build_dataset(TODAY).cppt
    for year, sectors in odre.items():
        sums = sector_sums(cppt[year][1])
        for sector, expected in sectors.items():
            if sector == "fossil":  # ODRE's 2022-2023 fossil column exceeds coal+gas+oil
                expected = sectors["coal"] + sectors["gas"] + sectors["oil"]
                assert abs(sectors["fossil"] - expected) < 30
            assert sums[sector] == pytest.approx(expected, abs=1e-6), (year, sector)
        assert 0 < sums["other"] <= 100


def test_cppt_over_http_matches_odre(rte_emulator, odre):
    api = Api(rte_emulator)
    for year in (2015, 2019, 2023):
        (answer,) = api.ok("capacities_per_production_type", **period(
            f"{year}-01-01T00:00:00+01:00", f"{year + 1}-01-01T00:00:00+01:00"))
        sums = sector_sums({v["type"]: v["value"] for v in answer["values"]})
        assert sums["nuclear"] == pytest.approx(odre[year]["nuclear"])
        assert sums["solar"] == pytest.approx(odre[year]["solar"])


def test_cppt_splits_and_extrapolation_are_plausible():
    cppt = build_dataset(TODAY).cppt
    assert sorted(cppt) == list(range(2015, 2027))
    assert cppt[2021][1]["WIND_OFFSHORE"] == 0 and cppt[2022][1]["WIND_OFFSHORE"] > 0
    assert all(values["MARINE"] == 240 for _, values in cppt.values())
    for year, (updated, values) in cppt.items():
        assert list(values) == list(PRODUCTION_TYPES)
        assert min(values.values()) >= 0
        assert updated.month == 12 and updated.day >= 24 and updated.year in (year - 1, year)
        assert updated.date() <= TODAY


def test_fr_is_the_sum_of_departments():
    sums: dict[tuple, int] = defaultdict(int)
    national = {}
    for r in build_dataset(TODAY).cpc_records():
        key = (r.updated_date, r.network_connection, r.production_type)
        if r.department_code == "FR":
            national[key] = r.value
        else:
            sums[key] += r.value
    assert national and national == dict(sums)


def test_cpc_shape():
    records = build_dataset(TODAY).cpc_records()
    updates = sorted({r.updated_date for r in records})
    assert updates[0] == datetime.fromisoformat("2015-02-09T00:00:00+01:00")
    assert all(d.day == 9 and d.hour == 0 for d in updates)
    assert updates[-1].date() == date(2026, 11, 9)
    latest = [r for r in records if r.updated_date == updates[-1] and r.department_code == "FR"]
    total = {net: sum(r.value for r in latest if r.network_connection == net)
             for net in ("RPD", "RPT")}
    assert total["RPT"] < total["RPD"] / 5
    geothermal = {r.department_code for r in records if r.production_type == "GEOTHERMAL"}
    assert geothermal <= {"FR", "FR-67", "FR-971"}
    assert any(r.value == 0 for r in records)  # some combinations leave the obligation
    first = {r.value for r in records if r.updated_date == updates[0]
             and (r.department_code, r.network_connection, r.production_type)
             == ("FR", "RPD", "SOLAR")}  # fmt: skip
    last = {r.value for r in latest if (r.network_connection, r.production_type)
            == ("RPD", "SOLAR")}  # fmt: skip
    assert last.pop() > 2 * first.pop()  # solar grows strongly


def test_eic_check_character():
    assert eic_check_char("10YFR-RTE------") == "C"  # RTE's control area
    for code in ("10YFR-RTE------C", "17W100P100P0341J", "17X100A100R0172T"):
        assert is_valid_eic(code)
    assert not is_valid_eic("17W100P100P0341K") and not is_valid_eic("17W100P100P0341")
    rng = random.Random(1)
    taken: set[str] = set()
    codes = [make_eic("17W", rng, taken) for _ in range(200)]
    assert len(set(codes)) == 200 and all(is_valid_eic(c) for c in codes)


def test_fleet():
    stations = build_dataset(TODAY).stations
    assert len(stations) >= 250
    assert len({s.code_eic for s in stations}) == len(stations)
    names = {s.name for s in stations}
    assert {f"GRAVELINES {n}" for n in range(1, 7)} | {"FLAMANVILLE 3", "LA RANCE",
                                                        "GRAND'MAISON 1", "CORDEMAIS 5"} <= names
    first_day = datetime.fromisoformat("1935-01-01T00:00:00+00:00")
    for station in stations:
        assert is_valid_eic(station.code_eic) and is_valid_eic(station.code_eic_producteur)
        assert station.location.lower() == "france"
        for value in station.values:
            assert value.installed_capacity > 100 and value.start_date >= first_day
            assert value.end_date is None or value.end_date > value.start_date
    assert sum(len(s.values) > 1 for s in stations) >= 20
    assert sum(s.values[-1].end_date is not None for s in stations) >= 50  # closed ones


def test_full_cppu_history_over_http_matches_the_data(rte_emulator):
    api = Api(rte_emulator)
    fetched, calls = set(), 0
    for year in range(1935, TODAY.year + 1):  # one call per calendar year (<= 366 days, F03)
        units = api.ok("capacities_per_production_unit", **period(
            datetime(year, 1, 1, tzinfo=PARIS).isoformat(),
            datetime(year + 1, 1, 1, tzinfo=PARIS).isoformat()))
        calls += 1
        fetched |= {(u["production_unit"]["code_eic"], v["start_date"], v.get("end_date"),
                     v["installed_capacity"]) for u in units for v in u["values"]}
    expected = {(r["code_eic"], r["start_date"].isoformat(),
                 r["end_date"] and r["end_date"].isoformat(), r["installed_capacity"])
                for r in rte_emulator.dataset.cppu_records()}  # fmt: skip
    assert fetched == expected and calls >= 90


def test_deterministic_and_history_is_a_prefix():
    new, old = build_dataset(TODAY, seed=3), build_dataset("2020-01-01", seed=3)
    assert build_dataset(TODAY, seed=3).cppt is new.cppt
    old_cpc = old.cpc_records()
    assert new.cpc_records()[: len(old_cpc)] == old_cpc
    other = build_dataset(TODAY, seed=4)
    assert other.cpc_records() != new.cpc_records()
    assert [s.name for s in other.stations] == [s.name for s in new.stations]
