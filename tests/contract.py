"""The frame contract (docs/frames.md) as one assertion: every loader test calls it.

The expected shapes are written here independently of the columns and sort orders of
``rtecap.registry``, so a wrong schema or order in the package fails these checks.
"""

from __future__ import annotations

import json

import pandas as pd

from rtecap import mappings as m
from rtecap.ops import frame_lang, translate

ODRE = "odre_national_capacities"

#: resource -> "index | column:dtype ..." (English names).
EXPECTED = {
    m.CPPT: "start_date | end_date:datetime production_type:category capacity_mw:float64 "
    "updated_date:datetime",
    m.CPPU: "start_date | end_date:datetime code_eic:str name:str location:str "
    "producer_code_eic:str producer_name:str production_type:category capacity_mw:float64 "
    "voltage_kv:float64 updated_date:datetime",
    m.CPC: "updated_date | department_code:category scope:category "
    "network_connection:category production_type:category capacity_kw:Int64",
    ODRE: "start_date | sector:category sub_sector:category capacity_mw:float64 "
    "sector_total_mw:float64",
}

#: resource -> the default row order (time order): index ascending, ties in the guide's
#: order of the other keys. (name, how); how: asc/desc (values), enum (category order),
#: alpha (alphabetical). Missing values always last.
SORT_RULES = {
    m.CPPT: [("start_date", "asc"), ("production_type", "enum")],
    m.CPPU: [("start_date", "asc"), ("production_type", "alpha"), ("name", "alpha")],
    m.CPC: [
        ("updated_date", "asc"),
        ("department_code", "alpha"),
        ("production_type", "alpha"),
        ("network_connection", "alpha"),
    ],
    ODRE: [("start_date", "asc"), ("sector", "enum"), ("sub_sector", "enum")],
}

#: resource -> the guide's output rule (``order="guide"``), same notation.
GUIDE_RULES = {
    m.CPPT: [("start_date", "desc"), ("production_type", "enum")],  # CPPT-RG05
    m.CPPU: [("production_type", "alpha"), ("name", "alpha"), ("start_date", "asc")],  # RG03
    m.CPC: [  # CCPC-RG08
        ("updated_date", "desc"),
        ("department_code", "alpha"),
        ("production_type", "alpha"),
        ("network_connection", "alpha"),
    ],
}

#: Enums each categorical must start with, in this order.
ENUM_PREFIXES = {
    (m.CPPT, "production_type"): m.PRODUCTION_TYPES,
    (m.CPPU, "production_type"): m.PRODUCTION_TYPES,
    (m.CPC, "production_type"): m.CPC_PRODUCTION_TYPES,
    (m.CPC, "network_connection"): m.NETWORKS,
    (m.CPC, "department_code"): m.DEPARTMENT_CODES,
    (m.CPC, "scope"): ("national", "department"),
}


def _dtype_ok(dtype, kind: str) -> bool:
    if kind == "datetime":
        return isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == m.TZ
    if kind == "category":
        return isinstance(dtype, pd.CategoricalDtype)
    if kind == "str":
        return isinstance(dtype, pd.StringDtype)
    return dtype == pd.api.types.pandas_dtype(kind)


def _key(value, how: str, categories) -> tuple:
    if pd.isna(value):
        return (1,)
    if how == "enum":
        return (0, list(categories).index(value))
    if how == "alpha":
        return (0, str(value))
    stamp = pd.Timestamp(value).value
    return (0, -stamp if how == "desc" else stamp)


def assert_sorted(df: pd.DataFrame, rules) -> None:
    """Assert the rows follow ``rules`` (list of (name, how)), missing values last."""
    flat = df.reset_index()
    columns = []
    for name, how in rules:
        values = flat[name]
        cats = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else None
        columns.append([_key(v, how, cats) for v in values.tolist()])
    keys = list(zip(*columns, strict=True))
    bad = next((i for i in range(1, len(keys)) if keys[i] < keys[i - 1]), None)
    assert bad is None, f"rows {bad - 1}, {bad} break {rules}:\n{flat.iloc[bad - 1 : bad + 1]}"


def assert_frame_contract(df: pd.DataFrame, resource: str) -> None:
    """Assert ``df`` keeps the frame contract of ``resource`` (French frames checked in English).

    Index: DatetimeIndex in Europe/Paris named after its field, no NaT, monotonic
    increasing. Columns: the expected ones, in order, with the expected dtypes, no object
    column. Labels: categoricals starting with the guide's enum. Rows: in time order (ties in
    the guide's order of the other keys), no exact duplicate. ``attrs["rtecap"]["resource"]``
    names the resource and ``lang`` the frame's language; attrs are small and JSON-able.
    """
    assert isinstance(df, pd.DataFrame), type(df)
    info = df.attrs.get("rtecap")
    assert isinstance(info, dict), f"attrs['rtecap'] missing: {df.attrs}"
    assert info.get("resource") == resource, info
    lang = frame_lang(df)
    assert info.get("lang") == lang, (info, lang)
    if lang == "fr":
        df = translate(df, "en")

    index_name, spec = EXPECTED[resource].split(" | ")
    assert isinstance(df.index, pd.DatetimeIndex), type(df.index)
    assert str(df.index.tz) == m.TZ, df.index.tz
    assert not df.index.hasnans, "NaT in the index"
    assert df.index.is_monotonic_increasing, "index not in time order"
    assert len(json.dumps(df.attrs)) < 2000, "attrs are not small JSON-able facts"
    assert df.index.name == index_name, df.index.name
    expected = [item.split(":") for item in spec.split()]
    assert list(df.columns) == [name for name, _ in expected], list(df.columns)
    for name, kind in expected:
        assert _dtype_ok(df[name].dtype, kind), f"{name}: {df[name].dtype}, expected {kind}"
    objects = [c for c in df.columns if pd.api.types.is_object_dtype(df[c].dtype)]
    assert not objects, f"object columns: {objects}"
    for (res, name), enum in ENUM_PREFIXES.items():
        if res == resource:
            assert tuple(df[name].cat.categories[: len(enum)]) == tuple(enum), name

    assert not df.reset_index().duplicated().any(), "duplicate rows"
    assert_sorted(df, SORT_RULES[resource])
