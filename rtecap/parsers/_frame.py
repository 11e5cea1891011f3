"""The shape every parsed frame ends in: schema, the guide's output order, dedupe, attrs.

The schema and the order of each resource are its entry of :mod:`rtecap.registry`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from rtecap import registry
from rtecap.parsers._translate import translate


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


def finish(
    resource: str, index: pd.DatetimeIndex, columns: Mapping[str, Any], lang: str
) -> pd.DataFrame:
    """Assemble parsed columns into the resource's frame: order, dedupe, sort, attrs, lang."""
    spec = registry.get(resource)
    names = [c for c, _ in spec.columns]
    df = pd.DataFrame(dict(columns), index=index.rename(spec.index))[names]
    df = sort_frame(drop_exact_duplicates(df), spec.sort_order)
    df.attrs["rtecap"] = {"resource": spec.name, "lang": "en"}
    return translate(df, lang) if lang != "en" else df
