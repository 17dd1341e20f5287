"""Redaction rules: mask what the person chooses in the report and the bundle.

Syntax of one ``--redact RULE`` (documented in docs/report.md):

    TEXT                     the literal text, exactly as written (case-sensitive)
    literal:TEXT             the same, when TEXT itself starts with a rule prefix
    phone:NUMBER             a phone number in any common spelling (+44 7700 900123,
                             07700900123, 0044-7700-900-123 ...), parsed for the case region
    email:ADDRESS            an email address, any letter case
    regex:PATTERN            a Python regular expression
    third-party-numbers      preset: every phone number in the case that belongs to nobody
                             the report is about (friends, family, witnesses)

Each match becomes ``[REDACTED n]`` where n is the rule's number; the report lists, per
rule, its number, its kind and how many replacements were made, never the value itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

from safecase.errors import UserError

PRESETS = ("third-party-numbers",)
_SEP = r"[\s\-.()/]*"


@dataclass
class Rule:
    number: int
    kind: str            # literal, phone, email, regex, or the preset name
    pattern: re.Pattern[str]
    needles: list[bytes]  # byte strings that must not survive in any bundle file
    count: int = 0

    @property
    def label(self) -> str:
        return f"[REDACTED {self.number}]"


def _phone_pattern(raw: str, region: str) -> tuple[str, list[bytes]]:
    try:
        num = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise UserError(f"--redact phone:{raw}: not a phone number") from None
    cc = str(num.country_code)
    nsn = phonenumbers.national_significant_number(num)
    digits = _SEP.join(re.escape(d) for d in nsn)
    cc_part = _SEP.join(cc)
    # +CC or 00CC (optionally followed by "(0)"), or a national trunk 0, or nothing.
    prefix = rf"(?:(?:\+|00){_SEP}{cc_part}{_SEP}(?:\(0\){_SEP})?|0{_SEP})?"
    pattern = rf"(?<!\d){prefix}{digits}(?!\d)"
    needles = [f"+{cc}{nsn}".encode(), f"00{cc}{nsn}".encode(), f"0{nsn}".encode(),
               nsn.encode()]
    return pattern, needles


@dataclass
class Redactor:
    """Applies the rules in order; counts replacements per rule."""

    rules: list[Rule] = field(default_factory=list)

    @classmethod
    def parse(cls, specs: Iterable[str], region: str = "GB",
              third_party_numbers: Iterable[str] = ()) -> Redactor:
        rules: list[Rule] = []
        for spec in specs:
            n = len(rules) + 1
            if spec == "third-party-numbers":
                parts, needles = [], []
                for raw in sorted(set(third_party_numbers)):
                    try:
                        p, nd = _phone_pattern(raw, region)
                    except UserError:
                        continue
                    parts.append(p)
                    needles += nd
                # A pattern that never matches when the case has no third-party numbers.
                joined = "|".join(parts) or r"(?!x)x"
                rules.append(Rule(n, spec, re.compile(joined), needles))
            elif spec.startswith("phone:"):
                p, nd = _phone_pattern(spec[6:], region)
                rules.append(Rule(n, "phone", re.compile(p), nd))
            elif spec.startswith("email:"):
                addr = spec[6:].strip()
                if "@" not in addr:
                    raise UserError(f"--redact {spec}: not an email address")
                rules.append(Rule(n, "email", re.compile(re.escape(addr), re.I),
                                  [addr.encode(), addr.lower().encode()]))
            elif spec.startswith("regex:"):
                try:
                    compiled = re.compile(spec[6:])
                except re.error as err:
                    raise UserError(f"--redact {spec}: not a valid regular expression ({err})") \
                        from None
                rules.append(Rule(n, "regex", compiled, []))
            else:
                text = spec[8:] if spec.startswith("literal:") else spec
                if not text:
                    raise UserError("--redact needs a text to mask")
                rules.append(Rule(n, "literal", re.compile(re.escape(text)), [text.encode()]))
        return cls(rules)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __call__(self, text: str | None) -> str | None:
        if text is None or not self.rules:
            return text
        for rule in self.rules:
            text, n = rule.pattern.subn(rule.label, text)
            rule.count += n
        return text

    def text(self, text: str) -> str:
        """Like calling it, typed for a str that is never None."""
        out = self(text)
        assert out is not None
        return out

    def summary(self) -> list[dict[str, object]]:
        """What was redacted: rule number, kind and count, never the value."""
        return [{"rule": r.number, "kind": r.kind, "replacements": r.count} for r in self.rules]

    def bytes_hit(self, data: bytes) -> bool:
        """Whether raw bytes (a binary file) contain something a rule masks."""
        for rule in self.rules:
            if any(nd and nd in data for nd in rule.needles):
                return True
            if rule.kind == "regex":
                if rule.pattern.search(data.decode("utf-8", "replace")):
                    return True
        return False
