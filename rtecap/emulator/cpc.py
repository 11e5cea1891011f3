"""Synthetic CPC data: capacities under purchase obligation per department, network and type.

One update a month at local midnight on the 9th, the first on 2015-02-09 (the guide's first
date, §4.3.1.1), up to the emulator's ``today``. For each (department, network, type) the seed
decides whether facilities exist (solar nearly everywhere; wind outside Paris and its inner
ring, three times more in windy departments; hydro mostly in mountain departments;
geothermal only in Bas-Rhin and Guadeloupe; the transmission network RPT far rarer than the
distribution network RPD), when they first appear (most on the first update, some later),
and whether they all leave the obligation (cogeneration, incineration, others: one last record
with value 0, then no more records). A department's value is its share of a national curve
(kW, growing about 12 %/year for solar, 7 % wind, 10 % biogas, slowly for the rest,
cogeneration shrinking) times a small monthly noise, as an integer number of kW. The ``FR``
records are the sums over departments of the records of the same update, network and type.
Drawing per combination keeps the history a prefix: moving ``today`` only adds updates.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from rtecap.mappings import CPC_PRODUCTION_TYPES, DEPARTMENT_CODES, NETWORKS, TZ

PARIS = ZoneInfo(TZ)
#: National capacity under obligation on 2015-02-09 (kW, both networks) and yearly growth.
NATIONAL_2015 = {
    "WIND": (8_500_000, 0.07), "SOLAR": (5_000_000, 0.12), "HYDRO": (1_600_000, 0.01),
    "COGENERATION": (4_500_000, -0.06), "BIOGAZ": (300_000, 0.10), "BIOMASS": (350_000, 0.03),
    "INCINERATION": (750_000, 0.005), "GEOTHERMAL": (17_000, 0.0), "OTHERS": (50_000, 0.02),
}  # fmt: skip
#: Share of the national figure connected to the transmission network (RPT).
RPT_SHARE = {
    "WIND": 0.04, "SOLAR": 0.03, "HYDRO": 0.15, "COGENERATION": 0.3, "BIOGAZ": 0.01,
    "BIOMASS": 0.25, "INCINERATION": 0.08, "GEOTHERMAL": 0.0, "OTHERS": 0.05,
}  # fmt: skip
#: Probability that a department has facilities of a type, per network.
PRESENCE = {
    "RPD": {"WIND": 0.8, "SOLAR": 1.0, "HYDRO": 0.75, "COGENERATION": 0.9, "BIOGAZ": 0.85,
            "BIOMASS": 0.5, "INCINERATION": 0.6, "GEOTHERMAL": 0.0, "OTHERS": 0.25},
    "RPT": {"WIND": 0.2, "SOLAR": 0.1, "HYDRO": 0.25, "COGENERATION": 0.25, "BIOGAZ": 0.02,
            "BIOMASS": 0.1, "INCINERATION": 0.08, "GEOTHERMAL": 0.0, "OTHERS": 0.03},
}  # fmt: skip
_SUNNY = "04 05 06 11 13 26 2A 2B 30 31 32 33 34 40 47 64 66 82 83 84 971 972 974"
_WINDY = "02 08 10 11 22 28 29 34 45 51 52 55 56 59 60 62 76 79 80 85 86"
_MOUNTAIN = "01 04 05 06 07 09 12 15 19 25 26 31 38 39 43 48 63 64 65 66 68 73 74 88"
_URBAN = "75 92 93 94"
#: Regional weight multipliers per type.
REGIONS = {
    "SOLAR": (_SUNNY, 3.0), "WIND": (_WINDY, 3.0), "HYDRO": (_MOUNTAIN, 4.0),
    "INCINERATION": (_URBAN, 3.0), "COGENERATION": (_URBAN, 2.0),
}  # fmt: skip
GEOTHERMAL_DEPARTMENTS = ("FR-67", "FR-971")
CLOSING_TYPES = ("COGENERATION", "INCINERATION", "OTHERS")
FIRST_UPDATE = datetime(2015, 2, 9, tzinfo=PARIS)


class CpcRecord(NamedTuple):
    """One CPC record as the API serves it (value in kW)."""

    updated_date: datetime
    department_code: str
    network_connection: str
    production_type: str
    value: int


def update_dates(today: date) -> list[datetime]:
    """Return the monthly update instants (the 9th, 00:00 Europe/Paris) up to ``today``.

    Parameters
    ----------
    today : datetime.date
        The emulator's clock; an update on ``today`` itself is included.

    Returns
    -------
    list of datetime
        Ascending, the first being 2015-02-09.

    Examples
    --------
    >>> [d.date().isoformat() for d in update_dates(date(2015, 4, 9))]
    ['2015-02-09', '2015-03-09', '2015-04-09']
    """
    dates = []
    year, month = 2015, 2
    while (day := date(year, month, 9)) <= today:
        dates.append(datetime(day.year, day.month, 9, tzinfo=PARIS))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return dates


def _presence(dept: str, network: str, ptype: str) -> float:
    if ptype == "GEOTHERMAL":
        return 1.0 if network == "RPD" and dept in GEOTHERMAL_DEPARTMENTS else 0.0
    if ptype == "WIND" and dept[3:] in _URBAN.split():
        return 0.0
    return PRESENCE[network][ptype]


def _weight(dept: str, ptype: str, rng: random.Random) -> float:
    weight = rng.lognormvariate(0.0, 0.7)
    region, factor = REGIONS.get(ptype, ("", 1.0))
    return weight * factor if dept[3:] in region.split() else weight


def build_cpc(today: date, seed: int = 0) -> list[list[CpcRecord]]:
    """Return the CPC records of each monthly update up to ``today``.

    Parameters
    ----------
    today : datetime.date
        The emulator's clock.
    seed : int, default 0
        Draws presence, weights, first appearances, closures and noise.

    Returns
    -------
    list of list of CpcRecord
        One list per update of :func:`update_dates`, each sorted as CCPC-RG08 sorts records of
        one update: department, production type, network; ``FR`` first.

    Examples
    --------
    >>> months = build_cpc(date(2015, 3, 9))
    >>> len(months), months[0][0].department_code
    (2, 'FR')
    """
    dates = update_dates(today)
    combos = []  # (dept, network, type, weight, first index, closing index, rng)
    for dept in DEPARTMENT_CODES:
        if dept == "FR":
            continue
        for network in NETWORKS:
            for ptype in CPC_PRODUCTION_TYPES:
                rng = random.Random(f"{seed}/cpc/{dept}/{network}/{ptype}")
                if rng.random() >= _presence(dept, network, ptype):
                    continue
                weight = _weight(dept, ptype, rng)
                late = rng.random() < (0.15 if network == "RPD" else 0.35)
                first = rng.randint(1, 130) if late else 0
                closes = ptype in CLOSING_TYPES and rng.random() < 0.15
                closing = first + rng.randint(12, 120) if closes else None
                combos.append((dept, network, ptype, weight, first, closing, rng))
    combos.sort(key=lambda c: (c[0], c[2], c[1]))  # CCPC-RG08 order inside one update
    totals: dict[tuple[str, str], float] = {}
    for _dept, network, ptype, weight, *_ in combos:
        totals[network, ptype] = totals.get((network, ptype), 0.0) + weight
    growths = {
        ptype: [(1 + growth) ** (index / 12) for index in range(len(dates))]
        for ptype, (_, growth) in NATIONAL_2015.items()
    }
    months: list[list[CpcRecord]] = [[] for _ in dates]
    for dept, network, ptype, weight, first, closing, rng in combos:
        share = RPT_SHARE[ptype] if network == "RPT" else 1.0 - RPT_SHARE[ptype]
        scale = NATIONAL_2015[ptype][0] * share * weight / totals[network, ptype]
        factors = growths[ptype]
        last = len(dates) - 1 if closing is None else min(closing, len(dates) - 1)
        for index in range(first, last + 1):
            noise = 0.995 + 0.01 * rng.random()
            value = 0 if index == closing else max(1, round(scale * factors[index] * noise))
            months[index].append(CpcRecord(dates[index], dept, network, ptype, value))
    for index, records in enumerate(months):
        sums: dict[tuple[str, str], int] = {}
        for record in records:
            key = (record.production_type, record.network_connection)
            sums[key] = sums.get(key, 0) + record.value
        national = [CpcRecord(dates[index], "FR", net, ptype, value)
                    for (ptype, net), value in sorted(sums.items())]
        months[index] = national + records
    return months
