"""The archive's docs page: its emulator block runs as written (the docstring examples of
the archive modules run with ``make unit``'s ``--doctest-modules rtecap``)."""

from __future__ import annotations

import re
from pathlib import Path


def test_the_docs_page_emulator_block_runs():
    page = Path(__file__).parents[2] / "docs" / "market-archive.md"
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    runnable = [block for block in blocks if "serve(" in block]
    assert len(runnable) == 1
    namespace: dict = {}
    exec(compile(runnable[0], str(page), "exec"), namespace)  # noqa: S102
    assert namespace["report"].loc[("day_ahead_prices", "rows"), "rows"] == 31 * 96 - 4
