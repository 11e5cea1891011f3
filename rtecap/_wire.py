"""The server's reading of a raw query string: :func:`validate_params` and :func:`is_wire_date`.

Exported by :mod:`rtecap.rules` (use them from there). Where :func:`rtecap.rules.validate`
serves the loaders and accepts friendlier input (any date-like value, enum values in any
case), this is what the server itself accepts, and :mod:`rtecap.emulator` answers the same:
``tests/emulator/test_emulator_parity.py`` draws thousands of parameter sets and requires the
same accept or reject and the same code from both.
"""

from __future__ import annotations

import re

import pandas as pd

from rtecap import registry
from rtecap.exceptions import RteValidationError
from rtecap.rules import (
    DateLike,
    Query,
    _fail,
    format_date,  # noqa: F401  (used in the doctest)
    to_timestamp,
    validate,
)

_WIRE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                        r"(Z|[+-][0-9]{2}:[0-9]{2})")
_WIRE_YEARS = (1000, 9000)  # outside, calendar arithmetic would overflow: F06


def is_wire_date(text: str, *, strict: bool = False) -> bool:
    """Tell whether a string is a date as the server accepts it.

    ``YYYY-MM-DDThh:mm:ss`` then ``Z`` or any ``±hh:mm`` offset, a real date and time of the
    years 1000 to 9000. Public clients send ``Z`` and get data; the guide writes the format
    ``YYYY-MM-DDThh:mm:sszzzzzz``, six characters of offset.

    Parameters
    ----------
    text : str
    strict : bool, default False
        The guide's literal form only: ``±hh:mm``, no ``Z``.

    Examples
    --------
    >>> is_wire_date("2024-01-01T00:00:00Z"), is_wire_date("2024-01-01T00:00:00Z", strict=True)
    (True, False)
    >>> is_wire_date("2023-02-30T00:00:00+01:00"), is_wire_date("2023-02-01")
    (False, False)
    """
    match = _WIRE_DATE.fullmatch(text) if isinstance(text, str) else None
    if match is None or (strict and match[1] == "Z"):
        return False
    if not _WIRE_YEARS[0] <= int(text[:4]) <= _WIRE_YEARS[1]:
        return False
    try:
        pd.Timestamp(text)
    except ValueError:
        return False
    return True


def _wire_list(resource: str, parameter: registry.Parameter, text: str) -> tuple[str, ...]:
    """A list parameter as the server reads it: exact values (or the parameter's aliases),
    empty items skipped."""
    name, aliases, allowed = parameter.name, parameter.aliases, frozenset(parameter.values)
    out: list[str] = []
    for raw in text.split(","):
        value = aliases.get(raw.strip(), raw.strip())
        if not value:
            continue
        if value not in allowed:
            raise RteValidationError(
                f"{name}={raw.strip()!r} is not a value the API accepts for {resource} (the "
                f"server compares exactly; expected one of {', '.join(sorted(allowed))})",
                parameter=name,
            )
        if value not in out:  # CPPT-RG07, CCPC-RG10
            out.append(value)
    return tuple(out)


def validate_params(
    resource: str,
    params: dict[str, str],
    *,
    today: DateLike | None = None,
    strict: bool = False,
) -> Query:
    """Validate a raw query string exactly as the server reads it.

    This is the server's side of the guide's rules, and :mod:`rtecap.emulator` answers the
    same (a property test holds them to it). Unlike :func:`validate`, whose loaders accept any
    date-like value and enum values in any case, here:

    * a date must be ``YYYY-MM-DDThh:mm:ss`` then ``Z`` or ``±hh:mm`` (``strict``: ``±hh:mm``
      only), else ``F06`` (the guide's F06 call example passes ``start_date=2023-02-01``);
    * an empty value counts as absent; parameter names are stripped of spaces;
    * list values are compared exactly (``solar`` is not ``SOLAR``); empty items are skipped;
      duplicates dropped; CPC's ``BIOGAS``/``OTHER`` read as ``BIOGAZ``/``OTHERS``;
    * the dates are checked first (F01, F06, F02, F03, F04, F05), then the lists;
    * a period before the first date with data is not an error (the server has no data).

    One difference is deliberate: a parameter the resource does not take raises here, while
    the server ignores it (a typo would otherwise go unnoticed).

    Parameters
    ----------
    resource : str
        Resource name or alias.
    params : mapping of str to str
        Decoded query-string parameters (list parameters comma separated).
    today : date-like, optional
        See :func:`validate`.
    strict : bool, default False
        The guide's literal date form only (the emulator's ``strict=True``).

    Returns
    -------
    Query

    Raises
    ------
    RteValidationError
        With the API's code for F01–F06; without a code for a value outside its enum or a
        parameter the resource does not take.

    Examples
    --------
    >>> validate_params("cppt", {"start_date": "2023-02-01", "end_date": "2023-02-14"})
    Traceback (most recent call last):
    ...
    rtecap.exceptions.RteValidationError: GENINSCAP_CPPT_F06: One of the dates ...
    >>> q = validate_params("cppu", {"start_date": "2024-01-01T00:00:00Z",
    ...                              "end_date": "2024-12-31T23:59:59Z"}, today="2026-11-23")
    >>> format_date(q.start), format_date(q.end)
    ('2024-01-01T01:00:00+01:00', '2025-01-01T00:59:59+01:00')
    """
    spec = registry.get(resource, api=registry.GENINSCAP)
    resource = spec.name
    given = {str(name).strip(): value for name, value in params.items()}
    known = {p.name for p in spec.parameters}
    unknown = sorted(set(given) - known)
    if unknown:
        raise RteValidationError(f"{resource} takes no parameter {', '.join(unknown)}",
                                 parameter=unknown[0])
    start, end = given.get("start_date") or None, given.get("end_date") or None
    if (start is None) != (end is None):  # F01
        missing = "end_date" if end is None else "start_date"
        _fail(resource, "F01", missing, f"{missing} is missing")
    for name, text in (("start_date", start), ("end_date", end)):
        if text is not None and not is_wire_date(text, strict=strict):  # F06
            _fail(resource, "F06", name, f"{name}={text!r}")
    period = (None, None)
    if start is not None:
        try:  # F02 .. F05, in Paris wall time
            query = validate(resource, start, end, today=today)
            period = (query.start, query.end)
        except RteValidationError as error:
            if error.code is not None:
                raise
            # the only check without a code left: no data before the first date - the
            # server simply answers nothing there
            period = (to_timestamp(start, "start_date", resource),
                      to_timestamp(end, "end_date", resource))
    filters = {p.name: _wire_list(resource, p, given[p.name]) if given.get(p.name) else ()
               for p in spec.list_parameters}
    return Query(resource, *period, filters)
