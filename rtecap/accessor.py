"""The ``df.rte`` DataFrame accessor, registered when :mod:`rtecap` is imported.

The accessor holds nothing but the frame and its kind (pandas builds it anew at each access),
checks in ``__init__`` that the frame is an rtecap frame (else ``AttributeError``, so
``hasattr(df, "rte")`` is False on other frames), and each method hands over to a public
function of :mod:`rtecap.ops`, :mod:`rtecap.export` or :mod:`rtecap.plotting`, whose
docstring tells the details.

Examples
--------
>>> import rtecap
>>> from rtecap.datasets import load_national_capacities
>>> df = load_national_capacities()
>>> df.rte.kind
'odre_national_capacities'
>>> df.rte.mix().loc["2023"].sum(axis=1).round(12).tolist()
[1.0]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from rtecap import export, ops, plotting
from rtecap.dates import DateLike
from rtecap.exceptions import RteValidationError

if TYPE_CHECKING:  # pragma: no cover
    import xarray as xr
    from matplotlib.axes import Axes


@pd.api.extensions.register_dataframe_accessor("rte")
class RteAccessor:
    """``df.rte``: analysis of a CPPT, CPPU, CPC or national-dataset frame.

    Parameters
    ----------
    df : DataFrame
        An rtecap frame (English or French); see :func:`rtecap.ops.frame_kind`.

    Raises
    ------
    AttributeError
        If ``df`` is not an rtecap frame (``hasattr(df, "rte")`` is then False).

    Notes
    -----
    A method that does not fit the frame's kind (``in_operation`` on a CPPT frame,
    ``plot_departments`` on a CPPU frame ...) raises :class:`rtecap.RteValidationError`.
    """

    def __new__(cls, df: pd.DataFrame) -> Any:
        # Market-data frames get their own accessor (rtecap.market.accessor).
        from rtecap.market.accessor import MarketAccessor
        from rtecap.market.frames import market_kind

        if market_kind(df) is not None:
            return MarketAccessor(df)
        return super().__new__(cls)

    def __init__(self, df: pd.DataFrame):
        try:
            self._kind = ops.frame_kind(df)
        except RteValidationError as exc:
            raise AttributeError(
                f"the .rte accessor works on rtecap frames only (get_*/read_* results or "
                f"rtecap.datasets.load_national_capacities()): {exc}"
            ) from exc
        self._df = df

    @property
    def kind(self) -> str:
        """The frame's kind: a resource name or ``odre_national_capacities``."""
        return self._kind

    @property
    def lang(self) -> str:
        """``"en"`` or ``"fr"``: the language of the frame's names and labels."""
        return ops.frame_lang(self._df)

    # Each method has the signature of the function it delegates to, less the frame
    # (tests/test_accessor.py checks it for every method).

    # ----------------------------------------------------------------- same shape
    def translate(self, lang: str) -> pd.DataFrame:
        """Names and labels in ``lang`` ("en"/"fr"): :func:`rtecap.ops.translate`."""
        return ops.translate(self._df, lang)

    def to_mw(self) -> pd.DataFrame:
        """CPC ``capacity_kw`` -> ``capacity_mw`` (others: a copy): :func:`rtecap.ops.to_mw`."""
        return ops.to_mw(self._df)

    # ----------------------------------------------------------------- sectors
    def by_sector(self, *, level: str = "sector", freq: str | None = None) -> pd.DataFrame:
        """Wide time x sector frame in MW: :func:`rtecap.ops.by_sector`."""
        return ops.by_sector(self._df, level=level, freq=freq)

    def mix(self, *, level: str = "sector", freq: str | None = None) -> pd.DataFrame:
        """Shares of the total (rows sum to 1): :func:`rtecap.ops.mix`."""
        return ops.mix(self._df, level=level, freq=freq)

    def change(
        self, *, periods: int = 1, level: str = "sector", freq: str | None = None
    ) -> pd.DataFrame:
        """Tidy change in MW and % per sector: :func:`rtecap.ops.change`."""
        return ops.change(self._df, periods=periods, level=level, freq=freq)

    # ----------------------------------------------------------------- scopes (CPC)
    def national(self) -> pd.DataFrame:
        """CPC rows of the ``FR`` aggregate: :func:`rtecap.ops.national`."""
        return ops.national(self._df)

    def departments(self) -> pd.DataFrame:
        """CPC rows of the departments: :func:`rtecap.ops.departments`."""
        return ops.departments(self._df)

    # ----------------------------------------------------------------- units (CPPU)
    def in_operation(self, at: DateLike) -> pd.DataFrame:
        """CPPU rows in operation at ``at``: :func:`rtecap.ops.in_operation`."""
        return ops.in_operation(self._df, at)

    def as_of(self, at: Any | None = None) -> pd.DataFrame:
        """CPC: the latest value of each combination at ``at``: :func:`rtecap.ops.as_of`."""
        return ops.as_of(self._df, at)

    def timeline(self, *, freq: str = "YS", level: str = "sector") -> pd.DataFrame:
        """CPPU capacity, commissioned and closed MW per period: :func:`rtecap.ops.timeline`."""
        return ops.timeline(self._df, freq=freq, level=level)

    # ----------------------------------------------------------------- export, plots
    def to_xarray(self) -> xr.Dataset:
        """CF-annotated Dataset: :func:`rtecap.export.to_xarray`."""
        return export.to_xarray(self._df)

    def plot_trend(
        self,
        *,
        kind: str = "line",
        level: str = "sector",
        freq: str | None = None,
        ax: Axes | None = None,
        title: str | None = None,
    ) -> Axes:
        """Capacity per sector over time: :func:`rtecap.plotting.plot_trend`."""
        return plotting.plot_trend(self._df, kind=kind, level=level, freq=freq, ax=ax,
                                   title=title)

    def plot_mix(
        self,
        *,
        kind: str = "area",
        level: str = "sector",
        freq: str | None = None,
        ax: Axes | None = None,
        title: str | None = None,
    ) -> Axes:
        """100 % stacked generation mix: :func:`rtecap.plotting.plot_mix`."""
        return plotting.plot_mix(self._df, kind=kind, level=level, freq=freq, ax=ax, title=title)

    def plot_departments(
        self,
        *,
        top: int = 10,
        at: Any | None = None,
        level: str = "sector",
        ax: Axes | None = None,
        title: str | None = None,
    ) -> Axes:
        """CPC top departments, MW per sector: :func:`rtecap.plotting.plot_departments`."""
        return plotting.plot_departments(self._df, top=top, at=at, level=level, ax=ax,
                                         title=title)

    def plot_departments_map(
        self,
        *,
        column: str | None = None,
        at: Any | None = None,
        ax: Axes | None = None,
        cmap: str = "YlGnBu",
        title: str | None = None,
    ) -> Axes:
        """Map of the departments: :func:`rtecap.plotting.plot_departments_map`."""
        return plotting.plot_departments_map(self._df, column=column, at=at, ax=ax, cmap=cmap,
                                             title=title)

    def plot_timeline(
        self,
        *,
        freq: str = "YS",
        level: str = "sector",
        ax: Axes | None = None,
        title: str | None = None,
        capacity: bool = True,
    ) -> Axes:
        """CPPU commissioned / closed MW and capacity: :func:`rtecap.plotting.plot_timeline`."""
        return plotting.plot_timeline(self._df, freq=freq, level=level, ax=ax, title=title,
                                      capacity=capacity)
