"""Transport helpers of :mod:`rtecap.client`: retry policy, cache key, log redaction.

Kept apart so that the client module holds the session's life cycle and nothing else.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
from collections.abc import Callable

import requests

#: Statuses retried on GET (guide §5.2 technical errors that a later call may not meet).
RETRY_STATUSES = (408, 429, 500, 502, 503, 504, 509)


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
    from urllib3.util import Retry

    class CappedRetry(Retry):
        """urllib3 Retry whose Retry-After wait is capped (a server may ask for hours)."""

        def get_retry_after(self, response):
            value = super().get_retry_after(response)
            return None if value is None else min(value, max_retry_after)

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
