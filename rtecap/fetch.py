"""Cross-cutting request concerns, in one place: plan the calls, run them, merge the answers.

A validated :class:`~rtecap.rules.Query` becomes a list of calls: its period is cut by
:func:`rtecap.rules.split`, and a list parameter is spread over several calls when the URI
would pass the guide's 512 characters. The calls run on a bounded thread pool, where each
answer is also read into Arrow columns when it fits (:func:`rtecap.parsers.decoder`); the
columns of every call make one frame, or else the answers are merged, in call order, into one
payload of the guide's shape, which the same parser as ``read_*`` turns into a frame. A failed
call fails the whole load: its error is raised as itself (``FunctionalError``,
``OfflineCacheMissError`` ...) with a note naming the call (``BaseException.add_note``): a frame
never has a hole.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from rtecap import _frames, parsers, registry, rules
from rtecap import mappings as m
from rtecap._http import Cancelled, body_record, cancel_scope
from rtecap._version import __version__
from rtecap.exceptions import (
    AuthenticationError,
    ConnectionFailedError,
    CredentialsError,
    ForbiddenError,
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


def _progress_bar(total: int, desc: str):
    """A tqdm bar: a notebook widget when ipywidgets is installed, else the text bar.

    ``tqdm.auto`` warns ("IProgress not found") in Jupyter without ipywidgets; the text bar
    works there too, without the warning.
    """
    import importlib.util

    try:
        widgets = importlib.util.find_spec("ipywidgets") is not None
    except (ImportError, ValueError):  # a broken or blocked install
        widgets = False
    if widgets:
        from tqdm.auto import tqdm
    else:
        from tqdm.std import tqdm
    return tqdm(total=total, desc=desc, unit="call", leave=False)


#: Failures that are the same for every call of a load: raised as they are, not per chunk.
_LOAD_ERRORS = (CredentialsError, AuthenticationError, ConnectionFailedError, ForbiddenError)


def run(client, resource: str, calls: list[Call], *, max_workers: int = 4,
        progress: bool | None = None,
        bodies: list[str | None] | None = None) -> tuple[list[Any], list[bool]]:
    """Run calls with bounded concurrency; return answers and from-cache flags in call order.

    ``bodies``, when given (a list as long as ``calls``), receives the SHA-256 of each answer's
    body, as the client noted it (None for an empty call, or a client that notes none).

    An answer is None for a call the API answered "no data" (``EC45_ERR01``, CCPC-RG09, or a
    404 whose body says no data was found): that chunk is empty; :func:`load` raises
    :class:`NoDataError` when every call did.

    The first failure stops the load: calls not yet started are dropped, waits between
    retries end, and the error is raised once the exchanges in flight are over. Ctrl-C
    (``KeyboardInterrupt``) does the same; answers already received stay in the client's
    cache, so running the load again fetches only the rest.

    Raises
    ------
    RteError or any other exception
        The error of the first call that failed, as itself (its type, code and status kept),
        with a note naming the call's period and parameters (shown under the traceback,
        listed in ``exc.__notes__``).
    ConnectionFailedError, CredentialsError, AuthenticationError, ForbiddenError
        The host cannot be reached (refused, unknown host), no credentials, credentials refused
        (401), or the application is not subscribed (403): the same for every call, raised as
        they are, at once (no note: concurrent calls share the one error of the token request,
        which would otherwise carry a note per call).
    """
    if max_workers < 1:
        raise ValueError(f"max_workers must be >= 1, got {max_workers}")
    answers: list[Any] = [None] * len(calls)
    cached = [False] * len(calls)
    stop = threading.Event()
    decode = parsers.decoder(resource)

    def one(index: int) -> int:
        if stop.is_set():
            raise Cancelled  # another call failed: this one does not start
        try:
            # digests only for a frame cache that will keep the load (hashing is not free)
            noting: contextlib.AbstractContextManager[list[str]] = (
                body_record() if bodies is not None else contextlib.nullcontext([]))
            with cancel_scope(stop), noting as digests:
                answers[index], cached[index] = client.get_answer(
                    resource, calls[index].params, decode=decode)
            if bodies is not None:
                bodies[index] = digests[-1] if digests else None
        except NoDataError:
            answers[index], cached[index] = None, False
        except (*_LOAD_ERRORS, Cancelled):
            stop.set()
            raise  # not the call's fault: the same for every call
        except Exception as exc:
            stop.set()
            exc.add_note(f"{resource}: call {index + 1}/{len(calls)} "
                         f"({calls[index].label()}) failed")
            raise
        return index

    bars: list = []  # the bar appears with the first answer: a load failing at once shows none
    shown = _progress_enabled(progress, len(calls))

    def tick() -> None:
        if shown and not bars:
            bars.append(_progress_bar(len(calls), resource))
        if bars:
            bars[0].update()

    try:
        if max_workers == 1 or len(calls) == 1:
            for index in range(len(calls)):
                one(index)
                tick()
        else:
            _run_pool(one, len(calls), min(max_workers, len(calls)), stop, tick)
    finally:
        for bar in bars:
            bar.close()
    return answers, cached


def _run_pool(one, count: int, workers: int, stop: threading.Event, tick) -> None:
    """Run ``one(0..count-1)`` on a thread pool; on the first error or Ctrl-C, stop at once.

    The main thread (where Ctrl-C lands) waits for the results. On a failure no call starts
    any more and no retry wait goes on; only the HTTP exchanges in flight are waited for (at
    most the read timeout; a second Ctrl-C leaves them), so that the cache is left whole.
    """
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rtecap")
    clean = False
    try:
        futures = [pool.submit(one, index) for index in range(count)]
        for future in as_completed(futures):
            try:
                future.result()
            except Cancelled:  # stopped by the call that failed; its error comes up next
                continue
            tick()
        clean = True
    finally:
        if not clean:
            stop.set()
        pool.shutdown(wait=True, cancel_futures=True)


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
    if not any(["updated_date" not in r for r in records]):
        return records  # no placeholder (the usual case): no key to build
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
         progress: bool | None = None, order: str = "time", return_undated: bool = False,
         raw: str | os.PathLike | None = None):
    """Fetch a validated query and return its tidy frame (the work behind every ``get_*``).

    ``order`` and ``return_undated`` are passed to the parser (see
    :func:`rtecap.parsers.parse`); they are checked before any call.

    Parameters
    ----------
    raw : str or path-like, optional
        Also write the API's answers to this JSON file, for a replication package: the
        records of every call in one document of the guide's shape (a record repeated across
        calls kept once), plus a top-level ``"rtecap"`` key with the request, the calls and
        the time of the fetch. ``read_<resource>(raw)`` gives the same frame again, offline.

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
    options: dict[str, Any] = {"lang": lang, "order": order, "return_undated": return_undated}
    slot = _frames.slot(client, query.resource, [call.params for call in calls], options)
    parsed = None if raw is not None else _frames.served(client, slot)
    payload: dict = {}  # the merged answers, for raw=
    if parsed is not None:  # every answer from the cache: none was empty (those are not kept)
        empty, cached = 0, [True] * len(calls)
    else:
        bodies: list[str | None] = [None] * len(calls)
        answers, cached = run(client, query.resource, calls, max_workers=max_workers,
                              progress=progress, bodies=None if slot is None else bodies)
        if all(answer is None for answer in answers):
            raise NoDataError(f"{query.resource}: no data for "
                              f"{query.params() or 'nominal mode'}", code=m.NO_DATA_CODE)
        if raw is None:
            parse = partial(_parse, query.resource, answers, options)
        else:
            payload = merge(query.resource, [parsers.as_json(answer) for answer in answers])
            parse = partial(parsers.parse, query.resource, payload, **options)
        parsed = _frames.keep(client, slot, bodies, parse)
        empty = sum(answer is None for answer in answers)
    frame = parsed[0] if return_undated else parsed
    info = {
        "resource": query.resource,
        "parameters": {**query.params(), "sandbox": client.sandbox},
        "period": [calls[0].params.get("start_date"), calls[-1].params.get("end_date")],
        "calls": len(calls),
        "empty_calls": empty,
        "from_cache": all(cached),
        "cached_calls": sum(cached),
        "fetched_at": fetched_at,
        "version": __version__,
    }
    frame.attrs["rtecap"] = {**frame.attrs.get("rtecap", {}), **info}
    if raw is not None:
        _write_json(raw, {**payload, "rtecap": {**info, "base_url": client.base_url}})
        frame.attrs["rtecap"]["raw_file"] = os.fspath(raw)
    if return_undated:
        parsed[1].attrs = copy.deepcopy(frame.attrs)
    return parsed


def _parse(resource: str, answers: list[Any], options: dict[str, Any]) -> Any:
    """The parsed result of a load's decoded answers (``parsers.decoder``'s): from the Arrow
    columns when every answer was read so, else from their merged JSON."""
    parsed = parsers.parse_answers(resource, answers, **options)
    if parsed is None:
        payload = merge(resource, [parsers.as_json(answer) for answer in answers])
        parsed = parsers.parse(resource, payload, **options)
    return parsed


def _write_json(path: str | os.PathLike, document: dict) -> None:
    """Write a JSON file whole or not at all (a temporary file, then renamed)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(target)
