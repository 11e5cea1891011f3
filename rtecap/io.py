"""Loaders: ``read_<resource>`` for saved answers (and, later, ``get_<resource>`` for live ones).

Both end with the same parser (:mod:`rtecap.parsers`), so a saved answer gives the frame the
live call gave.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import IO, Any

import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import ResponseError
from rtecap.parsers import parse

#: What ``read_*`` accepts: a path, a file object (text or binary), a JSON string or bytes,
#: or an already-decoded dict.
PayloadSource = str | os.PathLike | IO[str] | IO[bytes] | bytes | Mapping[str, Any]


# ---- reading saved payloads
def decode_json(data: str | bytes | bytearray) -> Any:
    """Decode a JSON document, tolerating a UTF-8 byte-order mark.

    Parameters
    ----------
    data : str or bytes
        The document (bytes are read as UTF-8).

    Returns
    -------
    object
        The decoded value.

    Raises
    ------
    ResponseError
        The text is not valid JSON (or the bytes not UTF-8).

    Examples
    --------
    >>> decode_json(b'\\xef\\xbb\\xbf{"capacities_cpc": []}')
    {'capacities_cpc': []}
    """
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes | bytearray) else data
        return json.loads(text.lstrip("\ufeff"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ResponseError(f"not a JSON document: {err}") from err


def _load_payload(source: PayloadSource) -> Mapping[str, Any]:
    """Return the decoded payload of a path, file object, JSON text/bytes or dict.

    A ``str`` whose first non-blank character (after an optional BOM) is ``{`` or ``[`` is
    JSON text; any other ``str`` is a path.
    """
    if isinstance(source, Mapping):
        return source
    if isinstance(source, bytes | bytearray):
        return decode_json(source)
    if isinstance(source, str) and source.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return decode_json(source)
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return decode_json(handle.read())
    if hasattr(source, "read"):
        return decode_json(source.read())
    raise TypeError(
        "expected a path, a file object, JSON text or bytes, or a dict; "
        f"got {type(source).__name__}"
    )


def _read(resource: str, source: PayloadSource, lang: str) -> pd.DataFrame:
    return parse(resource, _load_payload(source), lang=lang)


def read_capacities_per_production_type(
    path_or_buffer: PayloadSource, lang: str = "en"
) -> pd.DataFrame:
    """Read a saved ``capacities_per_production_type`` answer into a tidy frame.

    Parameters
    ----------
    path_or_buffer : str, path-like, file object, bytes or dict
        A JSON file (path or open file, text or binary, UTF-8 with or without BOM), the JSON
        text itself, or the decoded dict.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.

    Returns
    -------
    DataFrame
        As :func:`rtecap.parsers.parse_capacities_per_production_type`: index
        ``start_date`` (1 January, local midnight), columns ``end_date``,
        ``production_type``, ``capacity_mw``, ``updated_date``; most recent year first
        (CPPT-RG05).

    Raises
    ------
    ResponseError
        Not JSON, or not a CPPT answer.
    FileNotFoundError
        No file at that path.

    Examples
    --------
    >>> text = '''{"capacities_per_production_type": [{"values": [
    ...   {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
    ...    "type": "FOSSIL_GAS", "value": 6121, "updated_date": "2015-07-05T00:30:00+02:00"}]}]}'''
    >>> df = read_capacities_per_production_type(text)
    >>> df.index[0], df["production_type"].iloc[0], float(df["capacity_mw"].iloc[0])
    (Timestamp('2015-01-01 00:00:00+0100', tz='Europe/Paris'), 'FOSSIL_GAS', 6121.0)
    """
    return _read(m.CPPT, path_or_buffer, lang)


def read_capacities_per_production_unit(
    path_or_buffer: PayloadSource, lang: str = "en"
) -> pd.DataFrame:
    """Read a saved ``capacities_per_production_unit`` answer into a tidy frame.

    Parameters
    ----------
    path_or_buffer : str, path-like, file object, bytes or dict
        A JSON file (path or open file, text or binary, UTF-8 with or without BOM), the JSON
        text itself, or the decoded dict.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.

    Returns
    -------
    DataFrame
        As :func:`rtecap.parsers.parse_capacities_per_production_unit`: one row per value
        interval of each station, index ``start_date`` of the interval; sorted by
        production type then name (CPPU-RG03).

    Raises
    ------
    ResponseError
        Not JSON, or not a CPPU answer.
    FileNotFoundError
        No file at that path.

    Examples
    --------
    >>> import io
    >>> buffer = io.BytesIO(b'''{"capacities_per_production_unit": [{
    ...   "production_unit": {"code_eic": "17W100P100P0341J", "name": "Pont-sur-Sambre",
    ...     "location": "France", "code_eic_producteur": "17X100A100R0172T",
    ...     "name_producteur": "TOTAL DIRECT ENERGIE"},
    ...   "values": [{"start_date": "2019-08-09T00:00:00+02:00",
    ...     "end_date": "2022-05-16T00:00:00+02:00", "installed_capacity": 412,
    ...     "voltage_level_connection": 225, "type": "FOSSIL_GAS",
    ...     "updated_date": "2022-06-02T11:49:52+02:00"}]}]}''')
    >>> df = read_capacities_per_production_unit(buffer)
    >>> df[["name", "producer_name", "production_type"]].iloc[0].tolist()
    ['Pont-sur-Sambre', 'TOTAL DIRECT ENERGIE', 'FOSSIL_GAS']
    """
    return _read(m.CPPU, path_or_buffer, lang)


def read_capacities_cpc(path_or_buffer: PayloadSource, lang: str = "en") -> pd.DataFrame:
    """Read a saved ``capacities_cpc`` answer into a tidy frame.

    Parameters
    ----------
    path_or_buffer : str, path-like, file object, bytes or dict
        A JSON file (path or open file, text or binary, UTF-8 with or without BOM), the JSON
        text itself, or the decoded dict.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.

    Returns
    -------
    DataFrame
        As :func:`rtecap.parsers.parse_capacities_cpc`: index ``updated_date``, columns
        ``department_code``, ``network_connection``, ``production_type``, ``capacity_kw``
        (Int64); ordered per CCPC-RG08.

    Raises
    ------
    ResponseError
        Not JSON, or not a CPC answer.
    FileNotFoundError
        No file at that path.

    Examples
    --------
    >>> payload = {"capacities_cpc": [
    ...     {"updated_date": "2016-02-01T00:00:00+01:00", "department_code": "FR",
    ...      "network_connection": "RPT", "production_type": "BIOGAS", "values": 2925},
    ...     {"updated_date": "2016-02-01T00:00:00+01:00", "department_code": "FR",
    ...      "network_connection": "RPD", "production_type": "BIOGAS", "values": 323012}]}
    >>> df = read_capacities_cpc(payload, lang="fr")
    >>> df.index.name, df.columns[-1]
    ('date_mise_a_jour', 'puissance_kw')
    >>> df["type_production"].tolist(), df["puissance_kw"].tolist()
    (['BIOGAZ', 'BIOGAZ'], [323012, 2925])
    """
    return _read(m.CPC, path_or_buffer, lang)
