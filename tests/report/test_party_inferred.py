"""The report names inferred recipients as inferred (WhatsApp exports list none)."""

from __future__ import annotations

from safecase.report.text import party


def test_report_party_marks_inferred_recipients() -> None:
    ev = {"direction": "outgoing", "recipients": ["Alex", "Jo"],
          "extra": {"recipients_inferred": True}}
    assert party(ev) == "to Alex, Jo (inferred)"
    assert party({**ev, "extra": {}}) == "to Alex, Jo"
    assert party({**ev, "recipients": []}) == "me"
