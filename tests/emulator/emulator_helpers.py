"""Helpers of the emulator's tests: plain ``requests`` over loopback, written from the guide."""

from __future__ import annotations

import requests

from rtecap.mappings import error_message

#: The guide's resource prefix (§4.x.1.1 "Resource URL").
V1 = "/open_api/generation_installed_capacities/v1/"


class Api:
    """A tiny client: gets a token, then GETs paths as written in the guide."""

    def __init__(self, server):
        self.server = server
        self.session = requests.Session()
        self.session.headers["Authorization"] = "Bearer " + self.token()

    def token(self) -> str:
        answer = requests.post(self.server.url + "/token/oauth/",
                               auth=(self.server.client_id, self.server.client_secret),
                               data={"grant_type": "client_credentials"}, timeout=10)
        assert answer.status_code == 200, answer.text
        return answer.json()["access_token"]

    def get(self, path: str, **params) -> requests.Response:
        """GET ``path``: a full guide path ("/open_api/...") or a resource name with query."""
        url = self.server.url + (path if path.startswith("/") else V1 + path)
        return self.session.get(url, params=params or None, timeout=30)

    def ok(self, path: str, **params) -> list:
        answer = self.get(path, **params)
        assert answer.status_code == 200, answer.text
        (key,) = answer.json()
        return answer.json()[key]

    def error(self, path: str, **params) -> dict:
        answer = self.get(path, **params)
        assert answer.status_code == 400, answer.text
        return answer.json()

    def fails(self, path: str, code: str, **params) -> dict:
        """Assert a functional error with the guide's envelope (§5) and message (§5.1)."""
        body = self.error(path, **params)
        assert body["error"] == code
        assert body["error_description"] == error_message(code)
        assert body["error_uri"].startswith("https://")
        assert len(body["error_details"]["transaction_id"]) >= 16
        return body


def period(start: str, end: str) -> dict:
    return {"start_date": start, "end_date": end}
