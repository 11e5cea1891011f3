"""``df.rte`` on a market-data frame (prices, capacity, an energy row set).

:class:`rtecap.accessor.RteAccessor` hands market frames to this class, so ``df.rte`` works
on every rtecap frame; like it, this class holds nothing but the frame and its kind and each
method delegates to a public function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from rtecap.market import quality
from rtecap.market.frames import market_kind, market_lang
from rtecap.market.parsers import translate

if TYPE_CHECKING:  # pragma: no cover
    import xarray as xr
    from matplotlib.axes import Axes


class MarketAccessor:
    """``df.rte`` of a market frame.

    Parameters
    ----------
    df : DataFrame
        A frame of :mod:`rtecap.market` (or shaped like one, English or French).

    Examples
    --------
    >>> import rtecap
    >>> from rtecap.market import read_day_ahead_prices
    >>> df = read_day_ahead_prices({"rows": [{"hour_start_utc": "2026-03-28T23:00:00Z",
    ...     "hour_end_utc": "2026-03-28T23:15:00Z", "price_eur_mwh": 61.2}]})
    >>> df.rte.kind, df.rte.lang
    ('day_ahead_prices', 'en')
    """

    def __init__(self, df: pd.DataFrame):
        kind = market_kind(df)
        if kind is None:
            raise AttributeError("not a market-data frame")
        self._df, self._kind = df, kind

    @property
    def kind(self) -> str:
        """The endpoint the frame comes from (``day_ahead_prices``, ``afrr_energy`` ...)."""
        return self._kind

    @property
    def lang(self) -> str:
        """``"en"`` or ``"fr"``."""
        return market_lang(self._df)

    def translate(self, lang: str) -> pd.DataFrame:
        """Names and labels in ``lang``: :func:`rtecap.market.parsers.translate`."""
        return translate(self._df, lang)

    def gaps(self, freq: str | None = None, by: str | list[str] | None = None) -> pd.DataFrame:
        """Missing / duplicate periods: :func:`rtecap.market.quality.gaps`."""
        return quality.gaps(self._df, freq=freq, by=by)

    def day_counts(self, freq: str | None = None) -> pd.DataFrame:
        """Rows per Paris day against 96 / 92 / 100: :func:`rtecap.market.quality.day_counts`."""
        return quality.day_counts(self._df, freq=freq)

    def to_xarray(self) -> xr.Dataset:
        """A Dataset on the endpoint's dims: :func:`rtecap.market.export.to_xarray`."""
        from rtecap.market.export import to_xarray

        return to_xarray(self._df)

    def plot_prices(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Day-ahead price series: :func:`rtecap.plotting.market.plot_prices`."""
        from rtecap.plotting.market import plot_prices

        return plot_prices(self._df, ax=ax, **kwargs)

    def plot_daily_profile(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Mean price by Paris hour: :func:`rtecap.plotting.market.plot_daily_profile`."""
        from rtecap.plotting.market import plot_daily_profile

        return plot_daily_profile(self._df, ax=ax, **kwargs)

    def plot_balancing_capacity(
        self, value: str = "contracted_volume_mw", ax: Axes | None = None, **kwargs: Any
    ) -> Axes:
        """Capacity per product and direction:
        :func:`rtecap.plotting.market.plot_balancing_capacity`."""
        from rtecap.plotting.market import plot_balancing_capacity

        return plot_balancing_capacity(self._df, value=value, ax=ax, **kwargs)
