"""The real HTTP path (rtecap.Client + get_*) against rtecap.emulator over loopback."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
from contract import assert_frame_contract
from guide_examples import GUIDE_EXAMPLES

import rtecap
from rtecap import mappings as m
from rtecap.emulator import serve
from rtecap.exceptions import (
    AuthenticationError,
    CredentialsError,
    FunctionalError,
    OfflineCacheMissError,
    RateLimitError,
    RteApiError,
    RteValidationError,
)

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def server():
    with serve(port=0, today=TODAY, seed=0) as srv:
        yield srv


def make_client(srv, tmp_path=None, **kwargs) -> rtecap.Client:
    kwargs.setdefault("cache", False if tmp_path is None else tmp_path / "cache.sqlite")
    kwargs.setdefault("backoff_factor", 0.01)
    kwargs.setdefault("max_retry_after", 1)
    return rtecap.Client(srv.client_id, srv.client_secret, srv.url, today=TODAY, **kwargs)


def resource_calls(srv, resource: str) -> int:
    return sum(n for (path, status), n in srv.counts.items() if path.endswith(resource))


# ------------------------------------------------------------------ nominal modes
def test_nominal_mode_cppt_is_current_year(server):
    df = rtecap.get_capacities_per_production_type(client=make_client(server))
    assert_frame_contract(df, m.CPPT)
    assert set(df.index.year) == {2026}
    assert df.attrs["rtecap"]["calls"] == 1 and df.attrs["rtecap"]["parameters"] == {
        "sandbox": False}


def test_nominal_mode_cppu_stations_in_operation(server):
    df = rtecap.get_capacities_per_production_unit(client=make_client(server))
    assert_frame_contract(df, m.CPPU)
    assert len(df) > 100 and df["end_date"].isna().all()


def test_nominal_mode_cpc_latest_values(server):
    df = rtecap.get_capacities_cpc(department_code="FR", client=make_client(server))
    assert_frame_contract(df, m.CPC)
    assert df.index.nunique() >= 1 and (df["capacity_kw"] > 0).all()


# ------------------------------------------------------------------ F-codes, both sides
@pytest.mark.parametrize(("url", "code", "today"), GUIDE_EXAMPLES,
                         ids=[c for _, c, _ in GUIDE_EXAMPLES])
def test_server_answers_the_code_client_validation_raises(server, url, code, today):
    parts = urlsplit(url.replace(" ", ""))
    resource = parts.path.rsplit("/", 1)[-1]
    params = dict(parse_qsl(parts.query))
    with pytest.raises(RteValidationError) as local:
        rtecap.rules.validate_params(resource, params, today=today)
    server.today = today
    try:
        with pytest.raises(FunctionalError) as remote:
            make_client(server).get_json(resource, params)  # validation bypassed
    finally:
        server.today = TODAY
    assert local.value.code == remote.value.code == code
    assert remote.value.status == 400 and remote.value.transaction_id
    assert remote.value.message == m.error_message(code)


def test_validation_fails_before_any_call(server):
    server.reset_counts()
    with pytest.raises(RteValidationError, match="GENINSCAP_CCPC_F02"):
        rtecap.get_capacities_cpc("2023-02-16", "2023-02-14", client=make_client(server))
    with pytest.raises(RteValidationError, match="department_code"):
        rtecap.get_capacities_cpc(department_code="FR-20", client=make_client(server))
    assert sum(server.counts.values()) == 0


# ------------------------------------------------------------------ full history
def test_full_history_cppu_matches_one_call_per_year(server):
    client = make_client(server)
    server.reset_counts()
    df = rtecap.get_capacities_per_production_unit("1935-01-01", "2027-01-01", client=client,
                                                   progress=False)
    assert resource_calls(server, m.CPPU) == df.attrs["rtecap"]["calls"] == 92
    assert_frame_contract(df, m.CPPU)
    assert not df.reset_index().duplicated().any()
    # the same history read directly from the emulator's own data, without HTTP
    direct = rtecap.read_capacities_per_production_unit(_cppu_payload(server.dataset))
    pd.testing.assert_frame_equal(df, direct, check_categorical=False, check_like=False)
    assert df.index.min().year <= 1950 and df["end_date"].notna().any()


def _cppu_payload(dataset) -> dict:
    """The emulator's station records as one payload of the guide's shape."""
    def iso(value):
        return None if value is None else value.isoformat()

    units = []
    for record in dataset.cppu_records():
        value = {k: iso(record[k]) if k.endswith("date") else record[k]
                 for k in ("start_date", "end_date", "installed_capacity",
                           "voltage_level_connection", "type", "updated_date")}
        units.append({"production_unit": {k: record[k] for k in (
            "code_eic", "name", "location", "code_eic_producteur", "name_producteur")},
            "values": [{k: v for k, v in value.items() if v is not None}]})
    return {m.CPPU: units}


def test_order_does_not_depend_on_concurrency(server):
    a = rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", department_code="FR",
                                  client=make_client(server), max_workers=1, progress=False)
    b = rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", department_code="FR",
                                  client=make_client(server), max_workers=4, progress=False)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["rtecap"]["calls"] == 12
    assert a.index.is_monotonic_increasing and not a.index.hasnans  # time order


def test_long_department_list_spread_over_uri_limit(server):
    departments = [d for d in m.DEPARTMENT_CODES if d != "FR"]
    client = make_client(server)
    server.reset_counts()
    df, rg09 = rtecap.get_capacities_cpc("2024-01-01", "2025-01-01",
                                         department_code=departments, network_connection="RPD",
                                         production_type="SOLAR", client=client, progress=False,
                                         return_undated=True)
    calls = df.attrs["rtecap"]["calls"]
    assert calls > 1 and resource_calls(server, m.CPC) == calls
    assert not any(status == 414 for _, status in server.counts)
    answered = set(df["department_code"].unique()) | set(rg09["department_code"].unique())
    assert answered == set(departments)  # with data, or a CCPC-RG09 placeholder set aside
    assert df.attrs["rtecap"]["set_aside"] == {"undated": 0, "placeholders": len(rg09)}


def test_cpc_fr_equals_sum_of_departments(server):
    df = rtecap.get_capacities_cpc("2025-01-01", "2026-01-01", client=make_client(server),
                                   progress=False)
    fr = df[df["department_code"] == "FR"].groupby(level=0)["capacity_kw"].sum()
    deps = df[df["department_code"] != "FR"].groupby(level=0)["capacity_kw"].sum()
    pd.testing.assert_series_equal(fr, deps, check_names=False)


# ------------------------------------------------------------------ resilience
def test_rate_limit_429_is_retried_with_retry_after(tmp_path):
    with serve(today=TODAY, rate_limit=5) as srv:
        df = rtecap.get_capacities_per_production_type(
            "2015-01-01", "2027-01-01", client=make_client(srv, max_retry_after=2),
            max_workers=4, progress=False)
        assert any(status == 429 for _, status in srv.counts)
    assert sorted(set(df.index.year)) == list(range(2015, 2027))


def test_rate_limit_that_outlasts_retries_raises(server):
    with serve(today=TODAY, rate_limit=1) as srv:
        client = make_client(srv, retries=0)
        client.get_json(m.CPPT)
        with pytest.raises(RateLimitError) as info:
            client.get_json(m.CPPT)
    assert info.value.status == 429 and info.value.retry_after >= 1


def test_token_expiry_mid_run():
    with serve(today=TODAY, token_lifetime=1, latency_ms=40) as srv:
        df = rtecap.get_capacities_per_production_unit(
            "1990-01-01", "2026-01-01", client=make_client(srv), max_workers=1, progress=False)
        tokens = sum(n for (path, status), n in srv.counts.items()
                     if path == m.TOKEN_PATH and status == 200)
        unauthorised = sum(n for (path, status), n in srv.counts.items() if status == 401)
    assert df.attrs["rtecap"]["calls"] == 36
    assert tokens >= 2  # renewed during the run, mostly before expiry
    assert unauthorised < tokens


def test_5xx_burst_gives_the_fault_free_frame(server):
    clean = rtecap.get_capacities_cpc("2020-01-01", "2026-01-01", department_code="FR",
                                      client=make_client(server), progress=False)
    with serve(today=TODAY, fault_rate=0.5, faults={"500": 1, "503": 1}) as srv:
        srv.reseed(3)  # same data (seed 0), other fault draws
        faulty = rtecap.get_capacities_cpc("2020-01-01", "2026-01-01", department_code="FR",
                                           client=make_client(srv, retries=8), progress=False)
        assert any(status >= 500 for _, status in srv.counts)
    pd.testing.assert_frame_equal(clean, faulty)


def test_timeout_fails_the_call_naming_the_chunk():
    with serve(today=TODAY, latency_ms=1500) as srv:
        client = make_client(srv, timeout=(2, 0.3), retries=1)
        with pytest.raises(RteApiError) as info:
            rtecap.get_capacities_per_production_type("2015-01-01", "2017-01-01",
                                                      client=client, progress=False)
    assert "timed out" in str(info.value)
    assert any("2015-01-01T00:00:00+01:00" in note for note in info.value.__notes__)


def test_truncated_bodies_are_retried(server):
    clean = rtecap.get_capacities_per_production_type("2015-01-01", "2027-01-01",
                                                      client=make_client(server))
    with serve(today=TODAY, fault_rate=0.5, faults={"truncate": 1}) as srv:
        srv.reseed(1)
        faulty = rtecap.get_capacities_per_production_type(
            "2015-01-01", "2027-01-01", client=make_client(srv, retries=10), progress=False)
    pd.testing.assert_frame_equal(clean, faulty)


# ------------------------------------------------------------------ auth and secrets
def test_wrong_credentials(server):
    client = rtecap.Client(server.client_id, "not-the-secret", server.url, cache=False)
    with pytest.raises(AuthenticationError) as info:
        client.get_json(m.CPPT)
    assert "not-the-secret" not in str(info.value)


def test_refused_credentials_fail_a_load_with_one_clear_error(server):
    """Found case (issue 15 session): a 401 from the token endpoint, shared by the concurrent
    calls of a load, carried one note per call that had waited for the token."""
    client = rtecap.Client(server.client_id, "not-the-secret", server.url, cache=False)
    with pytest.raises(AuthenticationError) as info:
        rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", client=client, progress=False)
    assert getattr(info.value, "__notes__", []) == []
    assert "not-the-secret" not in str(info.value)


def test_missing_credentials_clear_error(server, monkeypatch):
    monkeypatch.delenv("RTE_CLIENT_ID", raising=False)
    monkeypatch.delenv("RTE_CLIENT_SECRET", raising=False)
    with pytest.raises(CredentialsError, match="RTE_CLIENT_ID"):
        rtecap.Client(base_url=server.url, cache=False).get_json(m.CPPT)


def test_credentials_from_environment(server, monkeypatch):
    monkeypatch.setenv("RTE_CLIENT_ID", server.client_id)
    monkeypatch.setenv("RTE_CLIENT_SECRET", server.client_secret)
    payload, from_cache = rtecap.Client(base_url=server.url, cache=False).get_answer(m.CPPT)
    assert m.CPPT in payload and not from_cache


def test_repr_masks_secret_and_http_is_loopback_only(server):
    client = make_client(server)
    assert server.client_secret not in repr(client) and "***" in repr(client)
    with pytest.raises(ValueError, match="loopback"):
        rtecap.Client("id", "secret", "http://example.org")
    rtecap.Client("id", "secret", "https://example.org", cache=False)  # https is fine


def test_no_secret_in_logs(server, caplog):
    caplog.set_level(logging.DEBUG)
    client = make_client(server)
    client.get_json(m.CPPT)
    token = client._token["access_token"]
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert server.client_secret not in text and token not in text


# ------------------------------------------------------------------ cache and offline
def test_offline_replay_after_cold_fetch(tmp_path, monkeypatch):
    monkeypatch.delenv("RTE_CLIENT_ID", raising=False)
    monkeypatch.delenv("RTE_CLIENT_SECRET", raising=False)
    with serve(today=TODAY) as srv:
        cold = rtecap.get_capacities_per_production_type(
            "2015-01-01", "2027-01-01", client=make_client(srv, tmp_path), progress=False)
        url, secret = srv.url, srv.client_secret
    assert cold.attrs["rtecap"]["from_cache"] is False
    # server stopped; no credentials at all: everything comes from the cache
    offline = rtecap.Client(base_url=url, cache=tmp_path / "cache.sqlite", offline=True,
                            today=TODAY)
    warm = rtecap.get_capacities_per_production_type("2015-01-01", "2027-01-01",
                                                     client=offline, progress=False)
    pd.testing.assert_frame_equal(cold, warm)
    assert warm.attrs["rtecap"]["from_cache"] is True
    with pytest.raises(OfflineCacheMissError) as info:  # raised as itself (no wrapper)
        rtecap.get_capacities_per_production_type("2015-01-01", "2016-01-01",
                                                  production_type="SOLAR", client=offline)
    assert type(info.value) is OfflineCacheMissError
    assert "production_type=SOLAR" in info.value.url
    assert info.value.__notes__ == [
        "capacities_per_production_type: call 1/1 (2015-01-01T00:00:00+01:00 -> "
        "2016-01-01T00:00:00+01:00 {'production_type': 'SOLAR'}) failed"]
    # no secret, no token in the cache file
    blob = Path(tmp_path / "cache.sqlite").read_bytes()
    assert secret.encode() not in blob


def test_cache_holds_no_authorization_header(tmp_path):
    with serve(today=TODAY) as srv:
        client = make_client(srv, tmp_path)
        client.get_json(m.CPPT)
        token = client._token["access_token"]
        client.close()
        files = list(tmp_path.iterdir())
        blob = b"".join(f.read_bytes() for f in files if f.is_file())
        assert token.encode() not in blob and srv.client_secret.encode() not in blob
        with sqlite3.connect(tmp_path / "cache.sqlite") as db:
            assert db.execute("select count(*) from responses").fetchone()[0] == 1


def test_cache_hit_needs_no_token_request(tmp_path):
    with serve(today=TODAY) as srv:
        make_client(srv, tmp_path).get_json(m.CPPT)
        srv.reset_counts()
        payload, from_cache = make_client(srv, tmp_path).get_answer(m.CPPT)
        assert from_cache and sum(srv.counts.values()) == 0


def test_attrs_provenance_holds_no_secret(server):
    df = rtecap.get_capacities_per_production_type("2015-01-01", "2017-01-01",
                                                   client=make_client(server))
    attrs = df.attrs["rtecap"]
    assert attrs["resource"] == m.CPPT and attrs["version"] == rtecap.__version__
    assert attrs["period"] == ["2015-01-01T00:00:00+01:00", "2017-01-01T00:00:00+01:00"]
    assert attrs["calls"] == 2
    assert server.client_secret not in repr(attrs)


def test_sandbox(server):
    df = rtecap.get_capacities_cpc("2015-02-09", "2026-01-01",
                                   client=make_client(server, sandbox=True))
    assert df.attrs["rtecap"]["calls"] == 1 and len(df) >= 1


def test_lang_fr(server):
    df = rtecap.get_capacities_per_production_type(client=make_client(server), lang="fr")
    assert df.index.name == "date_debut" and "puissance_mw" in df.columns
    assert "NUCLEAIRE" in set(df["type_production"])


def test_progress_bar_can_be_disabled(server, capsys, monkeypatch):
    monkeypatch.setenv("TQDM_DISABLE", "1")
    rtecap.get_capacities_per_production_type("2015-01-01", "2018-01-01",
                                              client=make_client(server), progress=True)
    assert "call" not in capsys.readouterr().err
    monkeypatch.delenv("TQDM_DISABLE")
    rtecap.get_capacities_per_production_type("2015-01-01", "2018-01-01",
                                              client=make_client(server), progress=True)
    assert "/3 [" in capsys.readouterr().err


def test_get_without_credentials_or_client(monkeypatch):
    monkeypatch.delenv("RTE_CLIENT_ID", raising=False)
    monkeypatch.delenv("RTE_CLIENT_SECRET", raising=False)
    monkeypatch.setenv("RTECAP_OFFLINE", "0")
    with pytest.raises(CredentialsError, match="RTE_CLIENT_ID"):
        rtecap.get_capacities_per_production_type(
            client=rtecap.Client(base_url="http://127.0.0.1:9", cache=False))


def test_base_url_from_environment(server, monkeypatch):
    monkeypatch.setenv("RTE_BASE_URL", server.url)
    client = rtecap.Client(server.client_id, server.client_secret, cache=False)
    assert client.base_url == server.url
    monkeypatch.delenv("RTE_BASE_URL")
    assert rtecap.Client(cache=False).base_url == m.DEFAULT_BASE_URL
