"""Market frames as xarray Datasets, on the dims of their endpoint's entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from rtecap.mappings import TZ
from rtecap.market._endpoints import ENDPOINTS
from rtecap.market.frames import market_kind
from rtecap.market.parsers import translate

if TYPE_CHECKING:  # pragma: no cover
    import xarray as xr


def to_xarray(df: pd.DataFrame) -> xr.Dataset:
    """A market frame as an xarray Dataset.

    The dims are the endpoint's ``dims``, as in :func:`rtecap.export.to_xarray`:
    ``time`` (the index: period start, or bucket start for aFRR chart buckets) for prices and
    energy row sets, ``time`` x ``product_type`` x ``direction`` for capacity. Times are naive
    UTC ``datetime64`` (netCDF has no time zones) with ``timezone = "Europe/Paris"`` on
    ``time``; units go to each variable's ``units`` attribute (none for the capacity
    ``price``); labels become strings, booleans ``bool`` (``float64`` 1/0/NaN when some are
    missing). French frames are exported in English.

    Parameters
    ----------
    df : DataFrame
        A market frame.

    Returns
    -------
    xarray.Dataset

    Raises
    ------
    RteValidationError
        Not a market frame, or two rows on one point of the dims.

    Examples
    --------
    >>> import rtecap
    >>> from rtecap.market import read_fcr_capacity
    >>> df = read_fcr_capacity({"rows": [{"period_start_utc": "2026-05-23T22:00:00Z",
    ...     "period_end_utc": "2026-05-23T23:00:00Z", "volume_mw": 582, "price": 18.4,
    ...     "direction": "SYMMETRIC", "product_type": "FCR", "time_horizon": "DAILY"}]})
    >>> ds = to_xarray(df)
    >>> dict(ds.sizes)
    {'time': 1, 'product_type': 1, 'direction': 1}
    >>> ds["volume_mw"].attrs["units"], str(ds["time"].values[0])
    ('MW', '2026-05-23T22:00:00.000000')
    """
    from rtecap.exceptions import RteValidationError

    kind = market_kind(df)
    if kind is None:
        raise RteValidationError("to_xarray: not a market-data frame")
    info = dict(df.attrs.get("rtecap") or {})
    flat = translate(df, "en")
    flat = flat.rename_axis("time").reset_index()
    dims = [d for d in ENDPOINTS[kind].dims if d in flat.columns]
    for column in flat.columns:
        dtype = flat[column].dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            flat[column] = flat[column].dt.tz_convert("UTC").dt.tz_localize(None)
        elif isinstance(dtype, pd.CategoricalDtype):
            flat[column] = flat[column].astype(str)
        elif isinstance(dtype, pd.BooleanDtype):
            values = flat[column]
            flat[column] = values.astype("float64") if values.hasnans else values.astype(bool)
    if flat.duplicated(dims).any():
        raise RteValidationError(f"to_xarray: several rows share one point of {dims}")
    ds = flat.set_index(dims).to_xarray()
    units = info.get("units") or {}
    for name in ds.data_vars:
        if units.get(name):
            ds[name].attrs["units"] = units[name]
    ds["time"].attrs.update(standard_name="time", timezone=TZ)
    ds.attrs.update(title=f"market-data {kind}", resource=kind,
                    source=str(info.get("source", "")))  # fmt: skip
    return ds
