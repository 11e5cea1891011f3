"""The repository itself: every Markdown file it names exists in it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_markdown_file_named_exists():
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout")
    command = [git, "ls-files", "--cached", "--others", "--exclude-standard"]
    files = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    present = {Path(f).name for f in files}
    missing = []
    for name in files:
        path = ROOT / name
        if path.suffix not in (".py", ".md", ".rst", ".ipynb", ".cfg", ".toml") \
                or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for found in re.findall(r"[\w./-]*\b[A-Za-z][\w-]*\.md\b", text):
            if Path(found).name not in present and not found.startswith(("http", "www")):
                missing.append(f"{name}: {found}")
    assert not missing, missing
