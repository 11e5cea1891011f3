"""The shape every parsed frame ends in: schema, the guide's output order, dedupe, attrs.

The schema and the order of each resource are its entry of :mod:`rtecap.registry`.
"""

from __future__ import annotations

import copy
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap.exceptions import RteValidationError
from rtecap.parsers._translate import translate

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
    spec = registry.get(resource)
    rest = tuple(key for key in spec.sort_order if key[0] != spec.index)
    return ((spec.index, True, None), *rest)


def row_order(resource: str, order: str) -> tuple[tuple[str, bool, str | None], ...]:
    """The sort keys of ``order`` ("time" or "guide") for ``resource``."""
    if order not in ORDERS:
        raise RteValidationError(
            f"unknown order {order!r}; expected one of {ORDERS}", parameter="order"
        )
    return time_order(resource) if order == "time" else registry.get(resource).sort_order




def _column(df: pd.DataFrame, name: str) -> Any:
    if name == df.index.name and name not in set(df.columns):  # a set: no hash table built
        return df.index
    return df[name]


def _rank_key(values: Any, ascending: bool, how: str | None) -> np.ndarray:
    """An int64 key that sorts like ``values`` (missing values last, equal values equal).

    Categoricals sort on their codes ("enum") or on their labels by code point ("alpha");
    dates on their integer value; anything else on the rank of its distinct values.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        cats = values.cat.categories if isinstance(values, pd.Series) else values.categories
        codes = np.asarray(values.cat.codes if isinstance(values, pd.Series) else values.codes,
                           dtype="int64")
        if how == "alpha":
            order = np.argsort(np.asarray(cats, dtype=str), kind="stable")
            rank = np.empty(len(order), dtype="int64")
            rank[order] = np.arange(len(order))
            codes = np.where(codes >= 0, rank[codes.clip(0)], -1)
        size = len(cats)
    elif isinstance(values.dtype, pd.DatetimeTZDtype | np.dtypes.DateTime64DType):
        codes = np.asarray(values.asi8 if isinstance(values, pd.Index) else
                           pd.DatetimeIndex(values).asi8, dtype="int64")
        missing = codes == np.iinfo("int64").min
        if not ascending:
            codes = -codes
        return np.where(missing, np.iinfo("int64").max, codes)
    else:
        codes, uniques = pd.factorize(values, sort=True)
        codes, size = codes.astype("int64"), len(uniques)
    if not ascending:
        codes = np.where(codes >= 0, size - 1 - codes, -1)
    return np.where(codes >= 0, codes, size)


def _positions(
    column: Callable[[str, np.ndarray], Any], n: int,
    order: list[tuple[str, bool, str | None]], unique: bool,
) -> np.ndarray:
    """Positions of ``n`` rows sorted on ``order``; ``unique`` drops exact repeats.

    ``column(name, rows)`` gives the values of a column (or of the index) at ``rows``. The keys
    refine the order one at a time and each is computed only for the rows still tied on the
    keys before it: with distinct dates the first key settles nearly every row. Rows still
    tied after every column and the index are exact duplicates.
    """
    perm = np.arange(n)
    first = np.ones(n, dtype=bool)  # in sorted order: the first row of its group of ties
    first[1:] = False
    for name, ascending, how in order:
        group = np.cumsum(first) - 1
        tied = np.bincount(group)[group] > 1
        if not tied.any():
            break
        rows = perm[tied]
        key = _rank_key(column(name, rows), ascending, how)
        # one group (the first key): any sort will do, as rows tied on every key are equal
        within = (np.argsort(key) if tied.all() and first.sum() == 1
                  else np.lexsort((key, group[tied])))
        perm[tied] = rows[within]
        key, ties = key[within], group[tied][within]
        starts = np.ones(len(within), dtype=bool)
        starts[1:] = (ties[1:] != ties[:-1]) | (key[1:] != key[:-1])
        first[tied] = starts
    return perm[first] if unique else perm


def _frame_positions(df: pd.DataFrame, order: Iterable[tuple[str, bool, str | None]],
                     unique: bool) -> np.ndarray:
    """:func:`_positions` of a frame's rows, on ``order`` then every other column."""
    full = _full_order(df.index.name, list(df.columns), order)
    return _positions(lambda name, rows: _column(df, name).take(rows), len(df), full, unique)


def _full_order(
    index: str, columns: list[str], order: Iterable[tuple[str, bool, str | None]]
) -> list[tuple[str, bool, str | None]]:
    """``order``, then the index and every other column (ascending, by value)."""
    keys = list(order)
    named = {name for name, _, _ in keys}
    rest = [index, *columns] if index not in named else columns
    return keys + [(name, True, None) for name in rest if name not in named]


class Repeated(NamedTuple):
    """A column whose row ``i`` holds ``values[owner[i]]``: a CPPU station's free text for
    each of its intervals, taken once, in the frame's final order, by :func:`finish`."""

    values: Any
    owner: np.ndarray

    def take(self, rows: np.ndarray) -> Any:
        return self.values.take(self.owner[rows])


def sort_frame(df: pd.DataFrame, order: Iterable[tuple[str, bool, str | None]]) -> pd.DataFrame:
    """Sort ``df`` on ``order``, then on every other column, missing values last.

    Parameters
    ----------
    df : DataFrame
        A tidy frame; its index name may appear in ``order``.
    order : iterable of (name, ascending, how)
        The primary keys, e.g. ``registry.get(resource).sort_order``; ``how`` is "enum" (category
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
    if df.empty:
        return df
    return df.iloc[_frame_positions(df, order, unique=False)]


def sort_unique(df: pd.DataFrame, order: Iterable[tuple[str, bool, str | None]]) -> pd.DataFrame:
    """:func:`sort_frame`, dropping rows equal to another in every column and the index."""
    if df.empty:
        return df
    return df.iloc[_frame_positions(df, order, unique=True)]


def drop_exact_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows equal to an earlier one in every column *and* the index."""
    return df[~df.reset_index().duplicated().to_numpy()]


def scopes(department_code: Any) -> pd.Categorical:
    """The CPC ``scope`` of each row: "national" for ``FR`` (CCPC-RG02), else "department"."""
    codes_of = (department_code if isinstance(department_code, pd.Categorical)
                else pd.Categorical(department_code))
    codes = np.asarray(codes_of.codes)
    national = np.asarray(codes_of.categories, dtype=object) == "FR"  # no pandas op: ~5 us
    scope = np.where(national, m.SCOPES.index("national"), m.SCOPES.index("department"))
    return pd.Categorical.from_codes(np.append(scope, -1)[codes], dtype=_scope_dtype(),
                                     validate=False)


@functools.cache
def _scope_dtype() -> pd.CategoricalDtype:
    """The dtype of ``scope``, made on first use (not at import: it costs pyarrow imports)."""
    return pd.CategoricalDtype(m.SCOPES)


def _user_stacklevel() -> int:
    """The ``stacklevel`` of a warning issued by the caller of this function that points at
    the first frame outside the rtecap package (the user's call, whichever loader it went
    through)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    frame: Any = sys._getframe(1)
    level = 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _set_aside(
    spec: registry.Resource, df: pd.DataFrame, keys: Iterable[tuple[str, bool, str | None]]
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Split off the rows without an index date: (dated rows, undated rows, their counts).

    A record with neither index date nor value (``Resource.placeholder_value``: CPC's
    ``capacity_kw``) is a CCPC-RG09 placeholder (a requested combination without data); any
    other undated row is data the source left undated, and a warning counts them.
    """
    undated = np.asarray(df.index.isna(), dtype=bool)
    aside = sort_unique(df[undated], keys)
    counts = {"undated": len(aside), "placeholders": 0}
    if spec.placeholder_value is not None:
        counts["placeholders"] = int(aside[spec.placeholder_value].isna().sum())
        counts["undated"] -= counts["placeholders"]
    if counts["undated"]:
        warnings.warn(
            f"{counts['undated']} {spec.name} row(s) without {df.index.name} set aside (not in "
            f"the frame); pass return_undated=True to get them",
            UserWarning,
            stacklevel=_user_stacklevel(),
        )
    return df[~undated], aside, counts


def _whole(column: Any) -> Any:
    """A column itself (a :class:`Repeated` one spelled out)."""
    return column.values.take(column.owner) if isinstance(column, Repeated) else column


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
    spec = registry.get(resource)
    keys = row_order(spec.name, order)
    names = [c for c, _ in spec.columns]
    index = index.rename(spec.index)
    aside: pd.DataFrame | None = None
    if index.hasnans:  # rows to set aside first
        df = pd.DataFrame({name: _whole(columns[name]) for name in names}, index=index)
        df, aside, counts = _set_aside(spec, df, keys)
        df = sort_unique(df, keys)
    else:  # the usual case: the sorted frame made at once (each column taken once)
        def column(name: str, rows: np.ndarray) -> Any:
            return index.take(rows) if name == spec.index else columns[name].take(rows)

        full = _full_order(spec.index, names, keys)
        rows = _positions(column, len(index), full, unique=True)
        df = pd.DataFrame({name: columns[name].take(rows) for name in names},
                          index=index.take(rows), copy=False)  # new arrays: no copy needed
        counts = {"undated": 0, "placeholders": 0}
    df.attrs["rtecap"] = {"resource": spec.name, "lang": "en", "order": order,
                          "set_aside": counts}
    df = translate(df, lang) if lang != "en" else df
    if not return_undated:
        return df
    if aside is None:  # nothing set aside: no row, the frame's columns (translated already)
        aside = df.iloc[:0].reset_index()
    else:
        aside = aside.reset_index()
        aside = translate(aside, lang) if lang != "en" else aside
    aside.attrs = copy.deepcopy(df.attrs)
    return df, aside
