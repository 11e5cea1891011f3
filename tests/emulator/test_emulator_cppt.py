"""capacities_per_production_type: the guide's §4.1 rules and §5.1.1 errors, over HTTP."""

from __future__ import annotations

from datetime import datetime

import pytest
from emulator_helpers import V1, period

from rtecap.mappings import PRODUCTION_TYPES

R = "capacities_per_production_type"


@pytest.fixture(autouse=True)
def _today(rte_emulator):
    rte_emulator.today = "2025-06-15"  # interpretation note: §5.1 examples keep their outcome


def test_rg01_nominal_is_the_current_year(api):
    (year,) = api.ok(R)
    assert (year["start_date"], year["end_date"]) == (
        "2025-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00")
    assert [v["type"] for v in year["values"]] == list(PRODUCTION_TYPES)


def test_rg02_production_type_filters_values(api):
    (year,) = api.ok(R, production_type="WIND_ONSHORE,SOLAR")
    assert [v["type"] for v in year["values"]] == ["SOLAR", "WIND_ONSHORE"]


def test_rg03_period_returns_that_year(api):
    years = api.ok(R, **period("2019-01-01T00:00:00+01:00", "2020-01-01T00:00:00+01:00"))
    assert [y["start_date"] for y in years] == ["2019-01-01T00:00:00+01:00"]
    assert len(years[0]["values"]) == 20


def test_rg04_type_and_period_together(api):
    years = api.ok(R, production_type="NUCLEAR",
                   **period("2020-01-01T00:00:00+01:00", "2021-01-01T00:00:00+01:00"))
    assert [(v["type"], v["start_date"]) for y in years for v in y["values"]] == [
        ("NUCLEAR", "2020-01-01T00:00:00+01:00")]


def test_rg05_most_recent_first_and_rg06_calendar_years(api):
    years = api.ok(R, **period("2019-06-01T00:00:00+02:00", "2020-06-01T00:00:00+02:00"))
    assert [y["start_date"][:4] for y in years] == ["2020", "2019"]
    for y in years:
        start = datetime.fromisoformat(y["start_date"])
        assert (start.month, start.day, start.hour) == (1, 1, 0)
        assert datetime.fromisoformat(y["end_date"]).year == start.year + 1
        assert {(v["start_date"], v["end_date"]) for v in y["values"]} == {
            (y["start_date"], y["end_date"])}


def test_rg07_duplicates_removed(api):
    (year,) = api.ok(R, production_type="SOLAR,SOLAR,NUCLEAR,SOLAR")
    assert sorted(v["type"] for v in year["values"]) == ["NUCLEAR", "SOLAR"]


def test_values_are_mw_floats_updated_in_december_not_after_today(api, rte_emulator):
    years = api.ok(R, **period("2024-01-01T00:00:00+01:00", "2025-01-01T00:00:00+01:00"))
    for v in years[0]["values"]:
        assert isinstance(v["value"], float) and v["value"] >= 0
        updated = datetime.fromisoformat(v["updated_date"])
        assert (updated.month, updated.day >= 24) == (12, True)
        assert updated.date() <= rte_emulator.today


def test_before_2015_there_is_no_data(api):
    assert api.ok(R, **period("2014-01-01T00:00:00+01:00", "2015-01-01T00:00:00+01:00")) == []


def test_f01_end_alone(api):
    api.fails(R, "GENINSCAP_CPPT_F01", end_date="2023-02-01T00:00:00+01:00")


@pytest.mark.parametrize("bad", ["2023-01-01T00:00:00z", "2023-01-01T00:00:00.000+01:00",
                                 "2023-02-30T00:00:00+01:00", "2023-01-01 00:00:00+01:00",
                                 "2023-01-01T00:00:00+0100", "2023-01-01T00:00+01:00"])
def test_f06_formats(api, bad):
    api.fails(R, "GENINSCAP_CPPT_F06", **period(bad, "2024-01-01T00:00:00+01:00"))


def test_unencoded_plus_is_a_space_hence_f06(api):
    api.fails(V1 + R + "?start_date=2023-01-01T00:00:00+01:00&end_date=2024-01-01T00:00:00+01:00",
              "GENINSCAP_CPPT_F06")


@pytest.mark.parametrize(("start", "end", "code"), [
    ("2023-01-01T00:00:00+01:00", "2024-01-01T00:00:00+01:00", None),  # one calendar year
    ("2024-01-01T00:00:00+01:00", "2025-01-01T00:00:00+01:00", None),  # 366 days
    ("2024-02-29T00:00:00+01:00", "2025-02-28T00:00:00+01:00", None),  # 29 Feb + 1 year
    ("2023-01-01T00:00:00+01:00", "2024-01-02T00:00:01+01:00", "F03"),
    ("2023-01-01T00:00:00+01:00", "2023-12-31T23:59:59+01:00", "F05"),
    ("2025-01-01T00:00:00+01:00", "2026-01-01T00:00:00+01:00", None),  # F04 limit itself
    ("2025-01-01T00:00:00+01:00", "2026-01-01T00:00:01+01:00", "F04"),
    ("2023-01-01T00:00:00+01:00", "2023-01-01T00:00:00+01:00", "F05"),  # start == end
])  # fmt: skip
def test_period_limits(api, start, end, code):
    if code is None:
        assert api.ok(R, **period(start, end))
    else:
        api.fails(R, f"GENINSCAP_CPPT_{code}", **period(start, end))


def test_f04_follows_the_emulator_clock(api, rte_emulator):
    rte_emulator.today = "2026-01-05"
    assert api.ok(R, **period("2026-01-01T00:00:00+01:00", "2027-01-01T00:00:00+01:00"))


def test_unknown_type_is_invalid_request(api):
    body = api.error(R, production_type="SOLAR,COAL")
    assert body["error"] == "invalid_request"
    assert "COAL" in body["error_description"] and "production_type" in body["error_description"]
