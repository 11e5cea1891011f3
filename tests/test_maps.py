"""The department map (plot_departments_map) and CPC values as of a date (ops.as_of)."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest

import rtecap
from rtecap import ops
from rtecap.datasets import department_outlines
from rtecap.exceptions import RteValidationError
from rtecap.plotting import plot_departments_map

matplotlib.use("Agg")
TZ = "Europe/Paris"


def _cpc(rows) -> pd.DataFrame:
    """A small CPC frame: rows of (date, department, network, type, kW)."""
    days, dept, net, kind, kw = zip(*rows, strict=True)
    index = pd.DatetimeIndex(days, name="updated_date").tz_localize(TZ)
    df = pd.DataFrame(
        {
            "department_code": pd.Categorical(dept),
            "network_connection": pd.Categorical(net),
            "production_type": pd.Categorical(kind),
            "capacity_kw": pd.array(kw, dtype="Int64"),
        },
        index=index,
    )
    df.attrs["rtecap"] = {"resource": "capacities_cpc"}
    return df


# FR-13 is updated in January only; FR-75 in January and February; FR is the national row.
CPC = _cpc(
    [
        ("2023-01-09", "FR-75", "RPD", "SOLAR", 10_000),
        ("2023-01-09", "FR-13", "RPD", "SOLAR", 5_000),
        ("2023-01-09", "FR-13", "RPT", "WIND", 2_000),
        ("2023-02-09", "FR-75", "RPD", "SOLAR", 12_000),
        ("2023-02-09", "FR", "RPD", "SOLAR", 19_000),
        ("2023-02-09", "FR-971", "RPD", "SOLAR", 3_000),
    ]
)


def _facecolors(ax) -> dict[str, tuple]:
    return {p.get_gid(): p.get_facecolor() for p in ax.patches}


def test_as_of_takes_each_combination_at_its_latest_update():
    latest = ops.as_of(CPC, "2023-03-01")
    got = {
        (d, n, t): v
        for d, n, t, v in zip(latest["department_code"], latest["network_connection"],
                              latest["production_type"], latest["capacity_kw"], strict=True)
    }
    # the one-date reading (rows of 2023-02-09 only) would lose FR-13's 7 MW
    assert got == {
        ("FR-75", "RPD", "SOLAR"): 12_000,
        ("FR-13", "RPD", "SOLAR"): 5_000,
        ("FR-13", "RPT", "WIND"): 2_000,
        ("FR", "RPD", "SOLAR"): 19_000,
        ("FR-971", "RPD", "SOLAR"): 3_000,
    }
    assert latest.index.is_monotonic_increasing
    assert latest.attrs["rtecap"]["as_of"].startswith("2023-03-01T00:00:00+01:00")


def test_as_of_before_and_by_accessor():
    january = CPC.rte.as_of("2023-01-31")
    assert sorted(january["capacity_kw"].tolist()) == [2_000, 5_000, 10_000]
    assert ops.as_of(CPC, "2022-12-31").empty
    assert len(CPC.rte.as_of()) == 5  # default: the latest update


def test_as_of_french_frame_and_bad_date():
    fr = CPC.rte.translate("fr")
    assert ops.as_of(fr, "2023-03-01")["puissance_kw"].sum() == 41_000
    with pytest.raises(RteValidationError):
        ops.as_of(CPC, "not a date")


def test_outlines_cover_the_96_metropolitan_departments():
    outlines = department_outlines()
    assert len(outlines) == 96
    assert {"FR-2A", "FR-2B", "FR-75", "FR-95"} <= set(outlines)
    assert not any(code.startswith("FR-97") for code in outlines)
    for outline in outlines.values():
        for polygon in outline.polygons:
            for ring in polygon:
                assert ring.shape[1] == 2 and len(ring) >= 4
                assert np.array_equal(ring[0], ring[-1])  # closed
                lon, lat = ring[:, 0], ring[:, 1]
                assert (-5.5 < lon).all() and (lon < 9.7).all()
                assert (41.3 < lat).all() and (lat < 51.2).all()


def test_map_of_a_cpc_frame_colours_departments_by_their_mw():
    ax = plot_departments_map(CPC, at="2023-03-01")
    colours = _facecolors(ax)
    # 96 departments + the 4 of the Paris inset, each a patch named by its code
    assert len(ax.patches) == 96
    assert len(ax.child_axes[0].patches) == 4
    hatched = {p.get_gid() for p in ax.patches if p.get_hatch()}
    assert hatched == set(department_outlines()) - {"FR-13", "FR-75"}
    # FR-75 (12 MW) is the maximum: the darkest colour of the map; FR-13 has 7 MW
    cmap = matplotlib.colormaps["YlGnBu"]
    assert colours["FR-75"] == pytest.approx(cmap(1.0))
    assert colours["FR-13"] == pytest.approx(cmap(7 / 12))
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "Guadeloupe (971): 3 MW" in texts  # overseas: listed beside, not dropped
    assert "as of 2023-03-01" in ax.get_title(loc="left")
    shown = " ".join(t.get_text() for t in ax.findobj(matplotlib.text.Text))
    assert "IGN GEOFLA 2016 via france-geojson" in shown  # the outlines are credited


def test_map_in_french_and_of_a_series():
    ax = CPC.rte.translate("fr").rte.plot_departments_map()
    assert "au 2023-02-09" in ax.get_title(loc="left")
    series = pd.Series({"75": 1.0, "2a": 3.0, 13: 2.0}, name="MW")
    ax = plot_departments_map(series)
    colours = _facecolors(ax)
    cmap = matplotlib.colormaps["YlGnBu"]
    assert colours["FR-2A"] == pytest.approx(cmap(1.0))
    assert colours["FR-13"] == pytest.approx(cmap(2 / 3))


@pytest.mark.parametrize(
    ("data", "kwargs", "match"),
    [
        (pd.Series({"FR-99": 1.0}), {}, "not a department code"),
        (pd.Series([1.0, 2.0], index=["75", "FR-75"]), {}, "several for"),
        (pd.DataFrame({"department_code": ["FR-01"], "x": [1.0]}), {}, "column="),
        (_cpc([("2023-01-09", "FR", "RPD", "SOLAR", 1)]), {}, "no department rows"),
    ],
)
def test_map_refuses_bad_input_clearly(data, kwargs, match):
    with pytest.raises(RteValidationError, match=match):
        plot_departments_map(data, **kwargs)


def test_map_of_the_emulator_cpc(rte_emulator, tmp_path):
    client = rtecap.Client(
        client_id=rte_emulator.client_id,
        client_secret=rte_emulator.client_secret,
        base_url=rte_emulator.url,
        cache=False,
    )
    cpc = rtecap.get_capacities_cpc("2023-01-01", "2024-01-01", client=client)
    ax = cpc.rte.plot_departments_map(at="2023-07-01")
    mw = ops.to_mw(ops.as_of(cpc, "2023-07-01"))
    per_dept = mw.groupby(mw["department_code"].astype(str))["capacity_mw"].sum()
    top = per_dept.drop("FR").idxmax()
    colours = _facecolors(ax)
    assert colours[top] == pytest.approx(matplotlib.colormaps["YlGnBu"](1.0))
    assert not any(p.get_hatch() for p in ax.patches)  # every department has a value
    ax.figure.savefig(tmp_path / "map.png")
    assert (tmp_path / "map.png").stat().st_size > 10_000
