"""The shape every parsed frame ends in: schema, the guide's output order, dedupe, attrs.

The schema and the order of each resource are its entry of :mod:`rtecap.registry`.
"""

from __future__ import annotations

import copy
import os
import sys
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

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
    values = np.where(pd.isna(codes), np.array(None, dtype=object),
                      np.where(national, "national", "department"))
    return pd.Categorical(values, categories=m.SCOPES)


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
    spec: registry.Resource, df: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Split off the rows without an index date: (dated rows, undated rows, their counts).

    A record with neither index date nor value (``Resource.placeholder_value``: CPC's
    ``capacity_kw``) is a CCPC-RG09 placeholder (a requested combination without data); any
    other undated row is data the source left undated, and a warning counts them.
    """
    undated = np.asarray(df.index.isna(), dtype=bool)
    aside = df[undated]
    counts = {"undated": int(undated.sum()), "placeholders": 0}
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
    df = pd.DataFrame(dict(columns), index=index.rename(spec.index))[names]
    df, aside, counts = _set_aside(spec, drop_exact_duplicates(df))
    df = sort_frame(df, keys)
    df.attrs["rtecap"] = {"resource": spec.name, "lang": "en", "order": order,
                          "set_aside": counts}
    df = translate(df, lang) if lang != "en" else df
    if not return_undated:
        return df
    aside = sort_frame(aside, keys).reset_index()
    aside.attrs = copy.deepcopy(df.attrs)
    return df, (translate(aside, lang) if lang != "en" else aside)
