"""insult: abusive, degrading or profane language aimed at the person.

Slurs count unless they are plainly about someone else ("my boss is such a dick");
milder words ("stupid", "ugly", "pathetic") count only when aimed at the reader ("you're
so stupid", "ur pathetic"). Spellings that dodge filters ("b!tch", "f*ck", "sh1t",
"biiiitch") are matched by letter classes. The profanity model (alt-profanity-check)
adds weight for profane messages aimed at the reader; it never decides alone.
"""

from __future__ import annotations

import dataclasses
import re

from .base import NEG_NONE, Rule, SignalRules, anchors_of, expand

# Characters people put in place of letters to get past filters.
_LEET = {
    "a": "a@4*", "b": "b8", "c": "c(k", "e": "e3*", "g": "g9", "i": "i1!|*y", "l": "l1|",
    "o": "o0*", "s": "s$5z", "t": "t7+", "u": "u*v",
}


def fuzzy(word: str) -> str:
    """A pattern for ``word`` that allows leetspeak letters and stretched letters."""
    parts = []
    for ch in word:
        if ch == " ":
            parts.append(r"[\s_.-]*")
            continue
        cls = _LEET.get(ch)
        parts.append(f"[{re.escape(cls)}]+" if cls else f"{re.escape(ch)}+")
    return "".join(parts)


STRONG_WORDS = (
    "bitch bitches biatch slut sluts whore whores hoe cunt cunts skank twat thot retard "
    "retarded faggot fag dyke tranny wanker motherfucker motherfucking dickhead asshole "
    "arsehole bastard prick douche douchebag scumbag shithead fucker fuckface cocksucker "
    "bellend tosser slag tramp hag skanky sluttty dumbass jackass shitbag"
).split()
STRONG = "(?:" + "|".join(sorted({fuzzy(w) for w in STRONG_WORDS}, key=lambda p: (-len(p), p))) + ")"

ADJ = (
    r"(?:stupid|stoopid|idiotic|dumb|moronic|ugly|fat|pathetic|worthless|useless|disgusting|"
    r"gross|repulsive|brainless|clueless|spineless|gutless|vile|evil|fake|two-faced|selfish|"
    r"heartless|ignorant|hideous|fugly|obese|filthy|slutty|frigid|bitchy|retarded|delusional|"
    r"deranged|unhinged|unlovable|unloveable|psychotic|trashy|worthless|braindead|thick as)"
)
NOUN = (
    r"(?:idiot|moron|imbecile|loser|liar|freak|weirdo|creep|pig|cow|rat|snake|parasite|leech|"
    r"scum|coward|gold ?digger|attention seeker|attention whore|drama queen|nutjob|nutcase|"
    r"lunatic|whale|fatso|psycho|clown|cheater|user|manipulator|narcissist|piece of (?:shit|"
    r"crap|garbage|trash|work))"
)
# Nouns that only insult with an article: "you're a joke", "ur nothing but trash".
A_NOUN = r"(?:joke|nobody|failure|embarrassment|disgrace|mess|trash|garbage|nothing|waste)"
MILD = r"(?:crazy|insane|nuts|mental|psycho|sick in the head|weird|a mess)"
FILLER = (
    r"(?:(?:such|a|an|so|soo+|fucking|fkn|fking|freaking|effing|the|just|nothing but|complete|"
    r"total|absolute|utter|little|big|fat|stupid|dumb|ugly|pathetic|worthless|useless|crazy|"
    r"disgusting|lying|dirty|filthy|cheap|sad|sorry|old|bloody|damn|really|very|too|the most|"
    r"one|fuckin|fuckin'|f\*+ing|f\*+king|still|always|literally|honestly|nothing more than)\s+)*"
)
FUCK = r"(?:f+[u*#@v]+[c(]*k+|f+[*#@]+k|fck|fk|fuk|fuq|fook|feck|phuck|phuk)"

# Someone else is the subject: "she's a bitch", "my boss is such a dick".
OTHER = (
    r"(?:\b(?:he|she|they|him|her|his|it|that|this|what|who|bad|boss|dude|guy|girl|man|woman|"
    r"teacher|ex|mum|mom|dad|sister|brother|neighbou?r|life|son of|sons of|like a|acting like|"
    r"such)(?:'s|s| is| was| are| were| being| acting like| such| a| an)*\s*(?:[\w']+\s+)?"
    r"(?:a |an |the |such a |such an )?)$"
)

RULES = [
    Rule("insult.you_are",
         rf"\b(?:you're|youre|you are|you r|u r|u are|ure|yer|you were|u were|you look|u look|"
         rf"you act|u act|you sound|u sound) {FILLER}(?:like )?(?:a |an )?(?:{STRONG}|{ADJ}|{NOUN})\b"
         rf"|\b(?:you're|youre|you are|u r|u are|ur|your|you r) (?:{FILLER})(?:a|an|nothing but|"
         rf"nothing more than|such a|just a|a total|a complete) {FILLER}(?:{A_NOUN})\b",
         0.85, jokeable=True),
    Rule("insult.ur_so",
         rf"\b(?:your|ur) (?:so|soo+|such|a|an|just|really|fucking|fkn|a fucking|such a|such an|"
         rf"so fucking|nothing but|literally) {FILLER}(?:[\w']+ )?(?:{STRONG}|{ADJ}|{NOUN})\b", 0.8),
    Rule("insult.you_noun",
         rf"\b(?:you|u|ya) {FILLER}(?:{STRONG}|{NOUN})\b(?! (?:is|are|was|said|says|told|who|that))",
         0.85, jokeable=True),
    Rule("insult.such_a",
         rf"\b(?:such|what) (?:a|an) {FILLER}(?:[\w']+ )?(?:{STRONG}|{NOUN})\b(?: (?:you are|you're|"
         rf"u are|u r|ur|you r)\b)?|\b(?:shit|sh1t|sh\*t|crap) for brains\b|\bdumb as (?:a rock|"
         rf"rocks|shit|fuck)\b", 0.6, unless_pre=OTHER),
    Rule("insult.mild", rf"\b(?:you're|youre|you are|u r|ur|you r|u are) {FILLER}{MILD}\b", 0.4),
    Rule("insult.slur", rf"(?<![\w@#*$!]){STRONG}(?![\w*$!])", 0.75, unless_pre=OTHER),
    Rule("insult.fuck_you",
         rf"\b(?:{FUCK}(?:ing)? (?:you|u|ya|off|ur ?self|yourself|your ?self|urself)|"
         r"go (?:fuck|screw|f\*+k|fk) (?:yourself|urself|ur self|your self)|screw (?:you|u)\b|"
         r"\bf (?:you|u|off)\b|\bfu\b|\bgfy\b|\bstfu\b|\bgtfo\b|shut (?:the (?:fuck|hell|f\*+k) |tf |"
         r"your (?:fat |stupid |ugly )?(?:mouth|face|trap) )?up (?:you|u|bitch|slut|whore|idiot|"
         r"cunt|moron|loser)|go to hell|rot in hell|burn in hell|eat shit|kiss my (?:ass|arse)|"
         r"piss off|sod off|bugger off|get fucked|get bent|drop dead|up yours)\b", 0.85,
         unless_pre=r"(?:\b(?:to|wanna|gonna|gon|i'd|id|i'll|ill|will|would|could|let me|lemme|can|and|"
         r"i|we|just|really|wanted to|want|need to|finna|tryna)\s*)$",
         also=frozenset({"gtfo", "f", "fu", "stfu", "gfy", "fuck", "fck", "fk", "fuk", "fuq",
                         "fook", "feck", "phuck", "phuk", "screw", "shut", "piss", "sod", "bugger",
                         "hell", "kiss", "eat", "drop", "up", "get"})),
    Rule("insult.shut_up", r"\bshut (?:the (?:fuck|hell) |tf |your (?:mouth|face) )?up\b", 0.4),
    Rule("insult.degrading",
         r"\b(?:(?:nobody|no one|noone|no1|no man|no guy|no girl|no woman)(?: {W2})? (?:will |would |"
         r"could |is ever going to |is gonna |'ll |ll )?(?:ever )?(?:likes?|loves?|wants?|cares? "
         r"about|misses?|date|dates|marry|fuck|touch|want|love|like) (?:you|u|ya)\b(?! (?:like|the "
         r"way|as much as|more than) (?:i|me))|"
         r"(?:you|u) make me (?:sick|want to puke|want to throw up|vomit)|(?:you|u) disgust me|"
         r"(?:waste|wast) of (?:space|oxygen|air|skin|a human|life|sperm)|"
         r"piece of (?:shit|crap|garbage|trash|sh\*t|sht|s\*\*t)|(?:you|u) deserve to be alone|"
         r"(?:you'll|you will|u will|ull) die alone|who (?:would|could|will) (?:ever )?(?:want|love|"
         r"date|fuck|marry|touch) (?:you|u|ya)|look in (?:a|the) mirror|get a life|"
         r"(?:your|ur) (?:mom|mum|mother) (?:is|was) a|(?:you|u) (?:look|smell|sound|dress) like "
         r"(?:shit|crap|a (?:whore|slut|tramp|pig|cow|hooker|prostitute|clown))|"
         r"(?:you|u) (?:ugly|fat|stupid|dumb|dirty|filthy|disgusting|worthless|pathetic|lying|"
         r"useless|little|crazy|psycho|cheating|fucking|fkn) (?:\w+ )?(?:bitch|slut|whore|cunt|"
         r"cow|pig|idiot|moron|loser|piece|bastard|prick|dick|twat|freak|creep|liar|hoe|skank|"
         r"retard|thing|nobody))\b", 0.85, neg=NEG_NONE),
    # Spanish
    Rule("insult.es",
         r"\b(?:eres (?:una? |tan |muy |la mas |el mas )*(?:puta|zorra|perra|pendeja|pendejo|"
         r"estupida|estupido|idiota|imbecil|gilipollas|cabrona|cabron|inutil|basura|fea|gorda|"
         r"asquerosa|asqueroso|patetica|patetico|mentirosa|tonta|tonto|loca|mierda|nadie|nada)|"
         r"hija de puta|hijo de puta|hdp|vete a la mierda|vete al carajo|jodete|que te jodan|"
         r"callate (?:la boca|puta|zorra|imbecil)|maldita (?:puta|zorra|perra)|puta de mierda|"
         r"pedazo de mierda|zorra|perra asquerosa|nadie te (?:quiere|va a querer)|me das asco)\b",
         0.85, neg=NEG_NONE, lang="es"),
    # French
    Rule("insult.fr",
         r"\b(?:(?:t'es|tu es|t es|espece de|sale|pauvre|grosse) (?:une |un |qu'une |qu'un |vraiment |"
         r"trop |tellement |si |la plus |le plus )*(?:salope|pute|putain|connasse|conne|con|"
         r"idiote|idiot|debile|nulle|nul|moche|grosse|vache|chienne|pouffiasse|petasse|garce|"
         r"merde|menteuse|tarée|taree|folle|cinglee|ordure|minable|pathetique|rien)|"
         r"va te faire (?:foutre|enculer|voir)|ta gueule|ferme ta gueule|ferme-la|"
         r"fils de pute|fille de pute|nique ta mere|personne ne (?:t'aime|voudra de toi)|"
         r"tu me degoutes|salope|connasse|pouffiasse|petasse)\b", 0.85, neg=NEG_NONE, lang="fr"),
    # German
    Rule("insult.de",
         r"\b(?:du (?:bist )?(?:so |eine |ein |echt |total |voll |so eine |so ein |nur |nichts "
         r"als )*(?:schlampe|hure|miststuck|fotze|blode kuh|dumme kuh|kuh|idiotin|idiot|dumm|dumme|"
         r"hasslich|hassliche|wertlos|wertlose|erbarmlich|nutte|dreckstuck|drecksau|arschloch|"
         r"missgeburt|versager|versagerin|lugnerin|lugner|fett|fette|psycho|nichts|niemand|"
         r"wichser|bitch|opfer|witz)|fick dich|verpiss dich|halt (?:die|deine) (?:fresse|klappe|"
         r"maul)|halts maul|leck mich|hurensohn|hurentochter|schlampe|fotze|miststuck|"
         r"niemand (?:liebt|will) dich|du widerst mich an|scheiss (?:schlampe|hure|fotze)|"
         r"dumme (?:schlampe|kuh|fotze|hure|nutte)|blode (?:schlampe|kuh|fotze|hure|nutte))\b",
         0.85, neg=NEG_NONE, lang="de"),
]

# Fuzzy slur patterns have no plain words to index; their plain spellings stand in (the
# obfuscated ones come in through OBFUSCATED below, stretched ones through the squeezed view).
RULES = [
    dataclasses.replace(r, anchors=frozenset(anchors_of(expand(r.pattern))) | set(STRONG_WORDS))
    if STRONG in r.pattern else r
    for r in RULES
]

# Obfuscated spellings ("b!tch", "f*ck", "sh1t") split into several words, so they are
# found by a character pattern instead of a trigger word.
OBFUSCATED = re.compile(r"[a-z][*!@$#|0-9+]+[a-z]|(?<![\w*])[a-z]{1,3}\*+|\*+[a-z]{2}")

# Broadened families (2.0.0): superlatives and role insults aimed at the person.
RULES += [
    Rule("insult.superlative",
         r"\b(?:{YOURE}|(?:you|u)(?:'ve| have)? (?:always )?been) (?:honestly |literally |truly |"
         r"just |such )?(?:the |a |an )?(?:dumbest|stupidest|ugliest|thickest|most pathetic|most "
         r"useless|worst|nastiest|vilest|saddest|biggest (?:loser|joke|mistake|waste))\b", 0.7),
    Rule("insult.role",
         r"\b(?:what (?:kind|sort) of|you(?:'re| are)? (?:a|an|such a)|you) (?:useless|pathetic|"
         r"vile|disgusting|worthless|shit|crap|terrible|rubbish|lazy|selfish|evil|sick|twisted) "
         r"(?:mother|mum|mom|wife|woman|man|father|dad|husband|girlfriend|boyfriend|friend|person|"
         r"human|creature|excuse|specimen|bitch|loser)\b|\bwaste of (?:oxygen|space|air|skin|a "
         r"life)\b|\b(?:go )?crawl back (?:under|into|to)|\bneed(?:s)? locking up\b|"
         r"\b(?:you(?:'re| are)|ur|youre) nothing\b(?! to (?:worry|be))|\b(?:nobody|no one|noone) "
         r"(?:could|can|would|will) (?:ever )?(?:stand|love|want|like) (?:you|u|someone (?:as|like)"
         r")", 0.65, neg=NEG_NONE),
    Rule("insult.de2", r"\b(?:du bist (?:einfach )?(?:nur )?(?:erbarmlich|erbärmlich|armselig|"
         r"widerlich|ekelhaft|nichts wert)|du (?:dumme|blode|blöde) (?:kuh|sau|schlampe|ziege))",
         0.75, lang="de"),
]

SPEC = SignalRules("insult", RULES, jokeable=True, trigger_re=OBFUSCATED)
