"""One frozen description per resource: the facts every layer reads.

Each resource of an API (and each bundled dataset, which the analysis layer treats as a frame
kind of its own) is described once, here, by a :class:`Resource`: its names, error-code
prefix, parameters, first date with data, how a long period is split, the columns and dtypes
and sort order of its frame, its parser, how the answers of several calls merge, its xarray
dimensions, its cache lifetime and its URL paths. :mod:`rtecap.rules`, :mod:`rtecap.fetch`,
:mod:`rtecap.client`, :mod:`rtecap.parsers`, :mod:`rtecap.ops`, :mod:`rtecap.export`,
:mod:`rtecap.plotting` and the CLI read these entries instead of tables or branches of their
own, so adding a resource is one entry here plus its parser.

A :class:`Resource` describes an endpoint of any API: ``api`` says which, and an entry may
leave out what does not apply to it (no ``error_prefix``, no ``split`` ...). Codes, labels,
enums and the time zone stay in :mod:`rtecap.mappings`; this module says which of them each
resource uses.

Examples
--------
>>> from rtecap import registry
>>> cpc = registry.get("cpc")
>>> cpc.name, cpc.error_code("F04"), cpc.first_date.isoformat()
('capacities_cpc', 'GENINSCAP_CCPC_F04', '2015-02-09')
>>> [p.name for p in cpc.list_parameters]
['department_code', 'network_connection', 'production_type']
>>> registry.get("cppt").path
'/open_api/generation_installed_capacities/v1/capacities_per_production_type'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from rtecap import mappings as m
from rtecap.exceptions import RteValidationError

__all__ = ["GENINSCAP", "MARKET", "ODRE", "Parameter", "Resource", "find", "get",
           "market_endpoints", "names", "resources"]

#: ``Resource.api`` of RTE's Generation Installed Capacities API.
GENINSCAP = "generation_installed_capacities"
#: ``Resource.api`` of the datasets bundled in :mod:`rtecap.datasets` (no HTTP).
ODRE = "odre"
#: The market-data API (:mod:`rtecap.market`). Its eight endpoints are described by
#: :func:`market_endpoints`, not by :class:`Resource`: their answers hold several row sets
#: (one per resolution) or the answers of other endpoints, take no parameter, and have none
#: of the capacity facts the analysis layer reads from a Resource.
MARKET = "market_data"

_EMPTY: Mapping[str, str] = MappingProxyType({})
#: Cache lifetime of an entry that names none (one day, in and out of December).
DEFAULT_CACHE_SECONDS: Mapping[str, int] = MappingProxyType({"december": 86_400, "other": 86_400})


@dataclass(frozen=True)
class Parameter:
    """A query parameter of a resource.

    Attributes
    ----------
    name : str
        As in the query string.
    kind : {"date", "list"}
        ``date``: a bound of the period; ``list``: comma-separated values of an enum.
    values : tuple of str
        The enum a list parameter takes (empty for dates).
    aliases : mapping of str to str
        Other spellings read as an enum value (``BIOGAS`` -> ``BIOGAZ``).
    """

    name: str
    kind: Literal["date", "list"]
    values: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=lambda: _EMPTY)


def _load(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Resource:
    """Everything rtecap knows about one resource (or bundled dataset), in one place.

    Attributes
    ----------
    name : str
        The API's name, also ``df.attrs["rtecap"]["resource"]`` and the frame's kind.
    alias : str
        Short name accepted wherever a resource is named (``"cpc"``); ``aliases`` holds more.
    api : str
        The API it belongs to (:data:`GENINSCAP`, :data:`ODRE` ...).
    title : str
        One line for humans.
    error_prefix : str or None
        ``GENINSCAP_<prefix>_Fxx`` (guide §5.1).
    parameters : tuple of Parameter
        Accepted query parameters, dates first.
    first_date : datetime.date or None
        First day with data (local midnight); earlier periods are clipped or refused.
    shortest : {"year", "day"} or None
        Shortest period one call accepts (F05).
    horizon : {"next_year", "tomorrow"} or None
        Latest end date one call accepts, relative to today (F04).
    split : {"calendar_years", "years"} or None
        How a long period is cut into calls: ``calendar_years`` widens it to whole calendar
        years first (CPPT answers per year), ``years`` cuts it at each 1 January.
    index : str
        Name of the frame's DatetimeIndex.
    columns : tuple of (str, str)
        Column and dtype, in order (``datetime`` = ``datetime64[us, Europe/Paris]``).
    sort_order : tuple of (str, bool, str or None)
        The guide's output order: (column or index name, ascending, ``enum``/``alpha``/None).
    parser, loader : str or None
        ``"module:function"`` of ``parse_<name>`` and of ``get_<name>`` (imported on use).
    merge : {"concat", "dedupe_units", "drop_placeholders"}
        How the answers of several calls become one payload (see :func:`rtecap.fetch.merge`).
    dims : tuple of str
        Frame fields that become the xarray dimensions (``time`` is the index).
    coords : tuple of str
        Columns stored as xarray coordinates along ``coords_along`` rather than variables.
    coords_along : str or None
        The dimension field those coordinates follow.
    optional_dims : tuple of str
        Dimension fields that may be missing in a row (stored as ``""`` in the Dataset).
    labels : mapping of str to tuple of str
        The enum of each label column (its categories start with it, in that order).
    placeholder_value : str or None
        The value column that, missing with the index date, marks a placeholder record (a
        requested combination without data, CCPC-RG09), counted apart from undated data.
    cache_seconds : mapping
        Cache lifetime (the guide's advised call frequency), ``december`` and ``other``.
    signature : tuple of str
        Columns that tell a frame of this kind from the others (English names).
    required : tuple of str
        Columns a frame of this kind must hold; ``required_any``: one of each group.
    capacity : {"types", "units", "national_rows", "sectors"}
        How capacity adds up per sector: one value per type and date (``types``), station
        intervals in operation (``units``), kW with national and department rows
        (``national_rows``), sector rows with fossil sub-sectors (``sectors``).
    chart : str
        The :func:`rtecap.plotting.save_all` argument that draws it.
    """

    name: str
    alias: str
    api: str
    title: str
    index: str
    columns: tuple[tuple[str, str], ...]
    sort_order: tuple[tuple[str, bool, str | None], ...]
    dims: tuple[str, ...]
    signature: tuple[str, ...]
    required: tuple[str, ...]
    capacity: Literal["types", "units", "national_rows", "sectors"]
    chart: str
    aliases: tuple[str, ...] = ()
    error_prefix: str | None = None
    parameters: tuple[Parameter, ...] = ()
    first_date: date | None = None
    shortest: Literal["year", "day"] | None = None
    horizon: Literal["next_year", "tomorrow"] | None = None
    split: Literal["calendar_years", "years"] | None = None
    parser: str | None = None
    loader: str | None = None
    merge: Literal["concat", "dedupe_units", "drop_placeholders"] = "concat"
    coords: tuple[str, ...] = ()
    coords_along: str | None = None
    optional_dims: tuple[str, ...] = ()
    placeholder_value: str | None = None
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    required_any: tuple[tuple[str, ...], ...] = ()
    cache_seconds: Mapping[str, int] = field(default_factory=lambda: DEFAULT_CACHE_SECONDS)

    @property
    def path(self) -> str:
        """URL path of the resource (after the host)."""
        return f"{m.API_PATH}/{self.name}"

    @property
    def sandbox_path(self) -> str:
        """URL path of its sandbox twin, which ignores every parameter (guide §4.x note 1)."""
        return f"{m.SANDBOX_PATH}/{self.name}"

    @property
    def list_parameters(self) -> tuple[Parameter, ...]:
        """The list parameters, in the order of :attr:`parameters`."""
        return tuple(p for p in self.parameters if p.kind == "list")

    def error_code(self, fcode: str) -> str:
        """The guide's code of a functional error, e.g. ``GENINSCAP_CPPT_F03``."""
        if self.error_prefix is None:
            raise ValueError(f"{self.name} has no functional error codes")
        return f"GENINSCAP_{self.error_prefix}_{fcode}"

    def parse(self, payload: Mapping[str, Any], **options: Any) -> Any:
        """Parse a decoded answer with this resource's parser (``lang=``, ``order=`` ...)."""
        if self.parser is None:
            raise ValueError(f"{self.name} has no parser")
        return _load(self.parser)(payload, **options)

    def load(self) -> Callable[..., Any]:
        """Return the ``get_<name>`` loader function."""
        if self.loader is None:
            raise ValueError(f"{self.name} has no loader")
        return _load(self.loader)


_LABEL = "category"
_WHEN = "datetime"

_ENTRIES = (
    Resource(
        name=m.CPPT, alias="cppt", api=GENINSCAP, error_prefix="CPPT",
        title="Installed capacity per production type, per calendar year",
        parameters=(Parameter("start_date", "date"), Parameter("end_date", "date"),
                    Parameter("production_type", "list", m.PRODUCTION_TYPES)),
        first_date=date(2015, 1, 1),  # guide §4.1.1.1
        shortest="year", horizon="next_year", split="calendar_years",
        index="start_date",
        columns=(("end_date", _WHEN), ("production_type", _LABEL), ("capacity_mw", "float64"),
                 ("updated_date", _WHEN)),
        # CPPT-RG05: most recent start first, then production type in the guide's enum order
        sort_order=(("start_date", False, None), ("production_type", True, "enum")),
        labels=MappingProxyType({"production_type": m.PRODUCTION_TYPES}),
        parser="rtecap.parsers:parse_capacities_per_production_type",
        loader="rtecap.io:get_capacities_per_production_type",
        dims=("time", "production_type"),
        # guide "Call recommendations": one call a day in December, two a month otherwise
        cache_seconds=MappingProxyType({"december": 86_400, "other": 15 * 86_400}),
        signature=("production_type", "capacity_mw"),
        required=("production_type", "capacity_mw"),
        capacity="types", chart="capacities",
    ),
    Resource(
        name=m.CPPU, alias="cppu", api=GENINSCAP, error_prefix="CPPU",
        title="Installed capacity of each power station over 100 MW",
        parameters=(Parameter("start_date", "date"), Parameter("end_date", "date")),
        first_date=date(1935, 1, 1),  # guide §4.2.1.1
        shortest="day", horizon="next_year", split="years",
        index="start_date",
        columns=(("end_date", _WHEN), ("code_eic", "str"), ("name", "str"),
                 ("location", "str"), ("producer_code_eic", "str"), ("producer_name", "str"),
                 ("production_type", _LABEL), ("capacity_mw", "float64"),
                 ("voltage_kv", "float64"), ("updated_date", _WHEN)),
        # CPPU-RG03: production type, then name, alphabetically; then start of the interval
        sort_order=(("production_type", True, "alpha"), ("name", True, None),
                    ("start_date", True, None)),
        labels=MappingProxyType({"production_type": m.PRODUCTION_TYPES}),
        parser="rtecap.parsers:parse_capacities_per_production_unit",
        loader="rtecap.io:get_capacities_per_production_unit",
        merge="dedupe_units",
        dims=("code_eic", "time"),
        coords=("name", "location", "producer_code_eic", "producer_name"),
        coords_along="code_eic",
        signature=("code_eic",),
        required=("code_eic", "production_type", "capacity_mw", "end_date"),
        capacity="units", chart="units",
    ),
    Resource(
        name=m.CPC, alias="cpc", aliases=("ccpc",), api=GENINSCAP, error_prefix="CCPC",
        title="Capacity under purchase obligation by department, network and sector",
        parameters=(Parameter("start_date", "date"), Parameter("end_date", "date"),
                    Parameter("department_code", "list", m.DEPARTMENT_CODES),
                    Parameter("network_connection", "list", m.NETWORKS),
                    Parameter("production_type", "list", m.CPC_PRODUCTION_TYPES,
                              m.CPC_PRODUCTION_TYPE_ALIASES)),
        first_date=date(2015, 2, 9),  # guide §4.3.1.1
        shortest="day", horizon="tomorrow", split="years",
        index="updated_date",
        columns=(("department_code", _LABEL), ("scope", _LABEL), ("network_connection", _LABEL),
                 ("production_type", _LABEL), ("capacity_kw", "Int64")),
        # CCPC-RG08: updated_date most recent first, then department, production type, network
        sort_order=(("updated_date", False, None), ("department_code", True, "alpha"),
                    ("production_type", True, "alpha"), ("network_connection", True, "alpha")),
        labels=MappingProxyType({"department_code": m.DEPARTMENT_CODES,
                                 "network_connection": m.NETWORKS,
                                 "production_type": m.CPC_PRODUCTION_TYPES,
                                 "scope": m.SCOPES}),
        parser="rtecap.parsers:parse_capacities_cpc",
        loader="rtecap.io:get_capacities_cpc",
        merge="drop_placeholders", placeholder_value="capacity_kw",
        dims=("time", "department_code", "network_connection", "production_type"),
        signature=("department_code", "network_connection"),
        required=("department_code", "network_connection", "production_type"),
        required_any=(("capacity_kw", "capacity_mw"),),
        capacity="national_rows", chart="cpc",
    ),
    Resource(
        name=m.NATIONAL, alias="national", api=ODRE,
        title="ODRE national installed capacity per sector (bundled, 2007-2023)",
        index="start_date",
        columns=(("sector", _LABEL), ("sub_sector", _LABEL), ("capacity_mw", "float64"),
                 ("sector_total_mw", "float64")),
        # its only order: year, sector, sub-sector (display order)
        sort_order=(("start_date", True, None), ("sector", True, "enum"),
                    ("sub_sector", True, "enum")),
        loader="rtecap.datasets:load_national_capacities",
        dims=("time", "sector", "sub_sector"), optional_dims=("sub_sector",),
        signature=("sector", "capacity_mw"),
        required=("sector", "capacity_mw"),
        capacity="sectors", chart="capacities",
    ),
)

_BY_NAME: Mapping[str, Resource] = MappingProxyType({r.name: r for r in _ENTRIES})
_BY_ALIAS: Mapping[str, Resource] = MappingProxyType({
    key.lower(): r for r in _ENTRIES for key in (r.name, r.alias, *r.aliases)
})


def find(resource: str) -> Resource | None:
    """Like :func:`get`, but None for an unknown name."""
    return _BY_ALIAS.get(str(resource).strip().lower())


def get(resource: str | Resource, *, api: str | None = None) -> Resource:
    """Return the description of a resource, by name or alias (any case).

    Parameters
    ----------
    resource : str or Resource
        A name or alias (``"capacities_cpc"``, ``"cpc"``); an entry is returned as it is.
    api : str, optional
        The API the resource must belong to (e.g. :data:`GENINSCAP`).

    Raises
    ------
    RteValidationError
        Unknown resource, or not one of ``api`` (no code: the guide has none).

    Examples
    --------
    >>> get("CPPU").name
    'capacities_per_production_unit'
    """
    found = resource if isinstance(resource, Resource) else find(resource)
    if found is None or (api is not None and found.api != api):
        raise RteValidationError(
            f"unknown resource {resource!r}; expected one of {', '.join(names(api))}",
            parameter="resource",
        )
    return found


def resources(api: str | None = None) -> Iterator[Resource]:
    """The described resources (of one ``api`` when given), in a fixed order."""
    return (r for r in _ENTRIES if api is None or r.api == api)


def names(api: str | None = None) -> tuple[str, ...]:
    """The names of :func:`resources`.

    Examples
    --------
    >>> names(GENINSCAP)
    ('capacities_per_production_type', 'capacities_per_production_unit', 'capacities_cpc')
    """
    return tuple(r.name for r in resources(api))


def market_endpoints() -> Mapping[str, Any]:
    """The market-data API's entries: name -> :class:`rtecap.market._endpoints.Endpoint`.

    Each holds the endpoint's path, frame specs (fields, dtypes, sort order), members of an
    aggregate, parser, loader, xarray dims and cache lifetime; ``api`` is :data:`MARKET`.

    Examples
    --------
    >>> endpoints = market_endpoints()
    >>> endpoints["day_ahead_prices"].path, endpoints["day_ahead_prices"].api == MARKET
    ('/api/day-ahead-prices', True)
    """
    from rtecap.market._endpoints import ENDPOINTS

    return ENDPOINTS
