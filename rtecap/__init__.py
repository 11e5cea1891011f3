"""rtecap: tidy pandas frames of French electricity data.

Loaders return long frames with a ``Europe/Paris`` DatetimeIndex (see the frame contract in the
docs). Importing rtecap registers the ``.rte`` DataFrame accessor; heavy libraries (xarray,
matplotlib, oauthlib, werkzeug) are imported only when used.
"""

from rtecap import accessor as _accessor  # noqa: F401  (registers ``df.rte``)
from rtecap import datasets, exceptions, mappings, registry, rules
from rtecap._version import __version__
from rtecap.client import Client
from rtecap.io import (
    get_capacities_cpc,
    get_capacities_per_production_type,
    get_capacities_per_production_unit,
    read_capacities_cpc,
    read_capacities_per_production_type,
    read_capacities_per_production_unit,
)
from rtecap.saved import read_csv, read_frame

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
