"""``rtecap market collect`` and ``rtecap market report``: the archive from the command line.

``rtecap market collect [--store DIR]`` fetches the unit endpoints and the day-ahead prices
and merges them into the archive, printing one line per endpoint (rows added, revised,
unchanged) -- made for cron. ``rtecap market report [--store DIR]`` prints what the archive
holds and its holes. The store defaults to ``$RTECAP_MARKET_ARCHIVE``, else
``<user data dir>/market-archive``. Errors: one line on stderr, exit 1 (API, archive, lock),
2 (usage), 3 (no token).
"""

from __future__ import annotations

import argparse
import sys

from rtecap.market import mappings as mm


def add_archive_commands(sub) -> None:
    """Add ``collect`` and ``report`` to the ``rtecap market`` sub-parsers."""
    from rtecap.market.archive import ARCHIVE_ENV, COLLECTED

    store_help = f"archive directory (default: ${ARCHIVE_ENV}, else <user data dir>/market-archive)"
    collect = sub.add_parser(
        "collect", help="merge the current answers into a local Parquet archive (for cron)",
        description="Fetch the unit endpoints and the day-ahead prices and merge their rows "
        "into a local Parquet archive: one row per key, replaced values kept as revisions, "
        "nothing rewritten when nothing changed. Prints one line per endpoint (rows added, "
        "revised, unchanged).")  # fmt: skip
    collect.add_argument("--store", default=None, help=store_help)
    collect.add_argument("--endpoint", action="append", dest="endpoints", metavar="NAME",
                         help="collect only this endpoint (repeatable); default: "
                         + ", ".join(COLLECTED))  # fmt: skip
    collect.add_argument("--base-url", default=None,
                         help=f"default: ${mm.BASE_URL_ENV}, else {mm.DEFAULT_BASE_URL}")
    collect.add_argument("--wait", type=float, default=600.0,
                         help="seconds to wait for another collector's lock (default 600)")
    collect.set_defaults(func=run_collect)
    report = sub.add_parser("report", help="what the archive holds, its holes and revisions",
                            description="One line per endpoint and row set: rows, first and "
                            "last period, missing and duplicate periods, revisions, last "
                            "fetch.")  # fmt: skip
    report.add_argument("--store", default=None, help=store_help)
    report.set_defaults(func=run_report)


def _fail(command: str, exc: BaseException, code: int) -> int:
    print(f"rtecap market {command}: {type(exc).__name__}: {exc}", file=sys.stderr)
    return code


def run_collect(args: argparse.Namespace) -> int:
    """Run ``rtecap market collect``; return the exit code."""
    from rtecap.exceptions import CredentialsError, RteError, RteValidationError
    from rtecap.market.archive import COLLECTED, CollectError, collect, default_store
    from rtecap.market.client import Client

    store = args.store or default_store()
    try:
        with Client(base_url=args.base_url, cache=False) as client:
            summary = collect(store, client=client, endpoints=args.endpoints or COLLECTED,
                              wait=args.wait)  # fmt: skip
    except RteValidationError as exc:
        return _fail("collect", exc, 2)
    except CredentialsError as exc:
        return _fail("collect", exc, 3)
    except CollectError as exc:
        print("\n".join(exc.summary.lines()))
        return _fail("collect", exc, 1)
    except (RteError, ImportError, OSError) as exc:
        return _fail("collect", exc, 1)
    print("\n".join(summary.lines()))
    return 0


def run_report(args: argparse.Namespace) -> int:
    """Run ``rtecap market report``; return the exit code."""
    import pandas as pd

    from rtecap.exceptions import RteError
    from rtecap.market.archive import default_store
    from rtecap.market.archive_check import archive_report

    try:
        report = archive_report(args.store or default_store())
    except (RteError, ImportError, OSError) as exc:
        return _fail("report", exc, 1)
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(report.to_string())
    return 0
