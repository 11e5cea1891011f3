"""The README's Python blocks run top to bottom, as a new user would run them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
REAL_API = "# real API"


def blocks() -> list[str]:
    return BLOCK.findall(README.read_text(encoding="utf-8"))


@pytest.fixture
def new_user(tmp_path, monkeypatch):
    """A fresh folder and cache, no credentials, no progress bars."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TQDM_DISABLE", "1")
    for name in ("RTE_CLIENT_ID", "RTE_CLIENT_SECRET", "RTE_BASE_URL", "RTECAP_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_readme_tour_runs_without_credentials(new_user, capsys):
    code = blocks()
    offline = [b for b in code if not b.startswith(REAL_API)]
    assert len(offline) >= 4 and len(code) - len(offline) == 1
    namespace: dict = {}
    for block in offline:
        exec(compile(block, str(README), "exec"), namespace)  # noqa: S102
    printed = capsys.readouterr().out
    assert "GENINSCAP_CPPT_F05" in printed
    assert "did you mean WIND_OFFSHORE, WIND_ONSHORE?" in printed
    assert (new_user / "cpc.parquet").exists() and (new_user / "cpc.csv").exists()
    assert str(namespace["again"].index.tz) == "Europe/Paris"


def test_readme_real_api_block_runs_against_the_emulator(new_user, monkeypatch):
    """The block marked real API, with the emulator standing in for RTE (same env variables)."""
    import rtecap
    from rtecap.emulator import serve

    real = [b for b in blocks() if b.startswith(REAL_API)]
    with serve() as server:
        monkeypatch.setenv("RTE_CLIENT_ID", server.client_id)
        monkeypatch.setenv("RTE_CLIENT_SECRET", server.client_secret)
        monkeypatch.setenv("RTE_BASE_URL", server.url)
        namespace = {"rtecap": rtecap}
        exec(compile(real[0], str(README), "exec"), namespace)  # noqa: S102
    assert namespace["cppu"].attrs["rtecap"]["calls"] == 91
    assert (new_user / "answers" / "capacities_cpc.json").exists()
