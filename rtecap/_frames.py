"""Parsed frames of loads, kept beside the HTTP cache and keyed by the bytes they came from.

A load whose every call the HTTP cache answers (a notebook run again, offline or not) would
decode, merge and parse the same stored bytes again. This cache keeps each load's parsed result
in a table of the HTTP cache's own SQLite file and serves it only for the very same bytes:

* One slot per request: the resource, the parse options (``lang``, ``order``,
  ``return_undated``), the URL of every call in order, and the versions of rtecap, pandas and
  numpy name it.
* The slot holds the digest of the answers its result was parsed from (the SHA-256 of each
  body, in call order) and the pickled result. A load reads every stored body from the HTTP
  cache, as :meth:`rtecap.Client.get_answer` would replay it (none decoded), and is served
  the slot only when their digest is the slot's. An answer missing from the HTTP cache, or
  expired there (online), makes the load an ordinary one; an answer stored again with other
  bytes changes the digest, and the ordinary load parses it and takes the slot over. What is
  served is always the parse of the bytes the HTTP cache holds now.
* An ordinary load fills the slot with the digest of the very bytes it decoded (noted by
  :meth:`rtecap.Client.get_answer` as it decodes each body, from the network or the cache,
  see :func:`rtecap._http.body_record`), whatever happens to the HTTP cache meanwhile; so a
  cold fetch fills it, and the first load after a restart is served. A load with an empty
  call (no body) fills none, nor does a parse that warns (rows set aside, unknown labels):
  its warnings must be given again at every load.
* What is stored is the parser's result: the API's data and the parse options. No token, no
  credential, no header is in it. The load's provenance (``fetched_at``, ``calls``,
  ``cached_calls`` ...) is written afresh at each load, as for any load from the cache.
* The frame cache only saves work: a slot that cannot be read or written is a miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rtecap._version import __version__

log = logging.getLogger("rtecap")
TABLE = "rtecap_frames"
#: What reading a slot may raise: the database, or a pickle that this rtecap, pandas or numpy
#: cannot load (the errors :mod:`pickle` documents for unpickling, and a wrong shape).
_UNREADABLE = (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
               IndexError, TypeError, ValueError)


def digest(bodies: list[str]) -> str:
    """The digest of a load's answers: SHA-256 of their SHA-256 digests, in call order."""
    return hashlib.sha256(" ".join(bodies).encode()).hexdigest()


def slot(client, resource: str, params: list[dict[str, str]],
         options: dict[str, Any]) -> tuple[str, list[str]] | None:
    """The slot of a load and its calls' URLs; None for a client without a frame cache.

    Named by the resource, the call URLs, the parse options and the versions of rtecap,
    pandas and numpy.
    """
    if getattr(client, "_frames", None) is None:
        return None
    import numpy as np
    import pandas as pd

    urls = [client.full_url(resource, one) for one in params]
    named = [__version__, pd.__version__, np.__version__, resource, urls,
             sorted(options.items())]
    return hashlib.sha256(json.dumps(named).encode()).hexdigest(), urls


def served(client, slot: tuple[str, list[str]] | None) -> Any:
    """The slot's result when the HTTP cache answers every call of the load with the very
    bytes it was parsed from; else None (a load as usual, which parses and keeps).

    Every stored body is read as :meth:`rtecap.Client.get_answer` would replay it (none
    decoded): a call not in the cache, or expired there online, is a miss.
    """
    if slot is None:
        return None
    key, urls = slot
    held = []
    for url in urls:
        body = client._stored(url)
        if body is None:
            return None
        held.append(hashlib.sha256(body).hexdigest())
    return client._frames.get(key, digest(held))


def keep(client, slot: tuple[str, list[str]] | None, bodies: list[str | None],
         parse: Callable[[], Any]) -> Any:
    """Return ``parse()``, the parse of answers whose bodies' SHA-256 are ``bodies``, and keep
    it in the slot unless a body is unknown (None: an empty call) or the parse warned; its
    warnings are given again, as they were issued."""
    if slot is None or None in bodies:
        return parse()
    caught: list = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = parse()
    finally:
        for warning in caught:
            _reissue(warning)
    if not caught:
        client._frames.put(slot[0], digest(bodies), result)  # type: ignore[arg-type]
    return result


class FrameCache:
    """Parsed results of warm loads, in a table of the HTTP cache's SQLite file.

    The frame cache only saves work: a slot that cannot be read or written (a read-only
    cache file, a table another version wrote, a full disk) is a miss, never an error.

    Parameters
    ----------
    path : path
        The HTTP cache file (requests-cache's SQLite backend).
    """

    def __init__(self, path: Path):
        from requests_cache.backends.sqlite import SQLiteDict

        self._table: Any = None
        try:
            self._table = SQLiteDict(path, table_name=TABLE, serializer=None)
        except sqlite3.Error as exc:
            log.debug("rtecap: no frame cache in %s (%s)", path, exc)

    def get(self, key: str, held: str) -> Any:
        """The result stored for ``key`` if it was parsed from answers of digest ``held``."""
        if self._table is None:
            return None
        try:
            stored = self._table[key]
            parsed_from, result = pickle.loads(stored)
        except KeyError:
            return None
        except _UNREADABLE as exc:  # a miss, see the class
            log.debug("rtecap: frame cache slot not read (%s)", type(exc).__name__)
            return None
        return result if parsed_from == held else None

    def put(self, key: str, held: str, result: Any) -> None:
        """Store ``result``, parsed from answers of digest ``held``, in the slot ``key``."""
        if self._table is None:
            return
        try:
            self._table[key] = pickle.dumps((held, result), protocol=5)
        except (sqlite3.Error, pickle.PicklingError, TypeError) as exc:
            log.debug("rtecap: frame cache slot not written (%s)", exc)

    def close(self) -> None:
        if self._table is not None:
            self._table.close()


def _reissue(warning: warnings.WarningMessage) -> None:
    """Issue a caught warning again, as it was: from the frame it pointed at when that frame
    is still on the stack (the user's call: its module, registry and filters apply as for the
    first issue), else at its file and line."""
    frame: Any = sys._getframe(1)
    level = 2
    while frame is not None:
        if (frame.f_code.co_filename, frame.f_lineno) == (warning.filename, warning.lineno):
            warnings.warn(warning.message, warning.category, stacklevel=level)
            return
        frame, level = frame.f_back, level + 1
    warnings.warn_explicit(warning.message, warning.category, warning.filename,
                           warning.lineno, source=warning.source)
