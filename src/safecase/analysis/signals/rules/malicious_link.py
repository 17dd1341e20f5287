"""malicious_link, the words around a link: requests to install an app, open an
executable attachment, or switch off the phone's protections. The links themselves are
judged in ``links.py`` (shorteners, look-alike and punycode domains, raw IPs, files).
"""

from __future__ import annotations

from .base import NEG_NONE, PARTS, Rule, SignalRules

EXECUTABLE = r"(?:apk|exe|scr|bat|msi|jar|vbs|vbe|dmg|pkg|ps1|cmd|hta|lnk|xapk|ipa|mobileconfig)"

STALKERWARE = PARTS["STALKERWARE"]

RULES = [
    Rule("malicious_link.executable",
         rf"\b[\w()\[\]-]+(?:\.[\w-]+)*\.{EXECUTABLE}\b(?!\w|\.\w)", 0.6, neg=NEG_NONE),
    Rule("malicious_link.install",
         r"\b(?:install|instal|download|dl|get|open|run|put|add|sideload|side-load|load) "
         r"(?:this|the|that|my|an|a|our|these) (?:\w+ )?(?:app|apk|application|file|program|"
         r"software|update|profile|certificate|cert|config|configuration|vpn|plugin|extension|"
         r"attachment|attached file|tracker|tool|exe)\b(?:[^.!?\n]{0,80}?)(?:so (?:i|we) can|to "
         r"(?:see|track|check|find|get|view|unlock|watch|claim|verify|fix|protect|secure|keep)|"
         r"i sent|i'm sending|im sending|from (?:this|the|my) link|from here|here:|below|https?:|"
         r"www\.|link|now|asap|then|and|\.apk|\.exe|so (?:your|ur|my|the|it|we))", 0.75,
         neg=NEG_NONE, unless=r"(?:app store|play store|google play|appstore|testflight)"),
    Rule("malicious_link.send_program",
         r"\b(?:sending|sent|send|sendin) (?:you |u )?(?:a|an|this|the|my) (?:\w+ )?(?:program|app|"
         r"apk|exe|file|update|tool|installer|script)[^.!?]{0,60}?(?:run|install|open|download|"
         r"execute|launch) (?:it|this|that)\b", 0.7, neg=NEG_NONE),
    Rule("malicious_link.unknown_sources",
         r"\b(?:(?:enable|allow|turn on|switch on|tick|accept|grant|give it) (?:\w+ ){0,2}?(?:unknown "
         r"sources|install(?:ation)? (?:of |from )?unknown (?:apps|sources)|install unknown apps|"
         r"accessibility(?: access| permissions?| service)?|device admin(?:istrator)?|"
         r"notification access|usage access|all (?:the )?permissions)|(?:turn|switch) off (?:play "
         r"protect|google play protect|your antivirus|the antivirus|defender|gatekeeper)|"
         r"trust (?:this|the) (?:profile|certificate|developer)|install (?:this|the) "
         r"(?:configuration )?profile)\b", 0.8, neg=NEG_NONE),
    Rule("malicious_link.stalkerware", rf"\b{STALKERWARE}\b", 0.7, neg=NEG_NONE),
    Rule("malicious_link.open_attachment",
         r"\b(?:open|download|run|view|see|check) (?:the |this |my )?(?:attached|attachment|"
         r"enclosed|file i sent|zip|document i sent|invoice|voicemail file)\b[^.!?\n]{0,60}\b"
         r"(?:enable (?:content|editing|macros)|\.zip|\.rar|\.iso|\.exe|\.apk|\.html?|urgent|"
         r"password is|immediately|asap|now)\b|\benable (?:content|editing|macros)\b", 0.7,
         neg=NEG_NONE),
]

SPEC = SignalRules("malicious_link", RULES, jokeable=False)
