"""The pages work end to end through the HTTP layer (no browser)."""

from __future__ import annotations

import time

from tests.web.conftest import Client, upload_samples

SAMPLE_FILES = ["sms-20240414120000.xml", "calls-20240414120000.xml"]


def wait_import(c: Client) -> dict:
    for _ in range(200):
        s = c.get("/import/status").json()
        if s["state"] != "running":
            return s
        time.sleep(0.05)
    raise AssertionError("import did not finish")


def test_import_then_every_page_renders(client: Client) -> None:
    upload_samples(client, SAMPLE_FILES)
    page = client.get("/import").text
    assert "SMS Backup" in page
    assert client.post("/import/run").status_code == 303
    assert wait_import(client)["state"] == "done"
    page = client.get("/import").text
    assert "new events" in page
    for path in ("/overview", "/timeline", "/review", "/incident", "/import", "/people",
                 "/report", "/settings", "/safety", "/device"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
        assert "<title>Notes</title>" in r.text
    overview = client.get("/overview").text
    assert 'id="n-events">0<' not in overview


def test_timeline_filters_and_event_page(client: Client) -> None:
    upload_samples(client, SAMPLE_FILES)
    client.post("/import/run")
    wait_import(client)
    r = client.post("/timeline", {"action": "filter", "kind": "call", "order": "oldest"})
    assert r.status_code == 303 and r.headers["location"] == "/timeline"
    page = client.get("/timeline").text
    assert "Call received (phone)" in page and "Message" not in page
    import re
    first = re.search(r'href="/event/(\d+)"', page).group(1)
    ev = client.get(f"/event/{first}")
    assert ev.status_code == 200 and "Where it came from" in ev.text
    client.post("/timeline", {"action": "next"})
    assert client.get("/timeline").status_code == 200


def test_incident_with_photo(client: Client) -> None:
    from tests.web.conftest import SAMPLES

    photo = (SAMPLES / "assets" / "car.png").read_bytes()
    r = client.tc.post("/incident", data={
        "csrf": client.csrf, "kind": "visit", "at": "2024-04-10T08:15",
        "text": "He was waiting by my car  at 8:15.", "where": "Work car park",
        "witnesses": "Sam", "felt": "Scared", "report_ref": "", "who": "Alex"},
        files=[("photos", ("car.png", photo, "image/png"))], follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/timeline").text
    assert "He was waiting by my car  at 8:15." in page
    import re
    eid = re.search(r'href="/event/(\d+)"', page).group(1)
    ev = client.get(f"/event/{eid}").text
    ex = re.search(r'src="/exhibit/(\d+)"', ev).group(1)
    img = client.get(f"/exhibit/{ex}")
    assert img.status_code == 200 and img.content == photo
    assert img.headers["content-type"] == "image/png"


def test_report_builds_and_downloads(client: Client) -> None:
    upload_samples(client, ["sms-20240414120000.xml"])
    client.post("/import/run")
    wait_import(client)
    assert client.get("/report/download/pdf").status_code == 404     # nothing built yet
    r = client.post("/report", {"paper": "a4", "third_party": "on"})
    assert r.status_code == 303
    assert "Your report is ready" in client.get("/report").text
    for kind, magic in (("pdf", b"%PDF"), ("html", b"<"), ("bundle", b"PK")):
        r = client.get(f"/report/download/{kind}")
        assert r.status_code == 200 and r.content.lstrip()[:len(magic)] == magic, kind
        assert r.headers["content-disposition"].startswith("attachment")


def test_review_confirm_dismiss_skip(client: Client) -> None:
    import re

    upload_samples(client, ["sms-20240414120000.xml"])
    client.post("/import/run")
    wait_import(client)
    page = client.get("/review").text
    done, total = map(int, re.search(r"(\d+) of (\d+) flags reviewed", page).groups())
    assert done == 0 and total > 3
    first = re.search(r'name="event" value="(\d+)"', page).group(1)
    signals = re.findall(r'name="signal" value="([a-z_]+)"', page)
    r = client.post("/review", {"event": first, "signal": signals, "decision": "confirmed",
                                "note": "after I said stop"})
    assert r.status_code == 303
    page = client.get("/review").text
    assert f"{len(signals)} of {total} flags reviewed" in page
    second = re.search(r'name="event" value="(\d+)"', page).group(1)
    assert second != first
    client.post("/review", {"event": second, "decision": "skip"})
    third = re.search(r'name="event" value="(\d+)"', client.get("/review").text).group(1)
    assert third not in (first, second)
    ev = client.get(f"/event/{first}").text
    assert "you confirmed this: after I said stop" in ev


def test_timeline_pages_match_iter_events(client: Client) -> None:
    """The web's paging shortcut returns exactly what queries.iter_events returns."""
    from safecase.store import queries
    from safecase.web.paging import events_page
    from safecase.web.summaries import live_total

    upload_samples(client, SAMPLE_FILES)
    client.post("/import/run")
    wait_import(client)
    st = client.tc.app.state.safecase
    case = st.case
    assert live_total(case) == queries.count_events(case)
    person = max(queries.people(case), key=lambda p: p["events"])["id"]
    for filters in ({}, {"person": [person]}, {"channel": ["phone"]}, {"search": "you"},
                    {"signal": "threat"}, {"reviewed": False},
                    {"since": "2024-03-01", "until": "2024-03-10"}):
        for newest in (True, False):
            for offset in (0, 50):
                want = [e["id"] for e in queries.iter_events(
                    case, newest_first=newest, limit=50, offset=offset, **filters)]
                got = [e["id"] for e in events_page(case, newest_first=newest, limit=50,
                                                    offset=offset, **filters)]
                assert got == want, (filters, newest, offset)


def test_device_check_upload_and_keep(client: Client) -> None:
    import io
    import zipfile
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "device" / "fixtures" / "stalkerware" / \
        "androidqf"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(folder).as_posix())
    client.tc.app.state.max_upload = 64 * 1024 * 1024
    r = client.tc.post("/device", data={"csrf": client.csrf},
                       files=[("acquisition", ("phone.zip", buf.getvalue(), "application/zip"))],
                       follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/device").text
    assert "What the check found" in page and "Needs attention" in page, page[-3000:]
    assert client.post("/device/keep", {}).status_code == 303
    assert "kept in your case" in client.get("/device").text
    r = client.tc.post("/device", data={"csrf": client.csrf},
                       files=[("acquisition", ("notes.txt", b"hello", "text/plain"))],
                       follow_redirects=False)
    page = client.get("/device").text
    assert "notes.txt" in page and "/dev/shm" not in page and "/proc/" not in page


def test_accounts_checklist_answers_go_into_the_ledger(client: Client, case_dir) -> None:
    from safecase.device.checklists import CHECKLISTS

    step = CHECKLISTS["accounts"].steps[0]
    page = client.get("/device").text
    assert step.title in page and "What did you find?" in page
    r = client.post("/device/checklist", {"step": step.id, "answer": "found something",
                                          "note": "a laptop I don't know"})
    assert r.status_code == 303
    page = client.get("/device").text
    assert "Your answer" in page and "a laptop I don&#39;t know" in page
    assert client.post("/device/checklist", {"step": "nope", "answer": "all fine"}
                       ).status_code == 303
    assert "not on the checklist" in client.get("/device").text
    from safecase.store import ledger
    from safecase.store.case import Case
    from tests.web.conftest import PASSPHRASE

    with Case.open(case_dir, PASSPHRASE) as case:
        last = [e for e in ledger.entries(case.db) if e.action == "device.checklist"]
    assert len(last) == 1 and step.id in last[0].subject


def test_people_link_rename_unlink(client: Client) -> None:
    import re

    upload_samples(client, SAMPLE_FILES)
    client.post("/import/run")
    wait_import(client)
    page = client.get("/people").text
    assert "Maybe the same person" in page            # the sample's new-number suggestion
    ids = re.findall(r'name="identity" value="(\d+)"> phone', page)[:2]
    r = client.post("/people/link", {"identity": ids, "name": "Alex (both numbers)"})
    assert r.status_code == 303
    page = client.get("/people").text
    assert "Alex (both numbers)" in page and "Identity to separate" in page
    client.post("/people/unlink", {"identity": ids[1]})
    assert "Identity to separate" not in client.get("/people").text
    r = client.post("/people/link", {"identity": ids[:1]})
    assert "Tick at least two" in client.get("/people").text


def test_serve_refuses_a_port_in_use(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import socket
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "safecase", "serve", str(tmp_path / "c"),
                            "--port", str(port)], capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, PYTHONPATH=str(root / "src")))
    assert r.returncode == 2
    assert f"port {port} is in use" in r.stderr and "Traceback" not in r.stderr


def test_settings_and_passphrase(client: Client) -> None:
    from tests.web.conftest import PASSPHRASE

    r = client.post("/settings", {"tz": "America/New_York", "region": "us",
                                  "autolock_minutes": "5"})
    assert r.status_code == 303
    page = client.get("/settings").text
    assert 'value="America/New_York"' in page and 'value="US"' in page
    assert client.tc.app.state.safecase.autolock_seconds() == 300
    client.post("/settings", {"tz": "Mars/Base"})
    assert "unknown time zone" in client.get("/settings").text
    client.post("/settings/passphrase", {"current": "not it at all", "new": "new passphrase 1",
                                         "new2": "new passphrase 1"})
    assert "wrong passphrase" in client.get("/settings").text
    client.post("/settings/passphrase", {"current": PASSPHRASE, "new": "new passphrase 1",
                                         "new2": "new passphrase 1"})
    assert "Passphrase changed" in client.get("/settings").text
    client.post("/lock", {})
    client.post("/unlock", {"passphrase": PASSPHRASE})
    assert client.get("/overview").status_code == 303          # the old one no longer opens
    client.post("/unlock", {"passphrase": "new passphrase 1"})
    assert client.get("/overview").status_code == 200


def test_screenshot_becomes_a_message(client: Client) -> None:
    import re

    from tests.web.conftest import SAMPLES

    data = (SAMPLES / "screenshots" / "instagram-dm-2024-03-14.png").read_bytes()
    r = client.tc.post("/import/upload", data={"csrf": client.csrf},
                       files=[("files", ("instagram-dm-2024-03-14.png", data, "image/png"))],
                       follow_redirects=False)
    assert r.status_code == 303
    assert "Screenshot or photo" in client.get("/import").text
    client.post("/import/run")
    wait_import(client)
    page = client.get("/screenshots").text
    exhibit = re.search(r'name="exhibit" value="(\d+)"', page).group(1)
    assert client.get(f"/exhibit/{exhibit}").content == data
    r = client.post("/screenshots", {"exhibit": exhibit, "channel": "instagram",
                                     "direction": "incoming", "at": "2024-03-14T21:05",
                                     "sender": "alex.k", "text": "I can see you"})
    assert r.status_code == 303
    assert "Saved as a message" in client.get("/screenshots").text
    assert f'value="{exhibit}"' not in client.get("/screenshots").text
    client.post("/timeline", {"action": "filter", "search": "I can see you"})
    assert "I can see you" in client.get("/timeline").text
