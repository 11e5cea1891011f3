"""Make rtecap/datasets/data/departments.json from shared/data's department outlines.

Run once when the source changes (the output is committed)::

    python tools/simplify_departments.py ../shared/data/departements-version-simplifiee.geojson

Source: IGN GEOFLA 2.2 (2016), names and codes INSEE COG 2016, Licence Ouverte (Etalab), as
converted and simplified by the public project gregoiredavid/france-geojson.

What it does, keeping shared borders shared (no slivers or gaps between departments):

1. rounds coordinates to 3 decimals (about 100 m, below a pixel of a national map);
2. removes, in passes, each vertex whose triangle with its two neighbours is smaller than
   ``AREA`` square degrees *and* smaller than its neighbours' triangles (a local minimum, the
   same decision on both sides of a border), unless it or a neighbour is a junction of three
   or more departments (where neighbours differ from one ring to another).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

DECIMALS = 3
AREA = 1e-3  # square degrees
OUT = Path(__file__).resolve().parents[1] / "rtecap" / "datasets" / "data" / "departments.json"


def _rings(geometry: dict) -> list[list[list[list[float]]]]:
    coords = geometry["coordinates"]
    return [coords] if geometry["type"] == "Polygon" else coords


def _area(a, b, c) -> float:
    return abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2


def _round(ring):
    out: list[tuple[float, float]] = []
    for x, y in ring:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    if out[0] == out[-1]:
        out.pop()  # rings are kept open here and closed when written
    return out


def _junctions(rings) -> set:
    pairs = defaultdict(set)
    for ring in rings:
        n = len(ring)
        for i, p in enumerate(ring):
            pairs[p].add(frozenset((ring[i - 1], ring[(i + 1) % n])))
    return {p for p, seen in pairs.items() if len(seen) > 1}


def _pass(ring, fixed) -> list:
    n = len(ring)
    if n <= 4:
        return ring
    areas = [_area(ring[i - 1], ring[i], ring[(i + 1) % n]) for i in range(n)]
    keep = []
    for i, p in enumerate(ring):
        a = areas[i]
        prev, nxt = ring[i - 1], ring[(i + 1) % n]
        drop = (
            a < AREA and a < areas[i - 1] and a < areas[(i + 1) % n]
            and not {p, prev, nxt} & fixed  # the neighbours' triangles must match too
        )
        if not drop:
            keep.append(p)
    return keep if len(keep) >= 4 else ring


def main(source: str) -> None:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    shapes = []  # (code, name, [polygon [ring]])
    for feature in data["features"]:
        polys = [[_round(r) for r in poly] for poly in _rings(feature["geometry"])]
        shapes.append((feature["properties"]["code"], feature["properties"]["nom"], polys))
    all_rings = [r for _, _, polys in shapes for poly in polys for r in poly]
    before = sum(len(r) for r in all_rings)
    fixed = _junctions(all_rings)
    for _ in range(20):
        changed = False
        for _, _, polys in shapes:
            for poly in polys:
                for k, ring in enumerate(poly):
                    new = _pass(ring, fixed)
                    changed |= len(new) != len(ring)
                    poly[k] = new
        if not changed:
            break
    after = sum(len(r) for _, _, polys in shapes for poly in polys for r in poly)
    out = {
        "source": "IGN GEOFLA 2.2 (2016), INSEE COG 2016 codes and names, Licence Ouverte "
        "(Etalab), via gregoiredavid/france-geojson; simplified by rtecap "
        "(tools/simplify_departments.py)",
        "departments": {
            f"FR-{code}": {"name": name,
                           "polygons": [[[*r, r[0]] for r in poly] for poly in polys]}
            for code, name, polys in sorted(shapes)
        },
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{before} -> {after} vertices; {OUT} {OUT.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
