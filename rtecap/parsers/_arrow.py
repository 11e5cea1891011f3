"""The columnar path: an answer's bytes read by Arrow's JSON reader straight into columns.

pyarrow's reader (C++) parses the document against an explicit schema of the guide's
answer and writes each field into a column as it goes: no Python object per record, no per-row
Python afterwards (the columns are checked and converted by Arrow compute and numpy). It is
strict where the checked path is strict, and refuses, with :class:`pyarrow.ArrowInvalid`, what
does not fit the schema: a key outside it (another spelling or case, rtecap's provenance), a
key repeated in an object (at any level, whatever its escapes), a string where a number is
expected or the reverse, ``true``/``false``, an invalid surrogate, a number beyond a double,
or a second document after the first. What it would read but the checked path reads
otherwise is looked for here, and sends the document on too:

- a date not written ``YYYY-MM-DDThh:mm:ss`` then ``Z`` or ``±hh:mm`` (Arrow would read a
  date without offset as UTC: a silent shift of the Paris offset), or outside 1000-9999;
- ``NaN`` or ``Infinity`` (Arrow reads them; they are not JSON numbers), a CPC value that
  is not whole;
- a label outside the enum (the checked path keeps it as an extra category, with a warning);
- an empty or missing list, a ``null`` in place of a record or of a station's intervals (the
  checked path gives those rows of NaT/NA).

:func:`parse_bytes` then returns ``None`` and the caller tries the next path
(:mod:`rtecap.parsers._fast`, then the checked decoder), so what is accepted, the frame, the
warnings and the errors stay those of :mod:`rtecap.parsers`. Both paths end in
:func:`rtecap.parsers._frame.finish`.

pyarrow is imported with this module (pandas has usually imported it already: its ``str``
dtype is stored in Arrow).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from rtecap import mappings as m
from rtecap._sources import decode_json, strip_bom
from rtecap.parsers._frame import Repeated, finish, scopes
from rtecap.parsers._payload import TIME_UNIT, UNIT_COLUMNS

_TEXT = pa.large_string()  # what pandas' ``str`` dtype holds: no copy to get there
_NUMBER = pa.float64()


def _record(*fields: tuple[str, pa.DataType]) -> pa.StructType:
    return pa.struct([pa.field(name, kind) for name, kind in fields])


_VALUE = _record(("start_date", _TEXT), ("end_date", _TEXT), ("type", _TEXT),
                 ("installed_capacity", _NUMBER), ("voltage_level_connection", _NUMBER),
                 ("updated_date", _TEXT))
_UNIT = _record(*((key, _TEXT) for _, key in UNIT_COLUMNS))
_STATION = _record(("production_unit", _UNIT), ("values", pa.list_(_VALUE)),
                   ("start_date", _TEXT), ("end_date", _TEXT))
_CPC_RECORD = _record(("updated_date", _TEXT), ("department_code", _TEXT),
                      ("network_connection", _TEXT), ("production_type", _TEXT),
                      ("value", _NUMBER))
#: The answers read here: one key (the resource's name), a list of its records.
_ANSWERS = (pa.schema([pa.field(m.CPPU, pa.list_(_STATION))]),
            pa.schema([pa.field(m.CPC, pa.list_(_CPC_RECORD))]))


class _Unfit(Exception):
    """The document is not one this path reads as the checked path would."""


# --------------------------------------------------------------------------- columns
_FIRST = np.datetime64("1000-01-01T00:00:00", "s").astype(np.int64)
_LAST = np.datetime64("9999-12-30T00:00:00", "s").astype(np.int64)


def _times(text: pa.Array) -> pd.DatetimeIndex:
    """``YYYY-MM-DDThh:mm:ss`` + ``Z`` or ``±hh:mm`` (or null) -> Europe/Paris, else _Unfit.

    The form is checked on the bytes (length 20 with ``Z``, or 25 with a sign and ``:`` at
    their places, ``T`` at 10; Arrow's ISO 8601 reader checks every digit, the calendar and the
    ranges of hours, minutes, seconds and offsets).
    """
    valid = np.asarray(text.is_valid())
    if len(text) and valid.any():
        offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)[
            text.offset:text.offset + len(text) + 1]
        start, length = offsets[:-1][valid], np.diff(offsets)[valid]
        if not ((length == 20) | (length == 25)).all():
            raise _Unfit
        data = np.frombuffer(text.buffers()[2], dtype=np.uint8)  # not empty: 20+ bytes each
        t, sign = data[start + 10], data[start + 19]
        colon = data[start + np.minimum(length, 23) - 1]  # at 22 when 25 long
        zulu = (length == 20) & (sign == ord("Z"))
        local = (length == 25) & ((sign == ord("+")) | (sign == ord("-"))) & (colon == ord(":"))
        if not ((t == ord("T")) & (zulu | local)).all():
            raise _Unfit
    try:
        seconds = pc.cast(text, pa.timestamp("s", tz="UTC"))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as err:
        raise _Unfit from err
    stamps = np.asarray(seconds.cast(pa.int64()).fill_null(np.iinfo(np.int64).min))
    dated = stamps[valid]
    if len(dated) and (dated.min() < _FIRST or dated.max() > _LAST):
        raise _Unfit
    micros = np.where(valid, stamps * 1_000_000, np.iinfo(np.int64).min)
    utc = pd.DatetimeIndex(micros.view(f"M8[{TIME_UNIT}]")).tz_localize("UTC")
    return utc.tz_convert(m.TZ)


def _numbers(values: pa.Array) -> np.ndarray:
    """Finite numbers (null -> NaN) as float64, else _Unfit (``NaN``, ``Infinity``)."""
    column = np.asarray(values.to_numpy(zero_copy_only=False), dtype="float64")
    if not np.isfinite(column[np.asarray(values.is_valid())]).all():
        raise _Unfit
    return column


@functools.cache
def _enum(categories: tuple[str, ...], aliases: tuple[tuple[str, str], ...] = ()
          ) -> tuple[pa.Array, np.ndarray, pd.CategoricalDtype]:
    """The spellings of an enum (labels, aliases, then null), the code of each (-1 for the
    null), and its dtype; built once."""
    spelled = pa.array([*categories, *(alias for alias, _ in aliases), None], _TEXT)
    code_of = np.array([*range(len(categories)),
                        *(categories.index(label) for _, label in aliases), -1])
    return spelled, code_of, pd.CategoricalDtype(categories)


def _labels(values: pa.Array, categories: Sequence[str],
            aliases: Mapping[str, str] | None = None) -> pd.Categorical:
    """Labels of the enum (or an alias of one; null -> NaN), else _Unfit."""
    spelled, code_of, dtype = _enum(tuple(categories), tuple(sorted((aliases or {}).items())))
    found = pc.index_in(values, value_set=spelled, skip_nulls=False)  # null: the last
    if found.null_count:
        raise _Unfit  # a label outside the enum: the checked path warns and keeps it
    codes = code_of[np.asarray(found)]
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _text(values: pa.Array) -> Any:
    """Free text as pandas' ``str`` dtype (Arrow-backed: no copy); _Unfit for bytes that are
    not UTF-8 (Arrow's reader does not check them; the checked path refuses them)."""
    values.validate(full=True)  # ArrowInvalid for invalid UTF-8
    return pd.array(values, dtype="str")


def _records(table: pa.Table) -> pa.StructArray:
    """The records under the key of every answer, in answer order; _Unfit for no list or a
    null record."""
    column = table.column(0).combine_chunks()
    if column.null_count:
        raise _Unfit  # ``null`` (or no key): the checked path reads it as no record
    rows = column.flatten()
    if rows.null_count:
        raise _Unfit
    return rows


# --------------------------------------------------------------------------- frames
def _cppu(table: pa.Table, lang: str, order: str, return_undated: bool,
          dated_only: bool = False) -> Any:
    stations = _records(table)
    intervals = stations.field("values")
    if intervals.null_count or (pc.list_value_length(intervals).to_numpy() == 0).any():
        raise _Unfit  # a station without interval: the checked path gives a NaT row
    rows = intervals.flatten()
    if rows.null_count:
        raise _Unfit
    owner = np.asarray(pc.list_parent_indices(intervals))
    unit = dict(zip(_UNIT.names, stations.field("production_unit").flatten(), strict=True))
    columns: dict[str, Any] = {"end_date": _times(rows.field("end_date"))}
    for column, key in UNIT_COLUMNS:  # taken once, in the frame's order, by finish
        columns[column] = Repeated(_text(unit[key]), owner)
    columns["production_type"] = _labels(rows.field("type"), m.PRODUCTION_TYPES)
    columns["capacity_mw"] = _numbers(rows.field("installed_capacity"))
    columns["voltage_kv"] = _numbers(rows.field("voltage_level_connection"))
    columns["updated_date"] = _times(rows.field("updated_date"))
    return finish(m.CPPU, _times(rows.field("start_date")), columns, lang, order=order,
                  return_undated=return_undated)


def _cpc(table: pa.Table, lang: str, order: str, return_undated: bool,
         dated_only: bool = False) -> Any:
    rows = _records(table)
    if dated_only and rows.field("updated_date").null_count:
        raise _Unfit  # a CCPC-RG09 placeholder: fetch.merge's rule decides
    value = _numbers(rows.field("value"))
    if not (np.isnan(value) | ((value == np.round(value)) & (abs(value) <= 2**53))).all():
        raise _Unfit  # not a whole number (or beyond a float's): the checked path decides
    codes = _labels(rows.field("department_code"), m.DEPARTMENT_CODES)
    columns = {
        "department_code": codes,
        "network_connection": _labels(rows.field("network_connection"), m.NETWORKS),
        "production_type": _labels(rows.field("production_type"), m.CPC_PRODUCTION_TYPES,
                                   m.CPC_PRODUCTION_TYPE_ALIASES),
        "scope": scopes(codes),
        "capacity_kw": pd.arrays.IntegerArray(np.nan_to_num(value).astype(np.int64),
                                              np.isnan(value)),
    }
    return finish(m.CPC, _times(rows.field("updated_date")), columns, lang, order=order,
                  return_undated=return_undated)


#: resource (the key of its answers) -> (schema of its answers, builder of its frame).
SCHEMAS: dict[str, tuple[pa.Schema, Callable[..., Any]]] = {
    schema.names[0]: (schema, build) for schema, build in zip(_ANSWERS, (_cppu, _cpc),
                                                              strict=True)
}


def read_table(resource: str, data: bytes | str | memoryview) -> pa.Table | None:
    """One answer (JSON bytes, no BOM) as a one-row Arrow table, or ``None`` when it does not
    fit the schema of ``resource``'s answers (or ``resource`` has no columnar path).

    Arrow's reader releases the interpreter lock: threads reading answers run in parallel.
    """
    if resource not in SCHEMAS:
        return None
    if isinstance(data, str):
        try:
            data = data.encode()
        except UnicodeEncodeError:  # a lone surrogate: the checked path names it
            return None
    size = memoryview(data).nbytes
    try:
        table = pj.read_json(
            pa.BufferReader(data),
            read_options=pj.ReadOptions(use_threads=False, block_size=max(size, 1) + 1),
            parse_options=pj.ParseOptions(explicit_schema=SCHEMAS[resource][0],
                                          newlines_in_values=True,
                                          unexpected_field_behavior="error"),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    return table if table.num_rows == 1 else None  # more: documents after the first


def frame(resource: str, tables: Sequence[pa.Table], *, lang: str, order: str,
          return_undated: bool, dated_only: bool = False) -> Any:
    """The frame of the records of every answer in ``tables`` (from :func:`read_table`), or
    ``None`` when one of them holds what this path does not read as the checked path would.

    Several answers are read as the concatenation of their records (``fetch.merge``'s
    "concat"; its "dedupe_units" only spares the parser rows it drops anyway): repeated rows
    are dropped by :func:`~rtecap.parsers._frame.finish`. ``dated_only``: ``None`` for a CPC
    record without ``updated_date`` (a placeholder, which ``fetch.merge`` judges across calls).
    """
    if not tables:
        return None
    table = tables[0] if len(tables) == 1 else pa.concat_tables(tables)
    try:
        return SCHEMAS[resource][1](table, lang, order, return_undated, dated_only)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, _Unfit):
        return None


class Columns(NamedTuple):
    """An answer read into Arrow columns (:func:`read_table`), with its bytes, should the
    checked path have to read it after all."""

    table: pa.Table
    content: bytes


def decoder(resource: str) -> Callable[[bytes], Any]:
    """The ``decode`` of :meth:`rtecap.Client.get_answer` for ``resource``'s answers.

    Bytes that fit the columnar path become :class:`Columns`; any other bytes are decoded by
    :func:`rtecap._sources.decode_json` (a dict; :class:`~rtecap.exceptions.ResponseError`
    for what is not JSON).
    """
    def decode(content: bytes) -> Any:
        table = read_table(resource, strip_bom(content))
        return Columns(table, content) if table is not None else decode_json(content)

    return decode


def as_json(answer: Any) -> Any:
    """The decoded JSON of an answer that :func:`decoder`'s function gave."""
    return decode_json(answer.content) if isinstance(answer, Columns) else answer


def parse_bytes(resource: str, data: bytes | str | memoryview, *, lang: str, order: str,
                return_undated: bool) -> Any:
    """The frame of an answer given as JSON bytes (no BOM), or ``None`` when it does not fit.

    ``resource`` is a full resource name; the options are those of ``parse_<resource>``.
    """
    table = read_table(resource, data)
    if table is None:
        return None
    return frame(resource, [table], lang=lang, order=order, return_undated=return_undated)
