"""Strategies and outcomes of the parity test: ``rules.validate_params`` against the emulator.

Parameter sets are drawn around the places where two readings of the guide could part:
dates in every accepted and rejected form, the F03/F04/F05 boundaries across the DST changes
and 29 February, ``today`` on either side of the F04 limit, enum values in any case, lists
with duplicates and empty items, unknown parameters, empty values.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from rtecap import mappings as m
from rtecap import rules
from rtecap.emulator.checks import InvalidRequest, RuleViolation, parse_query
from rtecap.exceptions import RteValidationError

PARIS = ZoneInfo(m.TZ)
ENUMS = {
    m.CPPT: {"production_type": m.PRODUCTION_TYPES},
    m.CPPU: {},
    m.CPC: {"department_code": m.DEPARTMENT_CODES, "network_connection": m.NETWORKS,
            "production_type": m.CPC_PRODUCTION_TYPES},
}
ALL_LISTS = ("production_type", "department_code", "network_connection")


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _anchors() -> list[datetime]:
    """Wall times where the rules turn: DST changes, 1 January, 29 February, first dates."""
    out = []
    for year in range(2014, 2029):
        for month in (3, 10):
            day = _last_sunday(year, month)
            out += [datetime(day.year, day.month, day.day, h, mi) for h, mi in
                    ((0, 0), (1, 59), (2, 0), (2, 30), (3, 0), (12, 0), (23, 0))]
        out += [datetime(year, 1, 1), datetime(year, 12, 31, 23, 59, 59), datetime(year, 2, 28),
                datetime(year, 3, 1)]
        if year % 4 == 0:
            out += [datetime(year, 2, 29), datetime(year, 2, 29, 12)]
    out += [datetime(1935, 1, 1), datetime(2015, 2, 9), datetime(2015, 10, 30),
            datetime(2026, 11, 23), datetime(2026, 11, 24)]
    return out


ANCHORS = _anchors()
walls = st.one_of(
    st.sampled_from(ANCHORS),
    st.datetimes(datetime(1930, 1, 1), datetime(2031, 12, 31)),
)
jitter = st.sampled_from([0, 0, 0, -1, 1, -3600, 3600, 1800]).map(lambda s: timedelta(seconds=s))


def _localise(wall: datetime, fold: int) -> datetime:
    return wall.replace(tzinfo=PARIS, fold=fold).astimezone(UTC)


def _fmt(instant: datetime, offset_minutes: int | None) -> str:
    """Write an instant as ``...±hh:mm`` in Paris time (None) or at a fixed offset."""
    zone = PARIS if offset_minutes is None else timezone(timedelta(minutes=offset_minutes))
    text = instant.astimezone(zone).strftime("%Y-%m-%dT%H:%M:%S%z")
    return text[:-2] + ":" + text[-2:]


@st.composite
def wire_text(draw, instant: datetime) -> str:
    """An instant written in an accepted form: Paris offset, ``Z``, any other offset."""
    form = draw(st.sampled_from(["paris", "paris", "z", "offset", "minus-zero"]))
    if form == "z":
        return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if form == "offset":
        return _fmt(instant, draw(st.integers(-23 * 60 - 59, 23 * 60 + 59)))
    if form == "minus-zero":
        return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S-00:00")
    return _fmt(instant, None)


BAD_DATES = st.sampled_from([
    "2023-02-01", "2023-02-01T00:00+01:00", "2023-02-01T00:00:00.000+01:00",
    "2023-02-01 00:00:00+01:00", "2023-02-01T00:00:00z", "2023-02-01T00:00:00+0100",
    "2023-02-01T00:00:00+01", "2023-02-30T00:00:00+01:00", "2023-02-01T24:00:00+01:00",
    "2023-02-01T00:60:00+01:00", "2023-02-01T00:00:60+01:00", "2023-02-01T00:00:00+24:00",
    "2023-02-01T00:00:00+01:60", "2023-02-01T00:00:00+01:00\n", " 2023-02-01T00:00:00+01:00",
    "٢٠٢٣-02-01T00:00:00+01:00", "0999-02-01T00:00:00+01:00", "9001-02-01T00:00:00+01:00",
    "2023-13-01T00:00:00+01:00", "2023-02-01T00:00:00 01:00", "nonsense", "2023-02-01T00:00:00",
    "2023-02-01T00:00:00Z+01:00", "20230201T000000Z",
])  # fmt: skip


@st.composite
def periods(draw) -> tuple[str | None, str | None, date]:
    """(start text, end text, today) around the rules' boundaries."""
    start = _localise(draw(walls), draw(st.integers(0, 1))) + draw(jitter)
    kind = draw(st.sampled_from(["days", "days", "years", "seconds", "free"]))
    wall = start.astimezone(PARIS).replace(tzinfo=None)
    if kind == "days":
        n = draw(st.sampled_from([0, 1, 1, 2, 365, 366, 366, 367, -1, 30]))
        end = _localise(wall + timedelta(days=n), draw(st.integers(0, 1)))
    elif kind == "years":
        day = 28 if (wall.month, wall.day) == (2, 29) else wall.day
        end = _localise(wall.replace(year=wall.year + 1, day=day), draw(st.integers(0, 1)))
    elif kind == "seconds":
        end = start + timedelta(seconds=draw(st.integers(-86_400, 400 * 86_400)))
    else:
        end = _localise(draw(walls), 0)
    end += draw(jitter)
    start_text = draw(st.one_of(wire_text(start), BAD_DATES)
                      if draw(st.integers(0, 9)) == 0 else wire_text(start))
    end_text = draw(st.one_of(wire_text(end), BAD_DATES)
                    if draw(st.integers(0, 9)) == 0 else wire_text(end))
    end_day = end.astimezone(PARIS).date()
    today = draw(st.one_of(
        st.sampled_from([end_day + timedelta(days=d) for d in (-2, -1, 0, 1)]),
        st.sampled_from([date(end_day.year - 1, 12, 31), date(end_day.year, 1, 1),
                         date(end_day.year - 1, 1, 1)]),
        st.dates(date(2015, 1, 1), date(2030, 12, 31)),
    ))
    presence = draw(st.sampled_from(["both"] * 7 + ["start", "end", "none", "empty"]))
    if presence == "start":
        end_text = draw(st.sampled_from([None, ""]))
    elif presence == "end":
        start_text = draw(st.sampled_from([None, ""]))
    elif presence == "none":
        start_text = end_text = None
    elif presence == "empty":
        start_text, end_text = "", draw(st.sampled_from(["", None]))
    return start_text, end_text, today


@st.composite
def list_value(draw, enum: tuple[str, ...]) -> str:
    """A comma-separated list: enum values in any case, aliases, duplicates, empty items."""
    pool = [*enum, "BIOGAS", "OTHER", "NOPE", "FR-20", "RPX", ""]
    items = draw(st.lists(st.sampled_from(pool), min_size=0, max_size=5))
    cased = [draw(st.sampled_from([item, item, item.lower(), item.title(), f" {item} "]))
             for item in items]
    return ",".join(cased)


@st.composite
def parameter_sets(draw, resource: str) -> tuple[dict[str, str], date]:
    """One query string (decoded, as a dict) and the day of the call."""
    start, end, today = draw(periods())
    params: dict[str, str] = {}
    if start is not None:
        params[draw(st.sampled_from(["start_date", "start_date", " start_date"]))] = start
    if end is not None:
        params["end_date"] = end
    for name in ALL_LISTS:
        if draw(st.integers(0, 2)) == 0:
            enum = ENUMS[resource].get(name) or m.CPC_PRODUCTION_TYPES
            params[name] = draw(list_value(enum))
    if draw(st.integers(0, 9)) == 0:
        params[draw(st.sampled_from(["foo", "productiontype", "start"]))] = "1"
    return params, today


# ------------------------------------------------------------------ the two outcomes
def strict_kw(strict: bool) -> dict:
    """``strict=True`` only when asked (so the default call is the plain one)."""
    return {"strict": True} if strict else {}


def server_outcome(resource: str, params: dict[str, str], today: date, strict: bool = False):
    """("reject", code or None) or ("accept", (start, end, filters)) from the emulator."""
    try:
        query = parse_query(resource, list(params.items()), today, **strict_kw(strict))
    except RuleViolation as error:
        return "reject", error.code
    except InvalidRequest:
        return "reject", None
    start = None if query.start is None else query.start.astimezone(UTC)
    end = None if query.end is None else query.end.astimezone(UTC)
    return "accept", (start, end, dict(query.filters))


def rules_outcome(resource: str, params: dict[str, str], today: date, strict: bool = False):
    """The same from ``rtecap.rules.validate_params``."""
    try:
        query = rules.validate_params(resource, params, today=today, **strict_kw(strict))
    except RteValidationError as error:
        return "reject", error.code
    start = None if query.start is None else query.start.to_pydatetime().astimezone(UTC)
    end = None if query.end is None else query.end.to_pydatetime().astimezone(UTC)
    return "accept", (start, end, {k: v for k, v in query.filters.items() if v})


def known_names(resource: str) -> set[str]:
    """Parameter names a resource takes (the others the server ignores)."""
    return {"start_date", "end_date", *ENUMS[resource]}
