"""The rtecap command: demo, fetch, plot (serve is tested with the emulator)."""

from __future__ import annotations

import pandas as pd
import pytest

import rtecap
from rtecap import mappings as m
from rtecap.cli import main
from rtecap.datasets import load_national_capacities
from rtecap.emulator import serve
from rtecap.saved import read_frame

TODAY = "2026-11-23"


@pytest.fixture
def emulator_env(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TQDM_DISABLE", "1")
    with serve(today=TODAY) as srv:
        monkeypatch.setenv("RTE_CLIENT_ID", srv.client_id)
        monkeypatch.setenv("RTE_CLIENT_SECRET", srv.client_secret)
        yield srv


def test_demo_offline_table(tmp_path, capsys):
    assert main(["demo", "--no-api", "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "wind" in out and "change_pct_2015_2023" in out
    table = pd.read_csv(tmp_path / "national_capacity_by_sector.csv", index_col=0)
    odre = load_national_capacities()
    wind = odre[(odre["sector"] == "wind")]["capacity_mw"]
    assert table.loc["wind", "2023"] == pytest.approx(wind[wind.index.year == 2023].iloc[0])
    first = table.loc["total", "2015"]
    assert table.loc["total", "change_mw_2015_2023"] == pytest.approx(
        table.loc["total", "2023"] - first)
    assert table.loc["solar", "change_pct_2015_2023"] == pytest.approx(
        100 * (table.loc["solar", "2023"] / table.loc["solar", "2015"] - 1))


def test_demo_french_labels(tmp_path, capsys):
    assert main(["demo", "--no-api", "--lang", "fr", "-o", str(tmp_path)]) == 0
    assert "éolien" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_fetch_writes_the_tidy_frame(emulator_env, tmp_path, suffix):
    target = tmp_path / f"cppt{suffix}"
    code = main(["fetch", "cppt", "--start-date", "2015-01-01", "--end-date", "2018-01-01",
                 "--production-type", "NUCLEAR,SOLAR", "--base-url", emulator_env.url,
                 "-o", str(target)])
    assert code == 0
    saved = read_frame(target)
    client = rtecap.Client(base_url=emulator_env.url, cache=False, today=TODAY)
    direct = rtecap.get_capacities_per_production_type(
        "2015-01-01", "2018-01-01", production_type="NUCLEAR,SOLAR", client=client)
    pd.testing.assert_frame_equal(saved, direct, check_categorical=False, check_dtype=False,
                                  check_index_type=False)
    assert len(saved) == 6


def test_fetch_prints_the_guides_error(emulator_env, tmp_path, capsys):
    code = main(["fetch", "cpc", "--start-date", "2023-02-16", "--end-date", "2023-02-14",
                 "--base-url", emulator_env.url, "-o", str(tmp_path / "x.csv")])
    assert code == 1
    err = capsys.readouterr().err
    assert "GENINSCAP_CCPC_F02" in err and m.error_message("GENINSCAP_CCPC_F02") in err
    assert not (tmp_path / "x.csv").exists()


def test_fetch_without_credentials(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("RTE_CLIENT_ID", raising=False)
    monkeypatch.delenv("RTE_CLIENT_SECRET", raising=False)
    code = main(["fetch", "cppt", "--base-url", "http://127.0.0.1:9", "--no-cache",
                 "-o", str(tmp_path / "x.csv")])
    assert code == 3 and "RTE_CLIENT_ID" in capsys.readouterr().err


def test_fetch_refuses_unknown_format(tmp_path, capsys):
    assert main(["fetch", "cppt", "-o", str(tmp_path / "x.xlsx")]) == 2


def test_plot_from_saved_file(emulator_env, tmp_path):
    target = tmp_path / "cpc.parquet"
    assert main(["fetch", "cpc", "--start-date", "2025-01-01", "--end-date", "2026-01-01",
                 "--base-url", emulator_env.url, "-o", str(target)]) == 0
    out = tmp_path / "plots"
    assert main(["plot", str(target), "-o", str(out)]) == 0
    png = out / "cpc_departments.png"
    assert png.exists() and png.stat().st_size > 10_000


def test_demo_full_run_over_the_emulator(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["demo", "-o", str(tmp_path), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Full history over HTTP" in out and "max_abs_diff_mw" in out
    for name in ("trend", "mix", "cpc_departments", "station_timeline"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000
    for resource in (m.CPPT, m.CPPU, m.CPC):
        assert len(read_frame(tmp_path / f"{resource}.csv")) > 0


def test_plot_from_the_cache_offline(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TQDM_DISABLE", "1")
    request = ["--start-date", "1990-01-01", "--end-date", "2026-01-01"]
    with serve(today=TODAY) as srv:
        monkeypatch.setenv("RTE_CLIENT_ID", srv.client_id)
        monkeypatch.setenv("RTE_CLIENT_SECRET", srv.client_secret)
        url = srv.url
        assert main(["fetch", "cppu", *request, "--base-url", url,
                     "-o", str(tmp_path / "cppu.csv")]) == 0
    # server stopped: the plot reads the cached answers
    out = tmp_path / "plots"
    assert main(["plot", "--resource", "cppu", *request, "--base-url", url, "--lang", "fr",
                 "-o", str(out)]) == 0
    assert (out / "station_timeline.png").stat().st_size > 10_000
    # a request that was never made is named, with a non-zero exit
    assert main(["plot", "--resource", "cppu", "--start-date", "1980-01-01",
                 "--end-date", "1981-01-01", "--base-url", url, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "not in the cache" in err and len(err.strip().splitlines()) == 1
    assert "[capacities_per_production_unit: call 1/1 (1980-01-01T00:00:00+01:00 -> " in err


def test_plot_needs_a_file_or_a_resource(capsys):
    assert main(["plot"]) == 2


def test_load_saved_cpc_written_before_the_scope_column(tmp_path):
    from frames import small_cpc

    cpc = small_cpc()
    cpc.drop(columns="scope").to_csv(tmp_path / "old.csv")
    back = rtecap.read_csv(tmp_path / "old.csv")
    assert back["scope"].tolist() == cpc["scope"].tolist()
    assert back.rte.kind == m.CPC


# ------------------------------------------------------------------ errors in one line
def test_plot_draws_what_fits_and_names_what_it_skips(emulator_env, tmp_path, capsys):
    target = tmp_path / "cpc.parquet"
    assert main(["fetch", "cpc", "--start-date", "2023-01-01", "--end-date", "2024-01-01",
                 "--department-code", "FR", "--base-url", emulator_env.url,
                 "-o", str(target)]) == 0
    out = tmp_path / "plots"
    assert main(["plot", str(target), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (out / "trend.png").stat().st_size > 10_000
    assert (out / "mix.png").stat().st_size > 10_000
    assert not (out / "cpc_departments.png").exists()
    assert "skipped cpc_departments: no department rows" in printed
    assert "skipped station_timeline:" in printed


@pytest.mark.parametrize(("argv", "status", "words"), [
    (["plot", "missing.parquet"], 1, "no such file: missing.parquet"),
    (["plot", "{csv}"], 1, "not a frame written by rtecap"),
    (["plot", "{dir}/x.txt"], 1, "expected a .parquet or .csv"),
    (["fetch", "cpc", "--department-code", "750", "-o", "{dir}/x.csv"], 1, "FR-75"),
    (["fetch", "cppt", "--production-type", "wind", "-o", "{dir}/x.csv"], 1,
     "did you mean WIND_OFFSHORE, WIND_ONSHORE?"),
    (["fetch", "cppu", "--production-type", "SOLAR", "-o", "{dir}/x.csv"], 1,
     "takes no --production-type"),
    (["fetch", "cppt", "--start-date", "2023-01-01", "--end-date", "2024-01-01",
      "--base-url", "http://127.0.0.1:9", "--no-cache", "-o", "{dir}/x.csv"], 1,
     "connection refused"),
    (["fetch", "cppt", "-o", "{dir}/x.xlsx"], 2, "-o must end with .csv or .parquet"),
    (["fetch", "cppt"], 2, "required: -o/--output"),
    (["fetch", "nope", "-o", "{dir}/x.csv"], 1, "unknown resource 'nope'"),
    ([], 2, "required: COMMAND"),
])
def test_errors_are_one_line_with_a_non_zero_exit(tmp_path, capsys, monkeypatch, argv, status,
                                                  words):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RTE_CLIENT_ID", "id")
    monkeypatch.setenv("RTE_CLIENT_SECRET", "secret")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (tmp_path / "unknown.csv").write_text("a,b\n1,2\n")
    argv = [a.format(csv=tmp_path / "unknown.csv", dir=tmp_path) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    err = capsys.readouterr().err
    assert code == status
    assert words in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(FileNotFoundError):
        main(["plot", str(tmp_path / "missing.parquet"), "--debug"])
    with pytest.raises(FileNotFoundError):
        main(["--debug", "plot", str(tmp_path / "missing.parquet")])


def test_ctrl_c_is_one_line_and_status_130(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr("rtecap.cli.cmd_demo", interrupted)
    assert main(["demo", "--no-api"]) == 130
    assert "interrupted" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["fetch"], ["plot"]])
def test_help_names_the_date_format_and_the_environment(command, capsys):
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    text = capsys.readouterr().out
    for word in ("ISO 8601", "2023-01-01", "Europe/Paris", "RTE_CLIENT_ID", "RTE_CLIENT_SECRET",
                 "RTE_BASE_URL", "RTECAP_OFFLINE", "--debug"):
        assert word in text, word


def test_fetch_raw_answers_read_back_to_the_same_frame(emulator_env, tmp_path, capsys):
    raw = tmp_path / "answers" / "cpc.json"
    target = tmp_path / "cpc.parquet"
    assert main(["fetch", "cpc", "--start-date", "2023-01-01", "--end-date", "2025-01-01",
                 "--department-code", "FR,75", "--base-url", emulator_env.url,
                 "-o", str(target), "--raw", str(raw)]) == 0
    fetched = pd.read_parquet(target)
    again = rtecap.read_capacities_cpc(raw)
    pd.testing.assert_frame_equal(again, fetched)
    assert set(fetched["department_code"]) == {"FR", "FR-75"}
    assert f"read_capacities_cpc('{raw}')" in capsys.readouterr().out
