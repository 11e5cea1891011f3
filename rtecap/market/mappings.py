"""Data only: paths, codes, labels, units and French names of the market-data API.

The second API's counterpart of :mod:`rtecap.mappings` (kept apart so that each API's tables
sit together). The time zone is :data:`rtecap.mappings.TZ`.
"""

from __future__ import annotations

from types import MappingProxyType

#: The documentation's base URL (``Base URL`` in the API page).
DEFAULT_BASE_URL = "https://co-c8jb.nanocorp.app"
#: Environment variable holding the Bearer token (generated in the dashboard's API tab).
TOKEN_ENV = "RTECAP_MARKET_TOKEN"
#: Environment variable overriding the base URL (e.g. an emulator's ``server.url``).
BASE_URL_ENV = "RTECAP_MARKET_BASE_URL"

DAY_AHEAD = "day_ahead_prices"
FCR_CAPACITY = "fcr_capacity"
AFRR_CAPACITY = "afrr_capacity"
MFRR_CAPACITY = "mfrr_capacity"
BALANCING_CAPACITY = "balancing_capacity"
AFRR_ENERGY = "afrr_energy"
MFRR_ENERGY = "mfrr_energy"
BALANCING_ENERGY = "balancing_energy"

#: Endpoint name -> path, as in the documentation.
PATHS = MappingProxyType({
    DAY_AHEAD: "/api/day-ahead-prices",
    FCR_CAPACITY: "/api/fcr-capacity",
    AFRR_CAPACITY: "/api/afrr-capacity",
    MFRR_CAPACITY: "/api/mfrr-capacity",
    BALANCING_CAPACITY: "/api/balancing-capacity",
    AFRR_ENERGY: "/api/afrr-energy",
    MFRR_ENERGY: "/api/mfrr-energy",
    BALANCING_ENERGY: "/api/balancing-energy",
})  # fmt: skip

#: The API's ``product_type`` codes, in rtecap's sort order (slowest reserve last).
PRODUCT_TYPES = ("FCR", "aFRR", "mFRR")
#: The API's ``direction`` codes.
DIRECTIONS = ("UPWARD", "DOWNWARD", "SYMMETRIC")
#: ``time_horizon`` codes: DAILY is the only one the documentation shows; the others are the
#: usual horizons of balancing-capacity auctions, accepted so that an answer holding them
#: keeps its labels (an unknown code is kept too, with a warning).
TIME_HORIZONS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")

#: Labels in French (the API's codes are the English labels).
LABELS_FR = MappingProxyType({
    "product_type": MappingProxyType({"FCR": "FCR", "aFRR": "aFRR", "mFRR": "mFRR"}),
    "direction": MappingProxyType(
        {"UPWARD": "HAUSSE", "DOWNWARD": "BAISSE", "SYMMETRIC": "SYMETRIQUE"}),
    "time_horizon": MappingProxyType({
        "DAILY": "JOURNALIER", "WEEKLY": "HEBDOMADAIRE", "MONTHLY": "MENSUEL",
        "YEARLY": "ANNUEL"}),
})  # fmt: skip
#: The categories (English, in order) of each label column.
CATEGORIES = MappingProxyType(
    {"product_type": PRODUCT_TYPES, "direction": DIRECTIONS, "time_horizon": TIME_HORIZONS}
)

#: Column names, English -> French (snake_case, no accents).
COLUMNS_FR = MappingProxyType({
    "period_start": "debut_periode",
    "period_end": "fin_periode",
    "bucket_start": "debut_intervalle",
    "bucket_end": "fin_intervalle",
    "price_eur_mwh": "prix_eur_mwh",
    "product_type": "type_produit",
    "direction": "sens",
    "time_horizon": "horizon",
    "offered_volume_mw": "volume_offert_mw",
    "contracted_volume_mw": "volume_contractualise_mw",
    "volume_mw": "volume_mw",
    "price": "prix",
    "upward_price_eur_mwh": "prix_hausse_eur_mwh",
    "downward_price_eur_mwh": "prix_baisse_eur_mwh",
    "pdemand_mw": "demande_p_mw",
    "afrr_for_france_mw": "afrr_pour_la_france_mw",
    "afrr_in_france_mw": "afrr_en_france_mw",
    "picasso_connection": "connexion_picasso",
    "prorata_mode": "mode_prorata",
    "clearing_price_eur_mwh": "prix_equilibre_eur_mwh",
    "settlement_price_current_eur_mwh": "prix_reglement_courant_eur_mwh",
    "settlement_price_previous_eur_mwh": "prix_reglement_precedent_eur_mwh",
    "total_requested_volume_sa_mw": "volume_demande_sa_mw",
    "total_requested_volume_da_mw": "volume_demande_da_mw",
    "total_satisfied_need_sa_mw": "besoin_satisfait_sa_mw",
    "total_satisfied_need_da_mw": "besoin_satisfait_da_mw",
    "total_activated_volume_sa_mw": "volume_active_sa_mw",
    "total_activated_volume_da_mw": "volume_active_da_mw",
    "total_volume_submitted_offers_mw": "volume_offres_soumises_mw",
    "total_volume_filtered_offers_mw": "volume_offres_filtrees_mw",
})  # fmt: skip

#: Units of the columns (None: the documentation gives none -- the capacity ``price``).
UNITS = MappingProxyType({
    "price_eur_mwh": "EUR/MWh", "price": None, "volume_mw": "MW",
    "offered_volume_mw": "MW", "contracted_volume_mw": "MW",
})  # fmt: skip

#: Metadata keys of the answers -> ``attrs["rtecap"]`` keys, with their kind: "date" (a Paris
#: calendar day, kept as ``datetime.date``), "time" (UTC in the answer -> Europe/Paris
#: Timestamp), "int", "float".
META = MappingProxyType({
    "latestDate": ("latest_date", "date"),
    "earliestDate": ("earliest_date", "date"),
    "latestDeliveryDateParis": ("latest_delivery_date", "date"),
    "latestFetchedAtUtc": ("latest_fetched_at", "time"),
    "latestPeriodStartUtc": ("latest_period_start", "time"),
    "latestPeriodEndUtc": ("latest_period_end", "time"),
    "resolutionSeconds": ("resolution_seconds", "int"),
    "rowCount": ("row_count", "int"),
    "averageUpwardPrice": ("average_upward_price_eur_mwh", "float"),
    "averageDownwardPrice": ("average_downward_price_eur_mwh", "float"),
})  # fmt: skip

#: Source line of frames from the real API / from rtecap's emulator.
SOURCE = {
    DAY_AHEAD: "ENTSO-E Transparency Platform, via the market-data API (co-c8jb.nanocorp.app)",
    "balancing": "RTE balancing data, via the market-data API (co-c8jb.nanocorp.app)",
}
SOURCE_SYNTHETIC = "rtecap's local emulator of the market-data API (synthetic data, not real)"
#: Response header by which rtecap's emulator says its data are synthetic.
SYNTHETIC_HEADER = "X-Rtecap-Synthetic"
