"""Signing certificates from APK bytes, and ``--pull-apks`` over the fake adb.

The APKs are built here: a zip with ``META-INF/CERT.RSA`` (PKCS#7 from a certificate made
on the spot) for v1, and a zip with a hand-built APK Signing Block for v2/v3.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import struct
import warnings
import zipfile
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.device import scan
from safecase.device.acquisition.adb import APK_RECORD, acquire
from safecase.device.indicators import load_files
from safecase.device.parsers.apk import (
    SIG_BLOCK_MAGIC,
    V2_ID,
    V3_ID,
    V31_ID,
    apk_certificates,
    parse_apk_record,
)
from safecase.errors import BadInput, SafecaseError
from tests.device.conftest import SMALL_IOC
from tests.device.expected import CLEAN, triples


def make_cert(cn: str, key) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1234)
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=9000))
            .sign(key, hashes.SHA256()))


@pytest.fixture(scope="module")
def rsa_signer():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return make_cert("Demo Spy Ltd", key), key


@pytest.fixture(scope="module")
def ec_signer():
    key = ec.generate_private_key(ec.SECP256R1())
    return make_cert("Listed Signer", key), key


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)


def sha1(cert: x509.Certificate) -> str:
    return hashlib.sha1(der(cert)).hexdigest().upper()


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("AndroidManifest.xml", b"\x03\x00\x08\x00" + b"\x00" * 60)
        zf.writestr("classes.dex", b"dex\n035\x00" + bytes(range(256)) * 4)
    return buf.getvalue()


def v1_apk(cert, key, member: str = "META-INF/CERT.RSA") -> bytes:
    sig = (pkcs7.PKCS7SignatureBuilder().set_data(b"Signature-Version: 1.0\r\n")
           .add_signer(cert, key, hashes.SHA256())
           .sign(Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature]))
    buf = io.BytesIO(plain_zip())
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n")
        zf.writestr("META-INF/CERT.SF", "Signature-Version: 1.0\r\n")
        zf.writestr(member, sig)
    return buf.getvalue()


def lp(b: bytes) -> bytes:
    return struct.pack("<I", len(b)) + b


def signing_block(scheme_id: int, cert_ders: list[bytes]) -> bytes:
    digests = lp(lp(struct.pack("<I", 0x0103) + lp(b"\x11" * 32)))
    signed_data = digests + lp(b"".join(lp(d) for d in cert_ders)) + lp(b"")
    if scheme_id in (V3_ID, V31_ID):
        signed_data += struct.pack("<II", 28, 0x7FFFFFFF)
    signer = lp(signed_data) + lp(lp(struct.pack("<I", 0x0103) + lp(b"\x22" * 64))) + lp(
        b"\x33" * 91)
    value = lp(lp(signer))
    pairs = struct.pack("<QI", len(value) + 4, scheme_id) + value
    # An unrelated pair (the padding id) must be stepped over.
    pairs += struct.pack("<QI", 4 + 8, 0x42726577) + b"\x00" * 8
    size = len(pairs) + 8 + 16
    return struct.pack("<Q", size) + pairs + struct.pack("<Q", size) + SIG_BLOCK_MAGIC


def with_block(zip_bytes: bytes, block: bytes) -> bytes:
    """Insert a signing block before the central directory, as apksigner does."""
    eocd = zip_bytes.rfind(b"PK\x05\x06")
    (cd,) = struct.unpack_from("<I", zip_bytes, eocd + 16)
    end = bytearray(zip_bytes[eocd:])
    struct.pack_into("<I", end, 16, cd + len(block))
    return zip_bytes[:cd] + block + zip_bytes[cd:eocd] + bytes(end)


def test_v1_certificate(rsa_signer):
    cert, key = rsa_signer
    [info] = apk_certificates(v1_apk(cert, key))
    assert (info.scheme, info.sha1, info.source) == ("v1", sha1(cert), "META-INF/CERT.RSA")
    assert info.sha256 == hashlib.sha256(der(cert)).hexdigest().upper()
    assert info.subject == "CN=Demo Spy Ltd"


def test_v2_and_v3_signing_block(ec_signer, rsa_signer):
    cert, _ = ec_signer
    other, _ = rsa_signer
    apk = with_block(plain_zip(), signing_block(V2_ID, [der(cert), der(other)]))
    assert zipfile.ZipFile(io.BytesIO(apk)).testzip() is None   # still a valid zip
    assert [(c.scheme, c.sha1) for c in apk_certificates(apk)] == [
        ("v2", sha1(cert)), ("v2", sha1(other))]
    apk3 = with_block(plain_zip(), signing_block(V3_ID, [der(cert)]))
    assert [(c.scheme, c.sha1) for c in apk_certificates(apk3)] == [("v3", sha1(cert))]
    apk31 = with_block(plain_zip(), signing_block(V31_ID, [der(other)]))
    assert [(c.scheme, c.sha1) for c in apk_certificates(apk31)] == [("v3.1", sha1(other))]


def test_v1_and_v2_together(rsa_signer):
    cert, key = rsa_signer
    apk = with_block(v1_apk(cert, key), signing_block(V2_ID, [der(cert)]))
    assert [(c.scheme, c.sha1) for c in apk_certificates(apk)] == [
        ("v1", sha1(cert)), ("v2", sha1(cert))]


def test_unsigned_apk_has_no_certificates():
    assert apk_certificates(plain_zip()) == []


def test_damaged_apks_raise_bad_input_only(ec_signer, rsa_signer):
    cert, key = rsa_signer
    with pytest.raises(BadInput, match="not a readable APK"):
        apk_certificates(b"this is not a zip at all", "x.apk")
    buf = io.BytesIO(plain_zip())
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("META-INF/CERT.RSA", b"0\x82garbage")
    with pytest.raises(BadInput, match="CERT.RSA is not a readable PKCS#7"):
        apk_certificates(buf.getvalue(), "x.apk")
    block = bytearray(signing_block(V2_ID, [der(ec_signer[0])]))
    struct.pack_into("<I", block, 8 + 12, 0xFFFFFF)     # the signer list claims too much
    with pytest.raises(BadInput, match="damaged APK signature"):
        apk_certificates(with_block(plain_zip(), bytes(block)), "x.apk")
    # Cut or flip anywhere: only SafeCase errors (or a clean answer) come out.
    apk = with_block(v1_apk(cert, key), signing_block(V3_ID, [der(ec_signer[0])]))
    for cut in range(0, len(apk), 211):
        for data in (apk[:cut], apk[:cut] + bytes([apk[cut] ^ 0xFF]) + apk[cut + 1:]):
            try:
                apk_certificates(data, "x.apk")
            except SafecaseError:
                pass


@pytest.fixture
def phone_apks(tmp_path, monkeypatch, rsa_signer, ec_signer):
    """The clean phone's third-party apps: one v1 (unlisted signer), one v2 signed by a
    listed certificate, one damaged APK, one that pm path does not know."""
    folder = tmp_path / "apks"
    folder.mkdir()
    cert, key = rsa_signer
    (folder / "com.whatsapp.apk").write_bytes(v1_apk(cert, key))
    listed, _ = ec_signer
    (folder / "org.thoughtcrime.securesms.apk").write_bytes(
        with_block(plain_zip(), signing_block(V2_ID, [der(listed)])))
    (folder / "com.instagram.android.apk").write_bytes(b"PK\x03\x04 truncated download")
    monkeypatch.setenv("FAKE_ADB_APKS", str(folder))
    ioc = tmp_path / "ioc.yaml"
    ioc.write_text(SMALL_IOC.read_text() + "\n- name: CertSpy\n  type: stalkerware\n"
                   "  packages:\n  - com.certspy.agent\n  certificates:\n"
                   f"  - {sha1(listed)}\n")
    return folder, load_files(ioc), listed


def test_pull_apks_matches_the_listed_certificate(fake_adb, phone_apks):
    log = fake_adb("clean")
    folder, indicators, listed = phone_apks
    acq = acquire("FAKE0001", pull_apks=True)
    result = scan(acq, indicators)
    assert triples(result) == [("high", "known-stalkerware", "org.thoughtcrime.securesms"),
                               *CLEAN]
    [finding] = [f for f in result.findings if f.id == "known-stalkerware"]
    assert finding.details["matched_by"] == ["signing certificate"]
    assert finding.details["certificates"] == [sha1(listed)]
    assert any(e.artefact == APK_RECORD and e.line == 3 for e in finding.evidence)
    assert acq.notes == [
        "com.instagram.android APK: is not a readable APK (zip): "
        "File is not a zip file; its certificate was not checked",
        "uk.co.nationalrail.ukrail: 'pm path' gave no APK path; its certificate was not "
        "checked"]
    # The APKs are not kept: only the record with their digests and sizes.
    record = next(r for r in acq.raws if r.name == APK_RECORD)
    rows = [json.loads(line) for line in record.text().splitlines()]
    assert [r["package"] for r in rows] == ["com.instagram.android", "com.whatsapp",
                                            "org.thoughtcrime.securesms",
                                            "uk.co.nationalrail.ukrail"]
    signal = (folder / "org.thoughtcrime.securesms.apk").read_bytes()
    assert rows[2]["apk_sha256"] == hashlib.sha256(signal).hexdigest()
    assert rows[2]["apk_size"] == len(signal)
    assert rows[2]["certificates"][0]["sha1"] == sha1(listed)
    assert "error" in rows[0] and "skipped" in rows[3]
    for r in acq.raws:
        assert signal not in r.data
    cover = {c.check: c.status for c in result.coverage}
    assert cover["Known stalkerware by signing certificate"] == "partial"
    # Still read-only: the APK reads are pm path, stat and cat, nothing else.
    extra = [line.split(" ", 2)[2] for line in log.read_text().splitlines()
             if " pm path " in line or " stat " in line or " exec-out " in line]
    assert all(c.startswith(("shell pm path ", "shell stat -c %s /data/app/",
                             "exec-out cat /data/app/")) for c in extra)
    assert sum(c.startswith("exec-out cat ") for c in extra) == 3


def test_pm_path_user_0_retry(fake_adb, phone_apks, monkeypatch):
    log = fake_adb("clean")
    monkeypatch.setenv("FAKE_ADB_PM_PATH_USER_0", "1")
    acq = acquire("FAKE0001", pull_apks=True)
    assert triples(scan(acq, phone_apks[1]))[0] == (
        "high", "known-stalkerware", "org.thoughtcrime.securesms")
    assert "shell pm path com.whatsapp --user 0" in log.read_text()


def test_without_pull_apks_no_apk_is_read(fake_adb, phone_apks):
    log = fake_adb("clean")
    acq = acquire("FAKE0001")
    assert APK_RECORD not in {r.name for r in acq.raws}
    assert "exec-out" not in log.read_text()
    assert triples(scan(acq, phone_apks[1])) == CLEAN


def test_oversized_apk_is_skipped_with_a_note(fake_adb, phone_apks, monkeypatch):
    from safecase.device.acquisition import adb

    fake_adb("clean")
    monkeypatch.setattr(adb, "MAX_APK_BYTES", 100)
    acq = acquire("FAKE0001", pull_apks=True)
    assert any("over the 0 MB limit" in n for n in acq.notes)
    assert triples(scan(acq, phone_apks[1])) == CLEAN


def test_cli_pull_apks_needs_adb(run, tmp_path: Path):
    from tests.device.test_cli import env, one_line_error

    one_line_error(run("device", "scan", "--from", tmp_path, "--pull-apks",
                       env=env(tmp_path)), "--pull-apks reads APKs")


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
       st.integers(min_value=0))
def test_mutated_apks_never_crash(ec_signer, edits, cut):
    """Random byte edits and cuts of a v1+v3 APK: a clean answer or a SafeCase error."""
    data = bytearray(with_block(v1_apk(*ec_signer, "META-INF/CERT.EC"),
                                signing_block(V3_ID, [der(ec_signer[0])])))
    for pos, value in edits:
        data[pos % len(data)] = value
    try:
        apk_certificates(bytes(data[: len(data) - cut % 300]), "x.apk")
    except SafecaseError:
        pass


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_apk_record_parser_never_crashes(text):
    try:
        parse_apk_record(text, APK_RECORD)
    except SafecaseError:
        pass


def test_zip_version_zipfile_refuses_is_bad_input():
    apk = bytearray(plain_zip())
    cd = apk.find(b"PK\x01\x02")
    struct.pack_into("<H", apk, cd + 6, 152)        # "needs zip version 15.2"
    with pytest.raises(BadInput, match="is not a readable APK"):
        apk_certificates(bytes(apk), "x.apk")


def test_mutated_signature_blocks_give_bad_input_only(ec_signer):
    """cryptography raises UnsupportedAlgorithm / InvalidVersion (not ValueError) for some
    damaged PKCS#7, and warns for others: neither may reach the person."""
    cert, key = ec_signer
    sig = (pkcs7.PKCS7SignatureBuilder().set_data(b"a").add_signer(cert, key, hashes.SHA256())
           .sign(Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature]))
    rnd = random.Random(5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(600):
            d = bytearray(sig)
            for _ in range(rnd.randint(1, 4)):
                d[rnd.randrange(len(d))] = rnd.randrange(256)
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as zf:
                zf.writestr("META-INF/CERT.EC", bytes(d))
            try:
                apk_certificates(buf.getvalue(), "x.apk")
            except SafecaseError:
                pass


def test_cli_pull_apks_into_case_keeps_digests_not_apks(run, tmp_path, fake_adb, phone_apks,
                                                        case_dir):
    from safecase.store.case import Case
    from tests.conftest import PASSPHRASE
    from tests.device.test_cli import env

    fake_adb("clean")
    folder, _ind, listed = phone_apks
    e = env(tmp_path, FAKE_ADB_APKS=str(folder))
    p = run("device", "scan", "--adb", "FAKE0001", "--pull-apks", "--indicators",
            tmp_path / "ioc.yaml", "--case", case_dir, "--json", env=e)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert [(f["severity"], f["id"], f["package"]) for f in out["findings"]][0] == (
        "high", "known-stalkerware", "org.thoughtcrime.securesms")
    stored = out["stored"]
    names = [r["name"] for r in stored["raw_exhibits"]]
    assert APK_RECORD in names and len(names) == 15
    apks = [f.read_bytes() for f in folder.iterdir()]
    with Case.open(case_dir, PASSPHRASE) as case:
        for r in stored["raw_exhibits"]:
            data = case.read_exhibit(r["exhibit"])
            assert not any(apk in data for apk in apks)
        record = case.read_exhibit(next(r["exhibit"] for r in stored["raw_exhibits"]
                                        if r["name"] == APK_RECORD))
        assert sha1(listed).encode() in record
    assert run("verify", case_dir, env=e).returncode == 0
    text = run("device", "scan", "--adb", "FAKE0001", "--pull-apks", "--indicators",
               tmp_path / "ioc.yaml", env=e)
    assert text.returncode == 0, text.stderr
    assert "'pm path' gave no APK path" in text.stdout
    assert "Traceback" not in text.stderr
