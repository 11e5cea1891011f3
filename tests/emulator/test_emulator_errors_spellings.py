"""The guide's errors the emulator can now produce, the client's reaction to each, the
alternate spellings, CCPC-RG09's placeholders and the one clock (Paris) of both sides."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from emulator_helpers import Api, period

import rtecap
from rtecap import mappings as m
from rtecap import rules
from rtecap.emulator import data as emulator_data
from rtecap.exceptions import (
    ForbiddenError,
    NoDataError,
    RateLimitError,
    ServerError,
)

TODAY = "2026-11-23"
YEAR_2024 = period("2024-01-01T00:00:00+01:00", "2025-01-01T00:00:00+01:00")
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def client_of(server, **kwargs) -> rtecap.Client:
    kwargs.setdefault("backoff_factor", 0.01)
    kwargs.setdefault("max_retry_after", 1)
    return rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                         today=server.today, **kwargs)


# ------------------------------------------------------------------ 403
def test_403_for_a_client_configured_as_not_subscribed(api, rte_emulator):
    rte_emulator.unsubscribed = {rte_emulator.client_id}
    answer = api.get(m.CPPT)
    assert answer.status_code == 403 and answer.json()["error"] == "forbidden"
    assert answer.json()["error_details"]["transaction_id"]
    rte_emulator.unsubscribed = ()
    assert api.get(m.CPPT).status_code == 200


def test_client_raises_forbidden_at_once(rte_emulator):
    rte_emulator.unsubscribed = {rte_emulator.client_id}
    with pytest.raises(ForbiddenError) as info:  # the typed error, at once
        rtecap.get_capacities_per_production_type(
            "2015-01-01", "2025-01-01", client=client_of(rte_emulator), max_workers=1,
            progress=False)
    assert info.value.status == 403 and info.value.code == "forbidden"
    resource_calls = sum(n for (path, _), n in rte_emulator.counts.items()
                         if path.endswith(m.CPPT))
    assert resource_calls == 1  # no retry, no further chunk


# ------------------------------------------------------------------ 509 and 500
def test_509_fault_kind(api, rte_emulator):
    rte_emulator.fault_rate, rte_emulator.faults = 1.0, {"509": 1}
    answer = api.get(m.CPPT)
    assert answer.status_code == 509
    assert answer.json()["error"] == "bandwidth_limit_exceeded"
    assert rte_emulator.faults_served == {"509": 1}


def test_509_is_a_quota_backed_off_not_retried_at_once(rte_emulator, monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr("rtecap._http.time.sleep", slept.append)
    rte_emulator.fault_rate, rte_emulator.faults = 1.0, {"509": 1}
    with pytest.raises(RateLimitError) as info:
        client_of(rte_emulator, retries=3, max_retry_after=5).get_json(m.CPPT)
    assert info.value.status == 509 and info.value.code == "bandwidth_limit_exceeded"
    assert rte_emulator.faults_served["509"] == 4  # the first call and 3 retries: capped
    assert len(slept) == 3 and all(1.0 <= s <= 5.0 for s in slept)  # never at once


def test_500_body_says_error_code_and_the_client_reads_it(rte_emulator):
    rte_emulator.fault_rate, rte_emulator.faults = 1.0, {"500": 1}
    with pytest.raises(ServerError) as info:
        client_of(rte_emulator, retries=0).get_json(m.CPPT)
    assert info.value.status == 500 and info.value.code == "internal_server_error"
    assert info.value.transaction_id


# ------------------------------------------------------------------ no data: 404 or EC45
def test_no_data_404_option(api, rte_emulator):
    rte_emulator.no_data_404 = True
    empty = period("2026-01-01T00:00:00+01:00", "2026-01-05T00:00:00+01:00")  # before the 9th
    answer = api.get(m.CPC, **empty)
    assert answer.status_code == 404
    assert answer.json()["error_description"] == m.NO_DATA_MESSAGE
    before = period("2014-01-01T00:00:00+01:00", "2015-01-01T00:00:00+01:00")
    assert api.get(m.CPPT, **before).status_code == 404  # an empty answer too
    assert api.get("/open_api/nothing").json()["error_description"] != m.NO_DATA_MESSAGE


@pytest.mark.parametrize("no_data_404", [False, True], ids=["EC45_ERR01", "404"])
def test_an_empty_chunk_is_empty_and_all_empty_is_no_data(rte_emulator, no_data_404):
    rte_emulator.no_data_404 = no_data_404
    client = client_of(rte_emulator)
    df = rtecap.get_capacities_cpc("2025-06-01", "2026-01-05", department_code="FR",
                                   client=client, progress=False)
    assert df.attrs["rtecap"]["calls"] == 2 and df.attrs["rtecap"]["empty_calls"] == 1
    assert df["capacity_kw"].notna().sum() > 0
    with pytest.raises(NoDataError) as info:
        rtecap.get_capacities_cpc("2026-01-01", "2026-01-05", client=client, progress=False)
    assert type(info.value) is NoDataError


def test_a_404_that_is_not_no_data_still_fails(rte_emulator):
    client = client_of(rte_emulator)
    with pytest.raises(rtecap.exceptions.NotFoundError):
        client.get_json("capacities_per_sector")


# ------------------------------------------------------------------ spellings
def test_alt_spellings_on_the_wire(api, rte_emulator):
    rte_emulator.today = "2025-06-15"
    rte_emulator.alt_spellings = True
    (unit, *_) = api.ok(m.CPPU)
    assert {"Code_eic_producteur", "Name_producteur"} <= set(unit["production_unit"])
    assert "production_type" in unit["values"][0] and "type" not in unit["values"][0]
    assert unit["values"][0]["end_date"] is None  # open interval: present, null
    records = api.ok(m.CPC, production_type="BIOGAZ", department_code="FR", **YEAR_2024)
    assert {r["production_type"] for r in records} == {"BIOGAS"}
    assert all("values" in r and "value" not in r for r in records if "updated_date" in r)


@pytest.mark.parametrize(("loader", "kwargs"), [
    (rtecap.get_capacities_per_production_unit, {}),
    (rtecap.get_capacities_per_production_unit, {"start_date": "2020-01-01",
                                                 "end_date": "2024-01-01"}),
    (rtecap.get_capacities_cpc, {"start_date": "2023-01-01", "end_date": "2025-01-01",
                                 "department_code": ["FR", "FR-13"]}),
], ids=["cppu-nominal", "cppu-period", "cpc"])
def test_our_parser_reads_both_spellings_alike(rte_emulator_factory, loader, kwargs):
    frames = []
    for alt in (False, True):
        server = rte_emulator_factory(today=TODAY, alt_spellings=alt)
        frames.append(loader(**kwargs, client=client_of(server), progress=False))
    pd.testing.assert_frame_equal(frames[0], frames[1])


# ------------------------------------------------------------------ CCPC-RG09 placeholders
def test_client_copes_with_an_answer_made_of_placeholders(rte_emulator):
    rte_emulator.today = TODAY
    client = client_of(rte_emulator)
    # Paris has no geothermal facility: every requested combination is a placeholder
    df = rtecap.get_capacities_cpc("2023-01-01", "2025-01-01", department_code="FR-75",
                                   production_type="GEOTHERMAL", client=client, progress=False)
    assert df["capacity_kw"].isna().all() and df.attrs["rtecap"]["calls"] == 2
    # one department, every type and network: mostly placeholders; every dated value kept
    df = rtecap.get_capacities_cpc("2024-01-01", "2025-01-01", department_code="FR-2A",
                                   client=client, progress=False)
    raw = Api(rte_emulator).ok(m.CPC, department_code="FR-2A", **YEAR_2024)
    dated = [r for r in raw if "updated_date" in r]
    assert len(raw) - len(dated) > 0
    assert df["capacity_kw"].notna().sum() == len(dated)
    assert int(df["capacity_kw"].sum()) == sum(r["value"] for r in dated)


# ------------------------------------------------------------------ one clock
class _LateOnNewYearsEve(datetime):
    """23:30 UTC on 31 December 2026: already 1 January 2027 in Paris."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 12, 31, 23, 30, tzinfo=UTC).astimezone(tz)


def test_emulators_default_today_is_the_paris_date(monkeypatch):
    monkeypatch.setattr(emulator_data, "datetime", _LateOnNewYearsEve)
    assert emulator_data.as_date(None) == date(2027, 1, 1)


def test_both_clocks_are_paris(rte_emulator_factory):
    paris = datetime.now(ZoneInfo(m.TZ)).date()
    server = rte_emulator_factory(today=None)
    ours = rules._today(None).date()
    if datetime.now(ZoneInfo(m.TZ)).date() == paris:  # not across midnight while testing
        assert server.today == paris == ours


# ------------------------------------------------------------------ reading error bodies
def _response(status: int, body: dict, headers: dict | None = None):
    import json

    import requests

    response = requests.Response()
    response.status_code, response.url = status, "https://example.org/x"
    response._content = json.dumps(body).encode()
    response.headers.update(headers or {})
    return response


@pytest.mark.parametrize(("status", "body", "headers", "cls", "code"), [
    (500, {"error_code": "TECHNICAL_ERROR", "error_description": "boom"}, {}, ServerError,
     "TECHNICAL_ERROR"),
    (404, {"error": "not_found", "error_description": "No data found."}, {}, NoDataError,
     "not_found"),
    (404, {"error_code": "NO_DATA_FOUND", "error_description": "x"}, {}, NoDataError,
     "NO_DATA_FOUND"),
    (404, {"error": "not_found", "error_description": "The resource called does not exist."},
     {}, rtecap.exceptions.NotFoundError, "not_found"),
    (509, {"error": "bandwidth_limit_exceeded"}, {"Retry-After": "7"}, RateLimitError,
     "bandwidth_limit_exceeded"),
], ids=["500-error_code", "404-no-data", "404-no-data-code", "404-not-found", "509-quota"])
def test_error_from_response(status, body, headers, cls, code):
    error = rtecap.exceptions.error_from_response(_response(status, body, headers))
    assert type(error) is cls and error.code == code and error.status == status
    if status == 509:
        assert error.retry_after == 7.0
