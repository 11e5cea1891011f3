"""The market-data archive: three emulator days collected, revisions, idempotence, the frames
of load_archive against the loaders', month files on Paris months, errors before any call."""

from __future__ import annotations

import pandas as pd
import pytest

from rtecap import market
from rtecap.exceptions import RteValidationError, ServerError
from rtecap.market import _store
from rtecap.market.archive import COLLECTED
from rtecap.market.quality import gaps

DAYS = ("2026-04-20", "2026-04-21", "2026-04-22")
#: Republished before the second collection: a day-ahead price, and the aFRR capacity of one
#: hour (both directions: the knob edits every row of that start).
PRICE_AT = "2026-04-18T12:00:00+02:00"
CAPACITY_AT = "2026-04-17T09:00:00+02:00"
REPUBLISH = {"day_ahead_prices": {PRICE_AT: {"price_eur_mwh": -42.5}},
             "afrr_capacity": {CAPACITY_AT: {"contracted_volume_mw": 1.0}}}  # fmt: skip


def _paris(text: str) -> pd.Timestamp:
    return pd.Timestamp(text).tz_convert("Europe/Paris")


def _quarter_hours(first_day: str, last_day: str) -> pd.DatetimeIndex:
    """Every quarter hour of the Paris days first_day .. last_day (DST-aware)."""
    start = pd.Timestamp(first_day, tz="Europe/Paris")
    end = pd.Timestamp(last_day, tz="Europe/Paris") + pd.DateOffset(days=1)
    return pd.date_range(start, end, freq="15min", inclusive="left", name="period_start")


@pytest.fixture(scope="module")
def three_days(tmp_path_factory):
    """An archive collected on three emulator days (the clock advanced), a value republished
    after the first; the live frames of each day and the run summaries."""
    from rtecap.emulator import serve

    store = tmp_path_factory.mktemp("archive") / "store"
    live, summaries = {}, []
    with serve(today=DAYS[0]) as server:
        client = market.Client(server.market_token, server.url, cache=False)
        for day in DAYS:
            server.today = day
            if day == DAYS[1]:
                server.market_republish = REPUBLISH
            summaries.append(market.collect(store, client=client))
            names = ("day_ahead_prices", "afrr_capacity") + (("afrr_energy",) if day ==
                                                              DAYS[1] else ())  # fmt: skip
            live[day] = {name: market.LOADERS[name][0](client=client) for name in names}
        files = {p: p.stat().st_mtime_ns for p in store.rglob("*.parquet")}
        again = market.collect(store, client=client)
        files_after = {p: p.stat().st_mtime_ns for p in store.rglob("*.parquet")}
        client.close()
    return {"store": store, "live": live, "summaries": summaries, "again": again,
            "files": (files, files_after)}  # fmt: skip


def test_prices_union_of_three_windows_without_duplicates(three_days):
    prices = market.load_archive(three_days["store"], "day_ahead_prices")
    # windows today-27 .. today+1 of three days: 2026-03-24 .. 2026-04-23, DST day included
    expected = _quarter_hours("2026-03-24", "2026-04-23")
    assert len(expected) == 31 * 96 - 4
    pd.testing.assert_index_equal(prices.index, expected, check_exact=True, check_freq=False)
    assert prices.rte.gaps().empty
    # every value is the one the API served last (the republished one included)
    last = three_days["live"][DAYS[2]]["day_ahead_prices"]
    pd.testing.assert_frame_equal(prices.loc[last.index], last)
    first = three_days["live"][DAYS[0]]["day_ahead_prices"]
    older = first.loc[: "2026-03-25"]  # only in the first window
    pd.testing.assert_frame_equal(prices.loc[older.index], older)


def test_capacity_keeps_every_direction_and_product(three_days):
    store = three_days["store"]
    afrr = market.load_archive(store, "afrr_capacity")
    per_day = afrr.groupby([afrr.index.date, "direction"], observed=True).size()
    # capacity windows today-6 .. today+1: 2026-04-14 .. 2026-04-23, 24 hours a day, 2 directions
    assert len(per_day) == 10 * 2 and set(per_day) == {24}
    assert set(afrr["direction"]) == {"UPWARD", "DOWNWARD"}
    assert not afrr.reset_index().duplicated(["period_start", "direction"]).any()
    both = market.load_archive(store, "balancing_capacity")
    sizes = both.groupby(["product_type", "direction"], observed=True).size().to_dict()
    assert sizes == {("FCR", "SYMMETRIC"): 240, ("aFRR", "UPWARD"): 240,
                     ("aFRR", "DOWNWARD"): 240, ("mFRR", "UPWARD"): 240,
                     ("mFRR", "DOWNWARD"): 240}  # fmt: skip
    assert market.archive_gaps(store, "balancing_capacity").empty


def test_energy_days_accumulate_per_row_set(three_days):
    afrr = market.load_archive(three_days["store"], "afrr_energy")
    assert (len(afrr.rows), len(afrr.chart), len(afrr.latest)) == (3 * 21600, 3 * 288, 3)
    assert afrr.rows.index.is_unique and afrr.rows.index.is_monotonic_increasing
    assert sorted(set(afrr.rows.index.date.astype(str))) == ["2026-04-19", "2026-04-20",
                                                             "2026-04-21"]  # fmt: skip
    assert market.archive_gaps(three_days["store"], "afrr_energy").empty
    day = three_days["live"][DAYS[1]]["afrr_energy"]
    pd.testing.assert_frame_equal(afrr.rows.loc["2026-04-20"], day.rows)
    mfrr = market.load_archive(three_days["store"], "mfrr_energy")
    assert len(mfrr.rows) == 4 * 96  # days 04-18 .. 04-21
    assert mfrr.latest["direction"].value_counts()[["UPWARD", "DOWNWARD"]].tolist() == [3, 3]


def test_republished_value_is_revised_and_its_old_value_kept(three_days):
    store, live = three_days["store"], three_days["live"]
    at = _paris(PRICE_AT)
    old_price = live[DAYS[0]]["day_ahead_prices"].loc[at, "price_eur_mwh"]
    assert old_price != -42.5
    prices = market.load_archive(store, "day_ahead_prices", fetched_at=True)
    assert prices.loc[at, "price_eur_mwh"] == -42.5
    revisions = market.load_revisions(store, "day_ahead_prices")
    assert len(revisions) == 1
    row = revisions.iloc[0]
    assert pd.Timestamp(row["period_start"]) == at and row["price_eur_mwh"] == old_price
    assert row["replaced_at"] == prices.loc[at, "fetched_at"] > row["fetched_at"]
    capacity = market.load_revisions(store, "afrr_capacity")
    assert sorted(capacity["direction"]) == ["DOWNWARD", "UPWARD"]
    before = live[DAYS[0]]["afrr_capacity"].loc[_paris(CAPACITY_AT)]
    assert sorted(capacity["contracted_volume_mw"]) == sorted(before["contracted_volume_mw"])
    counts = three_days["summaries"][1].to_frame().loc[("day_ahead_prices", "rows")]
    assert counts.to_dict() == {"added": 96, "revised": 1, "unchanged": 2780 - 96 - 1}
    assert three_days["summaries"][1].per_endpoint()["afrr_capacity"] == (48, 2, 384 - 48 - 2)


def test_rerun_adds_nothing_and_rewrites_nothing(three_days):
    again = three_days["again"]
    assert again.added == 0 and again.revised == 0
    assert set(again.per_endpoint()) == set(COLLECTED)
    assert all(unchanged > 0 for _, _, unchanged in again.per_endpoint().values())
    before, after = three_days["files"]
    assert before == after  # same files, none rewritten
    assert not list(three_days["store"].rglob("*.tmp"))
    lines = str(again).splitlines()
    assert len(lines) == len(COLLECTED)
    assert lines[0].endswith("day_ahead_prices: 0 added, 0 revised, 2780 unchanged")


def test_report_over_the_archive(three_days):
    report = market.archive_report(three_days["store"])
    assert report.loc[("day_ahead_prices", "rows"), "rows"] == 31 * 96 - 4
    assert report.loc[("day_ahead_prices", "rows"), "revisions"] == 1
    assert report["missing"].dropna().eq(0).all()
    assert pd.isna(report.loc[("afrr_energy", "latest"), "missing"])


def test_load_archive_returns_the_loaders_frames(market_client, tmp_path):
    store = tmp_path / "store"
    market.collect(store, client=market_client)
    for name, (get, _) in market.LOADERS.items():
        for lang in ("en", "fr"):
            live, kept = get(client=market_client, lang=lang), market.load_archive(
                store, name, lang=lang)  # fmt: skip
            pairs = ([(live, kept)] if isinstance(live, pd.DataFrame) else
                     [(live[k], kept[k]) for k in live])  # fmt: skip
            while pairs:
                a, b = pairs.pop()
                if not isinstance(a, pd.DataFrame):
                    pairs += [(a[k], b[k]) for k in a]
                    continue
                pd.testing.assert_frame_equal(a, b, check_exact=True)
                assert b.attrs["rtecap"]["resource"] == a.attrs["rtecap"]["resource"]
                assert b.attrs["rtecap"]["synthetic"] is True
                assert b.attrs["rtecap"]["archive"] == str(store)
    prices = market.load_archive(store, "day_ahead_prices")
    assert prices.rte.day_counts()["complete"].all()
    assert prices.loc["2026-11"].resample("D")["price_eur_mwh"].mean().notna().all()


def test_months_are_paris_months_across_new_year_and_dst(rte_emulator_factory, tmp_path):
    server = rte_emulator_factory(today="2027-01-01")
    store = tmp_path / "store"
    with market.Client(server.market_token, server.url, cache=False) as client:
        market.collect(store, client=client, endpoints=["day_ahead_prices"])
        server.today = "2026-10-26"
        market.collect(store, client=client, endpoints=["day_ahead_prices"])
    files = _store.Store(store).months(store / "data" / "day_ahead_prices" / "rows")
    january = pd.read_parquet(files["2027-01"])
    assert january["period_start"].min() == pd.Timestamp("2026-12-31T23:00Z")
    new_year = market.load_archive(store, "day_ahead_prices", start="2027-01-01")
    assert new_year.index[0].isoformat() == "2027-01-01T00:00:00+01:00" and len(new_year) == 192
    autumn = market.load_archive(store, "day_ahead_prices", start="2026-10-25",
                                 end="2026-10-26")  # fmt: skip
    assert len(autumn) == 100 and autumn.index.is_unique
    october = market.load_archive(store, "day_ahead_prices", start="2026-10-01",
                                  end=pd.Timestamp("2026-11-01", tz="Europe/Paris"))  # fmt: skip
    assert len(october) == 27 * 96 + 4  # 1 .. 27 October (the window ends at today + 1)


def test_errors_come_before_any_call(rte_emulator, tmp_path):
    with pytest.raises(RteValidationError, match="repeats the rows of afrr_capacity"):
        market.collect(tmp_path / "a", endpoints=["balancing_capacity"])
    with pytest.raises(RteValidationError, match="unknown market-data endpoint"):
        market.collect(tmp_path / "a", endpoints=["prices"])
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(market.ArchiveError, match="not empty and not an rtecap market archive"):
        market.collect(tmp_path, endpoints=["day_ahead_prices"])
    with pytest.raises(market.ArchiveError, match="not an rtecap market archive"):
        market.load_archive(tmp_path, "day_ahead_prices")
    with pytest.raises(RteValidationError, match="not an ISO 8601 date"):
        market.load_archive(tmp_path, "day_ahead_prices", start="01/04/2026")
    assert rte_emulator.requests_total == 0


def test_an_unreadable_file_is_named(market_client, tmp_path):
    store = tmp_path / "s"
    market.collect(store, client=market_client, endpoints=["fcr_capacity"])
    (month,) = (store / "data" / "fcr_capacity" / "rows").glob("*.parquet")
    month.write_bytes(b"not parquet")
    with pytest.raises(market.ArchiveError, match=f"{month.name}: not a readable Parquet"):
        market.load_archive(store, "fcr_capacity")
    with pytest.raises(market.ArchiveError, match="not a readable Parquet"):
        market.collect(store, client=market_client, endpoints=["fcr_capacity"])


def test_a_new_archive_loads_empty_frames(tmp_path):
    _store.Store(tmp_path / "s").create()
    empty = market.load_archive(tmp_path / "s", "balancing_capacity", lang="fr")
    assert len(empty) == 0 and empty.index.name == "debut_periode"
    assert isinstance(empty["type_produit"].dtype, pd.CategoricalDtype)
    assert market.load_revisions(tmp_path / "s", "day_ahead_prices").empty
    assert gaps(market.load_archive(tmp_path / "s", "day_ahead_prices"), freq="15min").empty


def test_a_failed_endpoint_fails_the_run_but_the_others_are_stored(market_client, tmp_path):
    class Flaky:
        def get_answer(self, name):
            if name == "fcr_capacity":
                raise ServerError("HTTP 503 after 5 retries")
            return market_client.get_answer(name)

    with pytest.raises(market.CollectError, match="fcr_capacity: ServerError") as caught:
        market.collect(tmp_path / "s", client=Flaky(),
                       endpoints=["fcr_capacity", "day_ahead_prices"])
    assert isinstance(caught.value.__cause__, ServerError)
    assert caught.value.summary.per_endpoint()["day_ahead_prices"][0] > 0
    assert "FAILED" in str(caught.value.summary)
    assert len(market.load_archive(tmp_path / "s", "day_ahead_prices")) > 0
    assert len(market.load_archive(tmp_path / "s", "fcr_capacity")) == 0


def test_a_rejected_token_writes_nothing(rte_emulator, tmp_path):
    client = market.Client("not-the-token", rte_emulator.url, cache=False)
    with pytest.raises(market.MarketAuthError):
        market.collect(tmp_path / "s", client=client)
    assert not (tmp_path / "s" / "data").exists()


def test_missing_extra_is_named(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "filelock", None)
    with pytest.raises(ImportError, match=r"pip install 'rtecap\[archive\]'"):
        market.collect(tmp_path, endpoints=["day_ahead_prices"])
