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
# # Quickstart: RTE's installed capacities as a tidy pandas frame
#
# **The question:** how do I get RTE's *Generation Installed Capacities* data into pandas — from
# answers saved on disk, from the API itself, and later from the real API with my own
# credentials — and what shape will the frames have?
#
# This notebook runs offline: it reads the sample answers shipped with rtecap and asks the
# package's local emulator of the API over real HTTP on 127.0.0.1. The emulator's figures are
# partly **synthetic** (never RTE's own), and every figure drawn from them says so.
#
# ## Install
#
# ```sh
# python -m pip install "rtecap[plot,xarray]"     # + "[emulator]" for the local emulator
# ```
#
# From a clone of the repository, `make demo` and `make test` set up `.venv` themselves.

# %%
import tempfile
from pathlib import Path

import rtecap
from rtecap.datasets import sample_path
from rtecap.emulator import mark_synthetic, serve


# %% [markdown]
# ## Saved answers: `read_*`
#
# The three resources of the API are capacities per production type (CPPT), per production
# unit of more than 100 MW (CPPU) and under purchase obligation (CPC). rtecap ships one sample
# answer of each; `read_<resource>` reads a saved answer (a path, a file object, bytes or a
# decoded dict) with the same parser that `get_<resource>` uses.

# %%
cpc = rtecap.read_capacities_cpc(sample_path("cpc"))
cpc.head()

# %% [markdown]
# ## The frame contract
#
# Every frame rtecap returns has the same shape:
#
# - one row per observation (tidy, long);
# - a `DatetimeIndex` in `Europe/Paris`, named after the field it holds (`updated_date` for CPC,
#   `start_date` for CPPT and CPPU), sorted in time order;
# - snake_case English columns with the unit as suffix (`capacity_kw`, `capacity_mw`,
#   `voltage_kv`), labels as `category`;
# - provenance in `df.attrs["rtecap"]`, never a secret.

# %%
print("index:", cpc.index.name, "-", cpc.index.dtype, "- sorted:", cpc.index.is_monotonic_increasing)
print(cpc.dtypes.to_string())
info = cpc.attrs["rtecap"]
print({key: info[key] for key in ("resource", "lang", "order")})

# %% [markdown]
# Plain pandas works on it: slicing by date, groupby, resample. CPC capacities are in **kW**
# (`df.rte.to_mw()` converts), and each row is an *update* of one department x network x
# production type: the capacity on a date is the latest update of each combination on or
# before it, `df.rte.as_of(date)`. Its national rows (`FR`) add up, each MW once:

# %%
cpc_mw = cpc.rte.to_mw()
print(len(cpc_mw.loc["2023"]), "updates in 2023")
end_2023 = cpc_mw.rte.as_of("2023-12-31").rte.national()
end_2023.groupby("production_type", observed=True)["capacity_mw"].sum().round(1)

# %% [markdown]
# ## The API: `get_*`, here against the local emulator
#
# `rtecap.emulator.serve` starts a stand-in of RTE's API on 127.0.0.1: the same paths, the same
# OAuth2 token endpoint, the guide's rules and errors. Its clock (`today`) and its `seed` are
# fixed here so that this notebook always gives the same output. A `Client` holds the
# credentials, the retries, the timeouts and the disk cache (`cache=False`: none here).

# %%
TODAY = "2026-11-23"
server = serve(today=TODAY, seed=0)  # a free port on 127.0.0.1, in a background thread
client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                       today=TODAY)
print("client id:", client.client_id)
print("secret masked in the repr:", "client_secret='***'" in repr(client))

# %% [markdown]
# A CPPT call may cover one calendar year to 366 days; `get_*` takes any period, splits it into
# the calls the API accepts, runs them and parses the merged answer:

# %%
cppt = rtecap.get_capacities_per_production_type("2015-01-01", "2025-01-01", client=client,
                                                 progress=False)
print(len(cppt), "rows from", cppt.attrs["rtecap"]["calls"], "calls")
cppt.rte.by_sector().round(0).tail(3)

# %% [markdown]
# The emulator's CPPT for 2015–2023 is RTE/ODRE's real national figures spread over the API's
# production types; 2024 is a synthetic extrapolation. `rtecap.emulator.mark_synthetic` writes
# that into the frame's provenance, and every rtecap plot prints it under the axes:

# %%
cppt = mark_synthetic(cppt, seed=0)
ax = cppt.rte.plot_trend()

# %% [markdown]
# ## Saving the raw answers
#
# `raw="answers.json"` keeps the API's answers (merged over the calls) next to the frame:
# a study can ship them and `read_*` gives back the same frame, with no network and no
# credentials.

# %%
workdir = tempfile.TemporaryDirectory()
raw_path = Path(workdir.name) / "cppt_2015_2024.json"
again = rtecap.get_capacities_per_production_type("2015-01-01", "2025-01-01", client=client,
                                                  progress=False, raw=raw_path)
replayed = rtecap.read_capacities_per_production_type(raw_path)
print(raw_path.name, f"{raw_path.stat().st_size:,} bytes")
print("same rows and values:", replayed.equals(again))

# %%
client.close()
server.stop()
workdir.cleanup()

# %% [markdown]
# ## The real API, with your credentials
#
# Create an application on RTE's data portal (<https://data.rte-france.com>), subscribe it to
# *Generation Installed Capacities*, and put its id and secret in the environment — never in a
# notebook:
#
# ```sh
# export RTE_CLIENT_ID=...
# export RTE_CLIENT_SECRET=...
# ```
#
# Then the same calls need no `client=` (rtecap builds one from the environment, with a disk
# cache in your user cache folder). These cells are shown, not run:
#
# ```python
# import rtecap
#
# cppt = rtecap.get_capacities_per_production_type("2015-01-01", "2025-01-01")
# cppu = rtecap.get_capacities_per_production_unit("1935-01-01", "2026-01-01")  # 91 calls
# cpc = rtecap.get_capacities_cpc("2015-02-09", "2026-01-01", department_code="FR",
#                                 raw="cpc_fr.json")  # the raw answers, for a replication package
# ```
#
# Or pass them explicitly: `rtecap.Client(client_id, client_secret)`. Missing credentials fail
# before any call with `CredentialsError`; the secret never appears in a `repr`, a log or an
# error.
#
# Next: {doc}`02_capacity_trends` (France's mix since 2007), {doc}`03_power_stations`,
# {doc}`04_cpc_by_department`, {doc}`05_reproducibility`, {doc}`06_rules_and_errors`,
# {doc}`07_market_data`.
