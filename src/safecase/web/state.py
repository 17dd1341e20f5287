"""What the running app holds in memory: the one unlocked case, sessions, auto-lock.

One person uses the app at a time. The case is unlocked by one browser session; other
sessions see only the unlock page. Locking (quick exit, auto-lock, the Lock button) drops
the case's key from memory with ``Case.close()`` and forgets every pending upload.
Nothing here is ever written to disk.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safecase.store.case import Case

SESSION_COOKIE = "n"          # neutral name: the cookie says nothing about the app
MAX_SESSIONS = 64
BUSY_WAIT_S = 2.0


class Locked(Exception):
    """The case is locked (or this session did not unlock it)."""


class Busy(Exception):
    """The case is in use by a long job (an import); the page should say so and wait."""


@dataclass
class Session:
    token: str
    csrf: str
    created: float
    flash: list[tuple[str, str]] = field(default_factory=list)   # (kind, one line)
    data: dict[str, Any] = field(default_factory=dict)            # filters, paging, uploads


class AppState:
    """The in-memory state of one ``safecase serve`` launch."""

    def __init__(self, case_dir: Path, autolock_seconds: int | None = None) -> None:
        self.case_dir = case_dir
        self.sessions: dict[str, Session] = {}
        self.case: Case | None = None
        self.owner: str | None = None          # the session token that unlocked the case
        self.last_activity = time.monotonic()
        self.autolock_override = autolock_seconds
        self.autolock_minutes = 10
        self.case_lock = threading.RLock()     # one request (or job) uses the case at a time
        self.job: Any = None                   # the running import, if any
        self.close_pending = False
        self.failed_unlocks = 0
        self._guard = threading.Lock()

    # ----- sessions ------------------------------------------------------------------

    def new_session(self) -> Session:
        with self._guard:
            if len(self.sessions) >= MAX_SESSIONS:
                oldest = min(self.sessions.values(), key=lambda s: s.created)
                self.sessions.pop(oldest.token, None)
            s = Session(token=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32),
                        created=time.monotonic())
            self.sessions[s.token] = s
            return s

    def session(self, token: str | None) -> Session | None:
        if not token:
            return None
        for known, s in list(self.sessions.items()):
            if hmac.compare_digest(known, token):
                return s
        return None

    # ----- unlocking and locking -----------------------------------------------------

    @property
    def exists(self) -> bool:
        return (self.case_dir / "case.json").exists()

    def unlocked_for(self, session: Session | None) -> bool:
        return (self.case is not None and session is not None and self.owner is not None
                and hmac.compare_digest(self.owner, session.token))

    def adopt(self, case: Case, session: Session) -> None:
        """Takes an opened case as this launch's unlocked case, owned by ``session``."""
        with self.case_lock:
            if self.case is not None and self.case is not case:
                self.case.close()
            self.case = case
            self.owner = session.token
            self.close_pending = False
            self.read_autolock(case)
            self.touch()

    def lock(self) -> None:
        """Drops the key. Safe to call from any thread, at any time, more than once.

        A running import is asked to stop (it rolls back); the case closes when it has."""
        self.owner = None
        job = self.job
        if job is not None:
            job.cancel()
        for s in list(self.sessions.values()):
            for upload in s.data.get("uploads", []):
                upload.close()
            s.data.clear()     # pending uploads (plaintext in memory), filters, paging
        from safecase.web import summaries
        summaries.forget()
        # A job (an import, the overview's analysis) may hold the case for a while: then
        # it is closed by whoever releases it last (see ``using_case``). Either way no
        # session can use it from this moment, because the owner is gone.
        self.close_pending = True
        if self.case_lock.acquire(timeout=5):
            try:
                self._close_if_pending()
            finally:
                self.case_lock.release()

    def _close_if_pending(self) -> None:
        if self.close_pending and self.owner is None:
            if self.case is not None:
                self.case.close()
                self.case = None
            self.close_pending = False

    # ----- auto-lock -----------------------------------------------------------------

    def autolock_seconds(self) -> int:
        if self.autolock_override:
            return self.autolock_override
        return self.autolock_minutes * 60

    def read_autolock(self, case: Case) -> None:
        """Caches the case's auto-lock setting (read under the case lock, not per request)."""
        try:
            self.autolock_minutes = int(case.settings["autolock_minutes"])
        except (KeyError, ValueError):
            self.autolock_minutes = 10

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def idle_too_long(self) -> bool:
        return time.monotonic() - self.last_activity > self.autolock_seconds()

    def check_autolock(self) -> bool:
        """Locks if idle for too long; True when it locked."""
        if self.case is not None and self.job is None and self.idle_too_long():
            self.lock()
            return True
        return False

    # ----- using the case ------------------------------------------------------------

    @contextmanager
    def using_case(self, session: Session | None) -> Iterator[Case]:
        """The unlocked case for one request; raises Locked or Busy."""
        if not self.unlocked_for(session):
            raise Locked()
        if not self.case_lock.acquire(timeout=BUSY_WAIT_S):
            raise Busy()
        try:
            case = self.case
            if case is None or not self.unlocked_for(session):
                raise Locked()
            self.touch()
            yield case
        finally:
            try:
                self._close_if_pending()
            finally:
                self.case_lock.release()
