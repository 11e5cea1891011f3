"""capacities_per_production_unit: the guide's §4.2 rules and §5.1.2 errors, over HTTP."""

from __future__ import annotations

from datetime import datetime

import pytest
from emulator_helpers import period

from rtecap.emulator import is_valid_eic

R = "capacities_per_production_unit"
YEAR_2019 = period("2019-01-01T00:00:00+01:00", "2020-01-01T00:00:00+01:00")


@pytest.fixture(autouse=True)
def _today(rte_emulator):
    rte_emulator.today = "2025-06-15"


def by_name(units: list) -> dict:
    return {u["production_unit"]["name"]: u for u in units}


def test_rg01_nominal_stations_in_operation(api):
    units = api.ok(R)
    assert len(units) > 150
    for unit in units:
        assert unit["start_date"] == "2025-06-15T00:00:00+02:00" and "end_date" not in unit
        (value,) = unit["values"]
        assert "end_date" not in value
        assert datetime.fromisoformat(value["start_date"]) <= datetime.fromisoformat(
            unit["start_date"])
    names = by_name(units)
    assert "FESSENHEIM 1" not in names and "GRAVELINES 6" in names
    assert "FLAMANVILLE 3" in names  # commissioned 2024-12-21
    assert names["GARDANNE 4"]["values"][0]["type"] == "BIOMASS"  # converted from coal


def test_rg02_period_stations_and_overlapping_intervals(api):
    units = api.ok(R, **YEAR_2019)
    start, end = (datetime.fromisoformat(YEAR_2019[k]) for k in ("start_date", "end_date"))
    for unit in units:
        assert (unit["start_date"], unit["end_date"]) == (
            YEAR_2019["start_date"], YEAR_2019["end_date"])
        for value in unit["values"]:
            assert datetime.fromisoformat(value["start_date"]) < end
            assert "end_date" not in value or datetime.fromisoformat(value["end_date"]) > start
    assert "FESSENHEIM 1" in by_name(units) and "FLAMANVILLE 3" not in by_name(units)


def test_closed_station_interval_ends_on_its_closure(api):
    units = by_name(api.ok(R, **period("2020-01-01T00:00:00+01:00", "2021-01-01T00:00:00+01:00")))
    assert units["FESSENHEIM 1"]["values"][-1]["end_date"] == "2020-02-22T00:00:00+01:00"
    assert units["FESSENHEIM 2"]["values"][-1]["end_date"] == "2020-06-30T00:00:00+02:00"


def test_future_closure_unknown_at_today(api, rte_emulator):
    rte_emulator.today = "2019-06-01"
    units = by_name(api.ok(R, **YEAR_2019))
    assert "end_date" not in units["FESSENHEIM 1"]["values"][-1]


def test_history_back_to_1935(api):
    units = by_name(api.ok(R, **period("1935-01-01T00:00:00+00:00", "1936-01-01T00:00:00+00:00")))
    assert units["KEMBS"]["values"][0]["start_date"] == "1935-01-01T00:00:00+00:00"
    assert api.ok(R, **period("1934-01-01T00:00:00+00:00", "1935-01-01T00:00:00+00:00")) == []


def test_rg03_sorted_by_type_then_name(api):
    for units in (api.ok(R), api.ok(R, **YEAR_2019)):
        keys = [(u["values"][-1]["type"], u["production_unit"]["name"]) for u in units]
        assert keys == sorted(keys)


def test_output_fields(api):
    for unit in api.ok(R):
        pu = unit["production_unit"]
        assert set(pu) == {"code_eic", "name", "location", "code_eic_producteur",
                           "name_producteur"}
        assert is_valid_eic(pu["code_eic"]) and is_valid_eic(pu["code_eic_producteur"])
        for value in unit["values"]:
            assert value["installed_capacity"] > 100
            assert value["voltage_level_connection"] in (63, 90, 150, 225, 400)
            assert datetime.fromisoformat(value["updated_date"]).date().isoformat() <= "2025-06-15"


@pytest.mark.parametrize(("start", "end", "code"), [
    ("2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00", None),  # 23-hour DST day
    ("2024-10-27T00:00:00+02:00", "2024-10-27T23:30:00+01:00", "F05"),  # 24.5 h, same day
    ("2023-02-01T00:00:00+01:00", "2023-02-01T00:00:00+01:00", "F05"),  # start == end
    ("2025-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00", None),  # F04 limit
    ("2025-06-01T00:00:00+02:00", "2026-01-01T00:00:01+01:00", "F04"),
])  # fmt: skip
def test_period_limits(api, start, end, code):
    if code is None:
        assert api.get(R, **period(start, end)).status_code == 200
    else:
        api.fails(R, f"GENINSCAP_CPPU_{code}", **period(start, end))
