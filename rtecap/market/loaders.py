"""Loaders of the market-data API: ``get_<endpoint>`` calls it, ``read_<endpoint>`` reads a
saved answer; both end with the same parser (:func:`rtecap.market.parsers.parse`).

Each ``get_*`` takes ``client=`` (a :class:`rtecap.market.Client`; default: one built from
the environment, ``RTECAP_MARKET_TOKEN``) and ``lang=`` ("en"/"fr"); each ``read_*`` takes
what :func:`rtecap.read_capacities_cpc` takes (a path, an open file, bytes, a dict).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import pandas as pd

from rtecap.io import PayloadSource, load_payload
from rtecap.market import mappings as mm
from rtecap.market.client import Answer, Client
from rtecap.market.parsers import Parsed, parse
from rtecap.market.results import BalancingEnergy, EnergyResult

F = TypeVar("F", bound=Callable[..., Any])

_GET = """
    Parameters
    ----------
    client : rtecap.market.Client, optional
        The connection (token, base URL, cache). Default: ``rtecap.market.Client()``, the
        token from ``RTECAP_MARKET_TOKEN``.
    lang : {{"en", "fr"}}
        Column names and labels in English or French.

    Returns
    -------
    {returns}

    Raises
    ------
    MarketAuthError
        HTTP 401: no active subscription, or a bad, expired or revoked token.
    CredentialsError
        No token and the answer is not in the cache.
    RteApiError
        Another error answer, or a failure that outlasted the retries.

    Examples
    --------
    >>> from rtecap.emulator import serve
    >>> from rtecap.market import Client
    >>> with serve(today="2026-04-20") as server:
    ...     client = Client(server.market_token, server.url, cache=False)
    ...     result = {name}(client=client)
    >>> {example}
    """
_READ = """
    Parameters
    ----------
    path_or_buffer : str, path-like, file object, bytes or dict
        A saved answer of ``{path}`` (e.g. by ``rtecap market fetch ... -o x.json``): a path
        or an open file (UTF-8, BOM or not; ``io.StringIO(text)`` for JSON text), the bytes,
        or the decoded dict.
    lang : {{"en", "fr"}}
        Column names and labels in English or French.

    Returns
    -------
    {returns}
        As :func:`{get}`, without the fetch provenance.

    Raises
    ------
    ResponseError
        Not JSON, or not an answer of ``{path}``.
    """


def _doc(name: str, returns: str, example: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        path = mm.PATHS[name]
        if func.__name__.startswith("get_"):
            tail = _GET.format(returns=returns, name=func.__name__, example=example)
        else:
            tail = _READ.format(returns=returns, path=path, get=f"get_{name}")
        func.__doc__ = (func.__doc__ or "").rstrip() + "\n" + tail
        return func

    return decorate


def _frames(result: Parsed) -> list[pd.DataFrame]:
    if isinstance(result, pd.DataFrame):
        return [result]
    if isinstance(result, EnergyResult):
        return list(result.values())
    return [frame for part in result.values() for frame in part.values()]


def add_provenance(result: Parsed, client: Client, answer: Answer) -> Parsed:
    """Add the fetch's provenance to every frame (and ``meta``) of a parsed answer.

    ``fetched_at`` (UTC), ``from_cache``, ``base_url``, ``synthetic``; a synthetic answer
    (rtecap's emulator) gets the source line that says so. Never the token.
    """
    fetched = datetime.now(UTC).isoformat(timespec="seconds")
    extra: dict[str, Any] = {"fetched_at": fetched, "from_cache": answer.from_cache,
                             "base_url": client.base_url, "synthetic": answer.synthetic}
    if answer.synthetic:
        extra["source"] = mm.SOURCE_SYNTHETIC
    for frame in _frames(result):
        frame.attrs["rtecap"] = {**frame.attrs["rtecap"], **extra}
    owners: list[Any] = [] if isinstance(result, pd.DataFrame) else [result]
    if isinstance(result, BalancingEnergy):
        owners += list(result.values())
    for owner in owners:
        owner.meta.update(extra)
    return result


def _get(name: str, client: Client | None, lang: str) -> Any:
    client = client if client is not None else Client()
    answer = client.get_answer(name)
    return add_provenance(parse(name, answer.payload, lang=lang), client, answer)


def _read(name: str, source: PayloadSource, lang: str) -> Any:
    return parse(name, load_payload(source), lang=lang)  # the RTE loaders' reader


_PRICES = ("DataFrame\n        Index ``period_start`` (Europe/Paris; the API's "
           "``hour_start_utc``),\n        columns ``period_end``, ``price_eur_mwh``: 96 quarter "
           "hours per day\n        (92 / 100 on the DST days); ``attrs['rtecap']``: "
           "``latest_date``, ``earliest_date``.")
_CAPACITY = ("DataFrame\n        Index ``period_start`` (Europe/Paris), columns ``period_end``, "
             "``product_type``,\n        ``direction``, ``time_horizon`` (categoricals), "
             "``offered_volume_mw``,\n        ``contracted_volume_mw``, ``volume_mw`` (FCR only), "
             "``price`` (no unit in the\n        API's documentation); ``attrs['rtecap']``: "
             "``latest_fetched_at``.")
_ENERGY = ("EnergyResult\n        Frames ``rows``, ``chart`` and ``latest``, one resolution "
           "each (see\n        :class:`~rtecap.market.results.EnergyResult`); metadata in "
           "``.meta``.")


@_doc(mm.DAY_AHEAD, _PRICES, "len(result.loc['2026-03-29']), len(result.loc['2026-04-20'])"
     "  # the spring DST day\n    (92, 96)")
def get_day_ahead_prices(*, client: Client | None = None, lang: str = "en") -> pd.DataFrame:
    """French day-ahead prices per quarter hour (ENTSO-E), ``GET /api/day-ahead-prices``."""
    return _get(mm.DAY_AHEAD, client, lang)


@_doc(mm.DAY_AHEAD, _PRICES, "")
def read_day_ahead_prices(path_or_buffer: PayloadSource, *, lang: str = "en") -> pd.DataFrame:
    """Read a saved ``/api/day-ahead-prices`` answer."""
    return _read(mm.DAY_AHEAD, path_or_buffer, lang)


@_doc(mm.FCR_CAPACITY, _CAPACITY, "result['direction'].unique().tolist()\n    ['SYMMETRIC']")
def get_fcr_capacity(*, client: Client | None = None, lang: str = "en") -> pd.DataFrame:
    """FCR capacity auctions (symmetric), ``GET /api/fcr-capacity``."""
    return _get(mm.FCR_CAPACITY, client, lang)


@_doc(mm.FCR_CAPACITY, _CAPACITY, "")
def read_fcr_capacity(path_or_buffer: PayloadSource, *, lang: str = "en") -> pd.DataFrame:
    """Read a saved ``/api/fcr-capacity`` answer."""
    return _read(mm.FCR_CAPACITY, path_or_buffer, lang)


@_doc(mm.AFRR_CAPACITY, _CAPACITY,
      "sorted(result['direction'].unique().tolist())\n    ['DOWNWARD', 'UPWARD']")
def get_afrr_capacity(*, client: Client | None = None, lang: str = "en") -> pd.DataFrame:
    """aFRR capacity auctions, upward and downward, ``GET /api/afrr-capacity``."""
    return _get(mm.AFRR_CAPACITY, client, lang)


@_doc(mm.AFRR_CAPACITY, _CAPACITY, "")
def read_afrr_capacity(path_or_buffer: PayloadSource, *, lang: str = "en") -> pd.DataFrame:
    """Read a saved ``/api/afrr-capacity`` answer."""
    return _read(mm.AFRR_CAPACITY, path_or_buffer, lang)


@_doc(mm.MFRR_CAPACITY, _CAPACITY,
      "result['product_type'].unique().tolist()\n    ['mFRR']")
def get_mfrr_capacity(*, client: Client | None = None, lang: str = "en") -> pd.DataFrame:
    """mFRR capacity auctions, upward and downward, ``GET /api/mfrr-capacity``."""
    return _get(mm.MFRR_CAPACITY, client, lang)


@_doc(mm.MFRR_CAPACITY, _CAPACITY, "")
def read_mfrr_capacity(path_or_buffer: PayloadSource, *, lang: str = "en") -> pd.DataFrame:
    """Read a saved ``/api/mfrr-capacity`` answer."""
    return _read(mm.MFRR_CAPACITY, path_or_buffer, lang)


@_doc(mm.BALANCING_CAPACITY, _CAPACITY + " The rows of the three unit endpoints, told apart "
      "by ``product_type``; per member metadata in ``attrs['rtecap']['members']``.",
      "result.groupby('product_type', observed=True).size().to_dict()\n"
      "    {'FCR': 192, 'aFRR': 384, 'mFRR': 384}")
def get_balancing_capacity(*, client: Client | None = None, lang: str = "en") -> pd.DataFrame:
    """FCR, aFRR and mFRR capacity in one frame, ``GET /api/balancing-capacity``."""
    return _get(mm.BALANCING_CAPACITY, client, lang)


@_doc(mm.BALANCING_CAPACITY, _CAPACITY, "")
def read_balancing_capacity(path_or_buffer: PayloadSource, *, lang: str = "en") -> pd.DataFrame:
    """Read a saved ``/api/balancing-capacity`` answer."""
    return _read(mm.BALANCING_CAPACITY, path_or_buffer, lang)


@_doc(mm.AFRR_ENERGY, _ENERGY, "len(result.rows), len(result.chart), len(result.latest)\n"
      "    (21600, 288, 1)")
def get_afrr_energy(*, client: Client | None = None, lang: str = "en") -> EnergyResult:
    """aFRR energy: 4-second rows of the latest day, 5-minute buckets, latest row,
    ``GET /api/afrr-energy``."""
    return _get(mm.AFRR_ENERGY, client, lang)


@_doc(mm.AFRR_ENERGY, _ENERGY, "")
def read_afrr_energy(path_or_buffer: PayloadSource, *, lang: str = "en") -> EnergyResult:
    """Read a saved ``/api/afrr-energy`` answer."""
    return _read(mm.AFRR_ENERGY, path_or_buffer, lang)


@_doc(mm.MFRR_ENERGY, _ENERGY, "len(result.rows), result.latest['direction'].tolist()\n"
      "    (192, ['UPWARD', 'DOWNWARD'])")
def get_mfrr_energy(*, client: Client | None = None, lang: str = "en") -> EnergyResult:
    """mFRR energy: 15-minute rows of the two latest days and the latest UP/DOWN rows,
    ``GET /api/mfrr-energy``."""
    return _get(mm.MFRR_ENERGY, client, lang)


@_doc(mm.MFRR_ENERGY, _ENERGY, "")
def read_mfrr_energy(path_or_buffer: PayloadSource, *, lang: str = "en") -> EnergyResult:
    """Read a saved ``/api/mfrr-energy`` answer."""
    return _read(mm.MFRR_ENERGY, path_or_buffer, lang)


@_doc(mm.BALANCING_ENERGY, "BalancingEnergy\n        ``afrr`` and ``mfrr``: the "
      ":class:`~rtecap.market.results.EnergyResult` of\n        the unit endpoints.",
      "sorted(result)\n    ['afrr', 'mfrr']")
def get_balancing_energy(*, client: Client | None = None, lang: str = "en") -> BalancingEnergy:
    """aFRR and mFRR energy in one call, ``GET /api/balancing-energy``."""
    return _get(mm.BALANCING_ENERGY, client, lang)


@_doc(mm.BALANCING_ENERGY, "BalancingEnergy", "")
def read_balancing_energy(path_or_buffer: PayloadSource, *, lang: str = "en") -> BalancingEnergy:
    """Read a saved ``/api/balancing-energy`` answer."""
    return _read(mm.BALANCING_ENERGY, path_or_buffer, lang)


#: Endpoint name -> (get, read).
LOADERS: dict[str, tuple[Callable[..., Any], Callable[..., Any]]] = {
    name: (globals()[f"get_{name}"], globals()[f"read_{name}"]) for name in mm.PATHS
}
