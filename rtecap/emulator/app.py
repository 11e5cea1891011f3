"""The emulator's WSGI application: routing, OAuth2, rate limit, faults, answers, counters.

Each request goes through, in order: injected latency; 413 (body over 5 MB); 414 (request URI,
path and query, over 512 characters, guide §5.2); 404 (unknown path) / 405 (method); 401
(missing, unknown or expired Bearer token, guide §5 first stage); 429 (per-client rate limit,
``Retry-After`` in whole seconds, second stage); 403 (a client id configured as not subscribed,
third and fourth stages); the seeded fault draw; then the guide's input rules (HTTP 400 with the
guide's envelope; with ``no_data_404``, 404 for "no data") and the answer (with
``alt_spellings``, the other spelling where the guide's field list and example disagree). The
token endpoint skips the rate limit and, unless ``fault_token`` is set, the faults. Only the
standard library is imported here: werkzeug serves this application (see :mod:`.server`).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import secrets
import threading
import time
import uuid
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, Protocol
from urllib.parse import parse_qsl

from rtecap.emulator.checks import InvalidRequest, RuleViolation, parse_query
from rtecap.emulator.data import Dataset
from rtecap.emulator.faults import FaultInjector, RateLimiter
from rtecap.emulator.market import MARKET_ROUTES, market_reply
from rtecap.emulator.resources import ANSWERS, SANDBOX, NoData
from rtecap.emulator.spellings import respell
from rtecap.mappings import (
    ERROR_URI,
    MAX_URI_LENGTH,
    NO_DATA_CODE,
    NO_DATA_MESSAGE,
    TOKEN_PATH,
)
from rtecap.registry import GENINSCAP, resources

MAX_BODY = 5 * 1024 * 1024  # guide §5.2, 413
REASONS = {
    200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
    405: "Method Not Allowed", 408: "Request Time-out", 413: "Request Entity Too Large",
    414: "Request-URI Too Long", 429: "Too Many Requests", 500: "Internal Server Error",
    503: "Service Unavailable", 509: "Bandwidth Limit Exceeded",
}  # fmt: skip
TECHNICAL = {
    403: ("forbidden", "The application is not subscribed to this API."),
    404: ("not_found", "The resource called does not exist."),
    405: ("method_not_allowed", "This method is not allowed on this resource."),
    408: ("request_timeout", "No response from the service called (injected fault)."),
    413: ("request_entity_too_large", "The size of the request exceeds 5 MB."),
    414: ("uri_too_long", "The URI sent by the caller is longer than 512 characters."),
    429: ("too_many_requests", "The maximum number of calls has been made in a given period."),
    500: ("internal_server_error", "Technical error (injected fault)."),
    503: ("service_unavailable", "Service unavailable: maintenance (injected fault)."),
    509: ("bandwidth_limit_exceeded",
          "The total number of client requests has reached the maximum limit (injected fault)."),
}
#: Statuses whose body names its code ``error_code`` (guide §5.2 on 500: "a JSON message with
#: an error_code and error_description field"); the others say ``error`` (§5).
ERROR_CODE_KEY = {500}
ROUTES = {r.path: (r.name, False) for r in resources(GENINSCAP)}
ROUTES.update({r.sandbox_path: (r.name, True) for r in resources(GENINSCAP)})
CACHE_BYTES = 64 * 1024 * 1024


class Settings(Protocol):
    """What the application reads on every request (the running server's knobs)."""

    client_id: str
    latency_ms: float
    fault_rate: float
    faults: dict[str, float]
    fault_token: bool
    slow_ms: float
    rate_limit: float | None
    token_lifetime: float
    strict: bool
    unsubscribed: frozenset[str]
    no_data_404: bool
    alt_spellings: bool

    @property
    def dataset(self) -> Dataset: ...

    def _secret_matches(self, secret: str) -> bool: ...


Reply = tuple[int, list[tuple[str, str]], bytes]


def envelope(error: str, description: str, key: str = "error") -> bytes:
    """Return the guide's JSON error envelope (§5) with a fresh transaction id.

    ``key`` names the code's field: ``error`` (§5) or ``error_code`` (§5.2's 500).

    Examples
    --------
    >>> sorted(json.loads(envelope("not_found", "Nothing here.")))
    ['error', 'error_description', 'error_details', 'error_uri']
    """
    return json.dumps({
        key: error, "error_description": description, "error_uri": ERROR_URI,
        "error_details": {"transaction_id": uuid.uuid4().hex},
    }).encode()  # fmt: skip


def _technical(status: int, headers: list[tuple[str, str]] | None = None) -> Reply:
    key = "error_code" if status in ERROR_CODE_KEY else "error"
    return status, headers or [], envelope(*TECHNICAL[status], key=key)


class EmulatorApp:
    """WSGI callable serving RTE's Generation Installed Capacities API from a Dataset.

    Parameters
    ----------
    settings : Settings
        Read on every request, so a running server's knobs can change between requests.
    seed : int, default 0
        Seed of the fault draws.
    """

    def __init__(self, settings: Settings, seed: int = 0):
        self.settings = settings
        self.injector = FaultInjector(seed)
        self.limiter = RateLimiter()
        self.counts: Counter[tuple[str, int]] = Counter()
        self.faults_served: Counter[str] = Counter()
        self._tokens: dict[str, tuple[str | None, float]] = {}
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, bytes] = OrderedDict()
        self._cache_bytes = 0
        self._mangle = threading.local()  # per request: the body fault drawn, if any

    def reset_counts(self) -> None:
        """Zero the per-(path, status) and per-fault counters."""
        with self._lock:
            self.counts.clear()
            self.faults_served.clear()

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        self._mangle.kind = None
        status, headers, body = self._reply(environ, path)
        length = len(body)
        if self._mangle.kind == "truncate":  # announce the whole body, send half, hang up
            body = body[: length // 2]
            headers.append(("Connection", "close"))
        elif self._mangle.kind == "bad_json":  # half the JSON, with a matching length
            body = body[: length // 2]
            length = len(body)
        headers.append(("Content-Type", "application/json"))
        headers.append(("Content-Length", str(length)))
        with self._lock:
            self.counts[path, status] += 1
        start_response(f"{status} {REASONS.get(status, '')}", headers)
        return [body]

    # ------------------------------------------------------------------ pipeline
    def _reply(self, environ: dict[str, Any], path: str) -> Reply:
        settings = self.settings
        if settings.latency_ms > 0:
            time.sleep(settings.latency_ms / 1000)
        body = self._read_body(environ)
        if body is None:
            return _technical(413, [("Connection", "close")])
        query = environ.get("QUERY_STRING", "")
        uri = environ.get("RAW_URI") or environ.get("REQUEST_URI") or (
            path + ("?" + query if query else "")
        )
        if len(uri) > MAX_URI_LENGTH:
            return _technical(414)
        method = environ.get("REQUEST_METHOD", "GET")
        if path in (TOKEN_PATH, TOKEN_PATH.rstrip("/")):
            if method != "POST":
                return _technical(405, [("Allow", "POST")])
            if settings.fault_token and (fault := self._fault()) is not None:
                return fault
            return self._token(environ, body)
        if path in MARKET_ROUTES:  # the market-data API, same server (rtecap.emulator.market)
            return market_reply(self, environ, path, method)
        if path not in ROUTES:
            return _technical(404)
        if method != "GET":
            return _technical(405, [("Allow", "GET")])
        client = self._client(environ)
        if client is None:
            return 401, [("WWW-Authenticate", 'Bearer error="invalid_token"')], envelope(
                "invalid_token", "Unauthorized: missing, invalid or expired access token."
            )
        wait = self.limiter.acquire(client, settings.rate_limit)
        if wait is not None:
            return _technical(429, [("Retry-After", str(wait))])
        if client in settings.unsubscribed:
            return _technical(403)
        fault = self._fault()
        if fault is not None:
            return fault
        return self._resource(*ROUTES[path], query)

    def _read_body(self, environ: dict[str, Any]) -> bytes | None:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY:
            return None
        return environ["wsgi.input"].read(length) if length > 0 else b""

    def _fault(self) -> Reply | None:
        """Draw a fault: an error reply, or None to go on (after sleeping for "slow", with the
        body to be cut for "truncate" and "bad_json")."""
        kind = self.injector.draw(self.settings.fault_rate, self.settings.faults)
        if kind is None:
            return None
        with self._lock:
            self.faults_served[kind] += 1
        if kind == "slow":
            time.sleep(self.settings.slow_ms / 1000)
            return None
        if kind in ("truncate", "bad_json"):
            self._mangle.kind = kind
            return None
        return _technical(int(kind), [("Retry-After", "1")] if kind == "429" else None)

    # ------------------------------------------------------------------ OAuth2
    def _token(self, environ: dict[str, Any], body: bytes) -> Reply:
        form = dict(parse_qsl(body.decode("latin-1")))
        client_id, secret = form.get("client_id"), form.get("client_secret")
        auth = environ.get("HTTP_AUTHORIZATION", "")
        if auth[:6].lower() == "basic ":
            try:
                client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                client_id = secret = None
        settings = self.settings
        known = client_id is not None and hmac.compare_digest(client_id, settings.client_id)
        if not (known and secret is not None and settings._secret_matches(secret)):
            return 401, [("WWW-Authenticate", 'Basic realm="rtecap-emulator"')], envelope(
                "invalid_client", "Client authentication failed: unknown client or bad secret."
            )
        if form.get("grant_type", "client_credentials") != "client_credentials":
            return 400, [], envelope(
                "unsupported_grant_type", "Only grant_type=client_credentials is supported."
            )
        token = secrets.token_urlsafe(32)
        lifetime = settings.token_lifetime
        with self._lock:
            now = time.monotonic()
            self._tokens = {t: v for t, v in self._tokens.items() if v[1] > now}
            self._tokens[token] = (client_id, now + lifetime)
        payload = {"access_token": token, "token_type": "Bearer", "expires_in": int(lifetime)}
        return 200, [("Cache-Control", "no-store")], json.dumps(payload).encode()

    def _client(self, environ: dict[str, Any]) -> str | None:
        auth = environ.get("HTTP_AUTHORIZATION", "")
        if auth[:7].lower() != "bearer ":
            return None
        with self._lock:
            entry = self._tokens.get(auth[7:].strip())
        if entry is None or entry[1] <= time.monotonic():
            return None
        return entry[0]

    # ------------------------------------------------------------------ resources
    def _resource(self, name: str, sandbox: bool, query: str) -> Reply:
        if sandbox:
            return 200, [], json.dumps(SANDBOX[name]).encode()
        settings = self.settings
        dataset = settings.dataset
        try:
            parsed = parse_query(name, parse_qsl(query, keep_blank_values=True),
                                 dataset.today, strict=settings.strict)  # fmt: skip
            body = self._answer(dataset, parsed)
        except RuleViolation as error:
            return 400, [], envelope(error.code, error.message)
        except InvalidRequest as error:
            return 400, [], envelope("invalid_request", str(error))
        except NoData:
            if settings.no_data_404:  # guide §5.2: 404 "... or no data was found"
                return 404, [], envelope("not_found", NO_DATA_MESSAGE)
            return 400, [], envelope(NO_DATA_CODE, NO_DATA_MESSAGE)
        return 200, [], body

    def _answer(self, dataset: Dataset, parsed: Any) -> bytes:
        spelled, empty_404 = self.settings.alt_spellings, self.settings.no_data_404
        key = (dataset.today, dataset.seed, parsed.key(), spelled, empty_404)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        answer = ANSWERS[parsed.resource](dataset, parsed)
        if empty_404 and not answer[parsed.resource]:
            raise NoData  # CPPT/CPPU: an empty answer is "no data was found" too
        body = json.dumps(respell(answer) if spelled else answer, separators=(",", ":"))
        data = body.encode()
        with self._lock:
            if key not in self._cache:
                self._cache[key] = data
                self._cache_bytes += len(data)
            while self._cache_bytes > CACHE_BYTES and len(self._cache) > 1:
                self._cache_bytes -= len(self._cache.popitem(last=False)[1])
        return data
