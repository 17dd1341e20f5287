"""Keep a device scan in the case: every raw output and the findings, as exhibits, with
one custody-ledger entry that ties them together. All in one transaction: a scan is kept
whole or not at all."""

from __future__ import annotations

import json
from typing import Any

from safecase.device.scan import ScanResult

RAW_KIND = "device-scan-output"
FINDINGS_KIND = "device-scan"


def store_scan(case: Any, result: ScanResult) -> dict[str, Any]:
    """Store ``result`` in an open ``safecase.store.case.Case``; returns what was stored."""
    report = result.to_dict()
    findings_json = json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")
    new_blobs: list[str] = []
    raws: list[dict[str, Any]] = []
    try:
        with case.transaction():
            for raw in result.acquisition.raws:
                ex_id, _new = case.store_exhibit(
                    name=raw.name, mime="text/plain" if not raw.name.endswith(".json")
                    else "application/json", kind=RAW_KIND, data=raw.data,
                    extra={"command": raw.command, "acquisition": result.acquisition.kind},
                    new_blobs=new_blobs)
                raws.append({"exhibit": ex_id, "name": raw.name, "sha256": raw.sha256})
            report_id, _new = case.store_exhibit(
                name=f"device-scan-{result.scanned_at}.json", mime="application/json",
                kind=FINDINGS_KIND, data=findings_json,
                extra={"summary": report["summary"], "raw_exhibits": [r["exhibit"] for r in raws]},
                new_blobs=new_blobs)
            entry = case.record("device.scan", f"exhibit:{report_id}", {
                "findings_exhibit": report_id, "raw_outputs": raws,
                "acquisition": {"kind": result.acquisition.kind,
                                "source": result.acquisition.source,
                                "device": result.acquisition.device},
                "summary": report["summary"],
                "indicators": report["indicators"], "scanned_at": result.scanned_at})
    except BaseException:
        for b in new_blobs:
            case.blobs.remove(b)
        raise
    return {"findings_exhibit": report_id, "raw_exhibits": raws,
            "ledger_seq": getattr(entry, "seq", None)}


def record_answer(case: Any, checklist: str, step_id: str, answer: str, note: str) -> None:
    """One checklist answer as a ledger entry (what the person saw, in their words)."""
    with case.transaction():
        case.record("device.checklist", f"checklist:{checklist}:{step_id}",
                    {"checklist": checklist, "step": step_id, "answer": answer, "note": note})


def checklist_answers(case: Any) -> dict[str, dict[str, str]]:
    """The latest answer to each checklist step, read back from the ledger."""
    from safecase.store import ledger

    out: dict[str, dict[str, str]] = {}
    for e in ledger.entries(case.db, action="device.checklist"):
        p = json.loads(e.payload)
        out[f"{p['checklist']}:{p['step']}"] = {"answer": p["answer"], "note": p["note"],
                                                "at": e.at[:16].replace("T", " ")}
    return out
