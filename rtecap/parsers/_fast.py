"""The fast path: an answer's bytes decoded by msgspec into typed records, then columns.

msgspec checks the shape while it decodes (in C): each record must have exactly the fields
the guide's answers have (``forbid_unknown_fields``), with a string, a number or ``null``
where expected. Such a payload becomes columns without a Python ``dict`` per record; any
other payload (another spelling, a key in another case, a number written as a string, a
top-level key in another case ...) does not fit, and :func:`parse_bytes` returns ``None``:
the caller then decodes it to dicts and parses it as before (:mod:`rtecap.parsers`), so what
is accepted, and how, stays the same. Both paths share the column builders and
:func:`rtecap.parsers._frame.finish`.

msgspec is imported with this module, which :mod:`rtecap.parsers` imports on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
import numpy as np
import pandas as pd

from rtecap import mappings as m
from rtecap.parsers._frame import finish, scopes
from rtecap.parsers._payload import UNIT_COLUMNS, floats, integers, labels, times


class _Value(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """One interval of a CPPU station (guide §4.2.1.3)."""

    start_date: str | None = None
    end_date: str | None = None
    type: str | None = None
    installed_capacity: float | None = None
    voltage_level_connection: float | None = None
    updated_date: str | None = None


class _Unit(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A CPPU ``production_unit`` (producer keys in the example's lower case)."""

    code_eic: str | None = None
    name: str | None = None
    location: str | None = None
    code_eic_producteur: str | None = None
    name_producteur: str | None = None


class _Station(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A CPPU station: its unit and its intervals (the call's period aside)."""

    production_unit: _Unit | None = None
    values: list[_Value] | _Value | None = None
    start_date: str | None = None
    end_date: str | None = None


class _Cppu(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    capacities_per_production_unit: list[_Station] | _Station | None
    rtecap: Any = None  # provenance of a file written by get_*(raw=...)


class _Record(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    """A CPC record (guide §4.3.1.3)."""

    updated_date: str | None = None
    department_code: str | None = None
    network_connection: str | None = None
    production_type: str | None = None
    value: float | None = None


class _Cpc(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    capacities_cpc: list[_Record] | _Record | None
    rtecap: Any = None


def _listed(value: Any, kind: type) -> list:
    """``None`` -> [], one record -> [it], a list -> itself (as :func:`objects` does)."""
    if value is None:
        return []
    return [value] if isinstance(value, kind) else value


def _strings(values: list[str | None], repeats: np.ndarray) -> Any:
    """Free text of each station, as pandas' ``str`` dtype, repeated for its intervals."""
    return pd.array(values, dtype="str").take(repeats)


def _cppu(answer: _Cppu, lang: str, order: str, return_undated: bool) -> Any:
    stations = _listed(answer.capacities_per_production_unit, _Station)
    rows: list[_Value] = []
    sizes = np.empty(len(stations), dtype=np.int64)
    for i, station in enumerate(stations):
        values = _listed(station.values, _Value) or [_Value()]
        rows.extend(values)
        sizes[i] = len(values)
    repeats = np.repeat(np.arange(len(stations)), sizes)
    units = [station.production_unit or _Unit() for station in stations]
    columns: dict[str, Any] = {"end_date": times([r.end_date for r in rows], "end_date")}
    for column, key in UNIT_COLUMNS:
        columns[column] = _strings([getattr(unit, key) for unit in units], repeats)
    columns["production_type"] = labels(
        [r.type for r in rows], m.PRODUCTION_TYPES, "production_type"
    )
    columns["capacity_mw"] = floats([r.installed_capacity for r in rows], "installed_capacity")
    columns["voltage_kv"] = floats(
        [r.voltage_level_connection for r in rows], "voltage_level_connection"
    )
    columns["updated_date"] = times([r.updated_date for r in rows], "updated_date")
    return finish(m.CPPU, times([r.start_date for r in rows], "start_date"), columns, lang,
                  order=order, return_undated=return_undated)


def _cpc(answer: _Cpc, lang: str, order: str, return_undated: bool) -> Any:
    rows = _listed(answer.capacities_cpc, _Record)
    columns = {
        "department_code": labels(
            [r.department_code for r in rows], m.DEPARTMENT_CODES, "department_code"
        ),
        "network_connection": labels(
            [r.network_connection for r in rows], m.NETWORKS, "network_connection"
        ),
        "production_type": labels(
            [r.production_type for r in rows],
            m.CPC_PRODUCTION_TYPES,
            "production_type",
            aliases=m.CPC_PRODUCTION_TYPE_ALIASES,
        ),
    }
    columns["scope"] = scopes(columns["department_code"])
    columns["capacity_kw"] = integers([r.value for r in rows], "value")
    return finish(m.CPC, times([r.updated_date for r in rows], "updated_date"), columns, lang,
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

    ``resource`` is a full resource name; the options are those of ``parse_<resource>``.
    """
    if resource not in _FAST:
        return None
    decoder, _, build = _FAST[resource]
    try:
        answer = decoder.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError):  # ValidationError is a DecodeError
        return None
    return build(answer, lang, order, return_undated)


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
    return build(answer, lang, order, return_undated)
