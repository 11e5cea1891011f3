"""List parameters as users type them -> the API's codes, or an error that points at the fix.

:func:`list_values` serves :func:`rtecap.rules.validate` and the loaders: what a user types
(the wire-strict reading of :func:`rtecap.rules.validate_params` is ``rtecap._wire``'s). It
accepts, on top of the API's codes in any case:

* department codes as numbers or short codes: ``75``, ``"75"``, ``"fr-75"``, ``"FR75"`` ->
  ``FR-75``; ``"2a"`` -> ``FR-2A``; ``1`` -> ``FR-01``; ``"France"`` -> ``FR``;
* production types with spaces or hyphens for underscores and the French labels of the
  guide's §6.2 (``EOLIEN_TERRESTRE`` -> ``WIND_ONSHORE``, ``"nucléaire"`` -> ``NUCLEAR``).

An unknown value raises an error that suggests the nearest valid codes
(``"wind"`` for CPPT -> ``WIND_OFFSHORE, WIND_ONSHORE``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping

from rtecap import mappings as m
from rtecap.exceptions import RteValidationError

_SEPARATORS = re.compile(r"[\s_\-]+")
_DEPARTMENT = re.compile(r"^(?:FR)?[_\-\s]*(\d{1,3}|2A|2B)$")
#: Longest list of valid values written out in an error message.
_LIST_ALL = 20


def _key(text: str) -> str:
    """Compare labels without case, accents, or the difference of spaces, ``-`` and ``_``."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _SEPARATORS.sub("_", plain.strip().upper()).strip("_")


def department_code(raw: object) -> str:
    """Return the ISO 3166-2:FR form of a department code typed as a user would.

    Examples
    --------
    >>> [department_code(v) for v in (75, "75", "fr-75", "2a", 1, "974", "france")]
    ['FR-75', 'FR-75', 'FR-75', 'FR-2A', 'FR-01', 'FR-974', 'FR']
    """
    text = _key(str(raw))
    if text in ("FR", "FRANCE"):
        return "FR"
    match = _DEPARTMENT.match(text)
    if not match:
        return text
    code = match.group(1)
    return f"FR-{code.zfill(2) if code.isdigit() else code}"


def _labels(allowed: Iterable[str], aliases: Mapping[str, str]) -> dict[str, str]:
    """Every accepted spelling (as :func:`_key`) -> its code: codes, aliases, French labels."""
    codes = list(allowed)
    table = {_key(fr): en for en, fr in m.PRODUCTION_TYPE_FR.items() if en in codes}
    table.update({_key(alias): code for alias, code in aliases.items()})
    table.update({_key(code): code for code in codes})
    return table


def suggest(raw: object, allowed: Iterable[str], aliases: Mapping[str, str] | None = None,
            limit: int = 5) -> list[str]:
    """Return the valid codes nearest to a value: those containing it, then close spellings.

    Examples
    --------
    >>> suggest("wind", m.PRODUCTION_TYPES)
    ['WIND_OFFSHORE', 'WIND_ONSHORE']
    >>> suggest("NUCLAER", m.PRODUCTION_TYPES)
    ['NUCLEAR']
    """
    key = _key(str(raw))
    table = _labels(allowed, aliases or {})
    order = list(allowed).index
    within = sorted({code for label, code in table.items()
                     if key and (key in label or (len(label) > 3 and label in key))}, key=order)
    close = [table[label] for label in difflib.get_close_matches(key, table, n=limit)]
    return list(dict.fromkeys(within + close))[:limit]


def _unknown(resource: str, name: str, raw: object, allowed: tuple[str, ...],
             aliases: Mapping[str, str], read_as: str) -> RteValidationError:
    near = suggest(read_as, allowed, aliases)
    head = f"{name}={raw!r} is not a value the API accepts for {resource}"
    if name == "department_code":
        tail = "expected FR (France) or an ISO 3166-2:FR code such as FR-75, FR-2A, FR-974"
        tail += f" (nearest: {', '.join(near[:3])})" if near else ""
    elif near and len(near) < len(allowed):  # pointing at every value would not help
        tail = f"did you mean {', '.join(near)}?"
    elif len(allowed) <= _LIST_ALL:
        tail = f"expected one of {', '.join(allowed)}"
    else:
        tail = f"expected one of {len(allowed)} values, e.g. {', '.join(allowed[:3])}"
    return RteValidationError(f"{head}; {tail}", parameter=name)


def _items(values: object) -> list:
    if isinstance(values, str):
        return values.split(",")
    if isinstance(values, Iterable) and not isinstance(values, bytes | Mapping):
        return list(values)
    return [values]  # one number (department 75) or another single value


def list_values(resource: str, name: str, values: object, allowed: Iterable[str],
                aliases: Mapping[str, str] | None = None) -> tuple:
    """Check a list parameter and return its codes, duplicates removed (CPPT-RG07, CCPC-RG10).

    Parameters
    ----------
    resource, name : str
        The resource and parameter, named in errors.
    values : str, int, or iterable, optional
        One value, a comma-separated string, or several values; None: no filter.
    allowed : iterable of str
        The API's codes for this parameter.
    aliases : mapping, optional
        Other spellings the API accepts (``BIOGAS`` for ``BIOGAZ``).

    Returns
    -------
    tuple of str
        The codes, in the order given.

    Raises
    ------
    RteValidationError
        A value is not valid; the message suggests the nearest valid codes.
    """
    if values is None:
        return ()
    aliases = aliases or {}
    allowed = tuple(allowed)
    table = _labels(allowed, aliases)
    out: list[str] = []
    for raw in _items(values):
        if name == "department_code":
            value = department_code(raw)
        else:
            value = table.get(_key(str(raw)), str(raw))
        if value not in allowed:
            raise _unknown(resource, name, raw, allowed, aliases, value)
        if value not in out:
            out.append(value)
    return tuple(out)
