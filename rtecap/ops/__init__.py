"""Pure frame -> frame functions: the analysis layer behind the ``df.rte`` accessor.

Every function takes a tidy rtecap frame (CPPT, CPPU, CPC or the ODRE national dataset, English
or French), never changes it, and returns a new frame in the same language.

- :func:`frame_kind`, :func:`frame_lang`: what a frame is.
- :func:`translate`, :func:`to_mw`: same shape, other names or units.
- :func:`by_sector`, :func:`mix`, :func:`change`: capacity per sector over time.
- :func:`national`, :func:`departments`: the two scopes of a CPC frame, never summed together.
- :func:`as_of`: CPC, the latest value of each combination at a date.
- :func:`in_operation`, :func:`timeline`: production units (CPPU) over time.
"""

from rtecap.ops.cpc import as_of
from rtecap.ops.frames import KINDS, NATIONAL, frame_kind, frame_lang, to_mw, translate
from rtecap.ops.labels import LEVELS, sector_labels
from rtecap.ops.sectors import (
    by_sector,
    change,
    departments,
    mix,
    national,
    national_rows,
    scope_of,
)
from rtecap.ops.units import in_operation, timeline

__all__ = [
    "KINDS",
    "LEVELS",
    "NATIONAL",
    "as_of",
    "by_sector",
    "change",
    "departments",
    "frame_kind",
    "frame_lang",
    "in_operation",
    "mix",
    "national",
    "national_rows",
    "scope_of",
    "sector_labels",
    "timeline",
    "to_mw",
    "translate",
]
