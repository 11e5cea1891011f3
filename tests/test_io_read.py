"""rtecap.io.read_*: saved payloads from paths, path-likes, file objects, bytes and dicts."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from contract import assert_frame_contract

from rtecap import mappings as m
from rtecap.exceptions import ResponseError
from rtecap.io import (
    read_capacities_cpc,
    read_capacities_per_production_type,
    read_capacities_per_production_unit,
)
from rtecap.parsers import parse

READERS = {
    m.CPPT: (read_capacities_per_production_type, "cppt_variants.json"),
    m.CPPU: (read_capacities_per_production_unit, "cppu_variants.json"),
    m.CPC: (read_capacities_cpc, "cpc_variants.json"),
}

SOURCES = {
    "str path": lambda path: str(path),
    "Path": lambda path: path,
    "binary file": lambda path: open(path, "rb"),
    "text file": lambda path: open(path, encoding="utf-8-sig"),
    "BytesIO": lambda path: io.BytesIO(path.read_bytes()),
    "StringIO": lambda path: io.StringIO(path.read_text(encoding="utf-8")),
    "bytes": lambda path: path.read_bytes(),
    "dict": lambda path: json.loads(path.read_bytes().decode("utf-8-sig")),
}

# cppu_variants.json holds a station without any interval: set aside with a warning
pytestmark = pytest.mark.filterwarnings("ignore:1 capacities_per_production_unit row:UserWarning")


def _read(reader, obj, **kwargs) -> pd.DataFrame:
    try:
        return reader(obj, **kwargs)
    finally:
        if hasattr(obj, "close"):
            obj.close()


@pytest.mark.parametrize("resource", sorted(READERS))
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_source_gives_the_parsed_frame(payload_path, payload, resource, source):
    reader, name = READERS[resource]
    df = _read(reader, SOURCES[source](payload_path(name)))
    assert_frame_contract(df, resource)
    pd.testing.assert_frame_equal(df, parse(resource, payload(name)))


@pytest.mark.parametrize("source", ["str path", "binary file", "BytesIO", "StringIO", "bytes"])
def test_utf8_bom_is_tolerated(payload_path, payload, source):
    path = payload_path("cpc_bom.json")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    df = _read(read_capacities_cpc, SOURCES[source](path))  # StringIO keeps U+FEFF
    pd.testing.assert_frame_equal(df, read_capacities_cpc(payload_path("cpc_guide.json")))


def test_french_frames(payload_path):
    fr = read_capacities_cpc(payload_path("cpc_guide.json"), lang="fr")
    assert fr.index.name == m.COLUMNS_FR["updated_date"]
    assert set(fr["type_production"]) == {m.PRODUCTION_TYPE_FR["BIOGAZ"]}
    assert_frame_contract(fr, m.CPC)


def test_not_json_is_a_response_error():
    with pytest.raises(ResponseError, match="JSON"):
        read_capacities_cpc(b"{not json")
    with pytest.raises(ResponseError, match="JSON"):
        read_capacities_cpc(b"\xff\xfe{}")


def test_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_capacities_cpc(tmp_path / "absent.json")
    with pytest.raises(FileNotFoundError):
        read_capacities_cpc(str(tmp_path / "absent.json"))
    with pytest.raises(TypeError, match="int"):
        read_capacities_cpc(42)


@pytest.mark.parametrize("text", ['{"capacities_cpc": []}', '  [1, 2]', "\ufeff{}",
                                  '{"capacities_cpc": [' + '{"a": 1}, ' * 200 + "]}"])
def test_a_str_is_a_path_and_json_text_points_to_stringio(text):
    # pandas 3 dropped literal JSON strings: a str is a path; JSON text goes in io.StringIO
    with pytest.raises(FileNotFoundError, match=r"io\.StringIO\(text\)"):
        read_capacities_cpc(text)
    with pytest.raises(FileNotFoundError) as info:  # a plain missing path: the plain error
        read_capacities_cpc("no-such-file.json")
    assert "StringIO" not in str(info.value)


def test_reader_of_the_wrong_resource_names_the_expected_key(payload_path):
    with pytest.raises(ResponseError, match=m.CPPU):
        read_capacities_per_production_unit(payload_path("cppt_guide.json"))
