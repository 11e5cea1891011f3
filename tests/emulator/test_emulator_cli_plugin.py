"""The ``serve`` command (add_arguments/run) and the pytest plugin's fixtures."""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from datetime import date

import pytest
import requests

from rtecap.emulator import cli

SERVE = """
import argparse, sys
from rtecap.emulator import cli
parser = argparse.ArgumentParser()
cli.add_arguments(parser)
sys.exit(cli.run(parser.parse_args(sys.argv[1:])))
"""


def test_serve_prints_url_and_credentials_and_stops_on_ctrl_c():
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "--port", "0", "--today", "2015-10-30", "--rate-limit",
         "50/s"], stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        lines = [process.stdout.readline()]
        while not lines[-1].startswith("Press Ctrl-C"):
            lines.append(process.stdout.readline())
        url = lines[0].split()[4]
        client_id, secret = (line.strip().split("=", 1)[1] for line in lines[2:4])
        token = requests.post(url + "/token/oauth/", auth=(client_id, secret), timeout=10,
                              data={"grant_type": "client_credentials"})
        assert token.status_code == 200
        assert "2015-10-30" in lines[0] and "curl" in "".join(lines)
    finally:
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)
    assert process.returncode == 0
    assert "stopped" in out


def test_rate_option():
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    assert parser.parse_args([]).rate_limit is None
    assert parser.parse_args(["--rate-limit", "2.5/s"]).rate_limit == 2.5
    for bad in ("0", "-1/s", "fast"):
        with pytest.raises(argparse.ArgumentTypeError):
            cli.rate(bad)


def test_plugin_defaults_are_reproducible(rte_emulator):
    assert rte_emulator.today == date(2026, 11, 23)
    assert (rte_emulator.fault_rate, rte_emulator.rate_limit, rte_emulator.requests_total) == (
        0.0, None, 0)
    rte_emulator.today = "2015-10-30"
    rte_emulator.fault_rate = 0.5  # put back for the next test by the fixture


def test_plugin_resets_between_tests(rte_emulator):
    assert rte_emulator.today == date(2026, 11, 23) and rte_emulator.fault_rate == 0.0


def test_factory_settings(rte_emulator_factory, rte_emulator):
    server = rte_emulator_factory(today="2020-05-05", seed=9, token_lifetime=60)
    assert server.port != rte_emulator.port
    assert (server.today, server.seed, server.token_lifetime) == (date(2020, 5, 5), 9, 60)


def test_serve_options_of_issue_11():
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    args = parser.parse_args([])
    assert (args.token_lifetime, args.strict, args.no_data_404, args.alt_spellings) == (
        7200.0, False, False, False)
    args = parser.parse_args(["--strict", "--no-data-404", "--alt-spellings"])
    assert args.strict and args.no_data_404 and args.alt_spellings


@pytest.mark.parametrize("round", [1, 2])
def test_plugin_resets_the_new_knobs(rte_emulator, round):
    assert rte_emulator.token_lifetime == 7200 and not rte_emulator.strict
    assert rte_emulator.unsubscribed == frozenset() and not rte_emulator.no_data_404
    assert not rte_emulator.alt_spellings
    rte_emulator.strict, rte_emulator.no_data_404, rte_emulator.alt_spellings = True, True, True
    rte_emulator.unsubscribed, rte_emulator.token_lifetime = {rte_emulator.client_id}, 5
