"""Stalkerware indicators in the Echap ``ioc.yaml`` format, and their local cache.

The list (github.com/AssoEchap/stalkerware-indicators, CC-BY 4.0, "Stalkerware
indicators by Echap") is a YAML list of apps::

    - name: TheTruthSpy
      names: [Copy9, ...]              # aliases
      type: stalkerware
      packages: [com.apspy.app, ...]   # Android package names
      certificates: [31A6ECEC...]      # SHA-1 of the signing certificate, 40 hex
      websites: [...]
      c2: {ips: [...], domains: [...]} # two entries write "ip:" instead of "ips:"

``watchware.yaml`` has the same shape for apps that monitor openly (child-monitoring);
some entries carry ``ios_bundles``.

Matching keeps every row: a package or certificate that appears under two families maps
to both, package names keep their case (Android's are case-sensitive, and the list holds
names such as ``app.EasyLogger``), and nothing is filtered by what a package name
"should" look like. A clinic tool that drops rows through such a filter misses apps.

``update()`` is the only network use in SafeCase: it downloads the two files from the
upstream repository, checks that they parse, and caches them with date and hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from safecase.errors import BadInput, UserError

UPSTREAM = "https://raw.githubusercontent.com/AssoEchap/stalkerware-indicators/master/"
FILES = ("ioc.yaml", "watchware.yaml")
ATTRIBUTION = "Stalkerware indicators by Echap (echap.eu.org), CC-BY 4.0"
MAX_LIST_BYTES = 32 * 1024 * 1024


@dataclass(slots=True)
class Family:
    """One app (or family of rebrands) in the list."""

    name: str
    kind: str                         # "stalkerware" or "watchware"
    aliases: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)   # upper-case hex SHA-1
    websites: list[str] = field(default_factory=list)
    c2_domains: list[str] = field(default_factory=list)
    c2_ips: list[str] = field(default_factory=list)
    ios_bundles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "aliases": self.aliases,
                "websites": self.websites, "c2_domains": self.c2_domains,
                "c2_ips": self.c2_ips}


@dataclass(slots=True)
class Indicators:
    families: list[Family] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)   # file, sha256, date
    by_package: dict[str, list[Family]] = field(default_factory=dict)
    by_package_folded: dict[str, list[Family]] = field(default_factory=dict)
    by_cert: dict[str, list[Family]] = field(default_factory=dict)
    by_ios_bundle: dict[str, list[Family]] = field(default_factory=dict)

    def index(self) -> None:
        for fam in self.families:
            for p in fam.packages:
                _add(self.by_package, p, fam)
                _add(self.by_package_folded, p.casefold(), fam)
            for c in fam.certificates:
                _add(self.by_cert, c, fam)
            for b in fam.ios_bundles:
                _add(self.by_ios_bundle, b, fam)

    def match_package(self, name: str) -> tuple[list[Family], bool]:
        """Families listing this package, and whether the match is exact (same case)."""
        exact = self.by_package.get(name)
        if exact:
            return exact, True
        return self.by_package_folded.get(name.casefold(), []), False

    def match_cert(self, sha1: str) -> list[Family]:
        return self.by_cert.get(sha1.strip().upper().replace(":", ""), [])

    def counts(self) -> dict[str, int]:
        stalker = [f for f in self.families if f.kind == "stalkerware"]
        return {
            "stalkerware_apps": len(stalker),
            "watchware_apps": len(self.families) - len(stalker),
            "packages": len(self.by_package),
            "certificates": len(self.by_cert),
            "c2_domains": len({d for f in self.families for d in f.c2_domains}),
        }

    def describe(self) -> dict[str, Any]:
        return {"sources": self.sources, "counts": self.counts(), "attribution": ATTRIBUTION}


def _add(index: dict[str, list[Family]], key: str, fam: Family) -> None:
    bucket = index.setdefault(key, [])
    if fam not in bucket:
        bucket.append(fam)


def _strings(value: Any) -> list[str]:
    """A YAML list of strings; numbers YAML read as ints are turned back into text."""
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    out = []
    for v in value:
        if isinstance(v, bool) or v is None:
            continue
        s = str(v).strip()
        if s and s not in out:
            out.append(s)
    return out


def parse_families(text: str, origin: str, default_kind: str) -> list[Family]:
    try:
        # The C loader when PyYAML has it: the full list loads in a few milliseconds.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.YAMLError as err:
        raise BadInput(origin, f"is not valid YAML ({str(err).splitlines()[0]})") from None
    if not isinstance(data, list):
        raise BadInput(origin, "is not an indicator list (expected a YAML list of apps)")
    families = []
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise BadInput(origin, f"entry {i} has no 'name'; this is not the Echap format")
        c2_raw = entry.get("c2")
        c2: dict[str, Any] = c2_raw if isinstance(c2_raw, dict) else {}
        certs = []
        for c in _strings(entry.get("certificates")):
            c = c.upper().replace(":", "")
            if c not in certs:
                certs.append(c)
        families.append(Family(
            name=str(entry["name"]),
            kind=str(entry.get("type") or default_kind),
            aliases=_strings(entry.get("names")),
            packages=_strings(entry.get("packages")),
            certificates=certs,
            websites=_strings(entry.get("websites")),
            c2_domains=_strings(c2.get("domains")),
            c2_ips=_strings(c2.get("ips")) + _strings(c2.get("ip")),
            ios_bundles=_strings(entry.get("ios_bundles")),
        ))
    return families


def load_files(ioc: Path, watchware: Path | None = None) -> Indicators:
    """Load ``ioc.yaml`` (and ``watchware.yaml`` when given or lying beside it)."""
    ind = Indicators()
    if watchware is None and (ioc.parent / "watchware.yaml").is_file() \
            and ioc.name != "watchware.yaml":
        watchware = ioc.parent / "watchware.yaml"
    for path, kind in ((ioc, "stalkerware"), (watchware, "watchware")):
        if path is None:
            continue
        if not path.is_file():
            raise BadInput(path, "does not exist")
        data = path.read_bytes()
        if len(data) > MAX_LIST_BYTES:
            raise BadInput(path, "is far larger than an indicator list")
        ind.families.extend(parse_families(data.decode("utf-8", errors="replace"),
                                           str(path), kind))
        ind.sources.append({"file": str(path), "sha256": hashlib.sha256(data).hexdigest(),
                            "date": _cached_date(path)})
    ind.index()
    return ind


def _cached_date(path: Path) -> str:
    meta = path.parent / "meta.json"
    if meta.is_file():
        try:
            info = json.loads(meta.read_text())
            return str(info.get("fetched_at", ""))
        except (ValueError, OSError):
            return ""
    return datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def data_dir() -> Path:
    """SafeCase's per-user data folder (``SAFECASE_DATA_DIR`` overrides it)."""
    env = os.environ.get("SAFECASE_DATA_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "safecase"


def cache_dir() -> Path:
    return data_dir() / "indicators"


def cached() -> Indicators | None:
    """The cached list, or None when ``safecase indicators update`` was never run."""
    ioc = cache_dir() / "ioc.yaml"
    return load_files(ioc) if ioc.is_file() else None


def update(base_url: str = UPSTREAM, timeout: float = 30) -> dict[str, Any]:
    """Download the list (the only network use in SafeCase), check it, cache it.

    Nothing in the cache changes unless both files downloaded and parsed.
    """
    fetched: dict[str, bytes] = {}
    for name in FILES:
        url = base_url.rstrip("/") + "/" + name
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310
                data = resp.read(MAX_LIST_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as err:
            raise UserError(f"could not download {url}: {getattr(err, 'reason', err)}") from None
        if len(data) > MAX_LIST_BYTES:
            raise UserError(f"{url} is far larger than an indicator list; not used")
        kind = "watchware" if name == "watchware.yaml" else "stalkerware"
        families = parse_families(data.decode("utf-8", errors="replace"), url, kind)
        if not families:
            raise UserError(f"{url} holds no apps; the cached list was kept")
        fetched[name] = data
    target = cache_dir()
    target.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {
        "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "base_url": base_url, "attribution": ATTRIBUTION, "files": {}}
    for name, data in fetched.items():
        tmp = target / (name + ".new")
        tmp.write_bytes(data)
        tmp.replace(target / name)
        meta["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    (target / "meta.json").write_text(json.dumps(meta, indent=2))
    ind = load_files(target / "ioc.yaml")
    meta["counts"] = ind.counts()
    return meta


def resolve(path: Path | None) -> Indicators | None:
    """``--indicators FILE`` when given, else the cache, else None (heuristics only)."""
    if path is not None:
        return load_files(Path(path))
    return cached()
