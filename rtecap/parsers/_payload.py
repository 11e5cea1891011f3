"""Reading the pieces of a decoded payload: lists of records, fields, dates, numbers, labels.

Every function builds whole columns from Python lists in one pass (no per-row frames), so a
CPC answer of a few hundred thousand records parses in well under a second or two.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import ResponseError

#: Resolution of every timestamp rtecap returns (pandas 3's own for parsed strings).
TIME_UNIT = "us"
#: A date of the API ends with its offset: ``Z`` or ``±hh:mm`` (``±hhmm``, ``±hh`` tolerated).
_OFFSET = re.compile(r"(?:[zZ]|[+-]\d\d(?::?\d\d)?)$")
#: What pandas may raise on a value it cannot read (OverflowError: a year or number out of
#: range; NotImplementedError: a time zone shift beyond year 9999).
_UNREADABLE = (ValueError, TypeError, OverflowError, NotImplementedError)
#: The JSON types of a number (bool is an int in Python, but ``true`` is not a number).
_FIRST, _LAST = pd.Timestamp("1000-01-01", tz="UTC"), pd.Timestamp("9999-12-30", tz="UTC")
_NUMBER_TYPES = frozenset({int, float, type(None)})


def shown(value: Any) -> str:
    """A value as the error messages quote it: its repr, cut at 40 characters."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _column(values: list[Any]) -> np.ndarray:
    """A 1-D object array of ``values`` (a list among them stays one element, no 2nd axis)."""
    return np.fromiter(values, dtype=object, count=len(values))

#: CPPU: column of the frame <- key of a ``production_unit`` (producer keys in lower case).
UNIT_COLUMNS = (
    ("code_eic", "code_eic"),
    ("name", "name"),
    ("location", "location"),
    ("producer_code_eic", "code_eic_producteur"),
    ("producer_name", "name_producteur"),
)


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
    """Codes (-1 for None) and distinct values: work on the few distinct values only.

    Every value is a string or None; anything else (a number, a list, an object) is refused.
    """
    try:
        codes, distinct = pd.factorize(_column(values))
    except TypeError:  # unhashable: a list or an object
        distinct = _column(values)
    wrong = next((v for v in distinct if v is not None and not isinstance(v, str)), _NONE)
    if wrong is not _NONE:
        raise ResponseError(f"{name}: expected a string, got {type(wrong).__name__} "
                            f"{shown(wrong)}")
    return codes, distinct


_NONE = object()


def _pandas_times(values: list[Any], name: str) -> pd.DatetimeIndex:
    """Any ISO 8601 form pandas reads (``format="ISO8601"``), through its distinct values."""
    codes, distinct = _factorize(values, name)
    naive = next((v for v in distinct if v.strip() and not _OFFSET.search(v.strip())), None)
    if naive is not None:  # read as UTC, it would shift every date by the Paris offset
        raise ResponseError(f"{name}: not an ISO 8601 date with an offset: {shown(naive)}")
    try:
        utc = pd.DatetimeIndex(pd.to_datetime(distinct, utc=True, format="ISO8601"))
    except _UNREADABLE as err:
        raise ResponseError(f"{name}: not an ISO 8601 date with an offset ({err})") from err
    outside = (utc < _FIRST) | (utc > _LAST)
    if outside.any():  # a local year beyond 9999 cannot even be printed by pandas
        raise ResponseError(f"{name}: date out of range: {shown(distinct[outside.argmax()])}")
    return utc.as_unit(TIME_UNIT).take(codes, allow_fill=True, fill_value=pd.NaT)


#: ``YYYY-MM-DDTHH:MM:SS±hh:mm``: positions of its digits and of its separators.
_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24]
_SEPARATORS = [4, 7, 10, 13, 16]
_SEPARATOR_CHARS = np.frombuffer(b"--T::", dtype=np.uint8)
_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def _plain_chunk(values: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    unread = np.zeros(len(values), dtype=np.int64), np.zeros(len(values), dtype=bool)
    if not set(map(type, values)) <= {str, type(None)}:
        return unread  # not strings: pandas reads
    try:
        chars = np.array(values, dtype="S26").view(np.uint8).reshape(len(values), 26)
    except UnicodeEncodeError:
        return unread  # not ASCII: pandas reads
    # fixed-width strings cut at 26 characters and hide trailing NULs: when the characters
    # kept are all there are, a value's length is its count of non-NUL bytes ("None": 4)
    kept = np.count_nonzero(chars) - 4 * values.count(None)
    if kept == sum(map(len, filter(None, values))):
        length = np.count_nonzero(chars, axis=1)
    else:
        length = np.fromiter(map(len, map(str, values)), dtype=np.int64, count=len(values))
    digits = chars[:, _DIGITS] - np.uint8(ord("0"))  # wraps below "0": > 9 as well
    is_digit = digits <= 9
    d = np.ascontiguousarray(digits.T).astype(np.int64)  # one row per digit position
    year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3]
    month, day, hour, minute, second, oh, om = (d[i] * 10 + d[i + 1] for i in range(4, 18, 2))
    sign = chars[:, 19]
    zulu = (sign == ord("Z")) & (length == 20)
    with_offset = (((sign == ord("+")) | (sign == ord("-"))) & is_digit[:, 14:].all(axis=1)
                   & (chars[:, 22] == ord(":")) & (length == 25) & (oh <= 23) & (om <= 59))
    ok = is_digit[:, :14].all(axis=1) & (chars[:, _SEPARATORS] == _SEPARATOR_CHARS).all(axis=1)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_ok = (month >= 1) & (month <= 12)
    days_in = _DAYS[np.where(month_ok, month, 0)] + (leap & (month == 2))
    ok &= (zulu | with_offset) & month_ok & (year >= 1900) & (year <= 2200)
    ok &= (day >= 1) & (day <= days_in) & (hour <= 23) & (minute <= 59) & (second <= 59)
    # days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil)
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    seconds = days * 86400 + hour * 3600 + minute * 60 + second
    seconds -= np.where(zulu, 0, np.where(sign == ord("-"), -1, 1) * (oh * 3600 + om * 60))
    return seconds * 1_000_000, ok


def _plain_times(values: list[Any], chunk: int = 1 << 16) -> tuple[np.ndarray, np.ndarray]:
    """Microseconds since the epoch (UTC) of ``YYYY-MM-DDTHH:MM:SSZ`` / ``...±hh:mm`` strings.

    Vectorised (no Python per value), in chunks to bound memory. Returns (microseconds, read):
    a value of any other form (fractions of a second, no offset, out of range, ``None`` ...)
    is not read here.
    """
    parts = [_plain_chunk(values[i:i + chunk]) for i in range(0, len(values), chunk)]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def times(values: list[Any], name: str) -> pd.DatetimeIndex:
    """ISO 8601 strings (``Z`` or ``±hh:mm``, mixed offsets, None) -> Europe/Paris.

    The common forms (``YYYY-MM-DDTHH:MM:SS`` then ``Z`` or ``±hh:mm``) are read by vectorised
    arithmetic; any other value goes to :func:`pandas.to_datetime` (``format="ISO8601"``), as
    the whole column did before, so the result and the errors are the same.
    """
    if not values:
        return _pandas_times(values, name).tz_convert(m.TZ)
    micros, read = _plain_times(values)
    if read.all():
        stamps = micros
    else:
        stamps = np.where(read, micros, np.iinfo("int64").min)
        rest = np.flatnonzero(~read)
        stamps[rest] = _pandas_times([values[i] for i in rest], name).asi8
    utc = pd.DatetimeIndex(stamps.view(f"M8[{TIME_UNIT}]")).tz_localize("UTC")
    return utc.tz_convert(m.TZ)


def floats(values: list[Any], name: str) -> np.ndarray:
    """Finite JSON numbers (int or float; None -> NaN) -> float64.

    A string, ``true``/``false``, a list or an object is refused, as are NaN and +-Infinity
    (not JSON numbers; Python's ``json`` reads them, and a number too large for a float).
    """
    kinds = set(map(type, values))
    if not kinds <= _NUMBER_TYPES:
        wrong = next(v for v in values if type(v) not in _NUMBER_TYPES)
        raise ResponseError(f"{name}: expected a number, got {type(wrong).__name__} "
                            f"{shown(wrong)}")
    try:
        column = np.array(values, dtype="float64")
    except _UNREADABLE as err:  # an int beyond the range of a float
        raise ResponseError(f"{name}: not a number ({err})") from err
    if float in kinds and not np.isfinite(column).all():  # NaN here is also a None
        wrong = next((v for v in values if v is not None and not np.isfinite(v)), None)
        if wrong is not None:
            raise ResponseError(f"{name}: not a finite number: {wrong!r}")
    return column


def integers(values: list[Any], name: str) -> pd.api.extensions.ExtensionArray:
    """Whole numbers (int or integral float, None -> NA) -> nullable Int64."""
    as_float = floats(values, name)
    try:
        return pd.array(as_float, dtype="Int64")
    except _UNREADABLE as err:
        raise ResponseError(f"{name}: expected whole numbers ({err})") from err


def labels(
    values: list[Any],
    categories: Sequence[str],
    name: str,
    aliases: Mapping[str, str] | None = None,
) -> pd.Categorical:
    """Labels -> categorical over the enum, plus unknown labels (kept, with a warning)."""
    table: dict[Any, int] = {label: i for i, label in enumerate(categories)}
    table.update({alias: table[label] for alias, label in (aliases or {}).items()
                  if label in table})
    table[None] = -1
    try:  # known labels only (the usual case): one lookup per value, in C
        known = np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=len(values))
        return pd.Categorical.from_codes(known, dtype=pd.CategoricalDtype(categories))
    except (KeyError, TypeError):
        pass  # an unknown label, or not a string: through its distinct values
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


def strings(values: list[Any], name: str) -> pd.api.extensions.ExtensionArray:
    """Free text, kept as given (None -> NA), as pandas' ``str`` dtype.

    A JSON number is written as it was given (an EIC code may come unquoted); a list, an
    object or ``true``/``false`` is refused.
    """
    wrong = next((v for v in values if not isinstance(v, str | int | float | None)
                  or isinstance(v, bool)), _NONE)
    if wrong is not _NONE:
        raise ResponseError(f"{name}: expected text, got {type(wrong).__name__} {shown(wrong)}")
    return text_array([None if v is None else str(v) for v in values], name)


def text_array(values: list[str | None], name: str) -> pd.api.extensions.ExtensionArray:
    """Strings as pandas' ``str`` dtype; a lone surrogate (``"\\ud800"`` in the JSON: not
    Unicode text, which Arrow cannot store) is refused, naming the field."""
    try:
        return pd.array(values, dtype="str")
    except UnicodeEncodeError as err:
        wrong = next(v for v in values if v is not None and not _encodes(v))
        raise ResponseError(f"{name}: not Unicode text (a lone surrogate escape): "
                            f"{shown(wrong)}") from err


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
