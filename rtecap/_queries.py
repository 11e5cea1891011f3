"""The loaders as methods of :class:`rtecap.Client` (``client.get_capacities_cpc(...)``).

Each method is built from the loader its resource's registry entry names
(``Resource.loader``): the loader's signature less ``client``, its docstring's summary, and a
body that calls it with ``client=self``. So a method can never drift from its function, and a
new resource gets its method from one line here. The loader is imported when the method is
first looked up, which keeps pandas out of the HTTP layer's imports.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable
from typing import Any

from rtecap import mappings as m
from rtecap import registry


def _method(function: Callable[..., Any], owner: type) -> Callable[..., Any]:
    """``function`` as a method of ``owner`` that passes ``client=self``."""
    signature = inspect.signature(function)
    parameters = [p for p in signature.parameters.values() if p.name != "client"]
    this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)

    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        return function(*args, client=self, **kwargs)

    name = function.__name__
    summary = (inspect.getdoc(function) or "").split("\n\n", 1)[0]
    method.__name__ = name
    method.__qualname__ = f"{owner.__name__}.{name}"
    method.__module__ = owner.__module__
    method.__signature__ = signature.replace(parameters=[this, *parameters])  # type: ignore[attr-defined]
    method.__doc__ = (
        f"{summary}\n\n:func:`rtecap.{name}` through this client (``client=self``): the same "
        "parameters less ``client``, the same frame, the same errors.\n"
    )
    return method


class _Loader:
    """A method calling a resource's loader with ``client=self`` (see the module docstring)."""

    def __init__(self, resource: str):
        self._resource = resource

    def __get__(self, obj: Any, owner: type | None = None) -> Callable[..., Any]:
        owner = owner if owner is not None else type(obj)
        method = _method(registry.get(self._resource).load(), owner)
        return method if obj is None else types.MethodType(method, obj)


class QueryMethods:
    """``get_<resource>`` methods of :class:`rtecap.Client` (mixed into it).

    Examples
    --------
    >>> from rtecap import Client
    >>> from rtecap.emulator import serve
    >>> with serve(today="2026-11-23") as server, Client(
    ...         server.client_id, server.client_secret, server.url, cache=False) as client:
    ...     df = client.get_capacities_cpc(department_code="FR", network_connection="RPD")
    >>> df["department_code"].unique().tolist(), df["network_connection"].unique().tolist()
    (['FR'], ['RPD'])
    """

    get_capacities_per_production_type = _Loader(m.CPPT)
    get_capacities_per_production_unit = _Loader(m.CPPU)
    get_capacities_cpc = _Loader(m.CPC)
