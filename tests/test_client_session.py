"""What a Client leaves behind in the process: nothing (no environment change, no open file)."""

from __future__ import annotations

import gc
import os
import warnings

import pandas as pd
import pytest
import requests

import rtecap
from rtecap import mappings as m
from rtecap.emulator import serve

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def server():
    with serve(port=0, today=TODAY, seed=0) as srv:
        yield srv


def test_loopback_client_sets_no_environment_variable(server, monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)
    before = dict(os.environ)
    with rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                       today=TODAY) as client:
        payload = client.get_json(m.CPPT)
    assert m.CPPT in payload
    assert dict(os.environ) == before
    # and oauthlib still refuses plain http for every other OAuth2 user of the process
    from oauthlib.oauth2 import is_secure_transport

    assert not is_secure_transport("http://example.org/token")


def test_get_without_client_closes_the_client_it_made(server, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the default cache goes there
    monkeypatch.setenv("RTE_BASE_URL", server.url)
    monkeypatch.setenv("RTE_CLIENT_ID", server.client_id)
    monkeypatch.setenv("RTE_CLIENT_SECRET", server.client_secret)
    closed = []
    original = rtecap.Client.close
    monkeypatch.setattr(rtecap.Client, "close", lambda self: (closed.append(self),
                                                              original(self))[-1])
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        df = rtecap.get_capacities_per_production_type("2020-01-01", "2021-01-01")
        gc.collect()
    assert len(df) and len(closed) == 1
    assert (tmp_path / "rtecap").is_dir()  # it did use the default (disk) cache

    # a client that was passed in stays open for the caller
    client = rtecap.Client(server.client_id, server.client_secret, server.url, cache=False)
    rtecap.get_capacities_per_production_type("2020-01-01", "2021-01-01", client=client)
    assert len(closed) == 1
    client.close()


def test_proxies_and_ca_bundle_read_as_requests_does(monkeypatch, tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("")
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    client = rtecap.Client("id", "secret", "https://api.invalid", cache=False)
    expected = requests.utils.get_environ_proxies("https://api.invalid")
    assert client._session.proxies["https"] == expected["https"] == "http://proxy.invalid:3128"
    assert client._session.verify == str(bundle)
    # NO_PROXY is honoured, and loopback (the emulator) never goes through a proxy
    monkeypatch.setenv("NO_PROXY", "api.invalid")
    assert "https" not in rtecap.Client("id", "secret", "https://api.invalid",
                                        cache=False)._session.proxies
    assert not rtecap.Client("id", "secret", "http://127.0.0.1:9", cache=False)._session.proxies


def test_get_json_returns_the_json(server):
    with rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                       today=TODAY) as client:
        payload = client.get_json(m.CPPT)
        answer = client.get_answer(m.CPPT)
    assert isinstance(payload, dict) and m.CPPT in payload
    assert answer.json == payload and answer.from_cache is False


@pytest.mark.parametrize("name", ["get_capacities_per_production_type",
                                  "get_capacities_per_production_unit", "get_capacities_cpc"])
def test_client_methods_are_the_loaders(server, name):
    import inspect

    function = getattr(rtecap, name)
    method = getattr(rtecap.Client, name)
    expected = [p for p in inspect.signature(function).parameters.values() if p.name != "client"]
    assert list(inspect.signature(method).parameters.values())[1:] == expected
    with rtecap.Client(server.client_id, server.client_secret, server.url, cache=False,
                       today=TODAY) as client:
        pd.testing.assert_frame_equal(
            getattr(client, name)("2020-01-01", "2021-01-01", lang="fr"),
            function("2020-01-01", "2021-01-01", lang="fr", client=client))
