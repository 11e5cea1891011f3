"""The shape every parsed frame ends in: schema, the guide's output order, dedupe, attrs."""

from __future__ import annotations

import copy
import os
import sys
import warnings
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
            ("scope", "category"),
            ("network_connection", "category"),
            ("production_type", "category"),
            ("capacity_kw", "Int64"),
        ),
    ),
}

#: The guide's output order per resource (``order="guide"``): (column or index name, ascending,
#: how). ``how`` is "enum" (category order), "alpha" (alphabetically, by code point) or None.
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


#: The orders a parsed frame can come in: "time" (default) or "guide".
ORDERS = ("time", "guide")


def time_order(resource: str) -> tuple[tuple[str, bool, str | None], ...]:
    """The default row order of a resource's frame: index ascending, then the guide's keys.

    Ties on the index (``order="time"``) keep the guide's order of the other keys: CPPT
    production type in the guide's enum order; CPPU production type then name, alphabetically;
    CPC department, production type, network, alphabetically. Rows still tied are ordered on
    the remaining columns, so the order never depends on the payload's.

    Examples
    --------
    >>> time_order("cppt")
    (('start_date', True, None), ('production_type', True, 'enum'))
    """
    resource = resolve_resource(resource)
    index_name = SCHEMAS[resource][0]
    rest = tuple(key for key in SORT_ORDERS[resource] if key[0] != index_name)
    return ((index_name, True, None), *rest)


def row_order(resource: str, order: str) -> tuple[tuple[str, bool, str | None], ...]:
    """The sort keys of ``order`` ("time" or "guide") for ``resource``."""
    if order not in ORDERS:
        raise RteValidationError(
            f"unknown order {order!r}; expected one of {ORDERS}", parameter="order"
        )
    return time_order(resource) if order == "time" else SORT_ORDERS[resolve_resource(resource)]


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


def scopes(department_code: pd.Categorical) -> pd.Categorical:
    """The CPC ``scope`` of each row: "national" for ``FR`` (CCPC-RG02), else "department"."""
    codes = np.asarray(department_code, dtype=object)
    national = np.array([c == "FR" for c in codes], dtype=bool)
    values = np.where(pd.isna(codes), None, np.where(national, "national", "department"))
    return pd.Categorical(values, categories=m.SCOPES)


def _user_stacklevel() -> int:
    """The ``stacklevel`` of a warning issued by the caller of this function that points at
    the first frame outside the rtecap package (the user's call, whichever loader it went
    through)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _set_aside(resource: str, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Split off the rows without an index date: (dated rows, undated rows, their counts).

    A CPC record with neither ``updated_date`` nor value is a CCPC-RG09 placeholder (a
    requested combination without data); any other undated row is data the source left
    undated, and a warning counts them.
    """
    undated = np.asarray(df.index.isna(), dtype=bool)
    aside = df[undated]
    counts = {"undated": int(undated.sum()), "placeholders": 0}
    if resource == m.CPC:
        counts["placeholders"] = int(aside["capacity_kw"].isna().sum())
        counts["undated"] -= counts["placeholders"]
    if counts["undated"]:
        warnings.warn(
            f"{counts['undated']} {resource} row(s) without {df.index.name} set aside (not in "
            f"the frame); pass return_undated=True to get them",
            UserWarning,
            stacklevel=_user_stacklevel(),
        )
    return df[~undated], aside, counts


def finish(
    resource: str,
    index: pd.DatetimeIndex,
    columns: Mapping[str, Any],
    lang: str,
    *,
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Assemble parsed columns into the resource's frame: set aside, dedupe, sort, attrs, lang.

    Rows without an index date are not rows of the frame (no ``NaT`` in an index); with
    ``return_undated=True`` they come back as a second frame, the index field as a column of
    NaT under a ``RangeIndex``. ``attrs["rtecap"]["set_aside"]`` counts them.
    """
    keys = row_order(resource, order)
    index_name, schema = SCHEMAS[resource]
    df = pd.DataFrame(dict(columns), index=index.rename(index_name))[[c for c, _ in schema]]
    df, aside, counts = _set_aside(resource, drop_exact_duplicates(df))
    df = sort_frame(df, keys)
    df.attrs["rtecap"] = {"resource": resource, "lang": "en", "order": order,
                          "set_aside": counts}
    df = translate_frame(df, lang) if lang != "en" else df
    if not return_undated:
        return df
    aside = sort_frame(aside, keys).reset_index()
    aside.attrs = copy.deepcopy(df.attrs)
    return df, (translate_frame(aside, lang) if lang != "en" else aside)


def combine_frames(frames: Sequence[pd.DataFrame], resource: str) -> pd.DataFrame:
    """Concatenate English frames of one resource: union of categories, dedupe, re-sort.

    The rows are sorted in the first frame's order (``attrs["rtecap"]["order"]``, "time" by
    default) and the counts of rows set aside are added up.

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
    meta = {**first.attrs.get("rtecap", {}), "resource": resource}
    df = sort_frame(drop_exact_duplicates(df), row_order(resource, meta.get("order", "time")))
    counts = [f.attrs.get("rtecap", {}).get("set_aside") or {} for f in frames]
    if any(counts):
        meta["set_aside"] = {k: sum(c.get(k, 0) for c in counts) for k in ("undated",
                                                                           "placeholders")}
    df.attrs = {"rtecap": meta}
    return df
