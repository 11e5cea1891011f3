"""Checks of the time grid of market frames: rows per Paris day, gaps and duplicates.

A quarter-hourly day-ahead day has 96 periods, 92 on the last Sunday of March (23 hours) and
100 on the last Sunday of October (25 hours); the checks count on the Paris wall clock with
the real length of each day, never 24 hours.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from rtecap import mappings as m
from rtecap.exceptions import RteValidationError


def periods_per_day(day: dt.date | str, freq: str = "15min") -> int:
    """Number of periods of ``freq`` in a Paris calendar day.

    Parameters
    ----------
    day : date or ISO string
        The Paris calendar day.
    freq : str, default "15min"
        A fixed pandas frequency (``"15min"``, ``"1h"``, ``"4s"`` ...).

    Returns
    -------
    int

    Examples
    --------
    >>> [periods_per_day(d) for d in ("2026-03-29", "2026-04-01", "2026-10-25")]
    [92, 96, 100]
    """
    start = pd.Timestamp(day).tz_localize(None).normalize().tz_localize(m.TZ)
    end = (start.tz_localize(None) + pd.Timedelta(days=1)).tz_localize(m.TZ)
    return int((end - start) / pd.Timedelta(freq))


def _resolution(df: pd.DataFrame, freq: str | None) -> pd.Timedelta:
    if freq is not None:
        return pd.Timedelta(freq)
    seconds = (df.attrs.get("rtecap") or {}).get("resolution_seconds")
    if seconds:
        return pd.Timedelta(seconds=int(seconds))
    end = next((c for c in ("period_end", "bucket_end", "fin_periode", "fin_intervalle")
                if c in df.columns), None)  # fmt: skip
    if end is not None and df[end].notna().any():
        return (df[end] - df.index).dropna().mode().iloc[0]
    steps = df.index.unique().sort_values().to_series().diff().dropna()
    if steps.empty:
        raise RteValidationError("cannot infer the time step of fewer than two periods: "
                                 "pass freq=", parameter="freq")  # fmt: skip
    return steps.mode().iloc[0]


def _check_index(df: pd.DataFrame) -> pd.DatetimeIndex:
    index = df.index
    if not isinstance(index, pd.DatetimeIndex) or index.tz is None:
        raise RteValidationError("a market frame has a time-zone aware DatetimeIndex")
    return index


def gaps(
    df: pd.DataFrame, freq: str | None = None, by: str | list[str] | None = None
) -> pd.DataFrame:
    """Missing and duplicate periods between the first and the last period of a frame.

    Parameters
    ----------
    df : DataFrame
        A market frame (index: period start).
    freq : str, optional
        The expected step; default: ``attrs['rtecap']['resolution_seconds']`` when there,
        else the most common period length (``period_end`` - start), else the most common
        step of the index.
    by : str or list of str, optional
        Label column(s) whose groups each have their own series (``["product_type",
        "direction"]`` for capacity): a period is missing or duplicate within its group.
        Default: none, for one-series frames (prices, energy).

    Returns
    -------
    DataFrame
        One row per problem, index ``period_start`` (Europe/Paris), columns ``issue``
        ("missing" / "duplicate", categorical), ``count`` (rows at that period, 0 if
        missing) and, with ``by``, the group. Empty when the grid is whole.

    Examples
    --------
    >>> idx = pd.date_range("2026-03-29", periods=4, freq="15min", tz="Europe/Paris")
    >>> df = pd.DataFrame({"price_eur_mwh": 1.0}, index=idx.delete(2).append(idx[:1]))
    >>> gaps(df.sort_index())  # doctest: +NORMALIZE_WHITESPACE
                                 issue  count
    period_start
    2026-03-29 00:00:00+01:00  duplicate      2
    2026-03-29 00:30:00+01:00    missing      0
    """
    _check_index(df)
    step = _resolution(df, freq)
    keys = [by] if isinstance(by, str) else list(by or [])
    groups = [((), df)] if not keys else list(df.groupby(keys, observed=True))
    parts = []
    for key, part in groups:
        counts = part.index.value_counts()
        if counts.empty:
            continue
        grid = pd.date_range(counts.index.min(), counts.index.max(), freq=step)
        full = counts.reindex(grid.union(counts.index), fill_value=0)
        bad = full[full != 1]
        frame = pd.DataFrame({"issue": ["missing" if c == 0 else "duplicate" for c in bad],
                              "count": bad.to_numpy()}, index=bad.index)  # fmt: skip
        for column, value in zip(keys, key if isinstance(key, tuple) else (key,), strict=True):
            frame[column] = value
        parts.append(frame)
    out = pd.concat(parts) if parts else pd.DataFrame({"issue": [], "count": []})
    out["issue"] = out["issue"].astype(pd.CategoricalDtype(["missing", "duplicate"]))
    out["count"] = out["count"].astype("int64")
    index_out = pd.DatetimeIndex(out.index) if parts else pd.DatetimeIndex([], tz=m.TZ)
    out.index = index_out.tz_convert(m.TZ).rename("period_start")
    return out.sort_index(kind="stable")


def day_counts(df: pd.DataFrame, freq: str | None = None) -> pd.DataFrame:
    """Rows per Paris calendar day against the periods the day holds.

    Parameters
    ----------
    df : DataFrame
        A one-series market frame (day-ahead prices, an energy frame).
    freq : str, optional
        The expected step (default as in :func:`gaps`).

    Returns
    -------
    DataFrame
        Index ``date`` (Paris calendar day), columns ``rows``, ``expected`` (96 / 92 / 100
        for quarter hours), ``complete`` (bool).

    Examples
    --------
    >>> idx = pd.date_range("2026-03-29", "2026-03-30", freq="15min", tz="Europe/Paris",
    ...                     inclusive="left")
    >>> frame = pd.DataFrame({"price_eur_mwh": 0.0}, index=idx)
    >>> day_counts(frame)  # doctest: +NORMALIZE_WHITESPACE
                rows  expected  complete
    date
    2026-03-29    92        92      True
    """
    index = _check_index(df).tz_convert(m.TZ)
    step = _resolution(df, freq)
    days = pd.Series(index.date, name="date")
    rows = days.value_counts().sort_index()
    expected = [periods_per_day(day, step) for day in rows.index]
    out = pd.DataFrame({"rows": rows.to_numpy(), "expected": expected},
                       index=pd.Index(rows.index, name="date"))  # fmt: skip
    out["complete"] = out["rows"] == out["expected"]
    return out
