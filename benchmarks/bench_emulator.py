"""Requests per second the emulator serves on loopback, without injected latency.

Prints, never asserts. Target: 500 req/s. Four measures:

- in-process server, one keep-alive ``requests.Session`` (how the test suites use it; client
  and server share the GIL, so the client's own cost weighs);
- in-process server, 4 threads with a Session each;
- in-process server, a bare ``http.client`` connection (less client overhead);
- server in a child process (its own interpreter), one Session and a bare connection.

Run: ``python benchmarks/bench_emulator.py [N]`` (N requests per measure, default 1000).
"""

from __future__ import annotations

import argparse
import http.client
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import requests

TARGET = 500.0
V1 = "/open_api/generation_installed_capacities/v1/"
QUERIES = (
    V1 + "capacities_per_production_type?production_type=SOLAR,NUCLEAR",
    V1 + "capacities_per_production_unit?start_date=1950-01-01T00:00:00%2B00:00"
    "&end_date=1951-01-01T00:00:00%2B00:00",
)
CHILD = """
import argparse, sys
from rtecap.emulator import cli
parser = argparse.ArgumentParser()
cli.add_arguments(parser)
sys.exit(cli.run(parser.parse_args(["--port", "0", "--today", "2026-11-23"])))
"""


def token(url: str, client_id: str, secret: str) -> str:
    answer = requests.post(url + "/token/oauth/", auth=(client_id, secret), timeout=10,
                           data={"grant_type": "client_credentials"})
    answer.raise_for_status()
    return answer.json()["access_token"]


def with_session(url: str, bearer: str, n: int) -> None:
    session = requests.Session()
    session.headers["Authorization"] = "Bearer " + bearer
    for i in range(n):
        session.get(url + QUERIES[i % 2], timeout=10).raise_for_status()


def with_http_client(url: str, bearer: str, n: int) -> None:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    for i in range(n):
        connection.request("GET", QUERIES[i % 2], headers={"Authorization": "Bearer " + bearer})
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            raise RuntimeError(f"HTTP {answer.status}")
    connection.close()


def rate(label: str, work, n: int, threads: int = 1) -> float:
    """Run ``work(n // threads)`` in ``threads`` threads; print and return requests/s."""
    per_thread = n // threads
    workers = [threading.Thread(target=work, args=(per_thread,)) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    value = per_thread * threads / (time.perf_counter() - start)
    print(f"{label:<58} {value:8.0f} req/s  ({value / TARGET:4.2f} x target {TARGET:.0f})")
    return value


def main(n: int) -> None:
    from rtecap.emulator import serve

    started = time.perf_counter()
    with serve(port=0, today="2026-11-23") as server:
        print(f"start-up (data + bind): {time.perf_counter() - started:.2f} s")
        bearer = token(server.url, server.client_id, server.client_secret)
        with_session(server.url, bearer, 20)  # warm the answer cache
        rate("in-process, requests.Session, 1 client",
             lambda k: with_session(server.url, bearer, k), n)
        rate("in-process, requests.Session, 4 threads",
             lambda k: with_session(server.url, bearer, k), n, threads=4)
        rate("in-process, http.client, 1 client",
             lambda k: with_http_client(server.url, bearer, k), n)
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    try:
        lines = [child.stdout.readline() for _ in range(4)]
        url = lines[0].split()[4]
        client_id, secret = (line.strip().split("=", 1)[1] for line in lines[2:4])
        bearer = token(url, client_id, secret)
        with_session(url, bearer, 20)
        rate("child process, requests.Session, 1 client",
             lambda k: with_session(url, bearer, k), n)
        rate("child process, requests.Session, 4 threads",
             lambda k: with_session(url, bearer, k), n, threads=4)
        rate("child process, http.client, 1 client", lambda k: with_http_client(url, bearer, k), n)
    finally:
        child.terminate()
        child.wait(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000, help="requests per measure")
    main(parser.parse_args().n)
