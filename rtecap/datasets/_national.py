"""The bundled ODRE dataset: French national installed capacity per sector, 2007-2023."""

from __future__ import annotations

from importlib import resources
from types import MappingProxyType
from typing import Any

import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap.exceptions import RteValidationError
from rtecap.parsers import TIME_UNIT, check_lang, sort_frame
from rtecap.parsers._translate import translate

#: The vintages shipped in ``rtecap/datasets/data`` (each copied unchanged from ODRE): year
#: of publication -> file. They disagree slightly (ODRE revises past years).
VINTAGES = MappingProxyType(
    {
        2024: "parc-prod-par-filiere_vintage2024.csv",  # 2007-2023
        2022: "parc-prod-par-filiere_vintage2022.csv",  # 2007-2021
    }
)
#: The vintage :func:`load_national_capacities` loads by default.
LATEST_VINTAGE = max(VINTAGES)
#: The file of the latest vintage.
FILENAME = VINTAGES[LATEST_VINTAGE]
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"


def source(vintage: int = LATEST_VINTAGE) -> str:
    """Short credit line of a vintage, for plots and exports."""
    return (
        "RTE / ODRE (Open Data Réseaux Énergies), « Parc national annuel de production par "
        f"filière », {vintage} vintage, {LICENCE}"
    )


#: Credit line of the latest vintage.
SOURCE = source()
_YEAR_COLUMN = "Annee"

#: Top-level sectors of the dataset, in display order (``sector`` column).
SECTOR_ORDER = tuple(s for s in m.SECTORS if s in m.ODRE_COLUMNS.values())
#: Sub-sectors in display order (``sub_sector`` column): fossil split into coal, gas and oil;
#: every other sector is its own sub-sector.
SUB_SECTOR_ORDER = tuple(
    name
    for sector in SECTOR_ORDER
    for name in ([sub for sub, top in m.SUB_SECTORS.items() if top == sector] or [sector])
)


def tidy_national(wide: pd.DataFrame) -> pd.DataFrame:
    """Turn a year x sector table (ODRE's columns, renamed) into the tidy national frame.

    Parameters
    ----------
    wide : DataFrame
        Index: years (int); columns: sectors and the fossil sub-sectors (``nuclear``,
        ``fossil``, ``coal``, ``gas``, ``oil`` ...), MW. Missing columns or NaN cells are
        allowed.

    Returns
    -------
    DataFrame
        See :func:`load_national_capacities` (without ``attrs``).
    """
    wide = wide.astype("float64")
    subs = [s for s in m.SUB_SECTORS if s in wide.columns]
    fossil = wide["fossil"] if "fossil" in wide else pd.Series(float("nan"), index=wide.index)
    split = wide[subs].notna().any(axis=1) if subs else pd.Series(False, index=wide.index)
    parts: list[tuple[Any, str, str | None, Any, Any]] = []
    for sector in SECTOR_ORDER:
        if sector == "fossil":
            for sub in subs:
                parts.append((wide.index[split], sector, sub, wide.loc[split, sub],
                              fossil[split]))
            if "fossil" in wide:
                parts.append((wide.index[~split], sector, None, fossil[~split], fossil[~split]))
        elif sector in wide:
            parts.append((wide.index, sector, sector, wide[sector], wide[sector]))
    years = [int(y) for p in parts for y in p[0]]
    start = pd.DatetimeIndex([pd.Timestamp(y, 1, 1) for y in years], name="start_date")
    df = pd.DataFrame(
        {
            "sector": pd.Categorical([p[1] for p in parts for _ in p[0]],
                                     categories=SECTOR_ORDER),
            "sub_sector": pd.Categorical([p[2] for p in parts for _ in p[0]],
                                         categories=SUB_SECTOR_ORDER),
            "capacity_mw": [v for p in parts for v in p[3]],
            "sector_total_mw": [v for p in parts for v in p[4]],
        },
        index=start.tz_localize(m.TZ).as_unit(TIME_UNIT),
    ).astype({"capacity_mw": "float64", "sector_total_mw": "float64"})
    return sort_frame(df, registry.get(m.NATIONAL).sort_order)  # its only order


def load_national_capacities(*, lang: str = "en", vintage: int | None = None) -> pd.DataFrame:
    """Load the bundled national installed capacity per sector (France, MW, 2007-2023).

    The figures are RTE's dataset « Parc national annuel de production par filière »
    published on ODRE (Open Data Réseaux Énergies), shipped unchanged in
    ``rtecap/datasets/data`` in two vintages: 2024 (2007-2023, the default) and 2022
    (2007-2021). ODRE revises past years between vintages (e.g. the 2015 fossil total:
    22,334.9 MW in 2022, 23,298.7 MW in 2024), so a study pins the vintage it used with
    ``vintage=``; ``attrs["rtecap"]["vintage"]`` records it. Credit: RTE / ODRE, under the
    Licence Ouverte / Open Licence 2.0 (Etalab). See :func:`source`.

    **Dates.** The file gives one row per year (column ``Annee``). Each figure is the
    fleet installed in that year, which RTE's yearly reviews state at the end of the year
    (31 December). The file itself carries no day; the reading is supported by e.g. the
    2018 row (8,562 MW solar + 15,068 MW wind = 23.6 GW), which is the wind and solar fleet
    the Panorama de l'électricité renouvelable 2018 (RTE, SER, Enedis, ADEeF, Agence ORE)
    reports at 31 December 2018. rtecap stamps the year's figure at **1 January of
    that year, local midnight** (index ``start_date``), the convention of the API's
    calendar-year values (CPPT-RG06), so the two can be joined on the index. Read the
    2018-01-01 row as "the 2018 figure" (fleet at the end of 2018), not as the fleet
    on the morning of 1 January 2018.

    **Each MW once.** A year has one row per sub-sector: nuclear, coal, gas, oil, hydro,
    wind, solar, bioenergy; ``sector`` tells the top-level sector (coal, gas and oil are
    ``fossil``), ``sub_sector`` the detail. So ``df.groupby(level=0)["capacity_mw"].sum()``
    is the national total and ``df.groupby("sector", observed=True)`` the per-sector
    figures, each MW counted once. ODRE gives no coal/gas/oil split for 2007-2009: those
    years have one ``fossil`` row whose ``sub_sector`` is empty (NA).

    **Two fossil totals.** ODRE also publishes its own fossil figure, which differs from
    coal + gas + oil in a few years (2013: -0.3 MW, 2014: +14.4, 2022: +25.8, 2023:
    +27.0). It is kept in ``sector_total_mw``: ODRE's published figure of the row's sector,
    *repeated* on the coal, gas and oil rows of a year (on the other rows it equals
    ``capacity_mw``) — a total to read, never to add up. Sums of ``capacity_mw`` (and
    ``by_sector(level="sub_sector")``) use coal + gas + oil; ``by_sector`` and ``mix`` at
    the default ``level="sector"`` use ODRE's published sector totals.

    Parameters
    ----------
    lang : {"en", "fr"}
        Column names and labels in English (default) or French (``filiere``,
        ``sous_filiere``, ``puissance_mw``, ``total_filiere_mw``; ``nucléaire`` ...).
    vintage : {2024, 2022}, optional
        The year ODRE published the figures (:data:`VINTAGES`); default the latest, 2024.

    Returns
    -------
    DataFrame
        2024 vintage: 17 years, 2007-2009 with 6 rows each, 2010-2023 with 8: 130 rows (2022
        vintage: 2007-2021, 114 rows). Index
        ``start_date`` (DatetimeIndex, Europe/Paris, 1 January 00:00); columns ``sector``
        (category, display order), ``sub_sector`` (category; NA for an unsplit fossil
        row), ``capacity_mw`` and ``sector_total_mw`` (float64). Sorted by year, sector,
        sub-sector. ``attrs["rtecap"]`` holds resource, lang, source, licence, file and
        vintage.

    Raises
    ------
    RteValidationError
        ``lang`` is neither "en" nor "fr", or ``vintage`` is not one of :data:`VINTAGES`.

    Examples
    --------
    >>> df = load_national_capacities()
    >>> df.index[0]
    Timestamp('2007-01-01 00:00:00+0100', tz='Europe/Paris')
    >>> float(df.loc["2023", "capacity_mw"].sum().round(1))
    149019.3
    >>> published = df.loc["2023"].groupby("sector", observed=True)["sector_total_mw"].first()
    >>> round(float(published["fossil"]), 1)
    17447.2
    >>> load_national_capacities(lang="fr").columns.tolist()
    ['filiere', 'sous_filiere', 'puissance_mw', 'total_filiere_mw']
    >>> old = load_national_capacities(vintage=2022)
    >>> old.index[-1].year, old.attrs["rtecap"]["vintage"]
    (2021, 2022)
    """
    check_lang(lang)
    vintage = LATEST_VINTAGE if vintage is None else vintage
    if isinstance(vintage, bool) or vintage not in VINTAGES:
        raise RteValidationError(
            f"vintage={vintage!r}: the shipped ODRE vintages are "
            f"{', '.join(map(str, sorted(VINTAGES)))} (an int)", parameter="vintage")
    filename = VINTAGES[vintage]
    with resources.files(__package__).joinpath("data", filename).open("rb") as handle:
        raw = pd.read_csv(handle, sep=";", encoding="utf-8")
    wide = raw.set_index(_YEAR_COLUMN)[list(m.ODRE_COLUMNS)].rename(columns=m.ODRE_COLUMNS)
    df = tidy_national(wide)
    df.attrs["rtecap"] = {
        "resource": m.NATIONAL,
        "lang": "en",
        "source": source(vintage),
        "licence": LICENCE,
        "file": filename,
        "vintage": vintage,
    }
    return translate(df, lang) if lang != "en" else df
