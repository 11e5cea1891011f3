"""A dead or slow server fails a load at once; Ctrl-C stops it. Counted in attempts, not time."""

from __future__ import annotations

import _thread
import socket
import threading
from collections import Counter

import pytest
import urllib3.connection
import urllib3.util.connection

import rtecap
from rtecap import mappings as m
from rtecap.emulator import serve
from rtecap.exceptions import (
    ApiTimeoutError,
    AuthenticationError,
    ConnectionFailedError,
)

TODAY = "2026-11-23"


@pytest.fixture
def attempts(monkeypatch) -> Counter:
    """Count what reaches the wire: ``connect`` per connection opened, (method, path) per
    request sent (every urllib3 retry included)."""
    seen: Counter = Counter()
    lock = threading.Lock()
    connect = urllib3.util.connection.create_connection
    request = urllib3.connection.HTTPConnection.request

    def counting_connect(*args, **kwargs):
        with lock:
            seen["connect"] += 1
        return connect(*args, **kwargs)

    def counting_request(self, method, url, *args, **kwargs):
        with lock:
            seen[(method, url.split("?")[0].rsplit("/", 1)[-1] or "token")] += 1
        return request(self, method, url, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", counting_connect)
    monkeypatch.setattr(urllib3.connection.HTTPConnection, "request", counting_request)
    return seen


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_connection_refused_fails_the_whole_load_at_once(attempts):
    client = rtecap.Client("id", "secret", f"http://127.0.0.1:{free_port()}", cache=False)
    with pytest.raises(ConnectionFailedError, match="connection refused"):
        rtecap.get_capacities_per_production_unit("1935-01-01", "2026-01-01", client=client,
                                                  max_workers=4, progress=False)
    # one connection attempt for the 91-call load: the token request, tried once, shared
    assert attempts["connect"] == 1


def test_unknown_host_fails_at_once(attempts, monkeypatch):
    def no_such_host(address, *args, **kwargs):
        attempts["connect"] += 1
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", no_such_host)
    client = rtecap.Client("id", "secret", "https://rte.invalid", cache=False)
    with pytest.raises(ConnectionFailedError, match="unknown host") as info:
        rtecap.get_capacities_per_production_type("2015-01-01", "2025-01-01", client=client,
                                                  progress=False)
    assert attempts["connect"] == 1 and "rte.invalid" in str(info.value)


def test_refused_connection_after_the_token_stops_every_worker(attempts):
    with serve(today=TODAY) as srv:
        client = rtecap.Client(srv.client_id, srv.client_secret, srv.url, cache=False,
                               today=TODAY)
        client.get_json(m.CPPT)  # a token and a connection in the pool
    # server gone: the pooled connection is dead, new connections are refused
    attempts.clear()
    with pytest.raises(ConnectionFailedError):
        rtecap.get_capacities_per_production_unit("1935-01-01", "2026-01-01", client=client,
                                                  max_workers=4, progress=False)
    assert attempts["connect"] <= 4  # at most one per worker, not one per call (91)


def test_read_timeout_names_the_timeout_and_is_not_retried_twice(attempts):
    with serve(today=TODAY, fault_rate=1, faults={"slow": 1}, slow_ms=1500) as srv:
        client = rtecap.Client(srv.client_id, srv.client_secret, srv.url, cache=False,
                               today=TODAY, timeout=(2, 0.3), retries=1, backoff_factor=0.01)
        with pytest.raises(ApiTimeoutError) as info:  # raised as itself, with a note
            rtecap.get_capacities_per_production_type("2015-01-01", "2016-01-01",
                                                      client=client, progress=False)
    assert info.value.timeout == 0.3
    assert "timed out after 0.3 s" in str(info.value)
    assert "call 1/1" in info.value.__notes__[0]
    assert attempts[("GET", m.CPPT)] == 2  # the first attempt and one retry, no second layer


def test_token_refused_once_for_all_workers(attempts):
    with serve(today=TODAY) as srv:
        client = rtecap.Client(srv.client_id, "wrong", srv.url, cache=False, today=TODAY)
        with pytest.raises(AuthenticationError):
            rtecap.get_capacities_per_production_unit("1935-01-01", "2026-01-01",
                                                      client=client, max_workers=4,
                                                      progress=False)
    assert attempts[("POST", "token")] == 1 and attempts[("GET", m.CPPU)] == 0


class InterruptingClient(rtecap.Client):
    """Presses Ctrl-C (interrupts the main thread) when the n-th call starts."""

    def __init__(self, *args, press_at: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.press_at, self.started, self._count_lock = press_at, 0, threading.Lock()

    def get_answer(self, resource, params=None, **options):
        with self._count_lock:
            self.started += 1
            if self.started == self.press_at:
                _thread.interrupt_main()
        return super().get_answer(resource, params, **options)


def test_ctrl_c_stops_a_load_promptly_and_keeps_the_cache(tmp_path, attempts):
    cache = tmp_path / "cache.sqlite"
    with serve(today=TODAY, latency_ms=30) as srv:
        client = InterruptingClient(srv.client_id, srv.client_secret, srv.url, cache=cache,
                                    today=TODAY, press_at=5)
        with pytest.raises(KeyboardInterrupt):
            rtecap.get_capacities_per_production_unit("1935-01-01", "2026-01-01",
                                                      client=client, max_workers=2,
                                                      progress=False)
        started = client.started
        client.close()
        # the calls in flight end on their own; none starts after the interrupt
        assert started < 12, started
        fetched = attempts[("GET", m.CPPU)]
        again = rtecap.Client(srv.client_id, srv.client_secret, srv.url, cache=cache,
                              today=TODAY)
        df = rtecap.get_capacities_per_production_unit("1935-01-01", "2026-01-01",
                                                       client=again, progress=False)
    # the answers received before Ctrl-C came from the cache the second time
    assert df.attrs["rtecap"]["calls"] == 91
    assert df.attrs["rtecap"]["cached_calls"] >= 4
    assert attempts[("GET", m.CPPU)] - fetched == 91 - df.attrs["rtecap"]["cached_calls"]


def test_no_tqdm_warning_in_jupyter_without_ipywidgets(monkeypatch, recwarn):
    """In a Jupyter kernel without ipywidgets the text bar is used, without a warning."""
    import sys
    import types
    import warnings

    import IPython

    from rtecap import fetch

    class ZMQInteractiveShell:  # what get_ipython() returns in a Jupyter kernel
        config = {"IPKernelApp": {}}

    monkeypatch.setattr(IPython, "get_ipython", ZMQInteractiveShell, raising=False)
    monkeypatch.setitem(sys.modules, "ipykernel.zmqshell", types.ModuleType("zmqshell"))
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # not installed
    for name in ("tqdm.auto", "tqdm.autonotebook", "tqdm.notebook"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.delenv("TQDM_DISABLE", raising=False)

    class Answers:
        sandbox = False

        def get_answer(self, resource, params, **options):
            return {resource: []}, False

    calls = [fetch.Call(None, None, {}), fetch.Call(None, None, {})]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        answers, _ = fetch.run(Answers(), m.CPPT, calls, max_workers=1, progress=True)
    assert answers == [{m.CPPT: []}, {m.CPPT: []}]
    assert not [w for w in recwarn if "IProgress" in str(w.message)], [
        str(w.message) for w in recwarn]


def test_no_progress_bar_before_a_load_fails_at_once(monkeypatch, capsys):
    """Found: a 0/91 bar was drawn, then the load failed for want of credentials."""
    from rtecap.exceptions import CredentialsError

    monkeypatch.delenv("TQDM_DISABLE", raising=False)
    monkeypatch.delenv("RTE_CLIENT_ID", raising=False)
    monkeypatch.delenv("RTE_CLIENT_SECRET", raising=False)
    client = rtecap.Client(base_url=f"http://127.0.0.1:{free_port()}", cache=False)
    with pytest.raises(CredentialsError):
        rtecap.get_capacities_per_production_unit("1935-01-01", "2026-01-01", client=client,
                                                  progress=True)
    assert "/91" not in capsys.readouterr().err
