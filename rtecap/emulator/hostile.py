"""Hostile answers on request: a redirect to another host, a huge body, a trickling body.

Knobs of :class:`~rtecap.emulator.server.EmulatorServer` for testing a client's transport
security and resource limits over loopback (issue 16):

* ``redirect_to`` -- a base URL (``http://localhost:PORT``): every resource GET whose ``Host``
  is not that base's is answered ``302`` to the same path and query there. The server records
  whether each request carried an ``Authorization`` header (never its value) in
  ``server.seen``.
* ``huge_body_mb`` -- resource answers of that many MB (a JSON prefix, then blanks), streamed
  as generated, never built in memory; ``huge_body_length`` announces it in
  ``Content-Length`` (True) or sends it chunked (False).
* ``trickle_ms`` -- the answer's body sent one byte every ``trickle_ms`` milliseconds.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

_PIECE = 1024 * 1024


def redirect(settings: Any, environ: dict[str, Any], path: str) -> tuple[int, list, bytes] | None:
    """The 302 to ``settings.redirect_to``, or None when no redirect is due."""
    target = getattr(settings, "redirect_to", None)
    if not target or environ.get("REQUEST_METHOD", "GET") != "GET":
        return None
    base = urlsplit(target)
    if environ.get("HTTP_HOST", "") == base.netloc:
        return None  # already there
    query = environ.get("QUERY_STRING", "")
    location = f"{target.rstrip('/')}{path}" + (f"?{query}" if query else "")
    return 302, [("Location", location)], b""


def huge(prefix: bytes, megabytes: float) -> Iterator[bytes]:
    """``prefix`` then blanks, ``megabytes`` MB in all, one MB at a time."""
    left = int(megabytes * 1_000_000) - len(prefix)
    yield prefix
    blank = b" " * _PIECE
    while left > 0:
        piece = blank[: min(left, _PIECE)]
        left -= len(piece)
        yield piece


def trickle(body: bytes, every_ms: float) -> Iterator[bytes]:
    """``body`` one byte at a time, a pause of ``every_ms`` before each."""
    for i in range(len(body)):
        time.sleep(every_ms / 1000)
        yield body[i : i + 1]


def shaped(settings: Any, resource: str, body: bytes,
           headers: list[tuple[str, str]]) -> Iterable[bytes] | None:
    """The hostile body of a 200 resource answer (adding its headers), or None."""
    megabytes = getattr(settings, "huge_body_mb", 0) or 0
    if megabytes > 0:
        if getattr(settings, "huge_body_length", True):
            headers.append(("Content-Length", str(int(megabytes * 1_000_000))))
        return huge(b'{"' + resource.encode() + b'": [', megabytes)
    every_ms = getattr(settings, "trickle_ms", 0) or 0
    if every_ms > 0:
        headers.append(("Content-Length", str(len(body))))
        return trickle(body, every_ms)
    return None
