"""The market-data API's routes on the emulator's server (same host and port as RTE's).

``GET /api/day-ahead-prices``, ``/api/fcr-capacity``, ``/api/afrr-capacity``,
``/api/mfrr-capacity``, ``/api/balancing-capacity``, ``/api/afrr-energy``,
``/api/mfrr-energy``, ``/api/balancing-energy`` (the documentation's paths), each checking
``Authorization: Bearer <server.market_token>``: without it, or with another token, 401 (the
real API's answer when there is no active subscription or the token is bad). Then the
server's rate limit (429 with ``Retry-After``) and fault draw apply as on RTE's routes, and
the answer is :mod:`.market_data`'s synthetic JSON for the server's ``today`` and ``seed``,
with the header ``X-Rtecap-Synthetic: 1`` so that rtecap marks the frames as synthetic.
The query string is ignored (the API takes none).
"""

from __future__ import annotations

import json
from typing import Any

from rtecap.emulator.market_data import answer_bytes
from rtecap.emulator.market_republish import republish
from rtecap.market.mappings import PATHS, SYNTHETIC_HEADER

#: Path -> endpoint name.
MARKET_ROUTES = {path: name for name, path in PATHS.items()}


def _error(status: int, error: str, message: str,
           headers: list[tuple[str, str]] | None = None) -> tuple[int, list, bytes]:  # fmt: skip
    return status, headers or [], json.dumps({"error": error, "message": message}).encode()


def market_reply(app: Any, environ: dict[str, Any], path: str, method: str) -> tuple:
    """Answer one request to a market-data path (called by the emulator's application).

    Parameters
    ----------
    app : rtecap.emulator.app.EmulatorApp
        The application: its settings (``market_token`` check, ``today``, ``seed``,
        ``rate_limit``), rate limiter and fault draw.
    environ : dict
        The WSGI environment.
    path, method : str
        The request's path (one of :data:`MARKET_ROUTES`) and method.

    Returns
    -------
    (int, list of (str, str), bytes)
        Status, headers and body.
    """
    if method != "GET":
        return _error(405, "method_not_allowed", "Only GET is allowed.", [("Allow", "GET")])
    settings = app.settings
    auth = environ.get("HTTP_AUTHORIZATION", "")
    token = auth[7:].strip() if auth[:7].lower() == "bearer " else None
    if token is None or not settings._market_token_matches(token):
        return _error(401, "unauthorized",
                      "Unauthorized: no active subscription or invalid API token.",
                      [("WWW-Authenticate", 'Bearer realm="market-data"')])  # fmt: skip
    wait = app.limiter.acquire("market", settings.rate_limit)
    if wait is not None:
        return _error(429, "too_many_requests", "Too many requests.",
                      [("Retry-After", str(wait))])  # fmt: skip
    fault = app._fault()
    if fault is not None:
        return fault
    body = answer_bytes(MARKET_ROUTES[path], settings.today, settings.seed)
    body = republish(body, MARKET_ROUTES[path], settings.market_republish)
    return 200, [(SYNTHETIC_HEADER, "1")], body
