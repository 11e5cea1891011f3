"""Real data shipped with rtecap, for offline work and the demo.

:func:`load_national_capacities` — RTE / ODRE « Parc national annuel de production par
filière » (France, MW, 2007-2023), Licence Ouverte / Open Licence 2.0 (Etalab).
"""

from rtecap.datasets._national import (
    LICENCE,
    SECTOR_ORDER,
    SOURCE,
    SUB_SECTOR_ORDER,
    load_national_capacities,
    tidy_national,
)

__all__ = [
    "LICENCE",
    "SECTOR_ORDER",
    "SOURCE",
    "SUB_SECTOR_ORDER",
    "load_national_capacities",
    "tidy_national",
]
