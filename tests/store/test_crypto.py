import io
import os

import pytest

from safecase.errors import IntegrityError
from safecase.store import crypto


def _encrypt(data: bytes, blob_id: str = "b1", key: bytes = b"k" * 32) -> bytes:
    out = io.BytesIO()
    w = crypto.BlobWriter(key, blob_id, out)
    for i in range(0, len(data), 70_000):
        w.write(data[i:i + 70_000])
    w.close()
    return out.getvalue()


def _decrypt(blob: bytes, blob_id: str = "b1", key: bytes = b"k" * 32) -> bytes:
    return b"".join(crypto.decrypt_chunks(key, blob_id, io.BytesIO(blob)))


@pytest.mark.parametrize("size", [0, 1, crypto.CHUNK - 1, crypto.CHUNK, crypto.CHUNK + 1,
                                  3 * crypto.CHUNK + 17])
def test_blob_roundtrip_any_size(size: int) -> None:
    data = os.urandom(size)
    assert _decrypt(_encrypt(data)) == data


def test_each_blob_gets_a_fresh_nonce() -> None:
    assert _encrypt(b"same bytes") != _encrypt(b"same bytes")


def test_flipped_byte_is_detected() -> None:
    blob = bytearray(_encrypt(os.urandom(2 * crypto.CHUNK + 5)))
    blob[len(blob) // 2] ^= 1
    with pytest.raises(IntegrityError, match="fails authentication"):
        _decrypt(bytes(blob))


def test_truncation_at_a_chunk_boundary_is_detected() -> None:
    data = os.urandom(2 * crypto.CHUNK + 5)
    blob = _encrypt(data)
    first_chunk_end = 16 + 4 + crypto.CHUNK + 16
    with pytest.raises(IntegrityError, match="truncated"):
        _decrypt(blob[:first_chunk_end])


def test_blob_cannot_be_swapped_under_another_id() -> None:
    with pytest.raises(IntegrityError):
        _decrypt(_encrypt(b"evidence", "a"), "b")


def test_wrong_key_fails() -> None:
    with pytest.raises(IntegrityError):
        _decrypt(_encrypt(b"evidence"), key=b"x" * 32)


def test_kdf_meets_the_floor() -> None:
    p = crypto.KdfParams.fresh()
    assert p.memory_kib >= 65536 and p.time_cost >= 3
    assert crypto.KdfParams.from_dict(p.to_dict()) == p
