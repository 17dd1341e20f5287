"""Security: each attack is refused with the right status, and nothing in the case changes."""

from __future__ import annotations

import hashlib
import tempfile
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from safecase.web import create_app
from tests.web.conftest import BASE, PASSPHRASE, PORT, SAMPLES, Client, csrf_of


def snapshot(case_dir: Path) -> tuple[str, str, int]:
    """What would move if anything changed: the sealed ledger head, the database, blobs."""
    head = (case_dir / "case.json").read_text()
    db = hashlib.sha256((case_dir / "case.db").read_bytes()).hexdigest()
    blobs = sum(1 for _ in (case_dir / "blobs").rglob("*")) if (case_dir / "blobs").exists() \
        else 0
    return head, db, blobs


def test_foreign_host_is_refused(client: Client, case_dir: Path) -> None:
    before = snapshot(case_dir)
    for host in ("evil.example", "127.0.0.1:9999", "localhost", "rebind.attacker.test:8765"):
        r = client.tc.get("/overview", headers={"host": host})
        assert r.status_code == 400
        r = client.tc.post("/settings", data={"csrf": client.csrf, "tz": "Asia/Tokyo"},
                           headers={"host": host})
        assert r.status_code == 400
    assert client.get("/settings").text.count("Europe/London") >= 1
    assert snapshot(case_dir) == before


def test_missing_or_wrong_csrf_is_refused(client: Client, case_dir: Path) -> None:
    before = snapshot(case_dir)
    r = client.tc.post("/settings", data={"tz": "Asia/Tokyo"}, follow_redirects=False)
    assert r.status_code == 403
    r = client.tc.post("/settings", data={"tz": "Asia/Tokyo", "csrf": "x" * 43},
                       follow_redirects=False)
    assert r.status_code == 403
    r = client.tc.post("/incident", data={"kind": "visit", "at": "2024-01-01 10:00",
                                          "text": "x"}, follow_redirects=False)
    assert r.status_code == 403
    r = client.tc.post("/people/link", data={"identity": ["1", "2"]}, follow_redirects=False)
    assert r.status_code == 403
    assert snapshot(case_dir) == before
    assert "Asia/Tokyo" not in client.get("/settings").text


def test_no_session_sees_nothing(client: Client, app, case_dir: Path) -> None:  # type: ignore[no-untyped-def]
    r = client.tc.post("/incident", data={"csrf": client.csrf, "kind": "visit",
                                          "at": "2024-01-01 10:00", "text": "secret words"})
    assert r.status_code == 200
    before = snapshot(case_dir)
    with TestClient(app, base_url=BASE) as other:   # a second browser: no session cookie
        for path in ("/overview", "/timeline", "/review", "/people", "/settings", "/event/1"):
            r = other.get(path, follow_redirects=False)
            assert r.status_code == 303 and r.headers["location"] == "/unlock", path
        assert other.get("/exhibit/1", headers={"accept": "*/*"}).status_code == 401
        assert other.get("/import/status", headers={"accept": "*/*"}).status_code == 401
        token = csrf_of(other.get("/safety").text)
        r = other.post("/settings", data={"csrf": token, "tz": "Asia/Tokyo"},
                       follow_redirects=False)
        assert r.status_code == 401
        # Another session's CSRF token is not this one's.
        r = other.post("/settings", data={"csrf": client.csrf, "tz": "Asia/Tokyo"},
                       follow_redirects=False)
        assert r.status_code == 403
        assert "secret words" not in other.get("/timeline").text
    assert snapshot(case_dir) == before


def test_path_traversal_in_downloads(client: Client, case_dir: Path) -> None:
    before = snapshot(case_dir)
    for path in ("/exhibit/..%2F..%2Fcase.json", "/exhibit/../../case.json",
                 "/exhibit/-1", "/exhibit/99999", "/static/..%2F..%2F..%2Fstore%2Fcase.py",
                 "/static/../app.py", "/static/%2e%2e/app.py", "/event/..%2Fcase.json",
                 "/report/download/..%2F..%2Fcase.json", "/report/download/case.json",
                 "/report/download/%2e%2e"):
        r = client.tc.get(path, follow_redirects=False, headers={"accept": "*/*"})
        assert r.status_code in (404, 422), (path, r.status_code)
        assert b"wrapped_key" not in r.content and b"import " not in r.content
    assert snapshot(case_dir) == before


def test_oversized_upload_is_refused(client: Client, case_dir: Path) -> None:
    before = snapshot(case_dir)
    big = b"<smses>" + b"x" * (300 * 1024) + b"</smses>"    # the test app allows 200 KiB
    r = client.tc.post("/import/upload", data={"csrf": client.csrf},
                       files=[("files", ("big.xml", big, "text/xml"))],
                       follow_redirects=False)
    assert r.status_code == 413
    # Without a Content-Length (chunked), the stream is cut at the limit too.
    def chunks():  # type: ignore[no-untyped-def]
        boundary = b"--b0undary"
        yield boundary + b'\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'
        yield client.csrf.encode() + b"\r\n"
        yield boundary + b'\r\nContent-Disposition: form-data; name="files"; filename="a.xml"'
        yield b"\r\nContent-Type: text/xml\r\n\r\n"
        for _ in range(40):
            yield b"y" * 10240
        yield b"\r\n" + boundary + b"--\r\n"
    r = client.tc.post("/import/upload", content=chunks(), follow_redirects=False,
                       headers={"content-type": "multipart/form-data; boundary=b0undary"})
    assert r.status_code == 413
    assert "Ready to import" not in client.get("/import").text
    big_photo = b"\x89PNG\r\n\x1a\n" + b"0" * (70 * 1024 * 1024)
    r = client.tc.post("/incident", data={"csrf": client.csrf, "kind": "visit",
                                          "at": "2024-01-01 10:00", "text": "x"},
                       files=[("photos", ("p.png", big_photo, "image/png"))],
                       follow_redirects=False)
    assert r.status_code == 413
    assert snapshot(case_dir) == before


def test_every_response_is_no_store_with_csp(client: Client) -> None:
    for path in ("/", "/overview", "/timeline", "/static/app.css", "/static/app.js",
                 "/favicon.ico", "/nope", "/event/424242"):
        r = client.get(path)
        assert r.headers["cache-control"].startswith("no-store"), path
        assert "default-src 'self'" in r.headers["content-security-policy"], path
        assert r.headers["referrer-policy"] == "no-referrer"
    r = client.tc.get("/overview", headers={"host": "evil.example"})
    assert r.headers["cache-control"].startswith("no-store")
    page = client.get("/overview").text
    assert "<script>" not in page and " style=" not in page and "http://" not in \
        page.replace("http://www.w3.org/2000/svg", "")


def test_session_cookie_flags(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url=BASE) as tc:
        r = tc.get("/create", follow_redirects=False)
        cookie = r.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie


def test_quick_exit_locks_and_refuses_until_unlocked(client: Client) -> None:
    client.post("/incident", {"kind": "visit", "at": "2024-01-01 10:00",
                              "text": "He stood outside"})
    assert "He stood outside" in client.get("/timeline").text
    r = client.tc.post("/exit", content=b"via=exit",
                       headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 204
    app_state = client.tc.app.state.safecase
    assert app_state.case is None            # the key is dropped
    r = client.get("/timeline")
    assert r.status_code == 303 and r.headers["location"] == "/unlock"
    assert client.get("/exhibit/1", headers={"accept": "*/*"}).status_code == 401
    r = client.post("/unlock", {"passphrase": "wrong passphrase"})
    assert r.headers["location"] == "/unlock"
    assert client.get("/timeline").status_code == 303
    client.post("/unlock", {"passphrase": PASSPHRASE})
    assert "He stood outside" in client.get("/timeline").text


def test_quick_exit_without_javascript_goes_to_neutral_site(client: Client) -> None:
    r = client.post("/exit", {})
    assert r.status_code == 303 and r.headers["location"].startswith("https://www.bbc.co.uk")


def test_auto_lock_when_idle(case_dir: Path) -> None:
    app = create_app(case_dir, port=PORT, autolock_seconds=1)
    with TestClient(app, base_url=BASE) as tc:
        c = Client(tc)
        c.post("/create", {"passphrase": PASSPHRASE, "passphrase2": PASSPHRASE})
        assert c.get("/overview").status_code == 200
        time.sleep(1.6)
        r = c.get("/overview")
        assert r.status_code == 303 and r.headers["location"] == "/unlock"
        assert app.state.safecase.case is None


def test_uploads_never_touch_temp_files(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError("a temp file was created for an upload")
    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    data = (SAMPLES / "sms-20240414120000.xml").read_bytes()
    r = client.tc.post("/import/upload", data={"csrf": client.csrf},
                       files=[("files", ("sms.xml", data, "text/xml"))],
                       follow_redirects=False)
    assert r.status_code == 303
    assert "SMS Backup" in client.get("/import").text


def test_wrong_passphrases_slow_down(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    import safecase.web.views.auth as auth

    waits: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        waits.append(seconds)
    monkeypatch.setattr(auth.asyncio, "sleep", fake_sleep)
    client.post("/lock", {})
    for _ in range(6):
        client.post("/unlock", {"passphrase": "a wrong guess"})
    assert waits == [2, 4]                       # the 5th and 6th tries wait, growing
    client.post("/unlock", {"passphrase": PASSPHRASE})
    assert client.get("/overview").status_code == 200
    assert client.tc.app.state.safecase.failed_unlocks == 0
