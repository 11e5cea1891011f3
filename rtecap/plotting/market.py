"""Plots of market-data frames: price series, mean daily profile, balancing capacity.

Each takes ``ax=None`` and returns the Axes; texts follow the frame's language; the source
line (``attrs["rtecap"]["source"]``) says when the data are the emulator's synthetic ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from rtecap.exceptions import RteValidationError
from rtecap.mappings import TZ
from rtecap.market.frames import market_lang
from rtecap.market.parsers import translate
from rtecap.plotting._style import finish, legend_outside, naive_local, new_axes

TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "prices_title": "French day-ahead price, per quarter hour, {first} to {last}",
        "price_axis": "Day-ahead price (€/MWh)",
        "profile_title": "Mean daily profile of the day-ahead price, {first} to {last}",
        "profile_axis": "Price (€/MWh)",
        "hour_axis": "Hour of the day (Paris time)",
        "mean": "Mean",
        "band": "10th–90th percentile",
        "capacity_title": "Balancing capacity by product and direction: {what}",
        "contracted_volume_mw": "Contracted capacity (MW)",
        "offered_volume_mw": "Offered capacity (MW)",
        "volume_mw": "Volume (MW)",
        "price": "Capacity price (unit not given by the API)",
        "no_data": "no data to plot",
    },
    "fr": {
        "prices_title": "Prix day-ahead France, au quart d'heure, du {first} au {last}",
        "price_axis": "Prix day-ahead (€/MWh)",
        "profile_title": "Profil journalier moyen du prix day-ahead, du {first} au {last}",
        "profile_axis": "Prix (€/MWh)",
        "hour_axis": "Heure de la journée (heure de Paris)",
        "mean": "Moyenne",
        "band": "10e–90e centile",
        "capacity_title": "Capacité d'équilibrage par produit et par sens : {what}",
        "contracted_volume_mw": "Capacité contractualisée (MW)",
        "offered_volume_mw": "Capacité offerte (MW)",
        "volume_mw": "Volume (MW)",
        "price": "Prix de la capacité (unité non donnée par l'API)",
        "no_data": "aucune donnée à tracer",
    },
}
PRODUCT_COLORS = {"FCR": "#6A1B9A", "aFRR": "#1565C0", "mFRR": "#EF6C00"}
DIRECTION_STYLES = {"UPWARD": "-", "DOWNWARD": "--", "SYMMETRIC": ":"}
DIRECTION_TEXT = {
    "en": {"UPWARD": "upward", "DOWNWARD": "downward", "SYMMETRIC": "symmetric"},
    "fr": {"UPWARD": "hausse", "DOWNWARD": "baisse", "SYMMETRIC": "symétrique"},
}
#: The source line of synthetic (emulator) data in French.
SOURCE_SYNTHETIC_FR = "émulateur local de l'API de données de marché de rtecap (données " \
    "synthétiques, pas réelles)"


def _english(df: pd.DataFrame, needs: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    lang = market_lang(df)
    if lang == "fr":
        df = translate(df, "en")
    missing = [c for c in needs if c not in df.columns]
    if missing or not isinstance(df.index, pd.DatetimeIndex):
        raise RteValidationError(f"this plot needs a market frame with the columns {missing}")
    if df.empty:
        raise RteValidationError(TEXT["en"]["no_data"])
    info = dict(df.attrs.get("rtecap") or {})
    if lang == "fr" and info.get("synthetic"):
        df = df.copy()
        df.attrs = {"rtecap": {**info, "source": SOURCE_SYNTHETIC_FR}}
    return df, lang


def _period(df: pd.DataFrame) -> dict[str, str]:
    local = df.index.tz_convert(TZ)
    return {"first": f"{local.min():%Y-%m-%d}", "last": f"{local.max():%Y-%m-%d}"}


def _date_axis(ax: Any) -> None:
    """Dates on the x axis without overlap (matplotlib's concise formatter)."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def plot_prices(df: pd.DataFrame, ax: Any | None = None, title: str | None = None) -> Any:
    """The day-ahead price per quarter hour as a step line, in €/MWh (zero line marked).

    Parameters
    ----------
    df : DataFrame
        A day-ahead prices frame (English or French).
    ax : matplotlib Axes, optional
        Where to draw; default: a new figure.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    df, lang = _english(df, ("price_eur_mwh",))
    text = TEXT[lang]
    ax = new_axes(ax)
    ax.step(naive_local(df.index), df["price_eur_mwh"].to_numpy(), where="post",
            color="#1565C0", lw=0.9)  # fmt: skip
    ax.axhline(0, color="#444444", lw=0.8)
    _date_axis(ax)
    return finish(ax, title or text["prices_title"].format(**_period(df)), text["price_axis"],
                  df, lang)  # fmt: skip


def plot_daily_profile(df: pd.DataFrame, ax: Any | None = None, title: str | None = None) -> Any:
    """Mean day-ahead price by Paris hour of the day, with the 10th–90th percentile band.

    Hours are read on the Paris wall clock, so DST days put their quarter hours in the hour
    they were delivered in (none in 02:00 on the spring day, eight in 02:00 in autumn).

    Parameters
    ----------
    df : DataFrame
        A day-ahead prices frame (English or French).
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    df, lang = _english(df, ("price_eur_mwh",))
    text = TEXT[lang]
    hours = pd.Index(df.index.tz_convert(TZ).hour, name="hour")
    grouped = df["price_eur_mwh"].groupby(hours)
    mean, low, high = grouped.mean(), grouped.quantile(0.1), grouped.quantile(0.9)
    ax = new_axes(ax)
    ax.fill_between(mean.index, low.to_numpy(), high.to_numpy(), color="#90CAF9", alpha=0.6,
                    label=text["band"])  # fmt: skip
    ax.plot(mean.index, mean.to_numpy(), color="#0D47A1", lw=2, marker="o", ms=3,
            label=text["mean"])  # fmt: skip
    ax.axhline(0, color="#444444", lw=0.8)
    ax.set_xticks(range(0, 24, 2))
    ax.set_xlim(-0.5, 23.5)
    ax.set_xlabel(text["hour_axis"])
    legend_outside(ax)
    return finish(ax, title or text["profile_title"].format(**_period(df)),
                  text["profile_axis"], df, lang)  # fmt: skip


def plot_balancing_capacity(df: pd.DataFrame, value: str = "contracted_volume_mw",
                            ax: Any | None = None, title: str | None = None) -> Any:  # fmt: skip
    """One step line per product and direction (FCR, aFRR, mFRR; up, down, symmetric).

    Parameters
    ----------
    df : DataFrame
        A capacity frame (a unit endpoint or the aggregate; English or French).
    value : {"contracted_volume_mw", "offered_volume_mw", "volume_mw", "price"}
        What to draw. ``price`` has no unit in the API's documentation and its axis says so.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if value not in ("contracted_volume_mw", "offered_volume_mw", "volume_mw", "price"):
        raise RteValidationError(f"value must be a capacity column, got {value!r}",
                                 parameter="value")  # fmt: skip
    df, lang = _english(df, ("product_type", "direction", value))
    text = TEXT[lang]
    ax = new_axes(ax)
    for (product, direction), part in df.groupby(["product_type", "direction"], observed=True):
        series = part[value].dropna()
        if series.empty:
            continue
        label_dir = DIRECTION_TEXT[lang].get(direction, str(direction))
        ax.step(naive_local(series.index), series.to_numpy(), where="post",
                color=PRODUCT_COLORS.get(product, "#757575"),
                linestyle=DIRECTION_STYLES.get(direction, "-"), lw=1.4,
                label=f"{product} {label_dir}")  # fmt: skip
    if value != "price":
        ax.set_ylim(bottom=0)
    _date_axis(ax)
    legend_outside(ax)
    what = text[value].split(" (")[0].lower()
    return finish(ax, title or text["capacity_title"].format(what=what), text[value], df, lang)
