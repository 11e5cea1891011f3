"""The endpoint entries: complete, matching the documentation's paths and the loaders."""

from __future__ import annotations

import importlib

import pytest

from rtecap import market
from rtecap.exceptions import RteValidationError
from rtecap.market._endpoints import ENDPOINTS, endpoint

DOC_PATHS = {"/api/day-ahead-prices", "/api/fcr-capacity", "/api/afrr-capacity",
             "/api/mfrr-capacity", "/api/balancing-capacity", "/api/afrr-energy",
             "/api/mfrr-energy", "/api/balancing-energy"}  # fmt: skip


def test_eight_endpoints_at_the_documentations_paths():
    assert {e.path for e in ENDPOINTS.values()} == DOC_PATHS


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_entry_is_complete_and_its_loaders_exist(name):
    entry = ENDPOINTS[name]
    assert entry.title and entry.source and entry.cache_seconds > 0 and entry.dims[0] == "time"
    module, _, function = entry.loader.partition(":")
    get = getattr(importlib.import_module(module), function)
    assert (get, getattr(market, f"read_{name}")) == market.LOADERS[name]
    module, _, function = entry.parser.partition(":")
    assert callable(getattr(importlib.import_module(module), function))
    assert endpoint(entry.path) is entry and endpoint(name.replace("_", "-")) is entry


def test_unknown_endpoint_names_the_known_ones():
    with pytest.raises(RteValidationError, match="day_ahead_prices"):
        endpoint("/api/intraday-prices")


def test_the_registry_lists_the_market_entries_apart():
    from rtecap import registry

    assert registry.market_endpoints() is ENDPOINTS
    assert {e.api for e in ENDPOINTS.values()} == {registry.MARKET}
    # the capacity layers' resources are unchanged: a market name is not one of them
    assert registry.find("day_ahead_prices") is None
    assert registry.MARKET not in {r.api for r in registry.resources()}
