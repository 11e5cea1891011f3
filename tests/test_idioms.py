"""Plain pandas and xarray idioms on frames fetched over loopback (the found cases of #8).

Each test is a user's first move on a frame rtecap returned; each failed or gave a wrong
number before rtecap sorted its frames in time order, set undated rows aside, wrote xarray
times on Paris wall clock and told totals from their parts.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import rtecap
from rtecap import mappings as m
from rtecap.datasets import load_national_capacities
from rtecap.emulator import serve
from rtecap.export import from_xarray

xr = pytest.importorskip("xarray")
TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def loaded():
    """CPPT 2015-2023, CPC mid-2019 to 2020 (FR), CPC with FR and departments, CPC with
    CCPC-RG09 placeholders, CPPU 2019-2020: fetched once from the emulator."""
    with serve(port=0, today=TODAY, seed=0) as server:
        client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                               today=TODAY)
        common = {"client": client, "progress": False}
        yield {
            "common": common,
            "cppt": rtecap.get_capacities_per_production_type("2015-01-01", "2024-01-01",
                                                              **common),
            "cpc": rtecap.get_capacities_cpc("2019-06-01", "2021-01-01", department_code="FR",
                                             **common),
            "cpc_both": rtecap.get_capacities_cpc("2020-01-01", "2020-03-01",
                                                  department_code=["FR", "FR-01", "FR-75"],
                                                  **common),
            "cppu": rtecap.get_capacities_per_production_unit("2019-01-01", "2021-01-01",
                                                              **common),
        }


@pytest.mark.parametrize("name", ["cppt", "cpc", "cpc_both", "cppu"])
def test_every_frame_is_in_time_order_without_nat(loaded, name):
    df = loaded[name]
    assert df.index.is_monotonic_increasing and not df.index.hasnans
    json.dumps(df.attrs)  # small JSON-able facts only
    assert len(json.dumps(df.attrs)) < 2000


def test_cppt_year_slice_resample_and_asof(loaded):
    """Found case: cppt.loc["2018":"2020"] raised KeyError (newest year first)."""
    cppt = loaded["cppt"]
    part = cppt.loc["2018":"2020"]
    assert sorted(set(part.index.year)) == [2018, 2019, 2020]
    assert len(part) == 3 * len(m.PRODUCTION_TYPES)
    yearly = cppt["capacity_mw"].resample("YS").sum()
    assert yearly.index.year.tolist() == list(range(2015, 2024))
    assert yearly.loc["2020"].item() == pytest.approx(cppt.loc["2020", "capacity_mw"].sum())
    solar = cppt[cppt["production_type"] == "SOLAR"]["capacity_mw"]
    assert solar.asof(pd.Timestamp("2020-06-30", tz=m.TZ)) == solar.loc["2020"].item()
    # ties in the guide's enum order within a year
    codes = [m.PRODUCTION_TYPES.index(t) for t in cppt.loc["2020", "production_type"]]
    assert codes == sorted(codes)


def test_guide_order_on_request(loaded):
    cppt = loaded["cppt"]
    guide = rtecap.get_capacities_per_production_type("2015-01-01", "2024-01-01",
                                                      order="guide", **loaded["common"])
    assert guide.index.is_monotonic_decreasing and guide.attrs["rtecap"]["order"] == "guide"
    pd.testing.assert_frame_equal(guide.sort_index(kind="stable"), cppt, check_like=False)


def test_cpc_month_slice_and_groupby(loaded):
    """Found case: cpc.loc["2020-01":"2020-06"] raised KeyError (newest update first)."""
    cpc = loaded["cpc"]
    half = cpc.loc["2020-01":"2020-06"]
    assert len(half) > 0 and half.index.min() >= pd.Timestamp("2020-01-01", tz=m.TZ)
    assert half.index.max() < pd.Timestamp("2020-07-01", tz=m.TZ)
    per_date = cpc.groupby(level=0)["capacity_kw"].sum()
    assert per_date.index.is_monotonic_increasing and len(per_date) == cpc.index.nunique()


def test_cpc_placeholders_are_set_aside_not_nat(loaded):
    """Found case: CCPC-RG09 placeholders put NaT in the index; slicing failed even sorted."""
    cpc, rg09 = rtecap.get_capacities_cpc(
        "2020-01-01", "2020-03-01", department_code=["FR-01", "FR-2A"],
        production_type=["GEOTHERMAL", "WIND"], return_undated=True, **loaded["common"])
    assert not cpc.index.hasnans and len(rg09) > 0
    assert rg09["updated_date"].isna().all() and rg09["capacity_kw"].isna().all()
    assert cpc.attrs["rtecap"]["set_aside"]["placeholders"] == len(rg09)
    assert len(cpc.loc["2020-01":"2020-02"]) == len(cpc)


def test_cpc_fr_and_departments_are_told_apart(loaded):
    """Found case: a CPC frame with FR and the departments summed to twice the nation."""
    cpc = loaded["cpc_both"]
    assert set(cpc["scope"]) == {"national", "department"}
    assert (cpc["scope"] == "national").eq(cpc["department_code"] == "FR").all()
    nation = cpc[cpc["scope"] == "national"].groupby(level=0)["capacity_kw"].sum()
    pd.testing.assert_series_equal(cpc.rte.national().groupby(level=0)["capacity_kw"].sum(),
                                   nation)
    deps = cpc.rte.departments()
    assert "FR" not in set(deps["department_code"])
    wide = cpc.rte.by_sector()  # the national rows only, in MW
    assert wide.sum(axis=1).to_numpy() == pytest.approx(nation.to_numpy() / 1000)


def test_cppu_slices_by_start(loaded):
    cppu = loaded["cppu"]
    assert cppu.loc[:"1990"].index.max() < pd.Timestamp("1991-01-01", tz=m.TZ)
    assert len(cppu.loc["2019":"2020"]) + len(cppu.loc[:"2018"]) + len(cppu.loc["2021":]) == len(
        cppu)


def test_national_groupby_counts_each_mw_once():
    """Found case: national.groupby(level=0).capacity_mw.sum() gave 166,467 MW for 2023."""
    national = load_national_capacities()
    total = national.groupby(level=0)["capacity_mw"].sum().loc["2023"].item()
    assert total == pytest.approx(149019.3, abs=0.05)  # coal + gas + oil
    published = national.loc["2023"].groupby("sector", observed=True)["sector_total_mw"].first()
    assert published.sum() == pytest.approx(149046.3, abs=0.05)  # ODRE's own fossil total
    assert national.rte.by_sector().loc["2023"].sum(axis=1).item() == pytest.approx(149046.3,
                                                                                    abs=0.05)


def test_xarray_year_selection_and_groupby(loaded):
    """Found cases: sel(time="2015") gave 2016's value, groupby("time.year") said 2014,
    ds.sel(time="2023") on the national dataset raised KeyError, a stray `row` variable."""
    cppt = loaded["cppt"]
    ds = cppt.rte.to_xarray()
    solar = cppt[cppt["production_type"] == "SOLAR"]["capacity_mw"]
    assert ds["capacity_mw"].sel(time="2015", production_type="SOLAR").item() == solar.loc[
        "2015"].item()
    by_year = ds["capacity_mw"].groupby("time.year").sum()
    assert by_year["year"].values.tolist() == list(range(2015, 2024))
    assert set(ds.data_vars) == {"capacity_mw", "end_date", "updated_date"}
    national = load_national_capacities()
    nat = national.rte.to_xarray()
    assert nat["capacity_mw"].sel(time="2023").sum().item() == pytest.approx(149019.3, abs=0.05)
    pd.testing.assert_frame_equal(from_xarray(ds), cppt)
    pd.testing.assert_frame_equal(from_xarray(nat), national)


def test_xarray_netcdf_round_trip(loaded, tmp_path):
    for name in ("cpc_both", "cppu"):
        frame = loaded[name]
        path = tmp_path / f"{name}.nc"
        frame.rte.to_xarray().to_netcdf(path)
        with xr.open_dataset(path) as ds:
            pd.testing.assert_frame_equal(from_xarray(ds.load()), frame)


def test_derived_frames_are_in_time_order_too(loaded):
    cppt, cppu, cpc = loaded["cppt"], loaded["cppu"], loaded["cpc_both"]
    for frame in (cppt.rte.by_sector(), cppt.rte.mix(), cppt.rte.change(), cpc.rte.by_sector(),
                  cppu.rte.timeline(), cppu.rte.in_operation("2020-06-30"),
                  cpc.rte.national(), cpc.rte.departments()):
        assert frame.index.is_monotonic_increasing and not frame.index.hasnans
