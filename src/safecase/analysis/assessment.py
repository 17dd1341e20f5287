"""What the evidence adds up to, per person: course of conduct, FOUR, behaviours, risk themes.

``assess(case, person_id=None)`` builds on ``patterns.person_pattern`` and says plainly what
the recorded events show. It is NOT a validated risk score: it never rates danger. The
risk section lists themes from published stalking risk research (the S-DASH questions and
the Stalking Risk Profile) as questions to talk through with an advocate, pre-filled with
the events that speak to them. Every result names its rule and the events it rests on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from safecase.analysis.frame import (
    BLOCKED,
    DISMISSED,
    INCOMING,
    MS_DAY,
    NO_TIME,
    Frame,
    distinct,
    tally,
)
from safecase.analysis.patterns import (
    BURST_MIN,
    SEVERE,
    burst_runs,
    iter_person_frames,
    person_pattern,
    ref,
    refusal_rows,
    week_of,
)
from safecase.model import EVENT_KINDS, SIGNALS

NOT_A_RISK_SCORE = (
    "This is not a validated risk assessment and not a risk score. It counts and lists what "
    "the recorded evidence shows and suggests questions to talk through with a trained "
    "advocate or the police. Danger can be high even when little is recorded here."
)

HELP = {
    "GB": ["In an emergency call 999. If you cannot speak, call 999 from a mobile and press "
           "55 when asked.",
           "National Stalking Helpline (Suzy Lamplugh Trust): 0808 802 0300."],
    "US": ["In an emergency call 911.",
           "VictimConnect Resource Center: 1-855-484-2846."],
    "other": ["In an emergency call your local emergency number (112 works in the EU and "
              "from most mobile phones)."],
}

FIXATED_WEEKS = 4
OBSESSIVE_DAY = 10
REPEATED_DAYS = 2
CONTACT_KINDS = ("message", "call", "email", "post", "gift")

# Behaviours as stalking laws list them (e.g. Protection from Harassment Act 1997 s.2A(3);
# US state statutes): event kinds and signals that show each one.
BEHAVIOURS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("following", "following the person", ("following",), ()),
    ("contacting", "contacting, or attempting to contact, the person by any means",
     CONTACT_KINDS, ("contact_demand",)),
    ("publishing", "publishing any statement or material relating or purporting to relate "
     "to the person, or purporting to originate from them", (), ("exposure", "impersonation")),
    ("monitoring", "monitoring the person's use of the internet, email or other electronic "
     "communication", (), ("malicious_link",)),
    ("loitering", "loitering in any place, public or private", ("visit",), ()),
    ("property", "interfering with any property in the person's possession", ("property",), ()),
    ("watching", "watching or spying on the person", (), ("surveillance",)),
    ("threats", "threatening the person, or those close to them", (), ("threat", "coercion")),
    ("third_parties", "contacting or involving third parties (family, friends, work)",
     ("third_party",), ("third_party",)),
)

# Themes of the S-DASH (Stalking Screening Tool) and the Stalking Risk Profile, phrased as
# questions. (id, question, kinds that speak to it, signals that speak to it).
RISK_THEMES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("fear", "Are you frightened? What are you afraid they might do?", (), ()),
    ("prior_harassment", "Have they stalked or harassed you, or anyone else (a former "
     "partner, for example), before this?", (), ()),
    ("escalation", "Is it getting worse: more often, or more frightening?", (), ()),
    ("property_damage", "Have they damaged or destroyed anything of yours?", ("property",), ()),
    ("visits", "Have they turned up at your home, work or other places you go?",
     ("visit",), ()),
    ("loitering_following", "Have they followed you, or waited around places you go?",
     ("following", "visit"), ("surveillance",)),
    ("threats", "Have they threatened physical or sexual violence, against you or anyone "
     "close to you?", (), ("threat", "sexual")),
    ("third_parties", "Have they contacted or harassed your family, friends, colleagues or "
     "others?", ("third_party",), ("third_party",)),
    ("violence", "Have they been violent towards you or anyone else?", (), ()),
    ("others_recruited", "Have they got other people to help them (to pass on messages, "
     "watch you or find you)?", (), ()),
    ("self_harm_leverage", "Have they threatened to hurt themselves to make you do what they "
     "want?", (), ("coercion",)),
    ("substance_mental_health", "Do they have problems with drugs, alcohol or their mental "
     "health?", (), ()),
    ("history", "Have they broken a court order, bail conditions or a police warning, or do "
     "they have a history of violence or a criminal record?", (), ()),
    ("weapons", "Do they have, or can they get, a weapon?", (), ()),
)


def help_now(region: str) -> dict[str, list[str]]:
    """Where to get help now: the case's region first, then the rest."""
    key = region.upper() if region.upper() in HELP else "other"
    return {key: HELP[key], **{k: v for k, v in HELP.items() if k != key}}


def _signal_mask(f: Frame, names: tuple[str, ...], incoming: np.ndarray) -> np.ndarray:
    mask = np.zeros(len(f.id), dtype=bool)
    for name in names:
        mask |= f.signal_mask(name)
    return mask & incoming


def _signal_rows(f: Frame, names: tuple[str, ...], incoming: np.ndarray) -> np.ndarray:
    return np.flatnonzero(_signal_mask(f, names, incoming))


def _evidence_rows(f: Frame, kinds: tuple[str, ...], signals: tuple[str, ...],
                   incoming: np.ndarray) -> np.ndarray:
    """Incoming events of these kinds or with these signals, in time order."""
    mask = _signal_mask(f, signals, incoming)
    for k in kinds:
        mask |= (f.kind == EVENT_KINDS.index(k)) & incoming
    return np.flatnonzero(mask)  # rows are in time order already


def _status_counts(f: Frame, rows: np.ndarray, signals: tuple[str, ...]) -> dict[str, int]:
    """Of the signal evidence among ``rows``: how much the person confirmed."""
    in_rows = np.zeros(len(f.id), dtype=bool)
    in_rows[rows] = True
    sel = in_rows[f.sig_row] & np.isin(f.sig_name, [SIGNALS.index(s) for s in signals])
    st = f.sig_status[sel]
    return {"confirmed": int((st == 1).sum()), "suggested": int((st == 0).sum())}


def _ids(f: Frame, *masks: np.ndarray) -> np.ndarray:
    """Event ids (time order) of the rows in any of ``masks``."""
    mask = np.zeros(len(f.id), dtype=bool)
    for m in masks:
        mask |= m
    return f.id[mask]


def _as_mask(f: Frame, rows: np.ndarray) -> np.ndarray:
    mask = np.zeros(len(f.id), dtype=bool)
    mask[rows] = True
    return mask


def _burst_mask(f: Frame) -> np.ndarray:
    ci = np.flatnonzero((f.direction == INCOMING) & (f.ts != NO_TIME))
    mask = np.zeros(len(f.id), dtype=bool)
    for a, b in burst_runs(f.ts[ci]):
        mask[ci[a:b]] = True
    return mask


def _unwanted_rows(f: Frame, p: dict[str, Any]) -> np.ndarray:
    """Contacts after the first refusal, and blocked calls (time order)."""
    contact = (f.direction == INCOMING) & (f.ts != NO_TIME)
    mask = (f.call_status == BLOCKED) & (f.ts != NO_TIME)
    refusals = refusal_rows(f)
    if len(refusals):
        mask |= contact & (f.ts > f.ts[refusals[0]])
    return np.flatnonzero(mask)


def _marker(met: bool, rule: str, ids: np.ndarray, detail: str) -> dict[str, Any]:
    return {"met": bool(met), "rule": rule, "detail": detail, **ref(ids)}


def _four(f: Frame, p: dict[str, Any], acts: np.ndarray, incoming: np.ndarray
          ) -> dict[str, Any]:
    dated_acts = acts[f.ts[acts] != NO_TIME]
    acts_mask = _as_mask(f, dated_acts)
    fix = _signal_mask(f, ("fixation",), incoming)
    weeks = distinct(week_of(f.local[dated_acts]))
    sur = _signal_mask(f, ("surveillance",), incoming)
    peak = p["peak_day"]
    busy_day = np.zeros(len(f.id), dtype=bool)
    if peak and peak["count"] >= OBSESSIVE_DAY:
        day = (date.fromisoformat(peak["when"]) - date(1970, 1, 1)).days
        busy_day = acts_mask & (f.local // MS_DAY == day)
    obsessive_ids = _ids(f, _burst_mask(f), sur, busy_day)
    unwanted = _unwanted_rows(f, p)
    blocks = p["new_identities"]["blocks"]
    after = p["refusals"]["contacts_after_first_refusal"]
    days = distinct(f.local[dated_acts] // MS_DAY)
    n_fix, n_sur = int(fix.sum()), int(sur.sum())
    return {
        "fixated": _marker(
            n_fix > 0 or weeks >= FIXATED_WEEKS,
            f"a fixation signal (not dismissed) on a message from them, or contact in "
            f"{FIXATED_WEEKS} or more different weeks",
            _ids(f, fix, acts_mask if weeks >= FIXATED_WEEKS else fix),
            f"{n_fix} messages show fixation; contact in {weeks} different weeks"),
        "obsessive": _marker(
            p["bursts"]["count"] > 0 or (peak is not None and peak["count"] >= OBSESSIVE_DAY)
            or n_sur > 0,
            f"a burst ({BURST_MIN} or more contacts in quick succession), {OBSESSIVE_DAY} or "
            "more contacts in one day, or a surveillance signal (not dismissed)",
            obsessive_ids,
            f"{p['bursts']['count']} bursts; most in one day: "
            f"{peak['count'] if peak else 0}; {n_sur} messages show watching or tracking"),
        "unwanted": _marker(
            after["count"] > 0 or blocks["count"] > 0,
            "contact after a refusal (see patterns), or calls the phone blocked",
            f.id[unwanted],
            f"{after['count']} contacts after the first refusal; {blocks['count']} blocked "
            "calls" + ("" if p["refusals"]["count"] else
                       "; no refusal is recorded: if you told them to stop, confirm that "
                       "message with `safecase review`")),
        "repeated": _marker(
            days >= REPEATED_DAYS,
            f"acts directed at you on {REPEATED_DAYS} or more different days",
            f.id[dated_acts], f"{len(acts)} acts on {days} different days"),
    }


def _behaviours(f: Frame, incoming: np.ndarray) -> list[dict[str, Any]]:
    out = []
    for key, wording, kinds, signals in BEHAVIOURS:
        rows = _evidence_rows(f, kinds, signals, incoming)
        out.append({"behaviour": key, "as_the_law_puts_it": wording, "shown": bool(len(rows)),
                    "from_kinds": list(kinds), "from_signals": list(signals),
                    "signal_review": _status_counts(f, rows, signals), **ref(f.id[rows])})
    return out


def _fear_rows(case: Any, f: Frame) -> np.ndarray:
    """Events where the person wrote how it made them feel (typed incidents)."""
    ids = [r[0] for r in case.db.execute(
        # Typed incidents only (import_id NULL, via its index); +party_id keeps the planner
        # from walking all of this person's events instead.
        "SELECT id FROM events WHERE import_id IS NULL AND removed = 0 AND superseded_by IS "
        "NULL AND json_extract(extra, '$.felt') IS NOT NULL AND +party_id IN "
        "(SELECT id FROM identities WHERE person_id = ?)", (int(f.person[0]),))]
    return np.flatnonzero(np.isin(f.id, ids))


def _risk(case: Any, f: Frame, p: dict[str, Any], incoming: np.ndarray) -> list[dict[str, Any]]:
    out = []
    esc = p["escalation"]
    for key, question, kinds, signals in RISK_THEMES:
        item: dict[str, Any] = {"theme": key, "question": question}
        if key == "fear":
            rows = _fear_rows(case, f)
            item["note"] = "from incidents where you wrote how it made you feel"
        elif key == "escalation":
            rising = [k for k in ("frequency", "severity") if esc[k]["trend"] == "increasing"]
            rows = np.zeros(0, dtype=np.int64)
            if "severity" in rising:
                rows = _signal_rows(f, SEVERE, incoming)
            elif rising:
                rows = np.flatnonzero(incoming & (f.ts != NO_TIME))
            item["note"] = " ".join([esc["frequency"]["plain"], esc["severity"]["plain"]])
        elif key == "prior_harassment" and p["first_contact"]:
            rows = np.zeros(0, dtype=np.int64)
            item["note"] = (f"In this case, contact goes back to "
                            f"{p['first_contact']['local'][:10]} ({p['days_spanned']} days).")
        else:
            rows = _evidence_rows(f, kinds, signals, incoming)
        item["answered_by_evidence"] = bool(len(rows))
        item["for_you_to_answer"] = not len(rows)
        item.update(ref(f.id[rows]))
        out.append(item)
    return out


def _span_words(days: int) -> str:
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{round(days / 7)} weeks"


def _sentences(name: str, p: dict[str, Any], four: dict[str, Any],
               behaviours: list[dict[str, Any]]) -> list[str]:
    n = p["events"]["incoming"]["count"]
    if not n:
        return [f"No contact from {name} is recorded."]
    out = []
    first = p["refusals"]["contacts_after_first_refusal"]
    head = (f"{name} has contacted you {n} time{'s' if n != 1 else ''} over "
            f"{_span_words(p['days_spanned'])}")
    if p["refusals"]["count"]:
        out.append(f"{head}, {first['count']} of them after you asked them to stop.")
    else:
        out.append(f"{head}. No message asking them to stop is recorded yet.")
    kinds = {k: v["count"] for k, v in p["events"]["by_kind"].items()}
    parts = [f"{c} {k}{'s' if c != 1 else ''}" for k, c in kinds.items()]
    out.append("Recorded: " + ", ".join(parts) + ".")
    if p["peak_day"]:
        out.append(f"The most in one day was {p['peak_day']['count']}, on "
                   f"{p['peak_day']['when']}.")
    b = p["bursts"]
    if b["count"]:
        big = b["largest"]
        out.append(f"{b['count']} time{'s' if b['count'] != 1 else ''} they contacted you "
                   f"{BURST_MIN} or more times in quick succession; the largest was "
                   f"{big['count']} contacts in {big['minutes']:g} minutes on "
                   f"{big['start']['local'][:10]}.")
    night = p["night"]
    if night["count"]:
        out.append(f"{round(100 * night['share'])}% of contacts came at night "
                   "(22:00 to 06:00).")
    ni = p["new_identities"]
    if ni["count"]:
        out.append(f"They contacted you from {ni['count']} new number"
                   f"{'s' if ni['count'] != 1 else ''} or account"
                   f"{'s' if ni['count'] != 1 else ''} after you asked them to stop or "
                   "blocked them.")
    chans = p["channels"]
    if chans["multi_channel"]:
        out.append("They used " + ", ".join(chans["channels"]) + ".")
    out.append(p["escalation"]["frequency"]["plain"])
    met = [k for k, v in four.items() if v["met"]]
    out.append(f"The evidence meets {len(met)} of the 4 FOUR markers of stalking "
               f"(fixated, obsessive, unwanted, repeated){': ' + ', '.join(met) if met else ''}.")
    shown = [b["behaviour"].replace("_", " ") for b in behaviours if b["shown"]]
    if shown:
        out.append("Behaviours shown: " + ", ".join(shown) + ".")
    return out


def person_assessment(case: Any, f: Frame, person: dict[str, Any],
                      p: dict[str, Any] | None = None) -> dict[str, Any]:
    """The assessment of one person's events (``f`` holds only theirs)."""
    p = p or person_pattern(f, person)
    incoming = f.direction == INCOMING
    acts = np.flatnonzero(incoming)
    four = _four(f, p, acts, incoming)
    behaviours = _behaviours(f, incoming)
    return {
        "person": p["person"],
        "not_a_risk_score": NOT_A_RISK_SCORE,
        "help_now": help_now(case.settings.get("region", "")),
        "summary": _sentences(person["name"], p, four, behaviours),
        "course_of_conduct": {
            "met": len(acts) >= 2,
            "rule": "two or more acts directed at you by this person",
            "acts_by_kind": {EVENT_KINDS[k]: int(c) for k, c in
                             zip(*tally(f.kind[acts]), strict=True)},
            **ref(f.id[acts]),
        },
        "four": four,
        "behaviours": behaviours,
        "risk_factors": _risk(case, f, p, incoming),
        "severe_signals": SEVERE,
        "signals_dismissed": int((f.sig_status == DISMISSED).sum()),
    }


def assess(case: Any, person_id: int | None = None) -> list[dict[str, Any]]:
    """The assessment for one person, or for every person (most contacts first)."""
    out = []
    for info, f in iter_person_frames(case, person_id):
        out.append(person_assessment(case, f, info))
    out.sort(key=lambda a: -a["course_of_conduct"]["count"])
    return out
