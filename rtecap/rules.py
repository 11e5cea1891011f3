"""The guide's input rules as pure functions: validate parameters, split long periods.

Nothing here does I/O. :func:`validate` raises :class:`~rtecap.exceptions.RteValidationError`
with the code the API itself would answer (``GENINSCAP_CPPT_F01`` ... ``F06``) so that bad input
fails *before* any HTTP call; :func:`split` cuts a long period into calls the API accepts.

How the guide is read (it is terse; these choices are shared with :mod:`rtecap.emulator`):

* all calendar arithmetic is done in Europe/Paris wall time;
* checks run in this order, the first failing one wins: F01, F06, F02, F03, F04, F05;
* F03: ``end > start + 366 days``;
* F04: CPPT and CPPU, ``end`` after 1 January 00:00 of the year after *today*; CPC, ``end``
  after 00:00 of the day after *today* (D+1);
* F05: CPPT, ``end < start + 1 calendar year``; CPPU and CPC, ``end < start + 1 day``
  (``start == end`` is F05, not F02).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap._values import list_values
from rtecap.dates import DateLike, parse_date
from rtecap.exceptions import RteValidationError

_DAY = pd.DateOffset(days=1)
_YEAR = pd.DateOffset(years=1)
_MAX = pd.DateOffset(days=m.MAX_PERIOD.days)
#: F04: the latest end a call may ask for, per ``Resource.horizon`` (today in Paris given).
_HORIZONS: dict[str | None, Callable[[pd.Timestamp], pd.Timestamp]] = {
    "next_year": lambda now: pd.Timestamp(now.year + 1, 1, 1, tz=m.TZ),
    "tomorrow": lambda now: now + _DAY,
}
#: F05: the shortest period, per ``Resource.shortest``, and how the error says it.
_SHORTEST: dict[str | None, tuple[pd.DateOffset, str]] = {
    "year": (_YEAR, "1 calendar year"),
    "day": (_DAY, "1 day"),
}

__all__ = [
    "Query",
    "format_date",
    "is_wire_date",
    "latest_end",
    "split",
    "to_timestamp",
    "validate",
    "validate_params",
]


@dataclass(frozen=True)
class Query:
    """A validated request: resource, period (or None for the nominal mode) and list filters.

    Attributes
    ----------
    resource : str
        The API's resource name, e.g. ``"capacities_cpc"``.
    start, end : pandas.Timestamp or None
        The period in Europe/Paris, end exclusive; both None in nominal mode.
    filters : dict of str to tuple of str
        De-duplicated list parameters (CPPT-RG07, CCPC-RG10), in the order given.
    """

    resource: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def params(self, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None) -> dict:
        """Return the query-string parameters for one call (dates as the guide formats them)."""
        start = self.start if start is None else start
        end = self.end if end is None else end
        out: dict[str, str] = {}
        if start is not None:
            out["start_date"] = format_date(start)
            out["end_date"] = format_date(end)
        for name, values in self.filters.items():
            if values:
                out[name] = ",".join(values)
        return out


def _fail(resource: str, fcode: str, parameter: str | None = None, detail: str = "") -> None:
    code = registry.get(resource).error_code(fcode)
    message = m.error_message(code) + (f" ({detail})" if detail else "")
    raise RteValidationError(message, code=code, parameter=parameter)


def to_timestamp(value: DateLike, parameter: str = "date", resource: str = m.CPPT) -> pd.Timestamp:
    """Convert a date given by a user into a Europe/Paris timestamp (strict ISO 8601).

    Parameters
    ----------
    value : str, datetime.date, datetime.datetime or pandas.Timestamp
        An ISO 8601 string (``"2023-02-01"``, ``"2023-02-01T06:00:00+01:00"``, ``...Z``) or a
        date object. Naive values are Europe/Paris local time; aware values are converted.
        ``"01/02/2023"``, ``"2023/02/01"`` or ``"Feb 2023"`` are refused, never guessed
        (see :func:`rtecap.dates.parse_date`).
    parameter : str
        Name of the parameter, quoted in the error.
    resource : str
        Resource whose F06 code the error carries.

    Returns
    -------
    pandas.Timestamp
        Tz-aware, in Europe/Paris.

    Raises
    ------
    RteValidationError
        ``GENINSCAP_<RES>_F06`` if the value is not an ISO 8601 date (the message shows the
        ISO form to write); without a code if it is a local time that does not exist or is
        ambiguous in Europe/Paris (daylight saving changes), in plain words.

    Examples
    --------
    >>> to_timestamp("2023-07-01")
    Timestamp('2023-07-01 00:00:00+0200', tz='Europe/Paris')
    >>> to_timestamp("13/02/2023", "start_date")
    Traceback (most recent call last):
    ...
    rtecap.exceptions.RteValidationError: GENINSCAP_CPPT_F06: start_date='13/02/2023' is not ...
    """
    return parse_date(value, parameter, registry.get(resource).error_code("F06"))


def format_date(ts: pd.Timestamp) -> str:
    """Format a timestamp as the guide wants it on the wire: ``YYYY-MM-DDThh:mm:ss+hh:mm``.

    Examples
    --------
    >>> format_date(to_timestamp("2023-07-01"))
    '2023-07-01T00:00:00+02:00'
    """
    text = ts.tz_convert(m.TZ).strftime("%Y-%m-%dT%H:%M:%S%z")
    return text[:-2] + ":" + text[-2:]


def _today(today: DateLike | None) -> pd.Timestamp:
    if today is None:
        return pd.Timestamp.now(tz=m.TZ).normalize()
    return to_timestamp(today, "today").normalize()


def latest_end(resource: str, *, today: DateLike | None = None) -> pd.Timestamp:
    """The latest ``end_date`` one call of ``resource`` accepts (F04), relative to ``today``.

    CPPT and CPPU: 1 January after ``today``'s year; CPC: the day after ``today`` (D+1).

    Examples
    --------
    >>> latest_end("cpc", today="2026-11-23")
    Timestamp('2026-11-24 00:00:00+0100', tz='Europe/Paris')
    >>> latest_end("cppt", today="2026-11-23").year
    2027
    """
    spec = registry.get(resource, api=registry.GENINSCAP)
    return _HORIZONS[spec.horizon](_today(today))


def validate(
    resource: str,
    start_date: DateLike | None = None,
    end_date: DateLike | None = None,
    *,
    production_type: str | Iterable[str] | None = None,
    department_code: str | Iterable[str] | None = None,
    network_connection: str | Iterable[str] | None = None,
    today: DateLike | None = None,
    chunked: bool = False,
) -> Query:
    """Check a request against the guide's rules and return it normalised.

    Parameters
    ----------
    resource : str
        ``"capacities_per_production_type"``, ``"capacities_per_production_unit"`` or
        ``"capacities_cpc"`` (or the aliases ``cppt``, ``cppu``, ``cpc``).
    start_date, end_date : str, date, datetime or Timestamp, optional
        The period, end excluded. Both or neither (F01); neither selects the nominal mode
        (CPPT-RG01, CPPU-RG01, CCPC-RG01). Naive values are Europe/Paris local time.
    production_type : str or list of str, optional
        CPPT: the 20 types of the guide; CPC: its 9 types (``BIOGAS`` is read as ``BIOGAZ``,
        ``OTHER`` as ``OTHERS``). Not accepted by CPPU. A comma-separated string works too;
        so do any case, spaces for underscores and the guide's French labels (§6.2:
        ``EOLIEN_TERRESTRE`` is ``WIND_ONSHORE``).
    department_code : str, int or list of them, optional
        CPC only: ``FR`` (national aggregate, CCPC-RG02) or ISO 3166-2:FR codes ``FR-01`` ...;
        ``75``, ``"75"`` and ``"fr-75"`` are read as ``FR-75``, ``"2A"`` as ``FR-2A``.
    network_connection : str or list of str, optional
        CPC only: ``RPD`` and/or ``RPT`` (at most two values).
    today : date-like, optional
        The date the F04 rule and nominal modes are relative to; default: today in Paris.
    chunked : bool, default False
        True when the period will be cut by :func:`split`: F03 (period > 366 days) is then not
        raised, and CPPT's F05 is checked on the whole period.

    Returns
    -------
    Query
        The normalised request.

    Raises
    ------
    RteValidationError
        With the API's code for F01–F06 (guide §5.1); without a code for an unknown resource,
        a parameter the resource does not take, a value outside the enum (the message names
        the nearest valid ones), or a period that ends before the first date with data
        (CPPT 2015-01-01, CPPU 1935-01-01, CPC 2015-02-09).

    Examples
    --------
    >>> q = validate("cppt", "2015-01-01", "2016-01-01", production_type="NUCLEAR,NUCLEAR")
    >>> q.filters
    {'production_type': ('NUCLEAR',)}
    >>> validate("cpc", department_code=[75, "2a"]).filters["department_code"]
    ('FR-75', 'FR-2A')
    >>> try:
    ...     validate("cppt", production_type="wind")
    ... except ValueError as err:
    ...     print(str(err).split("; ")[-1])
    did you mean WIND_OFFSHORE, WIND_ONSHORE?
    >>> validate("cppt", "2015-01-01", "2017-06-02")
    Traceback (most recent call last):
    ...
    rtecap.exceptions.RteValidationError: GENINSCAP_CPPT_F03: The API does not provide ...
    """
    given = {"production_type": production_type, "department_code": department_code,
             "network_connection": network_connection}
    return _check(resource, start_date, end_date, given, today=today, chunked=chunked)


def _check(resource, start_date, end_date, given: dict, *, today, chunked) -> Query:
    """:func:`validate`'s work: list values as users type them (``rtecap._values``).

    ``given`` maps list parameters to their values (None: not given); which of them the
    resource takes is its registry entry.
    """
    spec = registry.get(resource, api=registry.GENINSCAP)
    resource = spec.name
    lists = {p.name: p for p in spec.list_parameters}
    for name, values in given.items():
        if values is not None and name not in lists:
            raise RteValidationError(f"{resource} takes no {name} parameter", parameter=name)
    filters = {name: list_values(resource, name, given.get(name), p.values, p.aliases)
               for name, p in lists.items()}

    if (start_date is None) != (end_date is None):  # F01
        missing = "end_date" if end_date is None else "start_date"
        _fail(resource, "F01", missing, f"{missing} is missing")
    if start_date is None:
        return Query(resource, None, None, filters)

    start = to_timestamp(start_date, "start_date", resource)  # F06
    end = to_timestamp(end_date, "end_date", resource)
    if start > end:  # F02
        _fail(resource, "F02", "start_date", f"{format_date(start)} > {format_date(end)}")
    if not chunked and end > start + _MAX:  # F03
        _fail(resource, "F03", "end_date", "more than 366 days; rtecap's get_* split it for you")
    limit = latest_end(resource, today=today)
    if end > limit:  # F04
        _fail(resource, "F04", "end_date", f"end_date must not be after {format_date(limit)}")
    shortest, words = _SHORTEST[spec.shortest]
    if end < start + shortest:  # F05
        _fail(resource, "F05", "end_date", f"shortest period: {words}")
    first = pd.Timestamp(spec.first_date, tz=m.TZ)
    if end <= first:
        raise RteValidationError(
            f"{resource} has no data before {first.date()}; the period ends on {end}",
            parameter="end_date",
        )
    return Query(resource, start, end, filters)


def _year_start(ts: pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(ts.year, 1, 1, tz=m.TZ)


def split(
    resource: str, start_date: DateLike, end_date: DateLike
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Cut a period into the calls the API accepts.

    CPPT accepts only periods of one calendar year up to 366 days (F05, F03) and answers per
    calendar year (CPPT-RG06), so its period is widened to whole calendar years in Europe/Paris
    and cut at each 1 January. CPPU and CPC accept 1 to 366 days (F05, F03): their period is
    cut at each 1 January too (so that chunks are the same whatever the requested start, which
    makes the cache reusable), and a piece shorter than one day is merged with its neighbour.
    The start is moved up to the first date with data when it is earlier.

    Parameters
    ----------
    resource : str
        Resource name or alias.
    start_date, end_date : date-like
        The period, end excluded; naive values are Europe/Paris.

    Returns
    -------
    list of (Timestamp, Timestamp)
        Contiguous ``[start, end)`` pieces in time order: no gap, no overlap, their union is the
        (clipped, for CPPT widened) period.

    Examples
    --------
    >>> [(a.year, b.year) for a, b in split("cppt", "2015-01-01", "2018-01-01")]
    [(2015, 2016), (2016, 2017), (2017, 2018)]
    """
    spec = registry.get(resource, api=registry.GENINSCAP)
    resource = spec.name
    start = to_timestamp(start_date, "start_date", resource)
    end = to_timestamp(end_date, "end_date", resource)
    start = max(start, pd.Timestamp(spec.first_date, tz=m.TZ))
    if spec.split == "calendar_years":  # CPPT-RG06: one answer per calendar year
        start = _year_start(start)
        if end != _year_start(end):
            end = pd.Timestamp(end.year + 1, 1, 1, tz=m.TZ)
    if start >= end:
        return []
    bounds = [start]
    for year in range(start.year + 1, end.year + 1):
        jan1 = pd.Timestamp(year, 1, 1, tz=m.TZ)
        if start < jan1 < end:
            bounds.append(jan1)
    bounds.append(end)
    pieces = list(zip(bounds[:-1], bounds[1:], strict=True))
    return _mend_short(pieces)


def _mend_short(pieces: list[tuple[pd.Timestamp, pd.Timestamp]]):
    """Merge a piece shorter than a day (only the first or last can be) with its neighbour."""
    for at_end in (True, False):
        if len(pieces) < 2:
            break
        i, j = (len(pieces) - 1, len(pieces) - 2) if at_end else (0, 1)
        a, b = pieces[i]
        if b >= a + _DAY:
            continue
        lo, hi = min(a, pieces[j][0]), max(b, pieces[j][1])
        if hi <= lo + _MAX:
            merged = [(lo, hi)]
        else:  # a leap year plus a few hours: cut the whole in two at a local midnight
            mid = (lo + (hi - lo) / 2).normalize()
            merged = [(lo, mid), (mid, hi)]
        first = min(i, j)
        pieces = pieces[:first] + merged + pieces[first + 2:]
    return pieces


# The server's reading of a raw query string lives apart (rules.py holds the loaders' side);
# its names are part of this module's API.
from rtecap._wire import is_wire_date, validate_params  # noqa: E402
