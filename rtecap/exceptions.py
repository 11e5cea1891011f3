"""Exceptions raised by rtecap.

``RteError`` is the base of all of them. Input that breaks one of the guide's rules raises
:class:`RteValidationError` (a :class:`ValueError`) *before* any HTTP call, with the code the
server itself would answer (``GENINSCAP_CPPT_F03`` ...). An error answer of the API becomes an
:class:`RteApiError` subclass that keeps the HTTP status, the code, the message and the
transaction id. No exception text ever holds a secret or a token.
"""

from __future__ import annotations

from rtecap.mappings import NO_DATA_CODE


class RteError(Exception):
    """Base class of every error raised by rtecap."""


class RteValidationError(RteError, ValueError):
    """A parameter breaks one of the guide's input rules.

    Attributes
    ----------
    code : str or None
        The API's code (``GENINSCAP_CPPT_F01`` ... ``F06``), or None for rules the guide gives
        no code for (unknown enum value, date before the first date with data).
    message : str
        The guide's message, or rtecap's own when the guide has none.
    parameter : str or None
        The offending parameter.
    """

    def __init__(self, message: str, *, code: str | None = None, parameter: str | None = None):
        self.code = code
        self.message = message
        self.parameter = parameter
        super().__init__(f"{code}: {message}" if code else message)


class CredentialsError(RteError):
    """No client id / client secret was given nor found in the environment."""


class OfflineCacheMissError(RteError):
    """``offline=True`` and the request is not in the cache; ``url`` names it."""

    def __init__(self, message: str, *, url: str | None = None):
        self.url = url
        super().__init__(message)


class RteApiError(RteError):
    """The API answered with an error.

    Attributes
    ----------
    status : int or None
        HTTP status code.
    code : str or None
        The ``error`` field of the guide's JSON envelope (``GENINSCAP_CCPC_F04`` ...).
    message : str
        The ``error_description`` field, or the HTTP reason.
    transaction_id : str or None
        ``error_details.transaction_id``: quote it to RTE's support.
    url : str or None
        The URL called (never with credentials: they travel in headers).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        transaction_id: str | None = None,
        url: str | None = None,
    ):
        self.status = status
        self.code = code
        self.message = message
        self.transaction_id = transaction_id
        self.url = url
        head = " ".join(str(x) for x in (status, code) if x)
        tail = f" (transaction_id={transaction_id})" if transaction_id else ""
        super().__init__(f"{head}: {message}{tail}" if head else f"{message}{tail}")


class FunctionalError(RteApiError, ValueError):
    """HTTP 400 with a GENINSCAP functional code (guide §5.1)."""


class NoDataError(RteApiError):
    """Nothing at all matches the request: ``EC45_ERR01`` (CCPC-RG09), or a 404 whose body says
    no data was found (guide §5.2)."""


class AuthenticationError(RteApiError):
    """HTTP 401: credentials refused or token missing, invalid or expired."""


class ForbiddenError(RteApiError):
    """HTTP 403: the application is not subscribed to the API."""


class NotFoundError(RteApiError):
    """HTTP 404: the resource does not exist."""


class UriTooLongError(RteApiError):
    """HTTP 414: the request URI is longer than 512 characters."""


class RateLimitError(RteApiError):
    """A quota that outlasted the retries: HTTP 429 (too many calls in a period) or 509 (the
    total number of requests reached its limit); ``retry_after`` is the server's advice in
    seconds, when it gave one."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs):
        self.retry_after = retry_after
        super().__init__(message, **kwargs)


class ServerError(RteApiError):
    """HTTP 5xx (500, 502, 503, 504) or 408 that outlasted the retries."""


class ConnectionFailedError(RteApiError, ConnectionError):
    """No connection to the host: refused, unknown host, or no answer to the connect.

    Not retried (the server is not there) and not a chunk's fault: a load stops at the
    first one, naming the host.
    """


class ApiTimeoutError(RteApiError, TimeoutError):
    """The server took longer than the client's read timeout to answer; ``timeout`` holds it."""

    def __init__(self, message: str, *, timeout: float | None = None, **kwargs):
        self.timeout = timeout
        super().__init__(message, **kwargs)


class ResponseError(RteApiError):
    """A 200 answer whose body is cut short or is not the JSON the guide describes."""


#: HTTP status -> exception class, for statuses without a functional code.
STATUS_ERRORS: dict[int, type[RteApiError]] = {
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    408: ServerError,
    414: UriTooLongError,
    429: RateLimitError,
    500: ServerError,
    502: ServerError,
    503: ServerError,
    504: ServerError,
    509: RateLimitError,
}
#: Words of a 404 body that mean "no data was found" rather than "no such resource" (§5.2).
_NO_DATA_WORDS = ("no data", "no_data", "nodata")


def error_from_response(response) -> RteApiError:
    """Map an error answer of the API to its typed exception.

    Parameters
    ----------
    response : requests.Response
        An answer whose status is not 200; its body may hold the guide's JSON envelope
        (``error`` -- or ``error_code``, as §5.2 words the 500 --, ``error_description``,
        ``error_details.transaction_id``).

    Returns
    -------
    RteApiError
        :class:`NoDataError` for ``EC45_ERR01`` and for a 404 whose body says no data was
        found, :class:`FunctionalError` for other 400s, :class:`RateLimitError` (with
        ``retry_after`` from the header) for 429 and 509, else the class of ``STATUS_ERRORS``;
        status, code, message, transaction id and URL are kept.
    """
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    code = body.get("error") or body.get("error_code")
    message = body.get("error_description") or response.reason or f"HTTP {status}"
    details = body.get("error_details") or {}
    transaction_id = details.get("transaction_id") if isinstance(details, dict) else None
    kwargs = {"status": status, "code": code, "transaction_id": transaction_id,
              "url": response.url}
    if code == NO_DATA_CODE or (status == 404 and _says_no_data(code, message)):
        return NoDataError(message, **kwargs)
    if status == 400:
        return FunctionalError(message, **kwargs)
    if status in (429, 509):
        retry_after = response.headers.get("Retry-After")
        try:
            seconds = float(retry_after) if retry_after is not None else None
        except ValueError:
            seconds = None
        return RateLimitError(message, retry_after=seconds, **kwargs)
    cls = STATUS_ERRORS.get(status) or (RteApiError if status < 500 else STATUS_ERRORS[500])
    return cls(message, **kwargs)


def _says_no_data(*texts) -> bool:
    return any(word in str(text).lower() for text in texts if text for word in _NO_DATA_WORDS)
