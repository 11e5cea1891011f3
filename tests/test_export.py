"""rtecap.export: frames -> xarray Datasets with CF attributes (netCDF-ready) and back."""

from __future__ import annotations

import builtins
import json

import frames as F
import numpy as np
import pandas as pd
import pytest

from rtecap import export, ops
from rtecap import mappings as m
from rtecap.datasets import load_national_capacities
from rtecap.exceptions import RteValidationError
from rtecap.parsers import parse_capacities_cpc, parse_capacities_per_production_unit

xr = pytest.importorskip("xarray")

FRAMES = {
    m.CPPT: F.small_cppt,
    m.CPPU: F.small_cppu,
    m.CPC: lambda: F.small_cpc().dropna(subset=["capacity_kw"]),  # no CCPC-RG09 row
    ops.NATIONAL: load_national_capacities,
}
DIMS = {
    m.CPPT: ("time", "production_type"),
    m.CPPU: ("station", "time"),
    m.CPC: ("time", "department", "network", "production_type"),
    ops.NATIONAL: ("time", "sector"),
}


def _frame(kind: str, lang: str) -> pd.DataFrame:
    frame = FRAMES[kind]()
    return F.french(frame) if lang == "fr" else frame


@pytest.mark.parametrize("kind", list(FRAMES))
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_round_trip_gives_the_same_frame(kind, lang):
    frame = _frame(kind, lang)
    back = export.from_xarray(export.to_xarray(frame))
    pd.testing.assert_frame_equal(back, frame)
    assert back.attrs["rtecap"]["resource"] == kind


@pytest.mark.parametrize("kind", list(FRAMES))
def test_round_trip_through_netcdf(kind, tmp_path):
    frame = _frame(kind, "fr" if kind == m.CPPU else "en")
    path = tmp_path / f"{kind}.nc"
    export.to_xarray(frame).to_netcdf(path)
    with xr.open_dataset(path) as ds:
        back = export.from_xarray(ds.load())
    pd.testing.assert_frame_equal(back, frame)


@pytest.mark.parametrize("kind", list(FRAMES))
def test_dimensions_and_cf_attributes(kind):
    ds = export.to_xarray(_frame(kind, "en"))
    assert tuple(ds["row"].dims) == DIMS[kind]
    value = "capacity_kw" if kind == m.CPC else "capacity_mw"
    assert ds[value].attrs["units"] == m.UNITS[value]
    assert ds[value].attrs["long_name"] == m.LONG_NAMES[value]
    time = ds["time"]
    assert time.dtype.kind == "M" and time.attrs["timezone"] == m.TZ
    assert time.attrs["standard_name"] == "time"
    assert ds.attrs["Conventions"].startswith("CF-")


def test_times_are_naive_utc():
    ds = export.to_xarray(F.small_cppt())
    times = pd.DatetimeIndex(ds["time"].values)
    assert times.tz is None
    assert times.tolist() == [pd.Timestamp("2021-12-31 23:00"), pd.Timestamp("2022-12-31 23:00")]
    assert ds["end_date"].attrs["timezone"] == m.TZ


def test_values_sit_at_their_coordinates():
    cpc = F.small_cpc().dropna(subset=["capacity_kw"])
    ds = export.to_xarray(cpc)
    cell = ds["capacity_kw"].sel(
        time=np.datetime64("2023-01-31T23:00"),
        department="FR-59",
        network="RPT",
        production_type="WIND",
    )
    assert cell.item() == 4001
    assert ds["production_type"].values.tolist() == ["WIND", "SOLAR"]  # enum order
    units = export.to_xarray(F.small_cppu())
    assert units["name"].sel(station="17W000000000000B").item() == "Bravo"
    nat = export.to_xarray(load_national_capacities())
    assert nat["level"].sel(sector="coal").item() == "sub_sector"


def test_cpc_in_mw_round_trips_with_its_unit():
    cpc = ops.to_mw(FRAMES[m.CPC]())
    ds = export.to_xarray(cpc)
    assert "capacity_kw" not in ds and ds["capacity_mw"].attrs["units"] == "MW"
    pd.testing.assert_frame_equal(export.from_xarray(ds), cpc)


def test_rows_without_keys_are_left_out():
    cpc = F.small_cpc()
    back = export.from_xarray(export.to_xarray(cpc))
    pd.testing.assert_frame_equal(back, cpc[cpc.index.notna()])


def test_parsed_frames_round_trip(payload):
    for frame in (
        parse_capacities_cpc(payload("cpc_guide.json")),
        parse_capacities_per_production_unit(payload("cppu_guide.json"), lang="fr"),
    ):
        pd.testing.assert_frame_equal(export.from_xarray(export.to_xarray(frame)), frame)


def test_errors():
    cppt = F.small_cppt()
    twice = pd.concat([cppt, cppt.iloc[:1].assign(capacity_mw=1.0)])
    with pytest.raises(RteValidationError, match="same keys"):
        export.to_xarray(twice)
    with pytest.raises(RteValidationError, match="to_xarray"):
        export.from_xarray(xr.Dataset())
    with pytest.raises(RteValidationError):
        export.to_xarray(pd.DataFrame({"a": [1]}))
    schema = json.loads(export.to_xarray(cppt).attrs["rtecap_schema"])
    assert schema["resource"] == m.CPPT and schema["lang"] == "en"


def test_missing_xarray_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_xarray(name, *args, **kwargs):
        if name == "xarray":
            raise ImportError("No module named 'xarray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_xarray)
    with pytest.raises(ImportError, match=r"pip install rtecap\[xarray\]"):
        export.to_xarray(F.small_cppt())
