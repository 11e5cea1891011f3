"""Generated answers with realistic variety, as bytes, for the parse benchmarks.

CPPU: stations of 1 to 19 intervals (about 10 on average); distinct EIC codes, names and
producers; interval starts on distinct days over 1950-2026, in Paris time (``+01:00`` or
``+02:00``) or ``Z``; the last interval of a station open (no ``end_date``); capacities as
ints or floats; update times to the second. CPC: monthly updates over 2015-2026 (distinct
times), every department, network and production type; values as ints.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from rtecap import mappings as m


def _stamps(rng: np.random.Generator, n: int, start: str, days: int, utc_share: float = 0.1):
    """``n`` ISO 8601 strings on distinct-ish days (local offsets, a share written with Z)."""
    base = pd.Timestamp(start, tz=m.TZ)
    offsets = rng.integers(0, days * 86400, n)
    stamps = base + pd.to_timedelta(offsets, unit="s")
    local = stamps.strftime("%Y-%m-%dT%H:%M:%S%z")
    local = [s[:-2] + ":" + s[-2:] for s in local]
    utc = stamps.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
    pick = rng.random(n) < utc_share
    return [u if p else s for s, u, p in zip(local, utc, pick, strict=True)]


def cppu(rows: int, seed: int = 0) -> bytes:
    """A CPPU answer of about ``rows`` value rows, as UTF-8 bytes."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 20, rows // 5 + 10)
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), rows)) + 1]
    sizes[-1] -= int(sizes.sum() - rows)
    n = int(sizes.sum())
    starts = _stamps(rng, n, "1950-01-01", 76 * 365)
    ends = _stamps(rng, n, "1951-01-01", 76 * 365)
    updated = _stamps(rng, n, "2015-01-01", 11 * 365)
    types = rng.choice(list(m.PRODUCTION_TYPES), n)
    capacity = rng.integers(1, 1600, n)
    as_float = rng.random(n) < 0.3
    voltage = rng.choice([20, 63, 90, 150, 225, 400], n)
    units, row = [], 0
    for i, size in enumerate(sizes):
        values = []
        for j in range(int(size)):
            value = {"start_date": starts[row], "end_date": ends[row], "type": str(types[row]),
                     "installed_capacity": (float(capacity[row]) + 0.5 if as_float[row]
                                            else int(capacity[row])),
                     "voltage_level_connection": int(voltage[row]),
                     "updated_date": updated[row]}
            if j == size - 1:
                del value["end_date"]
            values.append(value)
            row += 1
        unit = {"code_eic": f"17W{i:012d}X", "name": f"Centrale {i} de Saint-Étienne-{i % 97}",
                "location": f"Site {i % 5000}"}
        if i % 3:
            unit["code_eic_producteur"] = f"17X{i % 800:012d}P"
            unit["name_producteur"] = f"Producteur {i % 800} SAS"
        units.append({"start_date": "2015-01-01T00:00:00+01:00",
                      "end_date": "2027-01-01T00:00:00+01:00",
                      "production_unit": unit, "values": values})
    return json.dumps({m.CPPU: units}, ensure_ascii=False).encode()


def cpc(rows: int, seed: int = 0) -> bytes:
    """A CPC answer of ``rows`` records, as UTF-8 bytes."""
    rng = np.random.default_rng(seed)
    updated = _stamps(rng, rows, "2015-03-01", 11 * 365, utc_share=0.0)
    deps = rng.choice(list(m.DEPARTMENT_CODES), rows)
    nets = rng.choice(list(m.NETWORKS), rows)
    types = rng.choice(list(m.CPC_PRODUCTION_TYPES), rows)
    values = rng.integers(0, 10**7, rows)
    records = [{"updated_date": updated[i], "department_code": str(deps[i]),
                "network_connection": str(nets[i]), "production_type": str(types[i]),
                "value": int(values[i])} for i in range(rows)]
    return json.dumps({m.CPC: records}, ensure_ascii=False).encode()
