"""Production units (CPPU): which stations run at a date, capacity over time, openings and closures.

A CPPU frame holds one row per *value interval* of a station: the row's index is the start of
the interval and ``end_date`` its end (``NaT`` while it is still open). A station is in operation
at ``t`` under a row when ``start <= t < end`` (or ``end`` is NaT): the end is the first moment
it no longer runs with that value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtecap import mappings, registry
from rtecap.dates import DateLike, parse_date
from rtecap.exceptions import RteValidationError
from rtecap.ops.frames import col, derived_attrs, frame_kind, frame_lang, to_english
from rtecap.ops.labels import (
    check_level,
    label_column,
    level_order,
    sector_labels,
    stack_long,
)

#: Largest (dates x rows) boolean block evaluated at once by :func:`capacity_by_date`.
_BLOCK_CELLS = 20_000_000


def _check_cppu(df: pd.DataFrame) -> None:
    kind = frame_kind(df)
    if registry.get(kind).capacity != "units":
        raise RteValidationError(f"this needs a {mappings.CPPU} frame, not {kind}")


def _ns(values: object) -> np.ndarray:
    """Nanoseconds since the epoch (UTC) as int64; NaT becomes the smallest int64."""
    return pd.DatetimeIndex(values).as_unit("ns").asi8


def in_operation(df: pd.DataFrame, at: DateLike) -> pd.DataFrame:
    """Return the rows of a CPPU frame whose validity interval covers the date ``at``.

    A row covers ``at`` when ``start_date <= at < end_date``, or ``end_date`` is NaT (still
    open). Rows whose start is NaT never do.

    Parameters
    ----------
    df : DataFrame
        A CPPU frame (English or French).
    at : str, datetime.date, datetime or Timestamp
        The date: an ISO 8601 string (``"2020-06-01"``, ``"2020-06-01T12:00:00+02:00"``) or a
        date object (see :func:`rtecap.dates.parse_date`; ``"01/06/2020"`` is refused, not
        guessed). A naive value is Europe/Paris local time (it must not fall in the hour
        skipped or repeated by a daylight saving change).

    Returns
    -------
    DataFrame
        The matching rows, in the frame's order, same columns and attrs: one row per station
        in operation (a station has one value at a time).

    Raises
    ------
    RteValidationError
        If ``df`` is not a CPPU frame, or ``at`` is not an ISO 8601 date or a date object, or
        not a single local time.

    Examples
    --------
    >>> from rtecap import read_capacities_per_production_unit
    >>> units = read_capacities_per_production_unit({"capacities_per_production_unit": [
    ...     {"production_unit": {"code_eic": "17W100P100P0341J", "name": "Pont-sur-Sambre"},
    ...      "values": [{"start_date": "2019-08-09T00:00:00+02:00", "installed_capacity": 412,
    ...                  "end_date": "2022-05-16T00:00:00+02:00", "type": "FOSSIL_GAS"}]},
    ...     {"production_unit": {"code_eic": "17W100P100P02965", "name": "Flamanville 3"},
    ...      "values": [{"start_date": "2024-05-07T00:00:00+02:00", "installed_capacity": 1600,
    ...                  "type": "NUCLEAR"}]}]})
    >>> in_operation(units, "2020-01-01")["name"].tolist()
    ['Pont-sur-Sambre']
    >>> in_operation(units, "2025-01-01")["name"].tolist()
    ['Flamanville 3']
    """
    _check_cppu(df)
    ts = parse_date(at, "at")
    end = df[col("end_date", frame_lang(df))]
    starts, ends = df.index, pd.DatetimeIndex(end)
    mask = (starts <= ts) & (ends.isna() | (ends > ts))
    return df[np.asarray(mask, dtype=bool)].copy()


def capacity_by_date(
    df: pd.DataFrame, level: str = "sector", freq: str | None = None
) -> pd.DataFrame:
    """Capacity in operation per sector at each date the CPPU fleet changes.

    Parameters
    ----------
    df : DataFrame
        A CPPU frame in English.
    level : {"sector", "sub_sector", "production_type"}
        Label level of the columns (see :func:`rtecap.ops.sector_labels`).
    freq : str, optional
        Pandas offset alias (``"YS"``, ``"MS"`` ...). The capacity is a stock, so each period
        keeps its *last* value (the fleet at the end of the period) and periods without any
        change carry the previous value forward.

    Returns
    -------
    DataFrame
        Wide, English: index = change dates (every interval start and end, ascending) or period
        starts; one column per label in display order; MW (``NaN`` capacities count as 0).
    """
    level = check_level(level)
    valid = df[df.index.notna()]
    starts, ends = _ns(valid.index), _ns(valid["end_date"])
    open_end = pd.isna(valid["end_date"]).to_numpy()
    labels = sector_labels(valid["production_type"], level).to_numpy()
    order = level_order(level, labels)
    caps = valid["capacity_mw"].astype("float64").fillna(0.0).to_numpy()
    weights = np.zeros((len(valid), len(order)))
    for j, label in enumerate(order):
        weights[:, j] = np.where(labels == label, caps, 0.0)
    dates = np.unique(np.concatenate([starts, ends[~open_end]]))
    result = np.zeros((len(dates), len(order)))
    step = max(1, _BLOCK_CELLS // max(1, len(valid)))
    for i in range(0, len(dates), step):
        t = dates[i : i + step, None]
        active = (starts[None, :] <= t) & (open_end[None, :] | (ends[None, :] > t))
        result[i : i + step] = active.astype("float64") @ weights
    index = pd.DatetimeIndex(dates.astype("datetime64[ns]"), name=df.index.name)
    index = index.tz_localize("UTC").tz_convert(mappings.TZ)
    wide = pd.DataFrame(result, index=index, columns=pd.Index(order, name=label_column(level)))
    if freq is not None:
        wide = wide.resample(freq).last().ffill()
    return wide


def _openings_closures(df: pd.DataFrame, level: str, freq: str) -> tuple[pd.DataFrame, ...]:
    """Per period and label: MW commissioned and MW closed (both >= 0), English, wide."""
    valid = df[df.index.notna()]
    station = valid["code_eic"].astype("object").fillna(valid["name"].astype("object"))
    labels = sector_labels(valid["production_type"], level).to_numpy()
    caps = valid["capacity_mw"].astype("float64").fillna(0.0).to_numpy()
    ended = valid["end_date"].notna().to_numpy()
    events = pd.DataFrame(
        {
            "date": valid.index.append(pd.DatetimeIndex(valid["end_date"][ended])),
            "station": np.concatenate([station, station[ended]]),
            "label": np.concatenate([labels, labels[ended]]),
            "delta": np.concatenate([caps, -caps[ended]]),
        }
    )
    # Net the events of one station at one date: a new value replacing the old one counts
    # only its difference, and a station that changes sector closes in one, opens in another.
    net = events.groupby(["date", "station", "label"], sort=False)["delta"].sum().reset_index()
    out = []
    for values in (net["delta"].clip(lower=0), (-net["delta"]).clip(lower=0)):
        per_date = values.groupby([net["date"], net["label"]]).sum().unstack(fill_value=0.0)
        out.append(per_date.resample(freq).sum())
    return tuple(out)


def timeline(df: pd.DataFrame, *, freq: str = "YS", level: str = "sector") -> pd.DataFrame:
    """Commissioning and closure timeline of a CPPU frame, per period and sector.

    Parameters
    ----------
    df : DataFrame
        A CPPU frame (English or French).
    freq : str, default "YS"
        Pandas offset alias of the periods (``"YS"``: calendar years, local time).
    level : {"sector", "sub_sector", "production_type"}, default "sector"
        Label level (see :func:`rtecap.ops.sector_labels`).

    Returns
    -------
    DataFrame
        Tidy: index = period start (named like the frame's index), one row per period and
        label, columns ``sector`` (or ``production_type``; categorical, display order),
        ``capacity_mw`` (in operation at the end of the period), ``commissioned_mw`` and
        ``closed_mw`` (MW that started / stopped during the period, both >= 0). Per station,
        the events of one date are netted first, so a value revised from 400 to 412 MW counts
        12 MW commissioned, not 412 opened and 400 closed. Hence, per label,
        ``capacity_mw`` = previous ``capacity_mw`` + ``commissioned_mw`` - ``closed_mw``.
        French frames give French names and labels.

    Raises
    ------
    RteValidationError
        If ``df`` is not a CPPU frame, or ``level`` is unknown.

    Examples
    --------
    >>> from rtecap import read_capacities_per_production_unit
    >>> units = read_capacities_per_production_unit({"capacities_per_production_unit": [
    ...     {"production_unit": {"code_eic": "17W100P100P0341J", "name": "Pont-sur-Sambre"},
    ...      "values": [{"start_date": "2019-08-09T00:00:00+02:00", "installed_capacity": 412,
    ...                  "end_date": "2022-05-16T00:00:00+02:00", "type": "FOSSIL_GAS"}]}]})
    >>> tl = timeline(units, freq="YS")
    >>> tl[["capacity_mw", "commissioned_mw", "closed_mw"]].loc[["2019", "2022"]].values.tolist()
    [[412.0, 412.0, 0.0], [0.0, 0.0, 412.0]]
    """
    _check_cppu(df)
    level = check_level(level)
    en, lang = to_english(df)
    capacity = capacity_by_date(en, level, freq)
    frames = [capacity]
    for wide in _openings_closures(en, level, freq) if len(capacity) else (capacity, capacity):
        frames.append(wide.reindex(index=capacity.index, columns=capacity.columns, fill_value=0.0))
    names = ("capacity_mw", "commissioned_mw", "closed_mw")
    long = stack_long(dict(zip(names, frames, strict=True)), level, lang)
    long.attrs = derived_attrs(df, "timeline")
    return long
