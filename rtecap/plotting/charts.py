"""The four rtecap charts. Each takes ``ax=None`` and returns the matplotlib Axes it drew on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rtecap import mappings, ops, registry
from rtecap.exceptions import RteValidationError
from rtecap.ops.frames import to_english
from rtecap.ops.labels import level_order

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

from rtecap.plotting._style import (
    TEXT,
    colors,
    display_label,
    finish,
    legend_outside,
    mw_axis,
    naive_local,
    new_axes,
    percent_axis,
)


def _check(value: str, allowed: tuple[str, ...], name: str) -> None:
    if value not in allowed:
        raise RteValidationError(f"{name} must be one of {allowed}, got {value!r}", parameter=name)


def _stacked(ax: Any, wide: pd.DataFrame, kind: str, level: str, lang: str) -> None:
    """Draw a wide time x label frame as lines, a stacked area or stacked bars."""
    if wide.empty:
        raise RteValidationError(TEXT["en"]["no_data"])
    cols = list(wide.columns)
    cs = colors(cols, level)
    labels = [display_label(c, level, lang) for c in cols]
    x = naive_local(wide.index)
    if kind == "line":
        marker = "o" if len(x) <= 30 else None
        for c, color, label in zip(cols, cs, labels, strict=True):
            ax.plot(x, wide[c].to_numpy(), color=color, label=label, lw=2, marker=marker, ms=3)
        legend_outside(ax)
        return
    values = wide.fillna(0.0).to_numpy().T
    if kind == "area":
        ax.stackplot(x, values, colors=cs, labels=labels, linewidth=0)
        ax.set_xlim(x[0], x[-1])
    else:
        yearly = bool((x.month == 1).all() and (x.day == 1).all())
        positions = np.arange(len(x))
        bottom = np.zeros(len(x))
        for row, color, label in zip(values, cs, labels, strict=True):
            ax.bar(positions, row, bottom=bottom, color=color, label=label, width=0.8)
            bottom += row
        step = max(1, len(x) // 12)
        ax.set_xticks(positions[::step], x.strftime("%Y" if yearly else "%Y-%m")[::step])
    legend_outside(ax, reverse=True)


def plot_trend(
    df: pd.DataFrame,
    *,
    kind: str = "line",
    level: str = "sector",
    freq: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Installed capacity per sector over time, as lines or a stacked area, in MW.

    Parameters
    ----------
    df : DataFrame
        A CPPT, CPPU, CPC or national-dataset frame; the plot's texts follow its language.
    kind : {"line", "area"}, default "line"
        One line per sector, or sectors stacked (the top edge is the total).
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        As in :func:`rtecap.ops.by_sector`.
    freq : str, optional
        Resampling, as in :func:`rtecap.ops.by_sector` (last value per period).
    ax : matplotlib Axes, optional
        Where to draw; a new 9 x 5 in figure when None.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    RteValidationError
        Unknown ``kind``/``level``, not an rtecap frame, or nothing to plot.

    Examples
    --------
    >>> from rtecap.datasets import load_national_capacities
    >>> from matplotlib.figure import Figure
    >>> ax = plot_trend(load_national_capacities(), kind="area", ax=Figure().subplots())
    >>> ax.get_title(loc="left"), len(ax.collections)  # one stacked area per sector
    ('Installed capacity by sector', 6)
    """
    _check(kind, ("line", "area"), "kind")
    en, lang = to_english(df)
    ax = new_axes(ax)
    _stacked(ax, ops.by_sector(en, level=level, freq=freq), kind, level, lang)
    ax.set_ylim(bottom=0)
    mw_axis(ax.yaxis, lang)
    return finish(ax, title or TEXT[lang]["trend_title"], TEXT[lang]["capacity_axis"], df, lang)


def plot_mix(
    df: pd.DataFrame,
    *,
    kind: str = "area",
    level: str = "sector",
    freq: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """The generation mix: each sector's share of the installed capacity, stacked to 100 %.

    Parameters
    ----------
    df : DataFrame
        A CPPT, CPPU, CPC or national-dataset frame; the plot's texts follow its language.
    kind : {"area", "bar"}, default "area"
        A 100 % stacked area, or one 100 % stacked bar per date.
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        As in :func:`rtecap.ops.mix`.
    freq : str, optional
        Resampling, as in :func:`rtecap.ops.by_sector`.
    ax : matplotlib Axes, optional
        Where to draw; a new 9 x 5 in figure when None.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    RteValidationError
        Unknown ``kind``/``level``, not an rtecap frame, or nothing to plot.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from rtecap.datasets import load_national_capacities
    >>> national = load_national_capacities(lang="fr")
    >>> ax = plot_mix(national, kind="bar", ax=Figure().subplots())
    >>> ax.get_title(loc="left"), [float(y) for y in ax.get_ylim()]
    ('Mix de production : part de la puissance installée', [0.0, 1.0])
    """
    _check(kind, ("area", "bar"), "kind")
    en, lang = to_english(df)
    ax = new_axes(ax)
    _stacked(ax, ops.mix(en, level=level, freq=freq).dropna(how="all"), kind, level, lang)
    ax.set_ylim(0, 1)
    percent_axis(ax.yaxis)
    return finish(ax, title or TEXT[lang]["mix_title"], TEXT[lang]["share_axis"], df, lang)


def _department_table(en: pd.DataFrame, at: Any, level: str) -> tuple[pd.DataFrame, Any]:
    """MW per department (rows) and label (columns) at the update date chosen by ``at``."""
    if "department_code" not in registry.get(ops.frame_kind(en)).required:
        raise RteValidationError(f"plot_departments needs a {mappings.CPC} frame")
    latest = ops.to_mw(ops.as_of(en, at))  # each combination at its latest update
    rows = latest[(ops.scope_of(latest) == "department").to_numpy()]
    if rows.empty:
        raise RteValidationError(
            "no department rows to plot (the frame holds only the national 'FR' aggregate, "
            "or no update on or before `at`): fetch with department_code=FR-01,..."
        )
    labels = ops.sector_labels(rows["production_type"], level).to_numpy()
    codes = rows["department_code"].astype("object").to_numpy()
    table = rows["capacity_mw"].groupby([codes, labels]).sum().unstack(fill_value=0.0)
    return table[level_order(level, table.columns)], latest.attrs["rtecap"]["as_of"][:10]


def plot_departments(
    df: pd.DataFrame,
    *,
    top: int = 10,
    at: Any | None = None,
    level: str = "sector",
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """CPC capacity of the ``top`` departments, horizontal bars stacked by sector, in MW.

    Uses each department x network x type at its latest value on or before ``at`` (default:
    the frame's latest update; :func:`rtecap.ops.as_of`), sums both networks, leaves out the
    national ``FR`` rows. Departments are named from
    :data:`rtecap.mappings.DEPARTMENT_NAMES`, largest at the top.

    Parameters
    ----------
    df : DataFrame
        A CPC frame with department rows (kW or MW; English or French).
    top : int, default 10
        How many departments (by total capacity; ties by code).
    at : str, date, datetime or Timestamp, optional
        The date of the values (naive: Europe/Paris); it is shown in the title.
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        Stack by sector, sub-sector or CPC production type.
    ax : matplotlib Axes, optional
        Where to draw; a new 9 x 5 in figure when None.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    RteValidationError
        Not a CPC frame, no department rows at that date, or ``top`` < 1.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from rtecap import read_capacities_cpc
    >>> row = {"updated_date": "2024-01-09T00:00:00+01:00", "network_connection": "RPD"}
    >>> cpc = read_capacities_cpc({"capacities_cpc": [
    ...     {**row, "department_code": "FR-13", "production_type": "SOLAR", "value": 900_000},
    ...     {**row, "department_code": "FR-13", "production_type": "WIND", "value": 80_000},
    ...     {**row, "department_code": "FR-29", "production_type": "WIND", "value": 500_000}]})
    >>> ax = plot_departments(cpc, top=5, ax=Figure().subplots())
    >>> [label.get_text() for label in ax.get_yticklabels()]  # largest at the top
    ['Finistère (29)', 'Bouches-du-Rhône (13)']
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise RteValidationError(f"top must be a positive integer, got {top!r}", parameter="top")
    en, lang = to_english(df)
    table, date = _department_table(en, at, level)
    totals = table.sum(axis=1)
    chosen = sorted(table.index, key=lambda code: (-totals[code], code))[:top]
    table = table.loc[chosen[::-1]]
    table = table.loc[:, table.sum() > 0]  # no legend entry for a sector without a bar
    ax = new_axes(ax)
    positions = np.arange(len(table))
    left = np.zeros(len(table))
    cols = list(table.columns)
    for col, color in zip(cols, colors(cols, level), strict=True):
        values = table[col].to_numpy()
        label = display_label(col, level, lang)
        ax.barh(positions, values, left=left, color=color, label=label, height=0.7)
        left += values
    names = [
        f"{mappings.DEPARTMENT_NAMES.get(c, c)} ({c.removeprefix('FR-')})" for c in table.index
    ]
    ax.set_yticks(positions, names)
    mw_axis(ax.xaxis, lang)
    ax.set_xlabel(TEXT[lang]["capacity_axis"])
    legend_outside(ax)
    text = TEXT[lang]["departments_title"].format(top=len(table), date=date)
    finish(ax, title or text, "", df, lang)
    ax.grid(False)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8)
    return ax


def plot_timeline(
    df: pd.DataFrame,
    *,
    freq: str = "YS",
    level: str = "sector",
    ax: Axes | None = None,
    title: str | None = None,
    capacity: bool = True,
) -> Axes:
    """CPPU commissioning and closures per period, with the capacity in operation.

    Bars above zero: MW commissioned in the period, stacked by sector; bars below zero: MW
    closed; a black line on the right axis: total capacity in operation at the end of each
    period (from :func:`rtecap.ops.timeline`).

    Parameters
    ----------
    df : DataFrame
        A CPPU frame (English or French).
    freq : str, default "YS"
        Period of the bars (pandas offset alias; ``"YS"`` = calendar year).
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        Stack by sector, sub-sector or production type.
    ax : matplotlib Axes, optional
        Where to draw the bars; a new 9 x 5 in figure when None. The capacity line goes on
        a twin Axes (``ax.figure.axes[-1]``).
    title : str, optional
        Replaces the default title.
    capacity : bool, default True
        Draw the capacity in operation line.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes of the bars.

    Raises
    ------
    RteValidationError
        Not a CPPU frame, or nothing to plot.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from rtecap import read_capacities_per_production_unit
    >>> units = read_capacities_per_production_unit({"capacities_per_production_unit": [
    ...     {"production_unit": {"code_eic": "17W100P100P0341J", "name": "Pont-sur-Sambre"},
    ...      "values": [{"start_date": "2019-08-09T00:00:00+02:00", "installed_capacity": 412,
    ...                  "end_date": "2022-05-16T00:00:00+02:00", "type": "FOSSIL_GAS"}]}]})
    >>> ax = plot_timeline(units, ax=Figure().subplots())
    >>> ax.get_title(loc="left")
    'Power stations: capacity commissioned and closed per year'
    """
    from matplotlib.patches import Patch

    en, lang = to_english(df)
    tl = ops.timeline(en, freq=freq, level=level)
    if tl.empty:
        raise RteValidationError(TEXT["en"]["no_data"])
    label = tl.columns[0]
    com, clo, cap = (
        tl.pivot(columns=label, values=name).fillna(0.0)
        for name in ("commissioned_mw", "closed_mw", "capacity_mw")
    )
    cols = list(cap.columns)
    cs = colors(cols, level)
    periods = naive_local(cap.index)
    step = pd.Series(periods).diff().median() if len(periods) > 1 else pd.Timedelta(days=365)
    width = 0.8 * step
    ax = new_axes(ax)
    for bars, sign in ((com, 1.0), (clo, -1.0)):
        base = np.zeros(len(periods))
        for col, color in zip(cols, cs, strict=True):
            values = sign * bars[col].to_numpy()
            ax.bar(periods, values, bottom=base, width=width, color=color, align="edge")
            base += values
    handles: list[Any] = [
        Patch(color=color, label=display_label(col, level, lang))
        for col, color in zip(cols, cs, strict=True)
        if com[col].sum() + clo[col].sum() > 0
    ]
    low, high = ax.get_ylim()
    ax.set_ylim(low - 0.05 * (high - low), high + 0.05 * (high - low))  # stacked bars: no margin
    ax.axhline(0, color="#333333", linewidth=0.8)
    mw_axis(ax.yaxis, lang)
    if capacity:
        twin = ax.twinx()
        (line,) = twin.plot(
            periods + width / 2,
            cap.sum(axis=1).to_numpy(),
            color="black",
            lw=1.8,
            label=TEXT[lang]["in_operation"],
        )
        twin.set_ylim(0, 1.05 * max(1.0, float(cap.sum(axis=1).max())))
        twin.set_ylabel(TEXT[lang]["in_operation_axis"])
        mw_axis(twin.yaxis, lang)
        twin.spines["top"].set_visible(False)
        handles.append(line)
    legend_outside(ax, handles, below=True)
    yearly = str(freq).upper().startswith(("Y", "A"))
    default = TEXT[lang]["timeline_title"].format(period=TEXT[lang]["year" if yearly else "period"])
    return finish(ax, title or default, TEXT[lang]["timeline_axis"], df, lang)
