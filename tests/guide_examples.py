"""The call examples of the guide's §5.1, verbatim, with the code each must give.

Data from RTE's guide (not from rtecap): ``tests/test_rules.py`` checks rtecap's own rules on
them, ``tests/emulator`` the emulator, ``tests/test_client.py`` that both agree.
``today`` is 2025-06-15, except for the CPPU and CCPC F04 examples, which the guide gives
"pour un appel le 30/10/2015"; the CCPC F05 example keeps the guide's space after "?".
"""

P = "/open_api/generation_installed_capacities/v1/"
GUIDE_TODAY = "2025-06-15"
# (call example of the guide §5.1, verbatim, expected code, the "today" that keeps its outcome)
GUIDE_EXAMPLES = [
    (P + "capacities_per_production_type?start_date=2023-02-01T00:00:00%2B02:00",
     "GENINSCAP_CPPT_F01", GUIDE_TODAY),
    (P + "capacities_per_production_type?start_date=2023-02-16T00:00:00%2B01:00"
     "&end_date=2023-02-14T00:00:01%2B01:00", "GENINSCAP_CPPT_F02", GUIDE_TODAY),
    (P + "capacities_per_production_type?start_date=2015-01-01T00:00:00%2B02:00"
     "&end_date=2017-06-02T00:00:00%2B02:00", "GENINSCAP_CPPT_F03", GUIDE_TODAY),
    (P + "capacities_per_production_type?start_date=2026-01-02T00:00:00%2B02:00"
     "&end_date=2026-02-10T00:00:00%2B02:00", "GENINSCAP_CPPT_F04", GUIDE_TODAY),
    (P + "capacities_per_production_type?start_date=2024-06-01T00:00:00%2B02:00"
     "&end_date=2024-06-01T12:00:00%2B02:00", "GENINSCAP_CPPT_F05", GUIDE_TODAY),
    (P + "capacities_per_production_type?start_date=2023-02-01&end_date=2023-02-14",
     "GENINSCAP_CPPT_F06", GUIDE_TODAY),
    (P + "capacities_per_production_unit?start_date=2023-02-01T00:00:00%2B01:00",
     "GENINSCAP_CPPU_F01", GUIDE_TODAY),
    (P + "capacities_per_production_unit?start_date=2023-02-16T00:00:00%2B01:00"
     "&end_date=2023-02-14T00:00:01%2B01:00", "GENINSCAP_CPPU_F02", GUIDE_TODAY),
    (P + "capacities_per_production_unit?start_date=2022-02-01T00:00:00%2B01:00"
     "&end_date=2023-02-14T00:00:01%2B01:00", "GENINSCAP_CPPU_F03", GUIDE_TODAY),
    (P + "capacities_per_production_unit?start_date=2025-04-02T00:00:00%2B02:00"
     "&end_date=2026-02-01T00:00:00%2B02:00", "GENINSCAP_CPPU_F04", "2015-10-30"),
    (P + "capacities_per_production_unit?start_date=2023-02-01T00:00:00%2B01:00"
     "&end_date=2023-02-01T00:00:01%2B01:00", "GENINSCAP_CPPU_F05", GUIDE_TODAY),
    (P + "capacities_per_production_unit?start_date=2023-02-01&end_date=2023-02-14",
     "GENINSCAP_CPPU_F06", GUIDE_TODAY),
    (P + "capacities_cpc?start_date=2023-02-01T00:00:00%2B02:00", "GENINSCAP_CCPC_F01",
     GUIDE_TODAY),
    (P + "capacities_cpc?start_date=2023-02-16T00:00:00%2B02:00"
     "&end_date=2023-02-14T00:00:00%2B02:00", "GENINSCAP_CCPC_F02", GUIDE_TODAY),
    (P + "capacities_cpc?start_date=2023-02-01T00:00:00%2B02:00"
     "&end_date=2024-03-06T00:00:00%2B02:00", "GENINSCAP_CCPC_F03", GUIDE_TODAY),
    (P + "capacities_cpc?start_date=2015-10-31T00:00:00%2B02:00"
     "&end_date=2015-11-09T00:00:00%2B02:00", "GENINSCAP_CCPC_F04", "2015-10-30"),
    (P + "capacities_cpc? start_date=2023-02-01T00:00:00%2B01:00"
     "&end_date=2023-02-01T00:00:01%2B01:00", "GENINSCAP_CCPC_F05", GUIDE_TODAY),
    (P + "capacities_cpc?start_date=2023-02-01&end_date=2023-02-14", "GENINSCAP_CCPC_F06",
     GUIDE_TODAY),
]
