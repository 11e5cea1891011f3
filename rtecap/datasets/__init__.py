"""Real data shipped with rtecap, for offline work and the demo.

:func:`load_national_capacities` — RTE / ODRE « Parc national annuel de production par
filière » (France, MW, 2007-2023), Licence Ouverte / Open Licence 2.0 (Etalab).

:func:`sample_path` — sample answers of the API (saved from the emulator: RTE's shapes, the
emulator's figures), for ``read_*`` without credentials.
"""

from rtecap.datasets._national import (
    LICENCE,
    RESOURCE,
    SECTOR_ORDER,
    SOURCE,
    SUB_SECTOR_ORDER,
    load_national_capacities,
    tidy_national,
)
from rtecap.datasets._samples import SAMPLES, sample_path

__all__ = [
    "LICENCE",
    "RESOURCE",
    "SAMPLES",
    "SECTOR_ORDER",
    "SOURCE",
    "SUB_SECTOR_ORDER",
    "load_national_capacities",
    "sample_path",
    "tidy_national",
]
