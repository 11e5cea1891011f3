"""Quarter-hour checks, the .rte accessor on market frames, the market plots."""

from __future__ import annotations

import datetime as dt

import matplotlib
import pandas as pd
import pytest

import rtecap  # noqa: F401  (registers .rte)
from rtecap import market
from rtecap.emulator.market_data import answer_bytes
from rtecap.exceptions import RteValidationError

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def prices() -> pd.DataFrame:
    """Emulator prices around the spring DST day (2026-03-29), with a synthetic source."""
    df = market.read_day_ahead_prices(answer_bytes("day_ahead_prices", dt.date(2026, 4, 2), 0))
    df.attrs["rtecap"].update(synthetic=True, source="rtecap's emulator (synthetic data)")
    return df


@pytest.fixture(scope="module")
def capacity() -> pd.DataFrame:
    return market.read_balancing_capacity(answer_bytes("balancing_capacity",
                                                       dt.date(2026, 4, 2), 0))  # fmt: skip


def test_periods_per_day():
    assert [market.periods_per_day(d) for d in ("2026-03-29", "2026-10-25", "2026-01-01")] == [
        92, 100, 96]
    assert market.periods_per_day(dt.date(2026, 3, 29), "4s") == 20_700


def test_gaps_reports_missing_and_duplicate_quarter_hours(prices):
    assert prices.rte.gaps().empty
    hole = pd.Timestamp("2026-03-29 03:00", tz="Europe/Paris")  # just after the DST jump
    twice = prices.index[10]
    broken = pd.concat([prices.drop(index=hole), prices.loc[[twice]].assign(price_eur_mwh=1.0)])
    report = broken.sort_index().rte.gaps()
    assert report.index.tolist() == [twice, hole]
    assert report["issue"].tolist() == ["duplicate", "missing"]
    assert report["count"].tolist() == [2, 0]
    counts = broken.rte.day_counts()
    assert not counts.loc[dt.date(2026, 3, 29), "complete"]
    assert counts.loc[dt.date(2026, 3, 29), ["rows", "expected"]].tolist() == [91, 92]


def test_gaps_per_series_of_a_capacity_frame(capacity):
    assert capacity.rte.gaps(by=["product_type", "direction"]).empty
    broken = capacity.drop(index=capacity.index[30])  # an hour of the first day, all products
    report = broken.rte.gaps(by=["product_type", "direction"])
    assert len(report) == 5 and set(report["issue"]) == {"missing"}


def test_gaps_needs_a_step_it_can_tell():
    one = pd.DataFrame({"x": [1.0]}, index=pd.DatetimeIndex(["2026-01-01"], tz="Europe/Paris"))
    with pytest.raises(RteValidationError, match="freq"):
        market.gaps(one)


def test_accessor_recognises_market_frames(prices, capacity, doc_payload):
    assert prices.rte.kind == "day_ahead_prices" and capacity.rte.kind == "balancing_capacity"
    energy = market.read_afrr_energy(doc_payload("afrr_energy"))
    assert energy.rows.rte.kind == "afrr_energy" and energy.chart.rte.kind == "afrr_energy"
    bare = pd.DataFrame({"prix_eur_mwh": [1.0]},
                        index=pd.DatetimeIndex(["2026-01-01"], tz="Europe/Paris"))
    assert bare.rte.kind == "day_ahead_prices"
    assert not hasattr(pd.DataFrame({"x": [1]}), "rte")


def _texts(ax):
    return " ".join([ax.get_title(loc="left"), ax.get_ylabel(), ax.get_xlabel(),
                     *(t.get_text() for t in ax.texts)])  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_price_plots(prices, lang):
    import matplotlib.pyplot as plt

    frame = market.parsers.translate(prices, lang)
    series = frame.rte.plot_prices()
    profile = frame.rte.plot_daily_profile()
    unit = "€/MWh"
    assert unit in series.get_ylabel() and unit in profile.get_ylabel()
    word = {"en": "synthetic", "fr": "synthétiques"}[lang]
    assert word in _texts(series) and word in _texts(profile)
    assert ("Paris" in profile.get_xlabel())
    line = profile.get_lines()[0]
    assert list(line.get_xdata()) == list(range(24))  # every Paris hour, DST day included
    means = prices.groupby(prices.index.hour)["price_eur_mwh"].mean()
    assert list(line.get_ydata()) == pytest.approx(means.tolist())
    assert ("Prix" in series.get_ylabel()) == (lang == "fr")
    plt.close("all")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_capacity_plot(capacity, lang):
    import matplotlib.pyplot as plt

    ax = market.parsers.translate(capacity, lang).rte.plot_balancing_capacity()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    expected = {"en": ["FCR symmetric", "aFRR upward", "aFRR downward", "mFRR upward",
                       "mFRR downward"],
                "fr": ["FCR symétrique", "aFRR hausse", "aFRR baisse", "mFRR hausse",
                       "mFRR baisse"]}[lang]  # fmt: skip
    assert labels == expected
    assert "(MW)" in ax.get_ylabel()
    price = capacity.rte.plot_balancing_capacity(value="price")
    assert "unit not given" in price.get_ylabel()
    with pytest.raises(RteValidationError, match="value"):
        capacity.rte.plot_balancing_capacity(value="price_eur_mwh")
    plt.close("all")


def test_plots_refuse_frames_they_cannot_draw(capacity):
    from rtecap.plotting.market import plot_prices

    with pytest.raises(RteValidationError, match="price_eur_mwh"):
        plot_prices(capacity)


def test_accessor_translates_both_ways(capacity):
    french = capacity.rte.translate("fr")
    assert french.rte.lang == "fr" and "volume_contractualise_mw" in french.columns
    assert french.index.name == "debut_periode"
    assert set(french["sens"]) == {"HAUSSE", "BAISSE", "SYMETRIQUE"}
    back = french.rte.translate("en")
    pd.testing.assert_frame_equal(back, capacity)
    assert back.attrs["rtecap"]["lang"] == "en"
    assert not hasattr(capacity.rte, "by_sector")  # capacity-frame verbs are not offered


def test_to_xarray_on_the_endpoint_dims(capacity, prices, doc_payload):
    rows = market.read_afrr_energy(doc_payload("afrr_energy")).rows.rte.to_xarray()
    assert rows["picasso_connection"].dtype == bool and rows["pdemand_mw"].attrs["units"] == "MW"
    ds = capacity.rte.to_xarray()
    assert dict(ds.sizes) == {"time": 191, "product_type": 3, "direction": 3}
    day = ds.sel(time="2026-03-30")  # naive UTC coordinates
    assert day.sizes["time"] == 24 and ds["time"].attrs["timezone"] == "Europe/Paris"
    fcr = ds["contracted_volume_mw"].sel(product_type="FCR", direction="SYMMETRIC")
    expected = capacity[capacity["product_type"] == "FCR"]["contracted_volume_mw"]
    assert fcr.to_numpy().tolist() == expected.tolist()
    assert ds["contracted_volume_mw"].attrs["units"] == "MW" and "units" not in ds["price"].attrs
    series = prices.rte.to_xarray()
    assert series.sizes["time"] == len(prices)
    assert float(series["price_eur_mwh"].sum()) == pytest.approx(prices["price_eur_mwh"].sum())
