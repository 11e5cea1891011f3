"""The bundled ODRE dataset: French national installed capacity per sector, 2007-2023."""

from __future__ import annotations

from importlib import resources

import pandas as pd

from rtecap import mappings as m
from rtecap import registry
from rtecap.parsers import TIME_UNIT, check_lang, sort_frame
from rtecap.parsers._translate import translate

#: The file shipped in ``rtecap/datasets/data`` (copied unchanged from ODRE).
FILENAME = "parc-prod-par-filiere_vintage2024.csv"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
#: Short credit line for plots and exports.
SOURCE = (
    "RTE / ODRE (Open Data Réseaux Énergies), « Parc national annuel de production par "
    f"filière », 2024 vintage, {LICENCE}"
)
_YEAR_COLUMN = "Annee"

#: Sectors in display order, each followed by its sub-sectors (fossil: coal, gas, oil).
SECTOR_ORDER = tuple(
    name
    for sector in m.SECTORS
    for name in (sector, *(sub for sub, parent in m.SUB_SECTORS.items() if parent == sector))
    if name in m.ODRE_COLUMNS.values()
)


def load_national_capacities(*, lang: str = "en") -> pd.DataFrame:
    """Load the bundled national installed capacity per sector (France, MW, 2007-2023).

    The figures are RTE's dataset « Parc national annuel de production par filière »
    published on ODRE (Open Data Réseaux Énergies), 2024 vintage, shipped unchanged in
    ``rtecap/datasets/data``. Credit: RTE / ODRE, under the Licence Ouverte / Open Licence
    2.0 (Etalab). See :data:`SOURCE`.

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

    **Sectors.** ``sector`` holds nuclear, fossil, coal, gas, oil, hydro, wind, solar,
    bioenergy (``mappings.ODRE_COLUMNS``). Coal, gas and oil split fossil: ``level`` is
    "sector" for the six top-level sectors and "sub_sector" for coal, gas and oil, so
    ``df[df["level"] == "sector"]`` sums to the national total without counting fossil
    twice. ODRE's coal + gas + oil match its fossil figure to within 0.2 % (exactly in
    most years; 2014, 2022 and 2023 differ by 14 to 27 MW): use the fossil row for totals.

    **Missing figures.** ODRE gives no coal/gas/oil split for 2007-2009: those rows are
    kept with ``capacity_mw`` NaN (no gap is hidden; every year has all nine sectors).

    Parameters
    ----------
    lang : {"en", "fr"}
        Column names and labels in English (default) or French (``filiere``, ``niveau``,
        ``puissance_mw``; ``nucléaire``, ``sous-filière`` ...).

    Returns
    -------
    DataFrame
        17 years x 9 sectors = 153 rows. Index ``start_date`` (DatetimeIndex,
        Europe/Paris, 1 January 00:00); columns ``sector`` (category, in display order),
        ``level`` (category: sector, sub_sector), ``capacity_mw`` (float64). Sorted by year,
        then sector. ``attrs["rtecap"]`` holds resource, lang, source, licence and file.

    Raises
    ------
    RteValidationError
        ``lang`` is neither "en" nor "fr".

    Examples
    --------
    >>> df = load_national_capacities()
    >>> df.index[0]
    Timestamp('2007-01-01 00:00:00+0100', tz='Europe/Paris')
    >>> top = df[df["level"] == "sector"]
    >>> float(top.loc["2023", "capacity_mw"].sum().round(1))
    149046.3
    >>> load_national_capacities(lang="fr").columns.tolist()
    ['filiere', 'niveau', 'puissance_mw']
    """
    check_lang(lang)
    with resources.files(__package__).joinpath("data", FILENAME).open("rb") as handle:
        raw = pd.read_csv(handle, sep=";", encoding="utf-8")
    wide = raw.set_index(_YEAR_COLUMN)[list(m.ODRE_COLUMNS)].rename(columns=m.ODRE_COLUMNS)
    tidy = wide.melt(ignore_index=False, var_name="sector", value_name="capacity_mw")
    years = tidy.index.astype(int)
    start = pd.to_datetime({"year": years, "month": 1, "day": 1}).dt.tz_localize(m.TZ)
    level = ["sub_sector" if s in m.SUB_SECTORS else "sector" for s in tidy["sector"]]
    df = pd.DataFrame(
        {
            "sector": pd.Categorical(tidy["sector"], categories=SECTOR_ORDER),
            "level": pd.Categorical(level, categories=m.LEVELS[:2]),  # sector, sub_sector
            "capacity_mw": tidy["capacity_mw"].astype("float64").to_numpy(),
        },
        index=pd.DatetimeIndex(start, name="start_date").as_unit(TIME_UNIT),
    )
    df = sort_frame(df, registry.get(m.NATIONAL).sort_order)
    df.attrs["rtecap"] = {
        "resource": m.NATIONAL,
        "lang": "en",
        "source": SOURCE,
        "licence": LICENCE,
        "file": FILENAME,
    }
    return translate(df, lang) if lang != "en" else df
