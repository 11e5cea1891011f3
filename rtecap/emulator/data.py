"""The emulator's dataset: CPPT from ODRE's real figures, the CPPU fleet, synthetic CPC.

CPPT (MW per production type and calendar year) for 2015–2023 spreads RTE/ODRE's national
figures per sector (``parc-prod-par-filiere_vintage2024.csv``, Licence Ouverte 2.0) over the
API's 20 types so that each ODRE sector (and the coal/gas/oil sub-sectors) is the exact sum of
its types (``rtecap.mappings.PRODUCTION_TYPE_SECTOR``):

- NUCLEAR, SOLAR, FOSSIL_HARD_COAL (coal), FOSSIL_GAS (gas), FOSSIL_OIL (oil): ODRE's column;
  lignite, peat, coal-derived gas and oil shale: 0 (none in France). ODRE's own fossil column
  exceeds coal + gas + oil by about 27 MW in 2022 and 2023; the sub-sectors are kept exact, so
  the emulator's fossil total is coal + gas + oil there;
- hydro: MARINE 240 (La Rance), HYDRO_PUMPED_STORAGE the fleet's pumped storage (4,940 MW,
  5,180 MW from 2019 with La Coche's new group), HYDRO_WATER_RESERVOIR 44 % of the rest,
  HYDRO_RUN_OF_RIVER_AND_POUNDAGE the remainder;
- wind: WIND_OFFSHORE 0 before Saint-Nazaire (480 MW in 2022, 840 MW in 2023), WIND_ONSHORE
  the remainder;
- bioenergy: WASTE 42 %, BIOMASS (with biogas) the remainder;
- "other" (no ODRE counterpart, synthetic): GEOTHERMAL 1.7 MW from 2016 (Soultz-sous-Forêts),
  OTHER_RENEWABLE 12 MW + 1.5 MW a year, OTHER 62 MW (the guide's own sample value).

Years from 2024 to the year of ``today`` are **synthetic**: each type follows its least-squares
linear trend over 2019–2023 from its 2023 value, never below 0, except NUCLEAR, held at 2023
plus Flamanville 3 (1,630 MW). A year's ``updated_date`` falls in the last week of December of
that year (guide §1), or, while that is still after ``today``, in the last week of December of
the year before (the first publication).
"""

from __future__ import annotations

import csv
import random
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from rtecap.emulator.cpc import CpcRecord, build_cpc
from rtecap.emulator.fleet import Station, build_fleet
from rtecap.mappings import ODRE_COLUMNS, PRODUCTION_TYPES, TZ

PARIS = ZoneInfo(TZ)
ODRE_CSV = Path(__file__).parents[1] / "datasets" / "data" / "parc-prod-par-filiere_vintage2024.csv"
FIRST_YEAR, LAST_ODRE_YEAR = 2015, 2023
OFFSHORE = {2022: 480.0, 2023: 840.0}
FLAMANVILLE_3 = 1630.0


def read_odre(path: Path = ODRE_CSV) -> dict[int, dict[str, float]]:
    """Read ODRE's national fleet per sector: ``{year: {sector: MW}}`` (rows with all values).

    Parameters
    ----------
    path : pathlib.Path
        The semicolon-separated CSV shipped in ``rtecap/datasets/data``.

    Returns
    -------
    dict
        Years in ascending order; sectors named as in ``rtecap.mappings.ODRE_COLUMNS``.

    Examples
    --------
    >>> read_odre()[2023]["nuclear"]
    61370.0
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    table = {}
    for row in rows:
        if all(row[column] for column in ODRE_COLUMNS):
            table[int(row["Annee"])] = {
                sector: float(row[column]) for column, sector in ODRE_COLUMNS.items()
            }
    return dict(sorted(table.items()))


def split_odre_year(year: int, sectors: dict[str, float]) -> dict[str, float]:
    """Spread one ODRE year over the 20 production types (rules in the module docstring).

    Parameters
    ----------
    year : int
        The calendar year (2015–2023).
    sectors : dict
        ODRE's figures for that year, ``{sector: MW}``.

    Returns
    -------
    dict
        ``{production_type: MW}`` in ``PRODUCTION_TYPES`` order.

    Examples
    --------
    >>> split_odre_year(2023, read_odre()[2023])["MARINE"]
    240.0
    """
    values = dict.fromkeys(PRODUCTION_TYPES, 0.0)
    values.update(NUCLEAR=sectors["nuclear"], SOLAR=sectors["solar"],
                  FOSSIL_HARD_COAL=sectors["coal"], FOSSIL_GAS=sectors["gas"],
                  FOSSIL_OIL=sectors["oil"])  # fmt: skip
    pumped = 5180.0 if year >= 2019 else 4940.0
    rest = sectors["hydro"] - 240.0 - pumped
    reservoir = round(0.44 * rest, 3)
    values.update(MARINE=240.0, HYDRO_PUMPED_STORAGE=pumped, HYDRO_WATER_RESERVOIR=reservoir,
                  HYDRO_RUN_OF_RIVER_AND_POUNDAGE=rest - reservoir)  # fmt: skip
    offshore = OFFSHORE.get(year, 0.0)
    values.update(WIND_OFFSHORE=offshore, WIND_ONSHORE=sectors["wind"] - offshore)
    waste = round(0.42 * sectors["bioenergy"], 3)
    values.update(WASTE=waste, BIOMASS=sectors["bioenergy"] - waste)
    values.update(GEOTHERMAL=1.7 if year >= 2016 else 0.0,
                  OTHER_RENEWABLE=12.0 + 1.5 * (year - FIRST_YEAR), OTHER=62.0)  # fmt: skip
    return values


def _extrapolate(known: dict[int, dict[str, float]], year: int) -> dict[str, float]:
    years = range(LAST_ODRE_YEAR - 4, LAST_ODRE_YEAR + 1)
    mean_year = sum(years) / len(years)
    values = {}
    for ptype in PRODUCTION_TYPES:
        series = [known[y][ptype] for y in years]
        mean = sum(series) / len(series)
        slope = sum((y - mean_year) * (v - mean) for y, v in zip(years, series, strict=True))
        slope /= sum((y - mean_year) ** 2 for y in years)
        values[ptype] = max(0.0, round(series[-1] + slope * (year - LAST_ODRE_YEAR), 3))
    values["NUCLEAR"] = known[LAST_ODRE_YEAR]["NUCLEAR"] + FLAMANVILLE_3
    return values


def _december(year: int, rng: random.Random) -> datetime:
    return datetime(year, 12, rng.randint(24, 31), rng.randint(8, 18), rng.randint(0, 59),
                    rng.randint(0, 59), tzinfo=PARIS)


def build_cppt(today: date, seed: int = 0) -> dict[int, tuple[datetime, dict[str, float]]]:
    """Return ``{year: (updated_date, {production_type: MW})}`` for 2015 to ``today.year``.

    Parameters
    ----------
    today : datetime.date
        The emulator's clock: years after its year are not yet served (CPPT F04).
    seed : int, default 0
        Draws the update dates.

    Returns
    -------
    dict
        Ascending years; the values in ``PRODUCTION_TYPES`` order.

    Examples
    --------
    >>> cppt = build_cppt(date(2024, 6, 1))
    >>> sorted(cppt)[-1], cppt[2024][0].year
    (2024, 2023)
    """
    odre = read_odre()
    rng = random.Random(f"{seed}/cppt")
    now = datetime.combine(today, datetime.min.time(), PARIS)
    result: dict[int, tuple[datetime, dict[str, float]]] = {}
    known: dict[int, dict[str, float]] = {}
    for year in range(FIRST_YEAR, today.year + 1):
        first, last = _december(year - 1, rng), _december(year, rng)
        if year <= LAST_ODRE_YEAR:
            known[year] = split_odre_year(year, odre[year])
        values = known.get(year) or _extrapolate(known, year)
        result[year] = (last if last <= now else first, values)
    return result


@dataclass
class Dataset:
    """Everything the emulator serves at one ``today`` for one ``seed``.

    Attributes
    ----------
    today : datetime.date
    seed : int
    cppt : dict
        ``{year: (updated_date, {production_type: MW})}``, see :func:`build_cppt`.
    stations : tuple of Station
        The CPPU fleet known at ``today`` (:func:`rtecap.emulator.fleet.build_fleet`).
    cpc_months : list of list of CpcRecord
        The CPC records of each monthly update, ascending (built on first use).
    """

    today: date
    seed: int = 0
    memo: dict = field(default_factory=dict, repr=False)  # derived answers' building blocks
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @cached_property
    def cppt(self) -> dict[int, tuple[datetime, dict[str, float]]]:
        return build_cppt(self.today, self.seed)

    @cached_property
    def stations(self) -> tuple[Station, ...]:
        return build_fleet(self.today, self.seed)

    @property
    def cpc_months(self) -> list[list[CpcRecord]]:
        with self._lock:  # built once even when several threads ask at the same time
            if "_cpc" not in self.__dict__:
                self.__dict__["_cpc"] = build_cpc(self.today, self.seed)
        return self.__dict__["_cpc"]

    def cppt_records(self) -> list[dict]:
        """Return every CPPT value as a flat record (datetimes aware, Europe/Paris).

        Returns
        -------
        list of dict
            Keys ``start_date, end_date, type, value, updated_date``; years ascending, types
            in ``PRODUCTION_TYPES`` order.

        Examples
        --------
        >>> len(Dataset(date(2023, 6, 1)).cppt_records())
        180
        """
        return [
            {"start_date": datetime(year, 1, 1, tzinfo=PARIS),
             "end_date": datetime(year + 1, 1, 1, tzinfo=PARIS),
             "type": ptype, "value": value, "updated_date": updated}
            for year, (updated, values) in self.cppt.items()
            for ptype, value in values.items()
        ]  # fmt: skip

    def cppu_records(self) -> list[dict]:
        """Return every visible CPPU value interval as a flat record.

        Returns
        -------
        list of dict
            Keys ``code_eic, name, location, code_eic_producteur, name_producteur,
            start_date, end_date (None if open), installed_capacity,
            voltage_level_connection, type, updated_date``.

        Examples
        --------
        >>> Dataset(date(2026, 11, 23)).cppu_records()[0]["name"]
        'BELLEVILLE 1'
        """
        return [
            {"code_eic": s.code_eic, "name": s.name, "location": s.location,
             "code_eic_producteur": s.code_eic_producteur, "name_producteur": s.name_producteur,
             **vars(value)}
            for s in self.stations
            for value in s.values
        ]  # fmt: skip

    def cpc_records(self) -> list[CpcRecord]:
        """Return every CPC record up to ``today``, updates ascending.

        Returns
        -------
        list of CpcRecord
            Named tuples ``(updated_date, department_code, network_connection,
            production_type, value)``.

        Examples
        --------
        >>> Dataset(date(2015, 2, 9)).cpc_records()[0].department_code
        'FR'
        """
        return [record for month in self.cpc_months for record in month]


_DATASETS: dict[tuple[date, int], Dataset] = {}
_DATASETS_LOCK = threading.Lock()


def build_dataset(today: date | str | None = None, seed: int = 0) -> Dataset:
    """Return the (cached) dataset the emulator serves at ``today`` with ``seed``.

    Parameters
    ----------
    today : datetime.date, str (``YYYY-MM-DD``) or None
        The emulator's clock; None means today in Paris.
    seed : int, default 0
        Seed of every synthetic draw.

    Returns
    -------
    Dataset
        The same object for the same ``(today, seed)`` (at most 16 kept).

    Examples
    --------
    >>> build_dataset("2026-11-23") is build_dataset(date(2026, 11, 23))
    True
    """
    today = as_date(today)
    with _DATASETS_LOCK:
        if (today, seed) not in _DATASETS:
            if len(_DATASETS) >= 16:
                _DATASETS.pop(next(iter(_DATASETS)))
            _DATASETS[today, seed] = Dataset(today, seed)
        return _DATASETS[today, seed]


def as_date(value: date | str | None) -> date:
    """Return ``value`` as a date: a date, an ISO ``YYYY-MM-DD`` string, or None (Paris today).

    Parameters
    ----------
    value : datetime.date, str or None

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        If a string is not an ISO date.

    Examples
    --------
    >>> as_date("2015-10-30")
    datetime.date(2015, 10, 30)
    """
    if value is None:  # the Paris date, as the client's default today (rtecap.rules)
        return datetime.now(PARIS).date()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(value)
