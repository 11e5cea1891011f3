"""rtecap.rules against the guide: every §5.1 call example, enums, de-duplication, chunking."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
from guide_examples import GUIDE_EXAMPLES, GUIDE_TODAY, P

from rtecap import mappings as m
from rtecap import rules
from rtecap.exceptions import RteValidationError


def _call(url: str, today: str):
    parts = urlsplit(url.replace(" ", ""))
    resource = parts.path.rsplit("/", 1)[-1]
    return rules.validate_params(resource, dict(parse_qsl(parts.query)), today=today)


@pytest.mark.parametrize(("url", "code", "today"), GUIDE_EXAMPLES,
                         ids=[c for _, c, _ in GUIDE_EXAMPLES])
def test_guide_call_examples(url, code, today):
    with pytest.raises(RteValidationError) as info:
        _call(url, today)
    assert info.value.code == code
    assert info.value.message.startswith(m.error_message(code))
    assert isinstance(info.value, ValueError)


def test_guide_resource_url_examples_are_valid():
    """The "Resource URL" examples of §4.x are accepted (on a date when they were current)."""
    ok = [
        P + "capacities_per_production_type?start_date=2015-01-01T00:00:00%2B01:00"
        "&end_date=2016-01-01T00:00:00%2B01:00&production_type=OTHER_RENEWABLE",
        P + "capacities_per_production_unit?start_date=2023-02-01T00:00:00%2B01:00"
        "&end_date=2023-02-14T00:00:00%2B01:00",
        P + "capacities_cpc?start_date=2015-01-01T00:00:00%2B01:00&end_date="
        "2016-01-01T00:00:00%2B01:00&department_code=FR&network_connection=RPT"
        "&production_type=SOLAR,BIOMASS,HYDRO",
    ]
    for url in ok:
        query = _call(url, GUIDE_TODAY)
        assert query.start is not None and query.end > query.start


def test_cppt_first_resource_url_example_is_f03():
    # The §4.1 resource URL asks 2015-01-01 -> 2023-01-14: more than 366 days.
    url = (P + "capacities_per_production_type?start_date=2015-01-01T00:00:00%2B01:00"
           "&end_date=2023-01-14T00:00:00%2B01:00&production_type=OTHER_RENEWABLE")
    with pytest.raises(RteValidationError, match="GENINSCAP_CPPT_F03"):
        _call(url, GUIDE_TODAY)


@pytest.mark.parametrize("resource", [m.CPPT, m.CPPU, m.CPC])
def test_nominal_mode(resource):
    query = rules.validate(resource)
    assert query.start is None and query.end is None and query.params() == {}


@pytest.mark.parametrize(("resource", "prefix"), [(m.CPPT, "CPPT"), (m.CPPU, "CPPU"),
                                                  (m.CPC, "CCPC")])
def test_f01_either_date_alone(resource, prefix):
    for kwargs in ({"start_date": "2023-01-01"}, {"end_date": "2023-01-01"}):
        with pytest.raises(RteValidationError) as info:
            rules.validate(resource, **kwargs)
        assert info.value.code == f"GENINSCAP_{prefix}_F01"


def test_f02_start_equal_end_is_f05_not_f02():
    with pytest.raises(RteValidationError, match="F05"):
        rules.validate(m.CPPU, "2023-02-01", "2023-02-01", today=GUIDE_TODAY)


def test_f03_boundary_366_days():
    rules.validate(m.CPPU, "2023-02-01", "2024-02-02", today=GUIDE_TODAY)  # 366 days
    with pytest.raises(RteValidationError, match="F03"):
        rules.validate(m.CPPU, "2023-02-01", "2024-02-02T00:00:01", today=GUIDE_TODAY)
    rules.validate(m.CPPU, "2023-02-01", "2025-02-01", today=GUIDE_TODAY, chunked=True)


def test_f04_boundaries():
    rules.validate(m.CPPT, "2025-01-01", "2026-01-01", today="2025-12-31")
    with pytest.raises(RteValidationError, match="CPPT_F04"):
        rules.validate(m.CPPT, "2025-01-01", "2026-01-01T00:00:01", today="2025-12-31")
    rules.validate(m.CPC, "2025-06-01", "2025-06-16", today="2025-06-15")  # D+1 allowed
    with pytest.raises(RteValidationError, match="CCPC_F04"):
        rules.validate(m.CPC, "2025-06-01", "2025-06-16T00:00:01", today="2025-06-15")


def test_f05_cppt_needs_a_calendar_year():
    rules.validate(m.CPPT, "2016-03-01", "2017-03-01", today=GUIDE_TODAY)
    with pytest.raises(RteValidationError, match="CPPT_F05"):
        rules.validate(m.CPPT, "2016-03-01", "2017-02-28T23:59:59", today=GUIDE_TODAY)


@pytest.mark.parametrize("bad", ["2023-02-30", "tomorrow", 20230201, True, ""])
def test_f06_not_a_date(bad):
    with pytest.raises(RteValidationError, match="F06"):
        rules.validate(m.CPC, bad, "2023-03-01", today=GUIDE_TODAY)


@pytest.mark.parametrize(
    ("value", "words", "offsets"),
    [("2023-03-26T02:30:00", "does not exist", ["2023-03-26T02:30:00+01:00"]),
     ("2023-10-29 02:30", "happens twice",
      ["2023-10-29T02:30:00+02:00", "2023-10-29T02:30:00+01:00"])],
)
def test_dst_gap_and_fold_in_plain_words(value, words, offsets):
    with pytest.raises(RteValidationError) as info:
        rules.validate(m.CPC, value, "2023-11-28", today=GUIDE_TODAY)
    text = str(info.value)
    assert words in text and "Europe/Paris" in text and repr(value) in text
    assert all(o in text for o in offsets)
    assert info.value.code is None and "F06" not in text and "ambiguous=" not in text
    for offset in offsets:  # the forms the message proposes are accepted
        rules.to_timestamp(offset)


@pytest.mark.parametrize(
    "value",
    ["2023-07-01", "2023-07-01T00:00:00+02:00", "2023-06-30T22:00:00Z", date(2023, 7, 1),
     datetime(2023, 7, 1), pd.Timestamp("2023-07-01"),
     pd.Timestamp("2023-06-30 22:00", tz="UTC")],
)
def test_date_types_are_europe_paris(value):
    ts = rules.to_timestamp(value)
    assert str(ts.tz) == m.TZ
    assert ts == pd.Timestamp("2023-07-01", tz=m.TZ)
    assert rules.format_date(ts) == "2023-07-01T00:00:00+02:00"


def test_format_date_winter_and_wire_format():
    text = rules.format_date(rules.to_timestamp("2023-01-01"))
    assert text == "2023-01-01T00:00:00+01:00" and rules.is_wire_date(text)


def test_enum_values_and_deduplication():
    q = rules.validate(m.CPPT, production_type=["NUCLEAR", "SOLAR", "NUCLEAR"])
    assert q.filters["production_type"] == ("NUCLEAR", "SOLAR")  # CPPT-RG07
    q = rules.validate(m.CPC, department_code="FR,FR-2A,FR", network_connection="rpd",
                       production_type=["BIOGAS", "BIOGAZ", "OTHER", "OTHERS"])
    assert q.filters == {"department_code": ("FR", "FR-2A"), "network_connection": ("RPD",),
                         "production_type": ("BIOGAZ", "OTHERS")}  # CCPC-RG10
    assert q.params()["production_type"] == "BIOGAZ,OTHERS"


@pytest.mark.parametrize(
    ("resource", "kwargs"),
    [(m.CPPT, {"production_type": "WIND"}), (m.CPC, {"production_type": "WIND_ONSHORE"}),
     (m.CPC, {"department_code": "FR-20"}), (m.CPC, {"network_connection": "HTA"}),
     (m.CPPU, {"production_type": "NUCLEAR"}), (m.CPPT, {"department_code": "FR"})],
)
def test_bad_enum_or_parameter(resource, kwargs):
    with pytest.raises(RteValidationError) as info:
        rules.validate(resource, **kwargs)
    assert info.value.code is None and info.value.parameter in kwargs


def test_enum_sizes():
    assert len(m.PRODUCTION_TYPES) == 20 and len(set(m.PRODUCTION_TYPES)) == 20
    assert len(m.CPC_PRODUCTION_TYPES) == 9
    assert {"FR", "FR-01", "FR-95", "FR-2A", "FR-2B", "FR-971", "FR-976"} <= set(
        m.DEPARTMENT_CODES)
    assert "FR-20" not in m.DEPARTMENT_CODES


def test_before_first_date_with_data():
    with pytest.raises(RteValidationError, match="no data before 2015-02-09"):
        rules.validate(m.CPC, "2015-01-01", "2015-02-09", today=GUIDE_TODAY)


def test_unknown_resource_and_parameter():
    with pytest.raises(ValueError, match="unknown resource"):
        rules.validate("capacities")
    with pytest.raises(RteValidationError, match="no parameter foo"):
        rules.validate_params(m.CPPT, {"foo": "1"})


# ---------------------------------------------------------------- split
def _check_pieces(resource, pieces, start, end):
    assert pieces[0][0] == start and pieces[-1][1] == end
    for (_, b), (c, _) in zip(pieces[:-1], pieces[1:], strict=True):
        assert b == c  # contiguous: no gap, no overlap
    for a, b in pieces:
        rules.validate(resource, a, b, today="2030-01-01")  # every piece is a valid call


@pytest.mark.parametrize(
    ("resource", "start", "end"),
    [
        (m.CPPU, "1935-01-01", "2026-01-01"),
        (m.CPPU, "2020-03-29", "2023-10-29"),          # DST days at both ends
        (m.CPPU, "2023-12-31T12:00", "2025-01-01"),    # short head merged
        (m.CPPU, "2024-01-01", "2025-01-01T05:00"),    # leap year + a few hours
        (m.CPC, "2015-02-09", "2026-11-24"),
        (m.CPC, "2019-10-27T01:00", "2021-03-28T04:00"),
        (m.CPPT, "2015-01-01", "2027-01-01"),
    ],
)
def test_split_union_is_period(resource, start, end):
    start, end = rules.to_timestamp(start), rules.to_timestamp(end)
    pieces = rules.split(resource, start, end)
    _check_pieces(resource, pieces, start, end)


def test_split_cppt_calendar_years_across_dst():
    pieces = rules.split(m.CPPT, "2016-03-27", "2018-10-28")
    assert [(a.isoformat(), b.year) for a, b in pieces] == [
        ("2016-01-01T00:00:00+01:00", 2017), ("2017-01-01T00:00:00+01:00", 2018),
        ("2018-01-01T00:00:00+01:00", 2019)]
    assert all(b == pd.Timestamp(b.year, 1, 1, tz=m.TZ) for _, b in pieces)


def test_split_clips_to_first_date_and_counts():
    pieces = rules.split(m.CPPU, "1900-01-01", "2026-01-01")
    assert pieces[0][0] == pd.Timestamp("1935-01-01", tz=m.TZ)
    assert len(pieces) == 91
    assert rules.split(m.CPC, "2010-01-01", "2015-01-01") == []


def test_split_pieces_at_local_midnight_of_jan_1():
    for a, _ in rules.split(m.CPC, "2015-02-09", "2020-01-01")[1:]:
        assert (a.month, a.day, a.hour) == (1, 1, 0)
