"""One frozen description per endpoint of the market-data API, shaped like a registry entry
(:func:`rtecap.registry.market_endpoints` returns them).

Every layer reads these entries (client: path and cache lifetime; parsers: fields, dtypes and
sort order; loaders and CLI: the list of endpoints; export: xarray dims); nothing elsewhere
branches on an endpoint's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from rtecap.market import mappings as mm
from rtecap.registry import MARKET

#: ``Endpoint.api`` of the market-data API (:data:`rtecap.registry.MARKET`).
API = MARKET
#: A column: (field of the answer, column of the frame, dtype). dtype is "datetime" (UTC in
#: the answer -> Europe/Paris), "float64", "boolean" or "category".
Column = tuple[str, str, str]


@dataclass(frozen=True)
class FrameSpec:
    """The shape of one row set of an answer.

    Attributes
    ----------
    index : (str, str)
        ``(field of the answer, name of the index)``: the period start, UTC in the answer,
        Europe/Paris in the frame.
    columns : tuple of Column
        The other fields, in frame order.
    sort : tuple of str
        Columns sorted on after the index (categories in their enum order); stable.
    """

    index: tuple[str, str]
    columns: tuple[Column, ...]
    sort: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The frame's column names (English), in order."""
        return tuple(column for _, column, _ in self.columns)

    def dtype(self, name: str) -> str:
        """The dtype kind of column ``name``."""
        return next(kind for _, column, kind in self.columns if column == name)


@dataclass(frozen=True)
class Endpoint:
    """One GET endpoint of the market-data API.

    Attributes
    ----------
    name : str
        rtecap's name (``day_ahead_prices`` ...), also ``attrs["rtecap"]["resource"]``; the
        loader is ``get_<name>`` (:attr:`loader`).
    path : str
        The documentation's path (``/api/day-ahead-prices``).
    shape : {"rows", "capacity", "energy", "aggregate_capacity", "aggregate_energy"}
        How the answer is laid out, which picks the branch of the parser.
    title : str
        One line for humans.
    parts : mapping of str to (str or tuple of str, FrameSpec)
        The row sets of the answer: part name -> (key(s) of the answer, spec). One part
        ``"rows"`` for a frame endpoint; ``rows``, ``chart`` and ``latest`` for energy.
    members : tuple of str
        The unit endpoints an aggregate holds, by the answer's keys (``fcr``, ``afrr`` ...).
    cache_seconds : int
        How long a cached answer stays fresh online.
    dims : tuple of str
        Dimensions of the frame as an xarray Dataset; ``time`` is the index (period start),
        as in :func:`rtecap.export.to_xarray`.
    source : str
        The source line of plots of real data.
    api : str
        The API (:data:`API`).
    parser : str
        ``"module:function"`` of the parser (one for the eight endpoints, reading ``shape``).
    """

    name: str
    path: str
    shape: str
    title: str = ""
    parts: Mapping[str, tuple[str | tuple[str, ...], FrameSpec]] = field(default_factory=dict)
    members: tuple[str, ...] = ()
    cache_seconds: int = 900
    dims: tuple[str, ...] = ("time",)
    source: str = mm.SOURCE["balancing"]
    api: str = API
    parser: str = "rtecap.market.parsers:parse"

    @property
    def loader(self) -> str:
        """``"module:function"`` of the ``get_<name>`` loader (``read_<name>`` beside it)."""
        return f"rtecap.market.loaders:get_{self.name}"


_START = ("period_start_utc", "period_start")
_END = ("period_end_utc", "period_end", "datetime")
_PRICES = (("upward_price_eur_mwh", "upward_price_eur_mwh", "float64"),
           ("downward_price_eur_mwh", "downward_price_eur_mwh", "float64"))  # fmt: skip

DAY_AHEAD_SPEC = FrameSpec(
    index=("hour_start_utc", "period_start"),
    columns=(("hour_end_utc", "period_end", "datetime"),
             ("price_eur_mwh", "price_eur_mwh", "float64")),
)  # fmt: skip
CAPACITY_SPEC = FrameSpec(
    index=_START,
    columns=(
        _END,
        ("product_type", "product_type", "category"),
        ("direction", "direction", "category"),
        ("time_horizon", "time_horizon", "category"),
        ("offered_volume_mw", "offered_volume_mw", "float64"),
        ("contracted_volume_mw", "contracted_volume_mw", "float64"),
        ("volume_mw", "volume_mw", "float64"),
        ("price", "price", "float64"),  # the documentation gives no unit: none invented
    ),
    sort=("product_type", "direction", "time_horizon"),
)
AFRR_ROWS_SPEC = FrameSpec(
    index=_START,
    columns=(_END, *_PRICES,
             ("pdemand_mw", "pdemand_mw", "float64"),
             ("afrr_for_france_mw", "afrr_for_france_mw", "float64"),
             ("afrr_in_france_mw", "afrr_in_france_mw", "float64"),
             ("picasso_connection", "picasso_connection", "boolean"),
             ("prorata_mode", "prorata_mode", "boolean")),
)  # fmt: skip
AFRR_CHART_SPEC = FrameSpec(
    index=("bucket_start_utc", "bucket_start"),
    columns=(("bucket_end_utc", "bucket_end", "datetime"), *_PRICES),
)
MFRR_ROWS_SPEC = FrameSpec(index=_START, columns=(_END, *_PRICES))
_MFRR_VOLUMES = tuple(
    (f"total_{name}_mw", f"total_{name}_mw", "float64")
    for name in ("requested_volume_sa", "requested_volume_da", "satisfied_need_sa",
                 "satisfied_need_da", "activated_volume_sa", "activated_volume_da",
                 "volume_submitted_offers", "volume_filtered_offers")
)  # fmt: skip
MFRR_LATEST_SPEC = FrameSpec(
    index=_START,
    columns=(_END,
             ("direction", "direction", "category"),
             ("clearing_price_eur_mwh", "clearing_price_eur_mwh", "float64"),
             ("settlement_price_current_eur_mwh", "settlement_price_current_eur_mwh",
              "float64"),
             ("settlement_price_previous_eur_mwh", "settlement_price_previous_eur_mwh",
              "float64"),
             *_MFRR_VOLUMES),
    sort=("direction",),
)  # fmt: skip

_CAPACITY = MappingProxyType({"rows": ("rows", CAPACITY_SPEC)})
_CAPACITY_DIMS = ("time", "product_type", "direction")

ENDPOINTS: Mapping[str, Endpoint] = MappingProxyType({
    mm.DAY_AHEAD: Endpoint(
        mm.DAY_AHEAD, mm.PATHS[mm.DAY_AHEAD], "rows",
        title="French day-ahead prices per quarter hour (ENTSO-E)",
        parts=MappingProxyType({"rows": ("rows", DAY_AHEAD_SPEC)}),
        cache_seconds=900, source=mm.SOURCE[mm.DAY_AHEAD]),
    mm.FCR_CAPACITY: Endpoint(mm.FCR_CAPACITY, mm.PATHS[mm.FCR_CAPACITY], "capacity",
                              "FCR capacity auctions (symmetric)",
                              parts=_CAPACITY, dims=_CAPACITY_DIMS),
    mm.AFRR_CAPACITY: Endpoint(mm.AFRR_CAPACITY, mm.PATHS[mm.AFRR_CAPACITY], "capacity",
                               "aFRR capacity auctions, upward and downward",
                               parts=_CAPACITY, dims=_CAPACITY_DIMS),
    mm.MFRR_CAPACITY: Endpoint(mm.MFRR_CAPACITY, mm.PATHS[mm.MFRR_CAPACITY], "capacity",
                               "mFRR capacity auctions, upward and downward",
                               parts=_CAPACITY, dims=_CAPACITY_DIMS),
    mm.BALANCING_CAPACITY: Endpoint(
        mm.BALANCING_CAPACITY, mm.PATHS[mm.BALANCING_CAPACITY], "aggregate_capacity",
        "FCR, aFRR and mFRR capacity in one answer",
        parts=_CAPACITY, members=("fcr", "afrr", "mfrr"), dims=_CAPACITY_DIMS),
    mm.AFRR_ENERGY: Endpoint(
        mm.AFRR_ENERGY, mm.PATHS[mm.AFRR_ENERGY], "energy",
        "aFRR balancing energy: 4-second rows, 5-minute buckets, latest row",
        parts=MappingProxyType({
            "rows": ("recentRows", AFRR_ROWS_SPEC),
            "chart": ("chartRows", AFRR_CHART_SPEC),
            "latest": (("latestRow",), AFRR_ROWS_SPEC),
        }), cache_seconds=60),
    mm.MFRR_ENERGY: Endpoint(
        mm.MFRR_ENERGY, mm.PATHS[mm.MFRR_ENERGY], "energy",
        "mFRR balancing energy: 15-minute rows, latest upward and downward rows",
        parts=MappingProxyType({
            "rows": ("recentRows", MFRR_ROWS_SPEC),
            "chart": ("chartRows", MFRR_ROWS_SPEC),
            "latest": (("latestUpwardRow", "latestDownwardRow"), MFRR_LATEST_SPEC),
        }), cache_seconds=60),
    mm.BALANCING_ENERGY: Endpoint(
        mm.BALANCING_ENERGY, mm.PATHS[mm.BALANCING_ENERGY], "aggregate_energy",
        "aFRR and mFRR balancing energy in one answer",
        members=("afrr", "mfrr"), cache_seconds=60),
})  # fmt: skip
#: Which unit endpoint an aggregate member's sub-object is.
MEMBER_ENDPOINTS = MappingProxyType({
    (mm.BALANCING_CAPACITY, "fcr"): mm.FCR_CAPACITY,
    (mm.BALANCING_CAPACITY, "afrr"): mm.AFRR_CAPACITY,
    (mm.BALANCING_CAPACITY, "mfrr"): mm.MFRR_CAPACITY,
    (mm.BALANCING_ENERGY, "afrr"): mm.AFRR_ENERGY,
    (mm.BALANCING_ENERGY, "mfrr"): mm.MFRR_ENERGY,
})  # fmt: skip


def endpoint(name: str) -> Endpoint:
    """Return the entry of an endpoint by name, path or dashed name.

    Examples
    --------
    >>> endpoint("/api/day-ahead-prices").name
    'day_ahead_prices'
    >>> endpoint("fcr-capacity").path
    '/api/fcr-capacity'
    """
    key = str(name).strip().lower().removeprefix("/api/").replace("-", "_")
    key = key.removeprefix("get_")
    if key not in ENDPOINTS:
        from rtecap.exceptions import RteValidationError

        raise RteValidationError(
            f"unknown market-data endpoint {name!r}; expected one of {sorted(ENDPOINTS)}",
            parameter="endpoint",
        )
    return ENDPOINTS[key]
