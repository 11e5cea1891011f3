"""Reading a market-data archive back: the loaders' frames and the replaced values.

:func:`load_archive` turns the stored tables of :mod:`rtecap.market.archive` back into the
frames the ``get_*`` loaders return (same index, columns, dtypes, categories and order), for
any period; :func:`load_revisions` returns the values that collections replaced.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TypeAlias

import pandas as pd

from rtecap import mappings as m
from rtecap.dates import DateLike, parse_date
from rtecap.exceptions import RteValidationError
from rtecap.market import mappings as mm
from rtecap.market import parsers as _parsers
from rtecap.market._endpoints import ENDPOINTS, MEMBER_ENDPOINTS, endpoint
from rtecap.market._store import (
    FETCHED_AT,
    SYNTHETIC,
    Store,
    key_columns,
    read_months,
    require_dependencies,
)
from rtecap.market.results import BalancingEnergy, EnergyResult

__all__ = ["load_archive", "load_revisions"]
#: What :func:`load_archive` returns: as the endpoint's loader.
Loaded: TypeAlias = pd.DataFrame | EnergyResult | BalancingEnergy


def _bound(value: DateLike | None, name: str) -> pd.Timestamp | None:
    return None if value is None else parse_date(value, name)


def _months(folder_months: Iterable[str], lo: pd.Timestamp | None,
            hi: pd.Timestamp | None) -> list[str]:  # fmt: skip
    first = lo.strftime("%Y-%m") if lo is not None else ""
    last = hi.strftime("%Y-%m") if hi is not None else "9999"
    return [k for k in folder_months if first <= k <= last]


def _read_part(store: Store, table: str, name: str, part: str, lo: pd.Timestamp | None,
               hi: pd.Timestamp | None) -> pd.DataFrame | None:  # fmt: skip
    folder = store.folder(table, name, part)
    rows = read_months(store, folder, _months(store.months(folder), lo, hi))
    if rows is None:
        return None
    start = pd.to_datetime(rows[ENDPOINTS[name].parts[part][1].index[1]], utc=True)
    keep = pd.Series(True, index=rows.index)
    if lo is not None:
        keep &= start >= lo
    if hi is not None:
        keep &= start < hi
    return rows[keep.to_numpy()].reset_index(drop=True)


def _frame(store: Store, name: str, part: str, rows: pd.DataFrame | None, lang: str,
           with_fetched_at: bool) -> pd.DataFrame:  # fmt: skip
    """A stored table as the loader's frame (dtypes, categories, sort order, attrs)."""
    spec = ENDPOINTS[name].parts[part][1]
    if rows is None:
        rows = pd.DataFrame({c: pd.Series([], dtype=object)
                             for c in (spec.index[1], *spec.names, FETCHED_AT, SYNTHETIC)})
    data = {}
    for _, column, kind in spec.columns:
        values = rows[column] if column in rows else pd.Series(pd.NA, index=rows.index)
        if kind == "datetime":
            data[column] = pd.to_datetime(values, utc=True).dt.tz_convert(m.TZ).dt.as_unit("us")
        elif kind == "category":
            data[column] = _parsers._labels(values.astype(object), column)
        else:
            data[column] = values.astype(kind)
    fetched = pd.to_datetime(rows[FETCHED_AT], utc=True)
    if with_fetched_at:
        data[FETCHED_AT] = fetched.dt.as_unit("us")
    frame = pd.DataFrame(data)
    start = pd.to_datetime(rows[spec.index[1]], utc=True).dt.tz_convert(m.TZ).dt.as_unit("us")
    frame.index = pd.DatetimeIndex(start, name=spec.index[1])
    frame = _parsers._tidy(frame, spec, f"{name}.{part}", unique=True)  # one row per key
    synthetic = bool(rows[SYNTHETIC].astype(bool).any())
    meta = {"archive": str(store.root),
            "fetched_at": fetched.max().isoformat() if len(fetched) else None}
    frame = _parsers._finish(frame, name, meta, lang, None if part == "rows" and
                             ENDPOINTS[name].shape != "energy" else part)  # fmt: skip
    frame.attrs["rtecap"]["synthetic"] = synthetic
    if synthetic:
        frame.attrs["rtecap"]["source"] = mm.SOURCE_SYNTHETIC
    return frame


def load_archive(
    store: str | os.PathLike,
    endpoint_name: str,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    lang: str = "en",
    fetched_at: bool = False,
) -> Loaded:
    """Load an endpoint's archive as the frames its ``get_*`` loader returns, for any period.

    Parameters
    ----------
    store : str or path-like
        The archive directory (written by :func:`collect`).
    endpoint_name : str
        An endpoint (``day_ahead_prices``, ``/api/afrr-energy`` ...); the aggregates are
        rebuilt from their unit endpoints' archives.
    start, end : ISO 8601 string, date or Timestamp, optional
        Keep the periods with ``start <= period start < end`` (Paris wall clock when no
        offset is given). Default: everything.
    lang : {"en", "fr"}
        Column names and labels in English or French.
    fetched_at : bool, default False
        Add a ``fetched_at`` column: when each stored value was first fetched (UTC).

    Returns
    -------
    DataFrame, EnergyResult or BalancingEnergy
        As the loader (same index, columns, dtypes, categories and sort order); empty
        frames for an endpoint not collected yet. ``attrs["rtecap"]`` holds ``archive``
        (the store), ``fetched_at`` (the latest fetch among the rows) and ``synthetic``.

    Raises
    ------
    ArchiveError
        ``store`` is not an archive.
    RteValidationError
        Unknown endpoint or language, or a date that is not ISO 8601.

    Examples
    --------
    >>> import tempfile
    >>> from rtecap.emulator import serve
    >>> from rtecap.market import Client, collect
    >>> store = tempfile.mkdtemp()
    >>> with serve(today="2026-04-20") as server:
    ...     client = Client(server.market_token, server.url, cache=False)
    ...     _ = collect(store, client=client, endpoints=["day_ahead_prices"])
    >>> prices = load_archive(store, "day_ahead_prices", start="2026-03-29", end="2026-03-30")
    >>> len(prices), prices.index.min().isoformat()  # the spring DST day
    (92, '2026-03-29T00:00:00+01:00')
    """
    spec = endpoint(endpoint_name)
    if lang not in ("en", "fr"):
        raise RteValidationError(f"lang must be 'en' or 'fr', got {lang!r}", parameter="lang")
    lo, hi = _bound(start, "start"), _bound(end, "end")
    require_dependencies()
    archive = Store(store).check()
    if spec.shape == "aggregate_energy":
        parts = {key: _parts(archive, MEMBER_ENDPOINTS[spec.name, key], lo, hi, lang,
                             fetched_at) for key in spec.members}  # fmt: skip
        return BalancingEnergy(parts, {"archive": str(archive.root)})
    if spec.shape == "aggregate_capacity":
        units = [MEMBER_ENDPOINTS[spec.name, key] for key in spec.members]
        rows = [_read_part(archive, "data", unit, "rows", lo, hi) for unit in units]
        found = [r for r in rows if r is not None]
        table = pd.concat(found, ignore_index=True) if found else None
        return _frame(archive, spec.name, "rows", table, lang, fetched_at)
    if spec.shape == "energy":
        return _parts(archive, spec.name, lo, hi, lang, fetched_at)
    return _frame(archive, spec.name, "rows", _read_part(archive, "data", spec.name, "rows",
                                                          lo, hi), lang, fetched_at)  # fmt: skip


def _parts(store: Store, name: str, lo: pd.Timestamp | None, hi: pd.Timestamp | None,
           lang: str, with_fetched_at: bool) -> EnergyResult:  # fmt: skip
    """The row sets of an energy endpoint's archive as its loader's :class:`EnergyResult`."""
    frames = {part: _frame(store, name, part, _read_part(store, "data", name, part, lo, hi),
                           lang, with_fetched_at) for part in ENDPOINTS[name].parts}  # fmt: skip
    return EnergyResult(name, frames, {"archive": str(store.root)})


def load_revisions(
    store: str | os.PathLike,
    endpoint_name: str,
    *,
    part: str = "rows",
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> pd.DataFrame:
    """The replaced values of an endpoint's row set, oldest replacement first.

    Parameters
    ----------
    store : str or path-like
        The archive directory.
    endpoint_name : str
        A collected endpoint.
    part : str, default "rows"
        The row set (``rows``, ``chart``, ``latest`` for the energy endpoints).
    start, end : ISO 8601 string, date or Timestamp, optional
        Keep the periods with ``start <= period start < end``.

    Returns
    -------
    DataFrame
        One row per replaced value: the key columns and values as stored (UTC times,
        labels as text), ``fetched_at`` (when that value was fetched) and ``replaced_at``
        (when the value that replaced it was fetched). Empty when nothing was revised.

    Examples
    --------
    >>> import tempfile
    >>> from rtecap.emulator import serve
    >>> from rtecap.market import Client, collect
    >>> store = tempfile.mkdtemp()
    >>> with serve(today="2026-04-20") as server:
    ...     client = Client(server.market_token, server.url, cache=False)
    ...     _ = collect(store, client=client, endpoints=["day_ahead_prices"])
    ...     server.market_republish = {"day_ahead_prices": {
    ...         "2026-04-18T12:00+02:00": {"price_eur_mwh": 0.0}}}  # a corrected price
    ...     print(collect(store, client=client, endpoints=["day_ahead_prices"]).lines()[0][21:])
    day_ahead_prices: 0 added, 1 revised, 2779 unchanged
    >>> load_revisions(store, "day_ahead_prices")["period_start"].tolist()
    [Timestamp('2026-04-18 10:00:00+0000', tz='UTC')]
    """
    spec = endpoint(endpoint_name)
    if part not in spec.parts:
        raise RteValidationError(f"{spec.name} has the row sets {sorted(spec.parts)}, not "
                                 f"{part!r}", parameter="part")  # fmt: skip
    require_dependencies()
    archive = Store(store).check()
    rows = _read_part(archive, "revisions", spec.name, part, _bound(start, "start"),
                      _bound(end, "end"))  # fmt: skip
    if rows is None:
        return pd.DataFrame(columns=[*key_columns(spec.parts[part][1]), "fetched_at",
                                     "replaced_at"])  # fmt: skip
    return rows.sort_values(["replaced_at", *key_columns(spec.parts[part][1])],
                            kind="stable").reset_index(drop=True)  # fmt: skip
