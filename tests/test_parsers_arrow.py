"""The columnar path (:mod:`rtecap.parsers._arrow`, issue 15) against the checked parser.

It must give the frame the checked path gives, or step aside (``None``): never a frame for a
document the checked path refuses or reads otherwise. Checked on generated payloads of every
spelling (where it mostly steps aside), on payloads of the guide's shape (where it must read
every one), on each thing it must leave to the checked path, and on ``get_*`` over the
emulator (answers read into columns in the worker threads, then one frame).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_parsers_fast import (
    DATES,
    SETTINGS,
    _bytes,
    _equal,
    _old,
    _outcome,
    cpc_payload,
    cppu_payload,
)

import rtecap
from rtecap import mappings as m
from rtecap import parsers, registry
from rtecap._sources import decode_json
from rtecap.emulator import serve
from rtecap.parsers import _arrow

TODAY = "2026-11-23"


def _columnar(resource, data, **options):
    """The columnar path's (frame, set aside, warnings), or None when it steps aside."""
    def parse(resource, data, **kw):
        got = _arrow.parse_bytes(resource, data, lang=kw.pop("lang", "en"),
                                 order=kw.pop("order", "time"), **kw)
        if got is None:
            raise LookupError
        return got

    try:
        return _outcome(parse, resource, data, **options)
    except LookupError:
        return None


def _agrees(resource, data, **options) -> bool:
    """The columnar path reads ``data`` as the checked path does, or steps aside; True
    when it read it."""
    new = _columnar(resource, data, **options)
    if new is None:
        return False
    old = _outcome(_old, resource, data, **options)
    assert not isinstance(old, type), f"read what the checked path refuses ({old.__name__})"
    _equal(new, old)
    return True


@SETTINGS
@given(cppu_payload(), st.booleans(), st.sampled_from(["time", "guide"]))
def test_cppu_reads_as_the_checked_path_or_steps_aside(payload, provenance, order):
    _agrees(m.CPPU, _bytes(payload, False, provenance), order=order)


@SETTINGS
@given(cpc_payload(), st.booleans(), st.sampled_from(["time", "guide"]))
def test_cpc_reads_as_the_checked_path_or_steps_aside(payload, provenance, order):
    _agrees(m.CPC, _bytes(payload, False, provenance), order=order)


# payloads of the guide's shape: every one must take the columnar path
GUIDE_DATES = DATES.filter(lambda d: d is not None and len(d) in (20, 25) and "." not in d)
GUIDE = settings(max_examples=60, deadline=None, derandomize=True)


@st.composite
def guide_cppu(draw):
    stations = []
    for i in range(draw(st.integers(0, 4))):
        unit = {"code_eic": f"17W{i}", "name": draw(st.sampled_from(["Bugey", "Ében"])),
                "location": "Ain"}
        if draw(st.booleans()):
            unit.update(code_eic_producteur="17X", name_producteur="EDF")
        values = [{"start_date": draw(GUIDE_DATES), "end_date": draw(GUIDE_DATES),
                   "type": draw(st.sampled_from(m.PRODUCTION_TYPES)),
                   "installed_capacity": draw(st.one_of(st.integers(0, 5000),
                                                        st.floats(0, 5000))),
                   "voltage_level_connection": 400, "updated_date": draw(GUIDE_DATES)}
                  for _ in range(draw(st.integers(1, 4)))]
        stations.append({"start_date": "2019-01-01T00:00:00+01:00",
                         "end_date": "2020-01-01T00:00:00+01:00",
                         "production_unit": unit, "values": values})
    return {m.CPPU: stations}


@st.composite
def guide_cpc(draw):
    return {m.CPC: [{"updated_date": draw(GUIDE_DATES),
                     "department_code": draw(st.sampled_from(["FR", "FR-01", "FR-2A", "FR-974"])),
                     "network_connection": draw(st.sampled_from(m.NETWORKS)),
                     "production_type": draw(st.sampled_from(m.CPC_PRODUCTION_TYPES)),
                     "value": draw(st.one_of(st.integers(0, 10**9), st.just(12.0)))}
                    for _ in range(draw(st.integers(0, 12)))]}


@GUIDE
@given(st.one_of(guide_cppu(), guide_cpc()), st.sampled_from(["en", "fr"]),
       st.sampled_from(["time", "guide"]))
def test_answers_of_the_guides_shape_take_the_columnar_path(payload, lang, order):
    resource = next(iter(payload))
    assert _agrees(resource, json.dumps(payload, ensure_ascii=False).encode(), lang=lang,
                   order=order)


# --------------------------------------------------------------------------- stepping aside
CPC_OK = {"updated_date": "2020-01-01T00:00:00+01:00", "department_code": "FR",
          "network_connection": "RPD", "production_type": "SOLAR", "value": 7}
VALUE_OK = {"start_date": "2019-01-01T00:00:00+01:00", "type": "NUCLEAR",
            "installed_capacity": 900, "voltage_level_connection": 400,
            "updated_date": "2019-01-01T00:00:00Z"}


def _cpc(**changes):
    return json.dumps({m.CPC: [{**CPC_OK, **changes}]}).encode()


def _cppu(**changes):
    value = {**VALUE_OK, **changes}
    return json.dumps({m.CPPU: [{"production_unit": {"code_eic": "1", "name": "B"},
                                 "values": [value]}]}).encode()


ASIDE = {  # what Arrow would read otherwise, or not at all
    "date without offset (Arrow: UTC)": _cpc(updated_date="2020-01-01T00:00:00"),
    "date without time (Arrow: UTC)": _cpc(updated_date="2020-01-01"),
    "empty date": _cpc(updated_date=""),
    "date as a number": _cpc(updated_date=20200101),
    "offset without colon": _cpc(updated_date="2020-01-01T00:00:00+0100"),
    "lower-case z": _cpc(updated_date="2020-01-01T00:00:00z"),
    "space for T": _cpc(updated_date="2020-01-01 00:00:00Z"),
    "fraction of a second": _cppu(updated_date="2019-01-01T00:00:00.5Z"),
    "year 999": _cppu(start_date="0999-01-01T00:00:00Z"),
    "30 February": _cpc(updated_date="2020-02-30T00:00:00+01:00"),
    "hour 24": _cpc(updated_date="2020-01-01T24:00:00+01:00"),
    "NaN": _cppu().replace(b"900", b"NaN"),
    "Infinity": _cpc().replace(b"7}", b"Infinity}"),
    "not a whole number": _cpc(value=2.5),
    "number as text": _cpc(value="7"),
    "true as a number": _cppu(installed_capacity=True),
    "number as free text": _cppu().replace(b'"code_eic": "1"', b'"code_eic": 1'),
    "unknown label": _cpc(production_type="FOO"),
    "alias spelled": _cpc().replace(b'"production_type"', b'"type"'),
    "key in other case": _cppu().replace(b'"type"', b'"Type"'),
    "repeated top-level key": _cpc()[:-1] + b', "capacities_cpc": []}',
    "repeated record key": _cpc().replace(b'"value": 7', b'"value": 7, "value": 8'),
    "repeated escaped key": _cpc().replace(b'"value": 7', b'"value": 7, "valu\\u0065": 8'),
    "repeated unit key": _cppu().replace(b'"name": "B"', b'"name": "B", "name": "C"'),
    "repeated values key": _cppu().replace(b'"values"', b'"values": [], "values"'),
    "provenance": _cpc()[:-1] + b', "rtecap": {"calls": 1}}',
    "one record, not a list": json.dumps({m.CPC: CPC_OK}).encode(),
    "null list": b'{"capacities_cpc": null}',
    "null record": b'{"capacities_cpc": [null]}',
    "station without values": json.dumps({m.CPPU: [{"production_unit": {}}]}).encode(),
    "station with empty values": _cppu().replace(b'"values": [{', b'"values": [], "v": [{'),
    "two documents": _cpc() + b"\n" + _cpc(),
    "lone surrogate": _cppu().replace(b'"B"', b'"\\ud800 \\udc00"'),
    "not UTF-8": _cppu().replace(b'"B"', b'"\xff"'),
    "cut short": _cpc()[:-5],
}


def _checked(resource, data, **options):
    """The checked path alone: the checked decoder, then the dict parser."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parsers, "_fast_objects", lambda *args: None)
        return registry.get(resource).parse(decode_json(data), **options)


@pytest.mark.parametrize("data", ASIDE.values(), ids=ASIDE.keys())
def test_steps_aside_for_what_it_would_read_otherwise(data):
    resource = m.CPPU if m.CPPU.encode() in data else m.CPC
    assert _arrow.parse_bytes(resource, data, lang="en", order="time",
                              return_undated=False) is None
    checked = _outcome(_checked, resource, data)
    got = _outcome(parsers.parse_json, resource, data)  # read_*: the next paths decide
    if isinstance(checked, type):
        assert got is checked
    else:
        _equal(got, checked)


def test_null_labels_numbers_and_text_read_as_by_the_checked_path():
    for data in (_cpc(production_type=None), _cpc(department_code=None),
                 _cpc(network_connection=None, value=None), _cppu(type=None),
                 _cppu(installed_capacity=None, end_date=None)):
        assert _agrees(m.CPC if m.CPC.encode() in data else m.CPPU, data)
    assert _agrees(m.CPPU, _cppu().replace(b'"name": "B"', b'"name": null'))


def test_undated_rows_are_set_aside_as_by_the_checked_path():
    assert _agrees(m.CPC, _cpc(updated_date=None))  # a placeholder: counted, set aside
    assert _agrees(m.CPPU, _cppu(start_date=None))
    frame, aside, caught = _columnar(m.CPPU, _cppu(start_date=None))
    assert len(frame) == 0 and len(aside) == 1
    assert caught == ["1 capacities_per_production_unit row(s) without start_date set aside "
                      "(not in the frame); pass return_undated=True to get them"]


# --------------------------------------------------------------------------- get_*
@pytest.fixture(scope="module")
def histories():
    """Full histories from the emulator in both spellings, through the columnar path and
    through the checked one (``parse_answers`` replaced)."""
    out = {}
    with serve(port=0, today=TODAY, seed=0) as server:
        for alt in (False, True):
            server.alt_spellings = alt
            client = rtecap.Client(server.client_id, server.client_secret, server.url,
                                   cache=False, today=TODAY)
            for name, args, kwargs in (
                    ("cppu", ("1935-01-01", "2027-01-01"), {}),
                    ("cpc", ("2015-02-09", "2026-11-24"), {}),
                    ("cpc_rg09", ("2020-01-01", "2020-03-01"),
                     {"department_code": ["FR-01", "FR-2A"],
                      "production_type": ["GEOTHERMAL", "WIND"]})):
                loader = getattr(rtecap, f"get_{registry_name(name)}")
                got = []
                for columnar in (True, False):
                    with pytest.MonkeyPatch.context() as patch:
                        if not columnar:
                            patch.setattr(parsers, "parse_answers", lambda *a, **k: None)
                        got.append(loader(*args, client=client, progress=False,
                                          return_undated=True, **kwargs))
                out[name, alt] = got
    return out


def registry_name(name):
    return {"cppu": m.CPPU, "cpc": m.CPC, "cpc_rg09": m.CPC}[name]


@pytest.mark.parametrize("alt", [False, True], ids=["served", "alt_spellings"])
@pytest.mark.parametrize("name", ["cppu", "cpc", "cpc_rg09"])
def test_get_gives_the_frame_of_the_merged_dicts(histories, name, alt):
    (frame, aside), (frame_before, aside_before) = histories[name, alt]
    assert len(frame) > (0 if name == "cpc_rg09" else 300)
    for new, old in ((frame, frame_before), (aside, aside_before)):
        pd.testing.assert_frame_equal(new, old, check_exact=True)
        new_attrs, old_attrs = dict(new.attrs["rtecap"]), dict(old.attrs["rtecap"])
        new_attrs.pop("fetched_at"), old_attrs.pop("fetched_at")
        assert new_attrs == old_attrs
    if name == "cpc_rg09":
        assert frame.attrs["rtecap"]["set_aside"]["placeholders"] == len(aside) > 0


def test_get_reads_the_served_answers_into_columns(rte_emulator, monkeypatch):
    """The emulator's answers (the guide's spelling) do take the columnar path."""
    taken = []
    original = parsers.parse_answers

    def spy(*args, **kwargs):
        taken.append(original(*args, **kwargs))
        return taken[-1]

    monkeypatch.setattr(parsers, "parse_answers", spy)
    client = rtecap.Client(rte_emulator.client_id, rte_emulator.client_secret,
                           rte_emulator.url, cache=False, today=TODAY)
    rtecap.get_capacities_per_production_unit("2018-01-01", "2021-01-01", client=client,
                                              progress=False)
    rtecap.get_capacities_cpc("2019-01-01", "2020-01-01", client=client, progress=False)
    assert len(taken) == 2 and all(frame is not None for frame in taken)


def test_cut_short_answers_are_fetched_again():
    """An answer cut short is not JSON: read into columns or not, it is fetched again."""
    kwargs = {"today": TODAY, "seed": 0}
    with serve(port=0, **kwargs) as clean_server:
        clean = rtecap.get_capacities_per_production_unit(
            "2015-01-01", "2021-01-01", client=rtecap.Client(
                clean_server.client_id, clean_server.client_secret, clean_server.url,
                cache=False, today=TODAY), progress=False)
    with serve(port=0, fault_rate=0.5, faults={"truncate": 1}, **kwargs) as srv:
        srv.reseed(1)
        faulty = rtecap.get_capacities_per_production_unit(
            "2015-01-01", "2021-01-01", client=rtecap.Client(
                srv.client_id, srv.client_secret, srv.url, cache=False, today=TODAY,
                retries=10, backoff_factor=0.01), progress=False)
        assert srv.faults_served.get("truncate", 0) > 0  # some answers were cut short
    pd.testing.assert_frame_equal(clean, faulty)
