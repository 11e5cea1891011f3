"""Loaders: ``read_<resource>`` for saved answers, ``get_<resource>`` for the API.

Both end with the same parser (:mod:`rtecap.parsers`), so a saved answer gives the frame the
live call gave.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap._sources import PayloadSource, decode_json, load_payload, read_source
from rtecap.parsers import check_lang, parse, parse_json
from rtecap.rules import DateLike

if TYPE_CHECKING:
    from rtecap.client import Client

log = logging.getLogger("rtecap")

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


# ---- fetching from the API (the same parsers as read_*, reached through rtecap.fetch)
def _get(resource: str, client, options: dict, **params):
    from rtecap import fetch, rules
    from rtecap.client import Client

    options = {**options, "lang": check_lang(options["lang"])}  # before any call
    own = client is None
    if own:
        client = Client()  # closed below: a loader never leaves a session or cache file open
    try:
        query = rules.validate(resource, **params, today=client.today, chunked=True)
        first = pd.Timestamp(registry.get(resource).first_date, tz=m.TZ)
        if query.start is not None and query.start < first:
            log.warning("%s has no data before %s: the period is fetched from %s (asked from "
                        "%s)", resource, first.date(), first.date(), query.start.date())
        return fetch.load(query, client, **options)
    finally:
        if own:
            client.close()


def get_capacities_per_production_type(
    start_date: DateLike | None = None,
    end_date: DateLike | None = None,
    *,
    production_type: str | Iterable[str] | None = None,
    lang: str = "en",
    client: Client | None = None,
    max_workers: int = 4,
    progress: bool | None = None,
    order: str = "time",
    return_undated: bool = False,
    raw: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Installed capacity per production type, one value per calendar year (CPPT).

    Parameters
    ----------
    start_date, end_date : str, date, datetime or Timestamp, optional
        ISO 8601 strings (``"2020-02-01"``, ``"2020-02-01T00:00:00+01:00"``) or date objects;
        ``"01/02/2020"`` is refused (F06), never guessed (see :func:`rtecap.dates.parse_date`).
        The period, end excluded; both or neither (``GENINSCAP_CPPT_F01``). Neither: the
        current year (CPPT-RG01). Naive values are Europe/Paris. A period longer than the
        API's 366 days is widened to whole calendar years and fetched one year per call.
        A period starting before the first date with data (2015-01-01) starts there, with a
        warning on the ``rtecap`` logger.
    production_type : str or list of str, optional
        Some of the guide's 20 types (CPPT-RG02); duplicates are removed (CPPT-RG07). Any
        case, and the guide's French labels (``EOLIEN_TERRESTRE``), are accepted; an unknown
        value is refused naming the nearest valid ones.
    lang : {"en", "fr"}
        Labels and column names in English or in French (guide §6.2); any case, checked
        before any call.
    client : rtecap.Client, optional
        Default: ``Client()`` from ``RTE_CLIENT_ID`` / ``RTE_CLIENT_SECRET``.
    max_workers : int, default 4
        Calls run at once; 1 runs them one after the other.
    progress : bool, optional
        A progress bar when there is more than one call; False (or ``TQDM_DISABLE=1``): none.
    order : {"time", "guide"}, default "time"
        Rows in time order (index ascending, ties in the guide's order of the other keys) or
        in the guide's output order.
    return_undated : bool, default False
        True: return ``(frame, undated)``, the rows without an index date (never rows of the
        frame: CCPC-RG09 placeholders, values the source left undated) as a second frame.
    raw : str or path-like, optional
        Also save the API's answers to this JSON file (for a replication package; see
        :func:`rtecap.fetch.load`); ``read_<resource>(raw)`` reads it back to this frame.

    Returns
    -------
    pandas.DataFrame
        Index ``start_date`` (1 January, Europe/Paris); columns ``end_date``,
        ``production_type``, ``capacity_mw``, ``updated_date``; oldest year first
        (``order="guide"``: most recent first, CPPT-RG05). Provenance in
        ``df.attrs["rtecap"]``.

    Raises
    ------
    RteValidationError
        Bad parameters, before any call (F01-F06 codes of the guide).
    RteApiError, OfflineCacheMissError
        A call failed: the API's error as itself (``FunctionalError``, ``RateLimitError``,
        ``ServerError`` ...), with a note naming the call (``exc.__notes__``).

    Examples
    --------
    >>> import rtecap
    >>> from rtecap.emulator import serve
    >>> with serve(today="2026-11-23") as server:  # the local emulator of the API
    ...     client = rtecap.Client(server.client_id, server.client_secret, server.url,
    ...                            cache=False)
    ...     df = get_capacities_per_production_type("2015-01-01", "2024-01-01",
    ...                                             client=client, progress=False)
    >>> df.attrs["rtecap"]["calls"], sorted(set(df.index.year))[:3]
    (9, [2015, 2016, 2017])
    >>> df.loc["2020", "production_type"].iloc[:2].tolist()  # per CPPT-RG05
    ['BIOMASS', 'FOSSIL_BROWN_COAL_LIGNITE']

    With a real account, ``rtecap.Client()`` reads ``RTE_CLIENT_ID`` and
    ``RTE_CLIENT_SECRET`` and ``client=`` can be left out.
    """
    options = {"lang": lang, "max_workers": max_workers, "progress": progress, "order": order,
               "return_undated": return_undated, "raw": raw}
    return _get(m.CPPT, client, options, start_date=start_date,
                end_date=end_date, production_type=production_type)


def get_capacities_per_production_unit(
    start_date: DateLike | None = None,
    end_date: DateLike | None = None,
    *,
    lang: str = "en",
    client: Client | None = None,
    max_workers: int = 4,
    progress: bool | None = None,
    order: str = "time",
    return_undated: bool = False,
    raw: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Installed capacity of each power station over 100 MW (CPPU).

    Parameters
    ----------
    start_date, end_date : str, date, datetime or Timestamp, optional
        ISO 8601 strings or date objects. The period, end excluded; both or neither.
        Neither: the stations in operation today (CPPU-RG01). Any length from one day: it
        is fetched one calendar year per call (the API takes at most 366 days,
        ``GENINSCAP_CPPU_F03``); data starts in 1935.
    lang, client, max_workers, progress, order, return_undated, raw
        As :func:`get_capacities_per_production_type`.

    Returns
    -------
    pandas.DataFrame
        One row per validity interval of a station's value: index ``start_date``; columns
        ``end_date`` (NaT while in operation), ``code_eic``, ``name``, ``location``,
        ``producer_code_eic``, ``producer_name``, ``production_type``, ``capacity_mw``,
        ``voltage_kv``, ``updated_date``; sorted by start, then production type and name
        (``order="guide"``: CPPU-RG03). Rows without ``start_date`` are set aside with a
        warning that counts them.

    Raises
    ------
    RteValidationError, RteApiError, OfflineCacheMissError
        As :func:`get_capacities_per_production_type`.

    Examples
    --------
    >>> import rtecap
    >>> from rtecap.emulator import serve
    >>> with serve(today="2026-11-23") as server, rtecap.Client(
    ...         server.client_id, server.client_secret, server.url, cache=False) as client:
    ...     df = get_capacities_per_production_unit("2015-01-01", "2026-01-01",
    ...                                             client=client, progress=False)
    >>> df.attrs["rtecap"]["calls"]  # one per calendar year
    11
    >>> running = df.rte.in_operation("2020-06-30")
    >>> bool(running["code_eic"].is_unique), bool((running["capacity_mw"] > 100).all())
    (True, True)
    """
    options = {"lang": lang, "max_workers": max_workers, "progress": progress, "order": order,
               "return_undated": return_undated, "raw": raw}
    return _get(m.CPPU, client, options, start_date=start_date,
                end_date=end_date)


def get_capacities_cpc(
    start_date: DateLike | None = None,
    end_date: DateLike | None = None,
    *,
    department_code: str | Iterable[str] | None = None,
    network_connection: str | Iterable[str] | None = None,
    production_type: str | Iterable[str] | None = None,
    lang: str = "en",
    client: Client | None = None,
    max_workers: int = 4,
    progress: bool | None = None,
    order: str = "time",
    return_undated: bool = False,
    raw: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Capacity under purchase obligation, in kW, by department, network and sector (CPC).

    Parameters
    ----------
    start_date, end_date : str, date, datetime or Timestamp, optional
        ISO 8601 strings or date objects. Updates whose ``updated_date`` falls in the
        period (CCPC-RG06), end excluded, at most D+1 (``GENINSCAP_CCPC_F04``). Neither:
        the latest value of each combination (CCPC-RG01). Data starts on 2015-02-09.
    department_code : str, int or list of them, optional
        ``FR`` (France as a whole, CCPC-RG02) and/or ISO 3166-2:FR codes (``FR-2A``, ``FR-974``);
        ``75``, ``"75"`` or ``"fr-75"`` mean ``FR-75``. A list too long for the guide's
        512-character URI is spread over several calls.
    network_connection : str or list of str, optional
        ``RPD`` (distribution) and/or ``RPT`` (transmission).
    production_type : str or list of str, optional
        Some of WIND, SOLAR, HYDRO, COGENERATION, BIOGAZ (or BIOGAS), BIOMASS, INCINERATION,
        GEOTHERMAL, OTHERS (or OTHER).
    lang, client, max_workers, progress, order, return_undated, raw
        As :func:`get_capacities_per_production_type`.

    Returns
    -------
    pandas.DataFrame
        Index ``updated_date``; columns ``department_code``, ``scope`` ("national" for
        ``FR``, "department" otherwise: never sum both), ``network_connection``,
        ``production_type``, ``capacity_kw`` (nullable integer); oldest first, then
        department, type and network (``order="guide"``: CCPC-RG08). A requested combination
        with no data (CCPC-RG09) is not a row: ``attrs["rtecap"]["set_aside"]`` counts them,
        ``return_undated=True`` returns them. ``df.rte.to_mw()`` converts to MW.

    Raises
    ------
    NoDataError
        The API found nothing at all (``EC45_ERR01``).
    RteValidationError, RteApiError, OfflineCacheMissError
        As :func:`get_capacities_per_production_type`.

    Examples
    --------
    >>> import rtecap
    >>> from rtecap.emulator import serve
    >>> with serve(today="2026-11-23") as server, rtecap.Client(
    ...         server.client_id, server.client_secret, server.url, cache=False) as client:
    ...     df = get_capacities_cpc("2023-01-01", "2024-01-01", department_code="FR",
    ...                             client=client)
    >>> df["department_code"].unique().tolist(), df.index.min().date(), df.index.max().date()
    (['FR'], datetime.date(2023, 1, 9), datetime.date(2023, 12, 9))
    >>> latest = df.loc[df.index.max()].rte.to_mw()
    >>> latest.groupby("network_connection", observed=True)["capacity_mw"].sum().gt(0).all()
    np.True_
    """
    options = {"lang": lang, "max_workers": max_workers, "progress": progress, "order": order,
               "return_undated": return_undated, "raw": raw}
    return _get(m.CPC, client, options, start_date=start_date,
                end_date=end_date, department_code=department_code,
                network_connection=network_connection, production_type=production_type)
