"""rtecap: tidy pandas frames of French electricity data.

Loaders return long frames with a ``Europe/Paris`` DatetimeIndex (see the frame contract in the
docs). Importing rtecap registers the ``.rte`` DataFrame accessor; heavy libraries (xarray,
matplotlib, oauthlib, werkzeug) are imported only when used, and so is requests: ``Client``
(:mod:`rtecap.client`) is imported on first use of ``rtecap.Client`` or of a ``get_*``
loader, so that ``import rtecap`` for the embedded data and saved answers costs little more
than ``import pandas``.
"""

from typing import TYPE_CHECKING, Any

from rtecap import accessor as _accessor  # noqa: F401  (registers ``df.rte``)
from rtecap import datasets, exceptions, mappings, registry, rules
from rtecap._version import __version__
from rtecap.io import (
    get_capacities_cpc,
    get_capacities_per_production_type,
    get_capacities_per_production_unit,
    read_capacities_cpc,
    read_capacities_per_production_type,
    read_capacities_per_production_unit,
)
from rtecap.saved import read_csv, read_frame

if TYPE_CHECKING:
    from rtecap.client import Client


def __getattr__(name: str) -> Any:
    """``rtecap.Client``, imported on first use (PEP 562)."""
    if name == "Client":
        from rtecap.client import Client

        return Client
    raise AttributeError(f"module 'rtecap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "Client"})

__all__ = [
    "Client",
    "__version__",
    "datasets",
    "exceptions",
    "get_capacities_cpc",
    "get_capacities_per_production_type",
    "get_capacities_per_production_unit",
    "mappings",
    "read_capacities_cpc",
    "read_capacities_per_production_type",
    "read_capacities_per_production_unit",
    "read_csv",
    "read_frame",
    "registry",
    "rules",
]
