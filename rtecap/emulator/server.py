"""Serve :class:`~rtecap.emulator.app.EmulatorApp` with werkzeug on loopback, in a thread."""

from __future__ import annotations

import hmac
import logging
import secrets
import socket
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from rtecap.emulator.app import EmulatorApp
from rtecap.emulator.data import Dataset, as_date, build_dataset
from rtecap.emulator.faults import check_mix
from rtecap.emulator.market_republish import check_republish

logger = logging.getLogger(__name__)
DEFAULT_CLIENT_ID = "rtecap-emulator"


def _handler_class() -> type:
    """A werkzeug request handler speaking HTTP/1.1 (keep-alive), quiet, tracking sockets."""
    from werkzeug.serving import WSGIRequestHandler

    class Handler(WSGIRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def setup(self) -> None:
            super().setup()
            server: Any = self.server
            with server.emulator_lock:
                server.emulator_connections.add(self.connection)

        def finish(self) -> None:
            server: Any = self.server
            with server.emulator_lock:
                server.emulator_connections.discard(self.connection)
            super().finish()

        def log_request(self, code: Any = "-", size: Any = "-") -> None:
            pass

        def log(self, type: str, message: str, *args: Any) -> None:
            logger.debug("%s " + message, self.address_string(), *args)

    return Handler


class EmulatorServer:
    """A running (or ready) emulator of RTE's Generation Installed Capacities API.

    Every knob may change while the server runs; the next request uses the new value.

    Parameters
    ----------
    port : int, default 0
        TCP port on 127.0.0.1; 0 picks a free one.
    latency_ms : float, default 0
        Added to every request.
    fault_rate : float, default 0
        Probability that a resource request is faulted.
    faults : mapping or None
        Fault mix ``{kind: weight}`` (:data:`rtecap.emulator.faults.FAULT_KINDS`);
        None = equal weights of 500, 503, 408, truncate, slow.
    slow_ms : float, default 1000
        Delay of a "slow" fault.
    fault_token : bool, default False
        Let faults hit ``/token/oauth/`` too.
    rate_limit : float or None
        Requests per second allowed per client; None = unlimited.
    token_lifetime : float, default 7200
        Seconds an access token lives (``expires_in``; RTE documents 2 hours).
    today : datetime.date, str or None
        The emulator's clock (None = today's date in Paris, the client's default too).
    strict : bool, default False
        Read dates as the guide writes them, ``±hh:mm`` only: ``Z`` is F06. By default ``Z``
        is accepted too, as the real API accepts it from public clients.
    unsubscribed : iterable of str, default ()
        Client ids whose application is not subscribed to the API: their resource calls get
        403 "forbidden" (guide §5, third and fourth stages). Use ``{server.client_id}``.
    no_data_404 : bool, default False
        Answer "no data" with HTTP 404 (guide §5.2: "no data was found") instead of CPC's
        ``EC45_ERR01``; CPPT and CPPU answers that would be empty get it too.
    alt_spellings : bool, default False
        Serve the other spelling where the guide's field list and its example disagree
        (:mod:`rtecap.emulator.spellings`).
    seed : int, default 0
        Seed of the synthetic data and of the fault draws.
    client_id, client_secret : str or None
        Credentials to accept; by default ``rtecap-emulator`` and a random secret.
    host : str, default "127.0.0.1"
    market_token : str or None
        The Bearer token the market-data routes (:mod:`rtecap.emulator.market`) accept;
        by default a random one, read back as :attr:`market_token`.
    market_republish : mapping or None
        Values the market-data routes serve in place of the synthetic ones, as a republished
        price: ``{endpoint: {period start: {field: value}}}``
        (:mod:`rtecap.emulator.market_republish`); settable while the server runs.

    Attributes
    ----------
    url : str
        ``http://127.0.0.1:PORT`` once started.
    counts : collections.Counter
        Responses served per ``(path, status)``.
    faults_served : collections.Counter
        Faults injected per kind.

    Examples
    --------
    >>> import requests
    >>> with EmulatorServer(today="2026-11-23") as server:
    ...     token = requests.post(server.url + "/token/oauth/",
    ...                           auth=(server.client_id, server.client_secret),
    ...                           data={"grant_type": "client_credentials"}).json()
    >>> token["token_type"]
    'Bearer'
    """

    def __init__(
        self,
        port: int = 0,
        *,
        latency_ms: float = 0.0,
        fault_rate: float = 0.0,
        faults: Mapping[str, float] | None = None,
        slow_ms: float = 1000.0,
        fault_token: bool = False,
        rate_limit: float | None = None,
        token_lifetime: float = 7200.0,
        today: date | str | None = None,
        seed: int = 0,
        strict: bool = False,
        unsubscribed: Iterable[str] = (),
        no_data_404: bool = False,
        alt_spellings: bool = False,
        client_id: str | None = None,
        client_secret: str | None = None,
        host: str = "127.0.0.1",
        market_token: str | None = None,
        market_republish: Mapping[str, Mapping[Any, Mapping[str, Any]]] | None = None,
    ):
        self.host, self.port = host, port
        self.latency_ms, self.slow_ms, self.fault_token = latency_ms, slow_ms, fault_token
        self.fault_rate, self.faults, self.rate_limit = fault_rate, faults, rate_limit
        self.token_lifetime = token_lifetime
        self.strict, self.no_data_404, self.alt_spellings = strict, no_data_404, alt_spellings
        self.unsubscribed = unsubscribed
        self.today = today
        self.seed = seed
        self.client_id = client_id or DEFAULT_CLIENT_ID
        self.__secret = client_secret or secrets.token_urlsafe(24)
        self.market_token = market_token or secrets.token_urlsafe(24)
        self.market_republish = market_republish
        self.app = EmulatorApp(self, seed)
        self._server: Any = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ knobs
    @property
    def client_secret(self) -> str:
        """The secret to send with :attr:`client_id` (never shown in the repr)."""
        return self.__secret

    def _secret_matches(self, secret: str) -> bool:
        return hmac.compare_digest(secret.encode(), self.__secret.encode())

    @property
    def market_token(self) -> str:
        """The Bearer token the market-data routes accept (never shown in the repr); set
        another one to revoke the old (see :mod:`rtecap.emulator.market`)."""
        return self.__market_token

    @market_token.setter
    def market_token(self, value: str) -> None:
        if not value:
            raise ValueError("market_token must be a non-empty string")
        self.__market_token = str(value)

    def _market_token_matches(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.__market_token.encode())

    @property
    def market_republish(self) -> dict:
        """Republished market values ``{endpoint: {instant (UTC): {field: value}}}``; set a
        mapping with ISO times (any offset) or aware datetimes, or None."""
        return self._market_republish

    @market_republish.setter
    def market_republish(self, value: Mapping[str, Mapping[Any, Mapping[str, Any]]] | None):
        self._market_republish = check_republish(value)

    @property
    def unsubscribed(self) -> frozenset[str]:
        """Client ids answered 403 on resources (not subscribed); set any iterable."""
        return self._unsubscribed

    @unsubscribed.setter
    def unsubscribed(self, value: Iterable[str]) -> None:
        if isinstance(value, str):
            value = (value,)
        self._unsubscribed = frozenset(value)

    @property
    def today(self) -> date:
        """The emulator's clock; set a date or ``YYYY-MM-DD`` (None = today in Paris)."""
        return self._today

    @today.setter
    def today(self, value: date | str | None) -> None:
        self._today = as_date(value)

    @property
    def fault_rate(self) -> float:
        """Probability in [0, 1] that a resource request is faulted."""
        return self._fault_rate

    @fault_rate.setter
    def fault_rate(self, value: float) -> None:
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"fault_rate must be in [0, 1], not {value}")
        self._fault_rate = float(value)

    @property
    def faults(self) -> dict[str, float]:
        """The fault mix ``{kind: weight}``; set None for the default mix."""
        return self._faults

    @faults.setter
    def faults(self, value: Mapping[str, float] | None) -> None:
        self._faults = check_mix(value)

    @property
    def rate_limit(self) -> float | None:
        """Requests per second allowed per client, or None."""
        return self._rate_limit

    @rate_limit.setter
    def rate_limit(self, value: float | None) -> None:
        if value is not None and not value > 0:
            raise ValueError(f"rate_limit must be > 0 or None, not {value}")
        self._rate_limit = None if value is None else float(value)

    @property
    def dataset(self) -> Dataset:
        """The data served now (depends on :attr:`today` and :attr:`seed`)."""
        return build_dataset(self._today, self.seed)

    # ------------------------------------------------------------------ counters
    @property
    def counts(self) -> Counter:
        """Responses served per ``(path, status)``."""
        return self.app.counts

    @property
    def faults_served(self) -> Counter:
        """Faults injected per kind."""
        return self.app.faults_served

    @property
    def requests_total(self) -> int:
        """Number of responses served since start or the last :meth:`reset_counts`."""
        return sum(self.app.counts.values())

    def reset_counts(self) -> None:
        """Zero :attr:`counts` and :attr:`faults_served`."""
        self.app.reset_counts()

    def reseed(self, seed: int | None = None) -> None:
        """Restart the fault draws from ``seed`` (default: the server's seed)."""
        self.app.injector.reseed(self.seed if seed is None else seed)

    # ------------------------------------------------------------------ life cycle
    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:8765``."""
        return f"http://{self.host}:{self.port}"

    @property
    def token_url(self) -> str:
        """The OAuth2 token endpoint."""
        return self.url + "/token/oauth/"

    def start(self) -> EmulatorServer:
        """Bind the port, build today's CPPT and CPPU data, and serve in a daemon thread."""
        from werkzeug.serving import make_server

        if self._server is not None:
            return self
        dataset = self.dataset
        dataset.cppt, dataset.stations  # noqa: B018 - build before the first request
        server: Any = make_server(self.host, self.port, self.app, threaded=True,
                             request_handler=_handler_class())  # fmt: skip
        server.emulator_connections = set()
        server.emulator_lock = threading.Lock()
        self._server, self.port = server, server.server_port
        self._thread = threading.Thread(target=server.serve_forever, name="rtecap-emulator",
                                        daemon=True)  # fmt: skip
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close kept-alive connections and free the port."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        with server.emulator_lock:
            connections = list(server.emulator_connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self._server is not None else "stopped"
        return (f"<EmulatorServer {self.url} {state} today={self._today.isoformat()} "
                f"seed={self.seed} client_id={self.client_id!r}>")  # fmt: skip


def serve(port: int = 0, **settings: Any) -> EmulatorServer:
    """Start an emulator on 127.0.0.1 and return it; use it as a context manager.

    Parameters
    ----------
    port : int, default 0
        0 picks a free port.
    **settings
        Any keyword of :class:`EmulatorServer` (``latency_ms``, ``fault_rate``, ``faults``,
        ``rate_limit``, ``token_lifetime``, ``today``, ``seed``, ...).

    Returns
    -------
    EmulatorServer
        Already serving; leaving the ``with`` block stops it.

    Examples
    --------
    >>> with serve(port=0, today="2026-11-23") as server:
    ...     server.url.startswith("http://127.0.0.1:")
    True
    """
    return EmulatorServer(port, **settings).start()
