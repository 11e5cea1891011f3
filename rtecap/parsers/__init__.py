"""Decoded API payloads (dicts) -> tidy DataFrames. Pure functions: no I/O, no network.

``get_*`` (after fetching) and ``read_*`` (after loading a saved file) both end here, so a
frame built from a live answer and one built from the same answer saved to disk are equal.

Every frame follows rtecap's frame contract: a ``DatetimeIndex`` in Europe/Paris named after
its field; snake_case English columns with the unit as suffix; labels as ``category``
(the guide's enum first, in the guide's order, then any unknown label met, kept with a
``UserWarning``); free text (station names, EIC codes, locations, producers) as pandas'
``str`` dtype, kept exactly as given; numbers as ``float64`` or nullable ``Int64``; rows in time
order (index ascending; ties in the guide's order of the other keys, then on the remaining
columns, so the result does not depend on the order of the payload), or in the guide's output
order with ``order="guide"``; exact duplicate rows dropped. A missing field becomes NaT/NA and
the row is kept, except the index date: rows without it are set aside (``return_undated``).

Real answers differ from the guide; the parsers accept
``type``/``production_type``, ``value``/``values``, producer keys in any case or absent,
``Z`` or ``+hh:mm`` offsets, ints or floats, ``BIOGAS``/``OTHER`` for ``BIOGAZ``/``OTHERS``,
and a top-level key holding one object instead of a list.

Answers of the guide's shape given as bytes (:func:`parse_json`, ``read_*``, ``get_*``) are
read by Arrow's JSON reader straight into columns (:mod:`rtecap.parsers._arrow`); what it does
not read as the checked path would goes to msgspec, which decodes the bytes, or copies the
dicts (``parse_*``), into typed records (:mod:`rtecap.parsers._fast`); any other payload is
parsed from dicts, to the same frame, warnings and errors. Bytes that might repeat a key in an
object go to the checked decoder, which refuses them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap.parsers._bytes import as_json as as_json  # for rtecap.fetch
from rtecap.parsers._bytes import decoder as decoder
from rtecap.parsers._bytes import parse_answers as parse_answers
from rtecap.parsers._bytes import parse_json
from rtecap.parsers._frame import (
    ORDERS,
    drop_exact_duplicates,
    finish,
    row_order,
    scopes,
    sort_frame,
    time_order,
)
from rtecap.parsers._payload import (
    TIME_UNIT,
    UNIT_COLUMNS,
    field,
    floats,
    integers,
    labels,
    objects,
    pluck,
    records,
    strings,
    times,
)
from rtecap.parsers._translate import LANGS, check_lang

__all__ = [
    "LANGS",
    "ORDERS",
    "TIME_UNIT",
    "check_lang",
    "drop_exact_duplicates",
    "parse",
    "parse_capacities_cpc",
    "parse_capacities_per_production_type",
    "parse_capacities_per_production_unit",
    "parse_json",
    "row_order",
    "sort_frame",
    "time_order",
]

_ENUMS: Mapping[str, tuple[str, ...]] = {
    "department_code": m.DEPARTMENT_CODES,
    "network_connection": m.NETWORKS,
}


# --------------------------------------------------------------------------- parsers
def _fast_objects(resource: str, payload: Any, lang: str, order: str,
                  return_undated: bool) -> Any:
    """The fast path's frame of a decoded answer of the guide's shape, else ``None``."""
    row_order(resource, order)  # an unknown order is an error on both paths
    from rtecap.parsers import _fast  # msgspec, on first use

    return _fast.parse_objects(resource, payload, lang=lang, order=order,
                               return_undated=return_undated)


def parse_capacities_per_production_type(
    payload: Mapping[str, Any],
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Parse a ``capacities_per_production_type`` answer (guide §4.1.1.3).

    Parameters
    ----------
    payload : dict
        The decoded JSON: ``{"capacities_per_production_type": [{..., "values": [...]}]}``.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French (guide §6.2).
    order : {"time", "guide"}, default "time"
        "time": index ascending, ties in the guide's order of the other keys (see
        :func:`rtecap.parsers.time_order`), so ``df.loc["2018":"2020"]``, ``resample`` and
        ``asof`` work. "guide": the guide's output order (CPPT-RG05).
    return_undated : bool, default False
        Rows without a ``start_date`` are never rows of the frame (no ``NaT`` in the
        index): they are set aside with a warning that counts them.
        True returns ``(frame, undated)``, ``undated`` holding them under a ``RangeIndex``.

    Returns
    -------
    DataFrame
        One row per (year, production type). Index ``start_date`` (1 January, local
        midnight); columns ``end_date``, ``production_type`` (category),
        ``capacity_mw`` (float64), ``updated_date``. Oldest year first, then production
        type in the guide's order (``order="time"``). ``attrs["rtecap"]["set_aside"]``
        counts the rows set aside.

    Raises
    ------
    ResponseError
        The payload is not a CPPT answer, or a date/number cannot be read.

    Examples
    --------
    >>> payload = {"capacities_per_production_type": [{"values": [{
    ...     "start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
    ...     "type": "NUCLEAR", "value": 63130, "updated_date": "2015-07-05T00:30:00+02:00"}]}]}
    >>> df = parse_capacities_per_production_type(payload)
    >>> df.index[0], float(df["capacity_mw"].iloc[0])
    (Timestamp('2015-01-01 00:00:00+0100', tz='Europe/Paris'), 63130.0)
    """
    lang = check_lang(lang)
    rows = [
        value
        for year in records(payload, m.CPPT)
        for value in objects(field(year, ("values", "value")), f"{m.CPPT}.values")
    ]
    columns = {
        "end_date": times(pluck(rows, "end_date"), "end_date"),
        "production_type": labels(
            pluck(rows, "type", "production_type"), m.PRODUCTION_TYPES, "production_type"
        ),
        "capacity_mw": floats(pluck(rows, "value", "values"), "value"),
        "updated_date": times(pluck(rows, "updated_date"), "updated_date"),
    }
    return finish(m.CPPT, times(pluck(rows, "start_date"), "start_date"), columns, lang,
                  order=order, return_undated=return_undated)


def parse_capacities_per_production_unit(
    payload: Mapping[str, Any],
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Parse a ``capacities_per_production_unit`` answer (guide §4.2.1.3).

    Parameters
    ----------
    payload : dict
        The decoded JSON: ``{"capacities_per_production_unit": [{"production_unit": {...},
        "values": [...]}]}``.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.
    order : {"time", "guide"}, default "time"
        "time": index ascending, ties in the guide's order of the other keys (see
        :func:`rtecap.parsers.time_order`), so ``df.loc["2018":"2020"]``, ``resample`` and
        ``asof`` work. "guide": the guide's output order (CPPU-RG03).
    return_undated : bool, default False
        Rows without a ``start_date`` (a station without any interval, an interval without
        start) are never rows of the frame (no ``NaT`` in the index): they are set aside
        with a warning that counts them.
        True returns ``(frame, undated)``, ``undated`` holding them under a ``RangeIndex``.

    Returns
    -------
    DataFrame
        One row per value interval of each station (station fields repeated). Index
        ``start_date`` of the interval; ``end_date`` is NaT for an interval still open.
        Columns ``code_eic``, ``name``, ``location``, ``producer_code_eic``,
        ``producer_name`` (``str``, as given, NA when absent), ``production_type``
        (category), ``capacity_mw`` and ``voltage_kv`` (float64), ``updated_date``. Sorted
        by interval start, then production type and name (alphabetically, by code point).

    Raises
    ------
    ResponseError
        The payload is not a CPPU answer, or a date/number cannot be read.

    Examples
    --------
    >>> payload = {"capacities_per_production_unit": [{
    ...     "production_unit": {"code_eic": "17W100P100P0341J", "name": "Pont-sur-Sambre",
    ...                         "location": "France"},
    ...     "values": [{"start_date": "2019-08-09T00:00:00+02:00", "installed_capacity": 412,
    ...                 "voltage_level_connection": 225, "type": "FOSSIL_GAS"}]}]}
    >>> df = parse_capacities_per_production_unit(payload)
    >>> df["name"].iloc[0], float(df["capacity_mw"].iloc[0]), float(df["voltage_kv"].iloc[0])
    ('Pont-sur-Sambre', 412.0, 225.0)
    >>> df["end_date"].isna().all()
    np.True_
    """
    lang = check_lang(lang)
    fast = _fast_objects(m.CPPU, payload, lang, order, return_undated)
    if fast is not None:
        return fast
    rows: list[Mapping[str, Any]] = []
    units: list[Mapping[str, Any]] = []
    for station in records(payload, m.CPPU):
        unit = objects(station.get("production_unit"), f"{m.CPPU}.production_unit")
        unit_fields = {str(k).lower(): v for u in unit for k, v in u.items()}
        intervals = objects(field(station, ("values", "value")), f"{m.CPPU}.values") or [{}]
        rows.extend(intervals)
        units.extend([unit_fields] * len(intervals))
    columns: dict[str, Any] = {"end_date": times(pluck(rows, "end_date"), "end_date")}
    for column, key in UNIT_COLUMNS:
        columns[column] = strings(pluck(units, key), f"production_unit.{key}")
    columns["production_type"] = labels(
        pluck(rows, "type", "production_type"), m.PRODUCTION_TYPES, "production_type"
    )
    columns["capacity_mw"] = floats(
        pluck(rows, "installed_capacity", "value", "values"), "installed_capacity"
    )
    columns["voltage_kv"] = floats(
        pluck(rows, "voltage_level_connection"), "voltage_level_connection"
    )
    columns["updated_date"] = times(pluck(rows, "updated_date"), "updated_date")
    return finish(m.CPPU, times(pluck(rows, "start_date"), "start_date"), columns, lang,
                  order=order, return_undated=return_undated)


def parse_capacities_cpc(
    payload: Mapping[str, Any],
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Parse a ``capacities_cpc`` answer (guide §4.3.1.3).

    Parameters
    ----------
    payload : dict
        The decoded JSON: ``{"capacities_cpc": [{"updated_date": ..., "department_code":
        ..., "network_connection": ..., "production_type": ..., "value": ...}]}``.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.
    order : {"time", "guide"}, default "time"
        "time": index ascending, ties in the guide's order of the other keys (see
        :func:`rtecap.parsers.time_order`), so ``df.loc["2018":"2020"]``, ``resample`` and
        ``asof`` work. "guide": the guide's output order (CCPC-RG08).
    return_undated : bool, default False
        Rows without an ``updated_date`` are never rows of the frame (no ``NaT`` in the
        index): CCPC-RG09 placeholders (a requested combination without data: no date, no
        value) are set aside without warning, since they hold no value; any other undated
        record with a warning that counts it.
        True returns ``(frame, undated)``, ``undated`` holding them under a ``RangeIndex``.

    Returns
    -------
    DataFrame
        One row per record. Index ``updated_date``; columns ``department_code``,
        ``scope`` ("national" for the ``FR`` aggregate, CCPC-RG02, "department" otherwise:
        never sum both), ``network_connection``, ``production_type`` (categories: the
        guide's enums, BIOGAS and OTHER read as BIOGAZ and OTHERS) and ``capacity_kw``
        (nullable ``Int64``). Oldest update first, then department, production type and
        network alphabetically.

    Raises
    ------
    ResponseError
        The payload is not a CPC answer, or a date/number cannot be read, or a capacity is
        not a whole number of kW.

    Examples
    --------
    >>> payload = {"capacities_cpc": [{"updated_date": "2016-02-01T00:00:00+01:00",
    ...     "department_code": "FR", "network_connection": "RPD",
    ...     "production_type": "BIOGAS", "values": 323012}]}
    >>> df = parse_capacities_cpc(payload)
    >>> df["production_type"].iloc[0], int(df["capacity_kw"].iloc[0])
    ('BIOGAZ', 323012)
    """
    lang = check_lang(lang)
    fast = _fast_objects(m.CPC, payload, lang, order, return_undated)
    if fast is not None:
        return fast
    rows = records(payload, m.CPC)
    columns = {name: labels(pluck(rows, name), _ENUMS[name], name) for name in _ENUMS}
    columns["production_type"] = labels(
        pluck(rows, "production_type", "type"),
        m.CPC_PRODUCTION_TYPES,
        "production_type",
        aliases=m.CPC_PRODUCTION_TYPE_ALIASES,
    )
    columns["scope"] = scopes(columns["department_code"])
    columns["capacity_kw"] = integers(pluck(rows, "value", "values"), "value")
    return finish(m.CPC, times(pluck(rows, "updated_date"), "updated_date"), columns, lang,
                  order=order, return_undated=return_undated)


def parse(
    resource: str,
    payload: Mapping[str, Any],
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Parse the answer of ``resource`` with its parser.

    Parameters
    ----------
    resource : str
        ``"capacities_per_production_type"``, ``"capacities_per_production_unit"``,
        ``"capacities_cpc"`` or a short alias (``"cppt"``, ``"cppu"``, ``"cpc"``).
    payload : dict
        The decoded JSON answer.
    lang : {"en", "fr"}
        Language of column names and labels.
    order, return_undated
        See ``parse_<resource>``.

    Returns
    -------
    DataFrame
        See ``parse_<resource>``.

    Raises
    ------
    RteValidationError
        Unknown resource or language.
    ResponseError
        The payload is not an answer of ``resource``.

    Examples
    --------
    >>> parse("cpc", {"capacities_cpc": []}).columns.tolist()
    ['department_code', 'scope', 'network_connection', 'production_type', 'capacity_kw']
    """
    return registry.get(resource).parse(payload, lang=lang, order=order,
                                        return_undated=return_undated)
