"""rtecap.plotting, rendered with the Agg backend: texts, legends, colours, counts, PNG files."""

from __future__ import annotations

import subprocess
import sys

import frames as F
import matplotlib
import numpy as np
import pytest

from rtecap import mappings as m
from rtecap import ops, plotting
from rtecap.datasets import load_national_capacities
from rtecap.exceptions import RteValidationError

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.image import imread  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _legend(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _ticks(axis) -> list[str]:
    axis.figure.canvas.draw()
    return [t.get_text() for t in axis.get_ticklabels() if t.get_text()]


def _distinct_colours(path) -> int:
    image = imread(path)
    return len(np.unique(image.reshape(-1, image.shape[-1]).round(2), axis=0))


def test_trend_lines():
    nat = load_national_capacities()
    ax = plotting.plot_trend(nat)
    sectors = list(ops.by_sector(nat).columns)
    assert len(ax.get_lines()) == len(sectors)
    assert _legend(ax) == [s.capitalize() for s in sectors]
    for line, sector in zip(ax.get_lines(), sectors, strict=True):
        assert to_hex(line.get_color()) == m.SECTOR_COLORS[sector].lower()
    assert ax.get_ylabel() == "Installed capacity (MW)"
    assert ax.get_title(loc="left") == "Installed capacity by sector"
    assert any("," in t for t in _ticks(ax.yaxis))  # 60,000
    assert "Source: RTE / ODRE" in ax.get_xlabel()


def test_trend_area_in_french():
    fr = F.french(F.small_cppt())
    ax = plotting.plot_trend(fr, kind="area")
    areas = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(areas) == 5  # nuclear, fossil, wind, solar, other
    assert _legend(ax) == ["Autre", "Solaire", "Éolien", "Thermique fossile", "Nucléaire"]
    assert ax.get_ylabel() == "Puissance installée (MW)"
    assert ax.get_title(loc="left") == "Puissance installée par filière"
    assert any("\u202f" in t for t in _ticks(ax.yaxis))  # 60 000
    assert to_hex(areas[0].get_facecolor()[0]) == m.SECTOR_COLORS["nuclear"].lower()


def test_trend_by_production_type_shades_each_sector():
    ax = plotting.plot_trend(F.small_cppt(), level="production_type")
    legend = ax.get_legend()
    handles = zip(legend.get_texts(), legend.legend_handles, strict=True)
    colours = {text.get_text(): to_hex(handle.get_color()) for text, handle in handles}
    assert colours["Wind offshore"] == m.SECTOR_COLORS["wind"].lower()  # first of its sector
    assert colours["Wind onshore"] not in (colours["Wind offshore"], colours["Solar"])


@pytest.mark.parametrize("kind", ["area", "bar"])
def test_mix(kind):
    nat = load_national_capacities()
    ax = plotting.plot_mix(nat, kind=kind)
    shares = ops.mix(nat)
    if kind == "bar":
        assert len(ax.patches) == shares.size
        tops = np.zeros(len(shares))
        for i, patch in enumerate(ax.patches):
            tops[i % len(shares)] = max(tops[i % len(shares)], patch.get_y() + patch.get_height())
        np.testing.assert_allclose(tops, 1.0)
        assert _ticks(ax.xaxis)[0] == "2007"
    assert ax.get_ylim() == (0.0, 1.0)
    assert all(t.endswith("%") for t in _ticks(ax.yaxis))
    assert ax.get_ylabel() == "Share of installed capacity (%)"
    assert _legend(ax)[-1] == "Nuclear"  # stacked first, listed last (legend follows the stack)


def test_departments():
    ax = plotting.plot_departments(F.small_cpc(), top=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Bouches-du-Rhône (13)", "Nord (59)"]
    widths = {}
    for patch in ax.patches:
        row = round(patch.get_y() + patch.get_height() / 2)
        widths[row] = widths.get(row, 0.0) + patch.get_width()
    assert widths[1] == pytest.approx((300 + 4001) / 1000)  # Nord, February update, MW
    assert widths[0] == pytest.approx((1001 + 250) / 1000)
    assert _legend(ax) == ["Wind", "Solar"]
    assert "2023-02-01" in ax.get_title(loc="left")
    assert ax.get_xlabel() == "Installed capacity (MW)"
    january = plotting.plot_departments(F.french(F.small_cpc()), top=1, at="2023-01-15")
    assert "2023-01-15" in january.get_title(loc="left")  # the values as of that date
    assert january.get_xlabel() == "Puissance installée (MW)"
    assert [t.get_text() for t in january.get_yticklabels()] == ["Nord (59)"]


def test_departments_needs_department_rows():
    cpc = F.small_cpc()
    with pytest.raises(RteValidationError, match="department"):
        plotting.plot_departments(cpc[(cpc["department_code"] == "FR").to_numpy()])
    with pytest.raises(RteValidationError, match="top"):
        plotting.plot_departments(cpc, top=0)
    with pytest.raises(RteValidationError, match="capacities_cpc"):
        plotting.plot_departments(F.small_cppt())


def test_timeline():
    units = F.small_cppu()
    ax = plotting.plot_timeline(units)
    tl = ops.timeline(units)
    periods, sectors = tl.index.nunique(), tl["sector"].nunique()
    assert len(ax.patches) == 2 * periods * sectors  # up and down bars, per sector
    heights = [p.get_height() for p in ax.patches]
    assert sorted(h for h in heights if h) == [-600.0, 12.0, 400.0, 480.0, 600.0]
    twin = ax.figure.axes[-1]
    (line,) = twin.get_lines()
    np.testing.assert_array_equal(line.get_ydata(), tl.groupby(level=0)["capacity_mw"].sum())
    assert _legend(ax) == ["Fossil", "Wind", "In operation (MW, right axis)"]
    assert ax.get_title(loc="left").endswith("per year")
    fr = plotting.plot_timeline(F.french(units), freq="MS", capacity=False)
    assert fr.get_title(loc="left").endswith("par période")
    assert _legend(fr) == ["Thermique fossile", "Éolien"]


def test_given_axes_are_used_and_returned():
    fig, axes = plt.subplots(1, 2)
    assert plotting.plot_trend(F.small_cppt(), ax=axes[1]) is axes[1]
    assert axes[1].get_lines() and not axes[0].get_lines()


def test_bad_arguments():
    with pytest.raises(RteValidationError, match="kind"):
        plotting.plot_trend(F.small_cppt(), kind="pie")
    with pytest.raises(RteValidationError, match="kind"):
        plotting.plot_mix(F.small_cppt(), kind="line")
    with pytest.raises(RteValidationError, match="no data"):
        plotting.plot_trend(F.small_cppt().iloc[:0])


def test_png_files_are_drawn(tmp_path):
    ax = plotting.plot_trend(load_national_capacities(), kind="area")
    path = tmp_path / "trend.png"
    ax.figure.savefig(path)
    assert path.stat().st_size > 10_000
    assert _distinct_colours(path) > 20


@pytest.mark.parametrize("lang", [None, "fr"])
def test_save_all(tmp_path, lang):
    written = plotting.save_all(
        tmp_path / "out",
        capacities=load_national_capacities(),
        cpc=F.small_cpc(),
        units=F.small_cppu(),
        lang=lang,
        dpi=60,
    )
    assert {k: p.name for k, p in written.items()} == {
        "trend": "trend.png",
        "mix": "mix.png",
        "cpc_departments": "cpc_departments.png",
        "station_timeline": "station_timeline.png",
    }
    for path in written.values():
        assert path.parent == tmp_path / "out"
        assert _distinct_colours(path) > 10
    assert plt.get_fignums() == []  # no pyplot figure left open
    only = plotting.save_all(tmp_path, units=F.small_cppu())
    assert list(only) == ["station_timeline"]
    with pytest.raises(RteValidationError, match="at least one"):
        plotting.save_all(tmp_path)


def test_matplotlib_and_xarray_are_imported_lazily():
    code = (
        "import sys, rtecap.accessor, rtecap.plotting, rtecap.export; "
        "assert 'matplotlib' not in sys.modules and 'xarray' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_requests_and_the_client_are_imported_on_first_use():
    """``import rtecap`` (the embedded data, saved answers) leaves requests out (issue 15:
    import time); ``rtecap.Client`` and ``from rtecap import Client`` bring it."""
    code = (
        "import sys, rtecap; "
        "assert 'requests' not in sys.modules and 'rtecap.client' not in sys.modules; "
        "from rtecap import Client; assert rtecap.Client is Client; "
        "assert Client.__module__ == 'rtecap.client' and 'requests' in sys.modules; "
        "assert 'Client' in dir(rtecap)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plot_texts_exist_in_both_languages():
    assert set(plotting.TEXT["en"]) == set(plotting.TEXT["fr"])
