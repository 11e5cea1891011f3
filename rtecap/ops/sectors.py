"""Capacity per sector over time, the generation mix and its changes, for every frame kind."""

from __future__ import annotations

import pandas as pd

from rtecap import mappings, registry
from rtecap.exceptions import RteValidationError
from rtecap.ops.frames import derived_attrs, frame_kind, to_english, to_mw
from rtecap.ops.labels import (
    check_level,
    label_column,
    level_order,
    localize_wide,
    sector_labels,
    stack_long,
)
from rtecap.ops.units import capacity_by_date


def _pivot(df: pd.DataFrame, labels: pd.Series, level: str) -> pd.DataFrame:
    """Sum ``capacity_mw`` per (index date, label) into a wide frame; NaT dates are dropped."""
    time = str(df.index.name)
    tidy = pd.DataFrame(
        {
            time: df.index,
            "label": labels.to_numpy(dtype=object),
            "value": df["capacity_mw"].to_numpy(dtype="float64", na_value=float("nan")),
        }
    )
    wide = tidy.groupby([time, "label"])["value"].sum(min_count=1).unstack("label")
    wide.index = pd.DatetimeIndex(wide.index, name=time)
    wide = wide[level_order(level, wide.columns)]
    wide.columns = pd.Index(list(wide.columns), name=label_column(level))
    return wide


def scope_of(df: pd.DataFrame) -> pd.Series:
    """The CPC ``scope`` of each row of an English CPC frame ("national" / "department").

    The ``scope`` column when the frame has one, else derived from ``department_code``.
    """
    if "scope" in df.columns:
        return df["scope"].astype("object")
    codes = df["department_code"].astype("object")
    return codes.where(codes.isna(), codes.eq("FR").map({True: "national", False: "department"}))


def national_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Keep the national rows of an English CPC frame: ``FR`` rows, else the departments.

    A CPC frame may hold the national aggregate (``scope == "national"``, department code
    ``FR``, CCPC-RG02) and department rows side by side; summing everything would count
    France twice. For each update date, the national rows are used when there are any, else
    the department rows (whose sum is the national figure).

    Parameters
    ----------
    df : DataFrame
        A CPC frame in English.

    Returns
    -------
    DataFrame
        The selected rows.

    Examples
    --------
    >>> from rtecap import read_capacities_cpc
    >>> row = {"updated_date": "2024-01-09T00:00:00+01:00", "network_connection": "RPD",
    ...        "production_type": "SOLAR"}
    >>> cpc = read_capacities_cpc({"capacities_cpc": [
    ...     {**row, "department_code": "FR", "value": 300},
    ...     {**row, "department_code": "FR-01", "value": 100},
    ...     {**row, "department_code": "FR-02", "value": 200},
    ...     {**row, "updated_date": "2024-02-09T00:00:00+01:00", "department_code": "FR-01",
    ...      "value": 110}]})
    >>> rows = national_rows(cpc)  # January: the FR row; February: the departments
    >>> rows["department_code"].tolist(), rows["capacity_kw"].tolist()
    (['FR', 'FR-01'], [300, 110])
    """
    df = df[df.index.notna()]
    is_fr = (scope_of(df) == "national").to_numpy()
    has_fr = df.index.isin(df.index[is_fr])
    return df[is_fr | ~has_fr]


def _select_scope(df: pd.DataFrame, scope: str) -> pd.DataFrame:
    if "department_code" not in registry.get(frame_kind(df)).required:
        raise RteValidationError(f"national()/departments() need a {mappings.CPC} frame")
    en, _ = to_english(df)
    return df[(scope_of(en) == scope).to_numpy()].copy()


def national(df: pd.DataFrame) -> pd.DataFrame:
    """The national rows of a CPC frame (``scope == "national"``: department code ``FR``).

    Parameters
    ----------
    df : DataFrame
        A CPC frame (English or French).

    Returns
    -------
    DataFrame
        The ``FR`` rows (CCPC-RG02), same columns and attrs.

    Raises
    ------
    RteValidationError
        If ``df`` is not a CPC frame.

    Examples
    --------
    >>> from rtecap import read_capacities_cpc
    >>> row = {"updated_date": "2024-01-09T00:00:00+01:00", "network_connection": "RPD",
    ...        "production_type": "SOLAR"}
    >>> cpc = read_capacities_cpc({"capacities_cpc": [
    ...     {**row, "department_code": "FR", "value": 300},
    ...     {**row, "department_code": "FR-01", "value": 100},
    ...     {**row, "department_code": "FR-02", "value": 200}]})
    >>> national(cpc)["capacity_kw"].tolist()
    [300]
    """
    return _select_scope(df, "national")


def departments(df: pd.DataFrame) -> pd.DataFrame:
    """The department rows of a CPC frame (``scope == "department"``: not ``FR``).

    Their sum over departments is a national figure; never add the ``FR`` rows to it.

    Parameters
    ----------
    df : DataFrame
        A CPC frame (English or French).

    Returns
    -------
    DataFrame
        The department rows, same columns and attrs.

    Raises
    ------
    RteValidationError
        If ``df`` is not a CPC frame.

    Examples
    --------
    >>> from rtecap import read_capacities_cpc
    >>> row = {"updated_date": "2024-01-09T00:00:00+01:00", "network_connection": "RPD",
    ...        "production_type": "SOLAR"}
    >>> cpc = read_capacities_cpc({"capacities_cpc": [
    ...     {**row, "department_code": "FR", "value": 300},
    ...     {**row, "department_code": "FR-01", "value": 100},
    ...     {**row, "department_code": "FR-02", "value": 200}]})
    >>> int(departments(cpc)["capacity_kw"].sum())  # the national figure, counted once
    300
    """
    return _select_scope(df, "department")


def _national_sectors(en: pd.DataFrame, level: str) -> tuple[pd.DataFrame, pd.Series]:
    """Rows and labels of the national dataset for :func:`by_sector`.

    ``sector`` level: ODRE's published sector totals (``sector_total_mw``, one per year and
    sector); ``sub_sector`` level: ``capacity_mw`` per sub-sector, an unsplit fossil row
    (2007-2009) labelled ``fossil``.
    """
    if level == "production_type":
        raise RteValidationError(
            "the national dataset has sectors, not production types", parameter="level"
        )
    if level == "sector":
        if "sector_total_mw" in en.columns:
            flat = en.reset_index()
            first = ~flat.duplicated([str(en.index.name), "sector"]).to_numpy()
            en = en[first].assign(capacity_mw=en["sector_total_mw"][first])
        return en, en["sector"].astype("object")
    sub = en["sub_sector"].astype("object") if "sub_sector" in en.columns else en["sector"]
    return en, sub.fillna(en["sector"].astype("object"))


def _type_rows(en: pd.DataFrame, level: str) -> tuple[pd.DataFrame, pd.Series]:
    """Rows and labels of a frame with one capacity per production type and date."""
    return en, sector_labels(en["production_type"], level)


def _national_type_rows(en: pd.DataFrame, level: str) -> tuple[pd.DataFrame, pd.Series]:
    """The same for a CPC frame: in MW, national rows only (see :func:`national_rows`)."""
    return _type_rows(national_rows(to_mw(en)), level)


#: How the rows of each kind of frame add up per label (``Resource.capacity``); station
#: intervals (``units``) are summed over time by :func:`rtecap.ops.units.capacity_by_date`.
_ROWS = {"sectors": _national_sectors, "types": _type_rows, "national_rows": _national_type_rows}


def _wide(df: pd.DataFrame, level: str, freq: str | None) -> tuple[pd.DataFrame, str]:
    """English wide frame of :func:`by_sector` and the language of ``df``."""
    spec = registry.get(frame_kind(df))
    level = check_level(level)
    en, lang = to_english(df)
    if spec.capacity == "units":
        return capacity_by_date(en, level, freq), lang
    en, labels = _ROWS[spec.capacity](en, level)
    wide = _pivot(en, labels, level)
    return (wide if freq is None else wide.resample(freq).last()), lang


def by_sector(
    df: pd.DataFrame, *, level: str = "sector", freq: str | None = None
) -> pd.DataFrame:
    """Installed capacity per sector over time, in MW: a wide time x sector frame.

    The labels are those of :func:`rtecap.datasets.load_national_capacities`, so a frame from
    the API and the ODRE dataset compare column by column.

    Parameters
    ----------
    df : DataFrame
        A CPPT, CPPU, CPC or national-dataset frame (English or French).
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        ``sector``: the top-level sectors of :data:`rtecap.mappings.SECTORS` (``fossil`` is the
        total of coal, gas and oil, which never appear beside it); ``sub_sector``: the same
        with ``fossil`` replaced by ``coal``, ``gas`` and ``oil``; ``production_type``: one
        column per production type (not available for the national dataset). For the
        national dataset, ``sector`` shows ODRE's published sector totals
        (``sector_total_mw``: its fossil figure, up to 27 MW off coal + gas + oil in 2013,
        2014, 2022, 2023) and ``sub_sector`` adds up ``capacity_mw`` (coal + gas + oil, and
        an unsplit ``fossil`` column for 2007-2009).
    freq : str, optional
        Pandas offset alias (``"YS"``, ``"MS"``) to resample to. Capacities are stocks, not
        flows: each period keeps its **last** value (never a sum).

    Returns
    -------
    DataFrame
        Index: the frame's dates, ascending (CPPT: ``start_date``; CPC: ``updated_date``;
        CPPU: every date a station opens, closes or changes value; national: ``start_date``),
        or the period starts with ``freq``. Columns: one per label present, in
        :mod:`rtecap.mappings` order; MW, float. ``NaN`` where the source has no value for a
        label at that date (CPPU: 0, the fleet is known at every date; the national dataset
        at ``sub_sector`` level: coal, gas and oil before 2010, which ODRE does not split,
        and ``fossil`` after). CPC frames are converted to MW first, reduced to national
        figures (the ``scope`` column, see :func:`national_rows`) and summed over both
        networks. French frames give French
        labels and names.

    Raises
    ------
    RteValidationError
        If ``df`` is not an rtecap frame, ``level`` is unknown, or ``level`` is
        ``production_type`` for the national dataset.

    Examples
    --------
    >>> from rtecap.datasets import load_national_capacities
    >>> wide = by_sector(load_national_capacities())
    >>> wide.loc["2023", ["nuclear", "fossil", "wind"]].round().to_dict("records")
    [{'nuclear': 61370.0, 'fossil': 17447.0, 'wind': 23292.0}]
    """
    wide, lang = _wide(df, level, freq)
    out = localize_wide(wide, level, lang)
    out.attrs = derived_attrs(df, "by_sector")
    return out


def mix(df: pd.DataFrame, *, level: str = "sector", freq: str | None = None) -> pd.DataFrame:
    """Share of each sector in the total installed capacity, per date.

    Parameters
    ----------
    df : DataFrame
        A CPPT, CPPU, CPC or national-dataset frame (English or French).
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        As in :func:`by_sector`. Both sector levels count every MW once (``fossil`` or its
        sub-sectors, never both).
    freq : str, optional
        As in :func:`by_sector` (last value per period).

    Returns
    -------
    DataFrame
        Same shape as :func:`by_sector`; fractions of 1 (not percent): each row sums to 1.
        A label absent at a date has share 0; a date whose total is 0 or missing is all NaN.

    Raises
    ------
    RteValidationError
        As :func:`by_sector`.

    Examples
    --------
    >>> from rtecap.datasets import load_national_capacities
    >>> shares = mix(load_national_capacities())
    >>> shares.sum(axis=1).round(12).unique().tolist()
    [1.0]
    >>> round(float(shares.loc["2023", "nuclear"].item()), 3)
    0.412
    """
    wide, lang = _wide(df, level, freq)
    total = wide.sum(axis=1, min_count=1)
    shares = localize_wide(wide.fillna(0.0).div(total.where(total != 0), axis=0), level, lang)
    shares.attrs = derived_attrs(df, "mix")
    return shares


def change(
    df: pd.DataFrame, *, periods: int = 1, level: str = "sector", freq: str | None = None
) -> pd.DataFrame:
    """Change of the installed capacity per sector from one date to the next, in MW and %.

    Parameters
    ----------
    df : DataFrame
        A CPPT, CPPU, CPC or national-dataset frame (English or French).
    periods : int, default 1
        Compare each row of :func:`by_sector` with the row ``periods`` rows earlier (with
        ``freq="YS"`` and ``periods=1``: year on year).
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        As in :func:`by_sector`.
    freq : str, optional
        As in :func:`by_sector` (last value per period).

    Returns
    -------
    DataFrame
        Tidy, one row per date and label from the ``periods``-th date on: index = date (as in
        :func:`by_sector`), columns ``sector`` (or ``production_type``; categorical, display
        order), ``capacity_mw`` (the value at that date), ``change_mw`` (value minus earlier
        value) and ``change_pct`` (``100 * change_mw / earlier value``; NaN when the earlier
        value is 0 or missing). French frames give ``filiere``, ``puissance_mw``,
        ``variation_mw``, ``variation_pct``.

    Raises
    ------
    RteValidationError
        If ``periods`` is not a positive integer, or as :func:`by_sector`.

    Examples
    --------
    >>> from rtecap.datasets import load_national_capacities
    >>> solar = change(load_national_capacities()).query("sector == 'solar'")
    >>> solar.loc["2023", ["capacity_mw", "change_mw"]].round().to_dict("records")
    [{'capacity_mw': 19047.0, 'change_mw': 3137.0}]
    """
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
        raise RteValidationError(
            f"periods must be a positive integer, got {periods!r}", parameter="periods"
        )
    wide, lang = _wide(df, level, freq)
    earlier = wide.shift(periods)
    delta = wide - earlier
    values = {
        "capacity_mw": wide,
        "change_mw": delta,
        "change_pct": delta / earlier.where(earlier != 0) * 100.0,
    }
    long = stack_long({k: v.iloc[periods:] for k, v in values.items()}, level, lang)
    long.attrs = derived_attrs(df, "change")
    return long
