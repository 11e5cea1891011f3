"""``rtecap market fetch``: files written, one line and an exit code on errors."""

from __future__ import annotations

import pandas as pd
import pytest

from rtecap import market
from rtecap.cli import main


@pytest.fixture
def env(rte_emulator, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("RTECAP_MARKET_TOKEN", rte_emulator.market_token)
    monkeypatch.setenv("RTECAP_MARKET_BASE_URL", rte_emulator.url)
    return rte_emulator


def test_fetch_csv_and_json(env, tmp_path, capsys):
    assert main(["market", "fetch", "day-ahead-prices", "-o", str(tmp_path / "p.csv")]) == 0
    frame = pd.read_csv(tmp_path / "p.csv", index_col=0)
    assert frame.index.name == "period_start" and "price_eur_mwh" in frame.columns
    assert main(["market", "fetch", "/api/fcr-capacity", "-o", str(tmp_path / "f.json")]) == 0
    saved = market.read_fcr_capacity(tmp_path / "f.json")
    assert set(saved["direction"]) == {"SYMMETRIC"}
    assert "wrote" in capsys.readouterr().out


def test_fetch_energy_writes_one_file_per_resolution(env, tmp_path, capsys):
    target = tmp_path / "e.parquet"
    assert main(["market", "fetch", "balancing_energy", "-o", str(target), "--lang", "fr"]) == 0
    names = sorted(p.name for p in tmp_path.glob("e.*.parquet"))
    assert names == [f"e.{k}.{p}.parquet" for k in ("afrr", "mfrr")
                     for p in ("chart", "latest", "rows")]  # fmt: skip
    rows = pd.read_parquet(tmp_path / "e.afrr.rows.parquet")
    assert len(rows) == 21_600 and "prix_hausse_eur_mwh" in rows.columns
    assert rows.attrs["rtecap"]["synthetic"] is True


@pytest.mark.parametrize("argv, code, message", [
    (["market", "fetch", "prices", "-o", "x.csv"], 2, "unknown market-data endpoint"),
    (["market", "fetch", "fcr_capacity", "-o", "x.txt"], 2, "-o must end with"),
])  # fmt: skip
def test_usage_errors(env, argv, code, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_bad_token_and_no_token(env, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("RTECAP_MARKET_TOKEN", "bad")
    assert main(["market", "fetch", "mfrr_energy", "-o", str(tmp_path / "m.csv"),
                 "--no-cache"]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert "no active subscription" in err and len(err.strip().splitlines()) == 1
    monkeypatch.delenv("RTECAP_MARKET_TOKEN")
    assert main(["market", "fetch", "mfrr_energy", "-o", str(tmp_path / "m.csv"),
                 "--no-cache"]) == 3  # fmt: skip


def test_rtecap_serve_prints_the_market_token(capsys):
    import argparse
    import threading

    from rtecap.emulator.cli import add_arguments, run

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    done = threading.Event()
    done.set()
    assert run(parser.parse_args(["--port", "0"]), stop=done) == 0
    out = capsys.readouterr().out
    assert "RTECAP_MARKET_TOKEN=" in out and "RTECAP_MARKET_BASE_URL=http://127.0.0.1:" in out
