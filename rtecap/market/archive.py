"""A history archive of the market-data API: collect snapshots, lose nothing, load them as frames.

Each call of the API returns a recent window only (four weeks of day-ahead prices, the latest
day of aFRR energy ...). :func:`collect` fetches the unit endpoints and the day-ahead prices
and merges their rows into a local Parquet store; run it from cron and the store grows into
the full history. :func:`rtecap.market.load_archive` (:mod:`rtecap.market.archive_load`)
returns, for any period, the frames the ``get_*`` loaders return.

- **Key**: endpoint, row set (``rows``, ``chart``, ``latest`` of the energy endpoints), period
  start and every label column (direction, product type, time horizon). A key is stored once,
  with its latest value and the UTC time that value was first fetched (``fetched_at``).
- **Revisions**: when a collection brings another value for a stored key (a republished
  price), the new value replaces the stored one and the replaced row goes to the revisions
  table with ``replaced_at``: nothing is ever lost (:func:`rtecap.market.load_revisions`).
- **Idempotent**: re-running with the same answers adds and rewrites nothing.
- **Crash-safe**: every file is written beside its target and renamed over it; a collector
  killed mid-write leaves the earlier files readable and whole.
- **Concurrent runs**: a lock file (``filelock``) lets one collector at a time write; the
  other waits (``wait=`` seconds), then merges on top.

The aggregates (``balancing_capacity``, ``balancing_energy``) are not collected -- they repeat
the unit endpoints' rows -- but ``load_archive`` rebuilds them from the unit archives.
Needs the ``archive`` extra (``pip install 'rtecap[archive]'``: pyarrow, filelock).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from rtecap.exceptions import CredentialsError, RteError, RteValidationError
from rtecap.market import mappings as mm
from rtecap.market import parsers as _parsers
from rtecap.market._endpoints import ENDPOINTS, MEMBER_ENDPOINTS, Endpoint, endpoint
from rtecap.market._store import (
    FETCHED_AT,
    SYNTHETIC,
    ArchiveBusyError,
    ArchiveError,
    Store,
    key_columns,
    merge,
    month_of,
    read_months,
    require_dependencies,
)

if TYPE_CHECKING:
    from rtecap.market.client import Client

__all__ = ["COLLECTED", "ArchiveBusyError", "ArchiveError", "CollectError", "CollectSummary",
           "collect", "default_store"]

#: The endpoints :func:`collect` fetches by default: the unit endpoints and the prices.
COLLECTED = (mm.DAY_AHEAD, mm.FCR_CAPACITY, mm.AFRR_CAPACITY, mm.MFRR_CAPACITY,
             mm.AFRR_ENERGY, mm.MFRR_ENERGY)  # fmt: skip
#: Environment variable naming the default store directory.
ARCHIVE_ENV = "RTECAP_MARKET_ARCHIVE"


def default_store() -> Path:
    """The default store: ``$RTECAP_MARKET_ARCHIVE``, else ``<user data dir>/market-archive``
    (``~/.local/share/rtecap/market-archive`` on Linux)."""
    if os.environ.get(ARCHIVE_ENV):
        return Path(os.environ[ARCHIVE_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("rtecap")) / "market-archive"


class CollectError(RteError):
    """Some endpoints failed during a collection; the others were stored (``summary``)."""

    def __init__(self, message: str, summary: CollectSummary):
        super().__init__(message)
        self.summary = summary


@dataclass
class CollectSummary:
    """What one :func:`collect` run did: rows added, revised and unchanged per endpoint.

    Attributes
    ----------
    store : pathlib.Path
    started_at : pandas.Timestamp
        UTC start of the run.
    counts : dict
        ``{(endpoint, row set): (added, revised, unchanged)}``.
    errors : dict
        ``{endpoint: message}`` of the endpoints that failed.
    """

    store: Path
    started_at: pd.Timestamp
    counts: dict[tuple[str, str], tuple[int, int, int]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def per_endpoint(self) -> dict[str, tuple[int, int, int]]:
        """``{endpoint: (added, revised, unchanged)}`` summed over the row sets."""
        out: dict[str, tuple[int, int, int]] = {}
        for (name, _), counts in self.counts.items():
            out[name] = tuple(a + b for a, b in zip(out.get(name, (0, 0, 0)), counts,
                                                    strict=True))  # type: ignore[assignment]
        return out

    @property
    def added(self) -> int:
        """Rows added in this run, all endpoints."""
        return sum(c[0] for c in self.counts.values())

    @property
    def revised(self) -> int:
        """Stored values replaced by another value in this run."""
        return sum(c[1] for c in self.counts.values())

    def lines(self) -> list[str]:
        """One line per endpoint, prefixed with the run's UTC start (for cron logs)."""
        when = self.started_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        out = [f"{when} {name}: {a} added, {r} revised, {u} unchanged"
               for name, (a, r, u) in self.per_endpoint().items()]  # fmt: skip
        out += [f"{when} {name}: FAILED {message}" for name, message in self.errors.items()]
        return out

    def to_frame(self) -> pd.DataFrame:
        """The counts as a frame: index (endpoint, row set), columns added/revised/unchanged."""
        index = pd.MultiIndex.from_tuples(list(self.counts), names=["endpoint", "part"])
        return pd.DataFrame(list(self.counts.values()), index=index,
                            columns=["added", "revised", "unchanged"])  # fmt: skip

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _collected(endpoints: Iterable[str]) -> list[Endpoint]:
    if isinstance(endpoints, str):
        endpoints = [endpoints]
    specs = [endpoint(name) for name in endpoints]
    for spec in specs:
        if spec.members:
            units = sorted(MEMBER_ENDPOINTS[spec.name, key] for key in spec.members)
            raise RteValidationError(f"{spec.name} repeats the rows of {', '.join(units)}: "
                                     "collect those", parameter="endpoints")  # fmt: skip
    return list({spec.name: spec for spec in specs}.values())


def _stored_table(frame: pd.DataFrame, fetched_at: pd.Timestamp, synthetic: bool) -> pd.DataFrame:
    """An English frame of a loader as the archive stores it: UTC times, labels as strings."""
    flat = frame.reset_index()
    for column in flat.columns:
        dtype = flat[column].dtype
        if isinstance(dtype, pd.DatetimeTZDtype):
            flat[column] = flat[column].dt.tz_convert("UTC").dt.as_unit("us")
        elif isinstance(dtype, pd.CategoricalDtype):
            flat[column] = flat[column].astype("string")
    flat[FETCHED_AT] = fetched_at
    flat[SYNTHETIC] = bool(synthetic)
    return flat


def _store_part(store: Store, name: str, part: str, frame: pd.DataFrame,
                fetched_at: pd.Timestamp, synthetic: bool) -> tuple[int, int, int]:  # fmt: skip
    spec = ENDPOINTS[name].parts[part][1]
    keys = key_columns(spec)
    table = _stored_table(frame, fetched_at, synthetic)
    totals = [0, 0, 0]
    data, revisions = store.folder("data", name, part), store.folder("revisions", name, part)
    for month, rows in table.groupby(month_of(table[spec.index[1]]), sort=True):
        old = read_months(store, data, [month])
        merged, replaced, added, revised, unchanged = merge(old, rows, keys)
        if replaced is not None:  # revisions first: a crash in between repeats, never loses
            before = read_months(store, revisions, [month])
            both = replaced if before is None else pd.concat([before, replaced])
            both = both.drop_duplicates(keys + [FETCHED_AT], keep="first")
            store.write_frame(revisions / f"{month}.parquet", both.reset_index(drop=True))
        if added or revised:
            store.write_frame(data / f"{month}.parquet", merged)
        totals = [totals[0] + added, totals[1] + revised, totals[2] + unchanged]
    return totals[0], totals[1], totals[2]


def _parts(result: Any) -> dict[str, pd.DataFrame]:
    return {"rows": result} if isinstance(result, pd.DataFrame) else dict(result)


def collect(
    store: str | os.PathLike,
    *,
    client: Client | None = None,
    endpoints: Iterable[str] = COLLECTED,
    wait: float = 600.0,
) -> CollectSummary:
    """Fetch the market-data endpoints and merge their rows into a local Parquet archive.

    Parameters
    ----------
    store : str or path-like
        The archive directory; created (with its marker file) when new or empty. A
        non-empty directory that is not an archive is refused.
    client : rtecap.market.Client, optional
        Default: ``rtecap.market.Client(cache=False)`` (token from ``RTECAP_MARKET_TOKEN``):
        a collector stores what the API says now, never a cached answer.
    endpoints : iterable of str, default :data:`COLLECTED`
        The unit endpoints and the day-ahead prices. The aggregates are refused (they repeat
        the unit endpoints' rows).
    wait : float, default 600
        Seconds to wait for another collector's lock before giving up.

    Returns
    -------
    CollectSummary
        Rows added, revised and unchanged per endpoint and row set (``str()`` gives one line
        per endpoint).

    Raises
    ------
    RteValidationError
        An unknown endpoint or an aggregate (before any network call).
    ArchiveError
        ``store`` is not an archive; :class:`ArchiveBusyError` when the lock stayed taken.
    MarketAuthError
        HTTP 401 (nothing is written).
    CollectError
        Other endpoints failed (their error chained); the endpoints that answered are stored.
    ImportError
        pyarrow or filelock missing (``pip install 'rtecap[archive]'``).

    Examples
    --------
    >>> import tempfile
    >>> from rtecap.emulator import serve
    >>> from rtecap.market import Client
    >>> store = tempfile.mkdtemp()
    >>> with serve(today="2026-04-20") as server:
    ...     client = Client(server.market_token, server.url, cache=False)
    ...     first = collect(store, client=client, endpoints=["day_ahead_prices"])
    ...     again = collect(store, client=client, endpoints=["day_ahead_prices"])
    >>> print(again.lines()[0][21:])
    day_ahead_prices: 0 added, 0 revised, 2780 unchanged
    """
    from rtecap.market.client import Client, MarketAuthError

    specs = _collected(endpoints)
    require_dependencies()
    archive = Store(store).usable()
    summary = CollectSummary(archive.root, pd.Timestamp.now("UTC").floor("s"))
    own = client is None
    session: Any = Client(cache=False) if client is None else client
    failures: list[RteError] = []
    try:
        with archive.lock(wait):
            archive.create()  # under the lock: two collectors of a new store may race
            archive.clean()
            for spec in specs:
                try:
                    answer = session.get_answer(spec.name)
                    fetched = pd.Timestamp.now("UTC").as_unit("us")
                    result = _parsers.parse(spec.name, answer.payload, lang="en")
                except (MarketAuthError, CredentialsError):
                    raise
                except RteError as exc:
                    failures.append(exc)
                    summary.errors[spec.name] = f"{type(exc).__name__}: {exc}"
                    continue
                for part, frame in _parts(result).items():
                    summary.counts[spec.name, part] = _store_part(
                        archive, spec.name, part, frame, fetched, answer.synthetic)
    finally:
        if own:
            session.close()
    if failures:
        raise CollectError(f"{len(failures)} endpoint(s) failed, the others were stored: "
                           + "; ".join(f"{k}: {v}" for k, v in summary.errors.items()),
                           summary) from failures[0]  # fmt: skip
    return summary
