"""Repeated keys and the fast path (issue 16): msgspec keeps the last of ``{"value": 1,
"value": 2}``; rtecap never does. A repeated key at any level of a CPPU or CPC answer, however
it is written, is the checked decoder's ResponseError naming the key; valid answers still take
the fast path (:func:`rtecap.parsers._fast.parse_bytes` gives a frame) and give the frame the
checked path gives."""

from __future__ import annotations

import importlib.util
import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from rtecap import io as rio
from rtecap import mappings as m
from rtecap import parsers, registry
from rtecap._sources import decode_json
from rtecap.datasets import sample_path
from rtecap.exceptions import ResponseError
from rtecap.parsers import _fast

OPTIONS = {"lang": "en", "order": "time", "return_undated": False}
READERS = {m.CPPU: rio.read_capacities_per_production_unit, m.CPC: rio.read_capacities_cpc}
HOLE = "@@hole@@"

CPPU_VALUE = {"start_date": "2016-07-15T00:00:00+02:00", "end_date": "2019-01-01T00:00:00+01:00",
              "type": "BIOMASS", "installed_capacity": 150.0, "voltage_level_connection": 225,
              "updated_date": "2016-07-20T17:39:23+02:00"}
CPPU_UNIT = {"code_eic": "17W100P100P8981H", "name": "GARDANNE 4", "location": "France",
             "code_eic_producteur": "17X100A100R7032A", "name_producteur": "GAZELENERGIE"}
CPC_RECORD = {"updated_date": "2020-12-09T00:00:00+01:00", "department_code": "FR",
              "network_connection": "RPD", "production_type": "BIOMASS", "value": 300980}


def _cppu(where: str) -> dict:
    """A CPPU answer of two stations; ``where`` gets a hole (the place of an added key)."""
    value = dict(CPPU_VALUE)
    unit = dict(CPPU_UNIT)
    station = {"start_date": "2020-01-01T00:00:00+01:00",
               "end_date": "2021-01-01T00:00:00+01:00", "production_unit": unit,
               "values": [dict(CPPU_VALUE, type="NUCLEAR"), value]}
    answer = {m.CPPU: [dict(station, production_unit=dict(CPPU_UNIT), values=[dict(CPPU_VALUE)]),
                       station],
              "rtecap": {"resource": m.CPPU, "parameters": {"start_date": "x"}}}
    target = {"top": answer, "station": station, "production_unit": unit, "values": value,
              "provenance": answer["rtecap"]["parameters"]}[where]
    target[HOLE] = 0
    return answer


def _cpc(where: str) -> dict:
    record = dict(CPC_RECORD)
    answer = {m.CPC: [dict(CPC_RECORD, department_code="FR-13"), record],
              "rtecap": {"resource": m.CPC, "parameters": {"updated_date": "x"}}}
    target = {"top": answer, "records": record, "provenance": answer["rtecap"]["parameters"]}
    target[where][HOLE] = 0
    return answer


#: (resource, level, a key of the object at that level).
PLACES = [
    (m.CPPU, "top", m.CPPU), (m.CPPU, "top", "rtecap"),
    (m.CPPU, "station", "start_date"), (m.CPPU, "station", "end_date"),
    (m.CPPU, "station", "production_unit"), (m.CPPU, "station", "values"),
    (m.CPPU, "production_unit", "code_eic"), (m.CPPU, "production_unit", "name_producteur"),
    (m.CPPU, "values", "start_date"), (m.CPPU, "values", "end_date"),
    (m.CPPU, "values", "updated_date"), (m.CPPU, "values", "installed_capacity"),
    (m.CPPU, "values", "type"),
    (m.CPPU, "provenance", "start_date"),
    (m.CPC, "top", m.CPC), (m.CPC, "top", "rtecap"),
    (m.CPC, "records", "value"), (m.CPC, "records", "updated_date"),
    (m.CPC, "records", "production_type"),
    (m.CPC, "provenance", "updated_date"),
]


def _escaped(key: str) -> str:
    """The key with its first letter written as a \\u escape."""
    return f"\\u{ord(key[0]):04x}{key[1:]}"


#: how the second occurrence is written: (key as written, text between key and value).
SPELLINGS = {
    "plain": (lambda k: k, ": "),
    "compact": (lambda k: k, ":"),
    "space_before_colon": (lambda k: k, " : "),
    "newline_before_colon": (lambda k: k, "\n\t:"),
    "escaped": (_escaped, ": "),
    "escaped_all": (lambda k: "".join(f"\\u{ord(c):04X}" for c in k), ":"),
}


def _with_repeat(resource: str, where: str, key: str, spelling: str, same: bool,
                 separators: tuple[str, str] | None) -> bytes:
    answer = (_cppu if resource == m.CPPU else _cpc)(where)
    holder = next(o for o in _objects(answer) if HOLE in o)
    value = holder[key]
    if not same:  # another value of the same type, or null
        value = None if value is not None and not isinstance(value, (dict, list)) else []
    text = json.dumps(answer, separators=separators, ensure_ascii=False)
    write, between = SPELLINGS[spelling]
    hole = json.dumps(HOLE) + (separators[1] if separators else ": ") + "0"
    assert text.count(hole) == 1
    return text.replace(hole, f'"{write(key)}"{between}{json.dumps(value)}').encode()


def _objects(value):
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from _objects(v)


@pytest.mark.parametrize("separators", [None, (",", ":")], ids=["spaced", "compact"])
@pytest.mark.parametrize("same", [True, False], ids=["equal_value", "other_value"])
@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
@pytest.mark.parametrize(("resource", "where", "key"), PLACES,
                         ids=[f"{r[-3:]}-{w}-{k}" for r, w, k in PLACES])
def test_repeated_key_is_refused(resource, where, key, spelling, same, separators):
    data = _with_repeat(resource, where, key, spelling, same, separators)
    assert json.loads(data)  # valid JSON: json.loads would keep the last value silently
    assert _fast.parse_bytes(resource, data, **OPTIONS) is None
    said = f"the key {key!r} appears twice in one object"
    for source in (data, b"\xef\xbb\xbf" + data):
        with pytest.raises(ResponseError, match=re.escape(said)):
            READERS[resource](source)
        with pytest.raises(ResponseError, match=re.escape(said)):
            parsers.parse_json(resource, source)


@pytest.mark.parametrize("resource", [m.CPPU, m.CPC])
def test_the_same_place_without_a_repeat_takes_the_fast_path(resource):
    """The control of the test above: the hole removed, each payload is read by msgspec."""
    for where in {w for r, w, _ in PLACES if r == resource}:
        answer = (_cppu if resource == m.CPPU else _cpc)(where)
        next(o for o in _objects(answer) if HOLE in o).pop(HOLE)
        _fast_and_checked_agree(resource, json.dumps(answer).encode())


def _checked(resource: str, data: bytes):
    return registry.get(resource).parse(decode_json(data), **OPTIONS)


def _fast_and_checked_agree(resource: str, data: bytes) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = _fast.parse_bytes(resource, data, **OPTIONS)
        assert fast is not None, "the fast path declined a valid answer"
        pd.testing.assert_frame_equal(fast, _checked(resource, data), check_exact=True)
        pd.testing.assert_frame_equal(READERS[resource](data), fast, check_exact=True)
    return fast


def _respelled(data: bytes, how: str) -> bytes:
    answer = json.loads(data)
    if how == "compact":
        return json.dumps(answer, separators=(",", ":")).encode()
    if how == "ascii":  # non-ASCII names as \u escapes
        return json.dumps(answer, ensure_ascii=True).encode()
    if how == "indent":
        return json.dumps(answer, indent=1, ensure_ascii=False).encode()
    if how == "blank_before_colon":  # valid, unusual: counted by the regular expression
        return json.dumps(answer, separators=(" ,\n", " :\t")).encode()
    return data


@pytest.mark.parametrize("how", ["as_shipped", "compact", "ascii", "indent",
                                 "blank_before_colon"])
@pytest.mark.parametrize("resource", [m.CPPU, m.CPC])
def test_samples_take_the_fast_path(resource, how):
    data = _respelled(sample_path(resource).read_bytes(), how)
    assert len(_fast_and_checked_agree(resource, data)) > 0


def _bench_payloads():
    path = Path(__file__).parents[1] / "benchmarks" / "payloads.py"
    spec = importlib.util.spec_from_file_location("_bench_payloads", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("seed", [0, 1])
def test_generated_answers_take_the_fast_path(seed):
    payloads = _bench_payloads()
    assert len(_fast_and_checked_agree(m.CPPU, payloads.cppu(2000, seed=seed))) > 0
    assert len(_fast_and_checked_agree(m.CPC, payloads.cpc(2000, seed=seed))) > 0


def test_nulls_absent_keys_and_key_names_as_values_take_the_fast_path():
    """Explicit nulls and absent keys are told apart (msgspec.UNSET); a field name as a
    string value is no key."""
    values = [{"start_date": "2016-07-15T00:00:00+02:00", "end_date": None, "type": None,
               "installed_capacity": None, "updated_date": None},
              {"start_date": "2017-07-15T00:00:00+02:00"},
              dict(CPPU_VALUE, type="value")]
    answer = {m.CPPU: [{"production_unit": {"code_eic": None, "name": "start_date"},
                        "values": values},
                       {"production_unit": None, "values": None, "start_date": None},
                       {"values": dict(CPPU_VALUE)}, {}]}
    # six rows, two of them without a start date (set aside)
    assert len(_fast_and_checked_agree(m.CPPU, json.dumps(answer).encode())) == 4
    records = [{"updated_date": "2020-12-09T00:00:00+01:00", "value": None},
               {"updated_date": "2020-12-09T00:00:00+01:00", "production_type": "value"}]
    assert len(_fast_and_checked_agree(m.CPC, json.dumps({m.CPC: records}).encode())) == 2


def test_a_colon_inside_a_string_falls_back_to_the_same_frame():
    """``":`` in a name counts as a key: the count cannot vouch, the checked path reads it."""
    answer = {m.CPPU: [{"production_unit": {"name": 'Site ":B"'}, "values": [CPPU_VALUE]}]}
    data = json.dumps(answer).encode()
    assert _fast.parse_bytes(m.CPPU, data, **OPTIONS) is None
    assert READERS[m.CPPU](data)["name"].iloc[0] == 'Site ":B"'


@pytest.mark.parametrize(("text", "marks"), [
    (b'{}', 0),
    (b'{"a": 1}', 1),
    (b'{"a" : 1, "b"\n\t: {"c":2}}', 3),
    (b'{"a\\"": ":"}', 2),  # the key, and the string opened by a colon
    (b'{"a\\\\":1}', 1),
    (b'{"time": "12:30"}', 1),
])
def test_key_marks_bound_the_keys(text, marks):
    assert _fast.key_marks(text) == marks
    assert _fast.key_marks(memoryview(text)) == marks
    assert _fast.key_marks(text.decode()) == marks


@pytest.mark.parametrize("blank", [b"\x0c", b"\x0b", b"\xc2\xa0", b"\x00", b"/**/"])
def test_msgspec_allows_only_json_white_space_before_a_colon(blank):
    """key_marks counts keys followed by space, tab, LF or CR: the decoder must refuse
    anything else there (else a key could go uncounted)."""
    data = b'{"capacities_cpc": [{"value": 1, "value"' + blank + b": 2}]}"
    assert _fast.parse_bytes(m.CPC, data, **OPTIONS) is None
