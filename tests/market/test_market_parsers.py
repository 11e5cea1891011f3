"""The documentation's example answers (payloads on disk) and payload variants -> frames."""

from __future__ import annotations

import pandas as pd
import pytest
from market_contract import assert_market_frame

from rtecap import market
from rtecap.exceptions import ResponseError, RteValidationError
from rtecap.market.parsers import parse

PARIS = "Europe/Paris"
FRAMES = ("day_ahead_prices", "fcr_capacity", "afrr_capacity", "mfrr_capacity",
          "balancing_capacity")  # fmt: skip


@pytest.mark.parametrize("name", FRAMES)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_doc_examples_keep_the_contract(doc_payload, name, lang):
    reader = market.LOADERS[name][1]
    frame = reader(doc_payload(name), lang=lang)
    assert_market_frame(frame, name)
    assert frame.attrs["rtecap"]["lang"] == lang


def test_day_ahead_doc_example_values(doc_payload):
    df = market.read_day_ahead_prices(doc_payload("day_ahead_prices"))
    # 2026-04-16T22:00Z is midnight in Paris (CEST): the quarter hour starts the 17th.
    first = pd.Timestamp("2026-04-17 00:00", tz=PARIS)
    assert list(df.index) == [first, first + pd.Timedelta("15min")]
    assert df["price_eur_mwh"].tolist() == [128.48, 123.41]
    assert df["period_end"].iloc[0] == first + pd.Timedelta("15min")
    info = df.attrs["rtecap"]
    assert (info["latest_date"], info["earliest_date"]) == ("2026-04-17", "2026-03-20")
    assert info["units"] == {"price_eur_mwh": "EUR/MWh"}


def test_capacity_doc_example_values(doc_payload):
    df = market.read_fcr_capacity(doc_payload("fcr_capacity"))
    row = df.iloc[0]
    assert df.index[0] == pd.Timestamp("2026-05-24 00:00", tz=PARIS)
    assert (row["volume_mw"], row["contracted_volume_mw"], row["offered_volume_mw"]) == (
        582.0, 576.0, 590.0)
    assert (row["price"], row["direction"], row["product_type"], row["time_horizon"]) == (
        18.4, "SYMMETRIC", "FCR", "DAILY")
    # the documentation gives the capacity price no unit: rtecap gives none either
    assert df.attrs["rtecap"]["units"]["price"] is None
    assert df.attrs["rtecap"]["latest_fetched_at"] == "2026-05-23T16:35:24.755000+02:00"


def test_aggregate_capacity_is_exactly_the_unit_rows(doc_payload):
    aggregate = market.read_balancing_capacity(doc_payload("balancing_capacity"))
    units = {name: market.LOADERS[name][1](doc_payload(name))
             for name in ("fcr_capacity", "afrr_capacity", "mfrr_capacity")}  # fmt: skip
    for _name, unit in units.items():
        product = unit["product_type"].iloc[0]
        part = aggregate[aggregate["product_type"] == product]
        pd.testing.assert_frame_equal(part.astype({"product_type": str, "direction": str}),
                                      unit.astype({"product_type": str, "direction": str}),
                                      check_like=False)  # fmt: skip
    assert len(aggregate) == sum(len(u) for u in units.values())
    # each MW once: a plain groupby-sum counts every unit row once
    total = aggregate.groupby("product_type", observed=True)["contracted_volume_mw"].sum()
    assert total.to_dict() == {"FCR": 576.0, "aFRR": 418.0, "mFRR": 300.0}
    assert aggregate.attrs["rtecap"]["members"]["fcr"]["latest_fetched_at"].startswith(
        "2026-05-23T16:35:24")


def test_energy_doc_examples_one_resolution_per_frame(doc_payload):
    afrr = market.read_afrr_energy(doc_payload("afrr_energy"))
    assert sorted(afrr) == ["chart", "latest", "rows"]
    for part in afrr:
        assert_market_frame(afrr[part], "afrr_energy", part)
    assert (afrr.rows["period_end"] - afrr.rows.index).unique().tolist() == [pd.Timedelta("4s")]
    assert (afrr.chart["bucket_end"] - afrr.chart.index).unique().tolist() == [
        pd.Timedelta("5min")]
    assert afrr.meta["resolution_seconds"] == 4 and afrr.meta["row_count"] == 21600
    assert afrr.meta["average_downward_price_eur_mwh"] == -8.6
    assert afrr.latest["picasso_connection"].tolist() == [True]
    mfrr = market.read_mfrr_energy(doc_payload("mfrr_energy"), lang="fr")
    for part in mfrr:
        assert_market_frame(mfrr[part], "mfrr_energy", part)
    assert mfrr.latest["sens"].tolist() == ["HAUSSE", "BAISSE"]
    assert mfrr.latest["prix_equilibre_eur_mwh"].tolist() == [126.5, 0.0]
    assert mfrr.meta["latest_delivery_date"] == "2026-05-23"


def test_energy_aggregate_holds_the_unit_answers(doc_payload):
    both = market.read_balancing_energy(doc_payload("balancing_energy"))
    assert both.meta["latest_fetched_at"] == "2026-05-24T01:20:06.497000+02:00"
    for key in ("afrr", "mfrr"):
        unit = market.LOADERS[f"{key}_energy"][1](doc_payload(f"{key}_energy"))
        for part in unit:
            pd.testing.assert_frame_equal(both[key][part], unit[part])


def _day_ahead(*rows):
    return {"rows": list(rows), "latestDate": None, "earliestDate": None}


def _row(start, price=1.0, **extra):
    return {"hour_start_utc": start, "hour_end_utc": None, "price_eur_mwh": price, **extra}


def test_missing_fields_are_na_and_rows_without_start_set_aside():
    payload = _day_ahead(_row("2026-01-01T00:00:00Z", None), _row(None, 5.0),
                         {"hour_start_utc": "2026-01-01T00:15:00.000Z"})  # fmt: skip
    with pytest.warns(UserWarning, match="1 row"):
        df = parse("day_ahead_prices", payload)
    assert len(df) == 2 and df["price_eur_mwh"].isna().all() and df["period_end"].isna().all()
    assert df.index[0] == pd.Timestamp("2026-01-01 01:00", tz=PARIS)  # winter: UTC+1


def test_unknown_labels_are_kept_with_a_warning(doc_payload):
    payload = doc_payload("afrr_capacity")
    payload["rows"][0]["direction"] = "BOTH"
    with pytest.warns(UserWarning, match="BOTH"):
        df = market.read_afrr_capacity(payload)
    assert df["direction"].tolist() == ["BOTH"]


def test_missing_product_type_is_the_endpoints_own(doc_payload):
    payload = doc_payload("mfrr_capacity")
    del payload["rows"][0]["product_type"]
    assert market.read_mfrr_capacity(payload)["product_type"].tolist() == ["mFRR"]


def test_exact_duplicates_are_dropped_with_a_warning():
    row = _row("2026-01-01T00:00:00Z", 3.0)
    with pytest.warns(UserWarning, match="1 exact duplicate"):
        df = parse("day_ahead_prices", _day_ahead(row, dict(row)))
    assert len(df) == 1


@pytest.mark.parametrize("payload, match", [
    ([], "expected a JSON object"),
    ({"prices": []}, "not an answer of day_ahead_prices"),
    (_day_ahead(_row("2026-01-01T00:00:00Z", "12,5")), "not a number"),
    (_day_ahead(_row("2026-01-01T00:00:00Z", True)), "true/false"),
    (_day_ahead(_row("yesterday")), "ISO 8601"),
    ({"rows": {"a": 1}}, "list of rows"),
])  # fmt: skip
def test_bad_payloads_raise_a_clear_error(payload, match):
    with pytest.raises(ResponseError, match=match):
        parse("day_ahead_prices", payload)


def test_boolean_fields_refuse_other_values(doc_payload):
    payload = doc_payload("afrr_energy")
    payload["recentRows"][0]["prorata_mode"] = "no"
    with pytest.raises(ResponseError, match="prorata_mode"):
        market.read_afrr_energy(payload)


def test_unknown_endpoint_and_language():
    with pytest.raises(RteValidationError, match="unknown market-data endpoint"):
        parse("prices", {})
    with pytest.raises(RteValidationError, match="lang"):
        parse("day_ahead_prices", _day_ahead(), lang="de")


def test_read_twins_take_paths_files_and_bytes(doc_payload, tmp_path):
    import io
    import json

    path = tmp_path / "prices.json"
    text = json.dumps(doc_payload("day_ahead_prices"))
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    sources = (path, str(path), io.StringIO(text), text.encode(), open(path, "rb"))
    frames = [market.read_day_ahead_prices(source) for source in sources]
    sources[-1].close()
    for frame in frames[1:]:
        pd.testing.assert_frame_equal(frame, frames[0])


@pytest.mark.parametrize("name, member", [("balancing_capacity", "mfrr"),
                                          ("balancing_energy", "afrr")])  # fmt: skip
def test_an_aggregate_without_a_member_says_so(doc_payload, name, member):
    payload = doc_payload(name)
    del payload[member]
    with pytest.warns(UserWarning, match=f"no '{member}' part"):
        result = parse(name, payload)
    if name == "balancing_capacity":
        assert set(result["product_type"]) == {"FCR", "aFRR"}
    else:
        assert len(result.afrr.rows) == 0 and len(result.mfrr.rows) == 1
