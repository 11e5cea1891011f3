"""The ``rtecap`` command: ``demo``, ``serve``, ``fetch`` and ``plot``.

``rtecap demo`` needs no credentials and no network: it reads the embedded ODRE figures, then
(unless ``--no-api``) starts the local emulator in-process and runs the real HTTP path against
it. ``rtecap fetch`` calls RTE's API with the credentials of the environment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rtecap import mappings as m

DEMO_YEARS = (2015, 2023)
_FORMATS = (".csv", ".parquet")


def _sector_table(lang: str = "en"):
    """National capacity by top-level sector for DEMO_YEARS, with the change since the first."""
    import pandas as pd

    from rtecap.datasets import load_national_capacities

    national = load_national_capacities()
    wide = national.rte.by_sector(level="sector")
    first, last = DEMO_YEARS
    wide = wide[(wide.index.year >= first) & (wide.index.year <= last)]
    wide = wide.dropna(axis=1, how="all")
    table = wide.T
    table.columns = [str(ts.year) for ts in table.columns]
    table.index.name = "sector"
    table.loc["total"] = table.sum()
    change = table[str(last)] - table[str(first)]
    table[f"change_mw_{first}_{last}"] = change
    table[f"change_pct_{first}_{last}"] = 100 * change / table[str(first)]
    if lang == "fr":
        table.index = pd.Index([m.SECTOR_FR.get(s, s) for s in table.index], name="filiere")
    return table


def cmd_demo(args: argparse.Namespace) -> int:
    """Run the demo; see ``rtecap demo --help``."""
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    from rtecap._demo import print_table

    table = _sector_table(args.lang)
    first, last = DEMO_YEARS
    print_table(table, f"Installed capacity in France by sector, MW ({first}-{last}; "
                        "source: RTE / ODRE, Licence Ouverte 2.0)")
    path = out / "national_capacity_by_sector.csv"
    table.to_csv(path, float_format="%.3f")
    print(f"\nwrote {path}")
    if args.no_api:
        return 0
    from rtecap._demo import run_api_demo

    return run_api_demo(out, lang=args.lang, progress=not args.no_progress)


def _api_frame(args: argparse.Namespace, *, offline: bool | None):
    """Fetch the frame the fetch-style arguments describe; (frame, 0) or (None, exit code)."""
    import rtecap
    from rtecap.exceptions import CredentialsError, RteError

    loaders = {m.CPPT: rtecap.get_capacities_per_production_type,
               m.CPPU: rtecap.get_capacities_per_production_unit,
               m.CPC: rtecap.get_capacities_cpc}
    kwargs = {"start_date": args.start_date, "end_date": args.end_date,
              "lang": args.lang or "en"}
    try:
        resource = rtecap.rules.canonical_resource(args.resource)
        for name in m.LIST_PARAMETERS[resource]:
            if getattr(args, name):
                kwargs[name] = getattr(args, name)
        client = rtecap.Client(base_url=args.base_url, sandbox=args.sandbox, offline=offline,
                               cache=not args.no_cache)
        return loaders[resource](**kwargs, client=client), 0
    except CredentialsError as exc:
        print(f"rtecap {args.command}: {exc}", file=sys.stderr)
        return None, 3
    except (RteError, ValueError) as exc:
        cause = exc.__cause__ if getattr(exc, "__cause__", None) is not None else exc
        code = getattr(cause, "code", None) or getattr(exc, "code", None)
        message = getattr(cause, "message", None) or str(exc)
        print(f"rtecap {args.command}: {code + ': ' if code else ''}{message}", file=sys.stderr)
        return None, 1


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch one resource to a CSV or Parquet file; see ``rtecap fetch --help``."""
    target = Path(args.output)
    if target.suffix not in _FORMATS:
        print(f"rtecap fetch: -o must end with {' or '.join(_FORMATS)}", file=sys.stderr)
        return 2
    frame, code = _api_frame(args, offline=args.offline or None)
    if frame is None:
        return code
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".parquet":
        frame.to_parquet(target)
    else:
        frame.to_csv(target)
    print(f"wrote {len(frame)} rows to {target}")
    return 0


def cmd_plot(args: argparse.Namespace) -> int:
    """Draw the plots of a saved frame or of cached answers; see ``rtecap plot --help``."""
    from rtecap._demo import load_saved, plot_frame

    if args.input:
        frame = load_saved(Path(args.input), args.resource)
    elif not args.resource:
        print("rtecap plot: give a file, or --resource and the request to read from the "
              "cache", file=sys.stderr)
        return 2
    else:
        frame, code = _api_frame(args, offline=True)
        if frame is None:
            return code
    return plot_frame(frame, Path(args.output), lang=args.lang)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the local emulator; see ``rtecap serve --help``."""
    from rtecap.emulator.cli import run

    return run(args)


def _request_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start-date")
    parser.add_argument("--end-date")
    parser.add_argument("--production-type", help="comma-separated")
    parser.add_argument("--department-code", help="comma-separated (CPC)")
    parser.add_argument("--network-connection", help="RPD, RPT (CPC)")
    parser.add_argument("--lang", choices=("en", "fr"), default=None)
    parser.add_argument("--base-url", default=None,
                        help=f"default: $RTE_BASE_URL, else {m.DEFAULT_BASE_URL}")
    parser.add_argument("--sandbox", action="store_true")
    parser.add_argument("--no-cache", action="store_true", help="do not use the disk cache")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``rtecap`` command."""
    from rtecap._version import __version__

    parser = argparse.ArgumentParser(prog="rtecap", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"rtecap {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="offline demo on the embedded data and the emulator")
    demo.add_argument("--output", "-o", default="out", help="folder for CSV and PNG (out)")
    demo.add_argument("--lang", choices=("en", "fr"), default="en")
    demo.add_argument("--no-api", action="store_true",
                      help="only the embedded ODRE table, no emulator")
    demo.add_argument("--no-progress", action="store_true", help="no progress bars")
    demo.set_defaults(func=cmd_demo)

    fetch = sub.add_parser("fetch", help="fetch one resource of RTE's API to a file")
    fetch.add_argument("resource", help="capacities_per_production_type (cppt), "
                       "capacities_per_production_unit (cppu), capacities_cpc (cpc)")
    _request_arguments(fetch)
    fetch.add_argument("--offline", action="store_true", help="answer from the cache only")
    fetch.add_argument("-o", "--output", required=True, help="out.csv or out.parquet")
    fetch.set_defaults(func=cmd_fetch)

    plot = sub.add_parser("plot", help="draw the plots of a frame saved by rtecap fetch, or "
                          "of a request answered from the cache")
    plot.add_argument("input", nargs="?", help="a .csv or .parquet written by rtecap fetch")
    plot.add_argument("--resource", help="the resource (of the file: guessed by default; "
                      "without a file: read from the cache, offline)")
    _request_arguments(plot)
    plot.add_argument("-o", "--output", default="out", help="folder for the PNG files")
    plot.set_defaults(func=cmd_plot)

    market = sub.add_parser("market", help="the market-data API: day-ahead prices, balancing "
                            "capacity and energy (token: $RTECAP_MARKET_TOKEN)")
    from rtecap.market.cli import add_arguments as add_market_arguments

    add_market_arguments(market)

    serve = sub.add_parser("serve", help="serve the local emulator of RTE's API")
    from rtecap.emulator.cli import add_arguments

    add_arguments(serve)
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``rtecap`` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
