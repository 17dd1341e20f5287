"""Signing certificates of an APK, read from its bytes in memory.

Two places hold them (an APK may have both; both name the same signer in practice):

* v1 (JAR signing): ``META-INF/<NAME>.RSA|.DSA|.EC`` is a PKCS#7 SignedData blob whose
  certificate set holds the signer certificate.
* APK Signature Scheme v2 / v3: the "APK Signing Block" sits just before the zip central
  directory and ends with the 16-byte magic ``APK Sig Block 42``. It is a list of
  ``uint64 length, uint32 id, value`` pairs; id ``0x7109871a`` is v2, ``0xf05368c0``
  is v3 and ``0x1b93ad61`` is v3.1. Their value is a length-prefixed list of signers; each signer starts with a
  length-prefixed "signed data", which starts with length-prefixed digests and then
  length-prefixed certificates (each a length-prefixed DER certificate). All lengths are
  little-endian uint32 inside the values.

The indicator lists name a signer by the SHA-1 of the certificate's DER encoding (what
``apksigner --print-certs`` and androidqf print), so that is what ``CertInfo`` carries,
with the SHA-256 beside it. Nothing is written anywhere; a damaged APK raises ``BadInput``.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import warnings
import zipfile
from dataclasses import dataclass

from safecase.device.model import Package, Where
from safecase.errors import BadInput

SIG_BLOCK_MAGIC = b"APK Sig Block 42"
V2_ID = 0x7109871A
V3_ID = 0xF05368C0
V31_ID = 0x1B93AD61      # v3.1 (Android 13+ key rotation): same layout as v3
SCHEMES = {V2_ID: "v2", V3_ID: "v3", V31_ID: "v3.1"}
EOCD_SIG = b"PK\x05\x06"
V1_SUFFIXES = (".RSA", ".DSA", ".EC")
MAX_V1_MEMBER = 1 << 20         # a signature block file is a few kB; refuse a bomb


@dataclass(frozen=True, slots=True)
class CertInfo:
    """One signer certificate: digests of its DER bytes and where in the APK it was."""

    scheme: str        # "v1", "v2", "v3" or "v3.1"
    sha1: str          # upper-case hex, no colons (the indicator lists' form)
    sha256: str        # upper-case hex
    subject: str       # RFC 4514 subject, for the person to read ("" if unreadable)
    source: str        # "META-INF/CERT.RSA" or "APK Signing Block"

    def to_dict(self) -> dict[str, str]:
        return {"scheme": self.scheme, "sha1": self.sha1, "sha256": self.sha256,
                "subject": self.subject, "source": self.source}


# What cryptography raises for bytes it cannot take, besides ValueError.
def _crypto_errors() -> tuple[type[Exception], ...]:
    from cryptography import x509
    from cryptography.exceptions import UnsupportedAlgorithm

    return (ValueError, UnsupportedAlgorithm, x509.InvalidVersion)


def _cert_info(der: bytes, scheme: str, source: str) -> CertInfo:
    subject = ""
    try:
        from cryptography import x509

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # odd certificates warn; the person need not see it
            subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()
    except _crypto_errors():
        pass  # the digest is what is matched; a subject we cannot read is only cosmetic
    return CertInfo(scheme, hashlib.sha1(der).hexdigest().upper(),  # noqa: S324 - the lists use SHA-1
                    hashlib.sha256(der).hexdigest().upper(), subject, source)


def apk_certificates(apk_bytes: bytes, name: str = "APK") -> list[CertInfo]:
    """Every signer certificate found in the APK (v1, v2 and v3), each once per scheme.

    Raises ``BadInput(name, ...)`` when the bytes are not a readable APK or when a
    signature structure is damaged. An APK with no signature at all gives ``[]``.
    """
    certs = _v1_certificates(apk_bytes, name)
    certs += _signing_block_certificates(apk_bytes, name)
    return certs


def _v1_certificates(data: bytes, name: str) -> list[CertInfo]:
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs7

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in zf.infolist()
                   if i.filename.startswith("META-INF/") and "/" not in i.filename[9:]
                   and i.filename.upper().endswith(V1_SUFFIXES)]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        # NotImplementedError: zipfile's answer to a version or feature it does not know.
        raise BadInput(name, f"is not a readable APK (zip): {err}") from None
    out: list[CertInfo] = []
    for info in members:
        if info.file_size > MAX_V1_MEMBER:
            raise BadInput(name, f"{info.filename} is {info.file_size} bytes, far larger than "
                                 "a signature block; the APK looks damaged")
        try:
            blob = zf.read(info)
            with warnings.catch_warnings():
                # cryptography warns (BER fallback, negative serials) on odd signatures.
                warnings.simplefilter("ignore")
                certs = pkcs7.load_der_pkcs7_certificates(blob)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError,
                *_crypto_errors()) as err:
            raise BadInput(name, f"{info.filename} is not a readable PKCS#7 signature "
                                 f"({type(err).__name__})") from None
        for c in certs:
            out.append(_cert_info(c.public_bytes(Encoding.DER), "v1", info.filename))
    return out


def _find_eocd(data: bytes) -> int:
    # The end-of-central-directory record is 22 bytes plus a comment of up to 65535.
    start = max(0, len(data) - 22 - 0xFFFF)
    pos = data.rfind(EOCD_SIG, start)
    while pos >= 0:
        if pos + 22 <= len(data):
            (comment_len,) = struct.unpack_from("<H", data, pos + 20)
            if pos + 22 + comment_len == len(data):
                return pos
        pos = data.rfind(EOCD_SIG, start, pos)
    return -1


def _signing_block_certificates(data: bytes, name: str) -> list[CertInfo]:
    eocd = _find_eocd(data)
    if eocd < 0:
        raise BadInput(name, "has no zip end record; it is not a complete APK")
    (cd_offset,) = struct.unpack_from("<I", data, eocd + 16)
    if cd_offset > eocd or cd_offset < 24 or data[cd_offset - 16:cd_offset] != SIG_BLOCK_MAGIC:
        return []  # no v2/v3 signing block: a v1-only (old) APK
    (size,) = struct.unpack_from("<Q", data, cd_offset - 24)
    start = cd_offset - 8 - size
    if size < 24 or start < 0 or struct.unpack_from("<Q", data, start)[0] != size:
        raise BadInput(name, "has a damaged APK Signing Block (its two sizes disagree)")
    out: list[CertInfo] = []
    pos, end = start + 8, cd_offset - 24
    while pos < end:
        if pos + 12 > end:
            raise BadInput(name, "has a damaged APK Signing Block (a pair is cut short)")
        (pair_len,) = struct.unpack_from("<Q", data, pos)
        if pair_len < 4 or pos + 8 + pair_len > end:
            raise BadInput(name, "has a damaged APK Signing Block (a pair runs past its end)")
        (pair_id,) = struct.unpack_from("<I", data, pos + 8)
        if pair_id in SCHEMES:
            value = memoryview(data)[pos + 12:pos + 8 + pair_len]
            out += _scheme_certificates(value, SCHEMES[pair_id], name)
        pos += 8 + pair_len
    return out


def _prefixed(buf: memoryview, pos: int, name: str, what: str) -> tuple[memoryview, int]:
    """Read one uint32-length-prefixed field; return it and the position after it."""
    if pos + 4 > len(buf):
        raise BadInput(name, f"has a damaged APK signature ({what} is cut short)")
    (n,) = struct.unpack_from("<I", buf, pos)
    if pos + 4 + n > len(buf):
        raise BadInput(name, f"has a damaged APK signature ({what} runs past its end)")
    return buf[pos + 4:pos + 4 + n], pos + 4 + n


def _sequence(buf: memoryview, name: str, what: str) -> list[memoryview]:
    items, pos = [], 0
    while pos < len(buf):
        item, pos = _prefixed(buf, pos, name, what)
        items.append(item)
    return items


def _scheme_certificates(value: memoryview, scheme: str, name: str) -> list[CertInfo]:
    signers, _ = _prefixed(value, 0, name, f"{scheme} signer list")
    out: list[CertInfo] = []
    for signer in _sequence(signers, name, f"{scheme} signer"):
        signed_data, _ = _prefixed(signer, 0, name, f"{scheme} signed data")
        _digests, pos = _prefixed(signed_data, 0, name, f"{scheme} digests")
        certs, _ = _prefixed(signed_data, pos, name, f"{scheme} certificates")
        for der in _sequence(certs, name, f"{scheme} certificate"):
            out.append(_cert_info(bytes(der), scheme, "APK Signing Block"))
    return out


def unique_sha1(certs: list[CertInfo]) -> list[str]:
    """The distinct certificate SHA-1s, in the order found."""
    seen: list[str] = []
    for c in certs:
        if c.sha1 not in seen:
            seen.append(c.sha1)
    return seen


def parse_apk_record(text: str, name: str) -> list[Package]:
    """Read the per-APK record written by ``--pull-apks`` (one JSON object a line).

    Each line: ``{"package", "path", "apk_sha256", "apk_size", "certificates": [...]}``
    (or ``"skipped"``/``"error"`` instead of certificates). Certificates become the
    package's ``cert_sha1``, pointing at their line, so evidence names the line.
    """
    pkgs: dict[str, Package] = {}
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise BadInput(name, f"line {no} is not JSON") from None
        pkg = row.get("package") if isinstance(row, dict) else None
        if not isinstance(pkg, str) or not pkg:
            raise BadInput(name, f"line {no} names no package")
        where = Where(name, no)
        p = pkgs.setdefault(pkg, Package(name=pkg, where=where))
        p.sources.add(name)
        certs = row.get("certificates")
        for c in certs if isinstance(certs, list) else []:
            sha1 = c.get("sha1") if isinstance(c, dict) else None
            if isinstance(sha1, str) and sha1.strip():
                p.cert_sha1.setdefault(sha1.strip().upper(), where)
    return list(pkgs.values())
