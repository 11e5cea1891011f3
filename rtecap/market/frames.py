"""Which market frame a DataFrame is (for the ``.rte`` accessor and the plots) and its language."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from rtecap.market import mappings as mm
from rtecap.market._endpoints import ENDPOINTS

_EN = {fr: en for en, fr in mm.COLUMNS_FR.items() if fr != en}


def english_names(df: pd.DataFrame) -> set[str]:
    """Column and index names of ``df``, French names turned English."""
    names = {str(c) for c in df.columns} | {str(df.index.name)}
    return {_EN.get(n, n) for n in names}


def market_lang(df: pd.DataFrame) -> str:
    """``"fr"`` when the frame's names are French, else ``"en"``."""
    names = {str(c) for c in df.columns} | {str(df.index.name)}
    return "fr" if names & set(_EN) else "en"


def market_kind(df: pd.DataFrame) -> str | None:
    """The endpoint a frame comes from, or None when it is not a market frame.

    From ``attrs["rtecap"]["resource"]`` when it names a market endpoint, else from the
    columns: ``price_eur_mwh`` -> ``day_ahead_prices``; ``product_type`` + ``direction`` +
    ``contracted_volume_mw`` -> ``balancing_capacity``; upward/downward prices ->
    ``afrr_energy`` (with ``pdemand_mw`` or ``bucket_start``) or ``mfrr_energy``. The index
    must be a DatetimeIndex.

    Examples
    --------
    >>> idx = pd.DatetimeIndex([], tz="Europe/Paris", name="period_start")
    >>> market_kind(pd.DataFrame(columns=["period_end", "price_eur_mwh"], index=idx))
    'day_ahead_prices'
    """
    if not isinstance(df.index, pd.DatetimeIndex):
        return None
    meta = df.attrs.get("rtecap")
    resource = meta.get("resource") if isinstance(meta, Mapping) else None
    if resource in ENDPOINTS:
        return str(resource)
    if resource is not None or (isinstance(meta, Mapping) and "operation" in meta):
        return None
    names = english_names(df)
    if "price_eur_mwh" in names:
        return mm.DAY_AHEAD
    if {"product_type", "direction", "contracted_volume_mw"} <= names:
        return mm.BALANCING_CAPACITY
    if {"upward_price_eur_mwh", "downward_price_eur_mwh"} <= names:
        return mm.AFRR_ENERGY if names & {"pdemand_mw", "bucket_start"} else mm.MFRR_ENERGY
    return None
