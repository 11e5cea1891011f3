"""A choropleth map of France's departments, drawn with matplotlib alone (no geopandas)."""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rtecap import mappings, ops, registry
from rtecap._values import department_code
from rtecap.datasets._departments import OUTLINES_SOURCE, department_outlines
from rtecap.exceptions import RteValidationError
from rtecap.ops.cpc import as_of
from rtecap.plotting._style import TEXT, THOUSANDS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Departments drawn again, larger, in the inset: Paris and its inner ring.
INSET = ("FR-75", "FR-92", "FR-93", "FR-94")
_MAP_SIZE = (8.0, 7.5)
_MISSING = "#EEEEEE"


def _department_code(raw: Any) -> str:
    """``"FR-75"``, ``"75"``, ``75``, ``"2a"`` -> ``"FR-75"`` / ``"FR-2A"``; else an error."""
    code = department_code(raw)
    if code not in mappings.DEPARTMENT_NAMES or code == "FR":
        raise RteValidationError(f"{raw!r} is not a department code (FR-01 ... FR-976)",
                                 parameter="department_code")
    return code


def _values(df: Any, column: str | None, at: Any) -> tuple[pd.Series, str, str, str | None, str]:
    """Return (values by department code, lang, colour-bar label, date text, unit)."""
    unit = ""
    if isinstance(df, pd.Series):
        values, lang, label, date = df, "en", str(df.name or ""), None
    elif isinstance(df, pd.DataFrame) and _is_cpc(df):
        lang = ops.frame_lang(df)
        en = ops.translate(df, "en") if lang == "fr" else df
        if column not in (None, "capacity_mw"):
            raise RteValidationError("a CPC map shows capacity_mw: leave column=None",
                                     parameter="column")
        latest = ops.to_mw(as_of(en, at))
        latest = latest[(ops.scope_of(latest) == "department").to_numpy()]
        if latest.empty:
            raise RteValidationError(
                "no department rows to map (the frame holds only the national 'FR' aggregate, "
                "or no value on or before `at`): fetch with department_code=FR-01,..."
            )
        values = latest.groupby(latest["department_code"].astype("object"))["capacity_mw"].sum()
        label, date = TEXT[lang]["map_axis"], latest.attrs["rtecap"]["as_of"][:10]
        unit = " MW"
    elif isinstance(df, pd.DataFrame):
        if column is None or column not in df.columns:
            raise RteValidationError(
                f"name the column to map: column= one of {list(map(str, df.columns))}",
                parameter="column")
        codes = df["department_code"] if "department_code" in df.columns else df.index
        values = pd.Series(df[column].to_numpy(), index=codes)
        lang, label, date = "en", str(column), None
    else:
        raise RteValidationError(f"expected a DataFrame or Series, got {type(df).__name__}")
    values = pd.Series(pd.to_numeric(values.to_numpy(), errors="raise"),
                       index=[_department_code(c) for c in values.index], dtype="float64")
    if values.index.has_duplicates:
        dup = sorted(set(values.index[values.index.duplicated()]))
        raise RteValidationError(f"one value per department, got several for {dup}")
    return values, lang, label, date, unit


def _is_cpc(df: pd.DataFrame) -> bool:
    try:
        return "department_code" in registry.get(ops.frame_kind(df)).required
    except RteValidationError:
        return False


def _fmt(value: float, lang: str) -> str:
    text = f"{value:,.0f}".replace(",", THOUSANDS[lang])
    return text.replace(".", ",") if lang == "fr" else text


def _draw(ax: Any, codes: list[str], values: pd.Series, cmap: Any, norm: Any) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    outlines = department_outlines()
    for code in codes:
        rings = [ring for polygon in outlines[code].polygons for ring in polygon]
        path = Path.make_compound_path(*(Path(ring, closed=True) for ring in rings))
        value = values.get(code, np.nan)
        missing = bool(np.isnan(value))
        patch = PathPatch(path, facecolor=_MISSING if missing else cmap(norm(value)),
                          edgecolor="white", linewidth=0.4, hatch="////" if missing else None)
        patch.set_gid(code)  # lets tests (and SVG readers) find each department
        ax.add_patch(patch)
    ax.autoscale_view()
    ax.set_aspect(1.0 / math.cos(math.radians(46.5)))  # degrees look square around France
    ax.set_axis_off()


def plot_departments_map(
    df: pd.DataFrame | pd.Series,
    *,
    column: str | None = None,
    at: Any | None = None,
    ax: Axes | None = None,
    cmap: str = "YlGnBu",
    title: str | None = None,
) -> Axes:
    """A map of metropolitan France's 96 departments coloured by a value.

    For a CPC frame the value is the capacity under purchase obligation in MW, summed over
    the networks and production types in the frame, each combination at its latest value on
    or before ``at`` (:func:`rtecap.ops.as_of`); the national ``FR`` rows are left out. Any
    other frame needs ``column`` (and department codes in a ``department_code`` column or in
    the index); a Series is indexed by department code. Paris and its inner ring are drawn
    again in an inset; departments outside the map (overseas, 971-976) are listed beside it
    with their values, never dropped; departments with no value are hatched grey.

    Parameters
    ----------
    df : DataFrame or Series
        A CPC frame (English or French, kW or MW), a frame with ``column``, or a Series.
        Department codes as ``FR-75``, ``75`` or ``2A``.
    column : str, optional
        The column to map (not for CPC frames).
    at : date-like, optional
        CPC frames: the date of the values (ISO 8601, ``date``, ``Timestamp``; naive is
        Europe/Paris); default the latest update.
    ax : matplotlib Axes, optional
        Where to draw; a new 8 x 7.5 in figure when None.
    cmap : str, default "YlGnBu"
        A matplotlib colour map.
    title : str, optional
        Replaces the default title.

    Returns
    -------
    matplotlib.axes.Axes
        Each department is a patch whose ``get_gid()`` is its code.

    Raises
    ------
    RteValidationError
        No department value, an unknown department code, two values for one department, or
        a missing ``column``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> values = pd.Series({"FR-75": 120.0, "13": 950.0, "FR-971": 80.0}, name="MW")
    >>> ax = plot_departments_map(values)
    >>> sorted(p.get_gid() for p in ax.patches if p.get_hatch() is None)
    ['FR-13', 'FR-75']
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import Normalize

    values, lang, label, date, unit = _values(df, column, at)
    values = values.dropna()
    if values.empty:
        raise RteValidationError(TEXT["en"]["no_data"])
    if ax is None:
        _, ax = plt.subplots(figsize=_MAP_SIZE, layout="constrained")
    colormap = plt.get_cmap(cmap)
    norm = Normalize(vmin=min(0.0, values.min()), vmax=values.max())
    codes = list(department_outlines())
    _draw(ax, codes, values, colormap, norm)
    inset = ax.inset_axes((0.0, 0.0, 0.24, 0.24))
    _draw(inset, list(INSET), values, colormap, norm)
    inset.set_title(TEXT[lang]["map_inset"], fontsize=7)
    inset.set_axis_on()
    inset.set(xticks=[], yticks=[])
    for spine in inset.spines.values():
        spine.set(edgecolor="#BBBBBB", linewidth=0.8)
    bar = ax.figure.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=colormap), ax=ax,
                             shrink=0.6, pad=0.02)
    bar.set_label(label)
    bar.formatter = plt.FuncFormatter(lambda v, _: _fmt(v, lang))
    bar.update_ticks()
    outside = [c for c in values.index if c not in department_outlines()]
    if outside:
        lines = [f"{mappings.DEPARTMENT_NAMES[c]} ({c[3:]}): {_fmt(values[c], lang)}{unit}"
                 for c in sorted(outside)]
        ax.text(0.0, 1.0, TEXT[lang]["map_outside"] + "\n" + "\n".join(lines),
                transform=ax.transAxes, va="top", fontsize=8)
    if values.index.difference(outside).size < len(codes):
        ax.text(1.0, 0.0, "\u2571 " + TEXT[lang]["map_missing"], transform=ax.transAxes,
                ha="right", va="bottom", fontsize=7, color="#666666")
    default = TEXT[lang]["map_title"].format(date=date) if date else label
    ax.set_title(title or default.rstrip(", "), loc="left", fontsize=12)
    source = (getattr(df, "attrs", {}).get("rtecap") or {}).get("source")
    credit = TEXT[lang]["outlines"].format(source=OUTLINES_SOURCE)
    if source:
        credit = TEXT[lang]["source"].format(source=source) + ". " + credit
    ax.annotate(textwrap.fill(credit, width=120), xy=(0, 0), xycoords="axes fraction",
                xytext=(0, -8), textcoords="offset points", va="top", fontsize=7,
                color="#666666")
    return ax
