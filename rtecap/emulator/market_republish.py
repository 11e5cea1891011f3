"""The emulator's "republished value" knob of the market-data routes.

The real API sometimes republishes a value (a corrected price). Set
``server.market_republish = {endpoint: {period start: {field: new value}}}`` and every row of
that endpoint's answer whose period starts at that instant (``hour_start_utc``,
``period_start_utc`` or ``bucket_start_utc``, in any list or single-row object of the answer)
carries the new value -- e.g. ``{"day_ahead_prices": {"2026-04-18T10:00:00+02:00":
{"price_eur_mwh": 42.0}}}``. Empty (the default): the answers are the unchanged synthetic data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

_STARTS = ("hour_start_utc", "period_start_utc", "bucket_start_utc")


def _instant(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(
        str(value).replace("Z", "+00:00"))  # fmt: skip
    if moment.tzinfo is None:
        raise ValueError(f"market_republish: {value!r} needs an offset (Z or +hh:mm)")
    return moment.astimezone(UTC)


def check_republish(value: Mapping[str, Mapping[Any, Mapping[str, Any]]] | None) -> dict:
    """Validate the knob: ``{endpoint: {instant: {field: value}}}`` with aware instants."""
    from rtecap.market.mappings import PATHS

    out: dict[str, dict[datetime, dict[str, Any]]] = {}
    for name, edits in (value or {}).items():
        if name not in PATHS:
            raise ValueError(f"market_republish: unknown endpoint {name!r}")
        out[name] = {_instant(start): dict(fields) for start, fields in edits.items()}
    return out


def _edit(node: Any, edits: Mapping[datetime, Mapping[str, Any]]) -> int:
    if isinstance(node, list):
        return sum(_edit(item, edits) for item in node)
    if not isinstance(node, dict):
        return 0
    count = 0
    start = next((node[k] for k in _STARTS if k in node), None)
    if start is not None and _instant(start) in edits:
        node.update(edits[_instant(start)])
        count += 1
    return count + sum(_edit(v, edits) for v in node.values() if isinstance(v, list | dict))


def republish(body: bytes, name: str, knob: Mapping[str, Mapping[datetime, Any]]) -> bytes:
    """``body`` (an answer of endpoint ``name``) with the knob's values for that endpoint."""
    edits = knob.get(name)
    if not edits:
        return body
    payload = json.loads(body)
    _edit(payload, edits)
    return json.dumps(payload, separators=(",", ":")).encode()
