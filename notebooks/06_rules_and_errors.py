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
# # The guide's rules: errors, split plans and French labels
#
# **The question:** what does rtecap refuse before sending a request, what does RTE's API
# answer when a request breaks its rules, and how does a long period become the calls the API
# accepts?
#
# RTE's user guide (v1.2.0) sets input rules whose breach the server answers with a functional
# error `GENINSCAP_<RES>_F01` … `F06`. rtecap checks them **before any call**, with the same code
# and message, so a bad request fails at once, offline, without credentials. This notebook shows
# an error caught, the guide's own call examples, how a long period is split into the calls the
# API accepts, and the French labels. Everything here runs offline; the last section asks the
# local emulator, which applies the same rules on the server side.

# %%
import rtecap
from rtecap import rules
from rtecap.exceptions import RteValidationError

# %% [markdown]
# ## An F03 error, caught
#
# One call may not cover more than 366 days (F03). `rules.validate` checks a request as the
# server would:

# %%
try:
    rules.validate("capacities_per_production_type", "2015-01-01", "2017-06-02")
except RteValidationError as err:
    print("code:     ", err.code)
    print("parameter:", err.parameter)
    print("message:  ", err.message)


# %% [markdown]
# `RteValidationError` is a `ValueError` (and an `rtecap.RteError`); `str(err)` is
# `"<code>: <message>"`.
#
# ## The guide's call examples
#
# §5.1 of the guide gives one call example per error. The checks run in the order
# F01 → F06 → F02 → F03 → F04 → F05 (the first failing one wins), and F04 depends on the day of
# the call: the guide's CPPU and CPC F04 examples are "pour un appel le 30/10/2015".

# %%
def period(start, end=None):
    return {"start_date": start} if end is None else {"start_date": start, "end_date": end}

examples = [  # (resource, parameters, day of the call), in the guide's order (§5.1)
    ("cppt", period("2023-02-01T00:00:00+02:00"), "2025-06-15"),
    ("cppt", period("2023-02-16T00:00:00+01:00", "2023-02-14T00:00:01+01:00"), "2025-06-15"),
    ("cppt", period("2015-01-01T00:00:00+02:00", "2017-06-02T00:00:00+02:00"), "2025-06-15"),
    ("cppt", period("2026-01-02T00:00:00+02:00", "2026-02-10T00:00:00+02:00"), "2025-06-15"),
    ("cppt", period("2024-06-01T00:00:00+02:00", "2024-06-01T12:00:00+02:00"), "2025-06-15"),
    ("cppt", period("2023-02-01", "2023-02-14"), "2025-06-15"),
    ("cppu", period("2023-02-01T00:00:00+01:00"), "2025-06-15"),
    ("cppu", period("2023-02-16T00:00:00+01:00", "2023-02-14T00:00:01+01:00"), "2025-06-15"),
    ("cppu", period("2022-02-01T00:00:00+01:00", "2023-02-14T00:00:01+01:00"), "2025-06-15"),
    ("cppu", period("2025-04-02T00:00:00+02:00", "2026-02-01T00:00:00+02:00"), "2015-10-30"),
    ("cppu", period("2023-02-01T00:00:00+01:00", "2023-02-01T00:00:01+01:00"), "2025-06-15"),
    ("cppu", period("2023-02-01", "2023-02-14"), "2025-06-15"),
    ("cpc", period("2023-02-01T00:00:00+02:00"), "2025-06-15"),
    ("cpc", period("2023-02-16T00:00:00+02:00", "2023-02-14T00:00:00+02:00"), "2025-06-15"),
    ("cpc", period("2023-02-01T00:00:00+02:00", "2024-03-06T00:00:00+02:00"), "2025-06-15"),
    ("cpc", period("2015-10-31T00:00:00+02:00", "2015-11-09T00:00:00+02:00"), "2015-10-30"),
    ("cpc", period("2023-02-01T00:00:00+01:00", "2023-02-01T00:00:01+01:00"), "2025-06-15"),
    ("cpc", period("2023-02-01", "2023-02-14"), "2025-06-15"),
]
for resource, params, today in examples:
    try:
        rules.validate_params(resource, params, today=today)
        outcome = "accepted"
    except RteValidationError as err:
        outcome = err.code
    dates = " -> ".join(params.values())
    print(f"{resource:<5} {dates:<52} today={today}  {outcome}")

# %% [markdown]
# ## The loaders check first
#
# `get_*` validates the whole request before it builds a client or sends anything. A CPPT period
# must last at least one calendar year (F05):

# %%
try:
    rtecap.get_capacities_per_production_type("2024-06-01", "2024-09-01")
except RteValidationError as err:
    print(err)

# %% [markdown]
# Values outside the guide's enums fail too. The guide has no code for that, so the error has
# none; it names the parameter:

# %%
try:
    rules.validate("capacities_cpc", network_connection="RPX")
except RteValidationError as err:
    print("code:", err.code, "- parameter:", err.parameter)
    print(err.message)

# %% [markdown]
# List parameters are normalised: case, the guide's other spellings (`BIOGAS` for `BIOGAZ`,
# `OTHER` for `OTHERS`), and duplicates removed in order of first appearance (CPPT-RG07,
# CCPC-RG10):

# %%
query = rules.validate("cpc", production_type="BIOGAS,biogaz,OTHER,Solar",
                       department_code=["FR", "FR-2A", "FR"])
query.filters


# %% [markdown]
# ## Split plans
#
# `get_*` accepts any period and cuts it with `rules.split` into calls the API accepts. CPPT
# answers per calendar year (CPPT-RG06) and takes 1 calendar year to 366 days, so its period is
# widened to whole years and cut at each 1 January:

# %%
def show(plan):
    for start, end in plan:
        print(f"{start.isoformat()}  ->  {end.isoformat()}")

show(rules.split("cppt", "2016-06-01", "2019-03-01"))

# %% [markdown]
# CPPU and CPC take 1 to 366 days: the period is cut at each 1 January too (so chunks are the
# same whatever the start, and the cache is reused), and starts no earlier than the first date
# with data (CPC: 9 February 2015):

# %%
show(rules.split("cpc", "2014-01-01", "2017-03-01"))

# %% [markdown]
# A piece shorter than one day would be F05: it is merged with its neighbour, and when that would
# pass 366 days (a leap year plus a few hours) the whole is cut in two at a local midnight:

# %%
show(rules.split("cpc", "2023-12-31T12:00", "2025-01-01"))

# %% [markdown]
# CPPU's data starts in 1935: its full history is one call per year. (In 1935 Paris was on
# UTC+0, hence the offset of the first call.)

# %%
plan = rules.split("cppu", "1935-01-01", "2026-01-01")
print(len(plan), "calls for CPPU's full history; first and last:")
show(plan[:1] + plan[-1:])

# %% [markdown]
# The guide also limits the request URI to 512 characters (§5.2, HTTP 414). `rtecap.fetch.plan`
# spreads a long list parameter over several calls. All 102 department codes for one year give
# two calls (a client is needed only to know the host; nothing is sent):

# %%
from rtecap import fetch, mappings

client = rtecap.Client("my-id", "my-secret", cache=False)
query = rules.validate("cpc", "2023-01-01", "2024-01-01",
                       department_code=list(mappings.DEPARTMENT_CODES), chunked=True)
calls = fetch.plan(query, client)
for call in calls:
    departments = call.params["department_code"].split(",")
    print(f"{len(departments)} departments ({departments[0]} ... {departments[-1]}), "
          f"URI of {client.uri_length('capacities_cpc', call.params)} characters")
print(client)

# %% [markdown]
# ## French labels
#
# Every loader takes `lang="fr"`: column names and labels follow the guide's §6.2 table. Here the
# guide's own example answers, read with `read_*` (which takes a path, a file object, bytes or a decoded
# dict, as pandas 3 does; JSON text goes in `io.StringIO`):

# %%
cppt_answer = {"capacities_per_production_type": [{
    "start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
    "values": [
        {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
         "type": "FOSSIL_GAS", "value": 6121, "updated_date": "2015-07-05T00:30:00+02:00"},
        {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
         "type": "OTHER", "value": 62, "updated_date": "2015-07-05T00:30:00+02:00"},
    ]}]}
rtecap.read_capacities_per_production_type(cppt_answer, lang="fr")

# %%
cpc_answer = {"capacities_cpc": [
    {"updated_date": "2016-02-01T00:00:00+01:00", "department_code": "FR",
     "network_connection": "RPD", "production_type": "BIOGAS", "values": 323012},
    {"updated_date": "2016-02-01T00:00:00+01:00", "department_code": "FR",
     "network_connection": "RPT", "production_type": "BIOGAS", "values": 2925},
]}
cpc_fr = rtecap.read_capacities_cpc(cpc_answer, lang="fr")
cpc_fr

# %% [markdown]
# `df.rte.translate("en")` turns it back; the round trip gives an equal frame.

# %%
cpc_en = cpc_fr.rte.translate("en")
print(cpc_en.columns.tolist())
print(cpc_en["production_type"].tolist(), cpc_en["network_connection"].tolist())
print("round trip equal:", cpc_en.equals(rtecap.read_capacities_cpc(cpc_answer)))

# %% [markdown]
# ## The server agrees
#
# The local emulator applies the same rules on the server side. `Client.get_json` sends a call
# as given, without rtecap's checks, so it shows what the server answers: an HTTP 400 with the
# guide's JSON envelope, mapped to a typed exception that keeps the status, the code, the
# message and the transaction id (not printed here: it changes at every call).

# %%
from rtecap.emulator import serve
from rtecap.exceptions import FunctionalError, NoDataError

server = serve(today="2025-06-15", seed=0)
client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False)
try:
    client.get_json("capacities_per_production_type",
                    {"start_date": "2015-01-01T00:00:00+01:00",
                     "end_date": "2017-06-02T00:00:00+02:00"})
except FunctionalError as err:
    print("status: ", err.status)
    print("code:   ", err.code)
    print("message:", err.message)
    print("has a transaction id:", bool(err.transaction_id))

# %% [markdown]
# CPC data starts on 9 February 2015. Before that, the server finds nothing and answers
# `EC45_ERR01` (CCPC-RG09), which rtecap raises as `NoDataError`; the loaders' check (`rules.validate`)
# refuses such a period before any call.

# %%
before_data = {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2015-02-01T00:00:00+01:00"}
try:
    client.get_json("capacities_cpc", before_data)
except NoDataError as err:
    print("server:", err.status, err.code)
try:
    rules.validate("cpc", **before_data, today="2025-06-15")
except RteValidationError as err:
    print("rtecap:", err)

# %%
client.close()
server.stop()
