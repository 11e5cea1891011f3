"""pytest plugin: a local emulator of RTE's API for your tests (registered as ``rtecap``).

Fixtures
--------
``rte_emulator``
    A running :class:`rtecap.emulator.EmulatorServer`, started once per session on a free
    loopback port, with ``today`` fixed to 2026-11-23 and ``seed`` 0 so answers are
    reproducible. Before each test its knobs are put back (``today``, no latency, no faults,
    no rate limit, two-hour tokens, not strict, every client subscribed, EC45_ERR01 for no
    data, default spellings) and its counters zeroed, so a test may change them freely.
    Change the defaults in your ini file with ``rte_emulator_today`` and ``rte_emulator_seed``.
``rte_emulator_factory``
    ``rte_emulator_factory(**settings)`` starts another emulator with any keyword of
    :func:`rtecap.emulator.serve` (defaults as above); each is stopped after the test.

werkzeug is imported only when a fixture runs.

Examples
--------
.. code-block:: python

    def test_capacities(rte_emulator):
        client = rtecap.Client(rte_emulator.client_id, rte_emulator.client_secret,
                               rte_emulator.url, cache=False, today=rte_emulator.today)
        frame = rtecap.get_capacities_per_production_type(client=client)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

#: The emulator's date in the fixtures unless the ini option says otherwise.
DEFAULT_TODAY = "2026-11-23"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ini options ``rte_emulator_today`` and ``rte_emulator_seed``."""
    parser.addini("rte_emulator_today", "date of the rte_emulator fixtures (YYYY-MM-DD)",
                  default=DEFAULT_TODAY)  # fmt: skip
    parser.addini("rte_emulator_seed", "seed of the rte_emulator fixtures", default="0")


def _defaults(config: pytest.Config) -> dict[str, Any]:
    return {
        "today": config.getini("rte_emulator_today") or DEFAULT_TODAY,
        "seed": int(config.getini("rte_emulator_seed") or 0),
    }


@pytest.fixture(scope="session")
def _rte_emulator_session(pytestconfig: pytest.Config) -> Iterator[Any]:
    from rtecap.emulator import serve

    with serve(port=0, **_defaults(pytestconfig)) as server:
        yield server


@pytest.fixture
def rte_emulator(_rte_emulator_session: Any, pytestconfig: pytest.Config) -> Any:
    """The session's emulator, its knobs reset and counters zeroed for this test."""
    server = _rte_emulator_session
    defaults = _defaults(pytestconfig)
    server.today = defaults["today"]
    server.latency_ms, server.fault_rate, server.faults = 0.0, 0.0, None
    server.rate_limit, server.token_lifetime, server.fault_token = None, 7200.0, False
    server.strict, server.unsubscribed, server.no_data_404 = False, (), False
    server.alt_spellings = False
    if hasattr(server, "market_republish"):  # the market-data routes (rtecap.market)
        server.market_republish = None
    server.reseed(defaults["seed"])
    server.reset_counts()
    return server


@pytest.fixture
def rte_emulator_factory(pytestconfig: pytest.Config) -> Iterator[Callable[..., Any]]:
    """Start emulators with custom settings; all are stopped when the test ends."""
    from rtecap.emulator import serve

    started = []

    def factory(**settings: Any) -> Any:
        server = serve(**{"port": 0, **_defaults(pytestconfig), **settings})
        started.append(server)
        return server

    yield factory
    for server in started:
        server.stop()
