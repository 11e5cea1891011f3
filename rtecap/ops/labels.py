"""Sector levels: production type -> sector labels, their display order, their language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import pandas as pd

from rtecap import mappings
from rtecap.exceptions import RteValidationError
from rtecap.ops.frames import col, label_table

#: The three levels of detail of :func:`rtecap.ops.by_sector`.
LEVELS = ("sector", "sub_sector", "production_type")
Level = Literal["sector", "sub_sector", "production_type"]

_ORDERS = {
    "sector": mappings.SECTORS,
    "sub_sector": tuple(  # "fossil": a fossil figure without split (ODRE 2007-2009)
        s
        for top in mappings.SECTORS
        for s in (top, *(k for k, v in mappings.SUB_SECTORS.items() if v == top))
    ),
    "production_type": tuple(
        dict.fromkeys(mappings.PRODUCTION_TYPES + mappings.CPC_PRODUCTION_TYPES)
    ),
}


def check_level(level: str) -> Level:
    """Return ``level`` if it is one of :data:`LEVELS`, else raise :class:`RteValidationError`."""
    if level not in LEVELS:
        raise RteValidationError(f"level must be one of {LEVELS}, got {level!r}", parameter="level")
    return level  # type: ignore[return-value]


def label_column(level: str) -> str:
    """Name (English) of the label a level produces: ``production_type`` or ``sector``."""
    return "production_type" if level == "production_type" else "sector"


def sector_labels(production_types: pd.Series, level: str) -> pd.Series:
    """Map production types (CPPT/CPPU or CPC enum, English) to the labels of ``level``.

    Parameters
    ----------
    production_types : Series
        English production-type codes.
    level : {"sector", "sub_sector", "production_type"}
        ``sector``: top-level sector of :data:`rtecap.mappings.SECTORS` (coal, gas and oil
        all count as ``fossil``); ``sub_sector``: the same with fossil split into coal, gas
        and oil; ``production_type``: the code itself.

    Returns
    -------
    Series
        Plain string labels, same index. A code missing from
        :data:`rtecap.mappings.PRODUCTION_TYPE_SECTOR` (an unknown label the parser kept)
        counts as ``other``.

    Examples
    --------
    >>> sector_labels(pd.Series(["FOSSIL_GAS", "WIND"]), "sub_sector").tolist()
    ['gas', 'wind']
    """
    level = check_level(level)
    codes = production_types.astype("object")
    if level == "production_type":
        return codes

    def label(code: str) -> str:
        sector, sub = mappings.PRODUCTION_TYPE_SECTOR.get(code, ("other", None))
        return (sub or sector) if level == "sub_sector" else sector

    return codes.map(label).astype("object")


def level_order(level: str, present: Iterable[str]) -> list[str]:
    """Return the labels of ``present`` in display order (mappings order, unknown ones last)."""
    present = list(dict.fromkeys(present))
    known = [x for x in _ORDERS[level] if x in present]
    return known + sorted(x for x in present if x not in known)


def localize_wide(wide: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """Translate a wide time x label frame: its labels, its column-axis name and index name."""
    table = label_table(label_column(level), lang)
    out = wide.rename(columns=lambda c: table.get(c, c))
    out.columns.name = col(label_column(level), lang)
    out.index.name = col(str(wide.index.name), lang)
    return out


def long_labels(labels: Iterable[str], level: str, lang: str) -> pd.Categorical:
    """Return English labels as a categorical in display order, translated to ``lang``."""
    labels = list(labels)
    table = label_table(label_column(level), lang)
    order = level_order(level, labels)
    return pd.Categorical(
        [table.get(x, x) for x in labels], categories=[table.get(x, x) for x in order]
    )


def stack_long(columns: dict[str, pd.DataFrame], level: str, lang: str) -> pd.DataFrame:
    """Stack English wide frames (same index and labels) into one tidy frame in ``lang``.

    ``columns`` maps each output column (English name) to a wide time x label frame; the result
    has one row per (date, label), the label column first (categorical, display order).
    """
    first = next(iter(columns.values()))
    long = pd.concat({col(k, lang): w.stack() for k, w in columns.items()}, axis=1)
    labels = long.index.get_level_values(1)
    long = long.droplevel(1)
    long.insert(0, col(label_column(level), lang), long_labels(labels, level, lang))
    long.index.name = col(str(first.index.name), lang)
    return long
