"""The shape every parsed frame ends in: schema, the guide's output order, dedupe, attrs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import RteValidationError
from rtecap.parsers._translate import translate_frame

#: Output schema per resource: (index name, ((column, dtype), ...)). "datetime" means
#: ``datetime64[us, Europe/Paris]``; "category" a categorical; "str" pandas' string dtype.
SCHEMAS: Mapping[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    m.CPPT: (
        "start_date",
        (
            ("end_date", "datetime"),
            ("production_type", "category"),
            ("capacity_mw", "float64"),
            ("updated_date", "datetime"),
        ),
    ),
    m.CPPU: (
        "start_date",
        (
            ("end_date", "datetime"),
            ("code_eic", "str"),
            ("name", "str"),
            ("location", "str"),
            ("producer_code_eic", "str"),
            ("producer_name", "str"),
            ("production_type", "category"),
            ("capacity_mw", "float64"),
            ("voltage_kv", "float64"),
            ("updated_date", "datetime"),
        ),
    ),
    m.CPC: (
        "updated_date",
        (
            ("department_code", "category"),
            ("network_connection", "category"),
            ("production_type", "category"),
            ("capacity_kw", "Int64"),
        ),
    ),
}

#: The guide's output order per resource: (column or index name, ascending, how). ``how`` is
#: "enum" (category order), "alpha" (alphabetically, by code point) or None (the values).
#: CPPT-RG05: most recent start first, then production type in the guide's enum order.
#: CPPU-RG03: production type, then name, alphabetically; then start of the value interval.
#: CCPC-RG08: updated_date most recent first, then department, production type, network.
SORT_ORDERS: Mapping[str, tuple[tuple[str, bool, str | None], ...]] = {
    m.CPPT: (("start_date", False, None), ("production_type", True, "enum")),
    m.CPPU: (("production_type", True, "alpha"), ("name", True, None), ("start_date", True, None)),
    m.CPC: (
        ("updated_date", False, None),
        ("department_code", True, "alpha"),
        ("production_type", True, "alpha"),
        ("network_connection", True, "alpha"),
    ),
}


def resolve_resource(resource: str) -> str:
    """Full resource name for a name or alias (``"cpc"`` -> ``"capacities_cpc"``)."""
    try:
        return m.RESOURCE_ALIASES[str(resource).lower()]
    except KeyError:
        raise RteValidationError(
            f"unknown resource {resource!r}; expected one of {sorted(m.RESOURCES)}",
            parameter="resource",
        ) from None


def _sort_key(values: pd.Series, how: str | None) -> pd.Series:
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values
    codes = values.cat.codes.to_numpy()
    if how == "alpha":
        order = np.argsort(np.asarray(values.cat.categories, dtype=str), kind="stable")
        rank = np.empty(len(order), dtype="int64")
        rank[order] = np.arange(len(order))
        codes = np.where(codes >= 0, rank[codes.clip(0)], -1)
    return pd.Series(np.where(codes >= 0, codes, np.nan), index=values.index)


def sort_frame(df: pd.DataFrame, order: Iterable[tuple[str, bool, str | None]]) -> pd.DataFrame:
    """Sort ``df`` on ``order``, then on every other column, missing values last.

    Parameters
    ----------
    df : DataFrame
        A tidy frame; its index name may appear in ``order``.
    order : iterable of (name, ascending, how)
        The primary keys, e.g. ``SORT_ORDERS[resource]``; ``how`` is "enum" (category
        order), "alpha" (labels alphabetically, by code point) or None (the values).

    Returns
    -------
    DataFrame
        The same rows in an order that does not depend on the input order.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": [2, 1]}, index=pd.Index([0, 0], name="i"))
    >>> sort_frame(df, [("i", True, None)])["x"].tolist()
    [1, 2]
    """
    flat = df.reset_index()
    order = list(order)
    named = {name for name, _, _ in order}
    order += [(name, True, None) for name in flat.columns if name not in named]
    keys = pd.DataFrame({i: _sort_key(flat[name], how) for i, (name, _, how) in enumerate(order)})
    if keys.empty:
        return df
    ascending = [asc for _, asc, _ in order]
    positions = keys.sort_values(list(keys), ascending=ascending, na_position="last").index
    return df.iloc[positions.to_numpy()]


def drop_exact_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows equal to an earlier one in every column *and* the index."""
    return df[~df.reset_index().duplicated().to_numpy()]


def finish(
    resource: str, index: pd.DatetimeIndex, columns: Mapping[str, Any], lang: str
) -> pd.DataFrame:
    """Assemble parsed columns into the resource's frame: order, dedupe, sort, attrs, lang."""
    index_name, schema = SCHEMAS[resource]
    df = pd.DataFrame(dict(columns), index=index.rename(index_name))[[c for c, _ in schema]]
    df = sort_frame(drop_exact_duplicates(df), SORT_ORDERS[resource])
    df.attrs["rtecap"] = {"resource": resource, "lang": "en"}
    return translate_frame(df, lang) if lang != "en" else df


def combine_frames(frames: Sequence[pd.DataFrame], resource: str) -> pd.DataFrame:
    """Concatenate English frames of one resource: union of categories, dedupe, re-sort.

    Parameters
    ----------
    frames : sequence of DataFrame
        At least one frame returned by ``parse_<resource>`` with ``lang="en"``, e.g. one
        per request chunk.
    resource : str
        Resource name or alias (``"cpc"`` ...).

    Returns
    -------
    DataFrame
        One frame under the same contract, with the attrs of the first frame.

    Raises
    ------
    ValueError
        ``frames`` is empty.

    Examples
    --------
    >>> from rtecap.parsers import parse
    >>> payload = {"capacities_cpc": [{"updated_date": "2016-02-01T00:00:00+01:00",
    ...     "department_code": "FR", "network_connection": "RPD",
    ...     "production_type": "SOLAR", "value": 12}]}
    >>> one = parse("cpc", payload)
    >>> len(combine_frames([one, one], "cpc"))
    1
    """
    resource = resolve_resource(resource)
    if not frames:
        raise ValueError("combine_frames needs at least one frame")
    first = frames[0]
    union = {
        c: pd.CategoricalDtype(list(dict.fromkeys(x for f in frames for x in f[c].cat.categories)))
        for c in first.columns
        if isinstance(first[c].dtype, pd.CategoricalDtype)
    }
    df = pd.concat([f.astype(union) for f in frames])
    df = sort_frame(drop_exact_duplicates(df), SORT_ORDERS[resource])
    df.attrs = {"rtecap": {**first.attrs.get("rtecap", {}), "resource": resource}}
    return df
