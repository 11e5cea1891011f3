"""The secrets audit (issue 16): one full run, then a search for every secret everywhere.

A full fetch of every resource through the emulator, with the disk cache on, raw answers
saved, and logging at DEBUG for rtecap and every library (root logger), then the failures a
user meets (refused credentials, missing credentials, a server error, a timeout, a bad body, an
answer too large, a redirect to another host). Then the client secret,
``base64(client_id:client_secret)`` and every access token the emulator issued are searched
for in: the cache directory (every file, byte for byte, and every stored request's headers),
the saved raw answers, the captured logs, the texts and full tracebacks of the exceptions, the
``repr`` of every public object, ``df.attrs``. Zero hits.

The committed notebook outputs, the docs (sources, and the built HTML when ``make docs`` has
run) were produced with other, random secrets: they are searched for the *shape* of a
secret instead (a Bearer or Basic header value, an ``access_token`` field, a secret given as a
value, a token-like string).
"""

from __future__ import annotations

import base64
import inspect
import json
import logging
import re
import sys
import traceback
from pathlib import Path

import pandas as pd
import pytest

import rtecap
from rtecap import Client, market, registry
from rtecap.emulator import serve
from rtecap.exceptions import RteError
from rtecap.market.archive import COLLECTED

sys.path.insert(0, str(Path(__file__).parent))
from fuzzing import frames_of  # noqa: E402

TODAY = "2026-11-23"
ROOT = Path(__file__).resolve().parents[1]
#: A secret's shape in text meant for people: a header value, a token field, a secret given.
SHAPES = re.compile(
    r"Bearer\s+[A-Za-z0-9._~+/-]{12,}|Basic\s+[A-Za-z0-9+/]{12,}=*|"
    r"[\"']?access_token[\"']?\s*[:=]\s*[\"'][^\"'*]{8,}|"
    r"client_secret\s*=\s*[\"'](?!\*\*\*)[^\"']{8,}[\"']|RTE_CLIENT_SECRET=[^\s\"'$<]{8,}"
)
#: ``secrets.token_urlsafe`` output (what the emulator issues): upper, lower and digits mixed.
TOKEN_LIKE = re.compile(r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])"
                        r"(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{32,64}(?![A-Za-z0-9_=-])")


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def debug_logs():
    """Every logger at DEBUG through the root logger (restored afterwards)."""
    handler, root = _Records(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet = {name: logger.level for name, logger in logging.root.manager.loggerDict.items()
             if isinstance(logger, logging.Logger) and logger.level > logging.DEBUG}
    for name in quiet:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for name, old in quiet.items():
            logging.getLogger(name).setLevel(old)


def _issued_tokens(server, monkeypatch) -> list[str]:
    """Record every access token the emulator hands out."""
    issued: list[str] = []
    original = server.app._token

    def recording(environ, body):
        status, headers, answer = original(environ, body)
        if status == 200:
            issued.append(json.loads(answer)["access_token"])
        return status, headers, answer

    monkeypatch.setattr(server.app, "_token", recording)
    return issued


def _failures(server, cache) -> list[BaseException]:
    """The errors a user meets, each raised through the public API and caught."""
    caught: list[BaseException] = []

    def attempt(call, **settings):
        old = {name: getattr(server, name) for name in settings}
        for name, value in settings.items():
            setattr(server, name, value)
        try:
            call()
        except RteError as exc:
            caught.append(exc)
        finally:
            for name, value in old.items():
                setattr(server, name, value)

    def client(**options):
        options = {"cache": False, "retries": 0, "today": TODAY, **options}
        return Client(server.client_id, options.pop("secret", server.client_secret),
                      server.url, **options)

    bad = "not-" + server.client_secret
    attempt(lambda: client(secret=bad).get_json("capacities_cpc"))
    attempt(lambda: Client(None, None, server.url, cache=False).get_json("capacities_cpc"))
    attempt(lambda: client().get_capacities_cpc(), fault_rate=1.0, faults={"500": 1})
    attempt(lambda: client().get_capacities_cpc(), fault_rate=1.0, faults={"bad_json": 1})
    attempt(lambda: client(timeout=(5, 0.2)).get_json("capacities_cpc"),
            fault_rate=1.0, faults={"slow": 1}, slow_ms=600)
    attempt(lambda: client().get_json("capacities_cpc"), huge_body_mb=80)
    attempt(lambda: client(cache=cache).get_json("capacities_cpc", {"department_code": "FR"}),
            redirect_to=f"http://localhost:{server.port}")
    def market_client(token=None, **options):
        options = {"cache": False, "retries": 0, **options}
        return market.Client(token or server.market_token, server.url, **options)

    attempt(lambda: market_client("not-" + server.market_token).get_json("day_ahead_prices"))
    attempt(lambda: market.Client(None, server.url, cache=False).get_json("fcr_capacity"))
    attempt(lambda: market_client().get_json("afrr_energy"), huge_body_mb=80)
    attempt(lambda: market_client().get_json("mfrr_capacity"),
            redirect_to=f"http://localhost:{server.port}")
    attempt(lambda: market_client(deadline=0.3).get_json("day_ahead_prices"), trickle_ms=20)
    assert len(caught) == 12, " ".join(type(exc).__name__ for exc in caught)
    return caught


def _public_objects(*extra) -> list[object]:
    objects = list(extra)
    modules = [rtecap, rtecap.exceptions, registry, market]
    for module in modules:
        for name in getattr(module, "__all__", dir(module)):
            if not name.startswith("_"):
                objects.append(getattr(module, name))
    objects.extend(registry.resources())
    return objects


def _text_outputs(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for kind, value in output.get("data", {}).items():
                if kind.startswith("text/") or kind.endswith("json"):
                    parts.append(value if isinstance(value, str) else json.dumps(value))
            parts.append("\n".join(output.get("traceback", [])))
    return "\n".join(parts)


def test_no_secret_anywhere(tmp_path, debug_logs, monkeypatch):
    monkeypatch.delenv("RTE_CLIENT_SECRET", raising=False)
    cache = tmp_path / "cache" / "http_cache"
    with serve(today=TODAY, token_lifetime=3) as server:
        issued = _issued_tokens(server, monkeypatch)
        with Client(server.client_id, server.client_secret, server.url, cache=cache,
                    today=TODAY) as client:
            frames = [
                client.get_capacities_per_production_type("2015-01-01", "2026-01-01",
                                                          raw=tmp_path / "raw_cppt"),
                client.get_capacities_per_production_unit(raw=tmp_path / "raw_cppu"),
                client.get_capacities_cpc(department_code=["FR", "FR-13"],
                                          raw=tmp_path / "raw_cpc"),
            ]
            frames.append(client.get_capacities_cpc(department_code=["FR", "FR-13"]))
            answer = client.get_answer("capacities_per_production_type")
            stored = [repr(dict(r.request.headers)) + repr(dict(r.headers))
                      for r in client._session.cache.responses.values()]
            client_repr = repr(client)
        with market.Client(server.market_token, server.url,
                           cache=cache.with_name("market_http_cache")) as market_client:
            results = [get(client=market_client) for get, _ in market.LOADERS.values()]
            results.append(market.get_day_ahead_prices(client=market_client))  # from cache
            stored += [repr(dict(r.request.headers)) + repr(dict(r.headers))
                       for r in market_client._session.cache.responses.values()]
            client_repr += repr(market_client)
        with market.Client(server.market_token, server.url, cache=False) as collector:
            summary = market.collect(tmp_path / "archive", client=collector)
        archived = [market.load_archive(tmp_path / "archive", name)
                    for name in COLLECTED]
        failures = _failures(server, cache)
        secret, client_id = server.client_secret, server.client_id
        market_token = server.market_token
        server_repr = repr(server)
    assert frames[-1].attrs["rtecap"]["from_cache"] is True
    assert results[-1].attrs["rtecap"]["from_cache"] is True
    assert summary.added > 0
    frames += [frame for result in archived for frame in frames_of(result)]
    parquet = [pd.read_parquet(path) for path in (tmp_path / "archive").rglob("*.parquet")]
    assert parquet
    frames += [frame for result in results for frame in frames_of(result)]
    assert len(issued) >= 2 and stored  # tokens were issued and renewed; answers were cached
    secrets_ = {"client secret": secret,
                "basic": base64.b64encode(f"{client_id}:{secret}".encode()).decode()}
    secrets_.update({f"token {i}": token for i, token in enumerate(issued)})
    secrets_["market token"] = market_token

    places: dict[str, str] = {}
    for path in tmp_path.rglob("*"):
        if path.is_file():
            places[f"file {path.relative_to(tmp_path)}"] = path.read_bytes().decode("latin-1")
    places["cached requests"] = "\n".join(stored)
    places["logs"] = "\n".join(debug_logs)
    for i, exc in enumerate(failures):
        places[f"exception {i} {type(exc).__name__}"] = "".join(
            traceback.format_exception(exc)) + repr(exc) + repr(vars(exc))
    objects = _public_objects(client, answer, server, market_client, *results, *frames,
                              *failures)
    places["reprs"] = "\n".join([client_repr, server_repr, *map(repr, objects)])
    places["attrs"] = "\n".join(json.dumps(df.attrs, default=str) for df in frames)
    places["archive tables"] = "\n".join(
        df.to_csv() + json.dumps(df.attrs, default=str) for df in parquet)
    places["archive summary"] = str(summary) + repr(summary)

    assert any("Authorization" in line or "token" in line for line in debug_logs)
    hits = [(what, where) for where, text in places.items()
            for what, value in secrets_.items() if value in text]
    assert hits == []
    shaped = [(where, m.group(0)[:20]) for where, text in places.items()
              if not where.startswith("file ") for m in SHAPES.finditer(text)]
    assert shaped == []


def test_no_secret_shape_in_notebooks_and_docs():
    texts = {path.name: _text_outputs(path) for path in sorted(ROOT.glob("notebooks/*.ipynb"))}
    assert texts, "no notebook found"
    docs = [*ROOT.glob("docs/*.md"), *ROOT.glob("docs/*.rst"), ROOT / "README.md"]
    built = ROOT / "docs" / "_build" / "html"  # present once `make docs` has run
    docs += [p for p in built.glob("**/*") if p.suffix in (".html", ".txt")
             and not {"_static", "_sources", "_images"} & set(p.parts)]
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8", errors="replace")
                  for p in docs})
    texts["docstrings"] = "\n".join(inspect.getdoc(obj) or "" for obj in _public_objects())
    found = [(name, m.group(0)[:24]) for name, text in texts.items()
             for pattern in (SHAPES, TOKEN_LIKE) for m in pattern.finditer(text)]
    assert found == []


@pytest.mark.parametrize("text", [
    "Authorization: Bearer AbCdEf0123456789xyz", "Basic cnRlY2FwLWVtdWxhdG9yOnNlY3JldA==",
    '{"access_token": "Zq3kP0vLx9"}', "client_secret='s3cr3t-value-here'",
    "RTE_CLIENT_SECRET=s3cr3tvalue", "token Hk2lQ9wX_u7Yt-PzR4mN0bV5cJ8dE1fG3aS6",
])
def test_the_shapes_find_a_secret(text):
    """The searches of the notebooks and docs would see a leaked secret."""
    assert SHAPES.search(text) or TOKEN_LIKE.search(text)
