"""Build the CPPU fleet from :mod:`.stations`: dates, EIC codes, update dates, visibility.

The station table gives years; the seed draws the missing month/day, the EIC codes, the
free-text location and the lag between an event and its publication. What a client sees also
depends on the emulator's clock (``today``): an interval that starts after ``today`` is not yet
known, one that ends after ``today`` is still open (no ``end_date``), and no ``updated_date``
is later than ``today`` at 00:00 (Europe/Paris).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from rtecap.emulator import stations as table
from rtecap.emulator.eic import make_eic
from rtecap.mappings import CPPU, TZ
from rtecap.registry import get as resource_entry

PARIS = ZoneInfo(TZ)
#: First date the guide serves for CPPU (1935-01-01): older stations start on it.
_FIRST_DATE = resource_entry(CPPU).first_date
assert _FIRST_DATE is not None  # the registry gives every API resource its first date
FIRST_DAY = datetime.combine(_FIRST_DATE, datetime.min.time(), PARIS)
#: Date of the (synthetic) initial load of the register: nothing was published before it.
INITIAL_LOAD = datetime(2014, 12, 15, tzinfo=PARIS)
#: The guide's sample station and producer keep the guide's codes (§4.2.1.3).
GUIDE_CODES = {"PONT-SUR-SAMBRE 5": "17W100P100P0341J", "TOTAL": "17X100A100R0172T"}


@dataclass(frozen=True)
class Interval:
    """One value interval of a station, as the API shows it at the emulator's ``today``."""

    start_date: datetime
    end_date: datetime | None
    installed_capacity: float
    voltage_level_connection: float
    type: str
    updated_date: datetime


@dataclass(frozen=True)
class Station:
    """A production unit and the value intervals known at the emulator's ``today``."""

    code_eic: str
    name: str
    location: str
    code_eic_producteur: str
    name_producteur: str
    values: tuple[Interval, ...]

    @property
    def type(self) -> str:
        """Production type of the latest interval (used by the CPPU-RG03 ordering)."""
        return self.values[-1].type


@dataclass(frozen=True)
class _Event:
    when: datetime
    capacity: float
    type: str
    lag: timedelta


@dataclass(frozen=True)
class _RawStation:
    code_eic: str
    name: str
    location: str
    producer: str
    voltage: float
    events: tuple[_Event, ...]


def _parse_date(text: str | int, rng: random.Random) -> datetime:
    parts = [int(p) for p in str(text).split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else rng.randint(1, 12)
    day = parts[2] if len(parts) > 2 else rng.randint(1, 28)
    return max(datetime(year, month, day, tzinfo=PARIS), FIRST_DAY)


def _lag(rng: random.Random) -> timedelta:
    return timedelta(days=rng.randint(1, 45), seconds=rng.randint(8 * 3600, 18 * 3600))


def _rows() -> list[tuple[str, str, str, int, str]]:
    """Expand the compact tables of :mod:`.stations` into ``(name, type, producer, kV, events)``."""
    rows = []
    for site, first, mw, years, closures in table.REACTORS:
        for number, year in enumerate(years, start=first):
            uprate = int(str(year)[:4]) + 10
            events = f"{year}:{round(mw * 0.97)}"
            if str(uprate) < str(closures.get(number, "9999")) and uprate <= 2030:
                events += f" {uprate}:{mw}"
            if number in closures:
                events += f" {closures[number]}:0"
            rows.append((f"{site} {number}", "NUCLEAR", "EDF", 400, events))
    for site, ptype, producer, kv, mw, units in table.THERMAL_UNITS:
        for number, start, end in units:
            events = f"{start}:{mw}" + (f" {end}:0" if end is not None else "")
            rows.append((f"{site} {number}", ptype, producer, kv, events))
    for site, kv, mw, groups in table.PUMPED_STORAGE_GROUPS:
        for number, start in groups:
            rows.append((f"{site} {number}", "HYDRO_PUMPED_STORAGE", "EDF", kv, f"{start}:{mw}"))
    rows.extend(table.STATIONS)
    return rows


@lru_cache(maxsize=4)
def _raw_fleet(seed: int) -> tuple[tuple[_RawStation, ...], dict[str, tuple[str, str]]]:
    rng = random.Random(f"{seed}/fleet")
    taken = set(GUIDE_CODES.values())
    producers = {
        key: (GUIDE_CODES.get(key) or make_eic("17X100A100R", rng, taken), name)
        for key, name in table.PRODUCERS.items()
    }
    fleet = []
    for name, ptype, producer, kv, spec in _rows():
        events = []
        for item in spec.split():
            when, capacity, *new_type = item.split(":")
            ptype = new_type[0] if new_type else ptype
            events.append(_Event(_parse_date(when, rng), float(capacity), ptype, _lag(rng)))
        code = GUIDE_CODES.get(name) or make_eic("17W100P100P", rng, taken)
        location = "FRANCE" if rng.random() < 0.05 else "France"
        fleet.append(_RawStation(code, name, location, producer, float(kv), tuple(events)))
    return tuple(fleet), producers


def _published(event_time: datetime, lag: timedelta, now: datetime) -> datetime:
    return min(max(event_time, INITIAL_LOAD) + lag, now)


def build_fleet(today: date, seed: int = 0) -> tuple[Station, ...]:
    """Return the stations known at ``today``, each with its visible value intervals.

    Parameters
    ----------
    today : datetime.date
        The emulator's clock: events after ``today`` 00:00 (Europe/Paris) are unknown.
    seed : int, default 0
        Draws the days, EIC codes, locations and publication lags.

    Returns
    -------
    tuple of Station
        Stations with at least one interval started by ``today``, in table order.

    Examples
    --------
    >>> fleet = build_fleet(date(2026, 11, 23))
    >>> all(len(s.code_eic) == 16 for s in fleet)
    True
    """
    now = datetime.combine(today, datetime.min.time(), PARIS)
    raw, producers = _raw_fleet(seed)
    result = []
    for station in raw:
        values = []
        for event, following in zip(station.events, (*station.events[1:], None), strict=True):
            if event.capacity == 0 or event.when > now:
                continue
            closed = following is not None and following.when <= now
            if following is not None and closed:
                end, published = following.when, _published(following.when, following.lag, now)
            else:
                end, published = None, _published(event.when, event.lag, now)
            values.append(
                Interval(event.when, end, event.capacity, station.voltage, event.type, published)
            )
        if values:
            producer_eic, producer_name = producers[station.producer]
            result.append(
                Station(station.code_eic, station.name, station.location, producer_eic,
                        producer_name, tuple(values))
            )
    return tuple(result)
