"""Cross-cutting request concerns, in one place: plan the calls, run them, merge the answers.

A validated :class:`~rtecap.rules.Query` becomes a list of calls: its period is cut by
:func:`rtecap.rules.split`, and a list parameter is spread over several calls when the URI
would pass the guide's 512 characters. The calls run on a bounded thread pool; the answers are
merged, in call order, into one payload of the guide's shape, which the same parser as
``read_*`` turns into a frame. A failed call fails the whole load: its error is raised as
itself (``FunctionalError``, ``OfflineCacheMissError`` ...) with a note naming the call
(``BaseException.add_note``): a frame never has a hole.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from rtecap import mappings as m
from rtecap import parsers, registry, rules
from rtecap._version import __version__
from rtecap.exceptions import (
    CredentialsError,
    NoDataError,
    ResponseError,
    RteValidationError,
)


@dataclass(frozen=True)
class Call:
    """One HTTP call of a load: its period (None in nominal mode) and query parameters."""

    start: object
    end: object
    params: dict

    def label(self) -> str:
        """Name the call in errors and progress: its period and list parameters."""
        period = (f"{self.params['start_date']} -> {self.params['end_date']}"
                  if "start_date" in self.params else "nominal mode")
        lists = {k: v for k, v in self.params.items() if k not in ("start_date", "end_date")}
        return period + (f" {lists}" if lists else "")


def plan(query: rules.Query, client) -> list[Call]:
    """Return the calls that fetch a query: one per allowed period and per URI-sized list chunk.

    Parameters
    ----------
    query : rtecap.rules.Query
        A validated request (``rules.validate(..., chunked=True)``).
    client : rtecap.Client
        Gives the URL whose length is checked; in sandbox mode a single call without parameters.

    Returns
    -------
    list of Call
        In time order, then list-chunk order.
    """
    if client.sandbox:
        return [Call(None, None, {})]
    periods = (rules.split(query.resource, query.start, query.end)
               if query.start is not None else [(None, None)])
    calls = []
    for start, end in periods:
        for filters in _spread(query.resource, query.filters, start, end, client):
            sub = rules.Query(query.resource, start, end, filters)
            calls.append(Call(start, end, sub.params()))
    return calls


def _spread(resource, filters, start, end, client) -> list[dict]:
    """Cut the longest list parameter in halves until every URI fits in 512 characters."""
    params = rules.Query(resource, start, end, filters).params()
    if client.uri_length(resource, params) <= m.MAX_URI_LENGTH:
        return [filters]
    name = max(filters, key=lambda k: len(filters[k]))
    values = filters[name]
    if len(values) < 2:
        raise RteValidationError(
            f"the request URI would exceed {m.MAX_URI_LENGTH} characters even with one value "
            f"per list parameter", parameter=name)
    half = len(values) // 2
    return [piece for part in (values[:half], values[half:])
            for piece in _spread(resource, {**filters, name: part}, start, end, client)]


def _progress_enabled(progress: bool | None, calls: int) -> bool:
    if calls <= 1 or progress is False:
        return False
    return os.environ.get("TQDM_DISABLE", "").strip().lower() not in ("1", "true", "yes")


def run(client, resource: str, calls: list[Call], *, max_workers: int = 4,
        progress: bool | None = None) -> tuple[list[dict | None], list[bool]]:
    """Run calls with bounded concurrency; return answers and from-cache flags in call order.

    An answer is None for a call the API answered with ``EC45_ERR01`` (CCPC-RG09: nothing
    found in that chunk); :func:`load` raises :class:`NoDataError` when every call did.

    Raises
    ------
    RteError or any other exception
        The error of the first call that failed, as itself (its type, code and status kept),
        with a note naming the call's period and parameters (shown under the traceback,
        listed in ``exc.__notes__``).
    """
    if max_workers < 1:
        raise ValueError(f"max_workers must be >= 1, got {max_workers}")
    answers: list[dict | None] = [None] * len(calls)
    cached = [False] * len(calls)

    def one(index: int) -> int:
        try:
            answers[index], cached[index] = client.get_answer(resource, calls[index].params)
        except NoDataError:
            answers[index], cached[index] = None, False
        except CredentialsError:
            raise  # not the call's fault: the same for every call
        except Exception as exc:
            exc.add_note(f"{resource}: call {index + 1}/{len(calls)} "
                         f"({calls[index].label()}) failed")
            raise
        return index

    bar = None
    if _progress_enabled(progress, len(calls)):
        from tqdm.auto import tqdm

        bar = tqdm(total=len(calls), desc=resource, unit="call", leave=False)
    try:
        if max_workers == 1 or len(calls) == 1:
            for index in range(len(calls)):
                one(index)
                if bar is not None:
                    bar.update()
        else:
            with ThreadPoolExecutor(max_workers=min(max_workers, len(calls))) as pool:
                futures = [pool.submit(one, index) for index in range(len(calls))]
                try:
                    for future in futures:
                        future.result()
                        if bar is not None:
                            bar.update()
                except BaseException:
                    for future in futures:
                        future.cancel()
                    raise
    finally:
        if bar is not None:
            bar.close()
    return answers, cached


def merge(resource: str, answers: list[dict | None]) -> dict:
    """Merge the answers of several calls into one payload of the guide's shape.

    Records are kept in call order; the parser then sorts them (time order by default) and drops
    rows repeated across chunk borders. Then the resource's merge rule (``Resource.merge``)
    applies: ``dedupe_units`` keeps one copy of a station answered by several calls (CPPU);
    ``drop_placeholders`` drops a CCPC-RG09 record (a requested combination without
    ``updated_date``/``value``) when another chunk holds data for it: over the whole period the
    combination did answer (CPC).
    """
    spec = registry.get(resource)
    records: list = []
    for answer in answers:
        if answer is None:
            continue
        items = _top_level(spec.name, answer)
        records.extend(items if isinstance(items, list) else [items])
    return {spec.name: _MERGES[spec.merge](records, spec)}


def _drop_placeholders(records: list, spec: registry.Resource) -> list:
    """Drop CCPC-RG09 records whose combination (list parameters) has data in another call."""
    keys = [p.name for p in spec.list_parameters]
    seen = {tuple(r.get(k) for k in keys) for r in records if "updated_date" in r}
    return [r for r in records if "updated_date" in r or tuple(r.get(k) for k in keys) not in seen]


def _dedupe_units(units: list) -> list:
    """Keep one copy of a station answered identically by several calls.

    A station in operation for decades is in the answer of every yearly call; the outer
    ``start_date``/``end_date`` (the call's period) aside, the copies are the same. Removing
    them here spares the parser tens of thousands of rows it would drop anyway. A unit whose
    shape is not the guide's is kept as it is (the parser judges it).
    """
    seen: set[tuple] = set()
    out = []
    for unit in units:
        try:
            key = (tuple(unit["production_unit"].items()),
                   tuple(tuple(value.items()) for value in unit["values"]))
            hash(key)
        except (AttributeError, KeyError, TypeError):
            out.append(unit)
            continue
        if key not in seen:
            seen.add(key)
            out.append(unit)
    return out


#: ``Resource.merge`` -> what is done to the records of all calls.
_MERGES: dict[str, Callable[[list, registry.Resource], list]] = {
    "concat": lambda records, spec: records,
    "dedupe_units": lambda records, spec: _dedupe_units(records),
    "drop_placeholders": _drop_placeholders,
}


def _top_level(resource: str, answer: dict):
    if not isinstance(answer, dict) or resource not in answer:
        keys = list(answer)[:5] if isinstance(answer, dict) else type(answer).__name__
        raise ResponseError(f"answer has no {resource!r} key (got {keys})")
    return answer[resource] or []


def load(query: rules.Query, client, *, lang: str = "en", max_workers: int = 4,
         progress: bool | None = None, order: str = "time", return_undated: bool = False):
    """Fetch a validated query and return its tidy frame (the work behind every ``get_*``).

    ``order`` and ``return_undated`` are passed to the parser (see
    :func:`rtecap.parsers.parse`); they are checked before any call.

    Returns
    -------
    pandas.DataFrame or (DataFrame, DataFrame)
        As the parser of the resource returns it, with provenance in ``df.attrs["rtecap"]``:
        resource, parameters, period (first start, last end of the calls), calls,
        from_cache, fetched_at (UTC), version; and the counts of rows set aside.

    Raises
    ------
    RteError
        A call failed: its own error, with a note naming the call (see :func:`run`).
    NoDataError
        Every call answered ``EC45_ERR01``.
    """
    parsers.row_order(query.resource, order)  # an unknown order fails before any call
    calls = plan(query, client)
    fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
    answers, cached = run(client, query.resource, calls, max_workers=max_workers,
                          progress=progress)
    if all(answer is None for answer in answers):
        raise NoDataError(f"{query.resource}: no data for {query.params() or 'nominal mode'}",
                          code=m.NO_DATA_CODE)
    parsed = parsers.parse(query.resource, merge(query.resource, answers), lang=lang,
                           order=order, return_undated=return_undated)
    frame = parsed[0] if return_undated else parsed
    frame.attrs["rtecap"] = {
        **frame.attrs.get("rtecap", {}),
        "resource": query.resource,
        "parameters": {**query.params(), "sandbox": client.sandbox},
        "period": [calls[0].params.get("start_date"), calls[-1].params.get("end_date")],
        "calls": len(calls),
        "empty_calls": sum(answer is None for answer in answers),
        "from_cache": all(cached),
        "cached_calls": sum(cached),
        "fetched_at": fetched_at,
        "version": __version__,
    }
    if return_undated:
        parsed[1].attrs = copy.deepcopy(frame.attrs)
    return parsed
