"""rtecap.fetch: a failed call of a multi-call load is raised as itself, with a note."""

from __future__ import annotations

import pytest

import rtecap
from rtecap import fetch, rules
from rtecap import mappings as m
from rtecap.client import Answer
from rtecap.exceptions import (
    FunctionalError,
    NotFoundError,
    OfflineCacheMissError,
    RteError,
)

TODAY = "2026-11-23"


def _client(monkeypatch, fail_on: int, error: BaseException) -> rtecap.Client:
    """A client whose ``fail_on``-th call raises ``error`` (no network: get_answer is replaced)."""
    client = rtecap.Client("id", "secret", "https://api.invalid", cache=False, today=TODAY)
    calls = []

    def get_answer(resource, params=None, **options):
        calls.append(params)
        if len(calls) == fail_on:
            raise error
        return Answer({resource: []}, False)

    monkeypatch.setattr(client, "get_answer", get_answer)
    return client


@pytest.mark.parametrize(
    "error",
    [
        FunctionalError("bad period", status=400, code="GENINSCAP_CPPT_F03"),
        NotFoundError("no such resource", status=404),
        OfflineCacheMissError("offline and not in the cache", url="https://api.invalid/x"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_error_of_one_call_is_raised_as_itself_with_a_note(monkeypatch, error):
    client = _client(monkeypatch, fail_on=2, error=error)
    query = rules.validate(m.CPPT, "2015-01-01", "2018-01-01", today=TODAY, chunked=True)
    with pytest.raises(type(error)) as info:
        fetch.load(query, client, max_workers=1, progress=False)
    assert info.value is error  # the very exception: type, code, status, url kept
    assert info.value.__notes__ == [
        "capacities_per_production_type: call 2/3 "
        "(2016-01-01T00:00:00+01:00 -> 2017-01-01T00:00:00+01:00) failed"
    ]


def test_a_bug_is_not_disguised_as_an_api_error(monkeypatch):
    client = _client(monkeypatch, fail_on=1, error=KeyError("a bug in rtecap"))
    with pytest.raises(KeyError) as info:
        rtecap.get_capacities_per_production_type("2015-01-01", "2016-01-01", client=client)
    assert not isinstance(info.value, RteError)
    assert "call 1/1" in info.value.__notes__[0]


def test_chunk_error_is_gone():
    assert not hasattr(rtecap.exceptions, "ChunkError")
