"""Synthetic, deterministic answers of the market-data API for the emulator (standard library).

Everything is a function of the emulator's clock (``today``, a Paris calendar day) and ``seed``:
the windows move with the clock, the same ``(today, seed)`` gives the same bytes.

- Day-ahead prices: quarter hours of the 29 Paris days ``today - 27`` .. ``today + 1`` (the
  next day's auction is published); 96 per day, 92 / 100 on the DST days. A daily shape
  (night trough, morning and evening peaks, a solar dip at midday, deepest in spring and on
  weekends, so that some spring middays are negative), a seasonal level and seeded noise.
- Capacity: hourly rows of DAILY auctions for the Paris days ``today - 6`` .. ``today + 1``
  (23 / 25 rows on the DST days): FCR SYMMETRIC, aFRR and mFRR UPWARD and DOWNWARD; volumes
  constant over 4-hour blocks of the day, contracted <= offered; a price per hour.
- aFRR energy: the 4-second series of the Paris day ``today - 1`` (21,600 rows on a 24-hour
  day, 20,700 / 22,500 on the DST days), its 5-minute chart buckets (means of the rows), the
  latest row, the averages of the day.
- mFRR energy: the 15-minute rows of ``today - 2`` and ``today - 1`` (192 on two 24-hour
  days), chart rows = the same quarter hours, the latest UPWARD and DOWNWARD rows.
"""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
#: (product, direction, offered MW, price level) of the capacity auctions.
CAPACITY_PRODUCTS = {
    "fcr": (("FCR", "SYMMETRIC", 590.0, 18.0),),
    "afrr": (("aFRR", "UPWARD", 430.0, 12.5), ("aFRR", "DOWNWARD", 410.0, 8.0)),
    "mfrr": (("mFRR", "UPWARD", 310.0, 9.5), ("mFRR", "DOWNWARD", 290.0, 4.0)),
}


def utc_text(moment: datetime) -> str:
    """``2026-04-16T22:00:00.000Z`` (the API's format)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.microsecond // 1000:03d}Z"


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """UTC start and end of a Paris calendar day (23, 24 or 25 hours long)."""
    start = datetime(day.year, day.month, day.day, tzinfo=PARIS).astimezone(UTC)
    nxt = day + timedelta(days=1)
    return start, datetime(nxt.year, nxt.month, nxt.day, tzinfo=PARIS).astimezone(UTC)


def periods(day: date, seconds: int) -> list[tuple[datetime, datetime]]:
    """The (start, end) UTC periods of ``seconds`` covering a Paris day.

    Examples
    --------
    >>> [len(periods(date(2026, 3, d), 900)) for d in (28, 29)], len(periods(date(2026, 10, 25), 4))
    ([96, 92], 22500)
    """
    start, end = day_bounds(day)
    step = timedelta(seconds=seconds)
    count = int((end - start) / step)
    return [(start + i * step, start + (i + 1) * step) for i in range(count)]


def _rng(seed: int, *key: object) -> random.Random:
    return random.Random(":".join(str(k) for k in (seed, *key)))


def _paris_hour(moment: datetime) -> float:
    local = moment.astimezone(PARIS)
    return local.hour + local.minute / 60 + local.second / 3600


def _bump(hour: float, centre: float, width: float) -> float:
    return math.exp(-(((hour - centre) / width) ** 2))


def daily_shape(hour: float) -> float:
    """Load shape of a day at a Paris hour: about -1 at night, +1 at the evening peak."""
    return (-0.8 * _bump(hour, 3.5, 2.5) + 0.7 * _bump(hour, 8.5, 1.5)
            + 1.0 * _bump(hour, 19.5, 1.8))  # fmt: skip


def solar(day: date) -> float:
    """Weight of the midday solar dip in [0, 1]: high in spring and summer, peak in May."""
    doy = day.timetuple().tm_yday
    return max(0.0, math.cos(2 * math.pi * (doy - 135) / 365)) ** 1.5


def day_ahead_rows(day: date, seed: int) -> list[dict]:
    """The quarter-hour prices of one Paris delivery day."""
    rng = _rng(seed, "da", day)
    doy = day.timetuple().tm_yday
    level = 80 + 25 * math.cos(2 * math.pi * (doy - 15) / 365) + rng.gauss(0, 10)
    sun = solar(day) * rng.uniform(0.6, 1.3) * (1.35 if day.weekday() >= 5 else 1.0)
    rows = []
    for start, end in periods(day, 900):
        hour = _paris_hour(start)
        price = (level + 30 * daily_shape(hour) - 105 * sun * _bump(hour, 13.5, 2.2)
                 + rng.gauss(0, 3))  # fmt: skip
        rows.append({"hour_start_utc": utc_text(start), "hour_end_utc": utc_text(end),
                     "price_eur_mwh": round(price, 2)})  # fmt: skip
    return rows


def day_ahead(today: date, seed: int) -> dict:
    """The answer of ``/api/day-ahead-prices``."""
    latest = today + timedelta(days=1)
    days = [latest - timedelta(days=k) for k in range(28, -1, -1)]
    rows = [row for day in days for row in day_ahead_rows(day, seed)]
    return {"rows": rows, "latestDate": latest.isoformat(), "earliestDate": days[0].isoformat()}


def _fetched(today: date, minutes: float) -> str:
    start, _ = day_bounds(today)
    return utc_text(start + timedelta(minutes=minutes))


def capacity(member: str, today: date, seed: int) -> dict:
    """The answer of ``/api/{fcr,afrr,mfrr}-capacity``."""
    rows = []
    for offset in range(-6, 2):
        day = today + timedelta(days=offset)
        for product, direction, offered, price in CAPACITY_PRODUCTS[member]:
            rng = _rng(seed, "cap", product, direction, day)
            for k, (start, end) in enumerate(periods(day, 3600)):
                hour = _paris_hour(start)
                if k % 4 == 0:  # volumes are auctioned in 4-hour blocks
                    offer = round(offered * rng.uniform(0.95, 1.06))
                    contracted = min(offer, round(offered * rng.uniform(0.93, 0.99)))
                    need = min(offer, contracted + round(rng.uniform(0, 10)))
                row: dict[str, Any] = {"period_start_utc": utc_text(start),
                                       "period_end_utc": utc_text(end)}
                if member == "fcr":
                    row["volume_mw"] = need
                row.update({
                    "contracted_volume_mw": contracted, "offered_volume_mw": offer,
                    "price": round(max(0.5, price * (1 + 0.25 * daily_shape(hour))
                                       + rng.gauss(0, 1.2)), 1),
                    "direction": direction, "product_type": product, "time_horizon": "DAILY",
                })  # fmt: skip
                rows.append(row)
    minutes = {"fcr": 12 * 60 + 5, "afrr": 12 * 60 + 35, "mfrr": 12 * 60 + 50}[member]
    return {"rows": rows, "latestFetchedAtUtc": _fetched(today, minutes + 24.755 / 60)}


def balancing_capacity(today: date, seed: int) -> dict:
    """The answer of ``/api/balancing-capacity``: the three unit answers."""
    parts = {member: capacity(member, today, seed) for member in CAPACITY_PRODUCTS}
    latest = max(part["latestFetchedAtUtc"] for part in parts.values())
    return {"latestFetchedAtUtc": latest, **parts}


def _ar(rng: random.Random, n: int, phi: float, sd: float) -> list[float]:
    value, out = 0.0, []
    for _ in range(n):
        value = phi * value + rng.gauss(0, sd)
        out.append(value)
    return out


def afrr_energy(today: date, seed: int) -> dict:
    """The answer of ``/api/afrr-energy``: the 4-second series of the day before ``today``."""
    day = today - timedelta(days=1)
    rng = _rng(seed, "afrr", day)
    slots = periods(day, 4)
    n = len(slots)
    up_noise, down_noise, demand = _ar(rng, n, 0.995, 2.5), _ar(rng, n, 0.995, 1.2), \
        _ar(rng, n, 0.998, 25.0)  # fmt: skip
    outage = rng.randrange(n - 300)
    rows: list[dict[str, Any]] = []
    for i, (start, end) in enumerate(slots):
        shape = daily_shape(_paris_hour(start))
        for_france = max(0, round(90 + 40 * shape + demand[i] / 10))
        rows.append({
            "period_start_utc": utc_text(start), "period_end_utc": utc_text(end),
            "upward_price_eur_mwh": round(max(0.0, 70 + 25 * shape + up_noise[i]), 1),
            "downward_price_eur_mwh": round(-8 + 12 * shape + down_noise[i], 1),
            "pdemand_mw": round(1900 + 500 * shape + demand[i]),
            "afrr_for_france_mw": for_france,
            "afrr_in_france_mw": round(for_france * 0.88),
            "picasso_connection": not outage <= i < outage + 300,
            "prorata_mode": (i // 900) % 24 == 7,
        })  # fmt: skip
    chart: list[dict[str, Any]] = []
    for k in range(0, n, 75):  # 75 rows of 4 s = one 5-minute bucket
        block = rows[k : k + 75]
        chart.append({
            "bucket_start_utc": block[0]["period_start_utc"],
            "bucket_end_utc": block[-1]["period_end_utc"],
            "upward_price_eur_mwh": round(sum(r["upward_price_eur_mwh"] for r in block) / 75, 1),
            "downward_price_eur_mwh": round(
                sum(r["downward_price_eur_mwh"] for r in block) / 75, 1),
        })  # fmt: skip
    _, end = day_bounds(day)
    return {
        "latestDeliveryDateParis": day.isoformat(),
        "latestFetchedAtUtc": utc_text(end + timedelta(minutes=70, seconds=28.164)),
        "latestPeriodStartUtc": rows[-1]["period_start_utc"],
        "latestPeriodEndUtc": rows[-1]["period_end_utc"],
        "resolutionSeconds": 4, "rowCount": n,
        "averageUpwardPrice": round(sum(r["upward_price_eur_mwh"] for r in rows) / n, 1),
        "averageDownwardPrice": round(sum(r["downward_price_eur_mwh"] for r in rows) / n, 1),
        "latestRow": rows[-1], "recentRows": rows, "chartRows": chart,
    }  # fmt: skip


def _mfrr_detail(start: datetime, end: datetime, direction: str, price: float,
                 rng: random.Random) -> dict:  # fmt: skip
    active = price != 0
    requested = round(rng.uniform(20, 120)) if active else 0
    satisfied = min(requested, round(requested * rng.uniform(0.85, 1.0)))
    submitted = round(rng.uniform(250, 340) if direction == "UPWARD" else rng.uniform(150, 220))
    return {
        "period_start_utc": utc_text(start), "period_end_utc": utc_text(end),
        "direction": direction, "clearing_price_eur_mwh": price,
        "settlement_price_current_eur_mwh": price,
        "settlement_price_previous_eur_mwh": round(price * rng.uniform(0.9, 1.05), 1),
        "total_requested_volume_sa_mw": requested, "total_requested_volume_da_mw": 0,
        "total_satisfied_need_sa_mw": satisfied, "total_satisfied_need_da_mw": 0,
        "total_activated_volume_sa_mw": satisfied, "total_activated_volume_da_mw": 0,
        "total_volume_submitted_offers_mw": submitted,
        "total_volume_filtered_offers_mw": round(submitted * rng.uniform(0.8, 1.0)),
    }  # fmt: skip


def mfrr_energy(today: date, seed: int) -> dict:
    """The answer of ``/api/mfrr-energy``: the quarter hours of the two days before ``today``."""
    rows: list[dict[str, Any]] = []
    for day in (today - timedelta(days=2), today - timedelta(days=1)):
        rng = _rng(seed, "mfrr", day)
        for start, end in periods(day, 900):
            shape = daily_shape(_paris_hour(start))
            up = round(max(0.0, 105 + 30 * shape + rng.gauss(0, 12)), 1)
            down = 0.0 if rng.random() < 0.6 else round(25 + 15 * shape + rng.gauss(0, 8), 1)
            rows.append({"period_start_utc": utc_text(start), "period_end_utc": utc_text(end),
                         "upward_price_eur_mwh": up, "downward_price_eur_mwh": down})
    last = rows[-1]
    start = datetime.fromisoformat(last["period_start_utc"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(last["period_end_utc"].replace("Z", "+00:00"))
    rng = _rng(seed, "mfrr-latest", today)
    n = len(rows)
    return {
        "latestDeliveryDateParis": (today - timedelta(days=1)).isoformat(),
        "latestFetchedAtUtc": utc_text(end + timedelta(minutes=80, seconds=6.497)),
        "latestPeriodStartUtc": last["period_start_utc"],
        "latestPeriodEndUtc": last["period_end_utc"],
        "resolutionSeconds": 900, "rowCount": n,
        "averageUpwardPrice": round(sum(r["upward_price_eur_mwh"] for r in rows) / n, 1),
        "averageDownwardPrice": round(sum(r["downward_price_eur_mwh"] for r in rows) / n, 1),
        "latestUpwardRow": _mfrr_detail(start, end, "UPWARD", last["upward_price_eur_mwh"], rng),
        "latestDownwardRow": _mfrr_detail(start, end, "DOWNWARD",
                                          last["downward_price_eur_mwh"], rng),
        "recentRows": rows, "chartRows": [dict(row) for row in rows],
    }  # fmt: skip


def balancing_energy(today: date, seed: int) -> dict:
    """The answer of ``/api/balancing-energy``: the aFRR and mFRR energy answers."""
    parts = {"afrr": afrr_energy(today, seed), "mfrr": mfrr_energy(today, seed)}
    latest = max(part["latestFetchedAtUtc"] for part in parts.values())
    return {"latestFetchedAtUtc": latest, **parts}


#: Endpoint name (:mod:`rtecap.market.mappings`) -> answer builder.
BUILDERS = {
    "day_ahead_prices": day_ahead,
    "fcr_capacity": lambda today, seed: capacity("fcr", today, seed),
    "afrr_capacity": lambda today, seed: capacity("afrr", today, seed),
    "mfrr_capacity": lambda today, seed: capacity("mfrr", today, seed),
    "balancing_capacity": balancing_capacity,
    "afrr_energy": afrr_energy,
    "mfrr_energy": mfrr_energy,
    "balancing_energy": balancing_energy,
}


@lru_cache(maxsize=12)
def answer_bytes(name: str, today: date, seed: int) -> bytes:
    """The JSON body of an endpoint's answer (cached: the aFRR day is ~5 MB)."""
    return json.dumps(BUILDERS[name](today, seed), separators=(",", ":")).encode()
