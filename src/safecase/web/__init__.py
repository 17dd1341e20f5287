"""The local web app: a thin, safety-first shell over the same core API as the CLI.

``create_app(case_dir)`` builds the FastAPI app; ``safecase serve`` runs it on 127.0.0.1.
The security model is written up in docs/web-app.md.
"""

from safecase.web.app import create_app

__all__ = ["create_app"]
