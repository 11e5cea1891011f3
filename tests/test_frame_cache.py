"""Warm loads and the frame cache (issue 15): a load the HTTP cache answers whole is served the
parse of the very bytes the HTTP cache holds now -- from the frame cache when it holds that
parse -- and any missing, expired (online) or replaced answer takes the ordinary path."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pandas as pd
import pytest

import rtecap
from rtecap import _frames, fetch
from rtecap import mappings as m
from rtecap.emulator import serve
from rtecap.exceptions import OfflineCacheMissError

TODAY = "2026-11-23"
PERIOD = ("2015-01-01", "2021-01-01")  # six CPPT calls, one per year
LOAD = rtecap.get_capacities_per_production_type


@pytest.fixture(scope="module")
def server():
    with serve(port=0, today=TODAY, seed=0) as srv:
        yield srv


@pytest.fixture
def parses(monkeypatch) -> list:
    """Every parse a load runs (a frame served from the frame cache runs none)."""
    seen: list = []
    real = fetch._parse

    def spy(resource, answers, options):
        seen.append(resource)
        return real(resource, answers, options)

    monkeypatch.setattr(fetch, "_parse", spy)
    return seen


def client_of(srv, path: Path, **kwargs) -> rtecap.Client:
    return rtecap.Client(srv.client_id, srv.client_secret, srv.url, cache=path / "cache.sqlite",
                         today=TODAY, **kwargs)


def offline_client(srv, path: Path) -> rtecap.Client:
    return rtecap.Client(base_url=srv.url, cache=path / "cache.sqlite", offline=True,
                         today=TODAY)


def requests_for(srv, resource: str) -> int:
    return sum(n for (path, _), n in srv.counts.items() if path.endswith(resource))


def entries(client: rtecap.Client) -> dict[str, str]:
    """Start date of each stored answer -> its cache key."""
    cache = client._session.cache
    out = {}
    for key in list(cache.responses.keys()):
        url = cache.get_response(key).url
        out[url.split("start_date=")[1][:4]] = key
    return out


def rewrite(client: rtecap.Client, key: str, content: bytes | None = None,
            expires=None) -> None:
    """Store the answer under ``key`` again, with other bytes or another expiry."""
    cache = client._session.cache
    response = cache.get_response(key)
    if content is not None:
        response._content = content
    cache.save_response(response, key, expires=expires)


def provenance(df: pd.DataFrame) -> dict:
    return {k: v for k, v in df.attrs["rtecap"].items() if k != "fetched_at"}


def test_warm_loads_equal_the_cold_one_and_are_not_parsed_again(server, tmp_path, parses):
    cold = LOAD(*PERIOD, client=client_of(server, tmp_path), progress=False)  # fills the slot
    assert parses == [m.CPPT]
    server.reset_counts()
    warm = LOAD(*PERIOD, client=client_of(server, tmp_path), progress=False)
    again = LOAD(*PERIOD, client=client_of(server, tmp_path), progress=False)
    replay = LOAD(*PERIOD, client=offline_client(server, tmp_path), progress=False)
    assert parses == [m.CPPT]  # the three were served from the frame cache
    assert sum(server.counts.values()) == 0
    for df in (warm, again, replay):
        pd.testing.assert_frame_equal(df, cold)
        assert df.attrs["rtecap"]["set_aside"] == cold.attrs["rtecap"]["set_aside"]
        assert provenance(df) == {**provenance(cold), "from_cache": True, "cached_calls": 6}
    assert cold.attrs["rtecap"]["cached_calls"] == 0 and cold.attrs["rtecap"]["calls"] == 6
    # frames of other options are other slots, parsed once each
    french = LOAD(*PERIOD, client=client_of(server, tmp_path), progress=False, lang="fr")
    assert parses == [m.CPPT, m.CPPT] and "type_production" in french


def test_frame_cache_holds_no_secret_and_no_token(server, tmp_path):
    client = client_of(server, tmp_path)
    LOAD(*PERIOD, client=client, progress=False)
    token = client._token["access_token"]
    client.close()
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        rows = db.execute(f"select key, value from {_frames.TABLE}").fetchall()
    assert len(rows) == 1
    blob = b"".join(key.encode() + value for key, value in rows)
    assert token.encode() not in blob and server.client_secret.encode() not in blob
    assert server.client_id.encode() not in blob


def test_a_missing_answer_is_not_served_from_the_frame_cache(server, tmp_path, parses):
    client = client_of(server, tmp_path)
    cold = LOAD(*PERIOD, client=client, progress=False)  # the slot is filled
    client._session.cache.delete(entries(client)["2017"])
    with pytest.raises(OfflineCacheMissError, match="start_date=2017"):
        LOAD(*PERIOD, client=offline_client(server, tmp_path), progress=False)
    server.reset_counts()
    again = LOAD(*PERIOD, client=client, progress=False)  # online: fetched again
    assert requests_for(server, m.CPPT) == 1 and again.attrs["rtecap"]["cached_calls"] == 5
    pd.testing.assert_frame_equal(again, cold)


def test_an_expired_answer_is_fetched_again_online_and_replayed_offline(server, tmp_path,
                                                                         parses):
    client = client_of(server, tmp_path)
    cold = LOAD(*PERIOD, client=client, progress=False)  # the slot is filled
    rewrite(client, entries(client)["2019"], expires=pd.Timestamp("2020-01-01", tz="UTC"))
    before = len(parses)
    offline = LOAD(*PERIOD, client=offline_client(server, tmp_path), progress=False)
    assert len(parses) == before  # offline, any stored answer is replayed: the same bytes
    server.reset_counts()
    online = LOAD(*PERIOD, client=client, progress=False)
    assert requests_for(server, m.CPPT) == 1 and online.attrs["rtecap"]["cached_calls"] == 5
    for df in (offline, online):
        pd.testing.assert_frame_equal(df, cold)


def test_a_replaced_answer_is_parsed_anew(server, tmp_path, parses):
    client = client_of(server, tmp_path)
    cold = LOAD(*PERIOD, client=client, progress=False)  # the slot is filled
    key = entries(client)["2018"]
    body = client._session.cache.get_response(key).content
    old = cold.loc["2018", "capacity_mw"].iloc[0]
    assert body.count(f'"value":{old},'.encode()) >= 1
    rewrite(client, key, content=body.replace(f'"value":{old},'.encode(), b'"value":1234567,', 1))
    before = len(parses)
    for make in (lambda: offline_client(server, tmp_path), lambda: client):
        df = LOAD(*PERIOD, client=make(), progress=False)
        assert 1234567 in df.loc["2018", "capacity_mw"].tolist()
        pd.testing.assert_frame_equal(df.loc[:"2017"], cold.loc[:"2017"])
    assert len(parses) == before + 1  # parsed once from the new bytes, then served


def slots(path: Path) -> dict[str, str]:
    """Slot -> the digest of the answers its frame was parsed from."""
    import pickle

    with sqlite3.connect(path / "cache.sqlite") as db:
        rows = db.execute(f"select key, value from {_frames.TABLE}").fetchall()
    return {key: pickle.loads(value)[0] for key, value in rows}


def test_a_parse_that_warns_is_not_stored_and_warns_at_every_load(server, tmp_path):
    client = client_of(server, tmp_path)
    LOAD(*PERIOD, client=client, progress=False)
    kept = slots(tmp_path)
    key = entries(client)["2016"]
    body = client._session.cache.get_response(key).content
    body = body.replace(b'"type":"NUCLEAR"', b'"type":"PLASMA"', 1)
    body = body.replace(b'"values":[{"start_date":"2016-01-01T00:00:00+01:00",',
                        b'"values":[{', 1)  # a value without start date: set aside
    rewrite(client, key, content=body)

    def load(**kwargs) -> list:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            df = LOAD(*PERIOD, client=client, progress=False, **kwargs)
        assert "PLASMA" in set(df["production_type"])
        assert df.attrs["rtecap"]["set_aside"]["undated"] == 1
        return sorted((str(w.message), w.category, w.filename, w.lineno) for w in caught)

    ordinary = load(raw=tmp_path / "raw.json")  # raw= takes the ordinary path
    said = load()
    assert said == load() == ordinary and len(said) == 2
    assert any("PLASMA" in text for text, *_ in said)
    assert any("set aside" in text and where == __file__ for text, _, where, _ in said)
    assert slots(tmp_path) == kept and len(kept) == 1  # the warning parses were not kept


def test_a_bad_stored_body_is_fetched_again(server, tmp_path):
    client = client_of(server, tmp_path)
    cold = LOAD(*PERIOD, client=client, progress=False)
    rewrite(client, entries(client)["2020"], content=b'{"capacities_per_production_type": [')
    server.reset_counts()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = LOAD(*PERIOD, client=client, progress=False)
    assert requests_for(server, m.CPPT) == 1
    pd.testing.assert_frame_equal(df, cold)


def test_a_partly_cached_load_sends_only_the_calls_not_cached(server, tmp_path, parses):
    client = client_of(server, tmp_path)
    LOAD("2015-01-01", "2018-01-01", client=client, progress=False)
    server.reset_counts()
    df = LOAD(*PERIOD, client=client, progress=False, max_workers=4)
    assert requests_for(server, m.CPPT) == 3
    assert df.attrs["rtecap"]["cached_calls"] == 3 and not df.attrs["rtecap"]["from_cache"]
    assert sorted(set(df.index.year)) == list(range(2015, 2021))
    # its answers, three from the cache and three from the API, fill the slot
    warm = LOAD(*PERIOD, client=offline_client(server, tmp_path), progress=False)
    assert len(parses) == 2 and warm.attrs["rtecap"]["cached_calls"] == 6
    pd.testing.assert_frame_equal(warm, df)


def test_a_frame_cache_that_cannot_be_written_is_only_a_miss(server, tmp_path, monkeypatch,
                                                             parses):
    """A cache file the frame table cannot be created or written in (read-only, full disk)
    costs the saved parse, never the load."""
    from requests_cache.backends import sqlite as backend

    def refusing(method):
        def refuse(self, *args, **kwargs):
            if self.table_name == _frames.TABLE:
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return method(self, *args, **kwargs)
        return refuse

    cold = LOAD(*PERIOD, client=client_of(server, tmp_path), progress=False)
    monkeypatch.setattr(backend.SQLiteDict, "__setitem__",
                        refusing(backend.SQLiteDict.__setitem__))
    for _ in range(2):  # a slot not written yet, and that cannot be
        LOAD(*PERIOD, client=offline_client(server, tmp_path), progress=False, lang="fr")
    assert len(parses) == 3
    monkeypatch.setattr(backend.SQLiteDict, "init_db", refusing(backend.SQLiteDict.init_db))
    df = LOAD(*PERIOD, client=offline_client(server, tmp_path), progress=False)
    pd.testing.assert_frame_equal(df, cold)
    assert len(parses) == 4


def test_a_client_without_cache_hashes_no_answer(server, monkeypatch):
    """Digests are only for a frame cache: a load of a client without cache computes none."""
    from rtecap import _http

    def refuse(*args, **kwargs):
        raise AssertionError("an answer was hashed")

    monkeypatch.setattr(_http.hashlib, "sha256", refuse)
    client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                           today=TODAY)
    assert len(LOAD(*PERIOD, client=client, progress=False)) > 0
