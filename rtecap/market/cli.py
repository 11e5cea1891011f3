"""``rtecap market fetch ENDPOINT -o FILE``: one endpoint of the market-data API to a file.

The token comes from ``RTECAP_MARKET_TOKEN`` only (a command-line flag would leave it in the
shell history and the process list). ``-o`` ending in ``.csv`` or ``.parquet`` writes the
tidy frame; an energy endpoint writes one file per row set (``prices.rows.csv``,
``prices.chart.csv``, ``prices.latest.csv``; ``balancing_energy``: ``x.afrr.rows.csv`` ...),
never two resolutions in one file. ``.json`` writes the API's answer as it came (readable
again with the ``read_*`` twin). Errors: one line on stderr, exit 1 (API), 2 (usage), 3 (no
token).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rtecap.market import mappings as mm
from rtecap.market._endpoints import ENDPOINTS, endpoint

_FORMATS = (".csv", ".parquet", ".json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``market`` sub-commands to ``parser`` (the ``rtecap market`` parser)."""
    sub = parser.add_subparsers(dest="market_command", required=True)
    fetch = sub.add_parser("fetch", help="fetch one endpoint to a CSV, Parquet or JSON file",
                           description=__doc__.splitlines()[0])  # fmt: skip
    fetch.add_argument("endpoint", help=", ".join(sorted(ENDPOINTS)) + " (or the path, e.g. "
                       "/api/day-ahead-prices)")  # fmt: skip
    fetch.add_argument("-o", "--output", required=True, help="out.csv, out.parquet or out.json")
    fetch.add_argument("--lang", choices=("en", "fr"), default="en")
    fetch.add_argument("--base-url", default=None,
                       help=f"default: ${mm.BASE_URL_ENV}, else {mm.DEFAULT_BASE_URL}")
    fetch.add_argument("--no-cache", action="store_true", help="do not use the disk cache")
    fetch.add_argument("--offline", action="store_true", help="answer from the cache only")
    fetch.set_defaults(func=run)
    from rtecap.market.archive_cli import add_archive_commands

    add_archive_commands(sub)


def _frames(result, stem: Path) -> dict[Path, object]:
    import pandas as pd

    if isinstance(result, pd.DataFrame):
        return {stem: result}
    out: dict[Path, object] = {}
    for key, value in result.items():
        target = stem.with_name(f"{stem.name}.{key}")
        out.update(_frames(value, target) if not isinstance(value, pd.DataFrame)
                   else {target: value})  # fmt: skip
    return out


def run(args: argparse.Namespace) -> int:
    """Run ``rtecap market fetch``; return the exit code."""
    from rtecap.exceptions import CredentialsError, RteError
    from rtecap.market.client import Client
    from rtecap.market.loaders import add_provenance
    from rtecap.market.parsers import parse

    target = Path(args.output)
    if target.suffix not in _FORMATS:
        print(f"rtecap market fetch: -o must end with {', '.join(_FORMATS)}", file=sys.stderr)
        return 2
    try:
        spec = endpoint(args.endpoint)
    except ValueError as exc:
        print(f"rtecap market fetch: {exc}", file=sys.stderr)
        return 2
    try:
        with Client(base_url=args.base_url, cache=not args.no_cache,
                    offline=args.offline or None) as client:  # fmt: skip
            answer = client.get_answer(spec.name)
        result = add_provenance(parse(spec.name, answer.payload, lang=args.lang), client,
                                answer)  # fmt: skip
    except CredentialsError as exc:
        print(f"rtecap market fetch: {exc}", file=sys.stderr)
        return 3
    except (RteError, ValueError, OSError) as exc:
        print(f"rtecap market fetch: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".json":
        target.write_text(json.dumps(answer.payload, ensure_ascii=False), encoding="utf-8")
        print(f"wrote the answer of {spec.path} to {target}")
        return 0
    for stem, frame in _frames(result, target.with_suffix("")).items():
        path = stem.with_name(stem.name + target.suffix)  # not with_suffix: "e.afrr.rows"
        if target.suffix == ".parquet":
            frame.to_parquet(path)  # type: ignore[attr-defined]
        else:
            frame.to_csv(path)  # type: ignore[attr-defined]
        print(f"wrote {len(frame)} rows to {path}")  # type: ignore[arg-type]
    return 0
