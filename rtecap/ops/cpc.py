"""CPC values as of a date: the latest update of each department x network x type.

CPC values are *updates*, not a regular series: each combination of department, network and
production type has a value from its latest update, and combinations are not all updated on
the same dates. Summing the rows of one update date would leave out every combination that
was not updated that day; :func:`as_of` takes, for each combination, its latest value on or
before the date instead.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd

from rtecap import registry
from rtecap.dates import parse_date
from rtecap.exceptions import RteValidationError
from rtecap.ops.frames import col, frame_kind, frame_lang

#: The columns that name one CPC series (English names).
CPC_KEYS = ("department_code", "network_connection", "production_type")


def as_of(df: pd.DataFrame, at: Any | None = None) -> pd.DataFrame:
    """Return the latest value of each CPC combination on or before ``at``.

    Parameters
    ----------
    df : DataFrame
        A CPC frame (English or French, kW or MW).
    at : date-like, optional
        An ISO 8601 string, ``date``, ``datetime`` or ``Timestamp``; naive values are
        Europe/Paris. Default: the frame's latest update date.

    Returns
    -------
    DataFrame
        One row per department x network x production type with a value on or before ``at``,
        indexed by the date of that value (so a stale combination shows how old it is), in
        time order, ties by department, network and type. Combinations with no value yet
        (or only placeholder rows without a date) are absent. ``attrs["rtecap"]["as_of"]``
        holds ``at`` as an ISO string.

    Raises
    ------
    RteValidationError
        If ``df`` is not a CPC frame or ``at`` is not a date.

    Examples
    --------
    FR-13 was last updated in January, FR-75 in February: both count on 1 March.

    >>> days = pd.DatetimeIndex(["2023-01-09", "2023-02-09", "2023-01-09"], tz="Europe/Paris",
    ...                         name="updated_date")
    >>> cpc = pd.DataFrame({"department_code": ["FR-75", "FR-75", "FR-13"],
    ...                     "network_connection": "RPD", "production_type": "SOLAR",
    ...                     "capacity_kw": pd.array([10, 12, 5], dtype="Int64")}, index=days)
    >>> latest = as_of(cpc, "2023-03-01")
    >>> list(zip(latest["department_code"], latest["capacity_kw"].tolist(), latest.index.month))
    [('FR-13', 5, 1), ('FR-75', 12, 2)]
    """
    if not set(CPC_KEYS) <= set(registry.get(frame_kind(df)).required):
        raise RteValidationError("as_of works on CPC frames (capacities_cpc) only")
    lang = frame_lang(df)
    keys = [col(k, lang) for k in CPC_KEYS]
    dated = df[df.index.notna()]
    limit = dated.index.max() if at is None else parse_date(at, "at")
    if at is not None or len(dated):
        dated = dated[dated.index <= limit]
    name = dated.index.name
    # a stable sort keeps the input order of same-day rows; the last one per key wins
    flat = dated.reset_index().sort_values(name, kind="stable")
    latest = flat.drop_duplicates(keys, keep="last")
    latest = latest.sort_values([name, *keys], kind="stable").set_index(name)
    latest.attrs = copy.deepcopy(df.attrs)
    meta = dict(latest.attrs.get("rtecap") or {})
    meta["as_of"] = None if pd.isna(limit) else limit.isoformat()
    latest.attrs["rtecap"] = meta
    return latest
