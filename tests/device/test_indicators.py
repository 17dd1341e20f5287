"""The indicator list: loading the Echap format, matching every row, update and cache."""

from __future__ import annotations

import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from safecase.device import indicators as ioc
from safecase.device import scan
from safecase.device.acquisition import load_path
from safecase.errors import BadInput, UserError
from tests.device import builders
from tests.device.conftest import ECHAP, SMALL_IOC


def test_small_list_loads_with_every_quirk(small_indicators):
    ind = small_indicators
    c = ind.counts()
    assert c == {"stalkerware_apps": 3, "watchware_apps": 1, "packages": 4,
                 "certificates": 2, "c2_domains": 1}
    # a package listed by two families maps to both
    fams, exact = ind.match_package("com.demospy.app")
    assert exact and [f.name for f in fams] == ["DemoSpy", "SharedPackageSpy"]
    # "ip:" instead of "ips:" is read too
    logger = next(f for f in ind.families if f.name == "CaseLogger")
    assert logger.c2_ips == ["192.0.2.20"]
    # package names keep their case; a case-only difference still matches, marked
    assert ind.match_package("app.CaseLoggerDemo")[1] is True
    fams, exact = ind.match_package("app.caseloggerdemo")
    assert [f.name for f in fams] == ["CaseLogger"] and exact is False
    # certificates match whatever the case or colons
    assert ind.match_cert("01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67")
    assert ind.sources[0]["sha256"] and len(ind.sources) == 2   # watchware.yaml beside it


def test_bad_lists(tmp_path):
    p = tmp_path / "ioc.yaml"
    p.write_text("- name: [unclosed\n")
    with pytest.raises(BadInput, match="not valid YAML"):
        ioc.load_files(p)
    p.write_text("name: not a list\n")
    with pytest.raises(BadInput, match="not an indicator list"):
        ioc.load_files(p)
    p.write_text("- packages: [a.b]\n")
    with pytest.raises(BadInput, match="has no 'name'"):
        ioc.load_files(p)
    with pytest.raises(BadInput, match="does not exist"):
        ioc.load_files(tmp_path / "missing.yaml")


def _plant(tmp_path: Path, ioc_path: Path) -> tuple[Path, list[str], list[str]]:
    """An androidqf acquisition holding every listed package, and one app per listed
    certificate (under an innocent name), written the way androidqf writes packages.json."""
    data = yaml.safe_load(ioc_path.read_text())
    packages = sorted({str(p) for e in data for p in (e.get("packages") or [])})
    certs = sorted({str(c).upper() for e in data for c in (e.get("certificates") or [])})
    folder = builders.androidqf_folder("stalkerware", tmp_path / "planted")
    rows = [{"name": p, "files": [], "installer": "null", "uid": 10300 + i,
             "disabled": False, "system": False, "third_party": True}
            for i, p in enumerate(packages)]
    rows += [{"name": f"org.example.planted{i}", "installer": "com.android.vending",
              "uid": 12000 + i, "disabled": False, "system": False, "third_party": True,
              "files": [{"path": f"/data/app/org.example.planted{i}/base.apk",
                         "certificate": {"Md5": "", "Sha1": c, "Sha256": ""}}]}
             for i, c in enumerate(certs)]
    (folder / "packages.json").write_text(json.dumps(rows, indent=1))
    return folder, packages, certs


@pytest.mark.skipif(not (ECHAP / "ioc.yaml").is_file(),
                    reason=f"the Echap indicator list is not in {ECHAP} "
                           "(set SAFECASE_ECHAP_DIR to its folder to run this test)")
def test_every_listed_package_and_certificate_is_found(tmp_path):
    """A clinic tool drops rows through a filter bug; every row must be found here."""
    ind = ioc.load_files(ECHAP / "ioc.yaml", ECHAP / "watchware.yaml")
    folder, packages, certs = _plant(tmp_path, ECHAP / "ioc.yaml")
    result = scan(load_path(folder), ind)
    by_pkg = {f.package: f for f in result.findings
              if f.id in ("known-stalkerware", "watchware")}
    missing = [p for p in packages if p not in by_pkg
               or "package name" not in by_pkg[p].details["matched_by"]]
    assert missing == []
    assert all(by_pkg[p].id == "known-stalkerware" for p in packages
               if all(f.kind == "stalkerware" for f in ind.match_package(p)[0]))
    found_certs = {c for f in by_pkg.values() for c in f.details["certificates"]}
    assert [c for c in certs if c not in found_certs] == []
    assert len(packages) >= 600 and len(certs) >= 470   # the list as of 2026


def test_every_small_list_row_is_found(tmp_path, small_indicators):
    folder, packages, certs = _plant(tmp_path, SMALL_IOC)
    result = scan(load_path(folder), small_indicators)
    hit = {f.package for f in result.findings if f.id == "known-stalkerware"}
    assert set(packages) <= hit
    assert {c for f in result.findings if f.id == "known-stalkerware"
            for c in f.details["certificates"]} == set(certs)


@pytest.fixture
def local_server(tmp_path):
    """The two files served over http on 127.0.0.1 (never the real upstream)."""
    root = tmp_path / "www"
    root.mkdir()
    for name in ("ioc.yaml", "watchware.yaml"):
        shutil.copy(SMALL_IOC.parent / name, root / name)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *a):  # keep test output clean
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/", root
    srv.shutdown()
    srv.server_close()


def test_update_downloads_checks_and_caches(local_server):
    url, _root = local_server
    assert ioc.cached() is None
    meta = ioc.update(url)
    assert meta["counts"]["packages"] == 4
    assert set(meta["files"]) == {"ioc.yaml", "watchware.yaml"}
    cached = ioc.cached()
    assert cached is not None and cached.sources[0]["date"] == meta["fetched_at"]
    assert json.loads((ioc.cache_dir() / "meta.json").read_text())["base_url"] == url


def test_update_keeps_the_old_list_when_the_new_one_is_broken(local_server):
    url, root = local_server
    ioc.update(url)
    before = (ioc.cache_dir() / "ioc.yaml").read_bytes()
    (root / "ioc.yaml").write_text("<html>rate limited</html>\n")
    with pytest.raises(BadInput):
        ioc.update(url)
    assert (ioc.cache_dir() / "ioc.yaml").read_bytes() == before
    (root / "watchware.yaml").unlink()
    (root / "ioc.yaml").write_bytes(before)
    with pytest.raises(UserError, match="could not download"):
        ioc.update(url)


def test_update_from_a_local_file_url(tmp_path):
    meta = ioc.update(SMALL_IOC.parent.as_uri() + "/")
    assert meta["counts"]["stalkerware_apps"] == 3
