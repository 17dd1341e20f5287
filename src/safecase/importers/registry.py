"""Finds importers and picks one for a path by sniffing.

Every module in this package that defines an ``Importer`` subclass is registered, so a
new format is one new module and nothing else to edit.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from safecase.errors import UnknownFormat, UserError
from safecase.importers.base import Importer

_SKIP = {"base", "registry", "util"}
_registry: dict[str, type[Importer]] | None = None


def _all_subclasses(cls: type[Importer]) -> list[type[Importer]]:
    out: list[type[Importer]] = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_all_subclasses(sub))
    return out


def importers() -> dict[str, type[Importer]]:
    """All importers by name."""
    global _registry
    if _registry is None:
        import safecase.importers as pkg

        for info in pkgutil.iter_modules(pkg.__path__):
            if info.name not in _SKIP and not info.name.startswith("_"):
                importlib.import_module(f"safecase.importers.{info.name}")
        _registry = {
            c.name: c for c in _all_subclasses(Importer)  # type: ignore[type-abstract]
            if getattr(c, "name", None)
        }
    return _registry


def read_head(path: Path, size: int = 65536) -> bytes:
    if path.is_dir():
        return b""
    with path.open("rb") as fh:
        return fh.read(size)


def detect(path: Path, fmt: str | None = None) -> type[Importer]:
    """The importer for ``path``: the one named by ``fmt``, or the most confident sniff."""
    regs = importers()
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    if fmt:
        if fmt not in regs:
            known = ", ".join(sorted(regs))
            raise UserError(f"unknown format {fmt!r}; known formats: {known}")
        return regs[fmt]
    if path.is_file() and path.stat().st_size == 0:
        raise UnknownFormat(f"{path}: the file is empty")
    try:
        head = read_head(path)
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    best, best_score = None, 0.0
    for cls in regs.values():
        try:
            score = cls.sniff(path, head)
        except Exception:  # a sniffer must never break detection of the others
            score = 0.0
        if score > best_score:
            best, best_score = cls, score
    if best is None or best_score < 0.3:
        raise UnknownFormat(
            f"{path}: not a format SafeCase knows (see `safecase formats`; "
            "--format NAME forces one)"
        )
    return best
