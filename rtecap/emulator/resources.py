"""The three resources' answers (guide §4.x.1.3 outputs and output rules) and sandbox samples."""

from __future__ import annotations

import bisect
import itertools
from datetime import datetime
from functools import lru_cache
from typing import Any

from rtecap.emulator.checks import PARIS, CheckedQuery, local_midnight
from rtecap.emulator.cpc import CpcRecord
from rtecap.emulator.data import Dataset
from rtecap.mappings import (
    CPC,
    CPC_PRODUCTION_TYPES,
    CPPT,
    CPPU,
    DEPARTMENT_CODES,
    NETWORKS,
)


class NoData(Exception):
    """CCPC-RG09: no record at all in the period -> EC45_ERR01."""


@lru_cache(maxsize=1 << 16)
def fmt(instant: datetime) -> str:
    """Format an instant as the API does: ``YYYY-MM-DDThh:mm:ss±hh:mm`` in Europe/Paris.

    Cached: the same few thousand instants are formatted on every answer.

    Examples
    --------
    >>> from datetime import timezone
    >>> fmt(datetime(2015, 6, 30, 22, tzinfo=timezone.utc))
    '2015-07-01T00:00:00+02:00'
    """
    return instant.astimezone(PARIS).isoformat(timespec="seconds")


def cppt_answer(dataset: Dataset, query: CheckedQuery) -> dict:
    """Answer capacities_per_production_type (CPPT-RG01 to RG07).

    One object per calendar year overlapping ``[start, end)`` (RG06), most recent first
    (RG05); nominal mode is the year of ``today`` (RG01); ``production_type`` filters the
    values (RG02, RG04), kept in the enum's order.

    Parameters
    ----------
    dataset : Dataset
    query : CheckedQuery

    Returns
    -------
    dict
        ``{"capacities_per_production_type": [...]}``.

    Examples
    --------
    >>> from datetime import date
    >>> answer = cppt_answer(Dataset(date(2025, 6, 15)), CheckedQuery(CPPT))
    >>> answer[CPPT][0]["start_date"]
    '2025-01-01T00:00:00+01:00'
    """
    if query.nominal:
        start = local_midnight(dataset.today.replace(month=1, day=1))
        end = start.replace(year=start.year + 1)
    else:
        assert query.start is not None and query.end is not None  # not nominal
        start, end = query.start, query.end
    types = query.filters.get("production_type")
    years = []
    for year in sorted(dataset.cppt, reverse=True):
        year_start = datetime(year, 1, 1, tzinfo=PARIS)
        year_end = datetime(year + 1, 1, 1, tzinfo=PARIS)
        if not (year_start < end and year_end > start):
            continue
        updated, values = dataset.cppt[year]
        bounds = {"start_date": fmt(year_start), "end_date": fmt(year_end)}
        years.append({**bounds, "values": [
            {**bounds, "type": ptype, "value": value, "updated_date": fmt(updated)}
            for ptype, value in values.items()
            if types is None or ptype in types
        ]})  # fmt: skip
    return {CPPT: years}


def cppu_answer(dataset: Dataset, query: CheckedQuery) -> dict:
    """Answer capacities_per_production_unit (CPPU-RG01 to RG03).

    Nominal mode (RG01): the stations in operation at ``today`` with their current interval
    only (no ``end_date``), outer ``start_date`` = ``today`` 00:00 and no outer ``end_date``.
    With a period (RG02): stations with an interval overlapping ``[start, end)``, with those
    intervals. Sorted by production type (of the station's latest returned interval), then
    name (RG03).

    Parameters
    ----------
    dataset : Dataset
    query : CheckedQuery

    Returns
    -------
    dict
        ``{"capacities_per_production_unit": [...]}``.

    Examples
    --------
    >>> from datetime import date
    >>> answer = cppu_answer(Dataset(date(2026, 11, 23)), CheckedQuery(CPPU))
    >>> answer[CPPU][0]["production_unit"]["name"]
    'GARDANNE 4'
    """
    if query.nominal:
        outer = {"start_date": fmt(local_midnight(dataset.today))}
    else:
        outer = {"start_date": fmt(query.start), "end_date": fmt(query.end)}
    found = []
    for station in dataset.stations:
        if query.nominal:
            values = [v for v in station.values[-1:] if v.end_date is None]
        else:
            assert query.start is not None and query.end is not None  # not nominal
            values = [
                v for v in station.values
                if v.start_date < query.end and (v.end_date is None or v.end_date > query.start)
            ]  # fmt: skip
        if values:
            found.append((values[-1].type, station.name, station, values))
    found.sort(key=lambda item: item[:2])
    units = []
    for _, _, station, values in found:
        unit: dict[str, Any] = {
                "code_eic": station.code_eic, "name": station.name, "location": station.location,
                "code_eic_producteur": station.code_eic_producteur,
                "name_producteur": station.name_producteur}  # fmt: skip
        rows = []
        for v in values:
            row: dict[str, Any] = {"start_date": fmt(v.start_date)}
            if v.end_date is not None:
                row["end_date"] = fmt(v.end_date)
            row.update(installed_capacity=v.installed_capacity,
                       voltage_level_connection=v.voltage_level_connection, type=v.type,
                       updated_date=fmt(v.updated_date))  # fmt: skip
            rows.append(row)
        units.append({**outer, "production_unit": unit, "values": rows})
    return {CPPU: units}


def _latest_cpc(dataset: Dataset) -> list[CpcRecord]:
    """The most recent record of each combination, value 0 dropped (CCPC-RG01), RG08 order."""
    memo = dataset.memo
    if "cpc_latest" not in memo:
        seen: dict[tuple[str, str, str], CpcRecord] = {}
        for month in reversed(dataset.cpc_months):
            for r in month:
                seen.setdefault((r.department_code, r.production_type, r.network_connection), r)
        latest = sorted((r for r in seen.values() if r.value != 0),
                        key=lambda r: (r.department_code, r.production_type, r.network_connection))
        latest.sort(key=lambda r: r.updated_date, reverse=True)  # stable: RG08
        memo["cpc_latest"] = latest
    return memo["cpc_latest"]


def cpc_answer(dataset: Dataset, query: CheckedQuery) -> dict:
    """Answer capacities_cpc (CCPC-RG01 to RG10).

    Records whose ``updated_date`` is in ``[start, end)`` (RG06) or, in nominal mode, the
    latest record of each combination unless it is 0 (RG01); filtered by department (``FR``
    = national sums, RG02/RG03), network (RG04) and type (RG05); ordered by RG08. When a list
    filter is given, each requested combination without a record adds one record without
    ``updated_date`` and ``value``, after the dated ones (RG09).

    Parameters
    ----------
    dataset : Dataset
    query : CheckedQuery

    Returns
    -------
    dict
        ``{"capacities_cpc": [...]}``.

    Raises
    ------
    NoData
        When no record at all (whatever the filters) is in the period (EC45_ERR01).

    Examples
    --------
    >>> from datetime import date
    >>> answer = cpc_answer(Dataset(date(2015, 3, 1)), CheckedQuery(CPC))
    >>> answer[CPC][0]["updated_date"]
    '2015-02-09T00:00:00+01:00'
    """
    if query.nominal:
        records = _latest_cpc(dataset)
    else:
        months = dataset.cpc_months
        dates = [month[0].updated_date for month in months]
        assert query.start is not None and query.end is not None  # not nominal
        first = bisect.bisect_left(dates, query.start)
        last = bisect.bisect_left(dates, query.end)
        records = [r for month in reversed(months[first:last]) for r in month]
    if not records:
        raise NoData
    depts = query.filters.get("department_code")
    networks = query.filters.get("network_connection")
    types = query.filters.get("production_type")
    kept = [
        r for r in records
        if (depts is None or r.department_code in depts)
        and (networks is None or r.network_connection in networks)
        and (types is None or r.production_type in types)
    ]  # fmt: skip
    answer = [
        {"updated_date": fmt(r.updated_date), "department_code": r.department_code,
         "network_connection": r.network_connection, "production_type": r.production_type,
         "value": r.value}
        for r in kept
    ]  # fmt: skip
    if query.filters:
        present = {(r.department_code, r.production_type, r.network_connection) for r in kept}
        wanted = itertools.product(
            sorted(depts or DEPARTMENT_CODES), sorted(types or CPC_PRODUCTION_TYPES),
            sorted(networks or NETWORKS),
        )
        answer.extend(
            {"department_code": d, "network_connection": n, "production_type": t}
            for d, t, n in wanted
            if (d, t, n) not in present
        )
    return {CPC: answer}


ANSWERS = {CPPT: cppt_answer, CPPU: cppu_answer, CPC: cpc_answer}

#: The guide's own JSON examples (§4.1.1.3, §4.2.1.3, §4.3.1.3), served by the sandbox whatever
#: the parameters, quirks included: int values, ``type`` in CPPU values, ``BIOGAS`` and
#: ``values`` in CPC (its elided third record ``{ ... }`` is left out).
SANDBOX = {
    CPPT: {CPPT: [{
        "start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
        "values": [
            {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
             "type": "FOSSIL_GAS", "value": 6121, "updated_date": "2015-07-05T00:30:00+02:00"},
            {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
             "type": "OTHER", "value": 62, "updated_date": "2015-07-05T00:30:00+02:00"},
        ],
    }]},
    CPPU: {CPPU: [{
        "start_date": "2022-03-01T00:00:00+01:00", "end_date": "2022-03-20T00:00:00+01:00",
        "production_unit": {
            "code_eic": "17W100P100P0341J", "name": "Pont-sur-Sambre", "location": "France",
            "code_eic_producteur": "17X100A100R0172T", "name_producteur": "TOTAL DIRECT ENERGIE",
        },
        "values": [{
            "start_date": "2019-08-09T00:00:00+02:00", "end_date": "2022-05-16T00:00:00+02:00",
            "installed_capacity": 412, "voltage_level_connection": 225, "type": "FOSSIL_GAS",
            "updated_date": "2022-06-02T11:49:52+02:00",
        }],
    }]},
    CPC: {CPC: [
        {"updated_date": "2016-02-01T00:00:00+01:00", "department_code": "FR",
         "network_connection": "RPD", "production_type": "BIOGAS", "values": 323012},
        {"updated_date": "2016-02-01T00:00:00+01:00", "department_code": "FR",
         "network_connection": "RPT", "production_type": "BIOGAS", "values": 2925},
    ]},
}  # fmt: skip
