"""The market client: Bearer token, 401, secrets, cache per token, offline replay, retries."""

from __future__ import annotations

import logging

import pytest

from rtecap import market
from rtecap.exceptions import CredentialsError, OfflineCacheMissError, RteApiError
from rtecap.market import MarketAuthError


def _client(server, token, path, **kwargs):
    return market.Client(token, server.url, cache=path, backoff_factor=0.01, **kwargs)


def test_401_says_both_no_subscription_and_bad_token(rte_emulator):
    client = market.Client("wrong-token", rte_emulator.url, cache=False)
    with pytest.raises(MarketAuthError) as info:
        market.get_day_ahead_prices(client=client)
    message = str(info.value)
    assert info.value.status == 401
    assert "no active subscription" in message and "token is wrong" in message
    assert "RTECAP_MARKET_TOKEN" in message
    assert "wrong-token" not in message and "wrong-token" not in repr(info.value.__dict__)
    # the client remembers: no second request is sent with a rejected token
    before = rte_emulator.requests_total
    with pytest.raises(MarketAuthError, match="rejected earlier"):
        market.get_fcr_capacity(client=client)
    assert rte_emulator.requests_total == before


def test_token_from_the_environment(rte_emulator, monkeypatch):
    monkeypatch.setenv("RTECAP_MARKET_TOKEN", rte_emulator.market_token)
    monkeypatch.setenv("RTECAP_MARKET_BASE_URL", rte_emulator.url)
    df = market.get_mfrr_capacity(client=market.Client(cache=False))
    assert len(df) > 0


def test_no_token_is_a_clear_error_before_any_call(rte_emulator, monkeypatch):
    monkeypatch.delenv("RTECAP_MARKET_TOKEN", raising=False)
    with pytest.raises(CredentialsError, match="RTECAP_MARKET_TOKEN"):
        market.get_day_ahead_prices(client=market.Client(base_url=rte_emulator.url,
                                                         cache=False))  # fmt: skip
    assert rte_emulator.requests_total == 0


def test_the_token_is_never_in_repr_logs_cache_or_attrs(rte_emulator, tmp_path, caplog):
    token = rte_emulator.market_token
    cache = tmp_path / "market.sqlite"
    caplog.set_level(logging.DEBUG)
    client = _client(rte_emulator, token, cache)
    df = market.get_day_ahead_prices(client=client)
    energy = market.get_balancing_energy(client=client)
    client.close()
    assert token not in repr(client) and "***" in repr(client)
    assert token not in caplog.text
    assert token not in str(df.attrs) and token not in str(energy.afrr.rows.attrs)
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert token.encode() not in stored
    assert b"Bearer" not in stored  # the Authorization header is redacted from stored requests


def test_a_cached_answer_is_never_served_to_another_token(rte_emulator, tmp_path):
    cache = tmp_path / "market.sqlite"
    good = _client(rte_emulator, rte_emulator.market_token, cache)
    market.get_day_ahead_prices(client=good)
    assert market.get_day_ahead_prices(client=good).attrs["rtecap"]["from_cache"] is True
    good.close()
    bad = _client(rte_emulator, "a-bad-token", cache)
    with pytest.raises(MarketAuthError):
        market.get_day_ahead_prices(client=bad)
    assert rte_emulator.counts["/api/day-ahead-prices", 401] == 1


def test_a_revoked_token_is_not_hidden_by_its_cached_answers(rte_emulator_factory, tmp_path):
    server = rte_emulator_factory(market_token="first-token")
    cache = tmp_path / "market.sqlite"
    first = _client(server, "first-token", cache)
    market.get_day_ahead_prices(client=first)
    server.market_token = "second-token"  # the first one is revoked
    with pytest.raises(MarketAuthError):  # a call not in the cache meets the 401 ...
        market.get_fcr_capacity(client=first)
    with pytest.raises(MarketAuthError):  # ... and the cached prices are not served any more
        market.get_day_ahead_prices(client=first)
    again = _client(server, "first-token", cache)  # a new session: the entries were purged
    with pytest.raises(MarketAuthError):
        market.get_day_ahead_prices(client=again)
    assert server.counts["/api/day-ahead-prices", 401] == 1


def test_offline_replay_from_the_cache(rte_emulator, tmp_path):
    cache = tmp_path / "market.sqlite"
    online = _client(rte_emulator, rte_emulator.market_token, cache)
    live = market.get_mfrr_energy(client=online)
    online.close()
    rte_emulator.today = "2026-01-05"  # the server moved on: offline replays the stored answer
    offline = _client(rte_emulator, rte_emulator.market_token, cache, offline=True)
    before = rte_emulator.requests_total
    replay = market.get_mfrr_energy(client=offline)
    assert rte_emulator.requests_total == before
    assert replay.rows.equals(live.rows) and replay.meta["from_cache"] is True
    with pytest.raises(OfflineCacheMissError, match="afrr-energy"):
        market.get_afrr_energy(client=offline)


def test_server_errors_are_retried(rte_emulator, market_client):
    rte_emulator.faults = {"503": 1.0}
    rte_emulator.fault_rate = 0.5
    df = market.get_fcr_capacity(client=market_client)
    assert len(df) > 0
    rte_emulator.fault_rate = 1.0
    with pytest.raises(RteApiError) as info:
        market.get_afrr_capacity(client=market_client)
    assert info.value.status == 503


def test_rate_limit_waits_for_retry_after(rte_emulator, market_client):
    rte_emulator.rate_limit = 1.0  # one request per second ...
    rte_emulator.app.limiter.acquire("market", 1.0)  # ... and this second's is taken
    market.get_afrr_capacity(client=market_client)  # 429, Retry-After: 1, then 200
    assert rte_emulator.counts["/api/afrr-capacity", 429] >= 1
    assert rte_emulator.counts["/api/afrr-capacity", 200] == 1


def test_bodies_cut_short_are_fetched_again(rte_emulator, market_client):
    rte_emulator.faults = {"bad_json": 1.0}
    rte_emulator.fault_rate = 0.5
    assert len(market.get_day_ahead_prices(client=market_client)) > 0


def test_plain_http_only_on_loopback():
    with pytest.raises(ValueError, match="loopback"):
        market.Client("t", "http://example.org", cache=False)
    with pytest.raises(ValueError, match="needs a cache"):
        market.Client("t", cache=False, offline=True)


def test_a_refused_connection_fails_fast(rte_emulator_factory):
    from rtecap.exceptions import ConnectionFailedError

    server = rte_emulator_factory()
    url, token = server.url, server.market_token
    server.stop()
    client = market.Client(token, url, cache=False, backoff_factor=5.0)  # a retry would show
    with pytest.raises(ConnectionFailedError, match="connection refused"):
        market.get_day_ahead_prices(client=client)
