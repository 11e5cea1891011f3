"""Real data shipped with rtecap, for offline work and the demo.

:func:`load_national_capacities` — RTE / ODRE « Parc national annuel de production par
filière » (France, MW, 2007-2023), Licence Ouverte / Open Licence 2.0 (Etalab).

:func:`department_outlines` — the 96 metropolitan departments' outlines (IGN GEOFLA 2016 via
france-geojson, Licence Ouverte), for :func:`rtecap.plotting.plot_departments_map`.

:func:`sample_path` — sample answers of the API (saved from the emulator: RTE's shapes, the
emulator's figures), for ``read_*`` without credentials.
"""

from rtecap.datasets._departments import OUTLINES_SOURCE, Outline, department_outlines
from rtecap.datasets._national import (
    LICENCE,
    SECTOR_ORDER,
    SOURCE,
    SUB_SECTOR_ORDER,
    VINTAGES,
    load_national_capacities,
    tidy_national,
)
from rtecap.datasets._samples import SAMPLES, sample_path

__all__ = [
    "LICENCE",
    "OUTLINES_SOURCE",
    "SAMPLES",
    "SECTOR_ORDER",
    "SOURCE",
    "SUB_SECTOR_ORDER",
    "VINTAGES",
    "Outline",
    "department_outlines",
    "load_national_capacities",
    "sample_path",
    "tidy_national",
]
