"""Fixtures of the market-data tests: the session's emulator (rtecap pytest plugin), a client
with a fresh cache file, the documentation's example answers on disk."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from rtecap import market

PAYLOADS = Path(__file__).parent / "payloads"


@pytest.fixture
def doc_payload() -> Callable[[str], dict]:
    """``doc_payload("fcr_capacity")`` -> the documentation's example answer (a fresh dict)."""

    def load(name: str) -> dict:
        return json.loads((PAYLOADS / f"{name}_doc.json").read_text(encoding="utf-8"))

    return load


@pytest.fixture
def market_client(rte_emulator, tmp_path) -> market.Client:
    """A market client of the session's emulator, with its own cache file."""
    client = market.Client(rte_emulator.market_token, rte_emulator.url,
                           cache=tmp_path / "market.sqlite", backoff_factor=0.01)  # fmt: skip
    yield client
    client.close()
