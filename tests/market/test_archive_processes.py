"""The archive against real processes: a collector killed before its rename, two at once, the
lock, and the ``rtecap market collect`` / ``report`` commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from rtecap import market
from rtecap.cli import main
from rtecap.market import _store

ENDPOINTS = ["day_ahead_prices", "afrr_capacity"]
#: A collector in a child process; with a number N, it kills itself (SIGKILL) at its N-th
#: rename, after that file was written in full under its temporary name. With RENDEZVOUS, it
#: waits for the file ``go`` there before collecting.
CHILD = """
import os, pathlib, signal, sys, time
from rtecap import market
from rtecap.market import _store
store, url, kill_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
meet = os.environ.get("RENDEZVOUS")
if meet:  # start collecting together with the other child
    (pathlib.Path(meet) / f"ready-{os.getpid()}").touch()
    while not (pathlib.Path(meet) / "go").exists():
        time.sleep(0.01)
renames, real = [], _store._replace
def replace(src, dst):
    renames.append(dst)
    if len(renames) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
_store._replace = replace
with market.Client(base_url=url, cache=False) as client:
    print(market.collect(store, client=client, endpoints=sys.argv[4:]), flush=True)
"""


def _child(store, server, kill_at: int = 0, endpoints=ENDPOINTS, meet=None) -> subprocess.Popen:
    env = {**os.environ, "RTECAP_MARKET_TOKEN": server.market_token}
    if meet is not None:
        env["RENDEZVOUS"] = str(meet)
    return subprocess.Popen([sys.executable, "-c", CHILD, str(store), server.url, str(kill_at),
                             *endpoints], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def _snapshot(store) -> dict[str, pd.DataFrame]:
    return {name: market.load_archive(store, name) for name in ENDPOINTS}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
@pytest.mark.parametrize("kill_at", [1, 3])
def test_a_collector_killed_before_its_rename_loses_nothing(rte_emulator_factory, tmp_path,
                                                            kill_at):  # fmt: skip
    server = rte_emulator_factory(today="2026-04-20")
    store = tmp_path / "store"
    with market.Client(server.market_token, server.url, cache=False) as client:
        market.collect(store, client=client, endpoints=ENDPOINTS)
        before = _snapshot(store)
        server.today = "2026-04-21"
        server.market_republish = {"day_ahead_prices": {"2026-04-10T10:00Z": {
            "price_eur_mwh": 0.5}}}  # a revision to write too  # fmt: skip
        child = _child(store, server, kill_at)
        _, err = child.communicate(timeout=60)
        assert child.returncode == -signal.SIGKILL, err
        assert list(store.rglob(".*.tmp")), "killed while holding a written temporary file"
        # the store is readable and every earlier row is there, with its earlier value
        during = _snapshot(store)
        for name, frame in before.items():
            kept = during[name].loc[frame.index.unique()]
            if kill_at == 1 or name == "afrr_capacity":  # not renamed yet: the earlier file
                pd.testing.assert_frame_equal(during[name], frame)
            else:  # renamed: the earlier rows are all there
                assert kept.index.equals(frame.index)
            assert len(during[name]) >= len(frame)
            assert during[name].reset_index().duplicated().sum() == 0
        # the next run cleans up and finishes the job: the store of an uninterrupted run
        summary = market.collect(store, client=client, endpoints=ENDPOINTS, wait=5)
        live = {name: market.LOADERS[name][0](client=client) for name in ENDPOINTS}
    assert not list(store.rglob(".*.tmp"))
    after = _snapshot(store)
    for name in ENDPOINTS:
        pd.testing.assert_frame_equal(after[name].loc[live[name].index.unique()], live[name])
        old = before[name].loc[before[name].index.difference(live[name].index)]
        pd.testing.assert_frame_equal(after[name].loc[old.index.unique()], old)
    # renames: day-ahead revisions/2026-04, data/2026-04, then afrr_capacity data/2026-04
    done = kill_at > 2
    assert summary.per_endpoint() == {"day_ahead_prices": (0, 0, 2780) if done else
                                      (96, 1, 2780 - 97), "afrr_capacity": (48, 0, 336)}
    revisions = market.load_revisions(store, "day_ahead_prices")
    assert len(revisions) == 1 and revisions["period_start"][0] == pd.Timestamp(
        "2026-04-10T10:00Z")  # fmt: skip


def test_two_collectors_at_once(rte_emulator_factory, tmp_path):
    server = rte_emulator_factory(today="2026-04-20", latency_ms=150)
    store = tmp_path / "store"
    children = [_child(store, server, meet=tmp_path) for _ in range(2)]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    (tmp_path / "go").touch()  # both start now; a run takes > 0.3 s (latency): they overlap
    outputs = [child.communicate(timeout=90) for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    counts = {}
    for out, _ in outputs:
        for line in out.splitlines():
            name, text = line.split(" ", 1)[1].split(": ")
            added, revised, unchanged = (int(part.split()[0]) for part in text.split(", "))
            counts.setdefault(name, []).append((added, revised, unchanged))
    for name in ENDPOINTS:
        frame = market.load_archive(store, name)
        assert frame.reset_index().duplicated().sum() == 0
        # one run stored the rows, the other found them there: never twice, never lost
        assert sorted(counts[name]) == [(0, 0, len(frame)), (len(frame), 0, 0)]
    assert not list(store.rglob(".*.tmp"))


def test_a_held_lock_makes_the_collector_wait_then_give_up(rte_emulator, tmp_path):
    store = _store.Store(tmp_path / "store").create()
    with store.lock(timeout=1):
        with pytest.raises(market.ArchiveBusyError, match="locked by another collector"):
            market.collect(store.root, endpoints=ENDPOINTS, wait=0.2,
                           client=market.Client(rte_emulator.market_token, rte_emulator.url,
                                                cache=False))  # fmt: skip
    assert rte_emulator.requests_total == 0


def test_collect_and_report_commands(rte_emulator, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RTECAP_MARKET_TOKEN", rte_emulator.market_token)
    monkeypatch.setenv("RTECAP_MARKET_BASE_URL", rte_emulator.url)
    store = tmp_path / "store"
    args = ["market", "collect", "--store", str(store), "--endpoint", "fcr_capacity"]
    assert main(args) == 0
    assert capsys.readouterr().out.split(" ", 1)[1] == (
        "fcr_capacity: 192 added, 0 revised, 0 unchanged\n")
    assert main(args) == 0
    assert "fcr_capacity: 0 added, 0 revised, 192 unchanged" in capsys.readouterr().out
    monkeypatch.setenv("RTECAP_MARKET_ARCHIVE", str(store))  # the default store
    assert main(["market", "report"]) == 0
    report = capsys.readouterr().out
    assert "fcr_capacity" in report and "192" in report
    assert main(["market", "collect", "--endpoint", "balancing_energy"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "repeats the rows of afrr_energy, mfrr_energy" in err
    monkeypatch.delenv("RTECAP_MARKET_TOKEN")
    assert main(["market", "collect"]) == 3
    assert "RTECAP_MARKET_TOKEN" in capsys.readouterr().err
    assert main(["market", "report", "--store", str(tmp_path / "nowhere")]) == 1
    assert "not an rtecap market archive" in capsys.readouterr().err
