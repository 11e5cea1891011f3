"""Outlines of the 96 departments of metropolitan France, for maps drawn without geopandas."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

import numpy as np

#: The file shipped in ``rtecap/datasets/data`` (made by ``tools/simplify_departments.py``).
OUTLINES_FILENAME = "departments.json"
#: Credit line for the outlines, shown on every map.
OUTLINES_SOURCE = (
    "IGN GEOFLA 2016 via france-geojson (simplified), Licence Ouverte (Etalab)"
)


@dataclass(frozen=True)
class Outline:
    """One department's outline.

    Attributes
    ----------
    code : str
        ISO 3166-2:FR code, e.g. ``"FR-2A"``.
    name : str
        The department's name (INSEE, 2016).
    polygons : tuple of tuple of numpy.ndarray
        Each polygon is its rings (outer ring, then holes), each an ``(n, 2)`` array of
        longitude and latitude in degrees (WGS 84), closed (first point repeated last).
    """

    code: str
    name: str
    polygons: tuple[tuple[np.ndarray, ...], ...]


@cache
def department_outlines() -> Mapping[str, Outline]:
    """Return the outlines of metropolitan France's 96 departments, by ISO 3166-2:FR code.

    Source: IGN GEOFLA 2.2 (2016), codes and names INSEE COG 2016, Licence Ouverte (Etalab),
    as converted by the public project gregoiredavid/france-geojson, then simplified for
    rtecap (coordinates to 3 decimals, about 100 m; 6,368 vertices; shared borders kept
    shared). Overseas departments (971-976) are not included.

    Returns
    -------
    Mapping of str to Outline
        Read-only, in code order.

    Examples
    --------
    >>> outlines = department_outlines()
    >>> len(outlines), outlines["FR-2A"].name
    (96, 'Corse-du-Sud')
    """
    text = resources.files("rtecap.datasets").joinpath("data", OUTLINES_FILENAME).read_text(
        encoding="utf-8"
    )
    raw = json.loads(text)["departments"]
    out = {}
    for code, item in raw.items():
        polygons = tuple(
            tuple(np.asarray(ring, dtype="float64") for ring in polygon)
            for polygon in item["polygons"]
        )
        for polygon in polygons:
            for ring in polygon:
                ring.flags.writeable = False
        out[code] = Outline(code, item["name"], polygons)
    return MappingProxyType(out)
