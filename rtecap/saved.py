"""Frames saved to files by rtecap, read back under the frame contract.

Parquet keeps everything (time zone, categories, nullable integers) and is the recommended
format: ``df.to_parquet(path)``, then ``pd.read_parquet(path)`` or :func:`read_frame`. A CSV
keeps only text: read back with ``pd.read_csv``, the CPC index (``+01:00`` and ``+02:00``
offsets mixed) stays strings and labels are plain text. :func:`read_csv` restores the
contract: ``Europe/Paris`` index and date columns, labels as categories over the guide's
enums, numbers in their dtypes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap.exceptions import RteValidationError
from rtecap.parsers import TIME_UNIT, scopes
from rtecap.parsers._translate import frame_lang, translate


def _resource_of(frame: pd.DataFrame) -> str:
    """The resource whose schema the (English) frame holds: all its columns, most of them."""
    columns = set(frame.columns)
    found = [(len(r.columns), r.name) for r in registry.resources(registry.GENINSCAP)
             if frame.index.name == r.index and {c for c, _ in r.columns} <= columns]
    if not found:
        raise RteValidationError(
            f"not a frame written by rtecap (index {frame.index.name!r}, columns "
            f"{list(frame.columns)[:6]}); name its resource (resource=..., or --resource)",
            parameter="resource")
    return max(found)[1]


def _times(values) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(values, utc=True)).tz_convert(m.TZ).as_unit(TIME_UNIT)


def restore(frame: pd.DataFrame, resource: str | None = None) -> pd.DataFrame:
    """Give a frame read from text its rtecap dtypes back (see :func:`read_csv`)."""
    lang = frame_lang(frame)
    en = translate(frame, "en") if lang == "fr" else frame.copy()
    if "department_code" in en and "scope" not in en:  # a CPC file written before `scope`
        en.insert(1, "scope", scopes(en["department_code"].astype("category")))
    spec = registry.get(resource if resource else _resource_of(en), api=registry.GENINSCAP)
    resource = spec.name
    en.index = _times(en.index).rename(spec.index)
    enums = spec.labels  # categories as the parsers build them: the enum, then the others
    for column, kind in spec.columns:
        if column not in en:
            continue
        if kind == "datetime":
            en[column] = _times(en[column])
        elif kind == "category":
            known = enums.get(column, ())
            extra = sorted(set(en[column].dropna().astype(str)) - set(known))
            en[column] = en[column].astype(pd.CategoricalDtype([*known, *extra]))
        else:
            en[column] = en[column].astype(kind)
    en.attrs = {"rtecap": {**frame.attrs.get("rtecap", {}), "resource": resource, "lang": "en"}}
    return translate(en, lang) if lang == "fr" else en


def read_csv(path_or_buffer: str | os.PathLike | IO[str], *, resource: str | None = None
             ) -> pd.DataFrame:
    """Read a CSV written from an rtecap frame (``df.to_csv(path)``, ``rtecap fetch -o x.csv``).

    Parameters
    ----------
    path_or_buffer : str, path-like or file object
        The CSV: index in the first column, as ``DataFrame.to_csv`` writes it.
    resource : str, optional
        ``cppt``, ``cppu`` or ``cpc`` (or the full names); default: told by the columns.

    Returns
    -------
    DataFrame
        The frame under the contract: index and date columns in Europe/Paris, labels as
        categories over the guide's enums, ``capacity_kw`` as Int64, free text as ``str``; in
        the CSV's language (English or French names). ``attrs["rtecap"]`` names the resource,
        the language and the file (the provenance of the original is not in a CSV).

    Raises
    ------
    RteValidationError
        The columns are not those of an rtecap frame (and ``resource`` was not given).
    FileNotFoundError
        No file at that path.

    Examples
    --------
    >>> import io
    >>> text = ("updated_date,department_code,network_connection,production_type,capacity_kw\\n"
    ...         "2016-07-01 00:00:00+02:00,FR,RPD,SOLAR,12\\n"
    ...         "2016-02-01 00:00:00+01:00,FR,RPD,SOLAR,10\\n")
    >>> df = read_csv(io.StringIO(text))
    >>> df.index.tz.key, str(df["production_type"].dtype), df["capacity_kw"].tolist()
    ('Europe/Paris', 'category', [12, 10])
    """
    frame = pd.read_csv(path_or_buffer, index_col=0)
    frame = restore(frame, resource)
    if isinstance(path_or_buffer, str | os.PathLike):
        frame.attrs["rtecap"]["source_file"] = str(path_or_buffer)
    return frame


def read_frame(path: str | os.PathLike, *, resource: str | None = None) -> pd.DataFrame:
    """Read a frame saved as ``.parquet`` (recommended) or ``.csv`` by rtecap.

    Parameters
    ----------
    path : str or path-like
        A ``.parquet`` or ``.csv`` file.
    resource : str, optional
        For a CSV: see :func:`read_csv`.

    Returns
    -------
    DataFrame

    Raises
    ------
    RteValidationError
        Neither ``.parquet`` nor ``.csv``, or not an rtecap frame.
    FileNotFoundError
        No file at that path.
    """
    path = Path(path)
    if path.suffix == ".parquet":
        if not path.exists():
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        return read_csv(path, resource=resource)
    raise RteValidationError(f"{path}: expected a .parquet or .csv file", parameter="path")
