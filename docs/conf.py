"""Sphinx configuration of rtecap's documentation (MyST markdown + notebooks via myst-nb).

The build is offline: no intersphinx inventory is fetched and notebooks are not executed here
(``nb_execution_mode = "off"``): they are rendered with the outputs stored by a real run, which
``make notebooks`` (nbval) checks against a fresh one.
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import sphinx_autosummary_accessors

import rtecap

DOCS = Path(__file__).resolve().parent
NOTEBOOKS = DOCS.parent / "notebooks"
#: The notebooks live in ``notebooks/`` (where nbval finds them); Sphinx reads only its source
#: dir, so they are copied here at the start of each build (this folder is git-ignored).
NOTEBOOK_COPIES = DOCS / "_notebooks"
#: The gallery's PNG files, taken at each build from the stored outputs of the notebook cells
#: whose metadata names them (``# %% gallery="cpc_map"`` in the jupytext twin); git-ignored.
GALLERY = DOCS / "_gallery"

project = "rtecap"
author = "rtecap contributors"
copyright = "rtecap contributors; data: RTE / ODRE, Licence Ouverte 2.0"
release = rtecap.__version__
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx_autosummary_accessors",
]
#: The API reference is autosummary tables, one generated page per function and class
#: (written to docs/generated/ at each build, git-ignored); the ``df.rte`` accessor's pages
#: use sphinx-autosummary-accessors' templates.
templates_path = ["_templates", sphinx_autosummary_accessors.templates_path]
# No network at build time: no inventory is fetched.
intersphinx_mapping: dict = {}

# .rst first: autosummary writes its generated pages with the first suffix (they are RST).
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "_templates", "**/.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]

# MyST
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# myst-nb: render stored outputs, never execute during the docs build.
nb_execution_mode = "off"
nb_merge_streams = True

# autodoc / napoleon (numpydoc style docstrings)
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}
autosummary_generate = True
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
# "Attributes" sections as :ivar: fields, so that a documented property is not described twice.
napoleon_use_ivar = True
napoleon_preprocess_types = False

html_theme = "pydata_sphinx_theme"
html_title = f"rtecap {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_static_path: list[str] = []


def _copy_notebooks(app, config) -> None:
    """Copy ``notebooks/*.ipynb`` into ``docs/_notebooks/`` (only the ones that changed)."""
    NOTEBOOK_COPIES.mkdir(exist_ok=True)
    wanted = {path.name for path in NOTEBOOKS.glob("*.ipynb")}
    for stale in NOTEBOOK_COPIES.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()
    for name in sorted(wanted):
        source, target = NOTEBOOKS / name, NOTEBOOK_COPIES / name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)


def _gallery_images(app, config) -> None:
    """Write ``docs/_gallery/<name>.png`` from each notebook cell tagged ``gallery=<name>``.

    The figures are the ones stored in the notebooks (no execution, no network): the gallery
    shows what the notebook pages show. A name tagged twice, or a tagged cell without exactly
    one PNG, fails the build.
    """
    GALLERY.mkdir(exist_ok=True)
    written: set[str] = set()
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            name = cell.get("metadata", {}).get("gallery")
            if not name:
                continue
            pngs = [out["data"]["image/png"] for out in cell.get("outputs", [])
                    if "image/png" in out.get("data", {})]
            if len(pngs) != 1 or name in written:
                raise RuntimeError(f"{path.name}: gallery image {name!r} is not one PNG of one "
                                   f"cell ({len(pngs)} PNG, already written: {name in written})")
            data = base64.b64decode("".join(pngs[0]))
            target = GALLERY / f"{name}.png"
            if not target.exists() or target.read_bytes() != data:
                target.write_bytes(data)
            written.add(name)
    for stale in GALLERY.glob("*.png"):
        if stale.stem not in written:
            stale.unlink()


def setup(app):
    app.connect("config-inited", _copy_notebooks)
    app.connect("config-inited", _gallery_images)
    return {"parallel_read_safe": True}
