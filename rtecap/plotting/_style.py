"""Shared look of rtecap plots: texts per language, sector colours, axis formats, legends.

matplotlib is imported inside the functions only.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from rtecap import mappings
from rtecap.ops.labels import label_column

#: Figure size of a new plot (inches): readable in a notebook cell and in a PNG.
FIGSIZE = (9.0, 5.0)

#: Every text a plot shows, per language (``{top}``, ``{date}``, ``{period}``, ``{source}`` are
#: filled in).
TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "trend_title": "Installed capacity by sector",
        "mix_title": "Generation mix: share of installed capacity",
        "capacity_axis": "Installed capacity (MW)",
        "share_axis": "Share of installed capacity (%)",
        "departments_title": "Capacity under purchase obligation: top {top} departments, {date}",
        "timeline_title": "Power stations: capacity commissioned and closed per {period}",
        "year": "year",
        "period": "period",
        "timeline_axis": "Commissioned (+) / closed (\u2212) (MW)",
        "in_operation": "In operation (MW, right axis)",
        "in_operation_axis": "Capacity in operation (MW)",
        "source": "Source: {source}",
        "no_data": "no data to plot",
        "map_title": "Capacity under purchase obligation by department, as of {date}",
        "map_axis": "Capacity under purchase obligation (MW)",
        "map_missing": "no value",
        "map_outside": "Not on the map",
        "map_inset": "Paris and inner ring",
        "outlines": "Outlines: {source}",
    },
    "fr": {
        "trend_title": "Puissance installée par filière",
        "mix_title": "Mix de production : part de la puissance installée",
        "capacity_axis": "Puissance installée (MW)",
        "share_axis": "Part de la puissance installée (%)",
        "departments_title": "Puissance sous obligation d'achat : {top} premiers départements, "
        "{date}",
        "timeline_title": "Centrales : puissance mise en service et fermée par {period}",
        "year": "an",
        "period": "période",
        "timeline_axis": "Mises en service (+) / fermetures (\u2212) (MW)",
        "in_operation": "En service (MW, axe de droite)",
        "in_operation_axis": "Puissance en service (MW)",
        "source": "Source : {source}",
        "no_data": "aucune donnée à tracer",
        "map_title": "Puissance sous obligation d'achat par département au {date}",
        "map_axis": "Puissance sous obligation d'achat (MW)",
        "map_missing": "pas de valeur",
        "map_outside": "Hors de la carte",
        "map_inset": "Paris et petite couronne",
        "outlines": "Contours : {source}",
    },
}
#: Thousands separator of the MW axes, per language (French: narrow no-break space).
THOUSANDS = {"en": ",", "fr": "\u202f"}
_FALLBACK_COLOR = "#9E9E9E"


def new_axes(ax: Any | None) -> Any:
    """Return ``ax``, or the Axes of a new pyplot figure of :data:`FIGSIZE` (never shown)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
    return ax


def mw_axis(axis: Any, lang: str) -> None:
    """Format a matplotlib axis in whole MW with a thousands separator."""
    from matplotlib.ticker import FuncFormatter

    sep = THOUSANDS[lang]
    axis.set_major_formatter(
        FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", sep).replace("-", "\u2212"))
    )


def percent_axis(axis: Any) -> None:
    """Format a matplotlib axis holding fractions of 1 as percentages."""
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


def naive_local(index: pd.Index) -> pd.DatetimeIndex:
    """Dates as naive Europe/Paris wall-clock times, so ticks read 2023, not 2022-12-31 23:00."""
    index = pd.DatetimeIndex(index)
    return index.tz_convert(mappings.TZ).tz_localize(None) if index.tz is not None else index


def _lighten(color: str, amount: float) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    return tuple(c + (1.0 - c) * amount for c in to_rgb(color))  # type: ignore[return-value]


def colors(labels: Iterable[str], level: str) -> list[Any]:
    """Colour of each English label: :data:`rtecap.mappings.SECTOR_COLORS`, the same in every
    plot; production types take their sector's colour, lighter for the 2nd, 3rd ... of a sector.
    """
    out: list[Any] = []
    seen: dict[str, int] = {}
    for label in labels:
        if label_column(level) == "sector":
            out.append(mappings.SECTOR_COLORS.get(label, _FALLBACK_COLOR))
            continue
        sector = mappings.PRODUCTION_TYPE_SECTOR.get(label, ("other", None))[0]
        rank = seen[sector] = seen.get(sector, -1) + 1
        out.append(_lighten(mappings.SECTOR_COLORS[sector], min(0.6, 0.3 * rank)))
    return out


def display_label(label: str, level: str, lang: str) -> str:
    """Legend text of an English label in ``lang``: ``Nuclear``, ``Thermique fossile`` ..."""
    if label_column(level) == "sector":
        text = mappings.SECTOR_FR.get(label, label) if lang == "fr" else label
    else:
        text = mappings.PRODUCTION_TYPE_FR.get(label, label) if lang == "fr" else label
        text = text.replace("_", " ").lower()
    return text[:1].upper() + text[1:]


def legend_outside(
    ax: Any, handles: list[Any] | None = None, reverse: bool = False, below: bool = False
) -> None:
    """Put the legend right of the plot (or below it), where it hides no data."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    else:
        labels = [h.get_label() for h in handles]
    if reverse:
        handles, labels = handles[::-1], labels[::-1]
    if below:
        ncol = min(len(handles), 4)
        ax.legend(
            handles,
            labels,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.08),
            ncol=ncol,
            frameon=False,
        )
    else:
        ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)


def finish(ax: Any, title: str, ylabel: str, df: pd.DataFrame, lang: str) -> Any:
    """Title, y label, light grid and, when the frame names its source, a source line below."""
    ax.set_title(title, loc="left", fontsize=12)
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    source = (df.attrs.get("rtecap") or {}).get("source")
    if source:
        text = textwrap.fill(TEXT[lang]["source"].format(source=source), width=150)
        if not ax.get_xlabel():
            ax.set_xlabel(text, loc="left", fontsize=7, color="#666666")
        else:  # the x axis has its own label (horizontal bars): the source goes below it
            ax.annotate(text, xy=(0, 0), xycoords="axes fraction", xytext=(0, -40),
                        textcoords="offset points", va="top", fontsize=7, color="#666666")
    return ax
