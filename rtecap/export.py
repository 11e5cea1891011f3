"""rtecap frames <-> xarray Datasets (CF attributes, netCDF-ready), and back.

xarray is imported only when these functions run (``pip install rtecap[xarray]``).

Layout of the Dataset, per frame kind (dimension <- frame field):

- CPPT: ``time`` (start_date) x ``production_type``; variables ``capacity_mw``, ``end_date``,
  ``updated_date``.
- CPC: ``time`` (updated_date) x ``department`` (department_code, ``FR`` included) x ``network``
  (network_connection) x ``production_type``; variable ``capacity_kw`` (float64, NaN where
  missing; or ``capacity_mw`` for a frame converted with ``to_mw``).
- national dataset: ``time`` (start_date) x ``sector``; variable ``capacity_mw``; coordinate
  ``level`` along ``sector``.
- CPPU: ``station`` (code_eic) x ``time`` (start of each value interval, union over the
  stations). Each non-empty cell is one interval: ``capacity_mw``, ``voltage_kv``,
  ``end_date``, ``updated_date``, ``production_type``. Station metadata (``name``,
  ``location``, ``producer_code_eic``, ``producer_name``) are coordinates along ``station``,
  taken from the station's first row.

Times are stored as naive UTC ``datetime64`` (netCDF has no time zones) with
``attrs["timezone"] = "Europe/Paris"``. Every variable has CF ``units`` / ``long_name``. The
integer variable ``row`` holds each observation's position in the source frame, and
``attrs["rtecap_schema"]`` (JSON) its names, dtypes, categories, language and provenance, so
:func:`from_xarray` gives back an equal frame, also after a netCDF round trip. Rows with a
missing key (a NaT date, e.g. CCPC-RG09 placeholders, or no label) cannot be placed on the
grid: :func:`to_xarray` leaves them out.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rtecap import mappings, registry
from rtecap.exceptions import RteValidationError
from rtecap.ops.frames import frame_kind, to_english, translate

if TYPE_CHECKING:  # pragma: no cover
    import xarray as xr

#: Frame field -> Dataset dimension name (the time index always becomes ``time``). Which
#: fields are dimensions, and which columns are coordinates, is each kind's registry entry.
DIM_NAMES = {
    "department_code": "department",
    "network_connection": "network",
    "code_eic": "station",
}
_LONG_NAMES = {
    "start_date": "start of the validity period",
    "end_date": "end of the validity period",
    "updated_date": "date of update",
    "production_type": "production type",
    "row": "position of the observation in the source frame",
    "code_eic": "EIC code of the power station",
    "producer_code_eic": "EIC code of the producer",
}


def _xarray() -> Any:
    try:
        import xarray
    except ImportError as exc:
        raise ImportError("to_xarray/from_xarray need xarray: pip install rtecap[xarray]") from exc
    return xarray


def _utc_naive(values: Any) -> np.ndarray:
    return pd.DatetimeIndex(values).tz_convert("UTC").tz_localize(None).to_numpy()


def _encode(values: pd.Series) -> np.ndarray:
    """A column as a numpy array xarray and netCDF accept."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return _utc_naive(values)
    if pd.api.types.is_numeric_dtype(values.dtype) and not isinstance(
        values.dtype, pd.CategoricalDtype
    ):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    return values.astype("object").to_numpy()


def _var_attrs(name: str, dtype: Any) -> dict[str, str]:
    attrs = {"long_name": mappings.LONG_NAMES.get(name) or _LONG_NAMES.get(name, name)}
    if name in mappings.UNITS:
        attrs["units"] = mappings.UNITS[name]
    if isinstance(dtype, pd.DatetimeTZDtype):
        attrs["timezone"] = mappings.TZ
    return attrs


def to_xarray(df: pd.DataFrame) -> xr.Dataset:
    """Convert an rtecap frame to an :class:`xarray.Dataset` with CF attributes.

    See the module docstring for each kind's dimensions and variables.

    Parameters
    ----------
    df : DataFrame
        A CPPT, CPPU, CPC or national-dataset frame, English or French (French frames are
        stored with English names; the language is recorded and restored by
        :func:`from_xarray`).

    Returns
    -------
    xarray.Dataset
        Ready for ``ds.to_netcdf(path)``.

    Raises
    ------
    RteValidationError
        If ``df`` is not an rtecap frame, or two rows share the same keys.
    ImportError
        If xarray is not installed.

    Examples
    --------
    >>> from rtecap.datasets import load_national_capacities
    >>> ds = to_xarray(load_national_capacities())
    >>> dict(ds.sizes), ds["capacity_mw"].attrs["units"]
    ({'time': 17, 'sector': 9}, 'MW')
    >>> float(ds["capacity_mw"].sel(sector="nuclear").isel(time=-1).item())  # 2023
    61370.0
    """
    xr = _xarray()
    kind = frame_kind(df)
    spec = registry.get(kind)
    en, lang = to_english(df)
    index_name = str(en.index.name)
    flat = en.reset_index()
    fields = [index_name if f == "time" else f for f in spec.dims]
    coords_on = [c for c in spec.coords if c in flat.columns]
    keys_ok = np.logical_and.reduce([flat[f].notna().to_numpy() for f in fields])
    flat = flat.assign(row=np.arange(len(flat), dtype="float64"))[keys_ok]
    keys = []
    for field in fields:
        values = flat[field]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            keys.append(pd.DatetimeIndex(_utc_naive(values)))
        elif isinstance(values.dtype, pd.CategoricalDtype):
            keys.append(values.cat.remove_unused_categories().array)
        else:
            keys.append(values.astype("object").to_numpy())
    dims = [DIM_NAMES.get(f, f) for f in spec.dims]
    index = pd.MultiIndex.from_arrays(keys, names=dims)
    if index.has_duplicates:
        raise RteValidationError(f"rows of this {kind} frame share the same keys {dims}")
    names = [c for c in flat.columns if c not in fields and c not in coords_on]
    data = pd.DataFrame({c: _encode(flat[c]) for c in names}, index=index)
    ds = xr.Dataset.from_dataframe(data)
    for dim, field in zip(dims, fields, strict=True):
        if dim != "time":
            ds = ds.assign_coords({dim: np.asarray(ds[dim].values, dtype=object)})
        ds[dim].attrs = _var_attrs(field, None)
    ds["time"].attrs.update(standard_name="time", timezone=mappings.TZ)
    anchor = spec.coords_along or ""
    for name in coords_on:
        first = flat.drop_duplicates(anchor).set_index(anchor)[name]
        values = first.reindex(ds[DIM_NAMES.get(anchor, anchor)].values)
        ds = ds.assign_coords({name: (DIM_NAMES.get(anchor, anchor), _encode(values))})
    for name in [*names, *coords_on]:
        ds[name].attrs = _var_attrs(name, en[name].dtype if name in en else None)
    ds["row"].encoding.update(dtype="int64", _FillValue=-1)
    ds.attrs = {
        "title": f"RTE {kind}",
        "source": "RTE Generation Installed Capacities API / ODRE, via rtecap",
        "Conventions": "CF-1.8",
        "rtecap_schema": json.dumps(_schema(df, en, kind, lang), default=str),
    }
    return ds


def _schema(df: pd.DataFrame, en: pd.DataFrame, kind: str, lang: str) -> dict[str, Any]:
    columns: list[list[Any]] = [[str(en.index.name), str(en.index.dtype), None]]
    for name in en.columns:
        dtype = en[name].dtype
        cats = list(dtype.categories) if isinstance(dtype, pd.CategoricalDtype) else None
        columns.append([str(name), "category" if cats is not None else str(dtype), cats])
    return {"resource": kind, "lang": lang, "columns": columns, "attrs": df.attrs}


def _decode(values: pd.Series, dtype: str, categories: list[str] | None) -> Any:
    if categories is not None:
        values = values.astype("object").where(values.astype("object") != "", None)
        return pd.Categorical(values, categories=categories)
    target = pd.api.types.pandas_dtype(dtype)
    if isinstance(target, pd.DatetimeTZDtype):
        utc = pd.DatetimeIndex(values).tz_localize("UTC")
        return utc.tz_convert(target.tz).as_unit(target.unit)
    if target == "Int64":
        return values.astype("Float64").astype("Int64").array
    if isinstance(target, pd.StringDtype):
        blank = values.astype("object") == ""
        return values.astype("object").where(~blank, None).astype(target).array
    return values.astype(target).array


def from_xarray(ds: xr.Dataset) -> pd.DataFrame:
    """Rebuild the rtecap frame a Dataset was made from by :func:`to_xarray`.

    Parameters
    ----------
    ds : xarray.Dataset
        A Dataset from :func:`to_xarray`, possibly written to and read back from netCDF.

    Returns
    -------
    DataFrame
        The frame: same index, columns, dtypes, categories, row order, language and
        ``attrs["rtecap"]`` (values that are not JSON types come back as strings). Empty
        cells of the grid are not rows. Equal to the source frame (``assert_frame_equal``)
        when no row had a missing key.

    Raises
    ------
    RteValidationError
        If ``ds`` has no ``rtecap_schema`` attribute (it was not made by :func:`to_xarray`).

    Examples
    --------
    >>> from rtecap.datasets import load_national_capacities
    >>> national = load_national_capacities(lang="fr")
    >>> from_xarray(to_xarray(national)).equals(national)
    True
    """
    if "rtecap_schema" not in ds.attrs:
        raise RteValidationError("this Dataset was not made by rtecap.export.to_xarray")
    schema = json.loads(ds.attrs["rtecap_schema"])
    kind = schema["resource"]
    flat = ds.to_dataframe().reset_index()
    flat = flat[flat["row"].notna()].sort_values("row", kind="stable")
    renamed = {DIM_NAMES.get(f, f): f for f in registry.get(kind).dims}
    (index_name, index_dtype, _), *columns = schema["columns"]
    flat = flat.rename(columns={**renamed, "time": index_name})
    index = pd.DatetimeIndex(_decode(flat[index_name], index_dtype, None), name=index_name)
    data = {name: _decode(flat[name], dtype, cats) for name, dtype, cats in columns}
    df = pd.DataFrame(data, index=index)
    df.attrs = schema["attrs"]
    return translate(df, schema["lang"]) if schema["lang"] != "en" else df
