"""Fixtures of the emulator's tests (the emulator itself comes from the rtecap pytest plugin)."""

from __future__ import annotations

import pytest
from emulator_helpers import Api


@pytest.fixture
def api(rte_emulator) -> Api:
    """A token-holding client of the session's emulator."""
    return Api(rte_emulator)
