"""rtecap frames <-> xarray Datasets (CF attributes, netCDF-ready), and back.

xarray is imported only when these functions run (``pip install rtecap[xarray]``).

Layout of the Dataset, per frame kind (dimension <- frame field):

- CPPT: ``time`` (start_date) x ``production_type``; variables ``capacity_mw``, ``end_date``,
  ``updated_date``.
- CPC: ``time`` (updated_date) x ``department`` (department_code, ``FR`` included) x ``network``
  (network_connection) x ``production_type``; variables ``capacity_kw`` (float64, NaN where
  missing; or ``capacity_mw`` for a frame converted with ``to_mw``) and ``scope``. Select
  ``department="FR"`` or the other departments before summing over ``department``.
- national dataset: ``time`` (start_date) x ``sector`` x ``sub_sector`` (an unsplit fossil
  figure, 2007-2009, sits at ``sub_sector=""``); variables ``capacity_mw`` and
  ``sector_total_mw``. ``capacity_mw.sum(["sector", "sub_sector"])`` counts each MW once.
- CPPU: ``station`` (code_eic) x ``time`` (start of each value interval, union over the
  stations). Each non-empty cell is one interval: ``capacity_mw``, ``voltage_kv``,
  ``end_date``, ``updated_date``, ``production_type``. Station metadata (``name``,
  ``location``, ``producer_code_eic``, ``producer_name``) are coordinates along ``station``,
  taken from the station's first row.

**Time.** netCDF has no time zones, so times are stored naive, and each time variable says
in its ``timezone`` attribute how to read it:

- daily or coarser values (every value at local midnight: CPPT's years, the national
  dataset, daily updates): Paris wall-clock time, ``timezone = "Europe/Paris"``, so
  ``ds.sel(time="2015")`` and ``ds.groupby("time.year")`` give 2015, as the frame's
  ``df.loc["2015"]`` does;
- sub-daily values: UTC, ``timezone = "UTC"``, so the hour repeated in autumn stays two
  distinct times; a ``time`` dimension of this kind also gets a ``local_time`` coordinate
  (Paris wall clock) for reading.

Every variable has CF ``units`` / ``long_name``; ``attrs["rtecap_schema"]`` (JSON) keeps the
frame's names, dtypes, categories, language, row order and provenance, so :func:`from_xarray`
gives back an equal frame, also after a netCDF round trip. A row whose values are all missing
cannot be told from an empty cell of the grid: :func:`to_xarray` warns and counts them.
"""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from rtecap import mappings, registry
from rtecap.exceptions import RteValidationError
from rtecap.ops.frames import frame_kind, to_english, translate
from rtecap.parsers import row_order, sort_frame

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
    "local_time": "local time (Europe/Paris wall clock)",
    "code_eic": "EIC code of the power station",
    "producer_code_eic": "EIC code of the producer",
}


def _xarray() -> Any:
    try:
        import xarray
    except ImportError as exc:
        raise ImportError("to_xarray/from_xarray need xarray: pip install rtecap[xarray]") from exc
    return xarray


def _naive(values: Any) -> tuple[np.ndarray, str]:
    """Tz-aware times -> (naive datetime64, the zone they are written in).

    Paris wall-clock time when every value is at local midnight (daily or coarser data),
    else UTC (sub-daily: the autumn hour happens twice in Paris, never in UTC).
    """
    times = pd.DatetimeIndex(values).tz_convert(mappings.TZ)
    known = times[times.notna()]
    if (known == known.normalize()).all():
        return times.tz_localize(None).to_numpy(), mappings.TZ
    return times.tz_convert("UTC").tz_localize(None).to_numpy(), "UTC"


def _encode(values: pd.Series) -> np.ndarray:
    """A column as a numpy array xarray and netCDF accept."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return _naive(values)[0]
    if pd.api.types.is_numeric_dtype(values.dtype) and not isinstance(
        values.dtype, pd.CategoricalDtype
    ):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    return values.astype("object").to_numpy()


def _var_attrs(name: str, zone: str | None = None) -> dict[str, str]:
    attrs = {"long_name": mappings.LONG_NAMES.get(name) or _LONG_NAMES.get(name, name)}
    if name in mappings.UNITS:
        attrs["units"] = mappings.UNITS[name]
    if zone is not None:
        attrs["timezone"] = zone
    return attrs


def _row_order(en: pd.DataFrame, kind: str) -> str | None:
    """The documented order ``en`` is in ("time" or "guide"), or None."""
    for order in ("time", "guide"):
        if sort_frame(en, row_order(kind, order)).equals(en):
            return order
    return None


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
    ({'time': 17, 'sector': 6, 'sub_sector': 9}, 'MW')
    >>> float(ds["capacity_mw"].sel(time="2023", sector="nuclear").sum())
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
    for name in spec.optional_dims:  # e.g. an unsplit fossil row of the national dataset
        if name in flat:
            flat[name] = flat[name].cat.add_categories("").fillna("")
    keys_ok = np.logical_and.reduce([flat[f].notna().to_numpy() for f in fields])
    flat = flat[keys_ok]
    names = [c for c in flat.columns if c not in fields and c not in coords_on]
    empty = int(flat[names].isna().all(axis=1).sum()) if names else 0
    if empty or not keys_ok.all():
        warnings.warn(f"{empty + int((~keys_ok).sum())} row(s) of this {kind} frame without "
                      "keys or without any value are not in the Dataset", UserWarning,
                      stacklevel=2)
    keys, zones = [], {}
    for field in fields:
        values = flat[field]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            naive, zones[field] = _naive(values)
            keys.append(pd.DatetimeIndex(naive))
        elif isinstance(values.dtype, pd.CategoricalDtype):
            keys.append(values.cat.remove_unused_categories().array)
        else:
            keys.append(values.astype("object").to_numpy())
    dims = [DIM_NAMES.get(f, f) for f in spec.dims]
    index = pd.MultiIndex.from_arrays(keys, names=dims)
    if index.has_duplicates:
        raise RteValidationError(f"rows of this {kind} frame share the same keys {dims}")
    zones.update({c: _naive(flat[c])[1] for c in names
                  if isinstance(flat[c].dtype, pd.DatetimeTZDtype)})
    data = pd.DataFrame({c: _encode(flat[c]) for c in names}, index=index)
    ds = xr.Dataset.from_dataframe(data)
    for dim, field in zip(dims, fields, strict=True):
        if dim != "time":
            ds = ds.assign_coords({dim: np.asarray(ds[dim].values, dtype=object)})
        ds[dim].attrs = _var_attrs(field, zones.get(field))
    ds["time"].attrs.update(standard_name="time")
    if zones[index_name] == "UTC":
        local = pd.DatetimeIndex(ds["time"].values).tz_localize("UTC").tz_convert(mappings.TZ)
        ds = ds.assign_coords(local_time=("time", local.tz_localize(None).to_numpy()))
        ds["local_time"].attrs = _var_attrs("local_time", mappings.TZ)
    anchor = spec.coords_along or ""
    for name in coords_on:
        first = flat.drop_duplicates(anchor).set_index(anchor)[name]
        values = first.reindex(ds[DIM_NAMES.get(anchor, anchor)].values)
        ds = ds.assign_coords({name: (DIM_NAMES.get(anchor, anchor), _encode(values))})
    for name in [*names, *coords_on]:
        ds[name].attrs = _var_attrs(name, zones.get(name))
    ds.attrs = {
        "title": f"RTE {kind}",
        "source": "RTE Generation Installed Capacities API / ODRE, via rtecap",
        "Conventions": "CF-1.8",
        "rtecap_schema": json.dumps(_schema(df, en, kind, lang, zones), default=str),
    }
    return ds


def _schema(
    df: pd.DataFrame, en: pd.DataFrame, kind: str, lang: str, zones: dict[str, str]
) -> dict[str, Any]:
    columns: list[list[Any]] = [[str(en.index.name), str(en.index.dtype), None]]
    for name in en.columns:
        dtype = en[name].dtype
        cats = list(dtype.categories) if isinstance(dtype, pd.CategoricalDtype) else None
        columns.append([str(name), "category" if cats is not None else str(dtype), cats])
    return {"resource": kind, "lang": lang, "columns": columns, "zones": zones,
            "order": _row_order(en, kind), "attrs": df.attrs}


def _decode(
    values: pd.Series, dtype: str, categories: list[str] | None, zone: str | None = None
) -> Any:
    if categories is not None:
        values = values.astype("object").where(values.astype("object") != "", None)
        return pd.Categorical(values, categories=categories)
    target = pd.api.types.pandas_dtype(dtype)
    if isinstance(target, pd.DatetimeTZDtype):
        naive = pd.DatetimeIndex(values)
        aware = naive.tz_localize("UTC") if zone == "UTC" else naive.tz_localize(zone)
        return aware.tz_convert(target.tz).as_unit(target.unit)
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
        The frame: same index, columns, dtypes, categories, language and
        ``attrs["rtecap"]`` (values that are not JSON types come back as strings); rows in
        the frame's order when it was in time order or the guide's (as rtecap returns
        frames), else in time order. Empty cells of the grid are not rows. Equal to the
        source frame (``assert_frame_equal``) when every row had a value.

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
    # Datasets of rtecap <= 0.x (before #8) stored every time in UTC and a `row` variable.
    zones = defaultdict(lambda: "UTC", schema.get("zones") or {})
    flat = ds.drop_vars(["local_time"], errors="ignore").to_dataframe().reset_index()
    if "row" in ds.data_vars:
        flat = flat[flat["row"].notna()].sort_values("row", kind="stable").drop(columns="row")
    else:
        values = flat[list(ds.data_vars)]
        values = values.where(values.astype("object") != "")  # netCDF: missing text is ""
        flat = flat[values.notna().any(axis=1).to_numpy()]
    renamed = {DIM_NAMES.get(f, f): f for f in registry.get(kind).dims}
    (index_name, index_dtype, _), *columns = schema["columns"]
    flat = flat.rename(columns={**renamed, "time": index_name})
    index = pd.DatetimeIndex(_decode(flat[index_name], index_dtype, None, zones[index_name]),
                             name=index_name)
    data = {name: _decode(flat[name], dtype, cats, zones[name])
            for name, dtype, cats in columns}
    df = pd.DataFrame(data, index=index)
    if "row" not in ds.data_vars:
        df = sort_frame(df, row_order(kind, schema.get("order") or "time"))
    df.attrs = schema["attrs"]
    return translate(df, schema["lang"]) if schema["lang"] != "en" else df
