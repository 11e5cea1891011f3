"""The guide's input rules, as the emulator's server applies them (written apart from
``rtecap.rules`` so that each checks the other).

Order of the checks, first failure wins: F01 (exactly one of start/end) -> F06 (format) ->
F02 (start strictly after end) -> F03 (more than 366 days) -> F04 (end too far) -> F05 (too
short); then the list parameters (unknown value -> ``invalid_request``). Calendar arithmetic
is wall-clock arithmetic in Europe/Paris (a wall time skipped by the spring change is read
with the offset before the change, an ambiguous one as its first occurrence); instants are
compared as instants. A date is ``YYYY-MM-DDThh:mm:ss`` then ``Z`` or any ``±hh:mm`` offset
(``strict=True``: the guide's ``±hh:mm`` only), a real date of years 1000 to 9000. Parameter
names are stripped of spaces (the guide's CCPC F05 example has one after ``?``); an empty date
value counts as absent; unknown parameters are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from rtecap.mappings import (
    CPC,
    CPC_PRODUCTION_TYPE_ALIASES,
    CPC_PRODUCTION_TYPES,
    CPPT,
    DEPARTMENT_CODES,
    NETWORKS,
    PRODUCTION_TYPES,
    TZ,
    error_message,
)
from rtecap.registry import get as resource_entry

PARIS = ZoneInfo(TZ)
#: The guide's ``YYYY-MM-DDThh:mm:sszzzzzz`` (ASCII digits); group "zone" is ``Z`` or ``±hh:mm``.
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                          r"(?P<zone>Z|[+-][0-9]{2}:[0-9]{2})")
#: Years a date may name (outside them calendar arithmetic would overflow): F06.
YEARS = range(1000, 9001)
#: Allowed values of each list parameter, per resource.
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    CPPT: {"production_type": PRODUCTION_TYPES},
    CPC: {
        "department_code": DEPARTMENT_CODES,
        "network_connection": NETWORKS,
        "production_type": CPC_PRODUCTION_TYPES,
    },
}
ALIASES: dict[tuple[str, str], Any] = {(CPC, "production_type"): CPC_PRODUCTION_TYPE_ALIASES}


class RuleViolation(Exception):
    """A GENINSCAP_<RES>_Fxx error (HTTP 400): ``code`` and the guide's ``message``."""

    def __init__(self, resource: str, fcode: str):
        self.code = resource_entry(resource).error_code(fcode)
        self.message = error_message(self.code)
        super().__init__(self.code)


class InvalidRequest(Exception):
    """A parameter value outside its enum (HTTP 400 ``invalid_request``)."""


@dataclass(frozen=True)
class CheckedQuery:
    """A request that passed every input rule.

    Attributes
    ----------
    resource : str
    start, end : datetime or None
        Both None in nominal mode; otherwise aware datetimes in Europe/Paris.
    filters : dict
        Given list parameters only, duplicates removed (RG07/RG10), aliases normalised.
    """

    resource: str
    start: datetime | None = None
    end: datetime | None = None
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def nominal(self) -> bool:
        """True when no period was given (CPPT-RG01, CPPU-RG01, CCPC-RG01)."""
        return self.start is None

    def key(self) -> tuple:
        """A hashable key of the normalised request (for answer caches)."""
        return (self.resource, self.start, self.end, tuple(sorted(self.filters.items())))


def parse_instant(text: str, strict: bool = False) -> datetime | None:
    """Parse a wire date into an aware datetime in Europe/Paris.

    Parameters
    ----------
    text : str
        ``YYYY-MM-DDThh:mm:ss`` followed by ``Z`` or any ``±hh:mm`` offset (RFC 3339 without
        fractions, as real clients send it).
    strict : bool, default False
        Only the guide's literal ``±hh:mm`` form: ``Z`` is refused.

    Returns
    -------
    datetime or None
        None when the text breaks the format, names an impossible date or time, or a year
        outside 1000–9000 (-> F06).

    Examples
    --------
    >>> parse_instant("2023-02-01T00:00:00+01:00").isoformat()
    '2023-02-01T00:00:00+01:00'
    >>> parse_instant("2024-01-01T00:00:00Z").isoformat()
    '2024-01-01T01:00:00+01:00'
    >>> parse_instant("2024-01-01T00:00:00Z", strict=True) is None
    True
    >>> parse_instant("2023-02-30T00:00:00+01:00") is None
    True
    """
    match = DATE_PATTERN.fullmatch(text)
    if match is None or (strict and match["zone"] == "Z") or int(text[:4]) not in YEARS:
        return None
    try:
        return datetime.fromisoformat(text).astimezone(PARIS)
    except ValueError:
        return None


def later(a: datetime, b: datetime) -> bool:
    """Tell whether instant ``a`` is after instant ``b``.

    Python compares two datetimes of the same ``tzinfo`` by their wall clocks, ignoring
    ``fold``: 02:30 of the autumn change's second hour would equal 02:30 of its first.
    Comparing in UTC compares the instants.

    Examples
    --------
    >>> first = parse_instant("2024-10-27T02:30:00+02:00")
    >>> second = parse_instant("2024-10-27T02:30:00+01:00")
    >>> second > first, later(second, first)
    (False, True)
    """
    return a.astimezone(UTC) > b.astimezone(UTC)


def local_midnight(day: date) -> datetime:
    """Return 00:00 Europe/Paris on ``day``.

    Examples
    --------
    >>> local_midnight(date(2026, 1, 1)).isoformat()
    '2026-01-01T00:00:00+01:00'
    """
    return datetime(day.year, day.month, day.day, tzinfo=PARIS)


def wall_add(instant: datetime, *, days: int = 0, years: int = 0) -> datetime:
    """Add calendar days or years to ``instant`` on the Europe/Paris wall clock.

    29 February plus one year gives 28 February.

    Examples
    --------
    >>> wall_add(parse_instant("2024-02-29T06:00:00+01:00"), years=1).isoformat()
    '2025-02-28T06:00:00+01:00'
    >>> wall_add(parse_instant("2024-03-30T12:00:00+01:00"), days=1).isoformat()
    '2024-03-31T12:00:00+02:00'
    """
    wall = instant.astimezone(PARIS).replace(tzinfo=None)
    if years:
        year = wall.year + years
        day = 28 if (wall.month, wall.day) == (2, 29) else wall.day
        wall = wall.replace(year=year, day=day)
    return (wall + timedelta(days=days)).replace(tzinfo=PARIS)


def check_period(
    resource: str, start_text: str | None, end_text: str | None, today: date, *,
    strict: bool = False,
) -> tuple[datetime | None, datetime | None]:
    """Apply F01, F06, F02, F03, F04, F05 in that order.

    Parameters
    ----------
    resource : str
        CPPT, CPPU or CPC (``rtecap.mappings`` names).
    start_text, end_text : str or None
        The raw query values (None or "" when absent).
    today : datetime.date
        The emulator's clock (F04).
    strict : bool, default False
        See :func:`parse_instant`.

    Returns
    -------
    tuple
        ``(start, end)`` as aware datetimes, or ``(None, None)`` in nominal mode.

    Raises
    ------
    RuleViolation
        With the first failing rule's code.

    Examples
    --------
    >>> try:
    ...     check_period(CPPT, "2023-02-01", "2023-02-14", date(2025, 6, 15))
    ... except RuleViolation as error:
    ...     print(error.code)
    GENINSCAP_CPPT_F06
    """
    if not start_text and not end_text:
        return None, None
    if not start_text or not end_text:
        raise RuleViolation(resource, "F01")
    start, end = parse_instant(start_text, strict), parse_instant(end_text, strict)
    if start is None or end is None:
        raise RuleViolation(resource, "F06")
    if later(start, end):
        raise RuleViolation(resource, "F02")
    if later(end, wall_add(start, days=366)):
        raise RuleViolation(resource, "F03")
    limit = (
        local_midnight(today + timedelta(days=1))
        if resource == CPC
        else local_midnight(date(today.year + 1, 1, 1))
    )
    if later(end, limit):
        raise RuleViolation(resource, "F04")
    minimum = wall_add(start, years=1) if resource == CPPT else wall_add(start, days=1)
    if later(minimum, end):
        raise RuleViolation(resource, "F05")
    return start, end


def parse_list(resource: str, name: str, raw: list[str]) -> tuple[str, ...] | None:
    """Split comma-separated values, normalise aliases, drop duplicates, check the enum.

    Parameters
    ----------
    resource : str
    name : str
        The list parameter.
    raw : list of str
        Every value given for ``name`` (the parameter may be repeated).

    Returns
    -------
    tuple of str or None
        Values in order of first appearance; None when nothing was given.

    Raises
    ------
    InvalidRequest
        If a value is outside the parameter's enum.

    Examples
    --------
    >>> parse_list(CPC, "production_type", ["SOLAR,BIOGAS", "SOLAR"])
    ('SOLAR', 'BIOGAZ')
    """
    aliases = ALIASES.get((resource, name), {})
    values: list[str] = []
    for chunk in raw:
        for item in chunk.split(","):
            item = aliases.get(item.strip(), item.strip())
            if not item:
                continue
            if item not in ENUMS[resource][name]:
                raise InvalidRequest(f"Unknown value {item!r} for parameter {name!r}.")
            if item not in values:
                values.append(item)
    return tuple(values) or None


def parse_query(
    resource: str, pairs: list[tuple[str, str]], today: date, *, strict: bool = False
) -> CheckedQuery:
    """Check a whole query string (already split into pairs) against the guide's rules.

    Parameters
    ----------
    resource : str
    pairs : list of (str, str)
        Decoded query parameters, in order.
    today : datetime.date
    strict : bool, default False
        Dates in the guide's literal form only (see :func:`parse_instant`).

    Returns
    -------
    CheckedQuery

    Raises
    ------
    RuleViolation, InvalidRequest

    Examples
    --------
    >>> parse_query(CPPT, [("production_type", "SOLAR,SOLAR")], date(2025, 6, 15)).filters
    {'production_type': ('SOLAR',)}
    """
    params: dict[str, list[str]] = {}
    for key, value in pairs:
        params.setdefault(key.strip(), []).append(value)
    start, end = check_period(
        resource, (params.get("start_date") or [""])[-1], (params.get("end_date") or [""])[-1],
        today, strict=strict,
    )
    filters = {}
    for name in ENUMS.get(resource, {}):
        values = parse_list(resource, name, params.get(name, []))
        if values is not None:
            filters[name] = values
    return CheckedQuery(resource, start, end, filters)
