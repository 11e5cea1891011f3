"""The notebooks and the user guide: paired sources, clean outputs, pages that match the code.

The notebooks themselves run under ``make notebooks`` (strict nbval); these checks are static
and fast.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests

from rtecap import emulator, exceptions

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DOCS = ROOT / "docs"
#: The guide's §5.2 technical errors.
GUIDE_STATUSES = (401, 403, 404, 408, 413, 414, 429, 500, 503, 509)


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def output_text(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append("".join(out.get("text", "")))
        for kind, value in out.get("data", {}).items():
            if kind.startswith("text/"):
                parts.append("".join(value))
    return "\n".join(parts)


def test_the_notebook_set():
    names = [path.stem for path in NOTEBOOKS]
    assert names == ["01_quickstart", "02_capacity_trends", "03_power_stations",
                     "04_cpc_by_department", "05_reproducibility", "06_rules_and_errors",
                     "07_market_data"]
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for name in names:
        assert f"_notebooks/{name}\n" in index


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_paired_opens_with_its_question_and_has_clean_outputs(path):
    jupytext = pytest.importorskip("jupytext")
    twin = jupytext.read(path.with_suffix(".py"))
    stored = cells(path)
    assert [(c.cell_type, c.source) for c in twin.cells] == [
        (c["cell_type"], "".join(c["source"])) for c in stored], "run tools/build_notebooks.py"
    first = "".join(stored[0]["source"])
    assert stored[0]["cell_type"] == "markdown" and "**The question:**" in first
    for cell in stored:
        if cell["cell_type"] != "code":
            continue
        assert cell.get("execution_count"), "every code cell was run"
        text = output_text(cell)
        for out in cell.get("outputs", []):
            assert out.get("name") != "stderr", f"stray stderr: {text[:200]}"
            assert out.get("output_type") != "error"
        for leak in (str(ROOT), "/tmp/", "/home/", "/root/", "127.0.0.1:"):
            assert leak not in text, f"{leak!r} in an output of {path.name}"
        assert not re.search(r"client_secret='(?!\*\*\*')", text)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_figures_from_the_emulator_say_so(path):
    """A notebook that asks the emulator and draws marks its frames as synthetic."""
    code = "\n".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "code")
    if "serve(" in code and ".plot_" in code:
        assert "mark_synthetic(" in code


def test_mark_synthetic_reaches_the_plot():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from rtecap.datasets import load_national_capacities

    national = load_national_capacities()
    marked = emulator.mark_synthetic(national, seed=7)
    assert "ODRE" in national.attrs["rtecap"]["source"]  # the original is left alone
    assert marked.equals(national)
    ax = marked.loc["2015":].rte.plot_trend()
    try:
        assert "synthetic data, seed 7" in ax.get_xlabel()
    finally:
        plt.close(ax.figure)


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^### (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_troubleshooting_has_every_code_and_status():
    page = sections((DOCS / "troubleshooting.md").read_text(encoding="utf-8"))
    titles = " | ".join(page)
    for n in range(1, 7):
        (title,) = [t for t in page if t.startswith(f"F0{n} ")]
        for resource in ("CPPT", "CPPU", "CCPC"):
            assert f"GENINSCAP_{resource}_F0{n}" in page[title]
        assert "**rtecap" in page[title] and "**What to do:**" in page[title]
    assert any(t.startswith("EC45_ERR01") for t in page)
    for status in GUIDE_STATUSES:
        assert f"HTTP {status} " in titles
    assert "Connection refused" in page and "Timeout" in page


@pytest.mark.parametrize("status", GUIDE_STATUSES)
def test_troubleshooting_names_the_exception_rtecap_raises(status):
    page = sections((DOCS / "troubleshooting.md").read_text(encoding="utf-8"))
    (title,) = [t for t in page if t.startswith(f"HTTP {status} ")]
    response = requests.Response()
    response.status_code, response.url = status, "https://example.invalid/x"
    response._content = b"{}"
    raised = type(exceptions.error_from_response(response)).__name__
    named = re.findall(r"\{class\}`~rtecap\.exceptions\.(\w+)`", page[title])
    assert named and raised in named, (status, raised, named)
    assert "**What to do:**" in page[title]


def test_gallery_shows_each_tagged_figure_once():
    tagged = [c["metadata"]["gallery"] for path in NOTEBOOKS for c in cells(path)
              if c.get("metadata", {}).get("gallery")]
    shown = re.findall(r"\(_gallery/(\w+)\.png\)", (DOCS / "gallery.md").read_text("utf-8"))
    assert len(tagged) == len(set(tagged)) and sorted(shown) == sorted(tagged)
