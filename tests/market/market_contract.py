"""The frame contract of a market frame, written independently of rtecap.market's specs."""

from __future__ import annotations

import pandas as pd

from rtecap.market.parsers import translate

#: (endpoint, part) -> "index | column:dtype ..." (English names).
EXPECTED = {
    ("day_ahead_prices", None): "period_start | period_end:datetime price_eur_mwh:float64",
    ("capacity", None): "period_start | period_end:datetime product_type:category "
    "direction:category time_horizon:category offered_volume_mw:float64 "
    "contracted_volume_mw:float64 volume_mw:float64 price:float64",
    ("afrr_energy", "rows"): "period_start | period_end:datetime upward_price_eur_mwh:float64 "
    "downward_price_eur_mwh:float64 pdemand_mw:float64 afrr_for_france_mw:float64 "
    "afrr_in_france_mw:float64 picasso_connection:boolean prorata_mode:boolean",
    ("afrr_energy", "chart"): "bucket_start | bucket_end:datetime "
    "upward_price_eur_mwh:float64 downward_price_eur_mwh:float64",
    ("mfrr_energy", "rows"): "period_start | period_end:datetime "
    "upward_price_eur_mwh:float64 downward_price_eur_mwh:float64",
    ("mfrr_energy", "latest"): "period_start | period_end:datetime direction:category "
    "clearing_price_eur_mwh:float64 settlement_price_current_eur_mwh:float64 "
    "settlement_price_previous_eur_mwh:float64 total_requested_volume_sa_mw:float64 "
    "total_requested_volume_da_mw:float64 total_satisfied_need_sa_mw:float64 "
    "total_satisfied_need_da_mw:float64 total_activated_volume_sa_mw:float64 "
    "total_activated_volume_da_mw:float64 total_volume_submitted_offers_mw:float64 "
    "total_volume_filtered_offers_mw:float64",
}
EXPECTED["afrr_energy", "latest"] = EXPECTED["afrr_energy", "rows"]
EXPECTED["mfrr_energy", "chart"] = EXPECTED["mfrr_energy", "rows"]
ENUMS = {"product_type": ["FCR", "aFRR", "mFRR"],
         "direction": ["UPWARD", "DOWNWARD", "SYMMETRIC"]}  # fmt: skip


def _expected(resource: str, part: str | None) -> str:
    if resource.endswith("_capacity"):
        return EXPECTED["capacity", None]
    return EXPECTED[resource, part]


def assert_market_frame(df: pd.DataFrame, resource: str, part: str | None = None) -> None:
    """Index Europe/Paris period start, columns and dtypes, enums, sorted, no duplicates."""
    info = df.attrs["rtecap"]
    assert info["resource"] == resource and info.get("part") == part, info
    assert "token" not in str(info).lower()
    if info["lang"] == "fr":
        df = translate(df, "en")
    index_name, spec = _expected(resource, part).split(" | ")
    assert isinstance(df.index, pd.DatetimeIndex) and str(df.index.tz) == "Europe/Paris"
    assert df.index.name == index_name
    expected = [item.split(":") for item in spec.split()]
    assert list(df.columns) == [name for name, _ in expected]
    for name, kind in expected:
        dtype = df[name].dtype
        if kind == "datetime":
            assert isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == "Europe/Paris"
        elif kind == "category":
            assert isinstance(dtype, pd.CategoricalDtype), (name, dtype)
            if name in ENUMS:
                assert list(dtype.categories[:3]) == ENUMS[name]
        else:
            assert dtype == pd.api.types.pandas_dtype(kind), (name, dtype)
    assert not df.index.hasnans
    assert df.index.is_monotonic_increasing
    assert not df.reset_index().duplicated().any()
