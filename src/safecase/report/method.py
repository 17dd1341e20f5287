"""The "method and limits" section: how the data was obtained, what the flags are and are
not, and how to verify the bundle. Shared by the PDF and HTML renderers."""

from __future__ import annotations

from safecase.report.model import Report


def sections(report: Report) -> list[tuple[str, list[str]]]:
    imports = [f"{name}: read by {imp} {ver}" for name, imp, ver in report.imports]
    redactions = report.redaction_summary()
    out = [
        ("How the data was obtained", [
            "The records come from files the person exported from their own devices and "
            "accounts, and from incidents they typed in themselves. Each file was kept "
            "exactly as received, hashed with SHA-256 when it was imported, and stored "
            "encrypted. Message text is reproduced exactly as it appears in the source "
            "file; nothing is corrected or normalised.",
            "Times are shown in the case's time zone (" + report.cover.tz + ") and in UTC. "
            "Where a source gave local times without a zone, the case's zone was assumed, "
            "and the log records that.",
            *(imports or ["No files were imported; every entry was typed by the person."]),
        ]),
        ("What the automatic flags are and are not", [
            "SafeCase's detectors suggest flags (such as threat, surveillance or a refusal) "
            "from the words of a message. A suggestion is not a finding: it says only that "
            "the wording matched a rule or a model. The person reviewed the suggestions; "
            "the report marks what they confirmed apart from what the tool suggested, and "
            "leaves out what they dismissed. Scores are the detector's confidence, not a "
            "probability that an offence took place.",
            "Detectors and versions: " + (", ".join(report.detectors) or "none were run") + ".",
            "The key numbers are counted directly from the records in scope. A refusal "
            "(\"stop\") is a message the person sent that a detector flagged as a refusal, "
            "or, where no detector ran, one with clear words such as \"stop contacting me\".",
        ]),
        ("How to verify the bundle", [
            "The bundle is a BagIt package (RFC 8493). Unzip it, then inside the folder run "
            "`sha256sum -c manifest-sha256.txt` and `sha256sum -c tagmanifest-sha256.txt`: "
            "every line must say OK. Any BagIt validator gives the same answer.",
            "The case fingerprint on every page header is the hash of the last custody-ledger "
            "entry when the report was made. In data/ledger.jsonl each entry's hash is "
            "sha256(\"seq|at|action|subject|payload_sha256|prev_hash\"), and each entry's "
            "prev_hash is the hash of the entry before it; the entry with this fingerprint "
            "must be in the file. `safecase verify case-bundle.zip` checks all of this, and "
            "that every event points at a source file present in the bundle.",
            "Each source file's SHA-256 in the exhibits index is also recorded in the import "
            "entry of the custody log, so a source can be matched to the moment it was "
            "imported.",
        ]),
        ("Limits", [
            "The report shows what the exported files contain. Messages deleted before the "
            "export, or never stored by the app, are not here. Identities (numbers, "
            "accounts) were grouped into people by the person or with their approval.",
            "Characters the report's embedded fonts cannot draw (most emoji, some scripts) "
            "are printed in the PDF by their Unicode name, for example [emoji: crying face]; "
            "the HTML report and data/events.jsonl in the bundle keep the exact characters.",
            "Images are shown as small thumbnails; the full-size originals are in the bundle.",
        ]),
    ]
    if redactions:
        out.append(("What was redacted", [
            "At the person's request, some details were masked in this report and in the "
            "bundle. Each masked place reads [REDACTED n], where n is the rule's number. "
            "The values themselves are not recorded here.",
            *[f"Rule {r['rule']} ({r['kind']}): {r['replacements']} replacement(s) in this "
              "document." for r in redactions],
        ]))
    return out
