"""The result objects of the energy endpoints: several row sets, one frame per resolution."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd


class EnergyResult(Mapping[str, pd.DataFrame]):
    """The answer of ``/api/afrr-energy`` or ``/api/mfrr-energy``: one frame per row set.

    The answer mixes resolutions, so each row set has its own frame (never mixed in one):

    ``rows``
        ``recentRows``: aFRR 4-second rows of the latest delivery day (21,600 on a 24-hour
        day); mFRR 15-minute rows (96 per 24-hour day) with the upward and downward price.
    ``chart``
        ``chartRows``: aFRR 5-minute buckets (index ``bucket_start``); mFRR 15-minute rows.
    ``latest``
        aFRR ``latestRow`` (one row, the columns of ``rows``); mFRR ``latestUpwardRow`` and
        ``latestDownwardRow`` (two rows told apart by ``direction``, with clearing and
        settlement prices and volumes).

    A result reads like a dict (``result["rows"]``, ``list(result)``) and by attribute
    (``result.rows``); :attr:`meta` holds the answer's metadata (also in each frame's
    ``attrs["rtecap"]``).
    """

    def __init__(self, endpoint: str, frames: Mapping[str, pd.DataFrame], meta: Mapping[str, Any]):
        self.endpoint = endpoint
        self._frames = dict(frames)
        self.meta = dict(meta)

    def __getitem__(self, key: str) -> pd.DataFrame:
        return self._frames[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    @property
    def rows(self) -> pd.DataFrame:
        """The ``recentRows`` frame (aFRR: 4-second; mFRR: 15-minute)."""
        return self._frames["rows"]

    @property
    def chart(self) -> pd.DataFrame:
        """The ``chartRows`` frame (aFRR: 5-minute buckets; mFRR: 15-minute)."""
        return self._frames["chart"]

    @property
    def latest(self) -> pd.DataFrame:
        """The latest row(s) (aFRR: ``latestRow``; mFRR: latest UP and DOWN rows)."""
        return self._frames["latest"]

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)} rows" for k, v in self._frames.items())
        return f"<EnergyResult {self.endpoint}: {sizes}>"


class BalancingEnergy(Mapping[str, EnergyResult]):
    """The answer of ``/api/balancing-energy``: ``afrr`` and ``mfrr`` :class:`EnergyResult`.

    ``meta`` holds the aggregate's own ``latest_fetched_at``.
    """

    def __init__(self, parts: Mapping[str, EnergyResult], meta: Mapping[str, Any]):
        self._parts = dict(parts)
        self.meta = dict(meta)

    def __getitem__(self, key: str) -> EnergyResult:
        return self._parts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts)

    def __len__(self) -> int:
        return len(self._parts)

    @property
    def afrr(self) -> EnergyResult:
        """The aFRR energy part (same as :func:`rtecap.market.get_afrr_energy`)."""
        return self._parts["afrr"]

    @property
    def mfrr(self) -> EnergyResult:
        """The mFRR energy part (same as :func:`rtecap.market.get_mfrr_energy`)."""
        return self._parts["mfrr"]

    def __repr__(self) -> str:
        return f"<BalancingEnergy afrr={self.afrr!r} mfrr={self.mfrr!r}>"
