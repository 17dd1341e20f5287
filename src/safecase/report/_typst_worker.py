"""Compiles one typst source to PDF in a fresh child process.

Typst memoises what it lays out for the life of the process, so a long report compiled in
one process keeps every chunk's layout in memory; each chunk gets its own short-lived
process instead. The child never needs the network and refuses it outright.
"""

from __future__ import annotations

import socket


def _no_network(*_args: object, **_kwargs: object) -> None:
    raise OSError("SafeCase builds reports offline; network use refused")


def compile_pdf(source: bytes, standards: list[str], system_fonts: bool) -> tuple[bytes, str]:
    """(PDF bytes, "") or (b"", the typst error message)."""
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]
    import typst

    try:
        pdf = typst.compile(source, format="pdf", ignore_system_fonts=not system_fonts,
                            pdf_standards=standards)  # type: ignore[call-overload]
    except typst.TypstError as err:
        return b"", str(getattr(err, "message", err))
    return bytes(pdf), ""


def main() -> None:
    """Reads ``STANDARDS\\nSYSTEM_FONTS\\n`` and the source from stdin; writes ``OK\\n`` and
    the PDF, or ``ERR\\n`` and the message, to stdout."""
    import sys

    data = sys.stdin.buffer.read()
    standards, fonts, source = data.split(b"\n", 2)
    pdf, err = compile_pdf(source, standards.decode().split(",") if standards else [],
                           fonts == b"1")
    out = sys.stdout.buffer
    out.write(b"OK\n" + pdf if pdf else b"ERR\n" + err.encode("utf-8", "replace"))
    out.flush()


if __name__ == "__main__":
    main()
