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
# # Power stations over 100 MW: the fleet on any date, openings and closures
#
# **The question:** which large power stations (over 100 MW) were in operation in France on a
# given date, how did the fleet grow and shrink decade by decade and type by type, who owns the
# most of it, and what is one station's history?
#
# RTE's API answers with CPPU, *capacities per production unit*: one row per value interval of
# a station (its capacity, voltage and type from `start_date` to `end_date`; `end_date` is
# `NaT` while the interval is open). This notebook asks the package's local emulator: real
# station names with approximate capacities and **synthetic** details (dates, EIC codes, steps
# of a station's life) — a tour of the method, never RTE's figures. Every figure says so.

# %%
import rtecap
from rtecap.emulator import mark_synthetic, serve

TODAY = "2026-11-23"  # the emulator's clock, fixed: the same output at every run
with serve(today=TODAY, seed=0) as server:
    client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                           today=TODAY)
    cppu = rtecap.get_capacities_per_production_unit("1935-01-01", "2027-01-01",
                                                     client=client, progress=False)
    client.close()
cppu = mark_synthetic(cppu, seed=0)
print(len(cppu), "value intervals of", cppu["code_eic"].nunique(), "stations,",
      cppu.attrs["rtecap"]["calls"], "calls (one per calendar year since 1935)")
cppu[["name", "producer_name", "production_type", "capacity_mw", "end_date"]].head()

# %% [markdown]
# ## The fleet in operation on a date
#
# `df.rte.in_operation(at)` keeps the intervals open at `at`: one row per station then.

# %%
for day in ("1980-01-01", "2000-01-01", "2020-01-01", TODAY):
    fleet = cppu.rte.in_operation(day)
    print(f"{day}: {len(fleet):>3} stations, {fleet['capacity_mw'].sum():>9,.0f} MW")

# %%
fleet_today = cppu.rte.in_operation(TODAY)
by_type = fleet_today.groupby("production_type", observed=True)["capacity_mw"]
by_type.agg(["count", "sum"]).sort_values("sum", ascending=False).round(0)

# %% [markdown]
# ## Commissionings and closures by decade
#
# `df.rte.timeline(freq=...)` counts the MW commissioned and closed per period and sector, with
# the capacity in operation at the end of the period (`freq` is any pandas offset alias; `"YS"`:
# calendar years). A change of a station's capacity counts too (an uprate is commissioned MW).
# The years added up by calendar decade, commissioned then closed (MW):

# %%
yearly = cppu.rte.timeline(freq="YS")
decade = (yearly.index.year // 10 * 10).rename("decade")
flows = yearly.groupby([decade, "sector"], observed=True)[["commissioned_mw", "closed_mw"]].sum()
flows = flows.unstack("sector").round(0)
flows["commissioned_mw"]

# %%
flows["closed_mw"]

# %% gallery="stations_timeline"
ax = cppu.rte.plot_timeline(freq="YS")

# %% [markdown]
# ## The largest producers
#
# Capacity in operation today per producer (the API's `name_producteur`, `producer_name` here):

# %%
producers = fleet_today.groupby("producer_name")["capacity_mw"].agg(["count", "sum"])
producers.sort_values("sum", ascending=False).head(8).round(0)

# %% [markdown]
# ## A station's history
#
# A station keeps its EIC code through its life; each change of capacity, voltage or type opens
# a new interval. The station with the most intervals:

# %%
intervals = cppu.groupby("code_eic").size()
code = intervals.idxmax()
history = cppu[cppu["code_eic"] == code]
print(history["name"].iloc[0], "-", code)
history[["production_type", "capacity_mw", "voltage_kv", "end_date"]]
