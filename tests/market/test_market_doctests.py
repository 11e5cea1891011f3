"""The docs page's Python blocks that use the emulator run as written (the docstring examples
of the market modules run with ``make unit``'s ``--doctest-modules rtecap``)."""

from __future__ import annotations

import re
from pathlib import Path


def test_the_docs_emulator_example_runs():
    page = Path(__file__).parents[2] / "docs" / "market.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    runnable = [block for block in blocks if "serve(" in block]
    assert runnable
    for block in runnable:
        namespace: dict = {}
        exec(compile(block, str(page), "exec"), namespace)  # noqa: S102
        assert len(namespace["prices"]) == 29 * 96 - 4
