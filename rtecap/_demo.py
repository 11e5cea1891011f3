"""The API half of ``rtecap demo``.

The demo starts :mod:`rtecap.emulator` in-process, runs the real HTTP path (OAuth2, chunked
``get_*`` calls, disk cache) for the full history of the three resources, compares the
per-sector sums of the production-type data with the embedded ODRE figures, prints a summary
and writes CSV files and PNG plots.
"""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from rtecap import mappings as m


def print_table(table, title: str) -> None:
    """Print a frame under a title, numbers with thousands separators."""
    print(f"\n{title}")
    with pd.option_context("display.width", 200, "display.max_columns", 30,
                           "display.float_format", "{:,.0f}".format):
        print(table)


def _history(client, progress: bool, lang: str) -> dict[str, pd.DataFrame]:
    """Each resource of the API, from its first date with data to the latest end allowed."""
    from rtecap import registry, rules

    common = {"client": client, "progress": progress, "lang": lang}
    return {
        spec.name: spec.load()(spec.first_date, rules.latest_end(spec.name, today=client.today),
                               **common)
        for spec in registry.resources(registry.GENINSCAP)
    }


def _compare_with_odre(cppt: pd.DataFrame) -> pd.DataFrame:
    """Per-sector sums of the API's production types against ODRE's figures, 2015-2023.

    Compared at sub-sector level (coal, gas and oil apart): ODRE's own fossil total differs from
    the sum of its coal, gas and oil figures by up to 27 MW, and the emulator follows the
    sub-sectors.
    """
    from rtecap.datasets import load_national_capacities

    api = cppt.rte.translate("en").rte.by_sector(level="sub_sector")
    odre = load_national_capacities().rte.by_sector(level="sub_sector")
    years = odre.index.intersection(api.index)
    rows = []
    for sector in [c for c in odre.columns if c in api.columns]:
        diff = (api.loc[years, sector] - odre.loc[years, sector]).abs()
        rows.append({"sector": sector, "api_mw_last": api.loc[years[-1], sector],
                     "odre_mw_last": odre.loc[years[-1], sector],
                     "max_abs_diff_mw": float(diff.max())})
    table = pd.DataFrame(rows).set_index("sector")
    table.attrs["years"] = f"{years.min().year}-{years.max().year}"
    return table


def run_api_demo(out: Path, *, lang: str = "en", progress: bool = True) -> int:
    """Run the API part of the demo against an in-process emulator; return the exit code."""
    import rtecap
    from rtecap.emulator import serve
    from rtecap.plotting import save_all

    with serve(seed=0) as server:  # today in Paris, the client's default clock too
        today = server.today
        print(f"\nlocal emulator of RTE's API at {server.url} (today = {today})")
        # the emulator's port changes every run, and with it every cache key: start afresh
        cache = out / "http_cache.sqlite"
        cache.unlink(missing_ok=True)
        client = rtecap.Client(server.client_id, server.client_secret, server.url,
                               cache=cache, today=today)
        t0 = time.perf_counter()
        frames = _history(client, progress, lang)
        elapsed = time.perf_counter() - t0
        client.close()
    rows = []
    for resource, frame in frames.items():
        info = frame.attrs["rtecap"]
        rows.append({"resource": resource, "rows": len(frame), "calls": info["calls"],
                     "from_cache_calls": info["cached_calls"],
                     "first": frame.index.min().date(), "last": frame.index.max().date()})
        frame.to_csv(out / f"{resource}.csv")
    summary = pd.DataFrame(rows).set_index("resource")
    print_table(summary, f"Full history over HTTP in {elapsed:.1f} s "
                          f"({summary['calls'].sum()} calls; CSV files in {out}/)")
    comparison = _compare_with_odre(frames[m.CPPT])
    print_table(comparison, "Emulator's 20 production types summed by sector vs ODRE, "
                             f"{comparison.attrs['years']} (last year shown)")
    cpc = frames[m.CPC].rte.translate("en")
    latest = cpc[cpc.index == cpc.index.max()]
    national = latest.rte.national().rte.to_mw()
    by_type = national.groupby("production_type", observed=True)["capacity_mw"].sum()
    print_table(by_type.sort_values(ascending=False).to_frame(),
                 f"Capacity under purchase obligation, France, {cpc.index.max().date()} (MW)")
    units = frames[m.CPPU].rte.translate("en")
    in_operation = units.rte.in_operation(pd.Timestamp(today, tz=m.TZ))
    print(f"\nstations > 100 MW in operation on {today}: {in_operation['code_eic'].nunique()}"
          f" ({in_operation['capacity_mw'].sum():,.0f} MW)")
    from rtecap.datasets import load_national_capacities
    from rtecap.emulator import mark_synthetic

    for resource in (m.CPC, m.CPPU):  # say on the plots that these are not RTE's figures
        frames[resource] = mark_synthetic(frames[resource], seed=0)
    national_odre = load_national_capacities(lang=lang)
    paths = save_all(out, capacities=national_odre, cpc=frames[m.CPC], units=frames[m.CPPU],
                     lang=lang)
    for name, path in paths.items():
        print(f"wrote {path} ({name})")
    return 0
