"""The loaders as methods of :class:`rtecap.Client` (``client.get_capacities_cpc(...)``).

Thin methods over :mod:`rtecap.io`: each has the signature of its function less ``client``
(tests check it) and passes itself as the client. pandas is imported only when one runs, so
the HTTP layer stays free of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from rtecap.client import Client
    from rtecap.rules import DateLike


class QueryMethods:
    """``get_<resource>`` methods of :class:`rtecap.Client` (mixed into it)."""

    def get_capacities_per_production_type(
        self,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        *,
        production_type: str | Iterable[str] | None = None,
        lang: str = "en",
        max_workers: int = 4,
        progress: bool | None = None,
        order: str = "time",
        return_undated: bool = False,
        raw: str | os.PathLike | None = None,
    ) -> pd.DataFrame:
        """Installed capacity per production type and year, through this client.

        :func:`rtecap.get_capacities_per_production_type` with ``client=self``: see it for
        the parameters, the frame and the errors.

        Examples
        --------
        >>> from rtecap import Client
        >>> from rtecap.emulator import serve
        >>> with serve(today="2026-11-23") as server, Client(
        ...         server.client_id, server.client_secret, server.url, cache=False) as client:
        ...     df = client.get_capacities_per_production_type(
        ...         "2020-01-01", "2022-01-01", production_type="NUCLEAR", progress=False)
        >>> df.index.year.tolist(), df["production_type"].unique().tolist()
        ([2020, 2021], ['NUCLEAR'])
        """
        from rtecap import io

        return io.get_capacities_per_production_type(
            start_date, end_date, production_type=production_type, lang=lang,
            client=cast("Client", self), max_workers=max_workers, progress=progress, order=order,
            return_undated=return_undated, raw=raw)

    def get_capacities_per_production_unit(
        self,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        *,
        lang: str = "en",
        max_workers: int = 4,
        progress: bool | None = None,
        order: str = "time",
        return_undated: bool = False,
        raw: str | os.PathLike | None = None,
    ) -> pd.DataFrame:
        """Installed capacity of each power station over 100 MW, through this client.

        :func:`rtecap.get_capacities_per_production_unit` with ``client=self``: see it for
        the parameters, the frame and the errors.

        Examples
        --------
        >>> from rtecap import Client
        >>> from rtecap.emulator import serve
        >>> with serve(today="2026-11-23") as server, Client(
        ...         server.client_id, server.client_secret, server.url, cache=False) as client:
        ...     df = client.get_capacities_per_production_unit()  # in operation today
        >>> bool(df["end_date"].isna().all()), bool(df["capacity_mw"].gt(100).all())
        (True, True)
        """
        from rtecap import io

        return io.get_capacities_per_production_unit(
            start_date, end_date, lang=lang, client=cast("Client", self),
            max_workers=max_workers, progress=progress, order=order,
            return_undated=return_undated, raw=raw)

    def get_capacities_cpc(
        self,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        *,
        department_code: str | Iterable[str] | None = None,
        network_connection: str | Iterable[str] | None = None,
        production_type: str | Iterable[str] | None = None,
        lang: str = "en",
        max_workers: int = 4,
        progress: bool | None = None,
        order: str = "time",
        return_undated: bool = False,
        raw: str | os.PathLike | None = None,
    ) -> pd.DataFrame:
        """Capacity under purchase obligation (kW), through this client.

        :func:`rtecap.get_capacities_cpc` with ``client=self``: see it for the parameters, the
        frame and the errors.

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
        from rtecap import io

        return io.get_capacities_cpc(
            start_date, end_date, department_code=department_code,
            network_connection=network_connection, production_type=production_type, lang=lang,
            client=cast("Client", self), max_workers=max_workers, progress=progress, order=order,
            return_undated=return_undated, raw=raw)
