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
# # Market data: day-ahead prices, balancing capacity and solar
#
# **The question:** what did French day-ahead prices do over the last four weeks, what does
# an average day look like, how much balancing capacity is procured per product and direction,
# and do midday prices sink as installed solar capacity grows?
#
# `rtecap.market` reads a French market-data API (Bearer token): quarter-hourly day-ahead
# prices and RTE's FCR / aFRR / mFRR balancing data, in frames that follow the same contract
# as the RTE loaders. This notebook asks the package's local emulator, which serves both APIs
# on one server. Its market data are **synthetic** (a seasonal level, a daily shape and a
# midday solar dip) — a tour of the method, never real prices; every figure says so.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import rtecap
from rtecap import market
from rtecap.emulator import mark_synthetic, serve

TODAY = "2026-04-20"  # the emulator's clock, fixed: the same output at every run (a spring day)
with serve(today=TODAY, seed=0) as server:
    client = market.Client(server.market_token, server.url, cache=False)
    prices = market.get_day_ahead_prices(client=client)
    capacity = market.get_balancing_capacity(client=client)
    client.close()
    rte = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                        today=TODAY)
    solar = rtecap.get_capacities_cpc("2026-01-01", "2026-04-21", department_code="FR",
                                      production_type="SOLAR", client=rte, progress=False)
    rte.close()
print(prices.attrs["rtecap"]["source"])
prices.head()

# %% [markdown]
# With real credentials: `market.Client()` reads the token from `RTECAP_MARKET_TOKEN`; the
# API takes no parameter, each endpoint answers its own current window (here the prices of
# the last four weeks and of the next day).
#
# ## Day-ahead prices
#
# One row per quarter hour, indexed by its start in `Europe/Paris`. `df.rte.day_counts()`
# checks each Paris day against what it should hold (96 quarter hours, 92 on the spring DST
# Sunday), `df.rte.gaps()` lists missing or repeated periods:

# %%
counts = prices.rte.day_counts()
print(len(prices), "quarter hours over", len(counts), "days;",
      "days not complete:", int((counts["rows"] != counts["expected"]).sum()), ";",
      "gaps:", len(prices.rte.gaps()))
print(counts[counts["expected"] != 96])

# %%
daily = prices["price_eur_mwh"].resample("D").agg(["mean", "min", "max"]).round(1)
negative = (prices["price_eur_mwh"] < 0).resample("D").sum().rename("negative_quarter_hours")
table = daily.join(negative)
table.index = table.index.date
table.tail(8)

# %% gallery="market_prices"
ax = prices.rte.plot_prices()

# %% [markdown]
# ## The mean daily profile
#
# Plain pandas on the Paris-time index: the mean price of each hour of the day, weekdays
# against weekends. `df.rte.plot_daily_profile()` draws the mean with its 10th–90th
# percentile band.

# %%
hour = prices.index.hour.rename("hour")
weekend = pd.Series(prices.index.day_of_week >= 5, index=prices.index).map(
    {False: "weekday", True: "weekend"}).rename("day")
profile = prices.groupby([hour, weekend])["price_eur_mwh"].mean().unstack("day").round(1)
profile.iloc[[0, 4, 8, 12, 13, 14, 19, 23]]

# %% gallery="market_daily_profile"
ax = prices.rte.plot_daily_profile()

# %% [markdown]
# ## Balancing capacity by product and direction
#
# `get_balancing_capacity` returns the rows of the FCR, aFRR and mFRR auctions told apart by
# `product_type` and `direction` (FCR is symmetric): each MW once, so a plain groupby works.
# Mean volumes per hour (MW):

# %%
volumes = capacity.groupby(["product_type", "direction"], observed=True)[
    ["offered_volume_mw", "contracted_volume_mw"]].mean()
volumes["contracted_share_pct"] = 100 * volumes["contracted_volume_mw"] / volumes[
    "offered_volume_mw"]
volumes.round(1)

# %% gallery="market_balancing_capacity"
ax = capacity.rte.plot_balancing_capacity(value="contracted_volume_mw")

# %% [markdown]
# ## Installed solar beside midday prices
#
# Installed solar capacity comes from RTE's CPC (capacity under purchase obligation, France,
# both networks), updated once a month: `df.rte.as_of(day)` gives the capacity in place on
# each day. Midday is 12:00–14:00, Paris time.

# %%
solar_mw = solar.rte.to_mw()
days = pd.date_range(prices.index.min().normalize(), prices.index.max().normalize(),
                     freq="D", tz="Europe/Paris")
installed = pd.Series([solar_mw.rte.as_of(day)["capacity_mw"].sum() for day in days],
                      index=days, name="solar_mw")
midday = prices.between_time("12:00", "13:45")["price_eur_mwh"].resample("D").mean()
side_by_side = pd.DataFrame({"solar_mw": installed.round(1), "midday_eur_mwh": midday.round(1)})
side_by_side.index = side_by_side.index.date
side_by_side.iloc[::4]

# %% gallery="market_solar_midday"
solar_days = mark_synthetic(side_by_side, seed=0)  # CPC and prices: both from the emulator
fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
ax.bar(solar_days.index, solar_days["midday_eur_mwh"], color="#F2C12E",
       label="mean day-ahead price 12:00-14:00 (EUR/MWh)")
ax.set_ylabel("EUR/MWh")
right = ax.twinx()
right.step(solar_days.index, solar_days["solar_mw"], where="post", color="#1f4e79",
           label="installed solar under purchase obligation (MW)")
right.set_ylabel("MW")
ax.set_title("Midday prices and installed solar, France", loc="left")
fig.legend(loc="outside lower center", ncols=2, frameon=False)
ax.set_xlabel("Source: " + solar_days.attrs["rtecap"]["source"], fontsize=8, color="0.4")
fig.autofmt_xdate()

# %% [markdown]
# Over four weeks the installed capacity moves by one monthly update (+166 MW here); the
# midday dip is the daily shape of the prices, deeper on weekends (see the profile). A study of
# the link needs a longer price history than one window of the API — and the HTTP cache is no
# archive (it keeps the latest answer of each endpoint).
#
# ## Collecting an archive
#
# `market.collect(store)` fetches the unit endpoints and the day-ahead prices and merges their
# rows into a local Parquet archive: rows already there are unchanged, new ones added, a value
# republished since is replaced and its old value kept in a revisions table. Run it every day
# (`rtecap market collect --store DIR` from cron, see the docs page on the market archive);
# here three collections a week apart, moving the emulator's clock between them, with the
# day-ahead prices and the FCR capacity only to keep the notebook short:

# %%
import tempfile

store = tempfile.mkdtemp(prefix="rtecap-archive-")  # a real study keeps it on a local disk
wanted = ("day_ahead_prices", "fcr_capacity")
with serve(today=TODAY, seed=0) as server:
    client = market.Client(server.market_token, server.url, cache=False)
    for day in ("2026-04-06", "2026-04-13", "2026-04-20"):
        server.today = day
        run = market.collect(store, client=client, endpoints=wanted)
        for name, (added, revised, unchanged) in run.per_endpoint().items():
            print(f"{day} {name}: {added} added, {revised} revised, {unchanged} unchanged")
    client.close()

# %% [markdown]
# `market.load_archive(store, endpoint, start=..., end=...)` gives back the loader's frame for
# any stretch of the archive — here six weeks of quarter hours where one call of the API
# holds four — and the same checks apply (the spring DST Sunday holds 92):

# %%
history = market.load_archive(store, "day_ahead_prices")
print(len(history), "quarter hours from", history.index.min(), "to", history.index.max())
print("duplicates:", int(history.index.duplicated().sum()))
counts = history.rte.day_counts()
counts[counts["expected"] != 96]

# %%
import shutil

shutil.rmtree(store)  # this tour's archive only
