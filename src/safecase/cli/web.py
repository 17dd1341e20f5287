"""``safecase serve``: the local web app on 127.0.0.1."""

from __future__ import annotations

import socket
from pathlib import Path

import typer

from safecase.cli._common import console


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def serve(
    case_dir: Path = typer.Argument(..., help="The case folder (created on first run)."),
    port: int = typer.Option(8765, "--port", min=1024, max=65535,
                             help="Port on 127.0.0.1 (default 8765)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the app in the browser."),
) -> None:
    """Start the private web app on this computer only (127.0.0.1)."""
    import uvicorn

    from safecase.errors import UserError
    from safecase.web import create_app

    if not _free(port):
        raise UserError(f"port {port} is in use; choose another with --port")
    app = create_app(case_dir, port=port)
    url = f"http://127.0.0.1:{port}/"
    console.print(f"SafeCase is running at {url}")
    console.print("Only this computer can reach it. Press Ctrl+C to stop (the case locks).")
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    # No access log: request lines could show which pages were used, and logs are not
    # a place for anything about the case.
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
                server_header=False, date_header=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)
