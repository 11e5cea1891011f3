"""The market-data API's HTTP client: Bearer token, timeouts, retries, disk cache -> dict.

No pandas here. The transport is rtecap's (:mod:`rtecap._http`): the same urllib3
:class:`~urllib3.util.Retry` (GET retried on 408/429/5xx with backoff, ``Retry-After`` honoured
up to a cap), timeouts on every call, requests-cache's SQLite disk cache and offline replay.

The token never leaves the ``Authorization`` header (rtecap's ``BearerAuth``): not in the
repr, logs, exceptions, cache file (the header is redacted from stored requests) or attrs.
The cache key holds a salted fingerprint of the token (never the token): a cached answer is
only ever replayed to the token it was fetched with, so another -- maybe bad -- token always
reaches the server.
A 401 marks the client's token as rejected (later calls raise at once, cache or not) and
purges that token's cached answers, so a revoked token is not hidden by the cache either.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import requests

from rtecap._http import BearerAuth, is_loopback, make_retry, pause, transport_error
from rtecap._limits import (
    DEADLINE,
    MAX_BYTES,
    GuardedAdapter,
    redirected_away,
    refuse_plain_http,
)
from rtecap._sources import decode_json
from rtecap._version import __version__
from rtecap.client import default_cache_path
from rtecap.exceptions import (
    AuthenticationError,
    CredentialsError,
    OfflineCacheMissError,
    ResponseError,
    RteApiError,
    error_from_response,
)
from rtecap.market import mappings as mm
from rtecap.market._endpoints import ENDPOINTS, Endpoint, endpoint

log = logging.getLogger("rtecap.market")
_SALT = b"rtecap-market-cache-v1:"


class MarketAuthError(AuthenticationError):
    """HTTP 401 from the market-data API.

    The API answers 401 both when the account behind the token has no active subscription and
    when the token itself is wrong, expired or revoked; the answer does not tell them apart,
    so the message names both.
    """


class Answer(NamedTuple):
    """One decoded answer: the JSON, whether it came from the cache, whether it is synthetic
    (served by rtecap's emulator, which says so in a response header)."""

    payload: Any
    from_cache: bool
    synthetic: bool


class Client:
    """A connection to the market-data API (day-ahead prices, balancing capacity and energy).

    Parameters
    ----------
    token : str, optional
        The Bearer token generated in the dashboard's API tab. Default: the environment
        variable ``RTECAP_MARKET_TOKEN``. Needed only when a call reaches the network.
    base_url : str, optional
        Scheme and host. Default: ``RTECAP_MARKET_BASE_URL``, else the documentation's
        ``https://co-c8jb.nanocorp.app``. Plain ``http://`` only on loopback (the emulator:
        ``base_url=server.url``).
    cache : bool or path, default True
        True: an SQLite file beside rtecap's HTTP cache (``market_http_cache.sqlite``); a
        path: that file; False: no cache. Answers stay fresh for their endpoint's
        ``cache_seconds`` (15 min for prices and capacity, 1 min for energy).
    offline : bool, optional
        Answer only from the cache (any age), for the same token; a miss raises
        :class:`~rtecap.exceptions.OfflineCacheMissError`. Default: ``RTECAP_OFFLINE`` = "1".
    timeout : float or (float, float), default (10, 60)
        Connect and read timeouts in seconds.
    retries : int, default 5
        Attempts after the first for 408/429/5xx, connection errors and bodies cut short.
    backoff_factor : float, default 0.5
        Exponential backoff factor (seconds).
    max_retry_after : float, default 60
        Cap on a ``Retry-After`` wait, in seconds.
    max_bytes : int, default 64 MiB
        Largest answer accepted; a larger one is cut off as it arrives
        (:class:`~rtecap.exceptions.ResponseTooLargeError`).
    deadline : float, default 300
        Seconds an answer's body may take once its headers arrived
        (:class:`~rtecap.exceptions.ApiTimeoutError`): a trickling server is cut off.

    Examples
    --------
    >>> Client("not-a-real-token", cache=False)
    market.Client(base_url='https://co-c8jb.nanocorp.app', token='***', cache=None, offline=False)
    """

    def __init__(
        self,
        token: str | None = None,
        base_url: str | None = None,
        *,
        cache: bool | str | os.PathLike = True,
        offline: bool | None = None,
        timeout: float | tuple[float, float] = (10.0, 60.0),
        retries: int = 5,
        backoff_factor: float = 0.5,
        max_retry_after: float = 60.0,
        max_bytes: int = MAX_BYTES,
        deadline: float = DEADLINE,
    ):
        base_url = (base_url or os.environ.get(mm.BASE_URL_ENV) or mm.DEFAULT_BASE_URL).rstrip("/")
        parts = urlsplit(base_url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError(f"base_url must be http(s)://host[:port], got {base_url!r}")
        refuse_plain_http(base_url)
        self.base_url = base_url
        self.__token = token or os.environ.get(mm.TOKEN_ENV) or None
        digest = hashlib.sha256(_SALT + (self.__token or "").encode()).hexdigest()[:16]
        self._fingerprint = digest if self.__token else "no-token"
        self._rejected = False
        if offline is None:
            offline = os.environ.get("RTECAP_OFFLINE", "").strip().lower() in ("1", "true", "yes")
        self.offline = bool(offline)
        self.timeout, self.retries, self.backoff_factor = timeout, retries, backoff_factor
        self.cache_path: Path | None = None
        if cache is True:
            self.cache_path = default_cache_path().with_name("market_http_cache")
        elif cache:
            self.cache_path = Path(cache)
        if self.offline and self.cache_path is None:
            raise ValueError("offline=True needs a cache (cache=True or a path)")
        self._limits = (int(max_bytes), float(deadline))
        self._session = self._build_session(make_retry(retries, backoff_factor, max_retry_after))

    def _build_session(self, retry) -> requests.Session:
        if self.cache_path is not None:
            from requests_cache import CachedSession

            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            session: requests.Session = CachedSession(
                str(self.cache_path), backend="sqlite", allowable_methods=("GET",),
                allowable_codes=(200,), ignored_parameters=("Authorization",),
                key_fn=self._cache_key, expire_after=900, stale_if_error=False)
        else:
            session = requests.Session()
        adapter = GuardedAdapter(max_retries=retry, max_bytes=self._limits[0],
                                 deadline=self._limits[1])
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.trust_env = not is_loopback(urlsplit(self.base_url).hostname)
        session.auth = BearerAuth(lambda: self.__token)  # rtecap's; the token never in a repr
        session.headers.update({"User-Agent": f"rtecap/{__version__}",
                                "Accept": "application/json"})  # fmt: skip
        return session

    def _cache_key(self, request: Any, **_kwargs: Any) -> str:
        """Method, URL and the token's fingerprint (not the token), hashed."""
        text = f"{request.method} {request.url} {self._fingerprint}"
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def __repr__(self) -> str:
        token = "***" if self.__token else None
        cache = str(self.cache_path) if self.cache_path else None
        return (f"market.Client(base_url={self.base_url!r}, token={token!r}, cache={cache!r}, "
                f"offline={self.offline})")

    def close(self) -> None:
        """Close the HTTP session and the cache file."""
        self._session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ calls
    def url(self, name: str) -> str:
        """The URL of an endpoint (name, dashed name or path)."""
        return self.base_url + endpoint(name).path

    def get_json(self, name: str) -> Any:
        """Call one endpoint and return its decoded JSON (see :meth:`get_answer`).

        Examples
        --------
        >>> from rtecap.emulator import serve
        >>> with serve(today="2026-04-20") as server, Client(server.market_token, server.url,
        ...                                                   cache=False) as client:
        ...     sorted(client.get_json("day_ahead_prices"))
        ['earliestDate', 'latestDate', 'rows']
        """
        return self.get_answer(name).payload

    def get_answer(self, name: str) -> Answer:
        """Call one endpoint (no query string: the API takes none) and decode its answer.

        Parameters
        ----------
        name : str
            The endpoint: ``day_ahead_prices``, ``fcr-capacity``, ``/api/balancing-energy`` ...

        Returns
        -------
        Answer
            ``(payload, from_cache, synthetic)``.

        Raises
        ------
        MarketAuthError
            HTTP 401: no active subscription, or a bad, expired or revoked token; also every
            later call of this client (its token was rejected).
        CredentialsError
            The call must reach the network and no token is known.
        OfflineCacheMissError
            Offline and not in the cache for this token.
        RateLimitError, ServerError, ResponseError, RteApiError
            What outlasted the retries.
        """
        spec = endpoint(name)
        url = self.base_url + spec.path
        if self._rejected:
            raise self._auth_error(url, "rejected earlier in this session")
        cached = self._from_cache(url)
        if cached is not None:
            return cached
        if self.offline:
            raise OfflineCacheMissError(f"offline and not in the cache (for this token): GET "
                                        f"{url}", url=url)  # fmt: skip
        if self.__token is None:
            raise CredentialsError(f"no market-data token: pass token= to rtecap.market.Client "
                                   f"or set {mm.TOKEN_ENV}")  # fmt: skip
        error: RteApiError | None = None
        for attempt in range(self.retries + 1):
            response = self._send(url, spec, refresh=attempt > 0)
            try:
                return Answer(decode_json(response.content), False, self._synthetic(response))
            except ResponseError as exc:  # body cut short or not JSON: send again
                error = ResponseError(f"answer is not valid JSON ({exc})", status=200, url=url)
            self._pause(attempt)
        raise error  # type: ignore[misc]

    def _synthetic(self, response: Any) -> bool:
        return response.headers.get(mm.SYNTHETIC_HEADER, "").lower() in ("1", "true", "yes")

    def _from_cache(self, url: str) -> Answer | None:
        if self.cache_path is None:
            return None
        cache = self._session.cache  # type: ignore[attr-defined]
        response = cache.get_response(self._cache_key(requests.Request("GET", url).prepare()))
        if response is None or (response.is_expired and not self.offline):
            return None
        try:
            return Answer(decode_json(response.content), True, self._synthetic(response))
        except ResponseError:
            return None

    def _send(self, url: str, spec: Endpoint, refresh: bool) -> requests.Response:
        kwargs: dict[str, Any] = {"timeout": self.timeout}
        if self.cache_path is not None:
            kwargs.update(expire_after=spec.cache_seconds, force_refresh=refresh)
        failures = 0
        while True:
            try:
                response = self._session.get(url, **kwargs)
                break
            except requests.RequestException as exc:
                # urllib3 has retried what is worth it (never a refused connection, see
                # rtecap._http.make_retry); only a body cut short is sent again here.
                error = transport_error(exc, url, self.timeout)
                failures += 1
                if error is None and failures > self.retries:
                    error = ResponseError(f"answer cut short {failures} times", url=url)
                if error is not None:
                    raise error from exc
                self._pause(failures - 1)
        if response.status_code != 200 and (moved := redirected_away(url, response)):
            raise moved  # not the token's fault: keep it and its cached answers
        if response.status_code == 401:
            self._rejected = True
            self._purge()
            raise self._auth_error(url, "HTTP 401")
        if response.status_code != 200:
            raise error_from_response(response)
        log.debug("rtecap.market: GET %s -> 200 (%d bytes)", url, len(response.content))
        return response

    def _auth_error(self, url: str, what: str) -> MarketAuthError:
        return MarketAuthError(
            f"the market-data API refused the token ({what}): either the account has no "
            f"active subscription, or the token is wrong, expired or revoked. Check the "
            f"subscription and generate a token in the dashboard's API tab (pass token= or set "
            f"{mm.TOKEN_ENV})", status=401, url=url)

    def _purge(self) -> None:
        """Delete this token's cached answers (the server has just rejected the token)."""
        if self.cache_path is None:
            return
        keys = [self._cache_key(requests.Request("GET", self.base_url + e.path).prepare())
                for e in ENDPOINTS.values()]  # fmt: skip
        self._session.cache.delete(*keys)  # type: ignore[attr-defined]

    def _pause(self, attempt: int) -> None:
        pause(self.backoff_factor * (2**attempt) * (0.5 + random.random() / 2))
