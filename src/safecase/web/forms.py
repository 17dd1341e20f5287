"""Reading POSTed forms without ever spooling plaintext to disk.

Starlette's ``request.form()`` puts every uploaded file in a ``SpooledTemporaryFile`` that
moves to the system temp folder once it passes 1 MiB (``MultiPartParser.spool_max_size``),
and it sets no limit on a file's size. A file someone uploads into SafeCase is case content,
so it must never land on disk in the clear. This module parses the request stream itself
with python-multipart's push parser and writes file parts into anonymous memory
(``memfd``, see ``uploads.MemoryFile``), with limits on the size of every field, of every
file and of the whole body. Every form route uses ``read_form``; no route declares FastAPI
``Form``/``File`` parameters (those call ``request.form()``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import python_multipart
from python_multipart.multipart import parse_options_header
from starlette.requests import Request

from safecase.web.uploads import MemoryFile

MAX_FIELD = 64 * 1024            # one text field
MAX_FIELDS = 200
MAX_FORM = 1024 * 1024           # a form without files


class FormTooLarge(Exception):
    """The body, a field or a file is over its limit (HTTP 413)."""


class BadForm(Exception):
    """Not a form we can read (HTTP 400)."""


@dataclass
class Form:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[tuple[str, MemoryFile]] = field(default_factory=list)   # (field name, file)

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[0] if values else default

    def getlist(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))

    def files_for(self, name: str) -> list[MemoryFile]:
        return [f for n, f in self.files if n == name and f.size > 0]

    def close(self) -> None:
        for _, f in self.files:
            f.close()


class _Multipart:
    def __init__(self, form: Form, allow_files: bool, max_file: int, max_total_files: int):
        self.form, self.allow_files = form, allow_files
        self.max_file, self.max_total_files = max_file, max_total_files
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.content_type = b""
        self.name = ""
        self.buf = bytearray()
        self.file: MemoryFile | None = None
        self.file_bytes = 0
        self.n_fields = 0

    def on_part_begin(self) -> None:
        self.disposition, self.content_type = b"", b""
        self.buf = bytearray()
        self.file = None

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]
        if len(self.header_value) > MAX_FIELD:
            raise FormTooLarge()

    def on_header_end(self) -> None:
        name = self.header_name.lower()
        if name == b"content-disposition":
            self.disposition = self.header_value
        elif name == b"content-type":
            self.content_type = self.header_value
        self.header_name, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        if b"name" not in options:
            raise BadForm()
        self.name = options[b"name"].decode("utf-8", "replace")
        self.n_fields += 1
        if self.n_fields > MAX_FIELDS:
            raise FormTooLarge()
        if b"filename" in options:
            if not self.allow_files:
                raise BadForm()
            filename = options[b"filename"].decode("utf-8", "replace")
            # Browsers send only the base name; strip any folder part someone else sends.
            filename = filename.replace("\\", "/").rsplit("/", 1)[-1] or "upload"
            self.file = MemoryFile(filename, self.content_type.decode("latin-1") or None,
                                   self.max_file)
            self.form.files.append((self.name, self.file))

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.file is not None:
            self.file_bytes += len(chunk)
            if self.file_bytes > self.max_total_files:
                raise FormTooLarge()
            self.file.write(chunk)        # raises FormTooLarge past the per-file limit
        else:
            if len(self.buf) + len(chunk) > MAX_FIELD:
                raise FormTooLarge()
            self.buf.extend(chunk)

    def on_part_end(self) -> None:
        if self.file is None:
            self.form.fields.setdefault(self.name, []).append(
                bytes(self.buf).decode("utf-8", "replace"))
        else:
            self.file.finish()


async def read_form(request: Request, *, allow_files: bool = False,
                    max_file: int = 0, max_total: int = MAX_FORM) -> Form:
    """The POSTed form. Files go to anonymous memory, never to a temp file."""
    ctype = request.headers.get("content-type", "")
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > max_total:
                raise FormTooLarge()
        except ValueError:
            raise BadForm() from None
    form = Form()
    kind, params = parse_options_header(ctype)
    received = 0
    if kind == b"application/x-www-form-urlencoded" or (kind == b"" and not allow_files):
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > min(max_total, MAX_FORM):
                raise FormTooLarge()
        for k, v in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True,
                              max_num_fields=MAX_FIELDS):
            form.fields.setdefault(k, []).append(v)
        return form
    if kind != b"multipart/form-data" or b"boundary" not in params:
        raise BadForm()
    handler = _Multipart(form, allow_files, max_file, max_total)
    callbacks: Any = {name: getattr(handler, name) for name in (
        "on_part_begin", "on_header_field", "on_header_value", "on_header_end",
        "on_headers_finished", "on_part_data", "on_part_end")}
    parser = python_multipart.MultipartParser(params[b"boundary"], callbacks)
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > max_total:
                raise FormTooLarge()
            parser.write(chunk)
        parser.finalize()
    except (FormTooLarge, BadForm):
        form.close()
        raise
    except Exception:
        # python-multipart raises its own errors for malformed bodies.
        form.close()
        raise BadForm() from None
    return form
