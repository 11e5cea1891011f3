"""All eight loaders against the emulator: contract, read_* twins, aggregates, DST days."""

from __future__ import annotations

import pandas as pd
import pytest
from market_contract import assert_market_frame

import rtecap  # noqa: F401  (registers .rte)
from rtecap import market
from rtecap.market.results import BalancingEnergy, EnergyResult


def _frames(result):
    if isinstance(result, pd.DataFrame):
        return {None: result}
    if isinstance(result, EnergyResult):
        return dict(result)
    return {f"{k}.{p}": f for k, part in result.items() for p, f in part.items()}


@pytest.mark.parametrize("name", sorted(market.LOADERS))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_loader_against_the_emulator(rte_emulator, market_client, name, lang):
    get, read = market.LOADERS[name]
    result = get(client=market_client, lang=lang)
    for key, frame in _frames(result).items():
        resource = name if "." not in str(key) else f"{key.split('.')[0]}_energy"
        part = key.split(".")[-1] if key else None
        assert_market_frame(frame, resource, part)
        info = frame.attrs["rtecap"]
        assert info["synthetic"] is True and "synthetic" in info["source"]
        assert info["from_cache"] is False and info["base_url"] == rte_emulator.url
        assert len(frame) > 0
    # the read_* twin of the saved answer gives the same frames (without fetch provenance)
    answer = market_client.get_answer(name)
    assert answer.from_cache
    saved = read(answer.payload, lang=lang)
    for key, frame in _frames(saved).items():
        live = _frames(result)[key]
        pd.testing.assert_frame_equal(frame, live, check_flags=False)


def test_aggregate_capacity_equals_the_three_unit_endpoints(market_client):
    aggregate = market.get_balancing_capacity(client=market_client)
    units = [market.get_fcr_capacity(client=market_client),
             market.get_afrr_capacity(client=market_client),
             market.get_mfrr_capacity(client=market_client)]  # fmt: skip
    assert len(aggregate) == sum(len(u) for u in units)
    for unit in units:
        product = unit["product_type"].iloc[0]
        part = aggregate[aggregate["product_type"] == product]
        pd.testing.assert_frame_equal(part.astype({"product_type": str}),
                                      unit.astype({"product_type": str}))  # fmt: skip
    sums = aggregate.groupby("product_type", observed=True)["contracted_volume_mw"].sum()
    assert sums.to_dict() == {u["product_type"].iloc[0]: u["contracted_volume_mw"].sum()
                              for u in units}  # fmt: skip


def test_aggregate_energy_equals_the_unit_endpoints(market_client):
    both = market.get_balancing_energy(client=market_client)
    assert isinstance(both, BalancingEnergy)
    for key, unit in (("afrr", market.get_afrr_energy(client=market_client)),
                      ("mfrr", market.get_mfrr_energy(client=market_client))):  # fmt: skip
        assert list(both[key]) == list(unit) == ["rows", "chart", "latest"]
        for part in unit:
            pd.testing.assert_frame_equal(both[key][part], unit[part])


def test_energy_resolutions_never_mix_and_meta_agrees_with_rows(market_client):
    afrr = market.get_afrr_energy(client=market_client)
    steps = {part: (afrr[part].iloc[:, 0] - afrr[part].index).unique().tolist()
             for part in ("rows", "chart")}  # fmt: skip
    assert steps == {"rows": [pd.Timedelta("4s")], "chart": [pd.Timedelta("5min")]}
    assert afrr.rows.rte.gaps().empty
    assert len(afrr.rows) == afrr.meta["row_count"] == 21_600
    assert afrr.rows["upward_price_eur_mwh"].mean() == pytest.approx(
        afrr.meta["average_upward_price_eur_mwh"], abs=0.051)
    # the 5-minute buckets are the means of their 75 rows of 4 s
    resampled = afrr.rows["upward_price_eur_mwh"].resample("5min").mean()
    assert (resampled - afrr.chart["upward_price_eur_mwh"]).abs().max() < 0.051
    mfrr = market.get_mfrr_energy(client=market_client)
    assert len(mfrr.rows) == 192 and mfrr.rows.rte.day_counts()["complete"].all()
    assert afrr.latest.index[0] == afrr.rows.index[-1]


@pytest.mark.parametrize("today, day, expected", [
    ("2026-03-28", "2026-03-29", 92),    # spring DST day: 23 hours
    ("2026-10-24", "2026-10-25", 100),   # autumn DST day: 25 hours
    ("2026-12-31", "2027-01-01", 96),    # 1 January, local midnight
])  # fmt: skip
def test_day_ahead_quarter_hours_on_dst_days(rte_emulator, market_client, today, day, expected):
    rte_emulator.today = today
    df = market.get_day_ahead_prices(client=market_client)
    counts = df.rte.day_counts()
    assert counts.loc[pd.Timestamp(day).date(), "rows"] == expected
    assert counts["complete"].all() and df.rte.gaps().empty
    assert df.loc[day].index[0] == pd.Timestamp(day, tz="Europe/Paris")
    # the window ends at the Paris midnight after the last delivery day (not 24 h later)
    midnight = (pd.Timestamp(day) + pd.Timedelta("1D")).tz_localize("Europe/Paris")
    assert df["period_end"].iloc[-1] == midnight


def test_plain_pandas_idioms(market_client):
    df = market.get_day_ahead_prices(client=market_client)
    assert len(df.loc["2026-11-20"]) == 96
    hourly = df["price_eur_mwh"].resample("1h").mean()
    assert len(hourly) == len(df) // 4
    daily = df.groupby(df.index.date)["price_eur_mwh"].agg(["min", "max"])
    assert (daily["min"] <= daily["max"]).all()
    cap = market.get_balancing_capacity(client=market_client)
    wide = cap.pivot_table(index=cap.index, columns=["product_type", "direction"],
                           values="contracted_volume_mw", observed=True)  # fmt: skip
    assert wide.shape[1] == 5 and not wide.isna().any().any()
    assert cap.loc["2026-11-20":"2026-11-21"].index.min() == pd.Timestamp(
        "2026-11-20", tz="Europe/Paris")
