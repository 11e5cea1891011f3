"""Gap reports over a market-data archive: which periods the collections missed.

A collector that did not run for a while (a machine off, an expired token) leaves holes once
the API's window has moved past them; these reports find them. Built on
:func:`rtecap.market.gaps` (``df.rte.gaps()``) over the archive's frames.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import pandas as pd

from rtecap.dates import DateLike
from rtecap.exceptions import RteValidationError
from rtecap.market._endpoints import endpoint
from rtecap.market.archive import COLLECTED
from rtecap.market.archive_load import load_archive, load_revisions
from rtecap.market.quality import gaps
from rtecap.market.results import BalancingEnergy


def archive_gaps(
    store: str | os.PathLike,
    endpoint_name: str,
    *,
    part: str = "rows",
    start: DateLike | None = None,
    end: DateLike | None = None,
    freq: str | None = None,
) -> pd.DataFrame:
    """Missing and duplicate periods of an endpoint's archive (:func:`rtecap.market.gaps`).

    Each series (a product type, direction and horizon of capacity; the direction of the
    mFRR latest rows) is checked on its own, between its first and last stored period.

    Parameters
    ----------
    store : str or path-like
        The archive directory.
    endpoint_name : str
        A collected endpoint (``day_ahead_prices`` ...).
    part : str, default "rows"
        The row set of an energy endpoint (``rows``, ``chart``, ``latest``).
    start, end : ISO 8601 string, date or Timestamp, optional
        The period checked (``start <= period start < end``).
    freq : str, optional
        The expected step; default: the most common period length.

    Returns
    -------
    DataFrame
        As :func:`rtecap.market.gaps`: index ``period_start``, columns ``issue``
        (missing / duplicate), ``count`` and the label columns. Empty when whole.

    Examples
    --------
    >>> import tempfile
    >>> from rtecap.emulator import serve
    >>> from rtecap.market import Client, collect
    >>> store = tempfile.mkdtemp()
    >>> with serve(today="2026-04-20") as server:
    ...     client = Client(server.market_token, server.url, cache=False)
    ...     _ = collect(store, client=client, endpoints=["day_ahead_prices"])
    ...     server.today = "2026-05-30"  # five weeks later: the window has moved on
    ...     _ = collect(store, client=client, endpoints=["day_ahead_prices"])
    >>> holes = archive_gaps(store, "day_ahead_prices")
    >>> holes["issue"].value_counts().to_dict(), holes.index.min().isoformat()  # 11 days × 96
    ({'missing': 1056, 'duplicate': 0}, '2026-04-22T00:00:00+02:00')
    """
    spec = endpoint(endpoint_name)
    result = load_archive(store, spec.name, start=start, end=end)
    if isinstance(result, BalancingEnergy):
        raise RteValidationError(f"{spec.name}: check afrr_energy and mfrr_energy one by one",
                                 parameter="endpoint_name")  # fmt: skip
    if isinstance(result, pd.DataFrame):
        if part != "rows":
            raise RteValidationError(f"{spec.name} has one row set, 'rows'", parameter="part")
        frame = result
    elif part in result:
        frame = result[part]
    else:
        raise RteValidationError(f"{spec.name} has the row sets {list(result)}, not {part!r}",
                                 parameter="part")  # fmt: skip
    labels = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    if frame.empty:
        return gaps(frame, freq="1s" if freq is None else freq)
    return gaps(frame, freq=freq, by=labels or None)


def archive_report(store: str | os.PathLike, *,
                   endpoints: Iterable[str] = COLLECTED) -> pd.DataFrame:  # fmt: skip
    """One line per endpoint and row set: what the archive holds and where it has holes.

    Returns
    -------
    DataFrame
        Index (``endpoint``, ``part``); columns ``rows``, ``first`` and ``last`` (period
        starts, Europe/Paris), ``missing`` and ``duplicate`` (periods, from
        :func:`archive_gaps`), ``revisions`` (replaced values kept) and ``last_fetched_at``
        (UTC). ``missing`` and ``duplicate`` are NA for the ``latest`` row sets (one
        latest row per collection, not a time series).

    Examples
    --------
    >>> import tempfile
    >>> from rtecap.emulator import serve
    >>> from rtecap.market import Client, collect
    >>> store = tempfile.mkdtemp()
    >>> with serve(today="2026-04-20") as server:
    ...     client = Client(server.market_token, server.url, cache=False)
    ...     _ = collect(store, client=client, endpoints=["fcr_capacity"])
    >>> archive_report(store, endpoints=["fcr_capacity"])[["rows", "missing", "revisions"]]
    ... # doctest: +NORMALIZE_WHITESPACE
                            rows  missing  revisions
    endpoint     part
    fcr_capacity rows       192        0          0
    """
    records = []
    for name in endpoints:
        spec = endpoint(name)
        result = load_archive(store, spec.name, fetched_at=True)
        frames = {"rows": result} if isinstance(result, pd.DataFrame) else dict(result)
        for part, frame in frames.items():
            series = isinstance(spec.parts[part][0], str)  # not single latest-row objects
            counts: Any = (archive_gaps(store, spec.name, part=part)["issue"].value_counts()
                           if series else {})  # fmt: skip
            records.append({
                "endpoint": spec.name, "part": part, "rows": len(frame),
                "first": frame.index.min() if len(frame) else pd.NaT,
                "last": frame.index.max() if len(frame) else pd.NaT,
                "missing": int(counts.get("missing", 0)) if series else pd.NA,
                "duplicate": int(counts.get("duplicate", 0)) if series else pd.NA,
                "revisions": len(load_revisions(store, spec.name, part=part)),
                "last_fetched_at": frame["fetched_at"].max() if len(frame) else pd.NaT,
            })  # fmt: skip
    report = pd.DataFrame.from_records(records).set_index(["endpoint", "part"])
    return report.astype({"missing": "Int64", "duplicate": "Int64"})
