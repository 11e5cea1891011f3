"""Small rtecap frames built by hand, following the frame contract, for the analysis-layer tests.

Each builder returns an English frame shaped like the parsers' (Europe/Paris index at
microsecond resolution, categories over the guide's enums, attrs["rtecap"]["resource"]);
``french(df)`` gives its French twin through rtecap's own translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from rtecap import mappings
from rtecap.datasets import tidy_national
from rtecap.ops import NATIONAL, translate
from rtecap.parsers import scopes, sort_frame, time_order


def ts(value: str | None) -> pd.Timestamp:
    """A Europe/Paris timestamp (NaT for None)."""
    if value is None:
        return pd.NaT
    return pd.Timestamp(value).tz_localize(mappings.TZ).as_unit("us")


def _index(values: Iterable[str | None], name: str) -> pd.DatetimeIndex:
    index = pd.DatetimeIndex([ts(v) for v in values], name=name).as_unit("us")
    return index if index.tz is not None else index.tz_localize(mappings.TZ)  # all NaT


def _finish(df: pd.DataFrame, resource: str) -> pd.DataFrame:
    """Sort as the parsers do (time order) and set attrs."""
    df = sort_frame(df, time_order(resource))
    df.attrs = {"rtecap": {"resource": resource, "lang": "en"}}
    return df


def cppt(values: Mapping[int, Mapping[str, float]]) -> pd.DataFrame:
    """CPPT frame from ``{year: {production_type: MW}}``; oldest year first (time order)."""
    rows = [
        (year, ptype, values[year][ptype])
        for year in sorted(values, reverse=True)
        for ptype in mappings.PRODUCTION_TYPES
        if ptype in values[year]
    ]
    df = pd.DataFrame(
        {
            "end_date": _index([f"{y + 1}-01-01" for y, _, _ in rows], "end_date"),
            "production_type": pd.Categorical(
                [p for _, p, _ in rows], categories=mappings.PRODUCTION_TYPES
            ),
            "capacity_mw": np.array([v for _, _, v in rows], dtype="float64"),
            "updated_date": _index([f"{y}-12-20 10:00" for y, _, _ in rows], "updated_date"),
        },
        index=_index([f"{y}-01-01" for y, _, _ in rows], "start_date"),
    )
    return _finish(df, mappings.CPPT)


def cppu(rows: Iterable[tuple[str, str, str, str | None, str | None, float]]) -> pd.DataFrame:
    """CPPU frame from ``(code_eic, name, production_type, start, end, MW)`` rows."""
    rows = list(rows)

    def strings(values: Iterable[str]) -> pd.Series:
        return pd.Series(list(values), dtype="str")

    df = pd.DataFrame(
        {
            "end_date": _index([r[4] for r in rows], "end_date"),
            "code_eic": strings(r[0] for r in rows).array,
            "name": strings(r[1] for r in rows).array,
            "location": strings("France" for _ in rows).array,
            "producer_code_eic": strings(f"17X{r[0][-4:]}" for r in rows).array,
            "producer_name": strings("PRODUCER " + r[1] for r in rows).array,
            "production_type": pd.Categorical(
                [r[2] for r in rows], categories=mappings.PRODUCTION_TYPES
            ),
            "capacity_mw": np.array([r[5] for r in rows], dtype="float64"),
            "voltage_kv": np.full(len(rows), 225.0),
            "updated_date": _index(["2024-06-01" for _ in rows], "updated_date"),
        },
        index=_index([r[3] for r in rows], "start_date"),
    )
    return _finish(df, mappings.CPPU)


def cpc(rows: Iterable[tuple[str | None, str, str, str, int | None]]) -> pd.DataFrame:
    """CPC frame from ``(updated, department, network, production_type, kW)`` rows."""
    rows = list(rows)
    departments = pd.Categorical([r[1] for r in rows], categories=mappings.DEPARTMENT_CODES)
    df = pd.DataFrame(
        {
            "department_code": departments,
            "scope": scopes(departments),
            "network_connection": pd.Categorical(
                [r[2] for r in rows], categories=mappings.NETWORKS
            ),
            "production_type": pd.Categorical(
                [r[3] for r in rows], categories=mappings.CPC_PRODUCTION_TYPES
            ),
            "capacity_kw": pd.array([r[4] for r in rows], dtype="Int64"),
        },
        index=_index([r[0] for r in rows], "updated_date"),
    )
    return _finish(df, mappings.CPC)


def national(values: Mapping[int, Mapping[str, float]]) -> pd.DataFrame:
    """National-dataset frame from ``{year: {sector or sub-sector: MW}}`` (ODRE's columns)."""
    df = tidy_national(pd.DataFrame.from_dict(values, orient="index"))
    df.attrs = {"rtecap": {"resource": NATIONAL, "lang": "en"}}
    return df


def french(df: pd.DataFrame) -> pd.DataFrame:
    """The French twin of an English frame."""
    return translate(df, "fr")


# --------------------------------------------------------------------------- ready-made frames
def small_cppt() -> pd.DataFrame:
    """Two years, a few production types of several sectors."""
    return cppt(
        {
            2022: {"NUCLEAR": 61370.0, "FOSSIL_GAS": 12622.5, "FOSSIL_HARD_COAL": 1810.5,
                   "WIND_ONSHORE": 20000.25, "WIND_OFFSHORE": 480.0, "SOLAR": 15909.75,
                   "OTHER": 100.0},
            2023: {"NUCLEAR": 61370.0, "FOSSIL_GAS": 12612.0, "FOSSIL_HARD_COAL": 1810.5,
                   "WIND_ONSHORE": 21800.5, "WIND_OFFSHORE": 1491.5, "SOLAR": 19046.5,
                   "OTHER": 100.0},
        }
    )  # fmt: skip


def small_cppu() -> pd.DataFrame:
    """Three stations: A runs 400 MW then 412 MW; B closes in 2021; C (wind) opens in 2022."""
    return cppu(
        [
            ("17W000000000000A", "Alpha", "FOSSIL_GAS", "2019-08-09", "2021-05-16", 400.0),
            ("17W000000000000A", "Alpha", "FOSSIL_GAS", "2021-05-16", None, 412.0),
            ("17W000000000000B", "Bravo", "FOSSIL_HARD_COAL", "2015-01-01", "2021-03-31", 600.0),
            ("17W000000000000C", "Charlie", "WIND_OFFSHORE", "2022-11-22", None, 480.0),
        ]
    )


def small_cpc() -> pd.DataFrame:
    """Two monthly updates: FR rows and two departments."""
    rows = []
    for month, k in (("2023-01-01", 0), ("2023-02-01", 1)):
        dep = {"FR-13": (1000 + k, 250), "FR-59": (300, 4000 + k)}  # (SOLAR RPD, WIND RPT)
        for code, (solar, wind) in dep.items():
            rows += [(month, code, "RPD", "SOLAR", solar), (month, code, "RPT", "WIND", wind)]
        rows += [(month, "FR", "RPD", "SOLAR", 1300 + k), (month, "FR", "RPT", "WIND", 4250 + k)]
    return cpc(rows)


def small_national() -> pd.DataFrame:
    """Three years of national figures with the fossil sub-sectors."""
    return national(
        {
            2021: {"nuclear": 61370.0, "fossil": 17666.5, "coal": 1818.0, "gas": 12627.0,
                   "oil": 3221.5, "hydro": 25676.5, "wind": 18852.25, "solar": 13103.75,
                   "bioenergy": 2188.5},
            2022: {"nuclear": 61370.0, "fossil": 17464.75, "coal": 1810.5, "gas": 12622.5,
                   "oil": 3006.0, "hydro": 25680.75, "wind": 21077.5, "solar": 15909.25,
                   "bioenergy": 2163.0},
            2023: {"nuclear": 61370.0, "fossil": 17447.25, "coal": 1810.5, "gas": 12612.0,
                   "oil": 2997.75, "hydro": 25684.0, "wind": 23292.0, "solar": 19046.5,
                   "bioenergy": 2206.75},
        }
    )  # fmt: skip


def emulator_cppt(today: str) -> pd.DataFrame:
    """The emulator's CPPT data (2015 to ``today``'s year), as a payload of the guide's shape,
    parsed (no HTTP)."""
    from rtecap.emulator import build_dataset
    from rtecap.parsers import parse_capacities_per_production_type

    values = [
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in record.items()}
        for record in build_dataset(today).cppt_records()
    ]
    return parse_capacities_per_production_type(
        {"capacities_per_production_type": [{"values": values}]}
    )
