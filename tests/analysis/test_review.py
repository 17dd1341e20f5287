"""review(): rows and ledger entries; the one-event CLI; the interactive walk (stdin)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safecase.analysis.review import count_flagged, flagged, review
from safecase.errors import NotFound, UserError
from safecase.store.case import Case
from safecase.store.ledger import entries

from .helpers import ALEX, PASS, add_signal, cli, event_id, import_sms, ms, new_case

TEXTS = ["I know where you live", "Answer me now", "You're mine"]


@pytest.fixture()
def case(tmp_path: Path):
    c = new_case(tmp_path)
    import_sms(c, tmp_path, [(ALEX, ms(2024, 2, 1, 10 + k), t, 1) for k, t in enumerate(TEXTS)])
    add_signal(c, event_id(c, TEXTS[0]), "surveillance",
               evidence=[{"start": 2, "end": 21, "text": "know where you live",
                          "why": "claims to know the home"}])
    add_signal(c, event_id(c, TEXTS[1]), "contact_demand")
    add_signal(c, event_id(c, TEXTS[2]), "fixation")
    # A second detector's weaker copy of the same suggestion is shown once.
    add_signal(c, event_id(c, TEXTS[2]), "fixation", score=0.4, detector="other")
    yield c
    c.close()


def test_review_writes_row_and_ledger(case) -> None:
    eid = event_id(case, TEXTS[0])
    r = review(case, eid, "surveillance", "confirm", note="he does know")
    assert r["decision"] == "confirmed"
    row = case.db.execute("SELECT event_id, signal, decision, note FROM reviews").fetchall()
    assert row == [(eid, "surveillance", "confirmed", "he does know")]
    [entry] = [e for e in entries(case.db) if e.action == "review"]
    payload = json.loads(entry.payload)
    assert entry.subject == f"event:{eid}"
    assert payload["decision"] == "confirmed" and payload["signal"] == "surveillance"
    assert payload["suggested_by"][0]["detector"] == "test-rules"
    # A later decision supersedes; both stay on record.
    review(case, eid, "surveillance", "dismiss")
    assert case.db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 2


def test_review_refuses_bad_input(case) -> None:
    eid = event_id(case, TEXTS[0])
    with pytest.raises(UserError, match="unknown signal"):
        review(case, eid, "rude", "confirm")
    with pytest.raises(UserError, match="unknown decision"):
        review(case, eid, "threat", "maybe")
    with pytest.raises(NotFound):
        review(case, 424242, "threat", "confirm")
    assert case.db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_flagged_lists_each_pair_once_in_time_order(case) -> None:
    items = list(flagged(case))
    assert [(i["event_id"], i["signal"]) for i in items] == [
        (event_id(case, TEXTS[0]), "surveillance"), (event_id(case, TEXTS[1]), "contact_demand"),
        (event_id(case, TEXTS[2]), "fixation")]
    assert items[2]["score"] == 0.9
    assert count_flagged(case) == 3
    review(case, items[0]["event_id"], "surveillance", "dismiss")
    assert count_flagged(case) == 2 and count_flagged(case, include_reviewed=True) == 3


def test_cli_one_event(case) -> None:
    root, eid = str(case.root), event_id(case, TEXTS[1])
    case.close()
    out = cli("review", root, str(eid), "--confirm", "contact_demand", "--note", "every day")
    assert f"Event {eid}: contact_demand confirmed." in out.stdout
    both = cli("review", root, str(eid), "--confirm", "threat", "--dismiss", "threat",
               check=False)
    assert both.returncode == 2 and "exactly one" in both.stderr
    bad = cli("review", root, str(eid), "--confirm", "nonsense", check=False)
    assert bad.returncode == 2 and "unknown signal" in bad.stderr
    with Case.open(root, PASS) as c:
        assert c.db.execute("SELECT decision, note FROM reviews").fetchall() == [
            ("confirmed", "every day")]


def test_cli_interactive_walk(case) -> None:
    root = str(case.root)
    ids = [event_id(case, t) for t in TEXTS]
    case.close()
    # confirm the first; note then dismiss the second; an unknown key; skip the third.
    out = cli("review", root, stdin="c\nn\nnot him, a friend\nd\nx\ns\n").stdout
    assert "[1/3]" in out and "[2/3]" in out and "[3/3]" in out
    assert "I know where you live" in out and "claims to know the home" in out
    assert "Type c, d, s, n or q" in out
    assert "Reviewed 3 of 3: 1 confirmed, 1 dismissed, 1 skipped." in out
    with Case.open(root, PASS) as c:
        rows = c.db.execute("SELECT event_id, signal, decision, note FROM reviews "
                            "ORDER BY id").fetchall()
        assert rows == [(ids[0], "surveillance", "confirmed", None),
                        (ids[1], "contact_demand", "dismissed", "not him, a friend")]
        assert sum(1 for e in entries(c.db) if e.action == "review") == 2
    # Only the skipped one is left; q stops without deciding.
    again = cli("review", root, stdin="q\n").stdout
    assert "1 suggestions to review" in again and "[1/1]" in again
    assert "Reviewed 0 of 1" in again
    # End of input also stops cleanly.
    assert "Reviewed 0 of 1" in cli("review", root, stdin="").stdout
