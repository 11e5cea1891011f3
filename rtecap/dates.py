"""Dates given by a user, read strictly: ISO 8601 or a date object, never a guess.

Every place rtecap takes a date (``rules.validate`` and so every ``get_*``, the accessor,
``rtecap fetch --start-date``) reads it with :func:`parse_date`:

* an ISO 8601 string in the extended format: a date ``YYYY-MM-DD``, or a date-time
  ``YYYY-MM-DDThh:mm[:ss[.ffffff]]`` (a space instead of ``T`` is accepted), with or without
  an offset (``Z``, ``+hh:mm``, ``-hh:mm``);
* a :class:`datetime.date`, a :class:`datetime.datetime` or a :class:`pandas.Timestamp`.

Anything else (``"01/02/2020"``, ``"2020/02/01"``, ``"Feb 2020"``, a number) raises
:class:`~rtecap.exceptions.RteValidationError` naming the value and showing the ISO form to
write: rtecap never decides whether ``01/02/2020`` is 1 February or 2 January. A value without
an offset is Europe/Paris wall-clock time; one that the clocks skip (spring) or show twice
(autumn) is refused in plain words, with the two offsets to choose from.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TypeAlias

import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import RteValidationError

DateLike: TypeAlias = "str | date | datetime | pd.Timestamp"

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}"  # date
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"  # time
    r"(?:Z|[+-]\d{2}:\d{2})?)?$"  # offset
)
_NUMBERS = re.compile(r"^\s*(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})\s*$")

__all__ = ["DateLike", "parse_date"]


def _iso_hint(text: str) -> str:
    """The ISO form(s) of a date written with slashes or dots, for the error message."""
    match = _NUMBERS.match(text)
    if not match:
        return "write YYYY-MM-DD (e.g. '2020-02-01') or YYYY-MM-DDThh:mm:ss+hh:mm"
    a, b, c = (int(x) for x in match.groups())
    if len(match.group(1)) == 4:  # year first: YYYY/MM/DD
        candidates = [(a, b, c)]
    else:  # day first (French) or month first (US): name both when both are dates
        candidates = [(c, b, a), (c, a, b)]
    forms = []
    for year, month, day in candidates:
        try:
            forms.append(date(year, month, day).isoformat())
        except ValueError:
            continue
    forms = list(dict.fromkeys(forms))
    if not forms:
        return "write YYYY-MM-DD (e.g. '2020-02-01')"
    if len(forms) == 1:
        return f"write {forms[0]!r} (YYYY-MM-DD)"
    day_first, month_first = (pd.Timestamp(f) for f in forms)
    return (f"write {forms[0]!r} for {day_first.day} {day_first:%B %Y} (day first) or "
            f"{forms[1]!r} for {month_first.day} {month_first:%B %Y} (month first); rtecap "
            "never guesses which")


def _fail(message: str, parameter: str, code: str | None) -> RteValidationError:
    return RteValidationError(message, code=code, parameter=parameter)


def _localize(ts: pd.Timestamp, parameter: str, shown: str) -> pd.Timestamp:
    """A naive wall-clock time -> Europe/Paris, refusing the skipped and repeated hours."""
    try:
        return ts.tz_localize(m.TZ, ambiguous="raise", nonexistent="raise")
    except ValueError:
        pass
    day = ts.strftime("%Y-%m-%d")
    wall = ts.strftime("%Y-%m-%dT%H:%M:%S")
    before = (ts - pd.Timedelta(hours=2)).tz_localize(m.TZ)
    if before.utcoffset() == pd.Timedelta(hours=1):  # spring: 02:00 -> 03:00 does not exist
        raise _fail(
            f"{parameter}={shown} does not exist in Europe/Paris: on {day} the clocks jump "
            f"from 02:00 to 03:00 (daylight saving time starts). Give a time outside that "
            f"hour, or an offset, e.g. {wall}+01:00 (= {day}T03:{wall[-5:]}+02:00)",
            parameter, None)
    raise _fail(
        f"{parameter}={shown} happens twice in Europe/Paris: on {day} the clocks go back "
        f"from 03:00 to 02:00 (daylight saving time ends). Say which one with an offset: "
        f"{wall}+02:00 (the first, summer time) or {wall}+01:00 (the second, winter time)",
        parameter, None)


def parse_date(value: DateLike, parameter: str = "date", code: str | None = None) -> pd.Timestamp:
    """Read a date given by a user as a Europe/Paris timestamp, strictly.

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime or pandas.Timestamp
        An ISO 8601 string (``2020-02-01``, ``2020-02-01T06:00``, ``2020-02-01T06:00:00+01:00``,
        ``2020-02-01T05:00:00Z``) or a date object. A value without offset or ``tzinfo`` is
        Europe/Paris wall-clock time; an aware one is converted.
    parameter : str
        Name of the parameter, quoted in the error.
    code : str, optional
        The API's code an ill-formed value carries (``GENINSCAP_<RES>_F06`` from
        :func:`rtecap.rules.validate`); None elsewhere.

    Returns
    -------
    pandas.Timestamp
        Tz-aware, in Europe/Paris.

    Raises
    ------
    RteValidationError
        Not ISO 8601 (with ``code``), not a calendar date (with ``code``), or a wall-clock
        time that does not exist or is ambiguous in Europe/Paris (no code: the API never sees
        a time without offset).

    Examples
    --------
    >>> parse_date("2020-02-01")
    Timestamp('2020-02-01 00:00:00+0100', tz='Europe/Paris')
    >>> parse_date("01/02/2020", "start_date")
    Traceback (most recent call last):
    ...
    rtecap.exceptions.RteValidationError: start_date='01/02/2020' is not an ISO 8601 date: ...
    """
    if isinstance(value, pd.Timestamp | datetime | date) and value is not pd.NaT:
        ts = pd.Timestamp(value)
        shown = repr(value) if not isinstance(value, pd.Timestamp) else repr(str(value))
    elif isinstance(value, str) and _ISO.match(value.strip()):
        shown = repr(value)
        try:
            ts = pd.Timestamp(value.strip())
        except ValueError as exc:
            raise _fail(f"{parameter}={shown} is not a calendar date ({exc})",
                        parameter, code) from None
    else:
        hint = _iso_hint(value) if isinstance(value, str) else (
            "pass an ISO 8601 string (YYYY-MM-DD), a datetime.date, a datetime or a Timestamp")
        raise _fail(f"{parameter}={value!r} is not an ISO 8601 date: {hint}", parameter, code)
    if ts.tzinfo is None:
        return _localize(ts, parameter, shown)
    return ts.tz_convert(m.TZ)
