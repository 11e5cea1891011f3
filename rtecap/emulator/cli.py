"""``rtecap serve``: run the emulator in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import threading

from rtecap.mappings import API_PATH, CPPT


def rate(text: str) -> float:
    """Parse a rate limit written ``N`` or ``N/s``.

    Parameters
    ----------
    text : str

    Returns
    -------
    float
        Requests per second (> 0).

    Raises
    ------
    argparse.ArgumentTypeError
        If the text is not a positive number, optionally followed by ``/s``.

    Examples
    --------
    >>> rate("5/s"), rate("0.5")
    (5.0, 0.5)
    """
    try:
        value = float(text.removesuffix("/s"))
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a positive rate such as 5/s, not {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``serve`` options to ``parser``.

    Parameters
    ----------
    parser : argparse.ArgumentParser

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["--rate-limit", "5/s"]).rate_limit
    5.0
    """
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0: any free port)")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="latency added per request")
    parser.add_argument("--fault-rate", type=float, default=0.0,
                        help="probability that a request is faulted (500/503/408/truncated/slow)")
    parser.add_argument("--rate-limit", type=rate, default=None,
                        help="requests per second per client, e.g. 5/s (default: none)")
    parser.add_argument("--token-lifetime", type=float, default=7200.0,
                        help="access token lifetime in seconds (default: RTE's 7200)")
    parser.add_argument("--today", default=None, help="the emulator's date, YYYY-MM-DD")
    parser.add_argument("--seed", type=int, default=0, help="seed of the data and the faults")
    parser.add_argument("--strict", action="store_true",
                        help="dates as the guide writes them only (+hh:mm): Z is F06")
    parser.add_argument("--no-data-404", action="store_true",
                        help='answer "no data" with HTTP 404 instead of EC45_ERR01')
    parser.add_argument("--alt-spellings", action="store_true",
                        help="serve the guide's other spellings (production_type, values, ...)")


def run(args: argparse.Namespace, *, stop: threading.Event | None = None) -> int:
    """Serve until Ctrl-C (or ``stop`` is set), printing the URL and the credentials.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser given to :func:`add_arguments`.
    stop : threading.Event or None
        For embedding: serving ends when it is set.

    Returns
    -------
    int
        0 once stopped.

    Raises
    ------
    ValueError
        On an invalid setting (``--fault-rate`` outside [0, 1], bad ``--today``).
    OSError
        If the port is taken.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> done = threading.Event()
    >>> done.set()
    >>> run(parser.parse_args(["--port", "0"]), stop=done)  # doctest: +ELLIPSIS
    rtecap emulator serving on http://127.0.0.1:...
    0
    """
    from rtecap.emulator.server import serve

    server = serve(port=args.port, latency_ms=args.latency_ms, fault_rate=args.fault_rate,
                   rate_limit=args.rate_limit, token_lifetime=args.token_lifetime,
                   today=args.today, seed=args.seed, strict=args.strict,
                   no_data_404=args.no_data_404, alt_spellings=args.alt_spellings)  # fmt: skip
    try:
        print(f"rtecap emulator serving on {server.url}  (today={server.today}, seed={args.seed})")
        print(f"  RTE_BASE_URL={server.url}")
        print(f"  RTE_CLIENT_ID={server.client_id}")
        print(f"  RTE_CLIENT_SECRET={server.client_secret}")
        print("  try:")
        print(f"    TOKEN=$(curl -s -u \"$RTE_CLIENT_ID:$RTE_CLIENT_SECRET\" "
              f"-d grant_type=client_credentials {server.token_url} | "
              "python -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])')")
        print(f"    curl -H \"Authorization: Bearer $TOKEN\" {server.url}{API_PATH}/{CPPT}")
        print(f"  market-data API: RTECAP_MARKET_BASE_URL={server.url} "
              f"RTECAP_MARKET_TOKEN={server.market_token}")
        print("Press Ctrl-C to stop.", flush=True)
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.stop()
    return 0
