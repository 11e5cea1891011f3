"""The fast path (msgspec, vectorised dates, sort by key refinement) against the parser it
replaced: on generated payloads of every spelling the parsers accept, and on the emulator's
answers in both spellings, ``read_*`` from bytes gives the frame, the set-aside rows, the
warnings and the errors that json.loads + the dict parser of 8f908c3 (pandas' own date parsing,
``drop_exact_duplicates`` then ``sort_values``) gives."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rtecap
from rtecap import mappings as m
from rtecap import parsers, registry
from rtecap.datasets import sample_path
from rtecap.emulator.spellings import respell
from rtecap.parsers import _fast, _frame, _payload


# --------------------------------------------------------------------------- the old parser
def _old_times(values, name):
    codes, distinct = _payload._factorize(values, name)
    try:
        utc = pd.DatetimeIndex(pd.to_datetime(distinct, utc=True, format="ISO8601"))
    except (ValueError, TypeError) as err:
        raise rtecap.exceptions.ResponseError(f"{name}: not an ISO 8601 date ({err})") from err
    local = utc.tz_convert(m.TZ).as_unit(_payload.TIME_UNIT)
    return local.take(codes, allow_fill=True, fill_value=pd.NaT)


def _old_sort(df, order):
    flat = df.reset_index()
    order = list(order)
    named = {name for name, _, _ in order}
    order += [(name, True, None) for name in flat.columns if name not in named]
    keys = {}
    for i, (name, _, how) in enumerate(order):
        values = flat[name]
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.codes.to_numpy()
            if how == "alpha":
                rank = np.argsort(np.argsort(np.asarray(values.cat.categories, dtype=str),
                                             kind="stable"))
                codes = np.where(codes >= 0, rank[codes.clip(0)], -1)
            values = pd.Series(np.where(codes >= 0, codes, np.nan))
        keys[i] = values
    keys = pd.DataFrame(keys)
    if keys.empty:
        return df
    ascending = [asc for _, asc, _ in order]
    return df.iloc[keys.sort_values(list(keys), ascending=ascending,
                                    na_position="last").index.to_numpy()]


def _old_sort_unique(df, order):
    return _old_sort(_frame.drop_exact_duplicates(df), order)


def _old_scopes(department_code):
    codes = np.asarray(department_code, dtype=object)
    national = np.array([c == "FR" for c in codes], dtype=bool)
    values = np.where(pd.isna(codes), np.array(None, dtype=object),
                      np.where(national, "national", "department"))
    return pd.Categorical(values, categories=m.SCOPES)


def _old(resource, data, **options):
    """json.loads, then the dict parser with the pieces it had at 8f908c3."""
    with pytest.MonkeyPatch.context() as patch:
        for module in (parsers, _fast):
            patch.setattr(module, "times", _old_times)
            patch.setattr(module, "scopes", _old_scopes)
        patch.setattr(_frame, "sort_unique", _old_sort_unique)
        patch.setattr(parsers, "_fast_objects", lambda *args: None)
        payload = json.loads(data.decode("utf-8-sig").lstrip("\ufeff"))
        return registry.get(resource).parse(payload, **options)


def _outcome(parse, resource, data, **options):
    """(frame, set aside, warnings) or the error's type."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame, aside = parse(resource, data, return_undated=True, **options)
        except rtecap.exceptions.RteError as err:
            return type(err)
    return frame, aside, sorted(str(w.message) for w in caught)


def _same(resource, data, **options):
    old = _outcome(_old, resource, data, **options)
    new = _outcome(parsers.parse_json, resource, data, **options)
    decoded = _outcome(parsers.parse, resource, json.loads(data.decode("utf-8-sig")), **options)
    if isinstance(old, type):
        assert new is old and decoded is old
        return old
    _equal(new, old)
    _equal(decoded, old)
    return new


def _equal(new, old):
    assert not isinstance(new, type), new
    for before, after in zip(old[:2], new[:2], strict=True):
        pd.testing.assert_frame_equal(after, before, check_exact=True)
        assert after.attrs == before.attrs
        assert type(after.index) is type(before.index)
    assert new[2] == old[2]


# --------------------------------------------------------------------------- payloads
DATES = st.sampled_from([
    "2019-08-09T00:00:00+02:00", "2019-08-09T00:00:00+02:00", "2019-01-01T00:00:00+01:00",
    "2018-12-31T23:00:00Z", "2020-02-29T12:30:15-05:30", "2021-03-28T01:00:00Z",
    "2021-10-31T02:30:00+01:00", "2021-10-31T02:30:00+02:00", "2019-08-09T00:00:00.5+02:00",
    "2019-08-09T00:00:00+0200", None,
])
BAD_DATES = st.sampled_from(["2019-02-30T00:00:00+01:00", "2019-08-09T24:00:00+02:00",
                             "yesterday", "2019-08-09T00:00:00Z\u0000", 20190809])
NUMBERS = st.one_of(st.none(), st.integers(0, 5000), st.floats(0, 5000, allow_nan=False),
                    st.sampled_from(["412", True]))
LABELS = st.sampled_from(["NUCLEAR", "SOLAR", "WIND_OFFSHORE", "BIOMASS", "FOO", None])


def _maybe(draw, record, key, strategy, absent=0.2):
    if draw(st.floats(0, 1)) >= absent:
        record[key] = draw(strategy)


@st.composite
def cppu_value(draw, dates=DATES):
    value: dict = {}
    _maybe(draw, value, "start_date", dates)
    _maybe(draw, value, "end_date", dates, absent=0.4)
    _maybe(draw, value, draw(st.sampled_from(["type", "type", "production_type"])), LABELS)
    _maybe(draw, value, draw(st.sampled_from(["installed_capacity"] * 4 + ["value"])), NUMBERS)
    _maybe(draw, value, "voltage_level_connection", NUMBERS)
    _maybe(draw, value, "updated_date", dates)
    return value


@st.composite
def cppu_payload(draw, dates=DATES):
    pool = draw(st.lists(cppu_value(dates), min_size=1, max_size=6))  # repeats make ties
    stations = []
    for _ in range(draw(st.integers(0, 4))):
        unit = {"code_eic": draw(st.sampled_from(["17W1", "17W2", None])),
                "name": draw(st.sampled_from(["Bugey", "Ében", "b", None]))}
        _maybe(draw, unit, "location", st.sampled_from(["France", "Ain"]))
        for key in ("code_eic_producteur", "name_producteur"):
            _maybe(draw, unit, draw(st.sampled_from([key, key, key.capitalize()])),
                   st.just("EDF"))
        station: dict = {"start_date": "2019-01-01T00:00:00+01:00"}
        _maybe(draw, station, "production_unit", st.just(unit), absent=0.1)
        values = draw(st.lists(st.sampled_from(pool), max_size=5))
        shape = draw(st.sampled_from(["list", "list", "list", "one", "none", "absent"]))
        if shape == "list":
            station["values"] = values
        elif shape == "one":
            station[draw(st.sampled_from(["values", "value"]))] = values[0] if values else {}
        elif shape == "none":
            station["values"] = None
        stations.append(station)
    one = draw(st.booleans()) and len(stations) == 1
    return {m.CPPU: stations[0] if one else stations}


@st.composite
def cpc_payload(draw, dates=DATES):
    def record():
        out: dict = {}
        _maybe(draw, out, "updated_date", dates)
        _maybe(draw, out, "department_code", st.sampled_from(["FR", "FR-01", "FR-2A", "XX"]))
        _maybe(draw, out, "network_connection", st.sampled_from(["RPD", "RPT", "OTHER"]))
        _maybe(draw, out, draw(st.sampled_from(["production_type"] * 4 + ["type"])),
               st.sampled_from(["BIOGAZ", "BIOGAS", "SOLAR", "OTHERS", "OTHER", "FOO"]))
        _maybe(draw, out, draw(st.sampled_from(["value"] * 4 + ["values"])),
               st.one_of(st.none(), st.integers(0, 10**6), st.sampled_from([3.0, 2.5])))
        return out

    pool = [record() for _ in range(draw(st.integers(1, 6)))]
    records = draw(st.lists(st.sampled_from(pool), max_size=12))
    return {m.CPC: records[0] if draw(st.booleans()) and len(records) == 1 else records}


def _bytes(payload, draw_bom: bool, provenance: bool) -> bytes:
    if provenance:
        payload = {**payload, "rtecap": {"calls": 3}}
    data = json.dumps(payload, ensure_ascii=False).encode()
    return b"\xef\xbb\xbf" + data if draw_bom else data


SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(cppu_payload(), st.booleans(), st.booleans(), st.sampled_from(["time", "guide"]))
def test_cppu_as_before(payload, bom, provenance, order):
    _same(m.CPPU, _bytes(payload, bom, provenance), order=order)


@SETTINGS
@given(cpc_payload(), st.booleans(), st.booleans(), st.sampled_from(["time", "guide"]))
def test_cpc_as_before(payload, bom, provenance, order):
    _same(m.CPC, _bytes(payload, bom, provenance), order=order)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.one_of(cppu_payload(dates=st.one_of(DATES, BAD_DATES)),
                 cpc_payload(dates=st.one_of(DATES, BAD_DATES))))
def test_bad_dates_as_before(payload):
    _same(next(iter(payload)), _bytes(payload, False, False))


def test_french_names_as_before(payload_path):
    for name in ("cppu_variants.json", "cpc_variants.json", "cpc_bom.json", "cppu_guide.json"):
        resource = m.CPC if name.startswith("cpc") else m.CPPU
        _same(resource, payload_path(name).read_bytes(), lang="fr")


@pytest.mark.parametrize("alt", [False, True], ids=["served", "alt_spellings"])
def test_emulator_answers_as_before(rte_emulator, alt):
    """Full histories as the emulator answers them, in both spellings of the guide."""
    rte_emulator.alt_spellings = alt
    with rtecap.Client(rte_emulator.client_id, rte_emulator.client_secret, rte_emulator.url,
                       cache=False) as client:
        for resource, params in ((m.CPC, {}), (m.CPPU, {
                "start_date": "1990-01-01T00:00:00+01:00",
                "end_date": "1991-01-01T00:00:00+01:00"})):
            answer = client.get_json(resource, params)
            frame = _same(resource, json.dumps(answer).encode())[0]
            assert len(frame) > 10


def test_respelled_samples_as_before():
    for resource in (m.CPC, m.CPPU):
        answer = json.loads(sample_path(resource).read_text(encoding="utf-8"))
        answer.pop("rtecap")
        for payload in (answer, respell(answer)):
            assert len(_same(resource, json.dumps(payload).encode())[0]) > 0


def test_fast_path_taken_for_the_served_spelling_only():
    """The spelling served goes through msgspec; the other one falls back (same frame)."""
    data = sample_path(m.CPC).read_bytes()
    options = {"lang": "en", "order": "time", "return_undated": False}
    assert _fast.parse_bytes(m.CPC, data, **options) is not None
    respelled = json.dumps(respell(json.loads(data))).encode()
    assert _fast.parse_bytes(m.CPC, respelled, **options) is None
    pd.testing.assert_frame_equal(parsers.parse_json("cpc", respelled),
                                  parsers.parse_json("cpc", data))


def test_dates_beyond_the_vectorised_forms_read_by_pandas():
    values = ["2019-08-09T00:00:00+02:00", "2019-08-09T00:00:00.250+02:00", None,
              "1850-06-01T00:00:00Z", "2019-01-01T00:00:00Z"]
    got = _payload.times(values, "start_date")
    assert got.equals(_old_times(values, "start_date"))
    assert str(got.dtype) == "datetime64[us, Europe/Paris]"
    assert got[1] == pd.Timestamp("2019-08-09T00:00:00.25+02:00")
