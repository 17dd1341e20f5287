"""The web app in real headless Chromium: the whole journey, quick exit, auto-lock,
accessibility, zoom, and no request to any other host.

Needs Debian's chromium (`apt-get install -y chromium`) and axe-core
(`npm ci --prefix tests/web`); both missing ones FAIL, never skip.
Screenshots of every page go to test-artifacts/web/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EXIT_HOST,
    ROOT,
    RequestLog,
    axe_violations,
    require_axe,
    require_chromium,
    running_server,
    shot,
)

pytestmark = pytest.mark.browser

PASSPHRASE = "a long safe passphrase"
SAMPLES = ROOT / "samples"
PAGES = ["/overview", "/timeline", "/review", "/screenshots", "/incident", "/import", "/people",
         "/report", "/device", "/settings", "/safety"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                               headless=True)
        yield b
        b.close()


def new_page(browser, base: str, **context_args):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=base, accept_downloads=True, **context_args)
    log = RequestLog(base)
    log.attach(context)
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page, log


def create_case(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    assert page.url.endswith("/create")
    assert page.title() == "Notes"
    shot(page, "01-create")
    page.get_by_label("Choose a passphrase").fill(PASSPHRASE)
    page.get_by_label("Type it again").fill(PASSPHRASE)
    page.get_by_role("button", name="Create my case").click()
    page.wait_for_url("**/overview")


def import_samples(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/import")
    # Drag and drop: a file dropped on the zone lands in the file input and is listed.
    page.evaluate("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File(["<smses count='0'></smses>"], "dropped.xml", {type: "text/xml"}));
        document.getElementById("dropzone").dispatchEvent(
            new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""")
    assert "dropped.xml" in page.locator("#chosen").inner_text()
    assert page.evaluate("() => document.getElementById('files').files[0].name") == "dropped.xml"
    shot(page, "03-import-choose")
    page.set_input_files("#files", [str(SAMPLES / "sms-20240414120000.xml"),
                                    str(SAMPLES / "calls-20240414120000.xml")])
    page.get_by_role("button", name="Check these files").click()
    page.wait_for_url("**/import")
    detected = page.locator(".detected").all_inner_texts()
    assert len(detected) == 2 and all("SMS Backup" in d for d in detected), detected
    shot(page, "04-import-detected")
    page.get_by_role("button", name="Import these").click()
    page.get_by_role("heading", name="What was imported").wait_for()
    added = [int(x) for x in page.locator(".n-added").all_inner_texts()]
    assert len(added) == 2 and all(n > 0 for n in added), added
    shot(page, "05-import-summary")


def test_journey(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with running_server(tmp_path / "case") as base:
        context, page, log = new_page(browser, base)
        create_case(page)
        shot(page, "02-overview-empty")
        import_samples(page)

        # Overview numbers.
        page.goto("/overview")
        total = int(page.locator("#n-events").inner_text())
        assert total >= 300, total
        shot(page, "06-overview")

        # Timeline: filter to calls, oldest first, then open one event.
        page.goto("/timeline")
        shot(page, "07-timeline")
        page.get_by_label("Kind").select_option("call")
        page.get_by_label("Order").select_option("oldest")
        page.get_by_role("button", name="Show").click()
        page.wait_for_url("**/timeline")
        rows = page.locator("table.events tbody tr")
        assert rows.count() > 0
        whats = rows.locator("td:nth-child(3)").all_inner_texts()
        assert all(w.startswith("Call") for w in whats), whats[:3]
        assert "timeline" in page.url and "call" not in page.url   # filters are not in the URL
        shot(page, "08-timeline-filtered")
        page.get_by_label("Words in the text").fill("")
        page.get_by_role("button", name="Clear filters").click()
        page.get_by_label("Words in the text").fill("space")
        page.get_by_role("button", name="Show").click()
        texts = page.locator("table.events td.text").all_inner_texts()
        assert texts and all("space" in t.lower() for t in texts), texts[:3]
        page.locator("table.events tbody tr a").first.click()
        page.get_by_role("heading", name="Where it came from").wait_for()
        assert "I need some space" in page.locator(".quote").inner_text() or \
            "space" in page.locator(".quote").inner_text()
        shot(page, "09-event")

        # Review three flags.
        page.goto("/review")
        shot(page, "10-review")
        progress = page.locator("#progress-text").inner_text()
        done0, total_flags = map(int, re.findall(r"\d+", progress)[:2])
        assert total_flags >= 3, f"the samples should give at least 3 flags: {progress}"
        for i, key in enumerate(("c", "d", "c")):
            before = page.locator("#progress-text").inner_text()
            if i == 1:
                page.get_by_label("Note (optional)").fill("He wrote this after I asked him to stop.")
                page.locator("body").click(position={"x": 5, "y": 5})
            page.keyboard.press(key)
            page.wait_for_function(
                "b => document.querySelector('#progress-text') && "
                "document.querySelector('#progress-text').innerText !== b", arg=before)
        done = int(re.findall(r"\d+", page.locator("#progress-text").inner_text())[0])
        assert done >= done0 + 3
        shot(page, "11-review-after")

        # Add an incident with a photo.
        page.goto("/incident")
        shot(page, "12-incident")
        page.get_by_label("What kind of thing happened").select_option("visit")
        page.get_by_label("What happened").fill("He was waiting by my car when I left work.")
        page.get_by_label("When (date and time)").fill("2024-04-10T17:35")
        page.get_by_label("Where", exact=True).fill("Office car park")
        page.get_by_label("Who saw it (one per line)").fill("Sam from reception")
        page.get_by_label("How it made you feel").fill("Frightened to go home.")
        page.get_by_label("Photos").set_input_files(str(SAMPLES / "assets" / "car.png"))
        page.get_by_role("button", name="Save").click()
        page.get_by_text("Saved. It is now part of your case.").wait_for()
        page.goto("/timeline")
        page.get_by_label("Words in the text").fill("waiting by my car")
        page.get_by_role("button", name="Show").click()
        page.locator("table.events tbody tr a").first.click()
        img = page.locator("img.exhibit")
        img.wait_for()
        assert page.evaluate("i => i.naturalWidth > 0", img.element_handle())
        shot(page, "13-incident-event")

        # People, settings, safety, device pages render.
        for path, name in (("/people", "14-people"), ("/settings", "15-settings"),
                           ("/safety", "16-safety"), ("/device", "17-device")):
            page.goto(path)
            shot(page, name)

        # Report: build and download.
        page.goto("/report")
        shot(page, "18-report")
        page.get_by_role("button", name="Build the report").click()
        page.get_by_role("heading", name="Your report is ready").wait_for(timeout=120000)
        shot(page, "19-report-built")
        for label, magic in (("Download PDF", b"%PDF"), ("Download HTML", b"<"),
                             ("Download bundle", b"PK")):
            with page.expect_download() as dl:
                page.get_by_role("link", name=label).click()
            data = Path(dl.value.path()).read_bytes()
            assert data.lstrip()[:len(magic)] == magic, (label, data[:20])

        # Quick exit: Shift three times.
        page.goto("/timeline")
        page.locator("h1").click()
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(f"https://{EXIT_HOST}/**")
        page.go_back()
        page.wait_for_load_state()
        content = page.content()
        assert "waiting by my car" not in content and "space" not in \
            page.locator("body").inner_text().lower().replace("staying safe", "")
        assert "/unlock" in page.url or page.locator("body").inner_text().strip() == ""
        shot(page, "20-after-quick-exit-back")
        r = page.request.get(base + "/timeline", max_redirects=0)
        assert r.status == 303 and r.headers["location"] == "/unlock"
        r = page.request.get(base + "/exhibit/1", max_redirects=0)
        assert r.status == 401

        # Unlock again works; then the Quick exit button.
        page.goto("/unlock")
        shot(page, "21-unlock")
        page.get_by_label("Passphrase").fill(PASSPHRASE)
        page.get_by_role("button", name="Unlock").click()
        page.wait_for_url("**/overview")
        page.get_by_role("button", name="Quick exit").click()
        page.wait_for_url(f"https://{EXIT_HOST}/**")
        r = page.request.get(base + "/overview", max_redirects=0)
        assert r.status == 303

        # The browser asked no host but the app, except the neutral exit site.
        foreign_hosts = {u.split("/")[2] for u in log.foreign}
        assert foreign_hosts == {EXIT_HOST}, log.foreign
        context.close()


def test_auto_lock(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with running_server(tmp_path / "case", env={"SAFECASE_WEB_AUTOLOCK_SECONDS": "3"}) as base:
        context, page, log = new_page(browser, base)
        create_case(page)
        page.goto("/timeline")
        page.wait_for_url("**/unlock", timeout=15000)     # the page locks itself when idle
        assert "Unlock" in page.locator("h1").inner_text()
        r = page.request.get(base + "/overview", max_redirects=0)
        assert r.status == 303 and r.headers["location"] == "/unlock"
        shot(page, "22-auto-locked")
        assert not log.foreign
        context.close()


def test_accessibility_and_zoom(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    require_axe()
    with running_server(tmp_path / "case") as base:
        # bypass_csp only so that the axe script can be injected for the check.
        context, page, log = new_page(browser, base, bypass_csp=True)
        page.goto("/")
        problems = {"/create": axe_violations(page)}
        create_case(page)
        import_samples(page)
        for path in PAGES + ["/event/1"]:
            page.goto(path)
            problems[path] = axe_violations(page)
        bad = {p: v for p, v in problems.items() if v}
        assert not bad, bad
        # 200% zoom: a 1280 px wide window at zoom 2 lays out like 640 CSS px.
        zoomed = browser.new_context(base_url=base, viewport={"width": 640, "height": 900},
                                     device_scale_factor=2)
        zoomed.add_cookies(context.cookies())
        zpage = zoomed.new_page()
        for path in PAGES:
            zpage.goto(path)
            overflow = zpage.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        zpage.goto("/timeline")
        shot(zpage, "23-timeline-zoom-200")
        zpage.goto("/overview")
        shot(zpage, "24-overview-zoom-200")
        zoomed.close()
        context.close()
