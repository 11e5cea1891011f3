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
    m.CPC: F.small_cpc,
    ops.NATIONAL: load_national_capacities,
}
DIMS = {
    m.CPPT: ("time", "production_type"),
    m.CPPU: ("station", "time"),
    m.CPC: ("time", "department", "network", "production_type"),
    ops.NATIONAL: ("time", "sector", "sub_sector"),
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
    value = "capacity_kw" if kind == m.CPC else "capacity_mw"
    assert tuple(ds[value].dims) == DIMS[kind]
    assert ds[value].attrs["units"] == m.UNITS[value]
    assert ds[value].attrs["long_name"] == m.LONG_NAMES[value]
    time = ds["time"]
    assert time.dtype.kind == "M" and time.attrs["timezone"] == m.TZ
    assert time.attrs["standard_name"] == "time"
    assert ds.attrs["Conventions"].startswith("CF-")
    assert "row" not in ds.variables, "no stray variable"


def test_daily_times_are_paris_wall_clock():
    """Found case: CPPT's 2015 value was stamped 2014-12-31T23:00 (naive UTC)."""
    ds = export.to_xarray(F.small_cppt())
    times = pd.DatetimeIndex(ds["time"].values)
    assert times.tz is None
    assert times.tolist() == [pd.Timestamp("2022-01-01"), pd.Timestamp("2023-01-01")]
    assert ds["end_date"].attrs["timezone"] == m.TZ and "local_time" not in ds.coords
    assert ds["updated_date"].attrs["timezone"] == "UTC"  # 10:00 local: sub-daily, UTC


def test_sel_year_and_groupby_year_give_that_year():
    """Found case: ds.sel(time="2015", production_type="SOLAR") returned 2016's value."""
    cppt = F.emulator_cppt("2023-06-01")
    ds = export.to_xarray(cppt)
    solar = cppt[cppt["production_type"] == "SOLAR"]["capacity_mw"]
    assert ds["capacity_mw"].sel(time="2015", production_type="SOLAR").item() == solar.loc[
        "2015"].item()
    years = ds["capacity_mw"].sel(production_type="SOLAR").groupby("time.year").sum()
    assert years["year"].values.tolist() == list(range(2015, 2024))
    assert years.sel(year=2015).item() == solar.loc["2015"].item()
    national = load_national_capacities()
    nat = export.to_xarray(national)  # found case: KeyError
    assert nat["capacity_mw"].sel(time="2023").sum().item() == pytest.approx(
        national.loc["2023", "capacity_mw"].sum())


def test_sub_daily_times_are_utc_with_a_local_time_coordinate():
    """The autumn hour happens twice in Paris: UTC keeps the two apart."""
    first = pd.Timestamp("2023-10-29 02:30").tz_localize(m.TZ, ambiguous=True)
    second = pd.Timestamp("2023-10-29 02:30").tz_localize(m.TZ, ambiguous=False)
    cpc = F.cpc([("2023-10-29", "FR", "RPD", "SOLAR", k) for k in (1, 2)])
    cpc.index = pd.DatetimeIndex([first, second], name="updated_date").as_unit("us")
    ds = export.to_xarray(cpc)
    assert ds["time"].attrs["timezone"] == "UTC" and ds["local_time"].attrs["timezone"] == m.TZ
    assert pd.DatetimeIndex(ds["time"].values).tolist() == [
        pd.Timestamp("2023-10-29 00:30"), pd.Timestamp("2023-10-29 01:30")]
    assert pd.DatetimeIndex(ds["local_time"].values).tolist() == [
        pd.Timestamp("2023-10-29 02:30")] * 2
    pd.testing.assert_frame_equal(export.from_xarray(ds), cpc)


def test_values_sit_at_their_coordinates():
    cpc = F.small_cpc()
    ds = export.to_xarray(cpc)
    cell = ds["capacity_kw"].sel(
        time=np.datetime64("2023-02-01T00:00"),
        department="FR-59",
        network="RPT",
        production_type="WIND",
    )
    assert cell.item() == 4001
    assert ds["production_type"].values.tolist() == ["WIND", "SOLAR"]  # enum order
    assert ds["scope"].sel(department="FR").dropna("time", how="all").size > 0
    units = export.to_xarray(F.small_cppu())
    assert units["name"].sel(station="17W000000000000B").item() == "Bravo"
    nat = export.to_xarray(load_national_capacities())
    assert nat["capacity_mw"].sel(time="2023", sector="fossil", sub_sector="coal").item() > 0
    assert nat["capacity_mw"].sel(time="2008", sector="fossil", sub_sector="").item() > 0


def test_cpc_in_mw_round_trips_with_its_unit():
    cpc = ops.to_mw(FRAMES[m.CPC]())
    ds = export.to_xarray(cpc)
    assert "capacity_kw" not in ds and ds["capacity_mw"].attrs["units"] == "MW"
    pd.testing.assert_frame_equal(export.from_xarray(ds), cpc)


def test_rows_without_any_value_are_left_out_with_a_warning():
    cppt = F.small_cppt()
    empty = cppt.iloc[:1].assign(capacity_mw=np.nan, end_date=pd.NaT, updated_date=pd.NaT)
    with pytest.warns(UserWarning, match="1 row"):
        ds = export.to_xarray(pd.concat([empty, cppt.iloc[1:]]))
    pd.testing.assert_frame_equal(export.from_xarray(ds), cppt.iloc[1:])
    cpc = F.small_cpc()  # a CPC row without value keeps its scope: it round-trips
    cpc = pd.concat([cpc.iloc[:1].assign(capacity_kw=pd.array([None], dtype="Int64")),
                     cpc.iloc[1:]])
    pd.testing.assert_frame_equal(export.from_xarray(export.to_xarray(cpc)), cpc)


def test_guide_order_round_trips(payload):
    frame = parse_capacities_cpc(payload("cpc_guide.json"), order="guide")
    pd.testing.assert_frame_equal(export.from_xarray(export.to_xarray(frame)), frame)


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


def test_datasets_written_before_paris_times_still_read():
    """Older rtecap wrote every time in UTC, a `row` variable, no zones in the schema."""
    frame = F.small_cppt()
    ds = export.to_xarray(frame)
    schema = json.loads(ds.attrs["rtecap_schema"])
    del schema["zones"], schema["order"]
    utc = pd.DatetimeIndex(ds["time"].values).tz_localize(m.TZ).tz_convert("UTC")
    legacy = ds.assign_coords(time=utc.tz_localize(None).to_numpy())
    for name in ("end_date", "updated_date"):
        stamps = pd.DatetimeIndex(legacy[name].values.ravel())
        zone = ds[name].attrs["timezone"]
        as_utc = stamps.tz_localize(zone).tz_convert("UTC").tz_localize(None)
        legacy[name] = (legacy[name].dims, as_utc.to_numpy().reshape(legacy[name].shape))
    keys = pd.MultiIndex.from_arrays(
        [utc.tz_localize(None)[ds.indexes["time"].get_indexer(frame.index.tz_localize(None))],
         frame["production_type"].astype(str)], names=["time", "production_type"])
    positions = pd.Series(np.arange(len(frame), dtype=float)[::-1], index=keys)  # reversed
    legacy["row"] = positions.to_xarray().reindex_like(legacy)
    legacy.attrs["rtecap_schema"] = json.dumps(schema)
    pd.testing.assert_frame_equal(export.from_xarray(legacy), frame.iloc[::-1])
