"""Pure parsers of the market-data API: decoded answer (dict) -> tidy frame(s). No I/O.

Every frame follows the frame contract: a Europe/Paris DatetimeIndex of the period start (the
API's UTC ``...Z`` times converted), the period end as a column, snake_case columns with the
unit as suffix, labels as categoricals, sorted by period start (then product type, direction,
horizon in their enum order), the answer's metadata in ``attrs["rtecap"]``.
"""

from __future__ import annotations

import copy
import datetime as dt
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import pandas as pd

from rtecap import mappings as m
from rtecap._version import __version__
from rtecap.exceptions import ResponseError, RteValidationError
from rtecap.market import mappings as mm
from rtecap.market._endpoints import ENDPOINTS, MEMBER_ENDPOINTS, FrameSpec, endpoint
from rtecap.market.results import BalancingEnergy, EnergyResult

#: The product type each unit capacity endpoint serves (filled in where a row lacks it).
PRODUCT_OF = {mm.FCR_CAPACITY: "FCR", mm.AFRR_CAPACITY: "aFRR", mm.MFRR_CAPACITY: "mFRR"}
Parsed: TypeAlias = pd.DataFrame | EnergyResult | BalancingEnergy


def _times(values: pd.Series, name: str) -> pd.Series:
    try:
        out = pd.to_datetime(values, utc=True, format="ISO8601")
    except (ValueError, TypeError) as err:
        raise ResponseError(f"{name}: not ISO 8601 times ({err})") from err
    return out.dt.tz_convert(m.TZ).dt.as_unit("us")


def _numbers(values: pd.Series, name: str) -> pd.Series:
    if values.map(lambda v: isinstance(v, bool)).any():
        raise ResponseError(f"{name}: true/false where a number is expected")
    try:
        return pd.to_numeric(values, errors="raise").astype("float64")
    except (ValueError, TypeError) as err:
        raise ResponseError(f"{name}: not a number ({err})") from err


def _booleans(values: pd.Series, name: str) -> pd.Series:
    bad = values.map(lambda v: not (v is None or isinstance(v, bool)) and v == v)
    if bad.any():
        raise ResponseError(f"{name}: {values[bad].iloc[0]!r} is not true/false")
    return values.astype("boolean")


def _labels(values: pd.Series, name: str) -> pd.Series:
    known = list(mm.CATEGORIES[name])
    unknown = sorted({str(v) for v in values.dropna().unique()} - set(known))
    if unknown:
        warnings.warn(f"{name}: unknown label(s) {unknown} kept as they are", stacklevel=4)
    return values.astype(pd.CategoricalDtype(known + unknown))


_CONVERT = {"datetime": _times, "float64": _numbers, "boolean": _booleans, "category": _labels}


def parse_rows(rows: Any, spec: FrameSpec, *, where: str = "rows") -> pd.DataFrame:
    """Parse a list of row objects into an English frame of ``spec`` (no attrs).

    Missing fields become NA (the row is kept); a row without its period start is set aside
    with a warning that counts it; exact duplicate rows are dropped with a warning; other
    fields are ignored.

    Parameters
    ----------
    rows : list of dict
        The row objects of the answer.
    spec : FrameSpec
        Fields, dtypes and sort order.
    where : str
        Where the rows are, for messages (``"afrr.recentRows"`` ...).

    Returns
    -------
    DataFrame
        Index ``spec.index[1]`` (Europe/Paris), columns ``spec.names``.

    Raises
    ------
    ResponseError
        ``rows`` is not a list of objects, or a value has the wrong type.

    Examples
    --------
    >>> from rtecap.market._endpoints import DAY_AHEAD_SPEC
    >>> parse_rows([{"hour_start_utc": "2026-04-16T22:00:00.000Z",
    ...              "hour_end_utc": "2026-04-16T22:15:00.000Z", "price_eur_mwh": 128.48}],
    ...            DAY_AHEAD_SPEC)  # doctest: +NORMALIZE_WHITESPACE
                               period_end  price_eur_mwh
    period_start
    2026-04-17 00:00:00+02:00 2026-04-17 00:15:00+02:00         128.48
    """
    if rows is None:
        rows = []
    if not isinstance(rows, Sequence) or isinstance(rows, str | bytes):
        raise ResponseError(f"{where}: expected a list of rows, got {type(rows).__name__}")
    if not all(isinstance(row, Mapping) for row in rows):
        raise ResponseError(f"{where}: every row must be a JSON object")
    fields = [spec.index[0], *(f for f, _, _ in spec.columns)]
    raw = pd.DataFrame([[row.get(f) for f in fields] for row in rows], columns=fields,
                       dtype=object)  # fmt: skip
    start = _times(raw[spec.index[0]], f"{where}.{spec.index[0]}")
    missing = start.isna()
    if missing.any():
        warnings.warn(f"{where}: {int(missing.sum())} row(s) without {spec.index[0]} set "
                      "aside", stacklevel=3)  # fmt: skip
        raw, start = raw[~missing], start[~missing]
    data = {name: _CONVERT[kind](raw[field].reset_index(drop=True), name if kind == "category"
                                 else f"{where}.{field}")
            for field, name, kind in spec.columns}  # fmt: skip
    frame = pd.DataFrame(data)  # positional: the index is set, not aligned
    frame.index = pd.DatetimeIndex(start, name=spec.index[1])
    return _tidy(frame, spec, where)


def _tidy(frame: pd.DataFrame, spec: FrameSpec, where: str, *, unique: bool = False
          ) -> pd.DataFrame:  # fmt: skip
    """Drop exact duplicate rows (with a warning; ``unique=True``: the caller knows there
    are none, e.g. an archive's keyed rows) and sort by period start, then ``spec.sort``."""
    flat = frame.reset_index()
    dupes = pd.Series(False, index=flat.index) if unique else flat.duplicated()
    if dupes.any():
        warnings.warn(f"{where}: {int(dupes.sum())} exact duplicate row(s) dropped",
                      stacklevel=4)  # fmt: skip
        flat = flat[~dupes]
    keys = [spec.index[1], *spec.sort]
    order = pd.DataFrame({k: flat[k].cat.codes if k in spec.sort else flat[k] for k in keys})
    flat = flat.loc[order.sort_values(keys, kind="stable").index]
    return flat.set_index(spec.index[1])


def parse_meta(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The answer's metadata as ``attrs`` entries: Paris dates and times, ints, floats.

    Dates stay ISO dates (Paris calendar days); UTC times become ISO 8601 Europe/Paris times
    (strings, so that ``attrs`` survive ``to_parquet``); keys become snake_case.

    Examples
    --------
    >>> parse_meta({"latestDate": "2026-04-17", "latestFetchedAtUtc": "2026-05-23T14:35:24Z",
    ...             "rowCount": 192})
    {'latest_date': '2026-04-17', 'latest_fetched_at': '2026-05-23T16:35:24+02:00', 'row_count': 192}
    """  # noqa: E501
    out: dict[str, Any] = {}
    for key, (name, kind) in mm.META.items():
        if key not in payload:
            continue
        value = payload[key]
        try:
            if value is None:
                out[name] = None
            elif kind == "date":
                out[name] = dt.date.fromisoformat(str(value)).isoformat()
            elif kind == "time":
                out[name] = pd.Timestamp(value).tz_convert(m.TZ).isoformat()
            else:
                out[name] = int(value) if kind == "int" else float(value)
        except (ValueError, TypeError) as err:
            raise ResponseError(f"{key}: unexpected value {value!r} ({err})") from err
    return out


def translate(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A market frame with names and labels in ``lang``, from either language.

    Parameters
    ----------
    df : DataFrame
        A market frame in English or French.
    lang : {"en", "fr"}

    Returns
    -------
    DataFrame
        A copy (attrs kept, ``lang`` updated).

    Examples
    --------
    >>> frame = pd.DataFrame({"direction": pd.Categorical(["UPWARD"])})
    >>> french = translate(frame, "fr")
    >>> french["sens"].tolist(), translate(french, "en")["direction"].tolist()
    (['HAUSSE'], ['UPWARD'])
    """
    if lang not in ("en", "fr"):
        raise RteValidationError(f"lang must be 'en' or 'fr', got {lang!r}", parameter="lang")
    names = {str(c) for c in df.columns} | {str(df.index.name)}
    french = bool(names & (set(mm.COLUMNS_FR.values()) - set(mm.COLUMNS_FR)))
    out = df.copy()
    out.attrs = copy.deepcopy(df.attrs)
    if isinstance(out.attrs.get("rtecap"), dict):
        out.attrs["rtecap"]["lang"] = lang
    if french == (lang == "fr"):
        return out
    if french:  # back to English: names first, then labels
        out = out.rename(columns={fr: en for en, fr in mm.COLUMNS_FR.items()})
        out.index.name = {fr: en for en, fr in mm.COLUMNS_FR.items()}.get(
            out.index.name, out.index.name)
    for column, table in mm.LABELS_FR.items():
        if column in out.columns:
            labels = dict(table) if lang == "fr" else {fr: en for en, fr in table.items()}
            cats = out[column].cat.categories
            out[column] = out[column].cat.rename_categories([labels.get(c, c) for c in cats])
    if lang == "fr":
        out = out.rename(columns=dict(mm.COLUMNS_FR))
        out.index.name = mm.COLUMNS_FR.get(out.index.name, out.index.name)
    return out


def _finish(frame: pd.DataFrame, name: str, meta: Mapping[str, Any], lang: str,
            part: str | None = None) -> pd.DataFrame:  # fmt: skip
    units = {c: mm.UNITS.get(c, "MW" if c.endswith("_mw") else "EUR/MWh"
                             if c.endswith("_eur_mwh") else None)
             for c in frame.columns if frame[c].dtype == "float64"}  # fmt: skip
    info = {"resource": name, **({"part": part} if part else {}), "lang": lang, **meta,
            "units": units, "source": ENDPOINTS[name].source, "version": __version__}
    frame.attrs = {"rtecap": info}
    return translate(frame, lang)


def _require(payload: Any, name: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(payload, Mapping):
        raise ResponseError(f"{name}: expected a JSON object, got {type(payload).__name__}")
    if keys and not any(k in payload for k in keys):
        raise ResponseError(f"not an answer of {name}: none of the keys {list(keys)} "
                            f"(got {sorted(payload)[:8]})")  # fmt: skip
    return payload


def _member(payload: Mapping[str, Any], name: str, key: str, empty: dict) -> Any:
    """An aggregate's sub-object; a missing one is empty, with a warning (never silent)."""
    if payload.get(key) is None:
        warnings.warn(f"{name}: the answer has no {key!r} part; its rows are missing",
                      stacklevel=4)  # fmt: skip
        return empty
    return payload[key]


def _capacity(name: str, payload: Any) -> pd.DataFrame:
    """English capacity frame of a unit endpoint; product_type filled in where missing."""
    payload = _require(payload, name, ("rows",))
    rows = payload["rows"]
    if isinstance(rows, list):
        rows = [row if not isinstance(row, Mapping) or row.get("product_type") is not None
                else {**row, "product_type": PRODUCT_OF[name]} for row in rows]  # fmt: skip
    return parse_rows(rows, ENDPOINTS[name].parts["rows"][1], where=name)


def _energy(name: str, payload: Any, lang: str) -> EnergyResult:
    spec = ENDPOINTS[name]
    keys = tuple(k for key, _ in spec.parts.values()
                 for k in ((key,) if isinstance(key, str) else key))  # fmt: skip
    payload = _require(payload, name, keys)
    meta = parse_meta(payload)
    frames = {}
    for part, (key, frame_spec) in spec.parts.items():
        if isinstance(key, str):
            rows = payload.get(key) or []
        else:  # single row objects (latestRow, latestUpwardRow, latestDownwardRow)
            rows = [payload[k] for k in key if payload.get(k) is not None]
        frame = parse_rows(rows, frame_spec, where=f"{name}.{part}")
        frames[part] = _finish(frame, name, meta, lang, part)
    return EnergyResult(name, frames, meta)


def parse(name: str, payload: Any, lang: str = "en") -> Parsed:
    """Parse the decoded answer of a market-data endpoint.

    Parameters
    ----------
    name : str
        The endpoint (``day_ahead_prices``, ``/api/fcr-capacity``, ``balancing-energy`` ...).
    payload : dict
        The decoded JSON answer.
    lang : {"en", "fr"}
        Column names and labels in English or French.

    Returns
    -------
    DataFrame, EnergyResult or BalancingEnergy
        A frame for day-ahead prices and the capacity endpoints (the aggregate: the rows of
        the three unit endpoints, told apart by ``product_type``); an
        :class:`~rtecap.market.results.EnergyResult` for aFRR / mFRR energy; a
        :class:`~rtecap.market.results.BalancingEnergy` for the energy aggregate.

    Raises
    ------
    ResponseError
        The payload is not an answer of that endpoint.
    RteValidationError
        Unknown endpoint or language.

    Examples
    --------
    >>> df = parse("day-ahead-prices", {"rows": [], "latestDate": None, "earliestDate": None})
    >>> df.attrs["rtecap"]["resource"], len(df)
    ('day_ahead_prices', 0)
    """
    spec = endpoint(name)
    if lang not in ("en", "fr"):
        raise RteValidationError(f"lang must be 'en' or 'fr', got {lang!r}", parameter="lang")
    if spec.shape == "energy":
        return _energy(spec.name, payload, lang)
    if spec.shape == "aggregate_energy":
        payload = _require(payload, spec.name, spec.members)
        parts = {key: _energy(MEMBER_ENDPOINTS[spec.name, key], _member(payload, spec.name, key,
                                                                        {"recentRows": []}), lang)
                 for key in spec.members}  # fmt: skip
        return BalancingEnergy(parts, parse_meta(payload))
    if spec.shape == "rows":
        payload = _require(payload, spec.name, ("rows",))
        frame = parse_rows(payload["rows"], spec.parts["rows"][1], where=spec.name)
        return _finish(frame, spec.name, parse_meta(payload), lang)
    if spec.shape == "capacity":
        return _finish(_capacity(spec.name, payload), spec.name, parse_meta(payload), lang)
    payload = _require(payload, spec.name, spec.members)
    frames, members = [], {}
    for key in spec.members:
        sub = _member(payload, spec.name, key, {"rows": []})
        unit = MEMBER_ENDPOINTS[spec.name, key]
        frames.append(_capacity(unit, sub))
        members[key] = parse_meta(sub) if isinstance(sub, Mapping) else {}
    flat = pd.concat(frames) if frames else pd.DataFrame()
    for column in spec.parts["rows"][1].sort:  # concat of categoricals: same categories
        flat[column] = flat[column].astype(pd.CategoricalDtype(
            list(dict.fromkeys(c for f in frames for c in f[column].cat.categories))))
    frame = _tidy(flat, spec.parts["rows"][1], spec.name)
    return _finish(frame, spec.name, {**parse_meta(payload), "members": members}, lang)
