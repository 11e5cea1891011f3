"""The emulator's market-data routes: paths, Bearer check, data that move with the clock."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import requests

from rtecap import market
from rtecap.emulator.market_data import answer_bytes
from rtecap.market.mappings import PATHS


def _get(server, path, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return requests.get(server.url + path, headers=headers, timeout=30)


@pytest.mark.parametrize("path", sorted(PATHS.values()))
def test_every_path_needs_the_market_token(rte_emulator, path):
    assert _get(rte_emulator, path).status_code == 401
    assert _get(rte_emulator, path, "not-the-token").status_code == 401
    answer = _get(rte_emulator, path, rte_emulator.market_token)
    assert answer.status_code == 200 and answer.headers["X-Rtecap-Synthetic"] == "1"
    assert isinstance(answer.json(), dict)


def test_the_rte_token_does_not_open_the_market_routes_nor_the_reverse(rte_emulator):
    oauth = requests.post(rte_emulator.token_url, timeout=10,
                          auth=(rte_emulator.client_id, rte_emulator.client_secret),
                          data={"grant_type": "client_credentials"}).json()["access_token"]
    assert _get(rte_emulator, "/api/fcr-capacity", oauth).status_code == 401
    rte_path = "/open_api/generation_installed_capacities/v1/capacities_per_production_type"
    assert _get(rte_emulator, rte_path, rte_emulator.market_token).status_code == 401
    assert "market_token" not in repr(rte_emulator) and rte_emulator.market_token not in repr(
        rte_emulator)


def test_one_server_serves_both_apis(rte_emulator, tmp_path):
    import rtecap

    rte = rtecap.Client(rte_emulator.client_id, rte_emulator.client_secret, rte_emulator.url,
                        cache=False, today=rte_emulator.today)  # fmt: skip
    cppt = rtecap.get_capacities_per_production_type(client=rte)
    prices = market.get_day_ahead_prices(
        client=market.Client(rte_emulator.market_token, rte_emulator.url, cache=False))
    assert len(cppt) > 0 and len(prices) > 0


def test_post_is_refused(rte_emulator):
    answer = requests.post(rte_emulator.url + "/api/day-ahead-prices", timeout=10,
                           headers={"Authorization": f"Bearer {rte_emulator.market_token}"})
    assert answer.status_code == 405


@pytest.mark.parametrize("today, rows, buckets", [
    ("2026-11-23", 21_600, 288),   # served day 2026-11-22: 24 hours
    ("2026-03-30", 20_700, 276),   # 2026-03-29: 23 hours (spring DST)
    ("2026-10-26", 22_500, 300),   # 2026-10-25: 25 hours (autumn DST)
])  # fmt: skip
def test_afrr_four_second_day_on_dst_days(today, rows, buckets):
    body = json.loads(answer_bytes("afrr_energy", dt.date.fromisoformat(today), 0))
    assert body["rowCount"] == len(body["recentRows"]) == rows
    assert len(body["chartRows"]) == buckets
    assert body["latestRow"] == body["recentRows"][-1]
    mean_up = sum(r["upward_price_eur_mwh"] for r in body["recentRows"]) / rows
    assert body["averageUpwardPrice"] == pytest.approx(mean_up, abs=0.051)


@pytest.mark.parametrize("today, rows", [("2026-11-23", 192), ("2026-03-30", 188),
                                         ("2026-10-27", 196)])  # fmt: skip
def test_mfrr_quarter_hours_of_two_days(today, rows):
    body = json.loads(answer_bytes("mfrr_energy", dt.date.fromisoformat(today), 0))
    assert body["rowCount"] == len(body["recentRows"]) == rows
    assert [body["latestUpwardRow"]["direction"], body["latestDownwardRow"]["direction"]] == [
        "UPWARD", "DOWNWARD"]


def test_day_ahead_window_moves_with_the_clock_and_is_deterministic():
    first = json.loads(answer_bytes("day_ahead_prices", dt.date(2026, 11, 23), 0))
    later = json.loads(answer_bytes("day_ahead_prices", dt.date(2026, 11, 24), 0))
    assert (first["earliestDate"], first["latestDate"]) == ("2026-10-27", "2026-11-24")
    assert (later["earliestDate"], later["latestDate"]) == ("2026-10-28", "2026-11-25")
    assert first["rows"][96:] == later["rows"][:-96]  # the same days keep the same prices
    assert answer_bytes.__wrapped__("day_ahead_prices", dt.date(2026, 11, 23), 0) == \
        answer_bytes("day_ahead_prices", dt.date(2026, 11, 23), 0)
    other_seed = json.loads(answer_bytes("day_ahead_prices", dt.date(2026, 11, 23), 1))
    assert other_seed["rows"] != first["rows"]


def _prices(today):
    return market.read_day_ahead_prices(answer_bytes("day_ahead_prices", today, 0))


def test_spring_middays_go_negative_winter_ones_do_not():
    spring = _prices(dt.date(2026, 5, 10))
    midday = spring.between_time("11:00", "16:00")["price_eur_mwh"]
    assert (midday < 0).any()
    assert (spring.between_time("18:00", "21:00")["price_eur_mwh"] > 0).all()
    winter = _prices(dt.date(2026, 1, 20))
    assert (winter["price_eur_mwh"] > 0).all()
    # the daily shape: the evening peak is dearer than the night on average
    hours = winter.groupby(winter.index.hour)["price_eur_mwh"].mean()
    assert hours.loc[19] > hours.loc[3] + 20


def test_capacity_products_and_directions(rte_emulator, market_client):
    df = market.get_balancing_capacity(client=market_client)
    pairs = set(zip(df["product_type"], df["direction"], strict=True))
    assert pairs == {("FCR", "SYMMETRIC"), ("aFRR", "UPWARD"), ("aFRR", "DOWNWARD"),
                     ("mFRR", "UPWARD"), ("mFRR", "DOWNWARD")}  # fmt: skip
    assert (df["contracted_volume_mw"] <= df["offered_volume_mw"]).all()
    assert df.loc[df["product_type"] != "FCR", "volume_mw"].isna().all()
    # 8 Paris days of hourly rows: 2026-11-17 .. 2026-11-24
    days = pd.Index(df.index.date).unique()
    assert (days.min(), days.max()) == (dt.date(2026, 11, 17), dt.date(2026, 11, 24))


def test_capacity_rows_on_the_autumn_dst_day():
    df = market.read_fcr_capacity(answer_bytes("fcr_capacity", dt.date(2026, 10, 26), 0))
    per_day = df.groupby(df.index.date).size()
    assert per_day.loc[dt.date(2026, 10, 25)] == 25 and per_day.loc[dt.date(2026, 10, 24)] == 24


def test_emulator_settings_reach_the_market_routes(rte_emulator, market_client):
    rte_emulator.today = "2026-03-30"
    afrr = market.get_afrr_energy(client=market_client)
    assert len(afrr.rows) == 20_700
    assert afrr.meta["latest_delivery_date"] == "2026-03-29"
    with pytest.raises(ValueError):
        rte_emulator.market_token = ""
