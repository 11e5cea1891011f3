"""Codes, labels, units, paths and the time zone: data only, no logic.

Everything here comes from RTE's *Generation Installed Capacities API* user guide v1.2.0
(cited as "the guide", section numbers in comments), except where a comment says otherwise.
Other modules take their enums, translations and sector groups from here and nowhere else.
"""

from __future__ import annotations

from datetime import timedelta
from types import MappingProxyType

#: Every timestamp rtecap returns is in this zone (the API answers in French local time).
TZ = "Europe/Paris"

# --------------------------------------------------------------------------- hosts, paths
#: RTE's production host (guide §4.x "Resource URL").
DEFAULT_BASE_URL = "https://digital.iservices.rte-france.com"
#: OAuth2 token endpoint (client credentials, HTTP Basic client authentication).
TOKEN_PATH = "/token/oauth/"
#: Common prefix of the three resources.
API_PATH = "/open_api/generation_installed_capacities/v1"
#: The sandbox twin of each resource ignores every parameter (guide §4.x note (1)).
SANDBOX_PATH = API_PATH + "/sandbox"
#: The guide's technical limit on the request URI (§5.2, error 414).
MAX_URI_LENGTH = 512

# --------------------------------------------------------------------------- resources
# Names only: everything else about a resource (alias, error prefix, parameters, first date,
# columns, cache lifetime ...) is in its entry of rtecap.registry.
CPPT = "capacities_per_production_type"
CPPU = "capacities_per_production_unit"
CPC = "capacities_cpc"
#: The bundled ODRE dataset (rtecap.datasets.load_national_capacities), a frame kind too.
NATIONAL = "odre_national_capacities"
#: Longest period one call may cover (F03): "greater than 366 days" is refused.
MAX_PERIOD = timedelta(days=366)

# --------------------------------------------------------------------------- enums
#: The 20 production types of CPPT and CPPU (guide §4.1.1.2; the guide's line break in
#: HYDRO_RUN_OF_RIVER_AND_P OUNDAGE is mended).
PRODUCTION_TYPES = (
    "BIOMASS",
    "FOSSIL_BROWN_COAL_LIGNITE",
    "FOSSIL_COAL_DERIVED_GAS",
    "FOSSIL_GAS",
    "FOSSIL_HARD_COAL",
    "FOSSIL_OIL",
    "FOSSIL_OIL_SHALE",
    "FOSSIL_PEAT",
    "GEOTHERMAL",
    "HYDRO_PUMPED_STORAGE",
    "HYDRO_RUN_OF_RIVER_AND_POUNDAGE",
    "HYDRO_WATER_RESERVOIR",
    "MARINE",
    "NUCLEAR",
    "OTHER_RENEWABLE",
    "SOLAR",
    "WASTE",
    "WIND_OFFSHORE",
    "WIND_ONSHORE",
    "OTHER",
)
#: The 9 CPC production types (guide §4.3.1.2). The guide's own example answers BIOGAS
#: where the input enum says BIOGAZ; the input spelling is canonical.
CPC_PRODUCTION_TYPES = (
    "WIND",
    "SOLAR",
    "HYDRO",
    "COGENERATION",
    "BIOGAZ",
    "BIOMASS",
    "INCINERATION",
    "GEOTHERMAL",
    "OTHERS",
)
#: Spellings seen in the guide or in real answers -> canonical CPC code.
CPC_PRODUCTION_TYPE_ALIASES = MappingProxyType({"BIOGAS": "BIOGAZ", "OTHER": "OTHERS"})
#: Connection networks: public distribution (RPD) and transmission (RPT) networks.
NETWORKS = ("RPD", "RPT")

#: Department names by ISO 3166-2:FR code; "FR" is the national aggregate (CCPC-RG02).
DEPARTMENT_NAMES = MappingProxyType(
    {
        "FR": "France",
        "FR-01": "Ain", "FR-02": "Aisne", "FR-03": "Allier",
        "FR-04": "Alpes-de-Haute-Provence", "FR-05": "Hautes-Alpes",
        "FR-06": "Alpes-Maritimes", "FR-07": "Ardèche", "FR-08": "Ardennes",
        "FR-09": "Ariège", "FR-10": "Aube", "FR-11": "Aude", "FR-12": "Aveyron",
        "FR-13": "Bouches-du-Rhône", "FR-14": "Calvados", "FR-15": "Cantal",
        "FR-16": "Charente", "FR-17": "Charente-Maritime", "FR-18": "Cher",
        "FR-19": "Corrèze", "FR-2A": "Corse-du-Sud", "FR-2B": "Haute-Corse",
        "FR-21": "Côte-d'Or", "FR-22": "Côtes-d'Armor", "FR-23": "Creuse",
        "FR-24": "Dordogne", "FR-25": "Doubs", "FR-26": "Drôme", "FR-27": "Eure",
        "FR-28": "Eure-et-Loir", "FR-29": "Finistère", "FR-30": "Gard",
        "FR-31": "Haute-Garonne", "FR-32": "Gers", "FR-33": "Gironde",
        "FR-34": "Hérault", "FR-35": "Ille-et-Vilaine", "FR-36": "Indre",
        "FR-37": "Indre-et-Loire", "FR-38": "Isère", "FR-39": "Jura",
        "FR-40": "Landes", "FR-41": "Loir-et-Cher", "FR-42": "Loire",
        "FR-43": "Haute-Loire", "FR-44": "Loire-Atlantique", "FR-45": "Loiret",
        "FR-46": "Lot", "FR-47": "Lot-et-Garonne", "FR-48": "Lozère",
        "FR-49": "Maine-et-Loire", "FR-50": "Manche", "FR-51": "Marne",
        "FR-52": "Haute-Marne", "FR-53": "Mayenne", "FR-54": "Meurthe-et-Moselle",
        "FR-55": "Meuse", "FR-56": "Morbihan", "FR-57": "Moselle", "FR-58": "Nièvre",
        "FR-59": "Nord", "FR-60": "Oise", "FR-61": "Orne", "FR-62": "Pas-de-Calais",
        "FR-63": "Puy-de-Dôme", "FR-64": "Pyrénées-Atlantiques",
        "FR-65": "Hautes-Pyrénées", "FR-66": "Pyrénées-Orientales",
        "FR-67": "Bas-Rhin", "FR-68": "Haut-Rhin", "FR-69": "Rhône",
        "FR-70": "Haute-Saône", "FR-71": "Saône-et-Loire", "FR-72": "Sarthe",
        "FR-73": "Savoie", "FR-74": "Haute-Savoie", "FR-75": "Paris",
        "FR-76": "Seine-Maritime", "FR-77": "Seine-et-Marne", "FR-78": "Yvelines",
        "FR-79": "Deux-Sèvres", "FR-80": "Somme", "FR-81": "Tarn",
        "FR-82": "Tarn-et-Garonne", "FR-83": "Var", "FR-84": "Vaucluse",
        "FR-85": "Vendée", "FR-86": "Vienne", "FR-87": "Haute-Vienne",
        "FR-88": "Vosges", "FR-89": "Yonne", "FR-90": "Territoire de Belfort",
        "FR-91": "Essonne", "FR-92": "Hauts-de-Seine", "FR-93": "Seine-Saint-Denis",
        "FR-94": "Val-de-Marne", "FR-95": "Val-d'Oise",
        "FR-971": "Guadeloupe", "FR-972": "Martinique", "FR-973": "Guyane",
        "FR-974": "La Réunion", "FR-976": "Mayotte",
    }
)  # fmt: skip
#: Every accepted department code: FR, then the ISO 3166-2:FR departments.
DEPARTMENT_CODES = tuple(DEPARTMENT_NAMES)

# --------------------------------------------------------------------------- FR <-> EN
#: Production-type labels, guide §6.2 (typos mended: GEOHERMAL -> GEOTHERMAL and
#: GEOHERMIQUE -> GEOTHERMIQUE; HYDRO_RUN_OF_RIVER_AND_P OUNDAGE joined), plus the CPC types.
PRODUCTION_TYPE_FR = MappingProxyType(
    {
        "BIOMASS": "BIOMASSE",
        "FOSSIL_BROWN_COAL_LIGNITE": "LIGNITE",
        "FOSSIL_COAL_DERIVED_GAS": "GAZ ISSU DU CHARBON",
        "FOSSIL_GAS": "GAZ",
        "FOSSIL_HARD_COAL": "CHARBON",
        "FOSSIL_OIL": "FIOUL",
        "FOSSIL_OIL_SHALE": "PETROLE DE SCHISTE",
        "FOSSIL_PEAT": "TOURBE",
        "GEOTHERMAL": "GEOTHERMIQUE",
        "HYDRO_PUMPED_STORAGE": "HYDRAULIQUE_STEP",
        "HYDRO_RUN_OF_RIVER_AND_POUNDAGE": "HYDRAULIQUE_FILEDELEAU_ECLUSEE",
        "HYDRO_WATER_RESERVOIR": "HYDRAULIQUE_LACS",
        "MARINE": "MARINE",
        "NUCLEAR": "NUCLEAIRE",
        "OTHER_RENEWABLE": "AUTRE-RENOUVELABLE",
        "SOLAR": "SOLAIRE",
        "WASTE": "DECHETS INDUSTRIELS",
        "WIND_OFFSHORE": "EOLIEN_OFFSHORE",
        "WIND_ONSHORE": "EOLIEN_TERRESTRE",
        "OTHER": "AUTRE",
        # CPC types (not in §6.2: French labels chosen by rtecap, distinct from the above)
        "WIND": "EOLIEN",
        "HYDRO": "HYDRAULIQUE",
        "COGENERATION": "COGENERATION",
        "BIOGAZ": "BIOGAZ",
        "INCINERATION": "INCINERATION",
        "OTHERS": "AUTRES",
    }
)
#: Network codes -> French names (the codes are French acronyms and stay the English label).
NETWORK_FR = MappingProxyType(
    {"RPD": "réseau public de distribution", "RPT": "réseau public de transport"}
)

#: Column names, English -> French. Dates follow §6.2 (date_debut, date_fin, "date de mise à
#: jour" written snake_case and without accents so it stays a valid identifier).
COLUMNS_FR = MappingProxyType(
    {
        "start_date": "date_debut",
        "end_date": "date_fin",
        "updated_date": "date_mise_a_jour",
        "value": "valeur",
        "production_type": "type_production",
        "capacity_mw": "puissance_mw",
        "capacity_kw": "puissance_kw",
        "voltage_kv": "tension_kv",
        "code_eic": "code_eic",
        "name": "nom",
        "location": "localisation",
        "producer_code_eic": "code_eic_producteur",
        "producer_name": "nom_producteur",
        "department_code": "code_departement",
        "network_connection": "reseau_raccordement",
        "sector": "filiere",
        "share": "part",
        "change_mw": "variation_mw",
        "change_pct": "variation_pct",
        "year": "annee",
        "in_operation": "en_service",
        "commissioned_mw": "mises_en_service_mw",
        "closed_mw": "fermetures_mw",
    }
)

# --------------------------------------------------------------------------- sectors
#: Top-level sectors (filières), in display order. They match the ODRE dataset's columns
#: (nuclear, fossil, hydro, wind, solar, bioenergy); "other" holds what ODRE does not count.
SECTORS = ("nuclear", "fossil", "hydro", "wind", "solar", "bioenergy", "other")
#: Fossil sub-sectors; their sum is the fossil total, so never add both.
SUB_SECTORS = MappingProxyType({"coal": "fossil", "gas": "fossil", "oil": "fossil"})
SECTOR_FR = MappingProxyType(
    {
        "nuclear": "nucléaire",
        "fossil": "thermique fossile",
        "coal": "charbon",
        "gas": "gaz",
        "oil": "fioul",
        "hydro": "hydraulique",
        "wind": "éolien",
        "solar": "solaire",
        "bioenergy": "bioénergies",
        "other": "autre",
    }
)
#: Production type (both enums) -> (top-level sector, sub-sector or None).
#: Choices where the guide is silent: marine (La Rance tidal plant) counts as hydro, as in
#: RTE's own balance; peat and lignite count as coal (solid fuels); coal-derived gas counts
#: as gas (it is burnt as gas); CPC cogeneration (mostly gas CHP) as gas; waste and
#: incineration as bioenergy, as in RTE's "bioénergies".
PRODUCTION_TYPE_SECTOR = MappingProxyType(
    {
        "NUCLEAR": ("nuclear", None),
        "FOSSIL_HARD_COAL": ("fossil", "coal"),
        "FOSSIL_BROWN_COAL_LIGNITE": ("fossil", "coal"),
        "FOSSIL_PEAT": ("fossil", "coal"),
        "FOSSIL_GAS": ("fossil", "gas"),
        "FOSSIL_COAL_DERIVED_GAS": ("fossil", "gas"),
        "FOSSIL_OIL": ("fossil", "oil"),
        "FOSSIL_OIL_SHALE": ("fossil", "oil"),
        "HYDRO_PUMPED_STORAGE": ("hydro", None),
        "HYDRO_RUN_OF_RIVER_AND_POUNDAGE": ("hydro", None),
        "HYDRO_WATER_RESERVOIR": ("hydro", None),
        "MARINE": ("hydro", None),
        "WIND_ONSHORE": ("wind", None),
        "WIND_OFFSHORE": ("wind", None),
        "SOLAR": ("solar", None),
        "BIOMASS": ("bioenergy", None),
        "WASTE": ("bioenergy", None),
        "GEOTHERMAL": ("other", None),
        "OTHER_RENEWABLE": ("other", None),
        "OTHER": ("other", None),
        # CPC
        "WIND": ("wind", None),
        "HYDRO": ("hydro", None),
        "COGENERATION": ("fossil", "gas"),
        "BIOGAZ": ("bioenergy", None),
        "INCINERATION": ("bioenergy", None),
        "OTHERS": ("other", None),
    }
)
#: A fixed colour per sector (colour-blind-safe Okabe-Ito based), the same in every plot.
SECTOR_COLORS = MappingProxyType(
    {
        "nuclear": "#E69F00",
        "fossil": "#595959",
        "coal": "#000000",
        "gas": "#8C8C8C",
        "oil": "#CC79A7",
        "hydro": "#0072B2",
        "wind": "#56B4E9",
        "solar": "#F0E442",
        "bioenergy": "#009E73",
        "other": "#D55E00",
    }
)

# --------------------------------------------------------------------------- ODRE dataset
#: ODRE "parc national annuel de production par filière" column -> sector.
ODRE_COLUMNS = MappingProxyType(
    {
        "Parc nucleaire (MW)": "nuclear",
        "Parc thermique fossile (MW)": "fossil",
        "Parc charbon (MW)": "coal",
        "Parc gaz (MW)": "gas",
        "Parc fioul (MW)": "oil",
        "Parc hydraulique (MW)": "hydro",
        "Parc eolien (MW)": "wind",
        "Parc solaire (MW)": "solar",
        "Parc bioenergie (MW)": "bioenergy",
    }
)

# --------------------------------------------------------------------------- units
UNITS = MappingProxyType(
    {
        "capacity_mw": "MW",
        "capacity_kw": "kW",
        "voltage_kv": "kV",
        "change_mw": "MW",
        "change_pct": "%",
        "share": "1",
    }
)
LONG_NAMES = MappingProxyType(
    {
        "capacity_mw": "installed capacity",
        "capacity_kw": "installed capacity under purchase obligation",
        "voltage_kv": "connection voltage level",
    }
)

# --------------------------------------------------------------------------- errors
#: Functional error messages (guide §5.1), keyed by F-code. The guide's stray backslashes are
#: removed; its wording, including its grammar, is kept. Where the three resources word a
#: message differently, the per-resource override below applies.
ERROR_MESSAGES = MappingProxyType(
    {
        "F01": 'If one of the fields "start_date" or "end_date" is used, the two fields are '
        "mandatory. Please used either fields or neither.",
        "F02": 'The field "start_date" in the API input is more recently than the field '
        '"end_date". Please correct the values of these fields.',
        "F03": "The API does not provide feedback on such a long period in one call. To "
        "retrieve all the data please make it with several calls to the API.",
        "F04": 'The value of "end_date" field is incorrect. It is not possible to recover '
        "data to this term.",
        "F05": 'The period filled by fields "start_date" and "end_date" is too short to '
        "return values. Please check the user guide to verify the minimum period for this API.",
        "F06": "One of the dates in the API input does not follow the format described in the "
        "user guide. Please verify compliance with the format for each field.",
    }
)
ERROR_MESSAGE_OVERRIDES = MappingProxyType(
    {
        "GENINSCAP_CCPC_F03": "The API does not provide feedback on such a long period in one "
        "call. To retrieve all the data please make it with severals calls to the API.",
    }
)
#: Short names used in the "error" field of the JSON envelope.
ERROR_SHORT_NAMES = MappingProxyType(
    {
        "F01": "start_date and end_date are both mandatory",
        "F02": "start_date is after end_date",
        "F03": "period too long",
        "F04": "end_date too far in the future",
        "F05": "period too short",
        "F06": "date format",
    }
)
#: CCPC-RG09: nothing found at all. The guide names the code but gives no message.
NO_DATA_CODE = "EC45_ERR01"
NO_DATA_MESSAGE = "No data was found for the parameters of the request."
#: Where users can read about error codes.
ERROR_URI = "https://data.rte-france.com/catalog/-/api/generation/Generation-Installed-Capacities"


def error_message(code: str) -> str:
    """Return the guide's message (§5.1) for a full error code such as ``GENINSCAP_CPPT_F03``."""
    return ERROR_MESSAGE_OVERRIDES.get(code) or ERROR_MESSAGES[code.rsplit("_", 1)[-1]]


# --------------------------------------------------------------------------- rtecap's own columns
# (not the API's: they keep each MW counted once in a plain groupby-sum)
#: Values of the CPC ``scope`` column: the national aggregate (department_code ``FR``,
#: CCPC-RG02) or one department. Never sum rows of both scopes.
SCOPES = ("national", "department")
SCOPE_FR = MappingProxyType({"national": "national", "department": "département"})
#: Columns rtecap adds (CPC ``scope``; the national dataset's ``sub_sector`` and
#: ``sector_total_mw``), English -> French.
DATASET_COLUMNS_FR = MappingProxyType(
    {"scope": "perimetre", "sub_sector": "sous_filiere", "sector_total_mw": "total_filiere_mw"}
)
