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
# # Capacity under purchase obligation (CPC) by department, and a map of France
#
# **The question:** how much generating capacity under purchase obligation does each
# department have, on which network (distribution RPD or transmission RPT), how much has it
# grown since 2015, which departments lead, and where is it on a map?
#
# RTE's API answers with CPC: one row per update of a department x network x production type,
# in **kW**. CPC values are *updates*, not a regular series: a combination keeps its value until
# its next update, so "the capacity on a date" is the latest value of each combination on or
# before that date — `df.rte.as_of(date)`.
#
# This notebook asks the package's local emulator, whose CPC is **synthetic**: the method is
# RTE's, the figures are not, and every figure says so.

# %%
import rtecap
from rtecap.emulator import mark_synthetic, serve

TODAY = "2026-11-23"  # the emulator's clock, fixed: the same output at every run
with serve(today=TODAY, seed=0) as server:
    client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                           today=TODAY)
    # every department and the FR aggregate, from the first date with data to D+1
    cpc = rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", client=client, progress=False)
    client.close()
cpc = mark_synthetic(cpc, seed=0).rte.to_mw()
print(len(cpc), "updates,", cpc.attrs["rtecap"]["calls"], "calls,",
      cpc["department_code"].nunique(), "department codes (FR included)")
cpc.head()

# %% [markdown]
# `scope` tells the national aggregate (`FR`) from the departments: never add them together.
#
# ## As of a date
#
# The latest value of each combination on or before the date; the index keeps the date of that
# value, so a stale combination shows how old it is.

# %%
latest = cpc.rte.as_of(TODAY)
departments = latest.rte.departments()
print("as of", latest.attrs["rtecap"]["as_of"][:10], "-", len(departments),
      "department rows; oldest value:", departments.index.min().date())
by_network = departments.pivot_table(index="department_code", columns="network_connection",
                                     values="capacity_mw", aggfunc="sum", observed=True)
by_network["total"] = by_network.sum(axis=1)
by_network.sort_values("total", ascending=False).head(10).round(1)

# %% [markdown]
# Each MW is in one row: the departments add up to the national aggregate (`FR`), network by
# network:

# %%
national = latest.rte.national().groupby("network_connection", observed=True)["capacity_mw"].sum()
summed = departments.groupby("network_connection", observed=True)["capacity_mw"].sum()
national.to_frame("FR").assign(sum_of_departments=summed).round(1)

# %% [markdown]
# ## Growth since 2015
#
# The same as of the end of 2015, then the change per department:

# %%
def per_department(frame):
    rows = frame.rte.departments()
    return rows.groupby(rows["department_code"].astype(str))["capacity_mw"].sum()


growth = per_department(cpc.rte.as_of("2015-12-31")).to_frame("end_2015_mw")
growth["today_mw"] = per_department(latest)
growth["change_mw"] = growth["today_mw"] - growth["end_2015_mw"]
growth["change_pct"] = 100 * growth["change_mw"] / growth["end_2015_mw"]
growth.sort_values("change_mw", ascending=False).head(10).round(1)

# %% [markdown]
# ## Top departments
#
# `df.rte.plot_departments(top=n)` draws the `n` departments with the most capacity, by sector,
# as of the latest update (or `at=`):

# %% gallery="cpc_top_departments"
ax = cpc.rte.plot_departments(top=10)

# %% [markdown]
# ## A map of France
#
# `df.rte.plot_departments_map()` colours each metropolitan department by its capacity as of
# the latest update (or `at=`), with Paris and its inner ring enlarged. The outlines (IGN
# GEOFLA via france-geojson, Licence Ouverte, simplified) ship with rtecap: no geopandas. The
# departments that are not on the map (overseas) are listed beside it with their values.

# %% gallery="cpc_map"
ax = cpc.rte.plot_departments_map()

# %% [markdown]
# Any value per department can be mapped: a Series indexed by department code, or a frame and
# `column=`. Here the growth since 2015, in percent:

# %% gallery="cpc_growth_map"
from rtecap.plotting import plot_departments_map

change = mark_synthetic(growth, seed=0)  # a new frame: say again where its figures come from
ax = plot_departments_map(change, column="change_pct", cmap="OrRd",
                          title="CPC growth since the end of 2015 (%)")
