# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # France's installed capacity, 2007 → 2023: by sector, by production type, wind and solar
#
# **The question:** how has France's installed generating capacity changed since 2007 — which
# sectors grew, which shrank, how the mix moved, and how fast wind and solar grew?
#
# Two sources answer it. RTE / ODRE's open dataset *Parc national annuel de production par
# filière* (shipped with rtecap, **real figures**, 2007–2023, Licence Ouverte 2.0) gives the
# sectors; RTE's API (CPPT, here its local emulator) gives the 20 production types behind them.
# At the end the frame goes to xarray and to a netCDF file, and back.

# %%
import tempfile
from pathlib import Path

import pandas as pd

import rtecap
from rtecap.datasets import load_national_capacities
from rtecap.emulator import mark_synthetic, serve

national = load_national_capacities()
print(national.attrs["rtecap"]["source"])
national.head(7)

# %% [markdown]
# One row per year and sub-sector, indexed at 1 January of the year (local time), in MW.
# `sector` holds six sectors; `sub_sector` splits fossil into coal, gas and oil from 2010 on.
# Each MW is in one row, so a plain groupby-sum gives the national total.
#
# ## By sector

# %%
wide = national.rte.by_sector()
table = wide.round(0)
table.index = table.index.year.rename("year")
table

# %% gallery="national_trend"
ax = national.rte.plot_trend()

# %% [markdown]
# ## The mix
#
# `df.rte.mix()` gives each sector's share of the installed total. In percent:

# %%
mix = 100 * national.rte.mix()
shares = mix[mix.index.year.isin([2007, 2015, 2023])].round(1)
shares.index = shares.index.year.rename("year")
shares

# %% gallery="national_mix"
ax = national.rte.plot_mix()

# %% [markdown]
# ## Change since 2015
#
# `df.rte.change(periods=n)` compares each year with the one `n` rows earlier; on 2015–2023,
# `periods=8` gives 2023 against 2015:

# %%
since_2015 = national[national.index.year >= 2015].rte.change(periods=8)
since_2015.round(1)

# %%
total = wide.sum(axis=1)
print(f"total 2007: {total.loc['2007'].item():,.0f} MW")
print(f"total 2023: {total.loc['2023'].item():,.0f} MW "
      f"({100 * (total.loc['2023'].item() / total.loc['2007'].item() - 1):+.1f} % since 2007)")

# %% [markdown]
# ## Growth of wind and solar
#
# MW added each year, and the average growth rate per year (compound) over 2013–2023:

# %%
renewables = wide[["wind", "solar"]]
added = renewables.diff().loc["2016":].round(0)
added.index = added.index.year.rename("year")
print("MW added per year:")
print(added.to_string())
first, last = renewables.loc["2013"].iloc[0], renewables.loc["2023"].iloc[0]
growth = 100 * ((last / first) ** (1 / 10) - 1)
print("\naverage growth per year, 2013-2023 (%):", growth.round(1).to_dict())

# %% [markdown]
# ## By production type (the API)
#
# The API's CPPT splits the sectors into production types (onshore and offshore wind,
# run-of-river, reservoir and pumped hydro, ...). Here it is asked of the local emulator, whose
# 2015–2023 figures are ODRE's, spread over the types with documented estimates, and whose
# later years are **synthetic**.

# %%
TODAY = "2026-11-23"
with serve(today=TODAY, seed=0) as server:
    client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                           today=TODAY)
    cppt = rtecap.get_capacities_per_production_type("2015-01-01", "2024-01-01",
                                                     client=client, progress=False)
    client.close()
cppt = mark_synthetic(cppt, seed=0)  # the plots will say so
print(len(cppt), "rows,", cppt["production_type"].nunique(), "production types,",
      cppt.attrs["rtecap"]["calls"], "calls")

# %%
types = cppt.rte.by_sector(level="production_type")
types.index = types.index.year.rename("year")
types[["WIND_ONSHORE", "WIND_OFFSHORE", "SOLAR"]].round(0)

# %% [markdown]
# Summed by sub-sector, the API's types give back ODRE's figures:

# %%
api = cppt.rte.by_sector(level="sub_sector")
odre = national.rte.by_sector(level="sub_sector")
common = [c for c in odre.columns if c in api.columns]
years = odre.index.intersection(api.index)
gap = (api.loc[years, common] - odre.loc[years, common]).abs().max().max()
print(f"{len(years)} years, {len(common)} sub-sectors: largest gap {gap:.3f} MW")

# %% gallery="production_types"
ax = cppt.rte.plot_trend(level="production_type", kind="area")

# %% [markdown]
# ## xarray and netCDF
#
# `df.rte.to_xarray()` gives a CF-annotated `Dataset` (dimensions `time` x `sector` x
# `sub_sector`, units in the attributes); it writes to netCDF and comes back equal with
# `rtecap.export.from_xarray`.

# %%
import xarray as xr

from rtecap.export import from_xarray

ds = national.rte.to_xarray()
print(dict(ds.sizes), ds["capacity_mw"].attrs["units"])
print("nuclear 2023:", float(ds["capacity_mw"].sel(time="2023", sector="nuclear").sum()), "MW")

# %%
workdir = tempfile.TemporaryDirectory()
path = Path(workdir.name) / "national.nc"
ds.to_netcdf(path)
with xr.open_dataset(path) as back:
    round_trip = from_xarray(back.load())
pd.testing.assert_frame_equal(round_trip, national)
print(path.name, "read back: equal to the frame")
workdir.cleanup()
