"""Loaders: ``read_<resource>`` for saved answers, ``get_<resource>`` for the API.

Both end with the same parser (:mod:`rtecap.parsers`), so a saved answer gives the frame the
live call gave. The ``get_*`` loaders are written in :mod:`rtecap._loaders` and re-exported
here.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from rtecap import mappings as m
from rtecap._loaders import (
    get_capacities_cpc,
    get_capacities_per_production_type,
    get_capacities_per_production_unit,
)
from rtecap._sources import PayloadSource, decode_json, load_payload, read_source
from rtecap.parsers import check_lang, parse, parse_json

__all__ = [
    "PayloadSource",
    "decode_json",
    "get_capacities_cpc",
    "get_capacities_per_production_type",
    "get_capacities_per_production_unit",
    "load_payload",
    "read_capacities_cpc",
    "read_capacities_per_production_type",
    "read_capacities_per_production_unit",
]

def _read(resource: str, source: PayloadSource, lang: str, order: str,
          return_undated: bool) -> pd.DataFrame:
    lang = check_lang(lang)  # before opening anything
    if isinstance(source, Mapping):
        return parse(resource, source, lang=lang, order=order, return_undated=return_undated)
    return parse_json(resource, read_source(source), lang=lang, order=order,
                      return_undated=return_undated)


def read_capacities_per_production_type(
    source: PayloadSource,
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Read a saved ``capacities_per_production_type`` answer into a tidy frame.

    Parameters
    ----------
    source : str, path-like, file object, bytes or dict
        A JSON file (path or open file, text or binary, UTF-8 with or without BOM), its
        bytes, or the decoded dict. A ``str`` is a path, as in pandas 3: wrap JSON text in
        :class:`io.StringIO`.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.
    order, return_undated
        Row order ("time", default, or "guide") and the rows without index date, as
        :func:`rtecap.parsers.parse`.

    Returns
    -------
    DataFrame
        As :func:`rtecap.parsers.parse_capacities_per_production_type`: index
        ``start_date`` (1 January, local midnight), columns ``end_date``,
        ``production_type``, ``capacity_mw``, ``updated_date``; oldest year first
        (``order="guide"``: most recent first, CPPT-RG05).

    Raises
    ------
    ResponseError
        Not JSON, or not a CPPT answer.
    FileNotFoundError
        No file at that path (for a ``str`` holding JSON text, the message points to
        :class:`io.StringIO`).

    Examples
    --------
    >>> import io
    >>> text = io.StringIO('''{"capacities_per_production_type": [{"values": [
    ...   {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
    ...    "type": "FOSSIL_GAS", "value": 6121, "updated_date": "2015-07-05T00:30:00+02:00"}]}]}''')
    >>> df = read_capacities_per_production_type(text)
    >>> df.index[0], df["production_type"].iloc[0], float(df["capacity_mw"].iloc[0])
    (Timestamp('2015-01-01 00:00:00+0100', tz='Europe/Paris'), 'FOSSIL_GAS', 6121.0)
    """
    return _read(m.CPPT, source, lang, order, return_undated)


def read_capacities_per_production_unit(
    source: PayloadSource,
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Read a saved ``capacities_per_production_unit`` answer into a tidy frame.

    Parameters
    ----------
    source : str, path-like, file object, bytes or dict
        A JSON file (path or open file, text or binary, UTF-8 with or without BOM), its
        bytes, or the decoded dict. A ``str`` is a path, as in pandas 3: wrap JSON text in
        :class:`io.StringIO`.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.
    order, return_undated
        Row order ("time", default, or "guide") and the rows without index date, as
        :func:`rtecap.parsers.parse`.

    Returns
    -------
    DataFrame
        As :func:`rtecap.parsers.parse_capacities_per_production_unit`: one row per value
        interval of each station, index ``start_date`` of the interval; sorted by start,
        then production type and name (``order="guide"``: CPPU-RG03).

    Raises
    ------
    ResponseError
        Not JSON, or not a CPPU answer.
    FileNotFoundError
        No file at that path (for a ``str`` holding JSON text, the message points to
        :class:`io.StringIO`).

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
    return _read(m.CPPU, source, lang, order, return_undated)


def read_capacities_cpc(
    source: PayloadSource,
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Read a saved ``capacities_cpc`` answer into a tidy frame.

    Parameters
    ----------
    source : str, path-like, file object, bytes or dict
        A JSON file (path or open file, text or binary, UTF-8 with or without BOM), its
        bytes, or the decoded dict. A ``str`` is a path, as in pandas 3: wrap JSON text in
        :class:`io.StringIO`.
    lang : {"en", "fr"}
        Column names and labels in English (default) or French.
    order, return_undated
        Row order ("time", default, or "guide") and the rows without index date, as
        :func:`rtecap.parsers.parse`.

    Returns
    -------
    DataFrame
        As :func:`rtecap.parsers.parse_capacities_cpc`: index ``updated_date``, columns
        ``department_code``, ``scope`` (national / department), ``network_connection``,
        ``production_type``, ``capacity_kw`` (Int64); oldest update first
        (``order="guide"``: CCPC-RG08).

    Raises
    ------
    ResponseError
        Not JSON, or not a CPC answer.
    FileNotFoundError
        No file at that path (for a ``str`` holding JSON text, the message points to
        :class:`io.StringIO`).

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
    >>> df["perimetre"].tolist()
    ['national', 'national']
    """
    return _read(m.CPC, source, lang, order, return_undated)
