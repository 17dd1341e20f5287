"""A small reader for Apple's ``typedstream`` archives (NSArchiver, NeXTSTEP era).

iPhone and Mac Messages keep a message body in ``message.attributedBody`` when the
``text`` column is NULL: an ``NSAttributedString`` archived with ``NSArchiver``. The
format is self-describing, so this reader parses the whole stream generically (type
encodings, objects, classes, shared strings and back-references) and then takes the
``NSString`` that an attributed string archives first. No pattern matching on bytes.

Stream layout (little-endian throughout):

* header: streamer version (4), the signature ``streamtyped`` as a counted string, the
  system version as an integer (1000);
* then typed-value groups: a type encoding (a shared string such as ``@`` or ``iI``)
  followed by one value per type character.

Integers are one signed byte, or a tag: 0x81 = int16 follows, 0x82 = int32, 0x83 = a
float/double follows. Other tags: 0x84 = a new object/class/string follows, 0x85 = nil,
0x86 = end of an object's contents. A byte from 0x92 up is a back-reference (index
byte - 0x92) into the shared-string table (type encodings, class names) or the shared
object table (objects, classes, C strings), depending on what is being read.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

TAG_INT16 = 0x81
TAG_INT32 = 0x82
TAG_FLOAT = 0x83
TAG_NEW = 0x84
TAG_NIL = 0x85
TAG_END = 0x86
REFERENCE_BASE = -110  # signed value of 0x92
_FIRST_TAG, _LAST_TAG = 0x80, 0x91
MAX_DEPTH = 64


class TypedStreamError(ValueError):
    """The blob is not a well-formed typedstream (message says where and why)."""


@dataclass
class TSClass:
    name: str
    version: int
    superclass: TSClass | None

    def chain(self) -> list[str]:
        out, cur = [], self
        while cur is not None:
            out.append(cur.name)
            cur = cur.superclass
        return out


@dataclass
class TSObject:
    cls: TSClass | None
    groups: list[list[Any]] = field(default_factory=list)

    @property
    def class_chain(self) -> list[str]:
        return self.cls.chain() if self.cls else []


class TypedStreamReader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.strings: list[bytes] = []
        self.objects: list[Any] = []
        self.depth = 0

    # -- primitives ----------------------------------------------------------------

    def _fail(self, what: str) -> TypedStreamError:
        return TypedStreamError(f"{what} at byte {self.pos}")

    def _take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise self._fail(f"truncated: wanted {n} bytes")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def _byte(self) -> int:
        if self.pos >= len(self.data):
            raise self._fail("truncated")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def _peek(self) -> int:
        if self.pos >= len(self.data):
            raise self._fail("truncated")
        return self.data[self.pos]

    def _int_after(self, head: int, signed: bool = True) -> int:
        if head == TAG_INT16:
            return struct.unpack("<h" if signed else "<H", self._take(2))[0]
        if head == TAG_INT32:
            return struct.unpack("<i" if signed else "<I", self._take(4))[0]
        if _FIRST_TAG <= head <= _LAST_TAG:
            raise self._fail(f"tag 0x{head:02x} where an integer belongs")
        return head - 256 if signed and head > 127 else head

    def _int(self, signed: bool = True) -> int:
        return self._int_after(self._byte(), signed)

    def _ref_index(self, head: int) -> int:
        if head in (TAG_INT16, TAG_INT32):
            idx = self._int_after(head) - REFERENCE_BASE
            if idx < 0:
                raise self._fail(f"negative reference {idx}")
            return idx
        if head < 0x92:
            raise self._fail(f"tag 0x{head:02x} where a reference belongs")
        return head - 0x92

    # -- shared strings and objects ------------------------------------------------

    def _counted_bytes(self, head: int) -> bytes:
        length = self._int_after(head, signed=False)
        return self._take(length)

    def _shared_string(self) -> bytes | None:
        head = self._byte()
        if head == TAG_NIL:
            return None
        if head == TAG_NEW:
            s = self._counted_bytes(self._byte())
            self.strings.append(s)
            return s
        idx = self._ref_index(head)
        if idx >= len(self.strings):
            raise self._fail(f"reference to unknown string #{idx}")
        return self.strings[idx]

    def _object_ref(self, head: int) -> Any:
        idx = self._ref_index(head)
        if idx >= len(self.objects):
            raise self._fail(f"reference to unknown object #{idx}")
        return self.objects[idx]

    def _class(self) -> TSClass | None:
        head = self._byte()
        if head == TAG_NIL:
            return None
        if head != TAG_NEW:
            ref = self._object_ref(head)
            if not isinstance(ref, TSClass):
                raise self._fail("reference to a non-class where a class belongs")
            return ref
        name = self._shared_string()
        if name is None:
            raise self._fail("class without a name")
        cls = TSClass(name.decode("utf-8", "replace"), 0, None)
        self.objects.append(cls)
        cls.version = self._int()
        self._enter()
        cls.superclass = self._class()
        self._leave()
        return cls

    def _c_string(self) -> bytes | None:
        head = self._byte()
        if head == TAG_NIL:
            return None
        if head == TAG_NEW:
            s = self._shared_string()
            self.objects.append(s)
            return s
        ref = self._object_ref(head)
        if ref is not None and not isinstance(ref, bytes):
            raise self._fail("reference to a non-string where a C string belongs")
        return ref

    def _object(self) -> TSObject | None:
        head = self._byte()
        if head == TAG_NIL:
            return None
        if head != TAG_NEW:
            ref = self._object_ref(head)
            if ref is not None and not isinstance(ref, TSObject):
                raise self._fail("reference to a non-object where an object belongs")
            return ref
        obj = TSObject(None)
        self.objects.append(obj)  # numbered before its class, as the archiver does
        self._enter()
        obj.cls = self._class()
        while self._peek() != TAG_END:
            obj.groups.append(self._group())
        self._byte()
        self._leave()
        return obj

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._fail("nested too deeply")

    def _leave(self) -> None:
        self.depth -= 1

    # -- typed values --------------------------------------------------------------

    def _group(self) -> list[Any]:
        enc = self._shared_string()
        if not enc:
            raise self._fail("missing type encoding")
        types = _split_encoding(enc.decode("latin-1"), self)
        return [self._value(t) for t in types]

    def _value(self, t: str) -> Any:
        c = t[0]
        if c in "cCsSiIlLqQB":
            return self._int(signed=c.islower())
        if c in "fd":
            head = self._byte()
            if head == TAG_FLOAT:
                fmt = "<f" if c == "f" else "<d"
                return struct.unpack(fmt, self._take(struct.calcsize(fmt)))[0]
            return float(self._int_after(head))
        if c == "+":
            head = self._byte()
            if head == TAG_NIL:
                return None
            return self._counted_bytes(head)
        if c in "*":
            return self._c_string()
        if c in "%:":
            return self._shared_string()
        if c == "#":
            return self._class()
        if c == "@":
            return self._object()
        if c == "[":
            count, elem = _parse_array(t, self)
            if elem in ("c", "C"):
                return self._take(count)
            self._enter()
            out = [self._value(elem) for _ in range(count)]
            self._leave()
            return out
        if c == "{":
            body = t[1:-1]
            fields = body.split("=", 1)[1] if "=" in body else body
            self._enter()
            out = [self._value(x) for x in _split_encoding(fields, self)]
            self._leave()
            return out
        raise self._fail(f"unsupported type encoding {t!r}")

    # -- whole stream ----------------------------------------------------------------

    def read_header(self) -> None:
        streamer = self._byte()
        if streamer != 4:
            raise self._fail(f"unsupported streamer version {streamer}")
        sig = self._counted_bytes(self._byte())
        if sig != b"streamtyped":
            raise self._fail("missing 'streamtyped' signature (big-endian archives are "
                             "not supported)")
        self._int()  # system version (1000 on every iPhone/Mac seen)

    def read_all(self) -> list[list[Any]]:
        self.read_header()
        groups = []
        while self.pos < len(self.data):
            groups.append(self._group())
        return groups


def _split_encoding(enc: str, r: TypedStreamReader) -> list[str]:
    """``"iI"`` -> ``["i", "I"]``; ``"[5c]{NSRange=QQ}"`` -> two compound types."""
    out, i = [], 0
    while i < len(enc):
        c = enc[i]
        if c in "[{":
            close = "]" if c == "[" else "}"
            depth, j = 0, i
            while j < len(enc):
                if enc[j] == c:
                    depth += 1
                elif enc[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= len(enc):
                raise r._fail(f"unbalanced type encoding {enc!r}")
            out.append(enc[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return out


def _parse_array(t: str, r: TypedStreamReader) -> tuple[int, str]:
    body = t[1:-1]
    digits = ""
    while body and body[0].isdigit():
        digits, body = digits + body[0], body[1:]
    if not digits or not body:
        raise r._fail(f"bad array encoding {t!r}")
    return int(digits), body


def attributed_string_text(blob: bytes) -> str:
    """The plain text of an archived ``NSAttributedString`` (an ``attributedBody``)."""
    try:
        groups = TypedStreamReader(blob).read_all()
    except (struct.error, RecursionError) as exc:
        raise TypedStreamError(f"malformed typedstream ({exc})") from None
    if not groups or not groups[0] or not isinstance(groups[0][0], TSObject):
        raise TypedStreamError("the archive does not start with an object")
    root = groups[0][0]
    if not any(n.endswith("AttributedString") for n in root.class_chain):
        raise TypedStreamError(f"the archived object is a {root.class_chain[:1]}, "
                               "not an attributed string")
    for group in root.groups:
        for value in group:
            if isinstance(value, TSObject) and "NSString" in value.class_chain:
                for inner in value.groups:
                    for v in inner:
                        if isinstance(v, bytes):
                            try:
                                return v.decode("utf-8")
                            except UnicodeDecodeError:
                                raise TypedStreamError("the string is not UTF-8") from None
                raise TypedStreamError("the NSString holds no characters")
    raise TypedStreamError("the attributed string holds no NSString")
