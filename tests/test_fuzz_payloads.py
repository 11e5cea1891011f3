"""Generated bad payloads (issue 16): a typed rtecap error naming the field, never a bare one.

Every parser of the registry gets mutated copies of real sample answers (a value replaced by a
wrongly typed one, NaN, Infinity, a huge number, a list where an object was, a key dropped or
unknown ...) and damaged documents (cut short, a BOM, an HTML error page, duplicate keys).
The outcome is either a frame under the contract or an :class:`~rtecap.exceptions.RteError`
whose message names the field; a ``KeyError``/``TypeError``/``AttributeError``/``ValueError``
of Python or pandas fails the test. Valid but unusual answers keep every row.

Runs are derandomized (the same examples on every run) and bounded (``max_examples``).
"""

from __future__ import annotations

import io
import json
import warnings
from pathlib import Path

import pytest
from fuzzing import (
    FUZZ,
    FUZZ_ROWS,
    MUTATIONS,
    ODD_VALUES,
    check_frame,
    mutate,
    names_the_field,
    paths,
)
from hypothesis import given
from hypothesis import strategies as st

from rtecap import io as rio
from rtecap import registry
from rtecap.exceptions import ResponseError, RteError

PAYLOADS = Path(__file__).parent / "payloads"
#: resource -> sample answers on disk (the guide's examples and the real-world variants).
SAMPLES = {
    "capacities_per_production_type": ["cppt_guide.json", "cppt_variants.json",
                                       "cppt_one_object.json"],
    "capacities_per_production_unit": ["cppu_guide.json", "cppu_variants.json"],
    "capacities_cpc": ["cpc_guide.json", "cpc_variants.json"],
}
READERS = {
    "capacities_per_production_type": rio.read_capacities_per_production_type,
    "capacities_per_production_unit": rio.read_capacities_per_production_unit,
    "capacities_cpc": rio.read_capacities_cpc,
}
PARSED = [r.name for r in registry.resources() if r.parser]


def test_every_parser_is_fuzzed():
    """A resource added to the registry with a parser must get samples here."""
    assert sorted(PARSED) == sorted(SAMPLES)


def _sample(name: str) -> dict:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8-sig"))


def _parse_or_typed_error(resource: str, payload, as_bytes: bool = False) -> object:
    """Parse the dict, or its JSON bytes through ``read_*`` (the bytes' fast path); return
    the frame (checked) or the RteError. Any other exception propagates."""
    spec = registry.get(resource)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown labels, rows set aside: warned, not wrong
        try:
            if as_bytes:
                text = json.dumps(payload).encode()  # NaN/Infinity written as JSON extensions
                df, undated = READERS[resource](text, return_undated=True)
            else:
                df, undated = spec.parse(payload, return_undated=True)
        except RteError as err:
            return err
    check_frame(df)
    return df


@pytest.mark.parametrize("resource", sorted(SAMPLES))
@FUZZ
@given(data=st.data())
def test_mutated_payload_gives_frame_or_typed_error(resource, data):
    doc = _sample(data.draw(st.sampled_from(SAMPLES[resource]), label="sample"))
    path = data.draw(st.sampled_from(list(paths(doc))), label="path")
    how = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    odd = data.draw(ODD_VALUES, label="value")
    mutate(doc, path, how, odd)
    outcome = _parse_or_typed_error(resource, doc, data.draw(st.booleans(), label="as bytes"))
    if isinstance(outcome, RteError):
        assert names_the_field(str(outcome), path), (str(outcome), path)


@pytest.mark.parametrize("resource", sorted(SAMPLES))
@FUZZ
@given(data=st.data())
def test_damaged_document_gives_typed_error(resource, data):
    """Bytes as a server or a disk may hand them: cut short, framed in HTML, keys repeated."""
    name = data.draw(st.sampled_from(SAMPLES[resource]), label="sample")
    text = (PAYLOADS / name).read_bytes()
    how = data.draw(st.sampled_from(["cut", "html", "duplicate_key", "bom", "garbage"]))
    if how == "cut":
        text = text[: data.draw(st.integers(0, len(text.rstrip()) - 1), label="at")]
    elif how == "html":
        text = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    elif how == "duplicate_key":
        text = text.replace(b'"' + resource.encode() + b'"',
                            b'"' + resource.encode() + b'": [], "' + resource.encode() + b'"', 1)
    elif how == "bom":
        text = b"\xef\xbb\xbf" + text.lstrip(b"\xef\xbb\xbf")
    else:
        text = data.draw(st.binary(max_size=64), label="bytes")
    reader = READERS[resource]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            df = reader(text)
        except ResponseError as err:
            assert how != "bom", err
            assert str(err)
            return
    assert how in ("bom", "garbage") or text.strip().endswith(b"}"), how
    assert len(df) > 0 or how == "garbage"


@pytest.mark.parametrize("resource", sorted(SAMPLES))
def test_duplicate_keys_are_refused(resource):
    """``{"value": 1, "value": 2}``: json keeps the last silently; rtecap names the key."""
    text = (PAYLOADS / SAMPLES[resource][0]).read_text(encoding="utf-8-sig")
    doubled = text.replace('"production_type"', '"production_type": "WIND", "production_type"', 1)
    doubled = doubled.replace('"type"', '"type": "WIND", "type"', 1)
    with pytest.raises(ResponseError, match="appears twice"):
        READERS[resource](io.StringIO(doubled))


# ----------------------------------------------------------------- wrong values, one by one
CPPT_ROW = {"start_date": "2015-01-01T00:00:00+01:00", "end_date": "2016-01-01T00:00:00+01:00",
            "type": "NUCLEAR", "value": 63130, "updated_date": "2015-07-05T00:30:00+02:00"}


@pytest.mark.parametrize(("key", "value", "says"), [
    ("value", True, "value: expected a number, got bool"),
    ("value", "63130", "value: expected a number, got str"),
    ("value", float("nan"), "value: not a finite number"),
    ("value", float("inf"), "value: not a finite number"),
    ("value", 10**400, "value: not a number"),
    ("value", [1], "value: expected a number, got list"),
    ("start_date", "2015-01-01T00:00:00", "start_date: not an ISO 8601 date with an offset"),
    ("start_date", 2015, "start_date: expected a string, got int"),
    ("start_date", "9999-12-31T23:59:59-12:00", "start_date: date out of range"),
    ("updated_date", ["2015-01-01T00:00:00+01:00"], "updated_date: expected a string, got list"),
    ("type", 5, "production_type: expected a string, got int"),
])
def test_wrong_value_names_field_and_problem(key, value, says):
    payload = {"capacities_per_production_type": [{"values": [{**CPPT_ROW, key: value}]}]}
    with pytest.raises(ResponseError) as caught:
        registry.get("cppt").parse(payload)
    assert says in str(caught.value)


@pytest.mark.parametrize(("value", "says"), [
    ({"a": 1}, "production_unit.name: expected text, got dict"),
    (True, "production_unit.name: expected text, got bool"),
])
def test_free_text_is_text(value, says):
    payload = {"capacities_per_production_unit": [{
        "production_unit": {"code_eic": "17W100P100P0341J", "name": value},
        "values": [{"start_date": "2019-08-09T00:00:00+02:00", "installed_capacity": 412}]}]}
    with pytest.raises(ResponseError, match=says):
        registry.get("cppu").parse(payload)


def test_cpc_minus_infinity_is_a_typed_error():
    payload = {"capacities_cpc": [{"updated_date": "2016-02-01T00:00:00+01:00",
                                   "department_code": 75, "network_connection": "RPD",
                                   "production_type": "SOLAR", "value": 1}]}
    with pytest.raises(ResponseError, match="department_code: expected a string, got int"):
        registry.get("cpc").parse(payload)
    payload["capacities_cpc"][0].update(department_code="FR-75", value=float("-inf"))
    with pytest.raises(ResponseError, match="value: not a finite number"):
        registry.get("cpc").parse(payload)


# ----------------------------------------------------------------- valid but unusual: all rows
DATES = st.builds(
    lambda y, mo, d, h, off: f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:00:00{off}",
    st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
    st.sampled_from(["Z", "+01:00", "+02:00", "-05:00", "+00:00"]),
)
MAYBE = st.one_of(st.none(), st.just("absent"))
NUMBER = st.one_of(st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False), st.none())
LABEL = st.sampled_from(["NUCLEAR", "WIND_ONSHORE", "BIOGAS", "OTHER", "SOMETHING_NEW", "solar"])


def _cpc_row(draw, i):
    row = {"updated_date": draw(st.one_of(DATES, st.none())),
           # one department per row: exact duplicates are dropped by the contract
           "department_code": "FR" if i == 0 else (
               draw(st.sampled_from(["FR-", "fr-", ""])) + f"{i:02d}"),
           "network_connection": draw(st.sampled_from(["RPD", "RPT", "OTHER_NET"])),
           draw(st.sampled_from(["production_type", "type"])): draw(LABEL),
           draw(st.sampled_from(["value", "values"])): draw(st.one_of(
               st.integers(0, 10**12), st.none(), st.integers(0, 10**6).map(float)))}
    return row


@FUZZ_ROWS
@given(data=st.data())
def test_unusual_valid_answers_keep_every_row(data):
    """Rows in = rows out + rows set aside (the index date missing), for every resource."""
    n = data.draw(st.integers(0, 12), label="rows")
    cppt_rows = [{"start_date": data.draw(st.one_of(DATES, st.none())),
                  data.draw(st.sampled_from(["type", "production_type"])): data.draw(LABEL),
                  data.draw(st.sampled_from(["value", "values"])): data.draw(NUMBER),
                  "updated_date": f"20{10 + i:02d}-01-01T00:00:00Z"} for i in range(n)]
    cppu = [{"production_unit": {"code_eic": f"17W{i:013d}", "name": data.draw(st.text(max_size=8)),
                                 data.draw(st.sampled_from(["code_eic_producteur",
                                                            "Code_EIC_Producteur"])): "X"},
             "values": {"start_date": data.draw(st.one_of(DATES, st.none())),
                        "installed_capacity": data.draw(NUMBER), "type": data.draw(LABEL)}}
            for i in range(n)]
    cpc_rows = [_cpc_row(data.draw, i) for i in range(n)]
    payloads = {"cppt": {"capacities_per_production_type": [{"values": cppt_rows}]},
                "cppu": {"capacities_per_production_unit": cppu},
                "cpc": {"\ufeffcapacities_cpc": cpc_rows}}
    for name, payload in payloads.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            df, undated = registry.get(name).parse(payload, return_undated=True)
        assert len(df) + len(undated) == n, name
        assert not df.index.hasnans
        if len(undated) and name != "cpc":
            assert any("set aside" in str(w.message) or str(len(undated)) in str(w.message)
                       for w in caught), name


def test_client_answers_refuse_duplicate_keys():
    """The clients decode answers with decode_json: a repeated key is a ResponseError."""
    with pytest.raises(ResponseError, match="the key 'value' appears twice"):
        rio.decode_json(b'{"capacities_cpc": [{"value": 1, "value": 2}]}')


@pytest.mark.parametrize("text", [
    "[" * 100_000, '{"capacities_cpc": ' + "[" * 100_000,
    # deep in the provenance: msgspec's own RecursionError, on the fast path
    '{"capacities_cpc": [], "rtecap": ' + "[" * 100_000 + "]" * 100_000 + "}",
])
def test_deep_nesting_is_a_typed_error(text):
    """Python's json recurses: a deep document was a bare RecursionError."""
    with pytest.raises(ResponseError, match="not a JSON document"):
        rio.read_capacities_cpc(text.encode())
