"""A local emulator of RTE's Generation Installed Capacities API (guide v1.2.0), on loopback.

Use
---
>>> import requests
>>> from rtecap.emulator import serve
>>> with serve(port=0, today="2026-11-23", seed=0) as server:
...     token = requests.post(server.token_url, auth=(server.client_id, server.client_secret),
...                           data={"grant_type": "client_credentials"}).json()["access_token"]
...     answer = requests.get(
...         server.url + "/open_api/generation_installed_capacities/v1/"
...         "capacities_per_production_type", headers={"Authorization": "Bearer " + token})
>>> answer.status_code
200

``serve(port=0, latency_ms=0, fault_rate=0.0, faults=None, slow_ms=1000, fault_token=False,
rate_limit=None, token_lifetime=7200, today=None, seed=0, strict=False, unsubscribed=(),
no_data_404=False, alt_spellings=False, client_id=None, client_secret=None)`` returns a running
:class:`EmulatorServer` (werkzeug, threaded, HTTP/1.1 keep-alive, 127.0.0.1). Every knob may be
changed on the running server (``server.today = "2015-10-30"``, ``server.fault_rate = 0.2``...).
``server.counts`` counts responses per ``(path, status)``, ``server.faults_served`` faults per
kind, ``server.requests_total`` all responses; ``server.reset_counts()`` zeroes them and
``server.reseed()`` restarts the fault draws. ``server.dataset`` (or :func:`build_dataset`
``(today, seed)``) holds the raw data served, with ``cppt_records()``, ``cppu_records()`` and
``cpc_records()`` for direct comparisons. The command line is ``rtecap serve --port 8765
[--latency-ms N] [--fault-rate R] [--rate-limit N/s] [--token-lifetime S] [--today YYYY-MM-DD]
[--seed N] [--strict] [--no-data-404] [--alt-spellings]``; pytest users get the ``rte_emulator``
and ``rte_emulator_factory`` fixtures (:mod:`rtecap.testing`).

Endpoints: ``POST /token/oauth/`` or ``/token/oauth`` (HTTP Basic client credentials, the body
may be empty: ``grant_type`` defaults to ``client_credentials``; answers ``access_token``,
``token_type`` "Bearer", ``expires_in``; bad credentials: 401 ``invalid_client``), and ``GET``
on ``/open_api/generation_installed_capacities/v1/{capacities_per_production_type,
capacities_per_production_unit, capacities_cpc}`` and their ``/v1/sandbox/...`` twins, which
answer the guide's own JSON examples whatever the parameters (quirks kept: ``BIOGAS`` and
``values`` in the CPC sample, ``type`` in CPPU values, integer capacities).

The same server serves the market-data API (:mod:`.market`, data in :mod:`.market_data`):
``GET /api/day-ahead-prices``, ``/api/{fcr,afrr,mfrr}-capacity``, ``/api/balancing-capacity``,
``/api/{afrr,mfrr}-energy`` and ``/api/balancing-energy``, behind ``Authorization: Bearer
<server.market_token>`` (401 otherwise), with synthetic data moving with ``today``.

Technical errors and faults (guide §5.2): 404 for an unknown path, 405 for a wrong method, 413
for a body over 5 MB, 414 when the request URI (path and query) exceeds 512 characters, 401
without a valid unexpired Bearer token, 429 with ``Retry-After`` (whole seconds, >= 1) past
``rate_limit`` requests per second per client (token bucket), 403 for a client id in
``unsubscribed``, in that order, all with the guide's JSON envelope (``error``,
``error_description``, ``error_uri``, ``error_details.transaction_id``, a fresh UUID each time).
With ``fault_rate=r`` a resource request (never the token endpoint unless ``fault_token=True``)
is faulted with probability r; the fault is drawn from ``faults`` (weights over "500", "503",
"408", "429", "509", "truncate" -- a 200 whose Content-Length announces the whole body but only
half is sent before the connection closes --, "bad_json" -- half the JSON with a matching length
-- and "slow" -- the normal answer after ``slow_ms``). Default mix: equal weights of 500, 503,
408, truncate, slow. Faults come from one ``random.Random`` seeded by ``seed``, one draw per
request reaching the fault stage in arrival order: the same seed and sequence of requests give
the same faults; with concurrent clients the order of arrival decides.

Data (deterministic for a ``seed``, depending on the emulator's ``today``)
--------------------------------------------------------------------------
- CPPT (:mod:`.data`): **real** RTE/ODRE national figures per sector for 2015–2023
  (``parc-prod-par-filiere_vintage2024.csv``, Licence Ouverte 2.0) spread over the 20
  production types so that every ODRE sector and the coal/gas/oil sub-sectors are exact sums of
  their types (except ODRE's 2022–2023 fossil column, itself ~27 MW above coal + gas + oil:
  the emulator keeps the sub-sectors exact); the split inside a sector (hydro, wind,
  bioenergy) and the "other" types are documented estimates; years 2024 to ``today``'s year
  are a **synthetic** linear extrapolation. Updated in the last week of December (guide §1),
  never after ``today``.
- CPPU (:mod:`.stations`, :mod:`.fleet`): about 280 mainland production units above 100 MW,
  1935 to now: real names, producers, technologies and approximate capacities and years
  (nuclear reactors per unit with Fessenheim 1-2 closed in 2020 and Flamanville 3 from
  December 2024, CNR and EDF hydro, coal and oil units with their closures, CCGTs, offshore
  wind farms, La Rance...); days inside a year, capacity steps, EIC codes (valid ENTSO-E check
  character, :mod:`.eic`), locations and publication lags are **synthetic**.
- CPC (:mod:`.cpc`): **synthetic** kW per department x network x type, one update a month on
  the 9th since 2015-02-09; ``FR`` = sum over departments.

Interpretations of the guide (shared with ``rtecap.rules``, see docs/guide-rules.md)
-----------------------------------------------------------------------------------------
- Check order F01 -> F06 -> F02 -> F03 -> F04 -> F05, then list parameters; calendar arithmetic
  on the Europe/Paris wall clock. F03: end > start + 366 days. F04: CPPT/CPPU end > 1 January
  after ``today``'s year; CPC end > ``today`` + 1 day at 00:00. F05: CPPT end < start + 1 year
  (29 Feb -> 28 Feb), CPPU/CPC end < start + 1 day (start == end is F05, not F02).
- Dates must match ``YYYY-MM-DDThh:mm:ss`` then ``Z`` or any ``±hh:mm`` (``strict=True``:
  ``±hh:mm`` only), no fractions, real dates of the years 1000-9000, or F06. A ``Z`` date is
  the instant it names, read in Paris time by the calendar rules. Instants are compared as
  instants. A ``+`` left unencoded in the query decodes to a space and fails F06, as on any
  server. The 500's body names its code ``error_code`` (guide §5.2); ``no_data_404`` answers
  "no data" with a 404; ``alt_spellings`` serves the guide's other spellings
  (:mod:`.spellings`).
- An empty date value counts as absent; parameter names are stripped of spaces (the guide's
  CCPC F05 example has ``? start_date``); unknown parameters are ignored; a repeated list
  parameter adds its values; a repeated date parameter keeps its last value.
- Unknown list values: HTTP 400 ``invalid_request`` naming the parameter and value (the guide
  has no code). Values are case-sensitive. Duplicates dropped, first appearance kept (CPPT-RG07,
  CCPC-RG10); CPC accepts ``BIOGAS``/``OTHER`` for ``BIOGAZ``/``OTHERS``.
- CPPT: one object per calendar year overlapping the period, most recent first, values in the
  enum's order; years without data (before 2015) are simply absent.
- CPPU nominal mode: stations in operation at ``today`` 00:00 with their current interval only
  (no ``end_date``), outer ``start_date`` = ``today`` 00:00 and no outer ``end_date``. With a
  period: intervals overlapping it, outer dates = the period (re-formatted in Europe/Paris).
  An interval ending after ``today`` is shown open. Order: type of the station's latest
  returned interval, then name (plain string order).
- CPC: records with ``updated_date`` in ``[start, end)``; nominal mode = latest record of each
  combination unless 0. EC45_ERR01 (HTTP 400, same envelope) when no record at all is in the
  period, whatever the filters. RG09: when a list filter is given, each requested combination
  (unfiltered dimensions expanded over their enums, ``FR`` included) without a record adds a
  record without ``updated_date``/``value``, after the dated records, sorted like them.
- 503 faults carry no Retry-After; injected 429 carry ``Retry-After: 1``.
"""

from rtecap.emulator.data import Dataset, build_dataset
from rtecap.emulator.eic import eic_check_char, is_valid_eic
from rtecap.emulator.faults import DEFAULT_FAULTS, FAULT_KINDS
from rtecap.emulator.provenance import SYNTHETIC_SOURCE, mark_synthetic
from rtecap.emulator.server import EmulatorServer, serve

__all__ = [
    "DEFAULT_FAULTS",
    "FAULT_KINDS",
    "SYNTHETIC_SOURCE",
    "Dataset",
    "EmulatorServer",
    "build_dataset",
    "eic_check_char",
    "is_valid_eic",
    "mark_synthetic",
    "serve",
]
