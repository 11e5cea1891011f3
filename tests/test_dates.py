"""rtecap.dates: dates given by a user, read strictly (rules, loaders, accessor, plots, CLI)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import frames as F
import pandas as pd
import pytest

import rtecap
from rtecap import mappings as m
from rtecap import ops, rules
from rtecap.cli import main
from rtecap.dates import parse_date
from rtecap.exceptions import RteValidationError

TODAY = "2026-11-23"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-02-01", "2020-02-01 00:00"),
        ("2020-02-01T06:30", "2020-02-01 06:30"),
        ("2020-02-01 06:30:15", "2020-02-01 06:30:15"),
        ("2020-02-01T06:30:15.250", "2020-02-01 06:30:15.250"),
        ("2020-02-01T05:30:00Z", "2020-02-01 06:30"),
        ("2020-07-01T00:00:00+02:00", "2020-07-01 00:00"),
        ("2020-06-30T18:00:00-04:00", "2020-07-01 00:00"),
        (date(2020, 2, 1), "2020-02-01 00:00"),
        (datetime(2020, 2, 1, 6, 30), "2020-02-01 06:30"),
        (datetime(2020, 2, 1, 5, 30, tzinfo=UTC), "2020-02-01 06:30"),
        (pd.Timestamp("2020-02-01"), "2020-02-01 00:00"),
        (pd.Timestamp("2020-02-01 05:30", tz="UTC"), "2020-02-01 06:30"),
    ],
)
def test_iso_strings_and_date_objects_are_read(value, expected):
    assert parse_date(value) == pd.Timestamp(expected).tz_localize(m.TZ)
    assert str(parse_date(value).tz) == m.TZ


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("01/02/2020", ["'2020-02-01' for 1 February 2020", "'2020-01-02' for 2 January 2020"]),
        ("13/02/2020", ["'2020-02-13'"]),
        ("2020/02/01", ["'2020-02-01'"]),
        ("01.12.2020", ["'2020-12-01'", "'2020-01-12'"]),
        ("Feb 2020", ["YYYY-MM-DD"]),
        ("20200201", ["YYYY-MM-DD"]),
        ("2020-02", ["YYYY-MM-DD"]),
        ("tomorrow", ["YYYY-MM-DD"]),
        ("", ["YYYY-MM-DD"]),
        (20200201, ["ISO 8601 string"]),
        (True, ["ISO 8601 string"]),
        (pd.NaT, ["ISO 8601 string"]),
    ],
)
def test_anything_else_is_refused_with_the_iso_form(value, shown):
    """Found case: "01/02/2020" was read month-first, "13/02/2020" day-first."""
    with pytest.raises(RteValidationError) as info:
        parse_date(value, "start_date")
    text = str(info.value)
    assert text.startswith(f"start_date={value!r} is not an ISO 8601 date"), text
    assert all(s in text for s in shown), text
    assert info.value.parameter == "start_date"


def test_not_a_calendar_date():
    with pytest.raises(RteValidationError, match="not a calendar date"):
        parse_date("2023-02-30")


def test_validate_never_guesses_day_or_month_first():
    """Found case: validate("capacities_cpc", "01/02/2020", "01/12/2020") gave 2 -> 12 January."""
    with pytest.raises(RteValidationError) as info:
        rules.validate("capacities_cpc", "01/02/2020", "01/12/2020", today=TODAY)
    assert info.value.code == "GENINSCAP_CCPC_F06"
    assert "'2020-02-01' for 1 February 2020" in str(info.value)
    with pytest.raises(RteValidationError, match="'2020-02-13'"):
        rules.validate("capacities_cpc", "2020-01-01", "13/02/2020", today=TODAY)
    query = rules.validate("capacities_cpc", "2020-02-01", "2020-12-01", today=TODAY)
    assert (query.start.month, query.end.month) == (2, 12)


def test_get_refuses_before_any_call(rte_emulator):
    client = rtecap.Client(rte_emulator.client_id, rte_emulator.client_secret, rte_emulator.url,
                           cache=False, today=rte_emulator.today)
    with pytest.raises(RteValidationError, match="F06"):
        rtecap.get_capacities_cpc("01/02/2020", "01/12/2020", client=client)
    assert sum(rte_emulator.counts.values()) == 0


def test_accessor_and_plots_read_dates_strictly():
    """Found case: df.rte.in_operation("01/06/2020") was read as 6 January."""
    units = F.small_cppu()
    with pytest.raises(RteValidationError, match="'2020-06-01' for 1 June 2020"):
        units.rte.in_operation("01/06/2020")
    pd.testing.assert_frame_equal(units.rte.in_operation(date(2020, 6, 1)),
                                  units.rte.in_operation("2020-06-01"))
    with pytest.raises(RteValidationError, match="does not exist in Europe/Paris"):
        ops.in_operation(units, "2021-03-28T02:30")
    with pytest.raises(RteValidationError, match="not an ISO 8601 date"):
        rtecap.plotting.plot_departments(F.small_cpc(), at="Feb 2023")


@pytest.mark.parametrize(
    ("value", "words"),
    [("2021-03-28T02:30", "does not exist"), ("2021-10-31T02:30", "happens twice")],
)
def test_dst_errors_name_the_problem_and_the_fix(value, words):
    with pytest.raises(RteValidationError) as info:
        ops.in_operation(F.small_cppu(), value)
    text = str(info.value)
    assert words in text and "daylight saving" in text and "+01:00" in text
    assert "nonexistent" not in text and "ambiguous=" not in text  # no pandas hint


def test_cli_refuses_a_french_date_in_one_line(monkeypatch, tmp_path, capsys, rte_emulator):
    """Found case: rtecap fetch --start-date 01/02/2020 fetched 2 January."""
    monkeypatch.setenv("RTE_CLIENT_ID", rte_emulator.client_id)
    monkeypatch.setenv("RTE_CLIENT_SECRET", rte_emulator.client_secret)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code = main(["fetch", "cpc", "--start-date", "01/02/2020", "--end-date", "2020-12-01",
                 "--base-url", rte_emulator.url, "-o", str(tmp_path / "x.csv")])
    err = capsys.readouterr().err
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "GENINSCAP_CCPC_F06" in err and "'2020-02-01' for 1 February 2020" in err
    assert sum(rte_emulator.counts.values()) == 0 and not (tmp_path / "x.csv").exists()


def test_aware_datetime_of_any_zone_is_converted():
    ts = parse_date(datetime(2023, 3, 26, 1, 30, tzinfo=timezone(timedelta(hours=-5))))
    assert ts == pd.Timestamp("2023-03-26 08:30", tz=m.TZ)
