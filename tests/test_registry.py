"""rtecap.registry: one description per resource, read by every layer."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import pandas as pd
import pytest

import rtecap
from rtecap import mappings as m
from rtecap import registry
from rtecap.exceptions import RteValidationError

PACKAGE = Path(rtecap.__file__).parent
API = registry.names(registry.GENINSCAP)


def test_entries_are_frozen_and_found_by_name_or_alias():
    for spec in registry.resources():
        assert registry.get(spec.name) is spec
        assert registry.get(spec.alias.upper()) is spec
        with pytest.raises(dataclasses.FrozenInstanceError):
            spec.name = "x"  # type: ignore[misc]
    assert registry.get("ccpc") is registry.get("cpc")
    with pytest.raises(RteValidationError, match="unknown resource"):
        registry.get("capacities")
    with pytest.raises(RteValidationError, match="unknown resource"):
        registry.get(m.NATIONAL, api=registry.GENINSCAP)


@pytest.mark.parametrize("name", API)
def test_api_entry_is_complete_and_matches_its_parser_and_loader(name):
    spec = registry.get(name)
    assert spec.error_prefix and spec.first_date and spec.split and spec.horizon
    empty = spec.parse({name: []})
    assert empty.index.name == spec.index
    assert [(c, str(empty[c].dtype)) for c, _ in spec.columns] == [
        (c, str(empty[c].dtype)) for c in empty.columns]
    assert spec.load() is getattr(rtecap, f"get_{name}")
    # the loader and the Client method take exactly the registry's list parameters
    lists = {p.name for p in spec.list_parameters}
    for function in (spec.load(), getattr(rtecap.Client, f"get_{name}")):
        keyword = set(inspect.signature(function).parameters)
        assert lists <= keyword
        assert not ({"production_type", "department_code", "network_connection"} - lists)\
            & keyword
    assert spec.path.endswith("/" + name) and "/sandbox/" in spec.sandbox_path


def test_every_layer_reads_the_registry_no_resource_branches():
    """No ``if resource == ...`` (or a kind compared with a resource name) outside the
    registry; the emulator keeps its own reading of the guide and is not checked."""
    pattern = re.compile(
        r"[!=]=\s*(m\.|mappings\.)?(CPPT|CPPU|CPC|NATIONAL)\b"  # resource == m.CPPT
        r"|[!=]=\s*[\"'](capacities_|odre_)"  # kind == "capacities_cpc"
        r"|\b(m|mappings)\.(CPPT|CPPU|CPC|NATIONAL)\s*:")  # {m.CPPT: ...} tables
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "registry.py" or "emulator" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if pattern.search(code):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_no_resource_tables_left_in_mappings():
    for gone in ("RESOURCES", "RESOURCE_ALIASES", "FIRST_DATES", "LIST_PARAMETERS",
                 "ADVISED_REFRESH_SECONDS", "error_code"):
        assert not hasattr(m, gone), gone
    for gone in ("SCHEMAS", "SORT_ORDERS", "PARSERS", "resolve_resource", "combine_frames",
                 "translate_frame", "frame_language"):
        assert not hasattr(rtecap.parsers, gone), gone
    assert not hasattr(rtecap.rules, "canonical_resource")
    assert not hasattr(rtecap.export, "DIMENSIONS")
    assert not hasattr(rtecap.datasets, "RESOURCE")


def test_frame_kind_and_export_read_the_entry():
    national = rtecap.datasets.load_national_capacities()
    assert rtecap.ops.frame_kind(national) == m.NATIONAL
    spec = registry.get(m.NATIONAL)
    no_attrs = national.copy()
    no_attrs.attrs = {}
    assert rtecap.ops.frame_kind(no_attrs) == m.NATIONAL  # from the signature columns
    assert list(national.columns) == [c for c, _ in spec.columns]
    pd.testing.assert_frame_equal(
        national, rtecap.parsers.sort_frame(national, spec.sort_order))
