"""OAuth2, technical errors (guide §5.2), rate limit, seeded faults, sandbox, counters."""

from __future__ import annotations

import json
import socket
import time

import pytest
import requests
from emulator_helpers import V1, Api

R = "capacities_per_production_type"


def envelope_ok(body: dict, error: str, key: str = "error") -> None:
    assert body[key] == error and body["error_description"] and body["error_uri"]
    assert body["error_details"]["transaction_id"]


# ------------------------------------------------------------------ OAuth2
def test_token_answer(rte_emulator):
    answer = requests.post(rte_emulator.url + "/token/oauth/",
                           auth=(rte_emulator.client_id, rte_emulator.client_secret),
                           data={"grant_type": "client_credentials"}, timeout=10)
    body = answer.json()
    assert answer.status_code == 200 and body["token_type"] == "Bearer"
    assert body["expires_in"] == 7200 and len(body["access_token"]) >= 32  # RTE's 2 hours


def test_credentials_in_the_form_are_accepted(rte_emulator):
    answer = requests.post(rte_emulator.url + "/token/oauth/", timeout=10, data={
        "grant_type": "client_credentials", "client_id": rte_emulator.client_id,
        "client_secret": rte_emulator.client_secret})  # fmt: skip
    assert answer.status_code == 200


@pytest.mark.parametrize("auth", [("rtecap-emulator", "wrong"), ("someone", None)])
def test_wrong_credentials_401(rte_emulator, auth):
    auth = (auth[0], auth[1] or rte_emulator.client_secret)
    answer = requests.post(rte_emulator.url + "/token/oauth/", auth=auth, timeout=10,
                           data={"grant_type": "client_credentials"})
    assert answer.status_code == 401
    envelope_ok(answer.json(), "invalid_client")


def test_bad_grant_type_and_method(rte_emulator):
    auth = (rte_emulator.client_id, rte_emulator.client_secret)
    url = rte_emulator.url + "/token/oauth/"
    answer = requests.post(url, auth=auth, data={"grant_type": "password"}, timeout=10)
    assert (answer.status_code, answer.json()["error"]) == (400, "unsupported_grant_type")
    assert requests.get(url, auth=auth, timeout=10).status_code == 405


@pytest.mark.parametrize("header", [None, "Bearer not-a-token", "Basic abc"])
def test_resources_need_a_valid_bearer_token(rte_emulator, header):
    headers = {"Authorization": header} if header else {}
    answer = requests.get(rte_emulator.url + V1 + R, headers=headers, timeout=10)
    assert answer.status_code == 401
    envelope_ok(answer.json(), "invalid_token")


def test_token_expiry(rte_emulator):
    rte_emulator.token_lifetime = 1
    api = Api(rte_emulator)
    assert api.get(R).status_code == 200
    time.sleep(1.2)
    assert api.get(R).status_code == 401
    api.session.headers["Authorization"] = "Bearer " + api.token()
    assert api.get(R).status_code == 200


# ------------------------------------------------------------------ technical errors
def test_404_unknown_path_with_envelope(api):
    for path in ("/nothing", V1 + "capacities_per_sector", V1 + R + "/"):
        answer = api.get(path)
        assert answer.status_code == 404
        envelope_ok(answer.json(), "not_found")


def test_405_on_resources(api):
    assert api.session.post(api.server.url + V1 + R, timeout=10).status_code == 405


def test_414_past_512_characters(api):
    base = V1 + R + "?x="
    assert api.get(base + "a" * (512 - len(base))).status_code == 200
    answer = api.get(base + "a" * (513 - len(base)))
    assert answer.status_code == 414
    envelope_ok(answer.json(), "uri_too_long")


def test_429_with_retry_after(api, rte_emulator):
    rte_emulator.rate_limit = 3
    statuses = [api.get(R) for _ in range(12)]
    limited = [a for a in statuses if a.status_code == 429]
    assert limited and statuses[0].status_code == 200
    for answer in limited:
        assert int(answer.headers["Retry-After"]) >= 1
        envelope_ok(answer.json(), "too_many_requests")
    time.sleep(int(limited[-1].headers["Retry-After"]))
    assert api.get(R).status_code == 200


def test_rate_limit_is_per_client(rte_emulator_factory):
    server = rte_emulator_factory(rate_limit=1)
    first, second = Api(server), Api(server)
    assert first.get(R).status_code == 200 and first.get(R).status_code == 429
    assert second.get(R).status_code == 429  # same client id behind both tokens


def test_latency(api, rte_emulator):
    rte_emulator.latency_ms = 200
    start = time.monotonic()
    api.get(R)
    assert time.monotonic() - start >= 0.2


# ------------------------------------------------------------------ faults
def statuses(server, n: int = 40) -> list[int]:
    api = Api(server)
    return [api.get(R).status_code for _ in range(n)]


def test_faults_reproducible_with_a_seed(rte_emulator_factory):
    mix = {"500": 1, "503": 1, "408": 1, "429": 1}
    one = statuses(rte_emulator_factory(seed=7, fault_rate=0.5, faults=mix))
    two = statuses(rte_emulator_factory(seed=7, fault_rate=0.5, faults=mix))
    other = statuses(rte_emulator_factory(seed=8, fault_rate=0.5, faults=mix))
    assert one == two and one != other
    assert set(one) == {200, 500, 503, 408, 429}


def test_reseed_restarts_the_sequence(rte_emulator):
    rte_emulator.fault_rate, rte_emulator.faults = 0.5, {"500": 1}
    first = statuses(rte_emulator, 20)
    rte_emulator.reseed()
    assert statuses(rte_emulator, 20) == first


def test_faults_spare_the_token_endpoint(rte_emulator):
    rte_emulator.fault_rate, rte_emulator.faults = 1.0, {"500": 1}
    api = Api(rte_emulator)  # gets its token despite fault_rate=1
    answer = api.get(R)
    assert answer.status_code == 500
    envelope_ok(answer.json(), "internal_server_error", key="error_code")  # §5.2's 500
    assert rte_emulator.faults_served == {"500": 1}


def test_truncated_body_is_incomplete(api, rte_emulator):
    rte_emulator.fault_rate, rte_emulator.faults = 1.0, {"truncate": 1}
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        api.get(R)
    rte_emulator.fault_rate = 0.0
    assert api.get(R).status_code == 200  # the session reconnects


def test_bad_json_body(api, rte_emulator):
    rte_emulator.fault_rate, rte_emulator.faults = 1.0, {"bad_json": 1}
    answer = api.get(R)
    assert answer.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)


def test_slow_answer(api, rte_emulator):
    rte_emulator.fault_rate, rte_emulator.faults, rte_emulator.slow_ms = 1.0, {"slow": 1}, 300
    start = time.monotonic()
    assert api.get(R).status_code == 200
    assert time.monotonic() - start >= 0.3


def test_bad_fault_settings_raise(rte_emulator):
    with pytest.raises(ValueError):
        rte_emulator.faults = {"404": 1}
    with pytest.raises(ValueError):
        rte_emulator.fault_rate = 1.5


# ------------------------------------------------------------------ sandbox, counters, life
def test_sandbox_serves_the_guide_examples_whatever_the_parameters(api):
    cpc = api.ok("sandbox/capacities_cpc?start_date=nonsense")
    assert [r["production_type"] for r in cpc] == ["BIOGAS", "BIOGAS"]
    assert [r["values"] for r in cpc] == [323012, 2925]
    (unit,) = api.ok("sandbox/capacities_per_production_unit")
    assert unit["production_unit"]["name"] == "Pont-sur-Sambre"
    assert unit["values"][0]["type"] == "FOSSIL_GAS"
    (year,) = api.ok("sandbox/capacities_per_production_type", production_type="NOPE")
    assert [(v["type"], v["value"]) for v in year["values"]] == [("FOSSIL_GAS", 6121),
                                                                 ("OTHER", 62)]
    assert requests.get(api.server.url + V1 + "sandbox/" + R, timeout=10).status_code == 401


def test_counts(api, rte_emulator):
    api.get(R)
    api.get(R)
    api.get("/nothing")
    assert rte_emulator.counts[V1 + R, 200] == 2
    assert rte_emulator.counts["/nothing", 404] == 1
    assert rte_emulator.counts["/token/oauth/", 200] == 1
    assert rte_emulator.requests_total == 4
    rte_emulator.reset_counts()
    assert rte_emulator.requests_total == 0


def test_repr_hides_the_secret(rte_emulator):
    assert rte_emulator.client_secret not in repr(rte_emulator)
    assert rte_emulator.url in repr(rte_emulator)


def test_stop_frees_the_port_and_closes_kept_alive_connections(rte_emulator_factory):
    server = rte_emulator_factory()
    api = Api(server)
    assert api.get(R).status_code == 200
    server.stop()
    with pytest.raises(requests.exceptions.ConnectionError):
        api.get(R)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0
