"""``rules.validate_params`` and the emulator agree, proven on drawn parameter sets.

1,000 examples per resource are checked in-process (the emulator's own check function,
``rtecap.emulator.checks.parse_query``); a sample is confirmed over real HTTP. Both sides must
give the same accept or reject, the same GENINSCAP code, and when they accept, the same
instants and filters.

The one case where they differ on purpose, named here and in docs/guide-rules.md: a
parameter the resource does not take -- ``validate_params`` raises (without a code, naming
it) so a typo is caught before any call; the server ignores it.

The draws are seeded: ``RTECAP_PARITY_SEED`` (default below) is printed with any failure;
rerun with the same value to replay it.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
import requests
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from parity import known_names, parameter_sets, rules_outcome, server_outcome, strict_kw

from rtecap import mappings as m
from rtecap import rules
from rtecap.exceptions import RteValidationError

SEED = int(os.environ.get("RTECAP_PARITY_SEED", "20261127"))
TODAY = date(2026, 11, 23)
PARITY = settings(max_examples=1000, deadline=None, database=None, print_blob=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
#: (resource, (params, today)) for any of the three resources.
ANY_RESOURCE = st.sampled_from([m.CPPT, m.CPPU, m.CPC]).flatmap(
    lambda r: st.tuples(st.just(r), parameter_sets(r)))


def _check(resource: str, params: dict[str, str], today, strict: bool = False) -> tuple:
    """Assert agreement (after the named difference) and return the server's outcome."""
    where = (f"{resource} {params!r} today={today} strict={strict} -- replay with "
             f"RTECAP_PARITY_SEED={SEED}")
    names = {name.strip() for name in params}
    unknown = sorted(names - known_names(resource))
    if unknown:  # the named difference: validate_params refuses what the server ignores
        with pytest.raises(RteValidationError) as info:
            rules.validate_params(resource, params, today=today, **strict_kw(strict))
        assert info.value.code is None and info.value.parameter == unknown[0], where
        params = {k: v for k, v in params.items() if k.strip() not in unknown}
    server = server_outcome(resource, params, today, strict)
    ours = rules_outcome(resource, params, today, strict)
    assert ours == server, f"rules {ours} != emulator {server} for {where}"
    return server


@pytest.mark.slow
@pytest.mark.parametrize("resource", [m.CPPT, m.CPPU, m.CPC])
def test_validate_params_agrees_with_the_emulator(resource):
    @seed(SEED)
    @PARITY
    @given(parameter_sets(resource))
    def run(drawn):
        _check(resource, *drawn)

    print(f"parity seed: RTECAP_PARITY_SEED={SEED}")
    run()


# The cases the parity test found on the original code, each with the outcome both now give.
P1 = {"start_date": "2023-01-01T00:00:00+01:00", "end_date": "2024-01-01T00:00:00+01:00"}
FOUND = [
    (m.CPPU, {"start_date": "", "end_date": ""}, "accept"),  # empty values: absent
    (m.CPPU, {"start_date": "2023-01-01T00:00:00+01:00", "end_date": ""}, "GENINSCAP_CPPU_F01"),
    (m.CPC, {**P1, "production_type": ""}, "accept"),  # an empty list: no filter
    (m.CPC, {**P1, "production_type": "SOLAR,,WIND"}, "accept"),  # empty items skipped
    (m.CPC, {**P1, "production_type": "solar"}, None),  # exact case on the wire
    (m.CPC, {"start_date": "2023-02-16T00:00:00+01:00", "end_date": "2023-02-14T00:00:00+01:00",
             "production_type": "NOPE"}, "GENINSCAP_CCPC_F02"),  # dates before lists
    (m.CPC, {"start_date": "2015-01-01T00:00:00+01:00",
             "end_date": "2015-02-01T00:00:00+01:00"}, "accept"),  # before the first data
    (m.CPPT, {"start_date": "2023-01-01T00:00:00+01:00\n",
              "end_date": "2024-01-01T00:00:00+01:00"}, "GENINSCAP_CPPT_F06"),
    (m.CPPT, {"start_date": "2015-10-25T02:59:00+02:00",
              "end_date": "2015-10-25T02:29:00+01:00"}, "GENINSCAP_CPPT_F05"),  # instants
    (m.CPPU, {"start_date": "9999-06-01T00:00:00+01:00",
              "end_date": "9999-12-31T00:00:00+01:00"}, "GENINSCAP_CPPU_F06"),
    (m.CPPU, {"start_date": "2024-01-01T00:00:00Z",
              "end_date": "2024-12-31T23:59:59Z"}, "accept"),
]


@pytest.mark.parametrize(("resource", "params", "expected"), FOUND,
                         ids=[f"{r[11:15]}-{i}" for i, (r, _, _) in enumerate(FOUND)])
def test_found_cases(resource, params, expected):
    outcome = _check(resource, params, TODAY)
    assert (outcome[0] if expected == "accept" else outcome[1]) == expected


@pytest.mark.slow
def test_strict_readings_agree_too():
    """``strict=True`` on both sides (200 draws per resource): ``Z`` is F06 for both."""
    @seed(SEED)
    @settings(PARITY, max_examples=200)
    @given(ANY_RESOURCE)
    def run(drawn):
        resource, (params, today) = drawn
        _check(resource, params, today, strict=True)

    run()


@pytest.mark.slow
def test_a_sample_agrees_over_http(rte_emulator):
    """The in-process outcome is what the running server answers (40 draws)."""
    session = requests.Session()
    token = session.post(rte_emulator.token_url,
                         auth=(rte_emulator.client_id, rte_emulator.client_secret),
                         timeout=10).json()["access_token"]
    session.headers["Authorization"] = "Bearer " + token
    seen = set()

    @seed(SEED)
    @settings(PARITY, max_examples=40)
    @given(ANY_RESOURCE)
    def run(drawn):
        resource, (params, _) = drawn
        today = rte_emulator.today  # one clock for the sample: no dataset rebuilt per draw
        url = rte_emulator.url + m.API_PATH + "/" + resource
        prepared = session.prepare_request(requests.Request("GET", url, params=params))
        if len(prepared.path_url) > m.MAX_URI_LENGTH:
            return  # 414 comes first; not a rule of the guide's §5.1
        outcome = _check(resource, params, today)
        answer = session.send(prepared, timeout=30)
        body = answer.json()
        if outcome[0] == "accept":
            assert answer.status_code == 200 or body.get("error") == m.NO_DATA_CODE, body
        else:
            assert answer.status_code == 400, body
            assert body["error"] == (outcome[1] or "invalid_request"), (params, body)
        seen.add(outcome[0])

    run()
    assert seen == {"accept", "reject"}
