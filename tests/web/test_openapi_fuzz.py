"""schemathesis against the app's OpenAPI description: no request makes a server error.

Runs with an unlocked case holding the sample SMS export, a valid session cookie and CSRF
token (so requests reach the routes' own logic, not just the guards), bounded examples.
Report building (slow, ~10 s a call) is left out; its route is tested in test_smoke.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from safecase.web import create_app
from safecase.web.state import SESSION_COOKIE
from tests.web.conftest import PASSPHRASE, PORT, SAMPLES, Client

HOST = f"127.0.0.1:{PORT}"
FOLDER = tempfile.mkdtemp(prefix="safecase-fuzz-")
atexit.register(shutil.rmtree, FOLDER, True)
APP = create_app(Path(FOLDER) / "case", port=PORT,
                 max_upload=256 * 1024, expose_openapi=True)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, headers={"host": HOST})
AUTH: dict[str, str] = {}


def _login() -> dict[str, str]:
    if not AUTH:
        tc = TestClient(APP, base_url=f"http://{HOST}")
        c = Client(tc)
        c.post("/create", {"passphrase": PASSPHRASE, "passphrase2": PASSPHRASE})
        data = (SAMPLES / "sms-20240414120000.xml").read_bytes()
        tc.post("/import/upload", data={"csrf": c.csrf},
                files=[("files", ("sms.xml", data, "text/xml"))])
        c.post("/import/run")
        for _ in range(600):     # wait for the import (and the analysis after it)
            if c.get("/import/status").json()["state"] != "running":
                break
            time.sleep(0.05)
        AUTH.update(token=tc.cookies[SESSION_COOKIE], csrf=c.csrf)
    return AUTH


@schema.exclude(path="/report", method="POST").parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case) -> None:  # type: ignore[no-untyped-def]
    auth = _login()
    # Wrong passphrases from the fuzzer would make /unlock wait ever longer (by design,
    # tested in test_security); start each call afresh.
    APP.state.safecase.failed_unlocks = 0
    response = case.call(headers={"host": HOST, "x-csrf-token": auth["csrf"]},
                         cookies={SESSION_COOKIE: auth["token"]})
    assert response.status_code < 500, (case.method, case.path, response.status_code,
                                        response.text[:300])
    cache = response.headers["cache-control"]
    assert (cache[0] if isinstance(cache, list) else cache).startswith("no-store")
