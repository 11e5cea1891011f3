"""Shared fixtures: hand-written payloads on disk (tests/payloads)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

PAYLOADS = Path(__file__).parent / "payloads"


@pytest.fixture
def payload_path() -> Callable[[str], Path]:
    """``payload_path("cpc_guide.json")`` -> the path of that payload (it must exist)."""

    def _path(name: str) -> Path:
        path = PAYLOADS / name
        assert path.is_file(), f"no payload {path}"
        return path

    return _path


@pytest.fixture
def payload(payload_path) -> Callable[[str], dict]:
    """``payload("cpc_guide.json")`` -> the decoded payload (a fresh dict each call)."""
    return lambda name: json.loads(payload_path(name).read_text(encoding="utf-8-sig"))
