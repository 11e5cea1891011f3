"""Every call example of the guide's §5.1, verbatim, gives its error code (with its message).

``today`` is 2025-06-15, except for the CPPU and CCPC F04 examples, which the guide gives
"pour un appel le 30/10/2015" (interpretation note).
"""

from __future__ import annotations

import pytest

LATER, GUIDE_DAY = "2025-06-15", "2015-10-30"
P = "/open_api/generation_installed_capacities/v1/"
EXAMPLES = [
    ("CPPT_F01", LATER, "capacities_per_production_type?start_date=2023-02-01T00:00:00%2B02:00"),
    ("CPPT_F02", LATER, "capacities_per_production_type?start_date=2023-02-16T00:00:00%2B01:00"
                        "&end_date=2023-02-14T00:00:01%2B01:00"),
    ("CPPT_F03", LATER, "capacities_per_production_type?start_date=2015-01-01T00:00:00%2B02:00"
                        "&end_date=2017-06-02T00:00:00%2B02:00"),
    ("CPPT_F04", LATER, "capacities_per_production_type?start_date=2026-01-02T00:00:00%2B02:00"
                        "&end_date=2026-02-10T00:00:00%2B02:00"),
    ("CPPT_F05", LATER, "capacities_per_production_type?start_date=2024-06-01T00:00:00%2B02:00"
                        "&end_date=2024-06-01T12:00:00%2B02:00"),
    ("CPPT_F06", LATER, "capacities_per_production_type?start_date=2023-02-01&end_date=2023-02-14"),
    ("CPPU_F01", LATER, "capacities_per_production_unit?start_date=2023-02-01T00:00:00%2B01:00"),
    ("CPPU_F02", LATER, "capacities_per_production_unit?start_date=2023-02-16T00:00:00%2B01:00"
                        "&end_date=2023-02-14T00:00:01%2B01:00"),
    ("CPPU_F03", LATER, "capacities_per_production_unit?start_date=2022-02-01T00:00:00%2B01:00"
                        "&end_date=2023-02-14T00:00:01%2B01:00"),
    ("CPPU_F04", GUIDE_DAY, "capacities_per_production_unit?start_date=2025-04-02T00:00:00%2B02:00"
                            "&end_date=2026-02-01T00:00:00%2B02:00"),
    ("CPPU_F05", LATER, "capacities_per_production_unit?start_date=2023-02-01T00:00:00%2B01:00"
                        "&end_date=2023-02-01T00:00:01%2B01:00"),
    ("CPPU_F06", LATER, "capacities_per_production_unit?start_date=2023-02-01&end_date=2023-02-14"),
    ("CCPC_F01", LATER, "capacities_cpc?start_date=2023-02-01T00:00:00%2B02:00"),
    ("CCPC_F02", LATER, "capacities_cpc?start_date=2023-02-16T00:00:00%2B02:00"
                        "&end_date=2023-02-14T00:00:00%2B02:00"),
    ("CCPC_F03", LATER, "capacities_cpc?start_date=2023-02-01T00:00:00%2B02:00"
                        "&end_date=2024-03-06T00:00:00%2B02:00"),
    ("CCPC_F04", GUIDE_DAY, "capacities_cpc?start_date=2015-10-31T00:00:00%2B02:00"
                            "&end_date=2015-11-09T00:00:00%2B02:00"),
    # the guide's own space after "?" is kept
    ("CCPC_F05", LATER, "capacities_cpc? start_date=2023-02-01T00:00:00%2B01:00"
                        "&end_date=2023-02-01T00:00:01%2B01:00"),
    ("CCPC_F06", LATER, "capacities_cpc?start_date=2023-02-01&end_date=2023-02-14"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "today", "path"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_guide_example(api, rte_emulator, code, today, path):
    rte_emulator.today = today
    api.fails(P + path, f"GENINSCAP_{code}")
