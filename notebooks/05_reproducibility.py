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
# # Reproducibility: cache, offline replay, provenance and pinned data
#
# **The question:** how do I make sure that the figures of a study can be produced again —
# next year, on another machine, with no credentials and no network — and that a reader can
# tell exactly which data they came from?
#
# Four tools: the provenance each frame carries in `df.attrs["rtecap"]`; the disk cache and
# offline replay; the raw answers saved beside a study; and the vintage of the embedded ODRE
# dataset, pinned. The API part asks the package's local emulator (partly **synthetic** data).

# %%
import json
import tempfile
from pathlib import Path

import pandas as pd

import rtecap
from rtecap.datasets import load_national_capacities
from rtecap.emulator import serve
from rtecap.exceptions import OfflineCacheMissError

workdir = tempfile.TemporaryDirectory()
study = Path(workdir.name)

# %% [markdown]
# ## Provenance in `df.attrs`
#
# Every frame says where it came from: the resource, the parameters, the calls, whether they
# came from the cache, when (UTC) and with which rtecap version. Never a secret.

# %%
TODAY = "2026-11-23"  # the emulator's clock, fixed: the same output at every run
server = serve(today=TODAY, seed=0)
client = rtecap.Client(server.client_id, server.client_secret, server.url,
                       cache=study / "rte-cache.sqlite", today=TODAY)
cpc = rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", department_code="FR",
                                client=client, progress=False)
info = dict(cpc.attrs["rtecap"])
info["fetched_at"] = "(the time of the call, UTC)"  # changes at every run
info["version"] = "(rtecap.__version__)"
print(json.dumps(info, indent=1))

# %% [markdown]
# ## Cache and offline replay
#
# The client above wrote every answer to its cache (`cache=`, one SQLite file; only successful
# answers, never a credential). Stop the server: a client with `offline=True` answers the same
# request from the cache alone — no token, no network — and the frame is equal.

# %%
base_url = server.url
server.stop()
client.close()

offline = rtecap.Client(base_url=base_url, cache=study / "rte-cache.sqlite", offline=True,
                        today=TODAY)
replayed = rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", department_code="FR",
                                     client=offline, progress=False)
print("equal:", replayed.equals(cpc), "- from cache:", replayed.attrs["rtecap"]["from_cache"],
      f"- {replayed.attrs['rtecap']['cached_calls']}/{replayed.attrs['rtecap']['calls']} calls")

# %% [markdown]
# A request that was never made is not in the cache: offline, it fails instead of reaching the
# network, and a note names the call of the load that missed.

# %%
try:
    rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", department_code="FR-75",
                              client=offline, progress=False, max_workers=1)
except OfflineCacheMissError as err:
    print(type(err).__name__, "-", err.__notes__[0])
offline.close()

# %% [markdown]
# Offline, any stored answer is replayed however old; online, an answer expires after the
# guide's advised call frequency (a day for CPC). `RTECAP_OFFLINE=1` in the environment turns
# offline mode on for every client, handy in CI.
#
# ## Raw answers for a replication package
#
# A cache is a working tool; a study ships the API's answers themselves. `raw=` writes them
# (merged over the calls, as JSON) and `read_*` gives back the same frame anywhere:

# %%
with serve(today=TODAY, seed=0) as server:
    client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                           today=TODAY)
    cpc = rtecap.get_capacities_cpc("2015-02-09", "2026-11-24", department_code="FR",
                                    client=client, progress=False, raw=study / "cpc_fr.json")
    client.close()
from_file = rtecap.read_capacities_cpc(study / "cpc_fr.json")
print("cpc_fr.json:", f"{(study / 'cpc_fr.json').stat().st_size:,} bytes;",
      "read back equal:", from_file.equals(cpc))

# %% [markdown]
# Parquet keeps a frame with its dtypes, time zone and categories (`df.to_parquet`); a CSV
# keeps text only, and `rtecap.saved.read_csv` restores the frame contract.
#
# ## Pinning the ODRE vintage
#
# RTE / ODRE republish *Parc national annuel de production par filière* from time to time and
# revise past years. rtecap ships two vintages; `load_national_capacities()` gives the latest,
# and `vintage=` pins the one a study used:

# %%
v2022 = load_national_capacities(vintage=2022)
v2024 = load_national_capacities(vintage=2024)
for frame in (v2022, v2024):
    years = frame.index.year
    print(f"{years.min()}-{years.max()}: {frame.attrs['rtecap']['source']}")

# %% [markdown]
# Where the two vintages disagree, on the years both cover (MW, 2024 vintage minus 2022):

# %%
a, b = v2022.rte.by_sector(), v2024.rte.by_sector()
years = a.index.intersection(b.index)
diff = (b.loc[years, a.columns] - a.loc[years]).round(1)
diff.index = diff.index.year.rename("year")
revised = diff[(diff != 0).any(axis=1)]
print(f"{len(revised)} of {len(years)} common years revised; largest revision "
      f"{diff.abs().max().max():,.1f} MW")
revised.loc[:, (revised != 0).any()]

# %%
workdir.cleanup()
