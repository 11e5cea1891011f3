"""Plots of rtecap frames (matplotlib, imported only when a plot is drawn).

Every ``plot_*`` function takes ``ax=None`` (a new 9 x 5 in figure when None), returns the
Axes it drew on and never calls ``plt.show()``. Texts follow the frame's language (English or
French, see :data:`TEXT`), each sector has the same colour in every plot
(:data:`rtecap.mappings.SECTOR_COLORS`), MW axes have thousands separators.

- :func:`plot_trend`: capacity per sector over time (lines or stacked area).
- :func:`plot_mix`: the mix, 100 % stacked (area or bars).
- :func:`plot_departments`: CPC, top departments, stacked horizontal bars.
- :func:`plot_departments_map`: a map of France's departments coloured by a value (CPC: MW).
- :func:`plot_timeline`: CPPU, MW commissioned (up) and closed (down) per year, capacity line.
- :func:`save_all`: write the four PNGs of the demo; :func:`save_chart`: one of them.
"""

from rtecap.plotting._style import FIGSIZE, TEXT
from rtecap.plotting.charts import plot_departments, plot_mix, plot_timeline, plot_trend
from rtecap.plotting.files import save_all, save_chart
from rtecap.plotting.maps import plot_departments_map

__all__ = [
    "FIGSIZE",
    "TEXT",
    "plot_departments",
    "plot_departments_map",
    "plot_mix",
    "plot_timeline",
    "plot_trend",
    "save_all",
    "save_chart",
]
