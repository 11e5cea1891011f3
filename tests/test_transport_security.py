"""Transport security and resource limits (issue 16), against the emulator over loopback.

* plain ``http://`` is refused for any host but loopback -- as ``base_url`` and as the target
  of a redirect (no request leaves for it);
* TLS verification is never turned off by rtecap;
* a redirect to another host never carries the ``Authorization`` header, and the failure
  says where the call was sent;
* an answer far larger than any of the API (100 MB), announced or chunked, is cut off with
  :class:`ResponseTooLargeError`; a server that trickles bytes is cut off at the deadline.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import requests

import rtecap
from rtecap import Client, market
from rtecap.emulator import serve
from rtecap.exceptions import (
    ApiTimeoutError,
    InsecureTransportError,
    ResponseTooLargeError,
    RteApiError,
)

TODAY = "2026-11-23"
CPC = "capacities_cpc"
PACKAGE = Path(rtecap.__file__).parent


@pytest.fixture(scope="module")
def server():
    with serve(today=TODAY) as running:
        yield running


@pytest.fixture
def emulator(server):
    server.redirect_to, server.huge_body_mb, server.trickle_ms = None, 0.0, 0.0
    server.huge_body_length = True
    server.reset_counts()
    yield server
    server.redirect_to, server.huge_body_mb, server.trickle_ms = None, 0.0, 0.0


def _client(server, **options) -> Client:
    options = {"cache": False, "retries": 0, "today": TODAY, **options}
    return Client(server.client_id, server.client_secret, server.url, **options)


@pytest.mark.parametrize("url", ["http://example.org", "http://10.0.0.1:8080",
                                 "HTTP://digital.iservices.rte-france.com"])
def test_plain_http_refused_except_loopback(url):
    with pytest.raises(InsecureTransportError, match="refusing plain http://"):
        Client("id", "secret", url, cache=False)


@pytest.mark.parametrize("url", ["http://127.0.0.1:1", "http://localhost:1", "http://[::1]:1"])
def test_plain_http_allowed_on_loopback(url):
    assert Client("id", "secret", url, cache=False).base_url == url


def test_redirect_to_plain_http_elsewhere_is_not_followed(emulator):
    emulator.redirect_to = "http://example.invalid"
    with _client(emulator) as client, pytest.raises(InsecureTransportError,
                                                    match="example.invalid"):
        client.get_json(CPC)


def test_redirect_to_another_host_carries_no_authorization(emulator):
    # localhost and 127.0.0.1 are the same server under two host names
    emulator.redirect_to = f"http://localhost:{emulator.port}"
    with _client(emulator) as client, pytest.raises(RteApiError) as caught:
        client.get_json(CPC)
    assert "redirected to localhost" in str(caught.value)
    seen = [(host.split(":")[0], auth) for host, path, auth in emulator.seen
            if path.endswith(CPC)]
    assert ("127.0.0.1", True) in seen  # the call itself carried the token
    assert [auth for host, auth in seen if host == "localhost"] == [False]


def test_redirect_on_the_same_host_is_followed(emulator):
    emulator.redirect_to = emulator.url  # Host "127.0.0.1:PORT": no redirect due
    with _client(emulator) as client:
        assert client.get_json(CPC)[CPC]


def test_tls_verification_never_turned_off_in_the_source():
    pattern = re.compile(r"verify\s*=\s*False|CERT_NONE|disable_warnings|check_hostname\s*=|"
                         r"OAUTHLIB_INSECURE_TRANSPORT\s*\]?\s*=")
    found = [f"{path.name}:{n}" for path in PACKAGE.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []


@pytest.mark.parametrize("bundle", [None, ""])
def test_tls_verification_on_for_every_request(monkeypatch, bundle):
    """An https call and its token request are sent with ``verify`` on (or a CA bundle)."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        if bundle is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, bundle)
    sent = []

    def refuse(self, request, **kwargs):
        sent.append((request.url, kwargs.get("verify")))
        raise requests.ConnectionError("no network in tests")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", refuse)
    client = Client("id", "secret", "https://api.example.org", cache=False, retries=0)
    assert client._session.verify is True
    with pytest.raises(RteApiError):
        client.get_json(CPC)
    assert sent and all(verify is True for _, verify in sent)


@pytest.mark.parametrize("announced", [True, False], ids=["content-length", "chunked"])
def test_huge_answer_is_cut_off(emulator, announced):
    emulator.huge_body_mb, emulator.huge_body_length = 100, announced
    with _client(emulator) as client, pytest.raises(ResponseTooLargeError) as caught:
        client.get_json(CPC)
    assert "67,108,864 bytes accepted" in str(caught.value)
    assert isinstance(caught.value, RteApiError)


def test_max_bytes_is_a_client_option(emulator, tmp_path):
    """A small cap cuts a normal answer, and nothing is cached for it."""
    with _client(emulator, max_bytes=1000, cache=tmp_path / "c") as client:
        with pytest.raises(ResponseTooLargeError, match="1,000 bytes accepted"):
            client.get_json(CPC)
        assert client._from_cache(client.full_url(CPC)) is None
    with _client(emulator, cache=tmp_path / "c") as client:
        assert client.get_json(CPC)[CPC]


def test_trickling_answer_is_cut_off_at_the_deadline(emulator):
    emulator.trickle_ms = 20  # each byte well within the read timeout
    started = time.monotonic()
    with _client(emulator, deadline=0.5) as client, pytest.raises(ApiTimeoutError) as caught:
        client.get_json(CPC)
    assert time.monotonic() - started < 5
    assert "not complete 0.5 s after it started" in str(caught.value)


# ----------------------------------------------------------------- the market-data client
def _market(server, **options) -> market.Client:
    return market.Client(server.market_token, server.url,
                         **{"cache": False, "retries": 0, **options})


@pytest.mark.parametrize("url", ["http://example.org", "http://10.0.0.1:8080"])
def test_market_plain_http_refused_except_loopback(url):
    with pytest.raises(InsecureTransportError, match="refusing plain http://"):
        market.Client("token", url, cache=False)


def test_market_redirect_elsewhere_keeps_the_token(emulator, tmp_path):
    """A redirect's 401 is not the token's: no Authorization there, the token is not dropped."""
    emulator.redirect_to = f"http://localhost:{emulator.port}"
    with _market(emulator, cache=tmp_path / "m") as client:
        with pytest.raises(RteApiError, match="redirected to localhost") as caught:
            client.get_json("fcr_capacity")
        assert not isinstance(caught.value, market.MarketAuthError)
        assert [auth for host, path, auth in emulator.seen
                if host.startswith("localhost")] == [False]
        emulator.redirect_to = None
        assert client.get_json("fcr_capacity")["rows"]  # the same client goes on


def test_market_redirect_to_plain_http_elsewhere_is_not_followed(emulator):
    emulator.redirect_to = "http://example.invalid"
    with _market(emulator) as client, pytest.raises(InsecureTransportError):
        client.get_json("day_ahead_prices")


def test_market_huge_and_trickling_answers_are_cut_off(emulator):
    emulator.huge_body_mb, emulator.huge_body_length = 100, False
    with _market(emulator) as client, pytest.raises(ResponseTooLargeError):
        client.get_json("afrr_energy")
    emulator.huge_body_mb, emulator.trickle_ms = 0, 20
    with _market(emulator, deadline=0.3) as client, pytest.raises(ApiTimeoutError):
        client.get_json("day_ahead_prices")


# ----------------------------------------------------------------- compressed answers
@pytest.fixture(scope="module")
def gzip_server():
    """A loopback server answering gzip-compressed bodies: ``/small`` JSON, ``/bomb`` 20 MB of
    blanks in a few kB."""
    import gzip
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    bodies = {"/small": gzip.compress(b'{"capacities_cpc": []}'),
              "/bomb": gzip.compress(b"[" + b" " * 20_000_000 + b"]")}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = bodies[self.path]
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _guarded_session(**limits) -> requests.Session:
    from rtecap._limits import GuardedAdapter

    session = requests.Session()
    session.mount("http://", GuardedAdapter(**limits))
    return session


def test_compressed_answer_is_decompressed(gzip_server):
    """The body is read decompressed (as requests reads it), not as the gzip bytes."""
    with _guarded_session() as session:
        assert session.get(gzip_server + "/small", timeout=5).json() == {"capacities_cpc": []}


def test_compression_bomb_is_cut_off_after_decompression(gzip_server):
    """A few kB on the wire, 20 MB once decompressed: the cap counts what is held."""
    with _guarded_session(max_bytes=1_000_000) as session:
        with pytest.raises(ResponseTooLargeError, match="larger than the 1,000,000 bytes"):
            session.get(gzip_server + "/bomb", timeout=5)
