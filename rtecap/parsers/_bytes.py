"""Answers given as bytes: :func:`parse_json` (``read_*``) and a load's answers (``get_*``).

Bytes of CPPU and CPC answers go to the columnar path (:mod:`rtecap.parsers._arrow`), then to
msgspec's (:mod:`rtecap.parsers._fast`), then to the checked decoder and the dict parsers: the
first that reads a document as the checked path would gives its frame.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from rtecap import registry
from rtecap._sources import decode_json, strip_bom
from rtecap.parsers._frame import row_order
from rtecap.parsers._translate import check_lang


def parse_json(
    resource: str,
    source: str | bytes,
    *,
    lang: str = "en",
    order: str = "time",
    return_undated: bool = False,
) -> pd.DataFrame:
    """Parse the answer of ``resource`` given as JSON bytes or text (what ``read_*`` do).

    CPPU and CPC answers of the guide's shape are read by Arrow's JSON reader straight into
    columns, or else decoded by msgspec into typed records (no ``dict`` per record); any other
    payload is decoded to dicts and parsed by ``parse_<resource>``. All give the same frame,
    warnings and errors.

    Parameters
    ----------
    resource : str
        A resource name or short alias (see :func:`parse`).
    source : bytes or str
        The JSON document itself (UTF-8, with or without a byte-order mark), not a path.
    lang, order, return_undated
        See ``parse_<resource>``.

    Returns
    -------
    DataFrame or (DataFrame, DataFrame)
        The frame ``parse_<resource>`` returns for the decoded document (and the rows set
        aside, with ``return_undated=True``).

    Raises
    ------
    RteValidationError
        The resource, language or order is not one rtecap knows.
    ResponseError
        The document is not JSON, or not an answer of ``resource``.

    Examples
    --------
    >>> data = b'{"capacities_cpc": [{"updated_date": "2016-02-01T00:00:00+01:00", ' \\
    ...        b'"department_code": "FR", "network_connection": "RPD", ' \\
    ...        b'"production_type": "SOLAR", "value": 9}]}'
    >>> int(parse_json("cpc", data)["capacity_kw"].iloc[0])
    9
    """
    spec = registry.get(resource)
    lang = check_lang(lang)
    row_order(spec.name, order)
    from rtecap.parsers import _arrow, _fast  # pyarrow and msgspec, on first use

    data = strip_bom(source)
    frame = _arrow.parse_bytes(spec.name, data, lang=lang, order=order,
                               return_undated=return_undated)
    if frame is None:
        frame = _fast.parse_bytes(spec.name, data, lang=lang, order=order,
                                  return_undated=return_undated)
    if frame is None:
        frame = spec.parse(decode_json(source), lang=lang, order=order,
                           return_undated=return_undated)
    return frame


# ------------------------------------------------------- a load's answers (for rtecap.fetch)
def decoder(resource: str) -> Any:
    """How :mod:`rtecap.fetch` decodes the answers of ``resource`` (``Client.get_answer``'s
    ``decode``): into Arrow columns when they fit the columnar path, else into dicts."""
    from rtecap.parsers import _arrow  # pyarrow, on first use

    return _arrow.decoder(registry.get(resource).name)


def as_json(answer: Any) -> Any:
    """The decoded JSON of an answer :func:`decoder` gave (``None`` stays ``None``)."""
    from rtecap.parsers import _arrow

    return _arrow.as_json(answer)


def parse_answers(resource: str, answers: list[Any], *, lang: str = "en",
                  order: str = "time", return_undated: bool = False) -> Any:
    """The frame of a load's answers (``None``: no data) when every one was read into columns
    and fits the columnar path, else ``None`` (then merge and parse the decoded JSON).

    The frame is the one :func:`rtecap.fetch.merge` then ``parse_<resource>`` give.
    """
    from rtecap.parsers import _arrow

    spec = registry.get(resource)
    tables = [answer.table for answer in answers if isinstance(answer, _arrow.Columns)]
    if len(tables) != sum(answer is not None for answer in answers):
        return None
    return _arrow.frame(spec.name, tables, lang=check_lang(lang), order=order,
                        return_undated=return_undated,
                        dated_only=spec.merge == "drop_placeholders")
