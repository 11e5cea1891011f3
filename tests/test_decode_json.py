"""decode_json (issue 15): msgspec decodes when the key count proves that no object repeats a
key; the result is the standard library's, and a repeated key is still refused by name."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rtecap import _sources
from rtecap._sources import count_keys, decode_json
from rtecap.exceptions import ResponseError

scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=25)


def stdlib(data: bytes):
    return json.loads(data.decode("utf-8-sig"), object_pairs_hook=_sources._unique_keys)


@settings(max_examples=150, deadline=None)
@given(value=values, indent=st.sampled_from([None, 1]), bom=st.booleans())
def test_the_same_objects_as_the_standard_library(value, indent, bom):
    data = (b"\xef\xbb\xbf" if bom else b"") + json.dumps(value, indent=indent).encode()
    decoded = decode_json(data)
    assert repr(decoded) == repr(stdlib(data))  # types too: 1 and 1.0, -0.0
    assert count_keys(decoded) == count_keys(value)


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}',
    '{"x": [{"b": 1}, {"b": 2, "b": 3}]}',
    '{"x": {"y": {"z": 1, "z": 1}}}',
    '{"value": 1, "val\\u0075e": 2}',  # the same key, spelled with an escape
    '{"a" : 1, "a" : 2}',  # white space before the colons
])
def test_a_repeated_key_at_any_level_is_refused_by_name(text):
    with pytest.raises(ResponseError, match="appears twice"):
        decode_json(text.encode())


@pytest.mark.parametrize("text", [
    '{"a": "b\\":c", "d": 1}',  # a ":" inside a string: more marks than keys
    '{"a": NaN}', '{"a": 1e400}', '["\\ud800"]',  # declined by msgspec
    '{"a" :{"b": [1, {"c": null}]}}',
])
def test_what_msgspec_declines_or_cannot_prove_goes_to_the_checked_decoder(text):
    assert repr(decode_json(text.encode())) == repr(stdlib(text.encode()))


def test_fast_path_taken_for_an_answer(monkeypatch):
    """A plain answer is decoded by msgspec (the checked decoder is not called)."""
    monkeypatch.setattr(_sources, "_unique_keys", None)  # would fail if called
    data = b'{"capacities_cpc": [{"updated_date": "2020-01-01T00:00:00+01:00", "value": 3}]}'
    assert decode_json(data) == {"capacities_cpc": [{"updated_date": "2020-01-01T00:00:00+01:00",
                                                     "value": 3}]}


def test_count_keys_has_no_recursion_limit():
    deep: dict = {}
    node = deep
    for _ in range(5000):
        node["k"] = {}
        node = node["k"]
    assert count_keys(deep) == 5000
