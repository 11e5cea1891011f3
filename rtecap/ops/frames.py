"""What a frame is (kind, language) and the conversions that keep its shape (translate, to_mw).

Every function here is pure: it never changes its argument and returns a new frame.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

import pandas as pd

from rtecap import mappings, registry
from rtecap.exceptions import RteValidationError

# One translation for the whole package: the parsers' (guide §6.2 + mappings tables).
from rtecap.parsers._translate import (
    COLUMNS_EN_ALL,
    COLUMNS_FR_ALL,
    LABELS_FR,
    frame_lang,
    translate,
)

#: The ``attrs["rtecap"]["resource"]`` of the frame returned by
#: :func:`rtecap.datasets.load_national_capacities` (ODRE national yearly capacities).
NATIONAL = mappings.NATIONAL
#: The frame kinds the analysis layer understands: every entry of :mod:`rtecap.registry`.
KINDS = registry.names()


def _english_names(df: pd.DataFrame) -> set[str]:
    names = {str(c) for c in df.columns} | {str(df.index.name)}
    return {COLUMNS_EN_ALL.get(n, n) for n in names}


def _kind_from_columns(names: set[str]) -> str | None:
    """The kind whose signature columns are all there; the most demanding one if several are
    (a CPPU frame also has the CPPT signature, production_type + capacity_mw)."""
    found = [r for r in registry.resources() if set(r.signature) <= names]
    return max(found, key=lambda r: len(r.required)).name if found else None


def frame_kind(df: pd.DataFrame) -> str:
    """Return which rtecap frame ``df`` is: one of :data:`KINDS`.

    The kind comes from ``df.attrs["rtecap"]["resource"]`` when it is there, else from the
    column names (English or French). Either way the columns the kind needs must be present.

    Parameters
    ----------
    df : DataFrame
        A frame returned by a ``get_*`` / ``read_*`` loader or by
        :func:`rtecap.datasets.load_national_capacities` (or one shaped like them).

    Returns
    -------
    str
        ``capacities_per_production_type``, ``capacities_per_production_unit``,
        ``capacities_cpc`` or ``odre_national_capacities``.

    Raises
    ------
    RteValidationError
        If the frame is none of these, or lacks a column its kind needs. Derived frames
        (``by_sector``, ``mix`` ... results) are not frames of any kind.

    Examples
    --------
    >>> empty = pd.DatetimeIndex([], tz="Europe/Paris", name="start_date")
    >>> frame_kind(pd.DataFrame(columns=["production_type", "capacity_mw"], index=empty))
    'capacities_per_production_type'
    """
    names = _english_names(df)
    meta = df.attrs.get("rtecap")
    meta = meta if isinstance(meta, Mapping) else {}
    if "operation" in meta:
        raise RteValidationError(
            f"this frame is the result of {meta['operation']}(), not a capacities frame"
        )
    resource = meta.get("resource")
    spec = registry.find(resource) if resource else None
    kind = spec.name if spec is not None else resource
    if kind is None:
        kind = _kind_from_columns(names)
        if kind is None:
            signatures = ", ".join(" + ".join(r.signature) for r in registry.resources())
            raise RteValidationError(
                "not an rtecap frame: expected the columns of a capacities frame "
                f"({signatures}), got {sorted(str(c) for c in df.columns)}"
            )
    if kind not in KINDS:
        raise RteValidationError(f"unknown rtecap frame kind {kind!r}; expected one of {KINDS}")
    spec = registry.get(kind)
    missing = [c for c in spec.required if c not in names]
    missing += [group[0] for group in spec.required_any if not set(group) & names]
    if missing:
        raise RteValidationError(f"a {kind} frame needs the columns {missing}")
    if not isinstance(df.index, pd.DatetimeIndex):
        raise RteValidationError(f"a {kind} frame has a DatetimeIndex, not {type(df.index)}")
    return kind


def col(name: str, lang: str) -> str:
    """Return the column name ``name`` (English) in language ``lang``."""
    return COLUMNS_FR_ALL.get(name, name) if lang == "fr" else name


def label_table(column: str, lang: str) -> Mapping[str, str]:
    """Return the English -> ``lang`` label table of the label column ``column`` (English name)."""
    table = LABELS_FR.get(column, {})
    return table if lang == "fr" else {}


def to_english(df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Return ``(df in English, the language df was in)``; helper for the ops functions."""
    lang = frame_lang(df)
    return (translate(df, "en") if lang == "fr" else df), lang


def to_mw(df: pd.DataFrame) -> pd.DataFrame:
    """Convert a CPC frame's ``capacity_kw`` (Int64, kW) into ``capacity_mw`` (float64, MW).

    Each value is divided by 1000 as a float64: ``int kW -> float -> / 1000`` is exact up to
    the float64 rounding of the quotient (the result is the float nearest to value/1000, since
    every capacity below 2**53 kW is an exact float). ``<NA>`` becomes ``NaN``. The column
    keeps its place; French frames turn ``puissance_kw`` into ``puissance_mw``. Frames without
    a kW column (CPPT, CPPU, the national dataset, a CPC frame already in MW) come back as an
    unchanged copy.

    Parameters
    ----------
    df : DataFrame
        Any rtecap frame.

    Returns
    -------
    DataFrame
        A copy, in MW.

    Examples
    --------
    >>> cpc = pd.DataFrame({"capacity_kw": pd.array([323012, None], dtype="Int64")})
    >>> to_mw(cpc)["capacity_mw"].tolist()
    [323.012, nan]
    """
    out = df.copy()
    out.attrs = copy.deepcopy(df.attrs)
    lang = frame_lang(df)
    kw, mw = col("capacity_kw", lang), col("capacity_mw", lang)
    if kw in out.columns:
        values = out[kw].astype("Float64").to_numpy(dtype="float64", na_value=float("nan"))
        out[kw] = values / 1000.0
        out = out.rename(columns={kw: mw})
    return out


def derived_attrs(df: pd.DataFrame, operation: str) -> dict:
    """Return the ``attrs`` of a frame derived from ``df`` by ``operation``.

    The provenance is kept but ``resource`` becomes ``source_resource``, so a derived frame
    (wide, per sector) is never mistaken for a loader frame by :func:`frame_kind`.
    """
    meta = dict(df.attrs.get("rtecap") or {})
    source = meta.pop("resource", None)
    return {"rtecap": {**copy.deepcopy(meta), "source_resource": source, "operation": operation}}
