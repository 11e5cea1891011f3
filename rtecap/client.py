"""The client of the API: OAuth2 client credentials, retries, timeouts, disk cache -> JSON.

No pandas here. :class:`Client` answers one call with the decoded JSON of the API (a dict);
the loaders in :mod:`rtecap.io` cut requests into calls, run them and parse the answers.

* Auth: OAuth2 client credentials with HTTP Basic client authentication on ``/token/oauth/``;
  oauthlib's ``BackendApplicationClient`` writes the token request and checks the answer, and
  the token travels as a ``Bearer`` header set by the session's own auth hook. Nothing in the
  process changes: plain ``http://`` is refused by rtecap itself except on loopback (no
  ``OAUTHLIB_INSECURE_TRANSPORT`` is ever set). The token is reused until shortly before it
  expires (this grant has no refresh token: a new one is fetched); on a 401 a new token is
  fetched and the call sent again (at most ``retries`` times: a token can expire while urllib3
  waits to resend a 429 or 5xx with the same headers).
* Resilience: a urllib3 :class:`~urllib3.util.Retry` mounted on the session retries GETs on
  408/429/500/502/503/504/509 and read timeouts with exponential backoff, honouring
  ``Retry-After`` up to a cap; the quotas 429 and 509 wait at least a second even without
  ``Retry-After``. A 403 (not subscribed) is raised at once. A refused connection or an
  unknown host is not retried: it raises :class:`~rtecap.exceptions.ConnectionFailedError` at
  once; a read timeout that outlasts the retries raises
  :class:`~rtecap.exceptions.ApiTimeoutError` ("timed out after N s"). A body cut short or not
  valid JSON is retried by :meth:`Client.get_answer` itself. Concurrent calls share one token
  request: its failure fails them all.
* Session, proxies, cache: see :mod:`rtecap._session`. Entries expire after the guide's advised
  call frequency; a cache hit needs neither credentials nor a token; ``offline=True`` answers
  only from the cache. :mod:`rtecap._frames` keeps the parsed frames of loads beside it.
"""

from __future__ import annotations

import copy
import logging
import os
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

from rtecap import mappings as m
from rtecap import registry
from rtecap._http import (
    Answer,
    check_cancelled,
    make_retry,
    note_body,
    pause,
    request_token,
    stop_load,
    transport_error,
)
from rtecap._limits import DEADLINE, MAX_BYTES, redirected_away, refuse_plain_http
from rtecap._queries import QueryMethods
from rtecap._session import build_session, stored
from rtecap._sources import decode_json
from rtecap._version import __version__
from rtecap.exceptions import (
    CredentialsError,
    OfflineCacheMissError,
    ResponseError,
    RteError,
    error_from_response,
)

log = logging.getLogger("rtecap")
USER_AGENT = f"rtecap/{__version__}"
_CACHE_FILE = "http_cache"


def default_cache_path() -> Path:
    """Return where the HTTP cache lives by default (``platformdirs.user_cache_dir``)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("rtecap", appauthor=False)) / _CACHE_FILE


class Client(QueryMethods):
    """A connection to RTE's Generation Installed Capacities API.

    Besides the HTTP calls, a client has the loaders as methods:
    ``client.get_capacities_cpc(...)`` is ``rtecap.get_capacities_cpc(..., client=client)``.

    Parameters
    ----------
    client_id, client_secret : str, optional
        OAuth2 credentials of your application on RTE's data portal. Default: the environment
        variables ``RTE_CLIENT_ID`` and ``RTE_CLIENT_SECRET``. Needed only when a call reaches
        the network: a cache hit needs none.
    base_url : str, optional
        Scheme and host of the API. Default: the ``RTE_BASE_URL`` environment variable (which
        ``rtecap serve`` prints), else RTE's production host. Plain ``http://`` is refused
        except on loopback (e.g. :mod:`rtecap.emulator`).
    cache : bool or path, default True
        True: an SQLite cache in the user cache dir; a path: that file; False: no cache.
        The file also keeps the parsed frame of each load, served again only for the very
        answers it was parsed from (:mod:`rtecap._frames`).
    offline : bool, optional
        Answer only from the cache and raise :class:`OfflineCacheMissError` naming any request
        that is not there. Default: the ``RTECAP_OFFLINE`` environment variable ("1" = on).
    sandbox : bool, default False
        Call the ``/sandbox/`` twins of the resources (fixed samples ignoring parameters).
    timeout : float or (float, float), default (10, 60)
        Connect and read timeouts in seconds, for every call.
    retries : int, default 5
        Attempts after the first one for retryable statuses, read timeouts, connections
        dropped and bad bodies (never for a refused connection or an unknown host).
    backoff_factor : float, default 0.5
        Exponential backoff: ``backoff_factor * 2 ** (attempt - 1)`` seconds.
    max_retry_after : float, default 60
        Cap on the wait a ``Retry-After`` header may ask for, in seconds.
    max_bytes : int, default 64 MiB
        Largest answer accepted: a larger one is cut off as it arrives and raises
        :class:`~rtecap.exceptions.ResponseTooLargeError` (never held whole in memory).
    deadline : float, default 300
        Seconds an answer's body may take to arrive once its headers did: a server that
        trickles bytes raises :class:`~rtecap.exceptions.ApiTimeoutError` (the read
        ``timeout`` bounds each wait, this the whole body).
    today : date-like, optional
        The day the guide's date rules (F04, nominal modes) are checked against; default: today
        in Paris. Set it to the emulator's clock in tests.

    Examples
    --------
    >>> client = Client("my-id", "my-secret", cache=False)
    >>> client
    Client(base_url='https://digital.iservices.rte-france.com', client_id='my-id', client_secret='***', cache=None, offline=False)
    """  # noqa: E501

    def __init__(
        self,
        client_id: str | None = None,
        client_secret: str | None = None,
        base_url: str | None = None,
        *,
        cache: bool | str | os.PathLike = True,
        offline: bool | None = None,
        sandbox: bool = False,
        timeout: float | tuple[float, float] = (10.0, 60.0),
        retries: int = 5,
        backoff_factor: float = 0.5,
        max_retry_after: float = 60.0,
        max_bytes: int = MAX_BYTES,
        deadline: float = DEADLINE,
        today=None,
    ):
        base_url = base_url or os.environ.get("RTE_BASE_URL") or m.DEFAULT_BASE_URL
        parts = urlsplit(base_url.rstrip("/"))
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError(f"base_url must be http(s)://host[:port], got {base_url!r}")
        refuse_plain_http(base_url)
        self.base_url = base_url.rstrip("/")
        self.client_id = client_id or os.environ.get("RTE_CLIENT_ID") or None
        self._secret = client_secret or os.environ.get("RTE_CLIENT_SECRET") or None
        if offline is None:
            offline = os.environ.get("RTECAP_OFFLINE", "").strip().lower() in ("1", "true", "yes")
        self.offline = bool(offline)
        self.sandbox = sandbox
        self.timeout = timeout
        self.retries = retries
        self.backoff_factor = backoff_factor
        self.today = today
        self.cache_path: Path | None = None
        if cache is True:
            self.cache_path = default_cache_path()
        elif cache:
            self.cache_path = Path(cache)
        if self.offline and self.cache_path is None:
            raise ValueError("offline=True needs a cache (cache=True or a path)")
        self._token_lock = threading.Lock()
        self._token: dict[str, Any] = {}
        self._token_attempts = 0  # token requests made; workers share one attempt's outcome
        self._token_error: Exception | None = None
        self._limits = (int(max_bytes), float(deadline))
        self._session = build_session(
            cache_path=self.cache_path, token=lambda: self._token.get("access_token"),
            retry=make_retry(retries, backoff_factor, max_retry_after), limits=self._limits,
            base_url=self.base_url, user_agent=USER_AGENT)
        self._frames: Any = None  # parsed frames of warm loads, beside the HTTP cache
        if self.cache_path is not None:
            from rtecap._frames import FrameCache

            self._frames = FrameCache(self.cache_path)

    # ------------------------------------------------------------------ session
    def __repr__(self) -> str:
        secret = "***" if self._secret else None
        cache = str(self.cache_path) if self.cache_path else None
        return (f"Client(base_url={self.base_url!r}, client_id={self.client_id!r}, "
                f"client_secret={secret!r}, cache={cache!r}, offline={self.offline})")

    def close(self) -> None:
        """Close the HTTP session and the cache file."""
        self._session.close()
        if self._frames is not None:
            self._frames.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ auth
    def _token_valid(self) -> bool:
        token = self._token
        expires_at = token.get("expires_at")
        if not token.get("access_token") or expires_at is None:
            return False
        lifetime = float(token.get("expires_in") or 60)
        leeway = min(30.0, 0.2 * lifetime)  # renew "shortly before" expiry
        return time.time() < float(expires_at) - leeway

    def _ensure_token(self, force: bool = False) -> None:
        """Make sure a valid token is held; one request serves every waiting worker.

        A worker that waited for the lock while another one asked for a token takes that
        request's outcome: the new token, or its error (a refused connection or refused
        credentials fail every worker at once instead of being tried once per worker).
        """
        seen = self._token_attempts
        with self._token_lock:
            if self._token_attempts != seen:  # asked for while this thread waited
                if self._token_error is not None:  # the same error, raised anew here
                    raise copy.copy(self._token_error) from self._token_error
                if self._token_valid():
                    return
            if not force and self._token_valid():
                return
            if not self.client_id or not self._secret:
                raise CredentialsError(
                    "no RTE credentials: pass client_id and client_secret to rtecap.Client, or "
                    "set RTE_CLIENT_ID and RTE_CLIENT_SECRET (or run offline from the cache, or "
                    "use rtecap.emulator for tests)"
                )
            check_cancelled()
            self._token_error = None
            try:
                self._token = request_token(self._session, self.base_url + m.TOKEN_PATH,
                                            self.client_id, self._secret, self.timeout)
            except RteError as exc:
                self._token_error = exc
                stop_load()  # the other workers of this load would meet the same error
                raise
            finally:
                self._token_attempts += 1  # counted once done: waiters then share the outcome
            log.debug("rtecap: new access token, valid %ss", self._token.get("expires_in"))

    # ------------------------------------------------------------------ calls
    def url(self, resource: str) -> str:
        """Return the URL of a resource (sandbox twin when ``sandbox=True``).

        A name the registry does not know is sent as given, so that :meth:`get_json` shows
        what the server answers to it (a 404).
        """
        spec = registry.find(resource)
        if spec is None:
            return f"{self.base_url}{m.SANDBOX_PATH if self.sandbox else m.API_PATH}/{resource}"
        return self.base_url + (spec.sandbox_path if self.sandbox else spec.path)

    def expire_after(self, resource: str) -> int:
        """Seconds a cached answer stays fresh: the guide's advised call frequency."""
        month = time.gmtime().tm_mon
        spec = registry.find(resource)
        seconds = spec.cache_seconds if spec is not None else registry.DEFAULT_CACHE_SECONDS
        return seconds["december" if month == 12 else "other"]

    def get_json(self, resource: str, params: dict[str, str] | None = None) -> dict:
        """Call one resource once and return its decoded JSON answer (a dict).

        The same as :meth:`get_answer`, without telling whether the answer came from the
        cache.

        Examples
        --------
        >>> from rtecap.emulator import serve
        >>> with serve(today="2026-11-23") as server, Client(
        ...         server.client_id, server.client_secret, server.url, cache=False) as client:
        ...     payload = client.get_json("capacities_cpc", {"department_code": "FR"})
        >>> sorted(payload["capacities_cpc"][0])[:2]
        ['department_code', 'network_connection']
        """
        return self.get_answer(resource, params).json

    def get_answer(self, resource: str, params: dict[str, str] | None = None, *,
                   decode: Callable[[bytes], Any] = decode_json) -> Answer:
        """Call one resource once and return its decoded JSON answer and where it came from.

        Parameters are sent as given: validation is the caller's job (see :mod:`rtecap.rules`),
        so this is also the way to see what the server itself answers to a bad request.

        Parameters
        ----------
        resource : str
            Resource name, e.g. ``"capacities_cpc"``.
        params : dict of str to str, optional
            Query-string parameters, dates already formatted.
        decode : callable, optional
            Turns the answer's bytes into ``Answer.json``; it raises
            :class:`~rtecap.exceptions.ResponseError` for bytes that are not the JSON of an
            answer (such an answer is fetched again, as a cut-short one). Default: the checked
            JSON decoder (:func:`rtecap.io.decode_json`); :mod:`rtecap.fetch` passes
            :func:`rtecap.parsers.decoder`'s (Arrow columns, read without the lock).

        Returns
        -------
        Answer
            ``Answer(json, from_cache)``: the decoded JSON answer (a dict, or what ``decode``
            returns) and whether it came from the cache.

        Raises
        ------
        FunctionalError, NoDataError, AuthenticationError, RateLimitError, ServerError, ...
            The typed error of an error answer (see :mod:`rtecap.exceptions`).
        OfflineCacheMissError
            Offline and the request is not cached.
        CredentialsError
            A call must reach the network and no credentials are known.
        """
        full = self.full_url(resource, params)
        cached = self._from_cache(full, decode)
        if cached is not None:
            return Answer(cached, True)
        if self.offline:
            raise OfflineCacheMissError(f"offline and not in the cache: GET {full}", url=full)
        for attempt in range(self.retries + 1):
            response = self._send(full, resource, refresh=attempt > 0)
            try:
                answer = Answer(decode(response.content), False)
            except ResponseError as exc:  # not valid JSON (cut short, an HTML page, ...)
                error = ResponseError(f"answer is not valid JSON ({exc})", status=200, url=full)
            else:
                note_body(response.content)
                return answer
            self._sleep(attempt)
        raise error

    def full_url(self, resource: str, params: dict[str, str] | None = None) -> str:
        """Return the URL of one call, list parameters joined by plain commas as in the guide."""
        query = urlencode(params or {}, safe=",")
        return self.url(resource) + ("?" + query if query else "")

    def uri_length(self, resource: str, params: dict[str, str] | None = None) -> int:
        """Length of the request URI (path and query) that the guide limits to 512 (§5.2)."""
        parts = urlsplit(self.full_url(resource, params))
        return len(parts.path) + (len(parts.query) + 1 if parts.query else 0)

    def _stored(self, url: str) -> bytes | None:
        """The body the cache holds for a GET of ``url`` (see :func:`rtecap._session.stored`)."""
        if self.cache_path is None:
            return None
        return stored(self._session, url, offline=self.offline)

    def _from_cache(self, url: str, decode: Callable[[bytes], Any] = decode_json) -> Any:
        """The decoded answer the cache holds for ``url`` (see :meth:`_stored`), or None."""
        body = self._stored(url)
        if body is None:
            return None
        try:
            answer = decode(body)
        except ResponseError:
            return None  # a bad stored body: fetch again
        note_body(body)
        return answer

    def _send(self, url: str, resource: str, refresh: bool):
        kwargs: dict[str, Any] = {"timeout": self.timeout}
        if self.cache_path is not None:
            kwargs.update(expire_after=self.expire_after(resource), force_refresh=refresh)
        failures = renewals = 0
        while True:
            self._ensure_token(force=False)
            check_cancelled()
            try:
                response = self._session.get(url, **kwargs)
            except requests.RequestException as exc:
                # urllib3 has already retried what is worth retrying (never a refused
                # connection); only a body cut short is sent again here.
                error = transport_error(exc, url, self.timeout)
                failures += 1
                if error is None and failures > self.retries:
                    error = ResponseError(f"answer cut short {failures} times ({exc})",
                                          status=200, url=url)
                if error is not None:
                    raise error from exc
                self._sleep(failures - 1)
                continue
            if response.status_code != 200 and (moved := redirected_away(url, response)):
                raise moved
            if response.status_code == 401 and renewals < max(1, self.retries):
                # The token expired in flight - typically while urllib3 waited to resend a
                # 429/5xx with the same headers: fetch a new one and send again (bounded).
                renewals += 1
                log.debug("rtecap: 401, fetching a new token and retrying (%d)", renewals)
                self._ensure_token(force=True)
                continue
            if response.status_code != 200:
                raise error_from_response(response)
            log.debug("rtecap: GET %s -> 200 (%d bytes)", response.url, len(response.content))
            return response

    def _sleep(self, attempt: int) -> None:
        delay = self.backoff_factor * (2 ** attempt)
        pause(delay * (0.5 + random.random() / 2))


__all__ = ["Answer", "Client", "default_cache_path"]
