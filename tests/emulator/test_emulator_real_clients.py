"""What public client code sends, and how a ``Z`` date is read in the calendar rules.

Real clients ask for a token with a POST carrying HTTP Basic and no body, to ``/token/oauth``
with or without the final slash; they send dates with ``Z`` (``2024-01-01T00:00:00Z``, even
``T23:59:59Z``); their most common call is CPPU with no dates. A ``Z`` date is an instant (UTC),
read in Paris wall time like any other: ``2024-01-01T00:00:00Z`` is 01:00 in Paris. The
pinned consequences are the rows of ``REAL_CLIENT_EXAMPLES`` (docs/guide-rules.md, "Dates").
``strict=True`` keeps the guide's literal ``±hh:mm``.
"""

from __future__ import annotations

import pytest
import requests
from emulator_helpers import V1, Api, period

import rtecap
from rtecap import mappings as m
from rtecap import rules
from rtecap.exceptions import RteValidationError

TODAY = "2026-11-23"
# (resource, start, end, expected code or None, what rtecap pins)
REAL_CLIENT_EXAMPLES = [
    (m.CPPU, "2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z", None, "a year less a second"),
    (m.CPC, "2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z", None, "a year less a second"),
    (m.CPPT, "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z", None,
     "01:00 -> 01:00 Paris: one calendar year (F05 met); RG06 gives 2023 and 2024"),
    (m.CPPT, "2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z", "GENINSCAP_CPPT_F05",
     "one calendar year less a second, in any time zone"),
    (m.CPPT, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "GENINSCAP_CPPT_F04",
     "ends at 01:00 Paris, after the 1 January 00:00 limit"),
    (m.CPPT, "2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z", None,
     "Paris midnights written in UTC: exactly the limit"),
    (m.CPC, "2026-11-01T00:00:00Z", "2026-11-24T00:00:00Z", "GENINSCAP_CCPC_F04",
     "01:00 Paris on D+1, after its 00:00"),
    (m.CPC, "2026-11-01T00:00:00Z", "2026-11-23T23:00:00Z", None, "D+1 00:00 Paris exactly"),
    (m.CPPU, "2024-01-01T05:30:00+05:30", "2024-02-01T00:00:00-03:00", None, "any offset"),
]
IDS = [f"{r[:16]}-{s}-{e}" for r, s, e, *_ in REAL_CLIENT_EXAMPLES]


def basic_token(server, path: str) -> requests.Response:
    """The token request of public client code: Basic auth, no body at all."""
    return requests.post(server.url + path, auth=(server.client_id, server.client_secret),
                         timeout=10)


@pytest.mark.parametrize("path", ["/token/oauth/", "/token/oauth"])
def test_token_post_with_basic_auth_and_no_body(rte_emulator, path):
    answer = basic_token(rte_emulator, path)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 7200
    headers = {"Authorization": "Bearer " + body["access_token"]}
    units = requests.get(rte_emulator.url + V1 + m.CPPU, headers=headers, timeout=30)
    assert units.status_code == 200 and len(units.json()[m.CPPU]) > 100  # CPPU, no dates


def test_an_explicit_other_grant_type_is_still_refused(rte_emulator):
    answer = requests.post(rte_emulator.token_url, data={"grant_type": "password"},
                           auth=(rte_emulator.client_id, rte_emulator.client_secret), timeout=10)
    assert (answer.status_code, answer.json()["error"]) == (400, "unsupported_grant_type")


@pytest.mark.parametrize(("resource", "start", "end", "code", "why"), REAL_CLIENT_EXAMPLES,
                         ids=IDS)
def test_real_client_dates(api, rte_emulator, resource, start, end, code, why):
    rte_emulator.today = TODAY
    if code is None:
        api.ok(resource, **period(start, end))
    else:
        api.fails(resource, code, **period(start, end))
    try:  # rtecap's own reading of the wire agrees
        rules.validate_params(resource, period(start, end), today=TODAY)
        ours = None
    except RteValidationError as error:
        ours = error.code
    assert ours == code, why


def test_z_year_reaches_into_the_next_calendar_year(api, rte_emulator):
    """CPPT-RG06 with Z: 2023-01-01T00:00:00Z -> 2024-01-01T00:00:00Z is 01:00 -> 01:00 in
    Paris, so the first hour of 2024 is in the period and 2024's block comes back too."""
    rte_emulator.today = TODAY
    years = api.ok(m.CPPT, **period("2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z"))
    assert [y["start_date"][:4] for y in years] == ["2024", "2023"]
    plus = api.ok(m.CPPT, **period("2023-01-01T00:00:00+01:00", "2024-01-01T00:00:00+01:00"))
    assert [y["start_date"][:4] for y in plus] == ["2023"]


def test_strict_keeps_the_guides_literal_format(api, rte_emulator):
    rte_emulator.strict = True
    z = period("2024-01-01T00:00:00Z", "2024-12-31T23:59:59Z")
    api.fails(m.CPPU, "GENINSCAP_CPPU_F06", **z)
    api.ok(m.CPPU, **period("2024-01-01T00:00:00+01:00", "2024-12-31T23:59:59+01:00"))
    with pytest.raises(RteValidationError, match="F06"):
        rules.validate_params(m.CPPU, z, today=TODAY, strict=True)
    rte_emulator.strict = False
    api.ok(m.CPPU, **z)


def test_our_client_sends_the_guides_form(rte_emulator_factory):
    """A strict server refuses Z: a load that passes there sent +hh:mm."""
    server = rte_emulator_factory(strict=True, today=TODAY)
    client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                           today=TODAY)
    df = rtecap.get_capacities_per_production_unit("2024-01-01", "2024-06-01", client=client,
                                                   progress=False)
    assert len(df) > 100
    assert df.attrs["rtecap"]["period"] == ["2024-01-01T00:00:00+01:00",
                                            "2024-06-01T00:00:00+02:00"]
    assert df.attrs["rtecap"]["calls"] == 1


def test_token_lifetime_default_is_rtes_two_hours(rte_emulator_factory):
    server = rte_emulator_factory()
    assert server.token_lifetime == 7200
    assert Api(server).get(m.CPPT).status_code == 200
