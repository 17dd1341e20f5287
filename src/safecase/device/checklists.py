"""Guided checklists for what a phone scan cannot see: the person's online accounts.

Each step says where to look, what to look for, and why it matters. The CLI (and the web
app) walk through them one step at a time; with a case open, every answer is a ledger
entry, so "I checked WhatsApp linked devices on 3 March and found a laptop I don't
know" becomes part of the record.
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWERS = ("found something", "all fine", "not sure", "skipped")


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    service: str
    title: str
    where: str        # how to get there
    look_for: str     # what to look for
    why: str          # what it would mean


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    title: str
    intro: str
    steps: tuple[Step, ...]


ACCOUNTS = Checklist("accounts", "Your online accounts", (
    "Stalkers often do not need an app on your phone: they sign in to your accounts, or "
    "link a device of theirs. Check each account on a device the other person has never "
    "had in hand. Before you remove anything, take a screenshot: removing a device or a "
    "rule can alert them, and the screenshot is evidence."), (
    Step("google-devices", "Google", "Devices signed in to your Google account",
         "myaccount.google.com > Security > Your devices (or Settings > Google > Manage "
         "your Google Account > Security on Android)",
         "Phones, tablets or computers you do not recognise, or sign-ins from places you "
         "have not been.",
         "A device you do not know can read your email, photos, location history and "
         "contacts."),
    Step("google-location", "Google", "Location sharing and Timeline",
         "Google Maps > your picture > Location sharing; and Maps > Your Timeline",
         "Anyone you share your location with, and whether Timeline is recording.",
         "Location sharing shows where you are, live, to that person."),
    Step("google-recovery", "Google", "Recovery phone and email",
         "myaccount.google.com > Personal info > Contact info, and Security > Ways we can "
         "verify it's you",
         "A recovery phone number or email address that is not yours.",
         "Whoever controls the recovery address can reset your password and get in."),
    Step("apple-id-devices", "Apple", "Devices on your Apple ID",
         "iPhone: Settings > (your name), scroll to the device list; or appleid.apple.com "
         "> Devices",
         "Any iPhone, iPad, Mac or Apple Watch you do not recognise.",
         "A device on your Apple ID can receive your iMessages, photos and iCloud data."),
    Step("apple-family", "Apple", "Family Sharing and location",
         "Settings > (your name) > Family Sharing > Location Sharing; and the Find My app "
         "> People",
         "A family organiser or member who can see your location, and people in Find My.",
         "Family Sharing and Find My can show your location to them at all times."),
    Step("apple-find-my", "Apple", "Find My and AirTags",
         "Find My app > Devices and Items; Settings > Privacy & Security > Location "
         "Services > Share My Location",
         "Devices or items you do not know, and 'Item Safety Alerts' (an unknown AirTag "
         "moving with you).",
         "An AirTag or a shared device can be used to follow you."),
    Step("apple-passwords", "Apple", "Shared passwords and trusted numbers",
         "Settings > Passwords > Shared groups; Settings > (your name) > Sign-In & "
         "Security > Two-Factor Authentication (trusted phone numbers)",
         "Password groups shared with the other person; a trusted number that is not yours.",
         "Shared passwords give them your accounts; a trusted number lets them take over "
         "your Apple ID."),
    Step("facebook-sessions", "Facebook", "Where you are logged in",
         "Facebook > Settings > Accounts Centre > Password and security > Where you're "
         "logged in",
         "Sessions on devices or in places you do not recognise.",
         "A session you do not know means someone can read your messages and posts."),
    Step("instagram-sessions", "Instagram", "Login activity",
         "Instagram > Settings > Accounts Centre > Password and security > Where you're "
         "logged in",
         "Logins you do not recognise.",
         "Someone logged in can read your direct messages and see who you talk to."),
    Step("whatsapp-linked", "WhatsApp", "Linked devices",
         "WhatsApp > Settings (or the three dots) > Linked devices",
         "Any computer or browser you did not link yourself (WhatsApp Web, Desktop).",
         "A linked device receives every message you send and receive, in real time."),
    Step("email-forwarding", "Email", "Forwarding rules and filters",
         "Gmail on a computer: Settings > See all settings > Forwarding and POP/IMAP, and "
         "Filters and Blocked Addresses; Outlook: Settings > Mail > Forwarding, and Rules",
         "Forwarding to an address you do not know, or filters that forward, delete or "
         "archive some messages.",
         "A forwarding rule silently copies your email to someone else."),
    Step("email-recovery", "Email", "Recovery email and phone of your email accounts",
         "Your email provider's security settings (recovery / verification details)",
         "A recovery address or number that is not yours, or app passwords you did not "
         "create.",
         "Recovery details let someone reset your password; app passwords let a device "
         "read mail without your password."),
))

APPLE_ID = Checklist("apple-id", "Your Apple ID (iPhone)", (
    "An iPhone is watched most often through the Apple ID, not through an app. Go through "
    "these on the iPhone itself; take a screenshot before you change anything."),
    tuple(s for s in ACCOUNTS.steps if s.service == "Apple"))

CHECKLISTS: dict[str, Checklist] = {c.id: c for c in (ACCOUNTS, APPLE_ID)}


def get(checklist_id: str) -> Checklist:
    from safecase.errors import UserError

    try:
        return CHECKLISTS[checklist_id]
    except KeyError:
        raise UserError(f"no checklist called '{checklist_id}'; choose one of: "
                        + ", ".join(CHECKLISTS)) from None
