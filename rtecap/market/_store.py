"""The files of a market-data archive: layout, lock, atomic writes, and the merge of a snapshot.

Layout of a store directory (every Parquet file is one Paris month of one row set)::

    STORE/
      rtecap-archive.json                              format marker, written at creation
      .lock                                            the collectors' lock file (filelock)
      data/<endpoint>/<row set>/<YYYY-MM>.parquet      the latest value of every key
      revisions/<endpoint>/<row set>/<YYYY-MM>.parquet the values that were replaced

A file is written beside its target under a dot name (``.2026-04.parquet.<pid>.<id>.tmp``,
which Parquet readers skip), flushed to disk, then renamed over the target with
:func:`os.replace` -- atomic on POSIX and Windows: a reader sees the old file or the new
one, never a torn one, and a writer killed before the rename leaves the old file intact.
Stale temporary files of a killed writer are removed by the next collector (under the lock).
"""

from __future__ import annotations

import json
import os
import uuid
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import RteError
from rtecap.market._endpoints import FrameSpec

FORMAT = 1
MARKER = "rtecap-archive.json"
LOCK = ".lock"
#: Columns the archive adds to an endpoint's own: when the stored value was fetched (UTC) and
#: whether it came from rtecap's emulator; revisions also carry ``replaced_at`` (UTC).
FETCHED_AT, SYNTHETIC, REPLACED_AT = "fetched_at", "synthetic", "replaced_at"
#: The commit step (tests stop a writer right before it).
_replace = os.replace


class ArchiveError(RteError):
    """The directory is not a market archive, or the archive cannot be used."""


class ArchiveBusyError(ArchiveError, TimeoutError):
    """Another collector held the archive's lock for longer than the wait allowed."""


def require_dependencies() -> None:
    """Raise a clear ImportError when the ``archive`` extra (pyarrow, filelock) is missing."""
    missing = []
    for module in ("pyarrow", "filelock"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise ImportError(f"the market archive needs {' and '.join(missing)}: "
                          "pip install 'rtecap[archive]'")  # fmt: skip


def key_columns(spec: FrameSpec) -> list[str]:
    """The key of a row set: its period start and every label column (direction, product
    type, time horizon) -- what tells apart rows of the same start."""
    return [spec.index[1], *(name for _, name, kind in spec.columns if kind == "category")]


def month_of(starts: pd.Series) -> pd.Series:
    """``YYYY-MM`` of the Paris month of each (UTC) period start."""
    return starts.dt.tz_convert(m.TZ).dt.strftime("%Y-%m")


class Store:
    """A store directory (see the module docstring)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).expanduser()

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r})"

    @property
    def exists(self) -> bool:
        """Whether the directory holds an archive (its marker)."""
        return (self.root / MARKER).is_file()

    def usable(self) -> Store:
        """Check that the directory is an archive, new, or empty, and make it exist.

        A non-empty directory without the marker is refused (a typo must not scatter files
        into a home directory). Call :meth:`create` under the lock to write the marker.
        """
        if self.exists:
            return self.check()
        if self.root.exists() and any(p.name != LOCK and not p.name.endswith(".tmp")
                                      for p in self.root.iterdir()):  # fmt: skip
            raise ArchiveError(f"{self.root} is not empty and not an rtecap market archive "
                               f"(no {MARKER}): choose an empty or new directory")  # fmt: skip
        self.root.mkdir(parents=True, exist_ok=True)
        return self

    def create(self) -> Store:
        """Make the directory an archive (under the lock: two new collectors may race)."""
        self.usable()
        if self.exists:
            return self
        self.write_bytes(self.root / MARKER, json.dumps({"format": FORMAT, "kind":
                         "rtecap market archive"}).encode())  # fmt: skip
        return self

    def check(self) -> Store:
        """Raise :class:`ArchiveError` unless the directory is an archive rtecap can read."""
        if not self.exists:
            raise ArchiveError(f"{self.root} is not an rtecap market archive (no {MARKER}); "
                               "`rtecap market collect --store DIR` creates one")  # fmt: skip
        info = json.loads((self.root / MARKER).read_text(encoding="utf-8"))
        if info.get("format") != FORMAT:
            raise ArchiveError(f"{self.root}: archive format {info.get('format')!r}, this "
                               f"rtecap reads format {FORMAT}")  # fmt: skip
        return self

    @contextmanager
    def lock(self, timeout: float) -> Iterator[None]:
        """Hold the store's lock file (one collector at a time), waiting up to ``timeout``."""
        from filelock import FileLock, Timeout

        lock = FileLock(self.root / LOCK, timeout=timeout)
        try:
            lock.acquire()
        except Timeout as err:
            raise ArchiveBusyError(f"{self.root} is locked by another collector (waited "
                                   f"{timeout:g} s; lock file {LOCK})") from err  # fmt: skip
        try:
            yield
        finally:
            lock.release()

    def folder(self, table: str, endpoint: str, part: str) -> Path:
        """``STORE/<table>/<endpoint>/<part>`` (table: ``data`` or ``revisions``)."""
        return self.root / table / endpoint / part

    def months(self, folder: Path) -> dict[str, Path]:
        """The month files of a folder: ``{"2026-04": path}``, in month order."""
        if not folder.is_dir():
            return {}
        files = (p for p in folder.glob("*.parquet") if not p.name.startswith((".", "_")))
        return {p.stem: p for p in sorted(files)}

    def clean(self) -> list[Path]:
        """Remove the temporary files left by a killed writer (call under the lock)."""
        stale = [p for p in self.root.rglob(".*.tmp") if p.is_file()]
        for path in stale:
            path.unlink()
        return stale

    def write_bytes(self, path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` atomically (temporary file, fsync, rename)."""
        with self._staged(path) as tmp:
            tmp.write_bytes(data)

    def write_frame(self, path: Path, frame: pd.DataFrame) -> None:
        """Write a stored table to ``path`` atomically (temporary file, fsync, rename)."""
        with self._staged(path) as tmp:
            frame.to_parquet(tmp, index=False, compression="zstd")

    @contextmanager
    def _staged(self, path: Path) -> Iterator[Path]:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            yield tmp
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            _replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()
        _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    """Flush a directory entry (the rename) to disk where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows: directories cannot be opened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_months(store: Store, folder: Path,
                months: Sequence[str] | None = None) -> pd.DataFrame | None:  # fmt: skip
    """Concatenate the month files of a folder (all, or those of ``months``); None if none."""
    files = store.months(folder)
    chosen = [p for k, p in files.items() if months is None or k in months]
    if not chosen:
        return None
    frames = [_read(p) for p in chosen]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _read(path: Path) -> pd.DataFrame:
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
        raise ArchiveError(f"{path}: not a readable Parquet file ({err}); move it out of the "
                           "store and collect again (rows no longer in the API's window "
                           "are lost with it)") from err  # fmt: skip


def _equal(a: pd.DataFrame, b: pd.DataFrame) -> pd.Series:
    """Row-wise: every column of ``a`` equals ``b``'s (NA equals NA)."""
    same = pd.Series(True, index=a.index)
    for column in a.columns:
        left, right = a[column], b[column]
        eq = left.eq(right).fillna(False).astype(bool) | (left.isna() & right.isna())
        same &= eq.to_numpy()
    return same


def merge(old: pd.DataFrame | None, new: pd.DataFrame, keys: list[str]) -> tuple:
    """Merge a snapshot ``new`` into the stored rows ``old`` (same month, same row set).

    Returns ``(merged, replaced, added, revised, unchanged)``: the rows to store (sorted by
    key), the stored rows whose value changed (with ``replaced_at``), and the counts. A key
    absent from ``new`` keeps its stored row (the API's window moved on); a key whose values
    are unchanged keeps its stored row and ``fetched_at``.
    """
    if new[keys].duplicated().any():
        dupes = new[keys].duplicated(keep="last")
        warnings.warn(f"{int(dupes.sum())} row(s) of the answer repeat a key with other values: "
                      "the last one is kept", stacklevel=3)  # fmt: skip
        new = new[~dupes]
    n = new.set_index(keys)
    if old is None or old.empty:
        merged = n.sort_index(kind="stable").reset_index()
        return merged, None, len(n), 0, 0
    o = old.set_index(keys)
    present = n.index.isin(o.index)
    added, both = n[~present], n[present]
    prev = o.loc[both.index]
    values = [c for c in n.columns if c not in (FETCHED_AT, SYNTHETIC)]
    same = _equal(both[values], prev[values]).to_numpy()
    revised_new = both[~same]
    replaced = prev[~same].copy()
    replaced[REPLACED_AT] = revised_new[FETCHED_AT].to_numpy()
    parts = [o.drop(revised_new.index), revised_new, added]
    merged = pd.concat([p for p in parts if not p.empty] or [o.iloc[:0]])
    merged = merged.sort_index(kind="stable").reset_index()
    return (merged, replaced.reset_index() if len(replaced) else None, len(added),
            len(revised_new), int(same.sum()))  # fmt: skip
