"""Write the demo's charts to PNG files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from rtecap import ops
from rtecap.exceptions import RteValidationError
from rtecap.plotting._style import FIGSIZE
from rtecap.plotting.charts import plot_departments, plot_mix, plot_timeline, plot_trend

#: File written by :func:`save_all` for each chart.
FILENAMES = {
    "trend": "trend.png",
    "mix": "mix.png",
    "cpc_departments": "cpc_departments.png",
    "station_timeline": "station_timeline.png",
}


def save_all(
    outdir: str | Path,
    *,
    capacities: pd.DataFrame | None = None,
    cpc: pd.DataFrame | None = None,
    units: pd.DataFrame | None = None,
    lang: str | None = None,
    dpi: int = 150,
) -> dict[str, Path]:
    """Draw the standard charts of the frames given and write them as PNG files.

    ============================  =================  =========================================
    file                          from               chart
    ============================  =================  =========================================
    ``trend.png``                 ``capacities``     :func:`plot_trend`, stacked area
    ``mix.png``                   ``capacities``     :func:`plot_mix`, 100 % stacked area
    ``cpc_departments.png``       ``cpc``            :func:`plot_departments`, top 10
    ``station_timeline.png``      ``units``          :func:`plot_timeline`, per year
    ============================  =================  =========================================

    Each figure is a :class:`matplotlib.figure.Figure` of 9 x 5 in made without pyplot, so
    nothing is shown and no figure stays open.

    Parameters
    ----------
    outdir : str or Path
        Directory to write to (created if needed; existing files are replaced).
    capacities : DataFrame, optional
        A CPPT frame or the national dataset (any kind :func:`rtecap.ops.by_sector` takes).
    cpc : DataFrame, optional
        A CPC frame with department rows.
    units : DataFrame, optional
        A CPPU frame.
    lang : {"en", "fr"}, optional
        Language of the texts; default: each frame's own.
    dpi : int, default 150
        Resolution of the PNGs (150 dpi: 1350 x 750 pixels).

    Returns
    -------
    dict of str to Path
        Chart name (``trend``, ``mix``, ``cpc_departments``, ``station_timeline``) -> file
        written, for the frames given.

    Raises
    ------
    RteValidationError
        If no frame is given, or a frame does not fit its chart.

    Examples
    --------
    >>> from rtecap.datasets import load_national_capacities
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out:
    ...     written = save_all(out, capacities=load_national_capacities())
    ...     sizes = {name: path.stat().st_size > 10_000 for name, path in written.items()}
    >>> sizes
    {'trend': True, 'mix': True}
    """
    jobs = []
    if capacities is not None:
        jobs += [("trend", capacities), ("mix", capacities)]
    if cpc is not None:
        jobs.append(("cpc_departments", cpc))
    if units is not None:
        jobs.append(("station_timeline", units))
    if not jobs:
        raise RteValidationError("save_all needs at least one of capacities, cpc, units")
    return {name: save_chart(name, frame, outdir, lang=lang, dpi=dpi) for name, frame in jobs}


#: Chart name -> how it is drawn on an Axes.
CHARTS = {
    "trend": lambda df, ax: plot_trend(df, kind="area", ax=ax),
    "mix": lambda df, ax: plot_mix(df, ax=ax),
    "cpc_departments": lambda df, ax: plot_departments(df, ax=ax),
    "station_timeline": lambda df, ax: plot_timeline(df, ax=ax),
}


def save_chart(name: str, frame: pd.DataFrame, outdir: str | Path, *, lang: str | None = None,
               dpi: int = 150) -> Path:
    """Draw one chart of :func:`save_all` and write it as PNG; return the file written.

    Parameters
    ----------
    name : {"trend", "mix", "cpc_departments", "station_timeline"}
        The chart (see :func:`save_all`).
    frame : DataFrame
        A frame the chart takes.
    outdir : str or Path
        Directory to write to (created if needed).
    lang : {"en", "fr"}, optional
        Language of the texts; default: the frame's own.
    dpi : int, default 150
        Resolution of the PNG.

    Returns
    -------
    Path
        ``outdir / FILENAMES[name]``.

    Raises
    ------
    RteValidationError
        The chart does not fit the frame (nothing is written then).
    """
    from matplotlib.figure import Figure

    if name not in CHARTS:
        raise RteValidationError(f"unknown chart {name!r}; expected one of {list(CHARTS)}")
    if lang is not None:
        frame = ops.translate(frame, lang)
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    CHARTS[name](frame, fig.subplots())
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    path = outdir / FILENAMES[name]
    fig.savefig(path, dpi=dpi)
    return path
