"""The parsed frames of warm loads, kept beside the HTTP cache and keyed by what they came from.

A load whose every call is answered by the HTTP cache (a notebook run again, offline or not)
would decode, merge and parse the same stored bytes again. This cache keeps the parsed result
of such a load in a table of the HTTP cache's own SQLite file and serves it only for the very
same bytes:

* One slot per request: the resource, the parse options (``lang``, ``order``,
  ``return_undated``), the URL of every call in order, and the versions of rtecap, pandas and
  numpy name it.
* The slot holds the SHA-256 digest of the stored answers (each body, length first, in call
  order) and the pickled result. A load reads every answer from the HTTP cache, as
  :meth:`rtecap.Client.cached_answer` would replay it, and takes the slot only when the digest
  of those bytes equals the slot's. An answer missing from the HTTP cache, or expired there
  (online), makes the load an ordinary one; an answer replaced by other bytes changes the
  digest, and the load parses the new bytes and takes the slot over. The result is always the
  parse of the bytes the HTTP cache holds now.
* Only a load built from the stored bytes themselves fills a slot (never one that went to the
  network): the digest is then that of the bytes parsed, whatever happens to the HTTP cache
  meanwhile. A parse that warns (rows set aside, unknown labels) fills none: its warnings
  must be given again at every load.
* What is stored is the parser's result: the API's data and the parse options. No token, no
  credential, no header is in it. The load's provenance (``fetched_at``, ``calls``,
  ``cached_calls`` ...) is written afresh at each load, as for any warm load.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rtecap._version import __version__

log = logging.getLogger("rtecap")
TABLE = "rtecap_frames"


def digest(bodies: list[bytes]) -> str:
    """SHA-256 of the answers' bytes, each preceded by its length (no two lists collide)."""
    sha = hashlib.sha256()
    for body in bodies:
        sha.update(len(body).to_bytes(8, "big"))
        sha.update(body)
    return sha.hexdigest()


def slot(resource: str, urls: list[str], options: dict[str, Any]) -> str:
    """The slot of a request: resource, call URLs, parse options and library versions."""
    import numpy as np
    import pandas as pd

    named = [__version__, pd.__version__, np.__version__, resource, urls,
             sorted(options.items())]
    return hashlib.sha256(json.dumps(named).encode()).hexdigest()


class FrameCache:
    """Parsed results of warm loads, in a table of the HTTP cache's SQLite file.

    Parameters
    ----------
    path : path
        The HTTP cache file (requests-cache's SQLite backend).
    """

    def __init__(self, path: Path):
        from requests_cache.backends.sqlite import SQLiteDict

        self._table = SQLiteDict(path, table_name=TABLE, serializer=None)

    def get(self, key: str, bodies: list[bytes]) -> Any:
        """The result stored for ``key`` if it was parsed from these very bytes, else None."""
        try:
            stored = self._table[key]
        except KeyError:
            return None
        try:
            held, result = pickle.loads(stored)
        except Exception as exc:  # noqa: BLE001  (a slot pandas can no longer read: a miss)
            log.debug("rtecap: unreadable frame cache slot (%s)", type(exc).__name__)
            return None
        return result if held == digest(bodies) else None

    def put(self, key: str, bodies: list[bytes], result: Any) -> None:
        """Store ``result``, parsed from ``bodies``, in the slot ``key``."""
        self._table[key] = pickle.dumps((digest(bodies), result), protocol=5)

    def close(self) -> None:
        self._table.close()


def parse_warm(cache: FrameCache, key: str, bodies: list[bytes],
               parse: Callable[[], Any]) -> Any:
    """The result of a warm load: the slot's when it holds these bytes' parse, else ``parse()``.

    ``parse`` must build the result from ``bodies`` alone. Its result is stored unless it
    warned; its warnings are given again, as they were issued.

    """
    result = cache.get(key, bodies)
    if result is not None:
        log.debug("rtecap: parsed frame served from the frame cache")
        return result
    caught: list = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = parse()
    finally:
        for warning in caught:
            _reissue(warning)
    if not caught:
        cache.put(key, bodies, result)
    return result


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
