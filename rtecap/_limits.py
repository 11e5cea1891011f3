"""The session's transport adapter: what every request and every answer must respect.

* Plain ``http://`` only to loopback, checked on every request the session sends -- the first
  one and each redirect (the client's ``base_url`` check alone would let a redirect through).
* An answer body is read in pieces as they arrive, counted after decompression: past
  ``max_bytes`` the connection is closed and :class:`~rtecap.exceptions.ResponseTooLargeError`
  raised; a body not complete ``deadline`` seconds after its headers arrived (a server that
  trickles bytes, each piece within the read timeout) raises
  :class:`~rtecap.exceptions.ApiTimeoutError`. Nothing is held beyond ``max_bytes``.

TLS verification is never turned off here: ``verify`` is passed on as requests gives it.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from rtecap._http import is_loopback
from rtecap.exceptions import (
    ApiTimeoutError,
    InsecureTransportError,
    ResponseTooLargeError,
    RteApiError,
)

#: Default cap on one answer: far above any answer of the APIs (the largest, a CPC answer for
#: every department over its longest period, is a few MB), far below what hurts a laptop.
MAX_BYTES = 64 * 1024 * 1024
#: Default seconds for a whole body to arrive once its headers did.
DEADLINE = 300.0
_PIECE = 256 * 1024


def refuse_plain_http(url: str) -> None:
    """Raise :class:`~rtecap.exceptions.InsecureTransportError` (a ``ValueError``) for a plain
    ``http://`` URL whose host is not loopback.

    Examples
    --------
    >>> refuse_plain_http("http://127.0.0.1:8000/token/oauth/")
    >>> refuse_plain_http("http://example.org/x")
    Traceback (most recent call last):
    ...
    rtecap.exceptions.InsecureTransportError: refusing plain http:// to example.org: credentials and tokens would travel in clear; use https:// (plain http is allowed on loopback only)
    """  # noqa: E501
    parts = urlsplit(url)
    if parts.scheme.lower() == "http" and not is_loopback(parts.hostname):
        raise InsecureTransportError(
            f"refusing plain http:// to {parts.hostname}: credentials and tokens would travel "
            "in clear; use https:// (plain http is allowed on loopback only)"
        )


class GuardedAdapter(HTTPAdapter):
    """requests' adapter with rtecap's rules: loopback-only plain http, bounded answers.

    Parameters
    ----------
    max_bytes : int
        Largest body accepted (decompressed).
    deadline : float
        Seconds for the body to arrive once the headers did.
    **kwargs
        Passed to :class:`requests.adapters.HTTPAdapter` (``max_retries``, ``pool_maxsize``).
    """

    def __init__(self, *, max_bytes: int = MAX_BYTES, deadline: float = DEADLINE, **kwargs):
        self.max_bytes, self.deadline = int(max_bytes), float(deadline)
        super().__init__(**kwargs)

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        refuse_plain_http(request.url)
        response = super().send(request, stream=True, timeout=timeout, verify=verify,
                                cert=cert, proxies=proxies)
        if not stream:
            self._read_body(response)
        return response

    def _read_body(self, response: requests.Response) -> None:
        where = f"{request_line(response)}"
        announced = response.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > self.max_bytes:
            response.close()
            raise ResponseTooLargeError(
                f"{where}: the answer announces {int(announced):,} bytes, more than the "
                f"{self.max_bytes:,} bytes accepted (Client(max_bytes=...))", url=response.url)
        pieces, size = [], 0
        stop = time.monotonic() + self.deadline
        raw = response.raw
        try:
            while piece := raw.read1(_PIECE, decode_content=True):
                size += len(piece)
                if size > self.max_bytes:
                    raise ResponseTooLargeError(
                        f"{where}: the answer is larger than the {self.max_bytes:,} bytes "
                        "accepted (Client(max_bytes=...)); cut off", url=response.url)
                if time.monotonic() > stop:
                    raise ApiTimeoutError(
                        f"{where}: the answer was not complete {self.deadline:g} s after it "
                        f"started ({size:,} bytes received; Client(deadline=...)); cut off",
                        timeout=self.deadline, url=response.url)
                pieces.append(piece)
        except (ResponseTooLargeError, ApiTimeoutError):
            response.close()
            raise
        except Exception as exc:  # urllib3's errors, as requests maps them in iter_content
            response.close()
            raise _mapped(exc) from exc
        response._content = b"".join(pieces)
        response._content_consumed = True
        raw.release_conn()


def redirected_away(url: str, response: requests.Response) -> RteApiError | None:
    """The error for an answer that came, after redirects, from another scheme, host or port.

    requests drops the ``Authorization`` header there, so that host's refusal (a 401) says
    nothing about the credentials: the error says where the call went instead.

    Returns
    -------
    RteApiError or None
        None when the call was not redirected away.
    """
    first, last = urlsplit(url), urlsplit(response.url)
    if not response.history or (first.scheme, first.netloc) == (last.scheme, last.netloc):
        return None
    return RteApiError(f"GET {url} was redirected to {last.netloc}, another host, which "
                       f"answered {response.status_code}: rtecap sends credentials to "
                       f"{first.netloc} only", status=response.status_code, url=url)


def request_line(response: requests.Response) -> str:
    """``GET host/path`` of an answer, for messages (no query: it is in the error's url)."""
    parts = urlsplit(response.url or "")
    method = response.request.method if response.request is not None else "GET"
    return f"{method} {parts.netloc}{parts.path}"


def _mapped(exc: Exception) -> Exception:
    from urllib3.exceptions import DecodeError, ProtocolError, ReadTimeoutError, SSLError

    if isinstance(exc, ProtocolError):
        return requests.exceptions.ChunkedEncodingError(exc)
    if isinstance(exc, DecodeError):
        return requests.exceptions.ContentDecodingError(exc)
    if isinstance(exc, ReadTimeoutError):
        return requests.exceptions.ConnectionError(exc)
    if isinstance(exc, SSLError):
        return requests.exceptions.SSLError(exc)
    return exc
