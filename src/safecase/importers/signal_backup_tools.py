"""Signal (Android): the XML that signalbackup-tools writes with ``--exportxml``.

signalbackup-tools (github.com/bepaald/signalbackup-tools) decrypts a Signal Android
``.backup`` and can write its messages in the SMS Backup & Restore schema, so the
``sms-backup-restore`` importer reads the elements. This importer exists because the file
is recognisably signalbackup-tools' own and is **not well-formed XML** in two ways that a
strict parser refuses:

* the root is written ``<smses count=123 backup_date="" type="full">``: ``count`` has no
  quotes (the SMS Backup & Restore app itself writes ``count="123"`` and a
  ``backup_set``);
* each MMS text part carries ``cl`` twice (``cl="&lt;text000042&gt;" cl="text000042.txt"``;
  the first was meant to be ``cid``).

Both are repaired in the byte stream as it is read (the source file keeps its bytes); the
events get channel ``signal``. Emoji that older versions wrote as UTF-16 surrogate-pair
character references are repaired by the shared XML reader. XML from other Signal tools
(signal-back, signal-message-exporter) is well-formed SMS Backup & Restore XML that says
nothing about Signal: import it with ``--format sms-backup-restore`` (its events then get
channel ``sms``/``mms``).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import IO, Any

from safecase.errors import BadInput
from safecase.importers.sms_backup_restore import SmsBackupRestore

# An MMS part line holds its base64 data inline: allow long lines, but not without bound.
MAX_XML_LINE_BYTES = 256 * 1024 * 1024
_UNQUOTED_COUNT = re.compile(rb"<smses count=(\d+)(?=[\s>])")
_DOUBLE_CL = re.compile(rb'cl="(&lt;text\d+&gt;)"(\s+cl=")')
_SIGNATURE = re.compile(rb'<smses count=\d+ backup_date="')


class _Repair(io.RawIOBase):
    """Reads the file line by line and repairs signalbackup-tools' two XML errors."""

    def __init__(self, raw: IO[bytes], where: object) -> None:
        super().__init__()
        self._raw = raw
        self._where = where
        self._pending = b""
        self.repairs = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        while not self._pending:
            line = self._raw.readline(MAX_XML_LINE_BYTES + 1)
            if not line:
                return 0
            if len(line) > MAX_XML_LINE_BYTES:
                raise BadInput(self._where, "has an XML line longer than "
                                            f"{MAX_XML_LINE_BYTES // (1024 * 1024)} MiB")
            head = line[:400]  # both errors sit at the start of their line
            if b"<smses" in head or b'cl="&lt;text' in head:
                fixed, n = _UNQUOTED_COUNT.subn(rb'<smses count="\1"', head)
                fixed, k = _DOUBLE_CL.subn(rb'cid="\1"\2', fixed)
                self.repairs += n + k
                line = fixed + line[400:]
            self._pending = line
        n = min(len(buf), len(self._pending))
        buf[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class SignalBackupTools(SmsBackupRestore):
    name = "signal-backup-tools"
    version = "1"
    title = "Signal (Android) via signalbackup-tools --exportxml"
    channel_sms = "signal"
    channel_mms = "signal"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        return 0.95 if _SIGNATURE.search(head[:4096]) else 0.0

    def _stream(self, path: Path, raw: IO[bytes]) -> IO[bytes]:
        return io.BufferedReader(_Repair(raw, path), 1 << 20)
