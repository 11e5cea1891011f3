"""Transport helpers of :mod:`rtecap.client`: retry policy, cache key, log redaction.

Kept apart so that the client module holds the session's life cycle and nothing else.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import requests

#: Statuses retried on GET (guide §5.2 technical errors that a later call may not meet).
RETRY_STATUSES = (408, 429, 500, 502, 503, 504, 509)
#: Quotas (429 too many calls in a period, 509 total requests at their limit): the wait is the
#: server's ``Retry-After`` when given, else an exponential backoff of at least one second --
#: never an immediate retry that would only spend the quota again.
QUOTA_STATUSES = frozenset({429, 509})
QUOTA_MIN_WAIT = 1.0


def is_loopback(host: str | None) -> bool:
    """Tell whether a host name is this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


class _RedactTokens(logging.Filter):
    """Blank every argument of oauthlib's log records: at DEBUG they can print tokens, request
    bodies and headers (the format string, without values, is kept). This filter on the
    library's own loggers is rtecap's only process-wide setting, and it only redacts."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = f"{record.msg} [values redacted by rtecap]"
            record.args = ()
        return True


class Cancelled(Exception):
    """Raised in a worker thread whose load was stopped (Ctrl-C, or another call failed)."""


_scope = threading.local()


@contextmanager
def cancel_scope(event: threading.Event):
    """Make :func:`pause` and :func:`check_cancelled` in this thread watch ``event``."""
    previous = getattr(_scope, "event", None)
    _scope.event = event
    try:
        yield
    finally:
        _scope.event = previous


@contextmanager
def body_record() -> Iterator[list[str]]:
    """Collect, in this thread, the SHA-256 of each answer body :meth:`rtecap.Client.get_answer`
    decodes (the frame cache keys a parse by the bytes it came from); yields the list."""
    previous = getattr(_scope, "bodies", None)
    noted: list[str] = []
    _scope.bodies = noted
    try:
        yield noted
    finally:
        _scope.bodies = previous


def note_body(body: bytes) -> None:
    """Note a decoded answer's digest for :func:`body_record` (no-op outside it)."""
    noted = getattr(_scope, "bodies", None)
    if noted is not None:
        noted.append(hashlib.sha256(body).hexdigest())


def check_cancelled() -> None:
    """Raise :class:`Cancelled` if this thread's load was stopped."""
    event = getattr(_scope, "event", None)
    if event is not None and event.is_set():
        raise Cancelled


def stop_load() -> None:
    """Stop the load this thread works for (no-op outside :func:`cancel_scope`)."""
    event = getattr(_scope, "event", None)
    if event is not None:
        event.set()


def pause(seconds: float) -> None:
    """Sleep between attempts; wake up and raise :class:`Cancelled` when the load stops."""
    event = getattr(_scope, "event", None)
    if event is None:
        time.sleep(max(seconds, 0.0))
    elif event.wait(max(seconds, 0.0)):
        raise Cancelled


class Answer(NamedTuple):
    """One call's answer: the decoded JSON (a dict, or what the caller's ``decode`` made of it)
    and whether it came from the cache."""

    json: Any
    from_cache: bool


def read_environment(session: requests.Session, url: str) -> None:
    """Set ``session``'s proxies and CA bundle from the environment, as requests reads them.

    ``HTTP(S)_PROXY`` / ``NO_PROXY`` through :func:`requests.utils.get_environ_proxies`,
    ``REQUESTS_CA_BUNDLE`` then ``CURL_CA_BUNDLE``; read once, not on every call (requests
    scans the environment per request when ``trust_env`` is on). Loopback never goes through
    a proxy, so emulator traffic stays on this machine.
    """
    session.trust_env = False
    if is_loopback(urlsplit(url).hostname):
        return
    session.proxies.update(requests.utils.get_environ_proxies(url))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        session.verify = bundle


class BearerAuth(requests.auth.AuthBase):
    """Send ``Authorization: Bearer <token>``, the token read at each request (it is renewed).

    Parameters
    ----------
    token : callable
        Returns the current access token, or None (then no header is sent).
    """

    def __init__(self, token: Callable[[], str | None]):
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        token = self._token()
        if token:
            request.headers["Authorization"] = f"Bearer {token}"
        return request


def make_retry(total: int, backoff_factor: float, max_retry_after: float):
    from urllib3.exceptions import MaxRetryError, NewConnectionError
    from urllib3.util import Retry

    class CappedRetry(Retry):
        """urllib3 Retry whose Retry-After wait is capped (a server may ask for hours), which
        backs off on a quota (429, 509) even without Retry-After, never retries a refused
        connection or an unknown host (the server is not there), and whose waits stop when
        the load is cancelled."""

        RETRY_AFTER_STATUS_CODES = Retry.RETRY_AFTER_STATUS_CODES | QUOTA_STATUSES

        def get_retry_after(self, response):
            value = super().get_retry_after(response)
            return None if value is None else min(value, max_retry_after)

        def increment(self, method=None, url=None, response=None, error=None, _pool=None,
                      _stacktrace=None):
            if isinstance(error, NewConnectionError):  # refused, or unknown host
                raise MaxRetryError(_pool, url, error) from error
            return super().increment(method, url, response, error, _pool, _stacktrace)

        def sleep(self, response=None):
            wait = self.get_retry_after(response) if (
                self.respect_retry_after_header and response is not None) else None
            if not wait:
                wait = self.get_backoff_time()
                if response is not None and response.status in QUOTA_STATUSES:
                    wait = min(max(QUOTA_MIN_WAIT, wait), max_retry_after)  # never at once
            pause(wait)

    return CappedRetry(
        total=total,
        connect=total,
        read=total,
        status=total,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        backoff_factor=backoff_factor,
        backoff_max=max_retry_after,
        respect_retry_after_header=True,
        raise_on_status=False,
    )


_REDACT = _RedactTokens()


def transport_error(exc: Exception, url: str, timeout, method: str = "GET"):
    """Turn a transport failure of requests into rtecap's typed error, or None.

    Parameters
    ----------
    exc : requests.RequestException
        What ``session.get`` or the token request raised, after urllib3's retries.
    url : str
        The URL called.
    timeout : float or (float, float)
        The client's timeout, quoted in the message.
    method : str
        The method, quoted in the message.

    Returns
    -------
    RteApiError or None
        :class:`ConnectionFailedError` (refused, unknown host, connect timeout),
        :class:`ApiTimeoutError` (read timeout), another :class:`RteApiError`, or None for a
        body cut short (worth another attempt).
    """
    import requests
    from urllib3.exceptions import (
        MaxRetryError,
        NameResolutionError,
        NewConnectionError,
        ReadTimeoutError,
    )

    from rtecap.exceptions import ApiTimeoutError, ConnectionFailedError, RteApiError

    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return None
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    host = urlsplit(url).netloc
    if isinstance(reason, NameResolutionError):
        return ConnectionFailedError(f"cannot connect to {host}: unknown host (check the "
                                     "base_url or RTE_BASE_URL)", url=url)
    if isinstance(reason, NewConnectionError):
        return ConnectionFailedError(f"cannot connect to {host}: connection refused (is the "
                                     "server running?)", url=url)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return ConnectionFailedError(f"cannot connect to {host}: no answer within {connect} s",
                                     url=url)
    if isinstance(exc, requests.exceptions.ReadTimeout) or isinstance(reason, ReadTimeoutError):
        path = urlsplit(url).path
        where = path if path.endswith("/") else path.rsplit("/", 1)[-1]  # resource or token
        return ApiTimeoutError(f"{method} {where} on {host} timed out after {read} s (the read "
                               "timeout; Client(timeout=(connect, read)) sets it)",
                               timeout=read, url=url)
    return RteApiError(f"{type(exc).__name__}: {reason or exc}", url=url)


def cache_key(request, **_kwargs) -> str:
    """Cache key: a hash of method and URL.

    rtecap builds every URL itself, in one canonical form (fixed parameter order, dates in the
    guide's format), and the only header that varies, ``Authorization``, must not be part of
    the key; this spares requests-cache's URL normalisation on every look-up.
    """
    return hashlib.sha256(f"{request.method} {request.url}".encode()).hexdigest()[:32]


def redact_oauth_logs() -> None:
    """Put the redacting filter on every oauthlib (and requests-oauthlib, when loaded) logger.

    A logger's filters see only the records logged on that very logger, so each module logger
    gets it (idempotent: a filter is added once).
    """
    import oauthlib.oauth2  # noqa: F401  (creates its module loggers)

    names = [name for name in logging.root.manager.loggerDict
             if name.split(".")[0] in ("requests_oauthlib", "oauthlib")]
    for name in names:
        logger = logging.getLogger(name)
        if _REDACT not in logger.filters:
            logger.addFilter(_REDACT)


def request_token(session, url: str, client_id: str, secret: str, timeout) -> dict:
    """Ask the token endpoint for a token (OAuth2 client credentials, HTTP Basic).

    oauthlib's ``BackendApplicationClient`` writes the request body and checks the answer;
    the POST goes through ``session`` (not requests-oauthlib, which refuses plain http unless
    ``OAUTHLIB_INSECURE_TRANSPORT`` is set for the whole process).

    Returns
    -------
    dict
        The token (``access_token``, ``expires_in``, ``expires_at`` ...).

    Raises
    ------
    AuthenticationError
        The endpoint refused the credentials.
    ConnectionFailedError, ApiTimeoutError, RteApiError
        The request failed (never with the secret in the message).
    """
    from oauthlib.oauth2 import BackendApplicationClient, OAuth2Error

    from rtecap.exceptions import AuthenticationError, RteApiError

    oauth = BackendApplicationClient(client_id=client_id)
    try:
        response = session.post(
            url, data=oauth.prepare_request_body(include_client_id=False),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            auth=requests.auth.HTTPBasicAuth(client_id, secret), timeout=timeout,
        )
        return dict(oauth.parse_request_body_response(response.text))
    except OAuth2Error as exc:
        raise AuthenticationError(
            f"the token endpoint refused the client credentials ({exc.error})",
            status=getattr(exc, "status_code", None) or 401, code=exc.error, url=url,
        ) from None
    except requests.RequestException as exc:  # never the secret
        error = transport_error(exc, url, timeout, "POST") or RteApiError(
            f"token request failed: {type(exc).__name__}", url=url)
        raise error from exc
    except ValueError as exc:
        raise RteApiError(f"token request failed: {type(exc).__name__}: {exc}", url=url) from exc
