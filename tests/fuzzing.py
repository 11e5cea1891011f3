"""Shared pieces of the fuzz tests (issue 16): settings, odd values, document mutations."""

from __future__ import annotations

import copy
import math

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
#: Three parses per example: fewer examples, the same time.
FUZZ_ROWS = settings(FUZZ, max_examples=40)

#: Keys one column may be read from: an error about any of them names the field.
SAME_FIELD = [
    {"type", "production_type"},
    {"value", "values", "installed_capacity"},
]
def paths(node, path=()):
    """Every (path, key) of the document: a path is the keys/indices leading to a value."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*path, i)
            yield from paths(value, (*path, i))


def _parent(doc, path):
    for step in path[:-1]:
        doc = doc[step]
    return doc


#: Values that are not what a field of the API holds, or hold it at an extreme.
ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, -(10**400), 2**63, -(2**63) - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["63130", "1e3", "NaN", "Infinity", "", " ", "2015-01-01",
                     "2015-01-01T00:00:00",
                     "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "nuclear",
                     "UNKNOWN_LABEL", "FR-99", "<html>", "\ufeff2015-01-01T00:00:00+01:00"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just([{}]),
    st.just({"start_date": "2015-01-01T00:00:00+01:00"}),
)
MUTATIONS = ("replace", "drop", "wrap_in_list", "unwrap", "unknown_key", "duplicate_row")


def mutate(doc, path, how, odd):
    """Change ``doc`` in place at ``path``: one of :data:`MUTATIONS`, with ``odd`` as value."""
    parent, key = _parent(doc, path), path[-1]
    if how == "replace":
        parent[key] = odd
    elif how == "drop":
        del parent[key]
    elif how == "wrap_in_list":
        parent[key] = [parent[key]]
    elif how == "unwrap" and isinstance(parent[key], list) and parent[key]:
        parent[key] = parent[key][0]
    elif how == "unknown_key" and isinstance(parent[key], dict):
        parent[key]["Something_New"] = odd
    elif how == "duplicate_row" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))


def names_the_field(message: str, path) -> bool:
    """The error names a key on the path (or a spelling of the same field), or its resource."""
    keys = {str(step) for step in path if isinstance(step, str)}
    for group in SAME_FIELD:
        if keys & group:
            keys |= group
    return any(key in message for key in keys)


def check_frame(df) -> None:
    """What a parsed frame must be, whatever the payload: the contract's invariants."""
    assert not df.index.hasnans, "NaT in the index"
    assert df.index.is_monotonic_increasing
    assert df.index.tz is not None and str(df.index.tz) == "Europe/Paris"
    for column in df.columns:
        assert df[column].dtype != object, f"{column}: object column"
        if df[column].dtype.kind == "f":
            values = df[column].dropna().to_numpy()
            assert all(math.isfinite(v) for v in values), f"{column}: NaN/Infinity kept"
    repr(df)  # a frame that cannot even print (a date past year 9999) is not a frame


def frames_of(result) -> list:
    """The frames of a parser's result: a frame, or a mapping of them (nested, as the market's
    EnergyResult and BalancingEnergy are)."""
    if hasattr(result, "columns"):
        return [result]
    return [frame for value in result.values() for frame in frames_of(value)]
