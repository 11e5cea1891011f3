"""The archive's docstring examples and its docs page's emulator block run as written."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

MODULES = ("rtecap.market.archive", "rtecap.market.archive_check")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0


def test_the_docs_page_emulator_block_runs():
    page = Path(__file__).parents[2] / "docs" / "market-archive.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    runnable = [block for block in blocks if "serve(" in block]
    assert len(runnable) == 1
    namespace: dict = {}
    exec(compile(runnable[0], str(page), "exec"), namespace)  # noqa: S102
    assert namespace["report"].loc[("day_ahead_prices", "rows"), "rows"] == 31 * 96 - 4
