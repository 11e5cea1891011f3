"""The examples in the docstrings of the market modules run (against the emulator)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ("rtecap.market", "rtecap.market.client", "rtecap.market.parsers",
           "rtecap.market.quality", "rtecap.market.loaders", "rtecap.market._endpoints",
           "rtecap.market.frames", "rtecap.market.export", "rtecap.market.accessor",
           "rtecap.emulator.market_data")  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    flags = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
    result = doctest.testmod(module, optionflags=flags)
    assert result.failed == 0
    assert result.attempted > 0  # every module shows at least one example


def test_the_docs_emulator_example_runs():
    """The docs page's Python blocks that use the emulator run as written."""
    import re
    from pathlib import Path

    page = Path(__file__).parents[2] / "docs" / "market.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    runnable = [block for block in blocks if "serve(" in block]
    assert runnable
    for block in runnable:
        namespace: dict = {}
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102
        assert len(namespace["prices"]) == 29 * 96 - 4
