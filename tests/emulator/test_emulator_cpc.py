"""capacities_cpc: the guide's §4.3 rules, EC45_ERR01 and §5.1.3 errors, over HTTP."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from emulator_helpers import V1, period

from rtecap.mappings import (
    CPC_PRODUCTION_TYPES,
    DEPARTMENT_CODES,
    NETWORKS,
    NO_DATA_CODE,
    NO_DATA_MESSAGE,
)

R = "capacities_cpc"
YEAR_2016 = period("2016-01-01T00:00:00+01:00", "2017-01-01T00:00:00+01:00")
FULL = {"updated_date", "department_code", "network_connection", "production_type", "value"}
PARTIAL = {"department_code", "network_connection", "production_type"}


@pytest.fixture(autouse=True)
def _today(rte_emulator):
    rte_emulator.today = "2025-06-15"


def combo(record: dict) -> tuple:
    return record["department_code"], record["network_connection"], record["production_type"]


def rg08_key(record: dict) -> tuple:
    return (-datetime.fromisoformat(record["updated_date"]).timestamp(),
            record["department_code"], record["production_type"], record["network_connection"])


def test_rg01_nominal_latest_record_per_combination_without_zeros(api):
    records = api.ok(R)
    assert all(set(r) == FULL and r["value"] > 0 for r in records)
    assert len({combo(r) for r in records}) == len(records)
    assert {r["department_code"] for r in records} >= {"FR", "FR-13", "FR-2A", "FR-974"}
    assert max(r["updated_date"] for r in records) == "2025-06-09T00:00:00+02:00"


def test_rg02_fr_is_the_national_aggregate(api):
    records = api.ok(R, department_code="FR", **YEAR_2016)
    assert {r["department_code"] for r in records} == {"FR"}
    dated = [r for r in records if "value" in r]
    everyone = api.ok(R, **YEAR_2016)
    for record in dated[:20]:
        parts = [r["value"] for r in everyone if r["department_code"] != "FR"
                 and (r["updated_date"], r["network_connection"], r["production_type"])
                 == (record["updated_date"], record["network_connection"],
                     record["production_type"])]  # fmt: skip
        assert record["value"] == sum(parts)


@pytest.mark.parametrize(("name", "value"), [
    ("department_code", "FR-13"),  # RG03
    ("network_connection", "RPT"),  # RG04
    ("production_type", "SOLAR"),  # RG05
])  # fmt: skip
def test_rg03_rg04_rg05_single_filters(api, name, value):
    dated = [r for r in api.ok(R, **{name: value}) if "value" in r]
    assert dated and {r[name] for r in dated} == {value}


def test_rg06_updated_date_inside_the_period(api):
    records = api.ok(R, **YEAR_2016)
    dates = sorted({r["updated_date"] for r in records})
    assert dates == [f"2016-{m:02d}-09T00:00:00+0{1 if m < 4 or m > 10 else 2}:00"
                     for m in range(1, 13)]


def test_rg07_all_parameters_together_and_guide_resource_url(api):
    records = api.ok(V1 + "capacities_cpc?start_date=2015-01-01T00:00:00%2B01:00&end_date="
                     "2016-01-01T00:00:00%2B01:00&department_code=FR&network_connection=RPT"
                     "&production_type=SOLAR,BIOMASS,HYDRO")
    assert {combo(r) for r in records} == {("FR", "RPT", t) for t in ("SOLAR", "BIOMASS", "HYDRO")}


def test_rg08_order(api):
    for records in (api.ok(R), api.ok(R, **YEAR_2016)):
        assert [rg08_key(r) for r in records] == sorted(rg08_key(r) for r in records)


def test_rg09_missing_combination_gives_a_record_without_date_and_value(api):
    records = api.ok(R, department_code="FR-75", network_connection="RPT",
                     production_type="GEOTHERMAL", **YEAR_2016)
    assert records == [{"department_code": "FR-75", "network_connection": "RPT",
                        "production_type": "GEOTHERMAL"}]


def test_rg09_every_requested_combination_is_answered(api):
    records = api.ok(R, department_code="FR-75,FR-73", **YEAR_2016)
    wanted = set(itertools.product(["FR-75", "FR-73"], NETWORKS, CPC_PRODUCTION_TYPES))
    assert {combo(r) for r in records} == wanted
    partial = [r for r in records if set(r) == PARTIAL]
    assert partial and records[-len(partial):] == partial  # after the dated records
    assert not {combo(r) for r in partial} & {combo(r) for r in records if "value" in r}


def test_rg09_unfiltered_departments_expand_over_the_enum(api):
    records = api.ok(R, production_type="GEOTHERMAL", network_connection="RPT", **YEAR_2016)
    assert {r["department_code"] for r in records} == set(DEPARTMENT_CODES)


def test_rg10_duplicates_removed_and_biogas_alias(api):
    plain = api.ok(R, production_type="SOLAR,BIOGAZ", **YEAR_2016)
    assert api.ok(R, production_type="SOLAR,SOLAR,BIOGAS,BIOGAZ", **YEAR_2016) == plain
    assert {r["production_type"] for r in plain} == {"SOLAR", "BIOGAZ"}


def test_values_are_integer_kw(api):
    assert all(isinstance(r["value"], int) for r in api.ok(R))


@pytest.mark.parametrize("dates", [
    period("2014-01-01T00:00:00+01:00", "2015-01-01T00:00:00+01:00"),
    period("2015-01-01T00:00:00+01:00", "2015-02-09T00:00:00+01:00"),  # end excluded
])  # fmt: skip
def test_ec45_err01_when_nothing_at_all(api, dates):
    for filters in ({}, {"department_code": "FR"}):
        body = api.error(R, **dates, **filters)
        assert (body["error"], body["error_description"]) == (NO_DATA_CODE, NO_DATA_MESSAGE)
        assert body["error_details"]["transaction_id"]


def test_first_update_is_2015_02_09(api):
    records = api.ok(R, **period("2015-02-09T00:00:00+01:00", "2015-02-10T00:00:00+01:00"))
    assert {r["updated_date"] for r in records} == {"2015-02-09T00:00:00+01:00"}


@pytest.mark.parametrize(("end", "code"), [
    ("2025-06-16T00:00:00+02:00", None), ("2025-06-16T00:00:01+02:00", "F04")])
def test_f04_is_d_plus_1(api, end, code):
    dates = period("2025-06-01T00:00:00+02:00", end)
    if code is None:
        assert api.ok(R, **dates)
    else:
        api.fails(R, f"GENINSCAP_CCPC_{code}", **dates)


@pytest.mark.parametrize(("name", "value"), [
    ("department_code", "FR-20"), ("network_connection", "RPX"),
    ("production_type", "WIND_ONSHORE"),
])  # fmt: skip
def test_unknown_values_are_invalid_request(api, name, value):
    body = api.error(R, **{name: value})
    assert body["error"] == "invalid_request"
    assert value in body["error_description"] and name in body["error_description"]
