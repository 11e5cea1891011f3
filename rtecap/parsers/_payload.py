"""Reading the pieces of a decoded payload: lists of records, fields, dates, numbers, labels.

Every function builds whole columns from Python lists in one pass (no per-row frames), so a
CPC answer of a few hundred thousand records parses in well under a second or two.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import ResponseError

#: Resolution of every timestamp rtecap returns (pandas 3's own for parsed strings).
TIME_UNIT = "us"


def records(payload: Mapping[str, Any], resource: str) -> list[Mapping[str, Any]]:
    """Return the list under the resource's top-level key (one object -> a list of one).

    The key is matched ignoring case, surrounding blanks and a stray BOM.
    """
    if not isinstance(payload, Mapping):
        raise ResponseError(
            f"a {resource} payload must be a JSON object with the key {resource!r}, "
            f"got {type(payload).__name__}"
        )
    wanted = resource.lower()
    key = next((k for k in payload if str(k).lstrip("\ufeff").strip().lower() == wanted), None)
    if key is None:
        found = sorted(map(str, payload))[:6]
        detail = ""
        if "error" in payload:
            error = f"{payload.get('error')}: {payload.get('error_description')}"
            detail = f" (an error answer: {error})"
        raise ResponseError(
            f"not a {resource} payload: expected the top-level key {resource!r}, "
            f"found {found}{detail}"
        )
    return objects(payload[key], resource)


def objects(value: Any, where: str) -> list[Mapping[str, Any]]:
    """``None`` -> [], one object -> [object], a list of objects -> itself."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list) and (
        all(isinstance(item, dict) for item in value)
        or all(isinstance(item, Mapping) for item in value)
    ):
        return value
    raise ResponseError(f"{where}: expected a JSON object or a list of objects")


def field(record: Mapping[str, Any], keys: Sequence[str]) -> Any:
    """The first of ``keys`` present in ``record`` (None when none is)."""
    for key in keys:
        if key in record:
            return record[key]
    return None


def pluck(rows: Sequence[Mapping[str, Any]], *keys: str) -> list[Any]:
    """One field of every record, trying ``keys`` in turn (None when absent)."""
    if len(keys) == 1:
        return [r.get(keys[0]) for r in rows]
    if len(keys) == 2:
        first, second = keys
        return [r[first] if first in r else r.get(second) for r in rows]
    return [field(r, keys) for r in rows]


def _factorize(values: list[Any], name: str) -> tuple[np.ndarray, np.ndarray]:
    """Codes (-1 for None) and distinct values: work on the few distinct values only."""
    try:
        return pd.factorize(np.asarray(values, dtype=object))
    except TypeError as err:
        raise ResponseError(f"{name}: expected strings ({err})") from err


def times(values: list[Any], name: str) -> pd.DatetimeIndex:
    """ISO 8601 strings (``Z`` or ``±hh:mm``, mixed offsets, None) -> Europe/Paris."""
    codes, distinct = _factorize(values, name)
    try:
        utc = pd.DatetimeIndex(pd.to_datetime(distinct, utc=True, format="ISO8601"))
    except (ValueError, TypeError) as err:
        raise ResponseError(f"{name}: not an ISO 8601 date with an offset ({err})") from err
    local = utc.tz_convert(m.TZ).as_unit(TIME_UNIT)
    return local.take(codes, allow_fill=True, fill_value=pd.NaT)


def floats(values: list[Any], name: str) -> np.ndarray:
    """Numbers (int, float, numeric string, None -> NaN) -> float64."""
    try:
        return np.array(values, dtype="float64")
    except (ValueError, TypeError) as err:
        raise ResponseError(f"{name}: not a number ({err})") from err


def integers(values: list[Any], name: str) -> pd.api.extensions.ExtensionArray:
    """Whole numbers (int or integral float, None -> NA) -> nullable Int64."""
    as_float = floats(values, name)
    try:
        return pd.array(as_float, dtype="Int64")
    except (ValueError, TypeError) as err:
        raise ResponseError(f"{name}: expected whole numbers ({err})") from err


def labels(
    values: list[Any],
    categories: Sequence[str],
    name: str,
    aliases: Mapping[str, str] | None = None,
) -> pd.Categorical:
    """Labels -> categorical over the enum, plus unknown labels (kept, with a warning)."""
    codes, distinct = _factorize(values, name)
    if aliases:
        distinct = np.array([aliases.get(v, v) for v in distinct], dtype=object)
    unknown = sorted(set(distinct).difference(categories), key=str)
    if unknown:
        warnings.warn(
            f"unknown {name} label(s) kept as extra categories: {unknown}",
            UserWarning,
            stacklevel=4,
        )
    dtype = pd.CategoricalDtype([*categories, *unknown])
    position = dtype.categories.get_indexer(distinct)
    return pd.Categorical.from_codes(np.append(position, -1)[codes], dtype=dtype)


def strings(values: list[Any]) -> pd.api.extensions.ExtensionArray:
    """Free text, kept as given (None -> NA), as pandas' ``str`` dtype."""
    return pd.array([None if v is None else str(v) for v in values], dtype="str")
