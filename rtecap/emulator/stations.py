"""The emulator's fleet of French mainland power stations above 100 MW (data only).

Names, producers, technologies and capacities are public knowledge (EDF, CNR, ENGIE,
TotalEnergies, GazelEnergie... fleets); commissioning and closure *years* are real or close to
it; where only a year is written the day is drawn from the seed by :mod:`.fleet`. Capacity
steps inside a station's life (uprates, re-powering) are partly synthetic. Pumped-storage
plants are listed per turbine group (the resource is "per production unit"); the other
stations as a whole. Stations commissioned before 1935 start on 1935-01-01, the first date the
guide serves (§4.2.1.1).

Each row is ``(name, type, producer, voltage_kv, events)``; ``events`` is a space-separated
list of ``date:MW`` (``date`` = ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), a capacity of ``0``
closes the station, and an optional third field changes the production type from that date.
"""

from __future__ import annotations

from typing import Any

#: Producer key -> display name (the EIC codes are drawn by :mod:`.fleet`).
PRODUCERS = {
    "EDF": "EDF",
    "CNR": "COMPAGNIE NATIONALE DU RHONE",
    "ENGIE": "ENGIE",
    "TOTAL": "TOTALENERGIES",
    "GAZEL": "GAZELENERGIE GENERATION",
    "EDFR": "EDF RENOUVELABLES",
    "AILES": "AILES MARINES",
    "NEOEN": "NEOEN",
    "NERSA": "NERSA",
    "EOHF": "EOLIENNES OFFSHORE DES HAUTES FALAISES",
    "EOC": "EOLIENNES OFFSHORE DU CALVADOS",
    "EMYN": "EOLIENNES EN MER ILES D'YEU ET DE NOIRMOUTIER",
    "EMDT": "EOLIENNES EN MER DIEPPE LE TREPORT",
}

#: Pressurised-water reactors: (site, first unit number, net MW, commissioning years, closures).
#: Units start 3 % below their net capacity and reach it at their first ten-year outage
#: (synthetic step). Closures map a unit number to its closure date.
REACTORS: tuple[tuple[Any, ...], ...] = (
    ("BELLEVILLE", 1, 1310, (1987, 1988), {}),
    ("BLAYAIS", 1, 910, (1981, 1982, 1983, 1983), {}),
    ("BUGEY", 2, 910, (1978, 1978), {}),
    ("BUGEY", 4, 880, (1979, 1979), {}),
    ("CATTENOM", 1, 1300, (1986, 1987, 1990, 1991), {}),
    ("CHINON B", 1, 905, (1982, 1983, 1986, 1987), {}),
    ("CHOOZ B", 1, 1500, (1996, 1997), {}),
    ("CIVAUX", 1, 1495, (1997, 1999), {}),
    ("CRUAS", 1, 915, (1983, 1984, 1984, 1984), {}),
    ("DAMPIERRE", 1, 890, (1980, 1980, 1981, 1981), {}),
    ("FESSENHEIM", 1, 880, (1977, 1977), {1: "2020-02-22", 2: "2020-06-30"}),
    ("FLAMANVILLE", 1, 1330, (1985, 1986), {}),
    ("FLAMANVILLE", 3, 1630, ("2024-12-21",), {}),
    ("GOLFECH", 1, 1310, (1990, 1993), {}),
    ("GRAVELINES", 1, 910, (1980, 1980, 1980, 1981, 1984, 1985), {}),
    ("NOGENT", 1, 1310, (1987, 1988), {}),
    ("PALUEL", 1, 1330, (1984, 1984, 1985, 1986), {}),
    ("PENLY", 1, 1330, (1990, 1992), {}),
    ("SAINT-ALBAN", 1, 1335, (1985, 1986), {}),
    ("SAINT-LAURENT B", 1, 915, (1981, 1981), {}),
    ("TRICASTIN", 1, 915, (1980, 1980, 1981, 1981), {}),
)

#: Thermal sites with several units of one design:
#: (site, type, producer, kV, MW, ((unit, start, end or None), ...)).
THERMAL_UNITS = (
    ("ALBI", "FOSSIL_HARD_COAL", "GAZEL", 225, 125, ((1, 1959, 1994), (2, 1961, 1994))),
    ("ARRIGHI", "FOSSIL_OIL", "EDF", 225, 250, ((1, 1965, 2003), (2, 1966, 2003))),
    ("ARTIX", "FOSSIL_GAS", "EDF", 225, 125, ((1, 1958, 1990), (2, 1959, 1990), (3, 1962, 1990))),
    ("BEAUTOR", "FOSSIL_HARD_COAL", "EDF", 225, 125, ((1, 1957, 1990), (2, 1958, 1990))),
    ("BOUCHAIN", "FOSSIL_HARD_COAL", "EDF", 225, 125, ((1, 1958, 1990), (2, 1959, 1990),
                                                      (3, 1961, 1990))),
    ("CREIL", "FOSSIL_HARD_COAL", "EDF", 225, 250, ((1, 1968, 1999), (2, 1969, 1999))),
    ("GROSBLIEDERSTROFF", "FOSSIL_HARD_COAL", "GAZEL", 225, 250, ((1, 1971, 1997),)),
    ("PORCHEVILLE A", "FOSSIL_OIL", "EDF", 225, 125, ((1, 1955, 1987), (2, 1956, 1987),
                                                      (3, 1957, 1987), (4, 1958, 1987))),
    ("SAINT-OUEN", "FOSSIL_HARD_COAL", "EDF", 225, 125, ((1, 1951, 1984), (2, 1952, 1984))),
    ("VAIRES-SUR-MARNE", "FOSSIL_HARD_COAL", "EDF", 225, 125, ((1, 1952, 1986), (2, 1953, 1986),
                                                               (3, 1956, 1986))),
    ("YAINVILLE", "FOSSIL_HARD_COAL", "EDF", 225, 125, ((1, 1956, 1993), (2, 1957, 1993))),
    ("AMBES", "FOSSIL_OIL", "EDF", 225, 250, ((1, 1965, 1999), (2, 1966, 1999),
                                              (3, 1974, 2004), (4, 1975, 2004))),
    ("ARAMON", "FOSSIL_OIL", "EDF", 400, 685, ((1, 1977, "2016-04"), (2, 1977, "2016-04"))),
    ("ARRIGHI TAC", "FOSSIL_OIL", "EDF", 225, 125, ((1, 2007, None), (2, 2007, None))),
    ("BLENOD", "FOSSIL_HARD_COAL", "EDF", 225, 250, ((1, 1963, 2013), (2, 1964, 2013),
                                                     (3, 1965, 2014), (4, 1966, 2014))),
    ("BOUCHAIN", "FOSSIL_HARD_COAL", "EDF", 225, 250, ((4, 1970, "2015-04"),)),
    ("CHAMPAGNE-SUR-OISE", "FOSSIL_OIL", "EDF", 225, 250, ((1, 1967, 2004), (2, 1968, 2004))),
    ("CHEVIRE", "FOSSIL_OIL", "EDF", 225, 125, ((1, 1954, 1986), (2, 1955, 1986),
                                                (3, 1958, 1986))),
    ("CORDEMAIS", "FOSSIL_OIL", "EDF", 400, 685, ((1, 1970, 1995), (2, 1976, "2017-03"),
                                                  (3, 1976, "2017-03"))),
    ("CORDEMAIS", "FOSSIL_HARD_COAL", "EDF", 400, 600, ((4, 1983, None), (5, 1984, None))),
    ("EMILE HUCHET", "FOSSIL_HARD_COAL", "GAZEL", 225, 125, ((1, 1952, 1986), (2, 1953, 1988),
                                                             (3, 1954, 1990), (4, 1958, 2009))),
    ("EMILE HUCHET", "FOSSIL_GAS", "GAZEL", 400, 430, ((7, 2010, None), (8, 2010, None))),
    ("GARDANNE", "FOSSIL_HARD_COAL", "GAZEL", 225, 125, ((1, 1953, 1989), (2, 1954, 1989),
                                                         (3, 1961, 1993))),
    ("HORNAING", "FOSSIL_HARD_COAL", "GAZEL", 225, 125, ((1, 1957, 1994), (2, 1958, 1994))),
    ("LA MAXE", "FOSSIL_HARD_COAL", "EDF", 225, 250, ((1, 1971, "2015-04"), (2, 1972, "2015-04"))),
    ("LE HAVRE", "FOSSIL_OIL", "EDF", 400, 600, ((2, 1969, 2013), (3, 1969, 2013))),
    ("LOIRE-SUR-RHONE", "FOSSIL_OIL", "EDF", 225, 250, ((1, 1962, 1999), (2, 1963, 1999),
                                                        (3, 1964, 1999), (4, 1965, 1999))),
    ("LUCY", "FOSSIL_HARD_COAL", "GAZEL", 225, 125, ((1, 1961, 1992), (2, 1962, 1992))),
    ("MARTIGUES", "FOSSIL_OIL", "EDF", 225, 250, ((1, 1971, 2009), (2, 1972, 2009),
                                                  (3, 1973, 2010), (4, 1974, 2010))),
    ("MARTIGUES", "FOSSIL_GAS", "EDF", 400, 465, ((5, "2012-09", None), (6, "2013-02", None))),
    ("MONTEREAU", "FOSSIL_HARD_COAL", "EDF", 225, 250, ((1, 1961, 2004), (2, 1962, 2004),
                                                        (3, 1964, 2004), (4, 1965, 2004))),
    ("MONTEREAU TAC", "FOSSIL_OIL", "EDF", 225, 185, ((1, 2010, None), (2, 2010, None))),
    ("PONT-SUR-SAMBRE", "FOSSIL_HARD_COAL", "EDF", 225, 125, ((1, 1959, 1990), (2, 1960, 1990),
                                                              (3, 1961, 2001), (4, 1962, 2001))),
    ("PORCHEVILLE", "FOSSIL_OIL", "EDF", 400, 600, ((1, 1968, "2017-04"), (2, 1970, "2017-04"),
                                                    (3, 1974, "2017-04"), (4, 1975, "2017-04"))),
    ("RICHEMONT", "FOSSIL_HARD_COAL", "EDF", 225, 125, ((1, 1958, 1993), (2, 1959, 1993))),
    ("VAIRES-SUR-MARNE TAC", "FOSSIL_OIL", "EDF", 225, 185, ((1, 2008, None), (2, 2008, None),
                                                             (3, 2008, None))),
    ("VITRY-SUR-SEINE", "FOSSIL_HARD_COAL", "EDF", 225, 250, ((1, 1955, 1990), (2, 1957, 1990),
                                                              (3, 1966, "2015-04"),
                                                              (4, 1967, "2015-04"))),
)

#: Pumped-storage plants listed per group: (site, kV, group MW, ((group, start), ...)).
PUMPED_STORAGE_GROUPS = (
    ("GRAND'MAISON", 400, 153, tuple((n, 1985 if n <= 4 else 1986 if n <= 8 else 1987)
                                     for n in range(1, 13))),
    ("MONTEZIC", 400, 228, ((1, 1982), (2, 1982), (3, 1982), (4, 1982))),
    ("REVIN", 400, 180, ((1, 1976), (2, 1976), (3, 1976), (4, 1976))),
    ("SUPER-BISSORTE", 400, 150, ((1, 1986), (2, 1986), (3, 1987), (4, 1987))),
    ("LE CHEYLAS", 225, 240, ((1, 1979), (2, 1979))),
)

#: Every other station: (name, type, producer, kV, events).
STATIONS = (
    # --- nuclear prototypes and gas-graphite reactors, all closed
    ("CHINON A2", "NUCLEAR", "EDF", 225, "1965:180 1985-06:0"),
    ("CHINON A3", "NUCLEAR", "EDF", 225, "1966:360 1990-06:0"),
    ("CHOOZ A", "NUCLEAR", "EDF", 225, "1967:305 1991-10:0"),
    ("SAINT-LAURENT A1", "NUCLEAR", "EDF", 225, "1969:390 1990-04:0"),
    ("SAINT-LAURENT A2", "NUCLEAR", "EDF", 225, "1971:450 1992-05:0"),
    ("BUGEY 1", "NUCLEAR", "EDF", 225, "1972:540 1994-05:0"),
    ("PHENIX", "NUCLEAR", "EDF", 225, "1974:233 2003:140 2009-09:0"),
    ("SUPERPHENIX", "NUCLEAR", "NERSA", 400, "1986:1200 1998-12:0"),
    # --- coal and oil with a history of their own
    ("LE HAVRE 1", "FOSSIL_HARD_COAL", "EDF", 225, "1968:250 2013:0"),
    ("LE HAVRE 4", "FOSSIL_HARD_COAL", "EDF", 400, "1983:580 2021-03-31:0"),
    ("EMILE HUCHET 5", "FOSSIL_HARD_COAL", "GAZEL", 225, "1972:330 2015-03:0"),
    ("EMILE HUCHET 6", "FOSSIL_HARD_COAL", "GAZEL", 400, "1981:600 2022-03-31:0"),
    ("GARDANNE 4", "FOSSIL_HARD_COAL", "GAZEL", 225, "1967:250 2016-07:150:BIOMASS"),
    ("GARDANNE 5", "FOSSIL_HARD_COAL", "GAZEL", 400, "1984:595 2021-06:0"),
    ("HORNAING 3", "FOSSIL_HARD_COAL", "GAZEL", 225, "1970:250 2013-06:0"),
    ("LUCY 3", "FOSSIL_HARD_COAL", "GAZEL", 225, "1971:270 2014-03:0"),
    ("BRENNILIS TAC", "FOSSIL_OIL", "EDF", 225, "1981:255 1996:295"),
    ("DIRINON TAC", "FOSSIL_OIL", "EDF", 225, "1980:170"),
    ("GENNEVILLIERS TAC", "FOSSIL_OIL", "EDF", 225, "1992:200"),
    # --- combined-cycle gas turbines
    ("BAYET", "FOSSIL_GAS", "TOTAL", 400, "2011-10:408"),
    ("BLENOD 5", "FOSSIL_GAS", "EDF", 400, "2011-12:430"),
    ("BOUCHAIN 7", "FOSSIL_GAS", "EDF", 400, "2016-06:605"),
    ("COMBIGOLFE", "FOSSIL_GAS", "ENGIE", 400, "2010-02:435"),
    ("CYCOFOS", "FOSSIL_GAS", "ENGIE", 400, "2010-05:490"),
    ("DK6 1", "FOSSIL_GAS", "ENGIE", 400, "2005-06:395"),
    ("DK6 2", "FOSSIL_GAS", "ENGIE", 400, "2005-09:395"),
    ("LANDIVISIAU", "FOSSIL_GAS", "TOTAL", 225, "2022-03:446"),
    ("MONTOIR-DE-BRETAGNE", "FOSSIL_GAS", "ENGIE", 400, "2010-12:435"),
    ("PONT-SUR-SAMBRE 5", "FOSSIL_GAS", "TOTAL", 225, "2009-11:412"),
    ("TOUL", "FOSSIL_GAS", "TOTAL", 400, "2013-01:413"),
    # --- hydro: reservoirs (lacs)
    ("ASTON", "HYDRO_WATER_RESERVOIR", "EDF", 150, "1952:120"),
    ("BORT-LES-ORGUES", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1952:240"),
    ("BROMMAT", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1932:250 1982:415"),
    ("CHASTANG", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1951:290"),
    ("CORDEAC", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1965:115"),
    ("COUESQUES", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1950:120"),
    ("LA BATHIE", "HYDRO_WATER_RESERVOIR", "EDF", 400, "1961:546"),
    ("L'AIGLE", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1946:250 1982:360"),
    ("LE POUGET", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1952:260 1982:445"),
    ("LES BREVIERES", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1952:150"),
    ("MALGOVERT", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1953:300"),
    ("MAREGES", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1935:150"),
    ("MONTEYNARD", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1962:360"),
    ("MONTPEZAT", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1954:130"),
    ("PORTILLON", "HYDRO_WATER_RESERVOIR", "EDF", 150, "1959:170"),
    ("PRAGNERES", "HYDRO_WATER_RESERVOIR", "EDF", 150, "1953:190"),
    ("RANDENS", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1954:140"),
    ("SAINT-ETIENNE-CANTALES", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1945:110"),
    ("SAINT-GUILLERME 2", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1965:130"),
    ("SAINT-PIERRE-COGNET", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1957:110"),
    ("SAINTE-CROIX", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1974:160"),
    ("SARRANS", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1934:165 1990:183"),
    ("SERRE-PONCON", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1960:380"),
    ("VILLARODIN", "HYDRO_WATER_RESERVOIR", "EDF", 400, "1967:390"),
    ("VOUGLANS", "HYDRO_WATER_RESERVOIR", "EDF", 225, "1968:285"),
    # --- hydro: pumped storage kept whole, run-of-river and pondage (fil de l'eau, éclusées)
    ("LA COCHE", "HYDRO_PUMPED_STORAGE", "EDF", 225, "1976:320 2019-11:560"),
    ("AVIGNON", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1973:120"),
    ("BAIX-LE LOGIS-NEUF", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1960:210"),
    ("BEAUCHASTEL", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1963:192"),
    ("BOLLENE", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1952:300 2007:354"),
    ("BOURG-LES-VALENCE", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1968:180"),
    ("CADEROUSSE", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1975:156"),
    ("CHATEAUNEUF-DU-RHONE", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1957:295"),
    ("GENISSIAT", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1948:330 1953:396 2010:420"),
    ("PEAGE-DE-ROUSSILLON", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1977:160"),
    ("SAINT-VALLIER", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1971:120"),
    ("VALLABREGUES", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "CNR", 225, "1970:210"),
    ("FESSENHEIM HYDRAULIQUE", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1956:180"),
    ("GERSTHEIM", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1967:140"),
    ("KEMBS", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1932:138 2016:160"),
    ("MARCKOLSHEIM", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1961:156"),
    ("OTTMARSHEIM", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1952:156"),
    ("RHINAU", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1963:160"),
    ("STRASBOURG", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1970:150"),
    ("VOGELGRUN", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1959:140"),
    ("CURBANS", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1966:135"),
    ("MALLEMORT", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1964:160"),
    ("MANOSQUE", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1966:200"),
    ("ORAISON", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1966:190"),
    ("SAINT-CHAMAS", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1966:150"),
    ("SAINT-ESTEVE-JANSON", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1964:130"),
    ("SAINTE-TULLE", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1966:110"),
    ("SALON", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1965:140"),
    ("SISTERON", "HYDRO_RUN_OF_RIVER_AND_POUNDAGE", "EDF", 225, "1975:230"),
    ("LA RANCE", "MARINE", "EDF", 225, "1966-11:240"),
    # --- wind, solar
    ("SAINT-NAZAIRE", "WIND_OFFSHORE", "EDFR", 225, "2022-11:480"),
    ("SAINT-BRIEUC", "WIND_OFFSHORE", "AILES", 225, "2023-05:248 2024-05:496"),
    ("FECAMP", "WIND_OFFSHORE", "EOHF", 225, "2024-05:497"),
    ("COURSEULLES-SUR-MER", "WIND_OFFSHORE", "EOC", 225, "2025-05:448"),
    ("YEU-NOIRMOUTIER", "WIND_OFFSHORE", "EMYN", 225, "2025-10:496"),
    ("DIEPPE-LE TREPORT", "WIND_OFFSHORE", "EMDT", 225, "2026-06:496"),
    ("CESTAS", "SOLAR", "NEOEN", 225, "2015-10:300"),
    ("TOUL-ROSIERES", "SOLAR", "EDFR", 63, "2012-11:115"),
)
