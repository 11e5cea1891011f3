"""Soak: the full history of the three resources under injected faults equals the clean run."""

from __future__ import annotations

import pandas as pd
import pytest

import rtecap
from rtecap import mappings as m
from rtecap.emulator import serve

TODAY = "2026-11-23"
HISTORY = {
    m.CPPT: ("2015-01-01", "2027-01-01", {}),
    m.CPPU: ("1935-01-01", "2027-01-01", {}),
    m.CPC: ("2015-02-09", "2026-11-24", {"department_code": ["FR", "FR-13", "FR-2A"]}),
}
LOADERS = {
    m.CPPT: rtecap.get_capacities_per_production_type,
    m.CPPU: rtecap.get_capacities_per_production_unit,
    m.CPC: rtecap.get_capacities_cpc,
}


def _history(srv, **client_kwargs):
    client = rtecap.Client(srv.client_id, srv.client_secret, srv.url, cache=False, today=TODAY,
                           **client_kwargs)
    return {
        resource: LOADERS[resource](start, end, **filters, client=client, max_workers=4,
                                    progress=False)
        for resource, (start, end, filters) in HISTORY.items()
    }


@pytest.mark.soak
def test_soak_full_history_under_faults():
    with serve(today=TODAY, seed=0) as srv:
        clean = _history(srv)
    faults = {"500": 10, "503": 10, "429": 10, "slow": 5}  # 20 % 5xx, 10 % 429, 5 % slow
    with serve(today=TODAY, fault_rate=0.35, faults=faults, token_lifetime=1,
               latency_ms=5) as srv:
        srv.reseed(7)  # the same data as the clean run (seed 0), other fault draws
        faulty = _history(srv, retries=10, backoff_factor=0.02, max_retry_after=0.5)
        statuses = {status for _, status in srv.counts}
        served = sum(srv.counts.values())
    assert {429, 500, 503} <= statuses, statuses
    calls = sum(frame.attrs["rtecap"]["calls"] for frame in clean.values())
    assert calls >= 100 and served > calls
    for resource in HISTORY:
        a, b = clean[resource], faulty[resource]
        assert len(a) == len(b), resource            # 0 rows lost
        assert not b.reset_index().duplicated().any(), resource  # 0 duplicated
        pd.testing.assert_frame_equal(a, b)
