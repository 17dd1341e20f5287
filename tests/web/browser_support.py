"""Running the app as a real server and driving it with headless Debian Chromium.

Chromium comes from Debian (`apt-get install -y chromium`), never from
`playwright install`. A missing browser is a test FAILURE, not a skip: CI must install it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SAFECASE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "web"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
EXIT_HOST = "www.bbc.co.uk"


def require_chromium() -> None:
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
        "(apt-get install -y chromium)")


def require_axe() -> None:
    assert AXE.exists(), (
        f"{AXE} is missing: run `npm ci --prefix tests/web` (installs axe-core)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(case_dir: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """``python -m safecase serve CASE --port P`` in a subprocess; yields its base URL."""
    port = free_port()
    full_env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "safecase", "serve", str(case_dir),
                             "--port", str(port)], env=full_env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {proc.stdout.read()}")  # type: ignore[union-attr]
            try:
                httpx.get(base + "/safety", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("server did not start")
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


class RequestLog:
    """Every request the browser makes; anything not to the app is blocked and recorded."""

    def __init__(self, base: str) -> None:
        self.app_host = urlsplit(base).netloc
        self.foreign: list[str] = []
        self.all: list[str] = []

    def attach(self, context) -> None:  # type: ignore[no-untyped-def]
        def handle(route) -> None:  # type: ignore[no-untyped-def]
            url = route.request.url
            self.all.append(url)
            host = urlsplit(url).netloc
            if host == self.app_host:
                route.continue_()
                return
            self.foreign.append(url)
            if host == EXIT_HOST:
                route.fulfill(status=200, content_type="text/html",
                              body="<!doctype html><title>Weather</title><h1>Weather</h1>")
            else:
                route.abort()
        context.route("**/*", handle)


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """Serious or critical axe-core violations on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
        " 'wcag22aa', 'best-practice']}})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def csrf_of(html: str) -> str:
    m = re.search(r'<meta name="csrf" content="([^"]+)"', html)
    assert m
    return m.group(1)
