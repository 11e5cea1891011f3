"""The HTTP session of :class:`rtecap.Client` and its cache, built and read here.

The session: requests with requests-cache's SQLite cache (GET answers of status 200 only, the
token never a part of a key, :func:`rtecap._http.cache_key`), the client's bearer token,
:class:`rtecap._limits.GuardedAdapter` (size and time limits, retries) for http and https, the
proxies and CA bundle of the environment read once (``HTTPS_PROXY``/``NO_PROXY``,
``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE``, as requests reads them; loopback is never proxied).
:func:`stored` reads an answer from the cache directly (no token, no request machinery).

The cache is SQLite (the user cache dir by default). The ``Authorization`` header is redacted
from stored requests and the token call (a POST) is never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import requests
from urllib3.util import Retry

from rtecap._http import BearerAuth, cache_key, read_environment, redact_oauth_logs
from rtecap._limits import GuardedAdapter


def build_session(*, cache_path: Path | None, token: Callable[[], str | None], retry: Retry,
                  limits: tuple[int, float], base_url: str, user_agent: str
                  ) -> requests.Session:
    """The session of a client: cached at ``cache_path`` (None: no cache), authenticated by
    ``token()``, ``retry`` and ``limits`` (max bytes, deadline) on every request."""
    redact_oauth_logs()
    session: requests.Session
    if cache_path is not None:
        from requests_cache import CacheMixin

        class CachedSession(CacheMixin, requests.Session):
            """A requests session with requests-cache's disk cache."""

        cache_path.parent.mkdir(parents=True, exist_ok=True)
        session = CachedSession(
            cache_name=str(cache_path),
            backend="sqlite",
            allowable_methods=("GET",),
            allowable_codes=(200,),
            ignored_parameters=("Authorization", "access_token"),
            key_fn=cache_key,
            expire_after=86_400,
            stale_if_error=False,
        )
    else:
        session = requests.Session()
    session.auth = BearerAuth(token)
    adapter = GuardedAdapter(max_retries=retry, pool_maxsize=16, max_bytes=limits[0],
                             deadline=limits[1])
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    read_environment(session, base_url)
    session.headers["User-Agent"] = user_agent
    session.headers["Accept"] = "application/json"
    return session


def stored(session: requests.Session, url: str, *, offline: bool) -> bytes | None:
    """The body ``session``'s cache holds for a GET of ``url``, or None.

    Online, an expired entry is a miss; offline, any stored answer is replayed, however old:
    offline replay is for reproducing a past analysis.
    """
    cache = session.cache  # type: ignore[attr-defined]  # a CacheMixin session
    request = requests.PreparedRequest()  # the key needs the method and the URL only
    request.prepare_method("GET")
    request.prepare_url(url, None)
    response = cache.get_response(cache.create_key(request))
    if response is None or (response.is_expired and not offline):
        return None
    return response.content
