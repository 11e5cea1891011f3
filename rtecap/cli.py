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
from rtecap.exceptions import CredentialsError, RteError, RteValidationError

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


def _api_frame(args: argparse.Namespace, *, offline: bool | None, raw: str | None = None):
    """Fetch the frame the fetch-style arguments describe (errors go up to :func:`main`)."""
    import rtecap

    spec = rtecap.registry.get(args.resource, api=rtecap.registry.GENINSCAP)
    kwargs = {"start_date": args.start_date, "end_date": args.end_date,
              "lang": args.lang or "en"}
    for parameter in spec.list_parameters:
        if getattr(args, parameter.name):
            kwargs[parameter.name] = getattr(args, parameter.name)
    for name in {"production_type", "department_code", "network_connection"} - set(kwargs):
        if getattr(args, name):
            raise rtecap.exceptions.RteValidationError(
                f"{spec.name} takes no --{name.replace('_', '-')}", parameter=name)
    client = rtecap.Client(base_url=args.base_url, sandbox=args.sandbox, offline=offline,
                           cache=not args.no_cache)
    with client:
        return spec.load()(**kwargs, client=client, raw=raw)


def cmd_fetch(args: argparse.Namespace) -> int:
    """Fetch one resource to a CSV or Parquet file; see ``rtecap fetch --help``."""
    target = Path(args.output)
    if target.suffix not in _FORMATS:
        raise UsageError(f"-o must end with {' or '.join(_FORMATS)}, not {target.name!r}")
    if args.raw and not args.raw.endswith(".json"):
        raise UsageError(f"--raw must end with .json, not {args.raw!r}")
    frame = _api_frame(args, offline=args.offline or None, raw=args.raw)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".parquet":
        frame.to_parquet(target)
    else:
        frame.to_csv(target)
    print(f"wrote {len(frame)} rows to {target}")
    if args.raw:
        print(f"wrote the API's answers to {args.raw} (read back: "
              f"rtecap.read_{frame.attrs['rtecap']['resource']}({args.raw!r}))")
    return 0


def cmd_plot(args: argparse.Namespace) -> int:
    """Draw the plots of a saved frame or of cached answers; see ``rtecap plot --help``."""
    from rtecap.plotting.files import FILENAMES, save_chart
    from rtecap.saved import read_frame

    if args.input:
        frame = read_frame(args.input, resource=args.resource)
    elif not args.resource:
        raise UsageError("give a file, or --resource and the request to read from the cache")
    else:
        frame = _api_frame(args, offline=True)
    if args.lang:
        frame = frame.rte.translate(args.lang)
    drawn = 0
    for name in FILENAMES:
        try:
            path = save_chart(name, frame, args.output, lang=args.lang)
        except RteValidationError as exc:
            print(f"skipped {name}: {exc}")
            continue
        drawn += 1
        print(f"wrote {path} ({name})")
    if not drawn:
        raise RteValidationError("no plot fits this frame")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the local emulator; see ``rtecap serve --help``."""
    from rtecap.emulator.cli import run

    return run(args)


class UsageError(RteError):
    """A command line that cannot work (exit status 2, like argparse's own errors)."""


#: Exit status per error type (the first match wins); anything else is 1.
EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (UsageError, 2),
    (CredentialsError, 3),
)

DATES_HELP = ("ISO 8601 date or date-time, e.g. 2023-01-01 or 2023-01-01T00:00:00+01:00; "
              "without an offset, Europe/Paris local time")
ENVIRONMENT = f"""dates:
  --start-date and --end-date take an {DATES_HELP}. The end date is excluded.

environment variables:
  RTE_CLIENT_ID, RTE_CLIENT_SECRET   OAuth2 credentials of your application on RTE's data
                                     portal (needed by calls that are not in the cache)
  RTE_BASE_URL                       API host (default {m.DEFAULT_BASE_URL}; rtecap serve
                                     prints the emulator's)
  RTECAP_MARKET_TOKEN                Bearer token of the market-data API (rtecap market)
  RTECAP_MARKET_BASE_URL             its host (default https://co-c8jb.nanocorp.app)
  RTECAP_MARKET_ARCHIVE              the store of rtecap market collect / report
  RTECAP_OFFLINE=1                   answer from the cache only
  TQDM_DISABLE=1                     no progress bars
  XDG_CACHE_HOME                     where the HTTP cache lives (rtecap/http_cache.sqlite)

Errors are printed on one line with a non-zero exit status (2: bad command line,
3: no credentials, 130: interrupted, 1: anything else); --debug shows the traceback.
"""


def _request_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start-date", metavar="DATE", help=DATES_HELP)
    parser.add_argument("--end-date", metavar="DATE", help="as --start-date; excluded")
    parser.add_argument("--production-type", help="comma-separated codes (CPPT, CPC), e.g. "
                        "WIND_ONSHORE,SOLAR; French labels work too")
    parser.add_argument("--department-code", help="comma-separated (CPC): FR, FR-75 (or 75), "
                        "FR-2A ...")
    parser.add_argument("--network-connection", help="RPD, RPT (CPC)")
    parser.add_argument("--lang", type=str.lower, choices=("en", "fr"), default=None)
    parser.add_argument("--base-url", default=None,
                        help=f"default: $RTE_BASE_URL, else {m.DEFAULT_BASE_URL}")
    parser.add_argument("--sandbox", action="store_true")
    parser.add_argument("--no-cache", action="store_true", help="do not use the disk cache")


def _add_demo(sub) -> None:
    demo = _subparser(sub, "demo", help="offline demo on the embedded data and the emulator")
    demo.add_argument("--output", "-o", default="out", help="folder for CSV and PNG (out)")
    demo.add_argument("--lang", type=str.lower, choices=("en", "fr"), default="en")
    demo.add_argument("--no-api", action="store_true",
                      help="only the embedded ODRE table, no emulator")
    demo.add_argument("--no-progress", action="store_true", help="no progress bars")
    demo.set_defaults(func=cmd_demo)


def _add_fetch(sub) -> None:
    fetch = _subparser(sub, "fetch", help="fetch one resource of RTE's API to a file")
    fetch.add_argument("resource", help="capacities_per_production_type (cppt), "
                       "capacities_per_production_unit (cppu), capacities_cpc (cpc)")
    _request_arguments(fetch)
    fetch.add_argument("--offline", action="store_true", help="answer from the cache only")
    fetch.add_argument("-o", "--output", required=True,
                       help="out.parquet (recommended) or out.csv (read back with "
                            "rtecap.read_csv)")
    fetch.add_argument("--raw", metavar="FILE.json",
                       help="also save the API's answers as JSON, for a replication "
                            "package (read back with rtecap.read_<resource>)")
    fetch.set_defaults(func=cmd_fetch)


def _add_plot(sub) -> None:
    plot = _subparser(sub, "plot", help="draw every plot that fits a frame saved by rtecap "
                      "fetch, or a request answered from the cache")
    plot.add_argument("input", nargs="?", help="a .parquet or .csv written by rtecap fetch")
    plot.add_argument("--resource", help="the resource (of the file: guessed by default; "
                      "without a file: read from the cache, offline)")
    _request_arguments(plot)
    plot.add_argument("-o", "--output", default="out", help="folder for the PNG files")
    plot.set_defaults(func=cmd_plot)


def _add_market(sub) -> None:
    from rtecap.market.cli import add_arguments as add_market_arguments

    market = _subparser(sub, "market", help="the market-data API: day-ahead prices, "
                        "balancing capacity and energy (token: $RTECAP_MARKET_TOKEN)")
    add_market_arguments(market)


def _add_serve(sub) -> None:
    from rtecap.emulator.cli import add_arguments

    serve = _subparser(sub, "serve", help="serve the local emulator of RTE's API")
    add_arguments(serve)
    serve.set_defaults(func=cmd_serve)


#: The sub-commands, in --help order. A module adds its own group by appending a function
#: that takes the sub-parsers object (e.g. ``rtecap market ...``).
SUBCOMMANDS = [_add_demo, _add_fetch, _add_plot, _add_market, _add_serve]


def _subparser(sub, name: str, **kwargs) -> argparse.ArgumentParser:
    """A sub-command with the common options (--debug) and the epilog on dates and variables."""
    parser = sub.add_parser(name, epilog=ENVIRONMENT,
                            formatter_class=argparse.RawDescriptionHelpFormatter, **kwargs)
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show the traceback of an error")
    return parser


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors on one line (and the exit status 2)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``rtecap`` command."""
    from rtecap._version import __version__

    parser = _Parser(prog="rtecap", description=__doc__.splitlines()[0],
                                     epilog=ENVIRONMENT,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"rtecap {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in SUBCOMMANDS:
        add(sub)
    return parser


def _one_line(exc: BaseException) -> str:
    """An error as one line: the text users need, without Python's decoration."""
    if isinstance(exc, FileNotFoundError) and exc.filename:
        text = f"no such file: {exc.filename}"
    elif isinstance(exc, OSError) and exc.filename:
        text = f"{exc.strerror or type(exc).__name__}: {exc.filename}"
    elif isinstance(exc, RteError | ValueError) and str(exc):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    notes = getattr(exc, "__notes__", None) or []  # which call of the load failed
    return " ".join(" ".join([text, *(f"[{note}]" for note in notes)]).split())


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``rtecap`` console script.

    Returns the exit status: 0, or for an error printed on one line, 2 (bad command line),
    3 (no credentials), 130 (Ctrl-C), 1 (anything else). ``--debug`` raises instead.
    """
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        if args.debug:
            raise
        print(f"rtecap {args.command}: interrupted (answers already received stay in the "
              "cache)", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        print(f"rtecap {args.command}: {_one_line(exc)}", file=sys.stderr)
        return next((code for kind, code in EXIT_CODES if isinstance(exc, kind)), 1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
