"""Input as users type it (rules.validate and the loaders), never on the wire (validate_params)."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

import rtecap
from rtecap import mappings as m
from rtecap import registry
from rtecap.emulator import serve
from rtecap.exceptions import RteValidationError
from rtecap.rules import validate, validate_params

TODAY = "2026-11-23"


@pytest.mark.parametrize(("given", "code"), [
    (75, "FR-75"), ("75", "FR-75"), ("fr-75", "FR-75"), ("FR75", "FR-75"), ("2A", "FR-2A"),
    ("2b", "FR-2B"), (1, "FR-01"), ("974", "FR-974"), ("fr", "FR"), ("France", "FR"),
    ("FR-13", "FR-13"),
])
def test_department_codes_as_users_type_them(given, code):
    assert validate("cpc", department_code=given).filters["department_code"] == (code,)


def test_department_list_of_numbers_and_duplicates():
    query = validate("cpc", department_code=[75, "75", "FR-75", 13])
    assert query.filters["department_code"] == ("FR-75", "FR-13")


def test_unknown_department_is_short_and_points_at_the_format():
    with pytest.raises(RteValidationError) as info:
        validate("cpc", department_code="99")
    assert "FR-2A" in str(info.value) and len(str(info.value)) < 200


def test_wind_suggests_the_two_wind_types():
    with pytest.raises(RteValidationError) as info:
        validate("cppt", production_type="wind")
    message = str(info.value)
    assert "did you mean WIND_OFFSHORE, WIND_ONSHORE?" in message
    assert "NUCLEAR" not in message and info.value.parameter == "production_type"


def test_misspelling_suggests_the_nearest():
    with pytest.raises(RteValidationError, match="did you mean NUCLEAR"):
        validate("cppt", production_type="nucelar")


@pytest.mark.parametrize(("resource", "given", "code"), [
    ("cppt", "EOLIEN_TERRESTRE", "WIND_ONSHORE"),
    ("cppt", "éolien offshore", "WIND_OFFSHORE"),
    ("cppt", "nucléaire", "NUCLEAR"),
    ("cppt", "HYDRAULIQUE_STEP", "HYDRO_PUMPED_STORAGE"),
    ("cppt", "wind onshore", "WIND_ONSHORE"),
    ("cpc", "EOLIEN", "WIND"),
    ("cpc", "biogas", "BIOGAZ"),
    ("cpc", "solaire", "SOLAR"),
])
def test_french_labels_and_spellings_accepted(resource, given, code):
    assert validate(resource, production_type=given).filters["production_type"] == (code,)


def test_wire_validation_stays_strict():
    for params in ({"department_code": "75"}, {"production_type": "EOLIEN_TERRESTRE"}):
        resource = "cpc" if "department_code" in params else "cppt"
        with pytest.raises(RteValidationError):
            validate_params(resource, params)
    assert validate_params("cpc", {"department_code": "FR-75"}).filters["department_code"] == (
        "FR-75",)


def test_lang_in_any_case(monkeypatch):
    payload = {"capacities_cpc": [{"updated_date": "2016-02-01T00:00:00+01:00",
                                   "department_code": "FR", "network_connection": "RPD",
                                   "production_type": "SOLAR", "value": 12}]}
    df = rtecap.read_capacities_cpc(payload, lang="FR")
    assert df.index.name == "date_mise_a_jour" and df.attrs["rtecap"]["lang"] == "fr"


def test_lang_checked_before_any_call():
    with serve(today=TODAY) as srv:
        client = rtecap.Client(srv.client_id, srv.client_secret, srv.url, cache=False,
                               today=TODAY)
        with pytest.raises(RteValidationError, match="language"):
            rtecap.get_capacities_per_production_type("2015-01-01", "2018-01-01",
                                                      lang="de", client=client)
        assert srv.requests_total == 0


def test_period_before_the_first_date_is_clipped_with_a_warning(caplog):
    with serve(today=TODAY) as srv:
        client = rtecap.Client(srv.client_id, srv.client_secret, srv.url, cache=False,
                               today=TODAY)
        with caplog.at_level(logging.WARNING, logger="rtecap"):
            df = rtecap.get_capacities_cpc("2014-01-01", "2015-06-01", department_code=75,
                                           client=client, progress=False)
    assert df.index.min() >= pd.Timestamp(registry.get(m.CPC).first_date, tz=m.TZ)
    assert set(df["department_code"]) == {"FR-75"}
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("2015-02-09" in text and "2014-01-01" in text for text in warned)
