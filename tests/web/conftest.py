"""Fixtures for the web app tests: an app on a fresh case and a logged-in client."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from safecase.web import create_app

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
PASSPHRASE = "correct horse battery"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def csrf_of(html: str) -> str:
    m = re.search(r'<meta name="csrf" content="([^"]+)"', html)
    assert m, "page has no CSRF token"
    return m.group(1)


class Client:
    """A TestClient that knows its CSRF token."""

    def __init__(self, tc: TestClient) -> None:
        self.tc = tc
        self.csrf = csrf_of(tc.get("/safety").text)

    def post(self, path: str, data: dict | None = None, **kw):  # type: ignore[no-untyped-def]
        data = dict(data or {})
        data.setdefault("csrf", self.csrf)
        return self.tc.post(path, data=data, follow_redirects=False, **kw)

    def get(self, path: str, **kw):  # type: ignore[no-untyped-def]
        return self.tc.get(path, follow_redirects=False, **kw)


def ledger_head(case_dir: Path) -> str:
    return (case_dir / "case.json").read_text()


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    return tmp_path / "case"


@pytest.fixture
def app(case_dir: Path):  # type: ignore[no-untyped-def]
    return create_app(case_dir, port=PORT, max_upload=200 * 1024, expose_openapi=True)


@pytest.fixture
def client(app) -> Iterator[Client]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url=BASE) as tc:
        c = Client(tc)
        r = c.post("/create", {"passphrase": PASSPHRASE, "passphrase2": PASSPHRASE,
                               "tz": "Europe/London", "region": "GB"})
        assert r.status_code == 303 and r.headers["location"] == "/overview", r.text
        yield c


def upload_samples(c: Client, names: list[str]) -> None:
    files = [("files", (n, (SAMPLES / n).read_bytes(), "text/xml")) for n in names]
    r = c.tc.post("/import/upload", data={"csrf": c.csrf}, files=files, follow_redirects=False)
    assert r.status_code == 303, r.text
