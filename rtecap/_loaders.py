"""``get_<resource>``: a resource's frame fetched from the API (re-exported by :mod:`rtecap.io`).

The same parsers as ``read_*``, reached through :mod:`rtecap.fetch`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap.parsers import check_lang
from rtecap.rules import DateLike

if TYPE_CHECKING:
    from rtecap.client import Client

log = logging.getLogger("rtecap")


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
