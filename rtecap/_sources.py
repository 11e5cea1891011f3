"""Where ``read_*`` take a saved answer from: a path, a file object, bytes or a decoded dict.

As pandas 3 does, a ``str`` is a path (pandas 3 dropped literal JSON strings from
``read_json``); JSON text goes in :class:`io.StringIO`. Re-exported by :mod:`rtecap.io`.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Mapping
from itertools import chain
from typing import IO, Any, TypeAlias

import numpy as np

from rtecap.exceptions import ResponseError

#: What ``read_*`` accepts, as pandas 3 does: a path (``str`` or path-like), a file object (text
#: or binary), bytes, or an already-decoded dict. A ``str`` is always a path: wrap JSON text in
#: :class:`io.StringIO`.
PayloadSource: TypeAlias = (
    "str | os.PathLike[str] | IO[str] | IO[bytes] | bytes | Mapping[str, Any]"
)


def strip_bom(data: str | bytes | bytearray | memoryview) -> str | memoryview:
    """The document without leading UTF-8 byte-order marks (bytes as a view: no copy)."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    view = memoryview(data)
    while view[:3] == b"\xef\xbb\xbf":
        view = view[3:]
    return view


def loads(data: str | bytes | bytearray | memoryview) -> Any:
    """Decode JSON with msgspec (in C), else with :func:`json.loads`: the same objects.

    What msgspec declines (``NaN`` literals, integers beyond 64 bits, bad UTF-8 ...) goes to
    the standard library, which decodes it or raises as it always did.
    """
    import msgspec

    try:
        return msgspec.json.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError):
        return json.loads(data if isinstance(data, str) else bytes(data).decode("utf-8"))


def decode_json(data: str | bytes | bytearray) -> Any:
    """Decode a JSON document, tolerating a UTF-8 byte-order mark.

    Parameters
    ----------
    data : str or bytes
        The document (bytes are read as UTF-8).

    Returns
    -------
    object
        The decoded value.

    Raises
    ------
    ResponseError
        The text is not valid JSON (or the bytes not UTF-8), or an object repeats a key
        (which of two values is meant cannot be told: Python's ``json`` would keep the last).

    Examples
    --------
    >>> decode_json(b'\\xef\\xbb\\xbf{"capacities_cpc": []}')
    {'capacities_cpc': []}
    """
    decoded = _decode_fast(data)
    if decoded is not _DECLINED:
        return decoded
    try:
        text = data if isinstance(data, str) else bytes(data).decode("utf-8-sig")
        return json.loads(text.lstrip("\ufeff"), object_pairs_hook=_unique_keys)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise ResponseError(f"not a JSON document: {type(err).__name__}: {err}") from err


_DECLINED = object()


def _decode_fast(data: str | bytes | bytearray) -> Any:
    """msgspec's decoding of ``data`` when it is proven to repeat no key, else ``_DECLINED``.

    msgspec decodes in C to the objects :func:`json.loads` gives, and leaves the dicts and
    lists that hold only scalars out of the garbage collector's reach (a warm reload of
    thousands of records then pays no collections), but it keeps the last of a repeated key
    without a word. So the entries of the decoded dicts (:func:`count_keys`) are compared with
    the colons that close a key in the bytes (:func:`key_marks`): entries
    <= key tokens <= marks, and equality of the two ends proves that no object repeats a key
    (the proof is in :mod:`rtecap.parsers._fast`). A mismatch (a repeated key, or merely a
    ``":`` inside a string) and whatever msgspec declines (``NaN``, ``1e400``, a lone
    surrogate, bad UTF-8, too deep) go to the checked decoder, which decodes them as before or
    names the repeated key.
    """
    import msgspec

    body = strip_bom(data)
    try:
        value = msgspec.json.decode(body)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return _DECLINED
    if count_keys(value) != key_marks(body):
        return _DECLINED
    return value


def count_keys(value: Any) -> int:
    """The entries of every dict in a decoded JSON value, at any depth.

    Level by level, without recursion: a level's scalars are told apart from its containers
    by counting their types (in C), so records of scalars cost no Python loop.

    Examples
    --------
    >>> count_keys({"a": [{"b": 1, "c": {"d": None}}, 2], "e": "f"})
    5
    """
    dicts: list = [value] if type(value) is dict else []
    lists: list = [value] if type(value) is list else []
    count = 0
    while dicts or lists:
        count += sum(map(len, dicts))
        items = list(chain(chain.from_iterable(map(dict.values, dicts)),
                           chain.from_iterable(lists)))
        kinds = Counter(map(type, items))
        inner, listed = kinds[dict], kinds[list]
        if inner == len(items):
            dicts, lists = items, []
        elif listed == len(items):
            dicts, lists = [], items
        else:
            dicts = [item for item in items if type(item) is dict] if inner else []
            lists = [item for item in items if type(item) is list] if listed else []
    return count


#: A key's end: a quote, optional JSON white space, a colon.
_KEY_END = re.compile(rb'"[ \t\n\r]*:')


def key_marks(data: bytes | bytearray | memoryview | str) -> int:
    """How many colons of the document follow a ``"`` (JSON white space between allowed).

    At least the number of keys in the document (the proof is in :mod:`rtecap.parsers._fast`);
    more when strings hold a ``":``.

    Examples
    --------
    >>> key_marks(b'{"a": 1, "b" :{"c": ":-)"}}')  # three keys; a string opened by a colon
    4
    """
    if isinstance(data, str):
        data = data.encode()
    octets = np.frombuffer(data, dtype=np.uint8)
    colons = np.flatnonzero(octets == ord(":"))
    before = octets[colons[colons > 0] - 1]
    if np.count_nonzero(before <= ord(" ")):  # white space (or a control byte) before a colon
        return sum(1 for _ in _KEY_END.finditer(data))
    return int(np.count_nonzero(before == ord('"')))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise ResponseError(f"not a JSON document the API writes: the key {key!r} appears twice "
                            "in one object")
    return obj


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")


def load_payload(source: PayloadSource) -> Mapping[str, Any]:
    """Return the decoded payload of a path, a file object, bytes or a dict.

    As in pandas 3 (which dropped literal JSON strings from ``read_json``), a ``str`` is
    always a path.

    Parameters
    ----------
    source : str, path-like, file object, bytes or dict
        A JSON file (path or open file, text or binary, UTF-8 with or without BOM), its
        bytes, or the decoded dict (returned as it is).

    Returns
    -------
    Mapping
        The decoded JSON document.

    Raises
    ------
    FileNotFoundError
        No file at that path; when the ``str`` looks like JSON text, the message says to wrap
        it in :class:`io.StringIO`.
    ResponseError
        Not a JSON document.
    TypeError
        ``source`` is none of the above.

    Examples
    --------
    >>> import io
    >>> load_payload(io.StringIO('{"capacities_cpc": []}'))
    {'capacities_cpc': []}
    >>> load_payload('{"capacities_cpc": []}')
    Traceback (most recent call last):
    ...
    FileNotFoundError: no file '{"capacities_cpc": []}': a str is a path (as in pandas 3); ...
    """
    if isinstance(source, Mapping):
        return source
    return decode_json(read_source(source))


def read_source(source: PayloadSource) -> str | bytes:
    """The JSON document of a path, a file object or bytes, as it is (not decoded).

    Raises as :func:`load_payload` does.
    """
    if isinstance(source, bytes | bytearray):
        return source
    if isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as handle:
                return handle.read()
        except OSError as err:  # FileNotFoundError, or "file name too long" for a JSON text
            if isinstance(source, str) and _looks_like_json(source):
                shown = source if len(source) <= 40 else source[:37] + "..."
                raise FileNotFoundError(
                    f"no file {shown!r}: a str is a path (as in pandas 3); to read JSON text, "
                    "pass io.StringIO(text)"
                ) from err
            raise
    if hasattr(source, "read") and not isinstance(source, Mapping):
        return source.read()
    raise TypeError(
        "expected a path, a file object, bytes or a dict (JSON text: io.StringIO(text)); "
        f"got {type(source).__name__}"
    )
