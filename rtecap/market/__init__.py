"""The market-data API: French day-ahead prices and FCR / aFRR / mFRR balancing data.

Eight GET endpoints (``/api/day-ahead-prices``, ``/api/fcr-capacity``, ``/api/afrr-capacity``,
``/api/mfrr-capacity``, ``/api/balancing-capacity``, ``/api/afrr-energy``,
``/api/mfrr-energy``, ``/api/balancing-energy``), each with a ``get_*`` loader and a
``read_*`` twin for a saved answer, on the frame contract of the RTE loaders. Authentication:
a Bearer token (``token=`` or ``RTECAP_MARKET_TOKEN``); the dashboard's cookie session is a
browser login and is not supported.

Examples
--------
>>> from rtecap import market
>>> from rtecap.emulator import serve
>>> with serve(today="2026-04-20") as server:
...     client = market.Client(server.market_token, server.url, cache=False)
...     prices = market.get_day_ahead_prices(client=client)
>>> prices.rte.day_counts()["expected"].value_counts().to_dict()
{96: 28, 92: 1}
"""

from rtecap.market.archive import (
    ArchiveBusyError,
    ArchiveError,
    CollectError,
    CollectSummary,
    collect,
)
from rtecap.market.archive_check import archive_gaps, archive_report
from rtecap.market.archive_load import load_archive, load_revisions
from rtecap.market.client import Answer, Client, MarketAuthError
from rtecap.market.loaders import (
    LOADERS,
    get_afrr_capacity,
    get_afrr_energy,
    get_balancing_capacity,
    get_balancing_energy,
    get_day_ahead_prices,
    get_fcr_capacity,
    get_mfrr_capacity,
    get_mfrr_energy,
    read_afrr_capacity,
    read_afrr_energy,
    read_balancing_capacity,
    read_balancing_energy,
    read_day_ahead_prices,
    read_fcr_capacity,
    read_mfrr_capacity,
    read_mfrr_energy,
)
from rtecap.market.quality import day_counts, gaps, periods_per_day
from rtecap.market.results import BalancingEnergy, EnergyResult

__all__ = [
    "LOADERS",
    "Answer",
    "ArchiveBusyError",
    "ArchiveError",
    "BalancingEnergy",
    "Client",
    "CollectError",
    "CollectSummary",
    "EnergyResult",
    "MarketAuthError",
    "archive_gaps",
    "archive_report",
    "collect",
    "day_counts",
    "gaps",
    "get_afrr_capacity",
    "get_afrr_energy",
    "get_balancing_capacity",
    "get_balancing_energy",
    "get_day_ahead_prices",
    "get_fcr_capacity",
    "get_mfrr_capacity",
    "get_mfrr_energy",
    "load_archive",
    "load_revisions",
    "periods_per_day",
    "read_afrr_capacity",
    "read_afrr_energy",
    "read_balancing_capacity",
    "read_balancing_energy",
    "read_day_ahead_prices",
    "read_fcr_capacity",
    "read_mfrr_capacity",
    "read_mfrr_energy",
]
