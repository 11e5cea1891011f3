"""Frames saved to CSV or Parquet read back under the contract; the shipped sample answers."""

from __future__ import annotations

import configparser
import fnmatch
from pathlib import Path

import pandas as pd
import pytest

import rtecap
from rtecap import mappings as m
from rtecap.datasets import SAMPLES, sample_path
from tests.contract import assert_frame_contract

READERS = {m.CPPT: rtecap.read_capacities_per_production_type,
           m.CPPU: rtecap.read_capacities_per_production_unit,
           m.CPC: rtecap.read_capacities_cpc}


@pytest.fixture(scope="module", params=SAMPLES)
def sample(request) -> pd.DataFrame:
    return READERS[request.param](sample_path(request.param))


def test_samples_are_frames_under_the_contract(sample):
    resource = sample.attrs["rtecap"]["resource"]
    assert_frame_contract(sample, resource)
    assert len(sample) > 100


def test_samples_ship_with_the_package():
    """Every file under rtecap/datasets is matched by setup.cfg's package_data."""
    config = configparser.ConfigParser()
    config.read(Path(rtecap.__file__).parent.parent / "setup.cfg")
    patterns = [p.strip() for p in
                config["options.package_data"]["rtecap.datasets"].split(",")]
    root = Path(rtecap.datasets.__file__).parent
    data = [p.relative_to(root).as_posix() for p in root.rglob("*")
            if p.is_file() and p.suffix in (".json", ".csv", ".md")]
    assert {f"samples/{name}.json" for name in SAMPLES} <= set(data)
    assert all(any(fnmatch.fnmatch(f, pat) for pat in patterns) for f in data), data


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_csv_round_trip_gives_the_same_frame(sample, lang, tmp_path):
    frame = sample.rte.translate(lang)
    path = tmp_path / "frame.csv"
    frame.to_csv(path)
    back = rtecap.read_csv(path)
    pd.testing.assert_frame_equal(back, frame)
    assert back.attrs["rtecap"]["lang"] == lang
    assert back.attrs["rtecap"]["resource"] == sample.attrs["rtecap"]["resource"]


def test_plain_read_csv_loses_the_contract_rtecap_read_csv_keeps_it(tmp_path):
    """The found case: pandas alone gives a string index (CPC, mixed offsets)."""
    cpc = rtecap.read_capacities_cpc(sample_path("cpc"))
    cpc.to_csv(tmp_path / "cpc.csv")
    plain = pd.read_csv(tmp_path / "cpc.csv", index_col=0, parse_dates=True)
    assert not isinstance(plain.index, pd.DatetimeIndex)
    back = rtecap.read_csv(tmp_path / "cpc.csv")
    assert str(back.index.tz) == m.TZ and back.rte.kind == m.CPC
    assert back.loc["2021"].index.year.unique().tolist() == [2021]
    pd.testing.assert_frame_equal(back.rte.to_mw(), cpc.rte.to_mw())


def test_read_frame_parquet_keeps_everything(sample, tmp_path):
    path = tmp_path / "frame.parquet"
    sample.to_parquet(path)
    pd.testing.assert_frame_equal(rtecap.read_frame(path), sample)


def test_read_csv_of_a_derived_frame_keeps_the_extra_columns(tmp_path):
    cpc = rtecap.read_capacities_cpc(sample_path("cpc"))
    cpc["share"] = 0.5
    cpc.to_csv(tmp_path / "x.csv")
    back = rtecap.read_csv(tmp_path / "x.csv")
    assert back["share"].eq(0.5).all() and back.rte.kind == m.CPC


def test_read_csv_refuses_what_it_cannot_tell(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n1,2\n")
    with pytest.raises(rtecap.exceptions.RteValidationError, match="not a frame written"):
        rtecap.read_csv(tmp_path / "x.csv")
