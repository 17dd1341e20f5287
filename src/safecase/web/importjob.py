"""Uploaded exports waiting to be imported, and the background job that imports them.

The job runs ``Case.import_path`` (the same core call as ``safecase import``) for each
upload, one transaction per file, holding the case for as long as it runs. Locking the
app (quick exit, auto-lock) cancels it: the progress callback raises, the import rolls
back and removes its blobs, and nothing of the file stays in the case.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from safecase.errors import SafecaseError
from safecase.importers.registry import detect
from safecase.web.state import AppState
from safecase.web.uploads import MemoryFile


class Cancelled(Exception):
    """The app was locked while importing."""


@dataclass
class PendingUpload:
    file: MemoryFile
    importer: str | None = None
    title: str = ""
    error: str | None = None

    @classmethod
    def detect(cls, file: MemoryFile) -> PendingUpload:
        up = cls(file)
        try:
            importer = detect(file.path())
            up.importer, up.title = importer.name, importer.title or importer.name
        except SafecaseError as err:
            up.error = _plain(err.message, file)
        return up

    def close(self) -> None:
        self.file.close()


def _plain(message: str, file: MemoryFile) -> str:
    """The core names the path it read; here that is the in-memory link, so name the
    uploaded file instead."""
    if file._link is not None:
        message = message.replace(str(file._link), file.name)
    return message


@dataclass
class ImportJob:
    uploads: list[PendingUpload]
    state: str = "running"            # running, done, cancelled
    current: str = ""
    events_read: int = 0
    files_done: int = 0
    summaries: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    analysing: bool = False
    analysis: dict[str, Any] | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, n: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.events_read = n

    def analyze(self, st: AppState, owner: Any) -> None:
        """Runs the signal detectors over the case, as ``safecase analyze`` does, so that the
        new messages can be reviewed."""
        try:
            from safecase.analysis.run import analyze
        except ImportError:
            return
        self.current, self.events_read, self.analysing = "", 0, True
        try:
            with st.using_case(owner) as case:
                self.analysis = analyze(case, progress=self.progress)
        except SafecaseError as err:
            self.errors.append(f"Checking for flags did not finish: {err.message}")

    def line(self) -> str:
        if self.state == "running" and self.analysing:
            return f"Checking messages for flags: {self.events_read} read."
        if self.state == "running":
            return (f"Importing {self.current}: {self.events_read} items read "
                    f"(file {self.files_done + 1} of {len(self.uploads)}).")
        if self.state == "cancelled":
            return "The import was stopped because the case was locked; nothing was kept."
        return f"Finished: {self.files_done} of {len(self.uploads)} files imported."

    def status(self) -> dict[str, Any]:
        return {"state": self.state, "line": self.line(), "done": self.files_done,
                "total": len(self.uploads)}

    def run(self, st: AppState, owner: Any) -> None:
        try:
            for up in self.uploads:
                self.current, self.events_read = up.file.name, 0
                try:
                    with st.using_case(owner) as case:
                        summary = case.import_path(up.file.path(), fmt=up.importer,
                                                   progress=self.progress)
                    d = summary.to_dict()
                    d["name"], d["title"] = up.file.name, summary.importer_title
                    self.summaries.append(d)
                except SafecaseError as err:
                    self.errors.append(_plain(err.message, up.file))
                finally:
                    up.close()
                self.files_done += 1
            if self.summaries:
                self.analyze(st, owner)
            self.state = "done"
        except Cancelled:
            self.state = "cancelled"
        except Exception:
            # Locked mid-way (Locked/Busy) or closed under us: keep nothing, say so.
            self.state = "cancelled"
        finally:
            for up in self.uploads:
                up.close()
            st.job = None
            st.touch()


def start(st: AppState, owner: Any, uploads: list[PendingUpload]) -> ImportJob:
    job = ImportJob(uploads)
    st.job = job
    threading.Thread(target=job.run, args=(st, owner), name="safecase-import",
                     daemon=True).start()
    return job
