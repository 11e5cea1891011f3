"""The fast path: an answer's bytes decoded by msgspec into typed records, then columns.

msgspec checks the shape while it decodes (in C): each record must have exactly the fields
the guide's answers have (``forbid_unknown_fields``), with a string, a number or ``null``
where expected. Such a payload becomes columns without a Python ``dict`` per record; any
other payload (another spelling, a key in another case, a number written as a string, a
top-level key in another case ...) does not fit, and :func:`parse_bytes` returns ``None``:
the caller then decodes it to dicts and parses it as before (:mod:`rtecap.parsers`), so what
is accepted, and how, stays the same. Both paths share the column builders and
:func:`rtecap.parsers._frame.finish`.

Repeated keys (issue 16). msgspec keeps the last of ``{"value": 1, "value": 2}`` without a
word; the checked decoder (:func:`rtecap._sources.decode_json`) refuses it. So the fast path
counts, and takes a document only when two counts agree; otherwise :func:`parse_bytes` returns
``None`` and the checked path decodes it (and names a repeated key):

- ``present``: the keys msgspec kept. Every field defaults to :data:`msgspec.UNSET`, which
  JSON cannot spell, so a field is set exactly when its object had the key at least once
  (``null`` included); ``present`` sums, over every decoded record, its set fields, plus the
  keys of the dicts inside the provenance (``rtecap``, decoded as plain objects).
- ``marks``: in the bytes, the colons whose previous byte other than JSON white space is a
  ``"`` (:func:`rtecap._sources.key_marks`, shared with :func:`rtecap._sources.decode_json`).

Why ``present == marks`` proves that no object repeats a key. Let ``K`` be the number of key
tokens in the document. (1) ``present <= K``: each record is one distinct JSON object, every
key of such an object is one of its fields (``forbid_unknown_fields``), and a set field stands
for at least one of its keys; a decoded dict holds at most as many keys as its object has key
tokens. Equality holds only if no object repeats a key: a repeated key is two tokens for one
set field, or one dict entry. (2) ``K <= marks``: a key token is a string followed by optional
white space and a colon; its closing quote is an unescaped ``"``, so each key gives a colon
whose previous non-blank byte is ``"``, and distinct keys give distinct colons (whatever the
key's spelling: escapes such as ``"val\u0075e"`` do not matter, nor does the same name at
several levels). Colons inside strings (``"a\":b"``) can only add marks. Hence
``present <= K <= marks``, and ``present == marks`` forces ``present == K``: no repeated key.
A mismatch (a repeated key, or merely a ``":`` inside a string) falls back to the checked
path, which refuses the first and parses the second as before.

The count costs one pass of numpy over the bytes (a regular expression instead when some
colon follows white space, which compact and ``json.dumps`` output never have).

msgspec is imported with this module, which :mod:`rtecap.parsers` imports on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

import msgspec
import numpy as np
from msgspec import UNSET, UnsetType

from rtecap import mappings as m
from rtecap._sources import count_keys, key_marks
from rtecap.parsers._frame import Repeated, finish, scopes
from rtecap.parsers._payload import (
    UNIT_COLUMNS,
    floats,
    integers,
    labels,
    text_array,
    times,
)

# Every field defaults to UNSET (absent), which no JSON value decodes to: a field is set
# exactly when its object had the key (see the module's docstring).


class _Value(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """One interval of a CPPU station (guide §4.2.1.3)."""

    start_date: str | None | UnsetType = UNSET
    end_date: str | None | UnsetType = UNSET
    type: str | None | UnsetType = UNSET
    installed_capacity: float | None | UnsetType = UNSET
    voltage_level_connection: float | None | UnsetType = UNSET
    updated_date: str | None | UnsetType = UNSET


class _Unit(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A CPPU ``production_unit`` (producer keys in the example's lower case)."""

    code_eic: str | None | UnsetType = UNSET
    name: str | None | UnsetType = UNSET
    location: str | None | UnsetType = UNSET
    code_eic_producteur: str | None | UnsetType = UNSET
    name_producteur: str | None | UnsetType = UNSET


class _Station(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A CPPU station: its unit and its intervals (the call's period aside)."""

    production_unit: _Unit | None | UnsetType = UNSET
    values: list[_Value] | _Value | None | UnsetType = UNSET
    start_date: str | None | UnsetType = UNSET
    end_date: str | None | UnsetType = UNSET


class _Cppu(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    capacities_per_production_unit: list[_Station] | _Station | None
    rtecap: Any = UNSET  # provenance of a file written by get_*(raw=...)


class _Record(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A CPC record (guide §4.3.1.3)."""

    updated_date: str | None | UnsetType = UNSET
    department_code: str | None | UnsetType = UNSET
    network_connection: str | None | UnsetType = UNSET
    production_type: str | None | UnsetType = UNSET
    value: float | None | UnsetType = UNSET


class _Cpc(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    capacities_cpc: list[_Record] | _Record | None
    rtecap: Any = UNSET


def _fields(records: list, kind: type[msgspec.Struct]) -> tuple[dict[str, list], int]:
    """Each field of ``records`` as a list (absent -> ``None``), and how many were set."""
    columns: dict[str, list] = {}
    present = 0
    for name in kind.__struct_fields__:
        column = list(map(attrgetter(name), records))
        absent = column.count(UNSET)
        if absent:
            column = [None if v is UNSET else v for v in column]
        columns[name] = column
        present += len(column) - absent
    return columns, present


def _top(answer: Any) -> int:
    """The keys kept at the top level: the records' key, and the provenance with its keys."""
    return 1 if answer.rtecap is UNSET else 2 + count_keys(answer.rtecap)


def _listed(value: Any, kind: type) -> list:
    """``None`` -> [], one record -> [it], a list -> itself (as :func:`objects` does)."""
    if value is None:
        return []
    return [value] if isinstance(value, kind) else value


def _strings(values: list[str | None], repeats: np.ndarray, name: str) -> Any:
    """Free text of each station, as pandas' ``str`` dtype, repeated for its intervals."""
    return Repeated(text_array(values, name), repeats)  # taken once, in order, by finish


def _cppu(answer: _Cppu, marks: int | None, lang: str, order: str,
          return_undated: bool) -> Any:
    stations = _listed(answer.capacities_per_production_unit, _Station)
    station, present = _fields(stations, _Station)
    rows: list[_Value] = []
    sizes = np.empty(len(stations), dtype=np.int64)
    for i, values in enumerate(station["values"]):
        values = _listed(values, _Value) or [_Value()]  # no interval: one row of NaT/NA
        rows.extend(values)
        sizes[i] = len(values)
    units = [unit or _Unit() for unit in station["production_unit"]]
    unit, kept = _fields(units, _Unit)
    present += kept
    row, kept = _fields(rows, _Value)
    present += kept + _top(answer)
    if marks is not None and present != marks:
        return None  # a repeated key, or a ":" inside a string: the checked path decides
    repeats = np.repeat(np.arange(len(stations)), sizes)
    columns: dict[str, Any] = {"end_date": times(row["end_date"], "end_date")}
    for column, key in UNIT_COLUMNS:
        columns[column] = _strings(unit[key], repeats, key)
    columns["production_type"] = labels(row["type"], m.PRODUCTION_TYPES, "production_type")
    columns["capacity_mw"] = floats(row["installed_capacity"], "installed_capacity")
    columns["voltage_kv"] = floats(row["voltage_level_connection"], "voltage_level_connection")
    columns["updated_date"] = times(row["updated_date"], "updated_date")
    return finish(m.CPPU, times(row["start_date"], "start_date"), columns, lang,
                  order=order, return_undated=return_undated)


def _cpc(answer: _Cpc, marks: int | None, lang: str, order: str, return_undated: bool) -> Any:
    row, present = _fields(_listed(answer.capacities_cpc, _Record), _Record)
    if marks is not None and present + _top(answer) != marks:
        return None  # a repeated key, or a ":" inside a string: the checked path decides
    columns = {
        "department_code": labels(row["department_code"], m.DEPARTMENT_CODES, "department_code"),
        "network_connection": labels(row["network_connection"], m.NETWORKS,
                                     "network_connection"),
        "production_type": labels(
            row["production_type"],
            m.CPC_PRODUCTION_TYPES,
            "production_type",
            aliases=m.CPC_PRODUCTION_TYPE_ALIASES,
        ),
    }
    columns["scope"] = scopes(columns["department_code"])
    columns["capacity_kw"] = integers(row["value"], "value")
    return finish(m.CPC, times(row["updated_date"], "updated_date"), columns, lang,
                  order=order, return_undated=return_undated)


#: resource (the top-level key of its answers) -> (decoder of its answers, their type, builder
#: of the frame).
_FAST: dict[str, tuple[msgspec.json.Decoder, type, Callable[..., Any]]] = {
    kind.__struct_fields__[0]: (msgspec.json.Decoder(kind), kind, build)
    for kind, build in ((_Cppu, _cppu), (_Cpc, _cpc))
}


def parse_bytes(resource: str, data: bytes | str | memoryview, *, lang: str, order: str,
                return_undated: bool) -> Any:
    """The frame of an answer given as JSON bytes (no BOM), or ``None`` when it does not fit.

    ``None`` too when the document might repeat a key (see the module's docstring): the
    checked path then decodes it. ``resource`` is a full resource name; the options are those
    of ``parse_<resource>``.
    """
    if resource not in _FAST:
        return None
    decoder, _, build = _FAST[resource]
    try:
        answer = decoder.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):  # too deep: checked path
        return None  # (ValidationError is a DecodeError)
    return build(answer, key_marks(data), lang, order, return_undated)


def parse_objects(resource: str, payload: Any, *, lang: str, order: str,
                  return_undated: bool) -> Any:
    """The frame of an already decoded answer (dicts), or ``None`` when it does not fit.

    :func:`msgspec.convert` checks and copies the dicts into the same typed records, in C.
    """
    if resource not in _FAST or type(payload) is not dict:
        return None
    _, kind, build = _FAST[resource]
    try:
        answer: Any = msgspec.convert(payload, kind)
    except msgspec.ValidationError:
        return None
    return build(answer, None, lang, order, return_undated)  # dicts: no key repeated
