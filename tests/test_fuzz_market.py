"""Generated bad answers of the market-data API (issue 16): a frame or a typed error.

The eight endpoints' documented example answers (tests/market/payloads) are mutated as the RTE
answers are in :mod:`test_fuzz_payloads`; the parser returns frames under the contract or
raises an :class:`~rtecap.exceptions.RteError` naming the field -- never a bare Python error.
"""

from __future__ import annotations

import copy
import io
import json
import warnings
from pathlib import Path

import pytest
from fuzzing import (
    FUZZ,
    MUTATIONS,
    ODD_VALUES,
    check_frame,
    frames_of,
    mutate,
    names_the_field,
    paths,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from rtecap import market
from rtecap.exceptions import ResponseError, RteError
from rtecap.market import parsers
from rtecap.market._endpoints import ENDPOINTS

PAYLOADS = Path(__file__).parent / "market" / "payloads"
NAMES = sorted(ENDPOINTS)
#: Eight endpoints: fewer examples each, about the time of the RTE resources' fuzzing.
FUZZ_ENDPOINTS = settings(FUZZ, max_examples=60)


def _doc(name: str) -> dict:
    return json.loads((PAYLOADS / f"{name}_doc.json").read_text(encoding="utf-8"))


def test_every_endpoint_has_a_sample():
    assert [n for n in NAMES if not (PAYLOADS / f"{n}_doc.json").is_file()] == []


@pytest.mark.parametrize("name", NAMES)
@FUZZ_ENDPOINTS
@given(data=st.data())
def test_mutated_answer_gives_frames_or_typed_error(name, data):
    doc = _doc(name)
    path = data.draw(st.sampled_from(list(paths(doc))), label="path")
    mutate(doc, path, data.draw(st.sampled_from(MUTATIONS), label="mutation"),
           data.draw(ODD_VALUES, label="value"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = parsers.parse(name, copy.deepcopy(doc))
        except RteError as err:
            assert names_the_field(str(err), path) or name in str(err), (str(err), path)
            return
    for frame in frames_of(result):
        check_frame(frame)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("damage", ["cut", "html", "duplicate_key"])
def test_damaged_answer_gives_typed_error(name, damage):
    text = (PAYLOADS / f"{name}_doc.json").read_text(encoding="utf-8")
    if damage == "cut":
        text = text[: len(text) // 2]
    elif damage == "html":
        text = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    else:
        text = text.replace("{", '{"k": 1, "k": 2, ', 1)
    reader = market.LOADERS[name][1]
    with pytest.raises(ResponseError):
        reader(io.StringIO(text))


@pytest.mark.parametrize(("value", "says"), [
    (True, "true/false where a number is expected"), ("128.5", "not a number: got str"),
    (float("inf"), "not a finite number"), (10**400, "not a number"),
])
def test_wrong_price_names_field_and_problem(value, says):
    doc = _doc("day_ahead_prices")
    doc["rows"][0]["price_eur_mwh"] = value
    with pytest.raises(ResponseError, match=f"price_eur_mwh: {says}"):
        parsers.parse("day_ahead_prices", doc)


@pytest.mark.parametrize("value", [["FCR"], {"a": 1}, 5])
def test_wrong_label_names_field(value):
    doc = _doc("fcr_capacity")
    doc["rows"][0]["product_type"] = value
    with pytest.raises(ResponseError, match="product_type: expected a string"):
        parsers.parse("fcr_capacity", doc)


TIMES = st.builds(
    lambda d, h, q, form: form.format(d=d, h=h, m=15 * q),
    st.integers(1, 28), st.integers(0, 23), st.integers(0, 3),
    st.sampled_from(["2026-02-{d:02d}T{h:02d}:{m:02d}:00.000Z",
                     "2026-02-{d:02d}T{h:02d}:{m:02d}:00Z",
                     "2026-02-{d:02d}T{h:02d}:{m:02d}:00+00:00"]),
)


@FUZZ_ENDPOINTS
@given(data=st.data())
def test_unusual_valid_capacity_answers_keep_every_row(data):
    """Rows in = rows out + rows set aside (counted in the warning), labels known or not."""
    n = data.draw(st.integers(0, 10), label="rows")
    rows = [{"period_start_utc": data.draw(st.one_of(TIMES, st.none())),
             "period_end_utc": data.draw(st.one_of(TIMES, st.none())),
             "volume_mw": data.draw(st.one_of(st.none(), st.integers(0, 10**6),
                                              st.floats(0, 1e6))),
             "direction": data.draw(st.sampled_from(["UPWARD", "DOWNWARD", "SIDEWAYS"])),
             "time_horizon": data.draw(st.sampled_from(["DAILY", "WEEKLY", "NEW_HORIZON"])),
             "price": float(i)}  # one price per row: no exact duplicates
            for i in range(n)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = parsers.parse("afrr_capacity", {"rows": rows})
    aside = sum(int(str(w.message).split(": ")[1].split()[0]) for w in caught
                if "set aside" in str(w.message))
    assert len(df) + aside == n
    assert set(df["product_type"]) <= {"aFRR"}
    check_frame(df)


@pytest.mark.parametrize("value", [1.5, "192", True, float("nan"), 10**400])
def test_meta_count_is_a_whole_number(value):
    """``rowCount: 1.5`` was truncated to 1, ``"192"`` and ``true`` converted."""
    with pytest.raises(ResponseError, match="rowCount"):
        parsers.parse_meta({"rowCount": value})
