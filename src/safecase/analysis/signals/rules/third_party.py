"""third_party: contacting or involving the person's family, friends, colleagues,
employer, landlord or children ("I'll call your boss", "I had a nice chat with your mum",
"I went to your work").

Friendly errands ("tell your mum happy birthday", "say hi to your sister for me") are weak
on their own.
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules, anchor_words

CIRCLE = r"(?:{KIN}|{WORKPLACE}|ex|exes|followers|contacts|kid's school|kids' school|kids school)"

FRIENDLY = (
    r"(?:happy birthday|happy bday|merry christmas|happy (?:new year|holidays|easter|anniversary|"
    r"mother'?s day|father'?s day)|congrat|get well|thank (?:her|him|them)|thanks|for me\b|"
    r"say hi|says hi|said hi|sends (?:her|his) love|send (?:her|him|them) my love|"
    r"hope (?:she|he|they)(?:'s| is| are| feels?)|how is (?:your|ur)|how's (?:your|ur)|"
    r"invite|invited|the party|dinner on|bbq|about the (?:car|rent|keys|bill|repair|leak)|"
    r"called (?:here|the house) (?:for|looking for) (?:you|u)|wants (?:you|u) to call)"
)

CIRCLE_WORDS = anchor_words(CIRCLE)

RULES = [
    Rule("third_party.will_contact",
         rf"\b(?:{{I_WILL}}|i (?:might|may|could|should|think i'll|think ill)|time to|maybe i'll|"
         rf"maybe ill|don'?t make me|i swear i'll|i'll just|ill just|i'll have to|i will have to) "
         rf"(?:{{W2}})?{{CONTACT}} (?:{{YOUR}}|ur|all (?:your|ur)|every one of (?:your|ur)|each of "
         rf"(?:your|ur)) (?:{{W2}})?{CIRCLE}\b", 0.85, neg=NEG_IN, unless=FRIENDLY,
         anchors=CIRCLE_WORDS),
    Rule("third_party.did_contact",
         rf"\b(?:{{I_HAVE}}|{{I_AM}}|we|we've|we have|i've already|ive already|i already|guess who|"
         rf"guess who (?:i|just)|and|then|so i|i just|i've just) (?:{{W2}})?{{CONTACT}} (?:{{YOUR}}|ur|all (?:your|ur)) (?:{{W2}})?{CIRCLE}\b",
         0.8, neg=NEG_IN, unless=FRIENDLY,
         anchors=CIRCLE_WORDS),
    Rule("third_party.met_circle",
         r"\b(?:i|we) (?:\w+ )?(?:met|saw|ran into|bumped into|had (?:a |an )?(?:\w+ )?(?:chat|"
         r"talk|coffee|drink|lunch|conversation|word) with|spent time with|hung out with|picked "
         r"up|dropped off|followed|waited for|am friends with|'m friends with|m friends with|"
         r"added|friended|befriended|found|looked up|know where) (?:{YOUR}|ur) (?:{W2})?"
         r"(?:{KIN}|{WORKPLACE}|kid's school|kids' school|kids school)\b|\b(?:{I_AM}|i'm now|"
         r"im now) (?:now )?(?:friends|friendly|close|mates) with (?:{YOUR}|ur) (?:{W2})?{KIN}|"
         r"\bpicked (?:{YOUR}|ur) (?:\w+ )?{KIN} up|\bguess who (?:i |i just )?(?:met|saw|"
         r"bumped into|ran into|spoke to|talked to|called|visited|had \w+ with)\b[^.!\n]{0,20}"
         r"[?.!]*\s*(?:{YOUR}|ur) (?:\w+ ){0,2}?(?:{KIN}|{WORKPLACE})", 0.7, neg=NEG_IN,
         unless=FRIENDLY,
         anchors=CIRCLE_WORDS),
    Rule("third_party.circle_knows",
         r"\b(?:{YOUR}|ur) (?:{W2})?(?:{KIN}|{WORKPLACE}) (?:now )?(?:knows?|will know|"
         r"is going to know|is gonna know|gonna know|will find out|told me (?:everything|all about|"
         r"where|that you|what you|about you|your)|answered (?:the|my)|picked up (?:the|my|when)|"
         r"let me in|was (?:very )?(?:helpful|surprised|shocked) (?:to hear|when i)|gave me "
         r"(?:your|ur)|didn'?t (?:know|believe) (?:you|u|me|what|that)|"
         r"deserves to know|needs to know|has a right to know|should know|will hear|is going to "
         r"hear|will get|'s gonna get|will be getting|got my (?:email|letter|message|text|call)|"
         r"(?:has|have) (?:my|a) (?:letter|email|message|number)|and i (?:had|have been|are|"
         r"talked|spoke|chatted)|(?:is|are) (?:on my side|friends with me|talking to me|"
         r"following me)|liked my)\b", 0.7, neg=NEG_NONE, unless=FRIENDLY,
         anchors=CIRCLE_WORDS),
    Rule("third_party.went_to",
         r"\b(?:(?:i|we) (?:\w+ )?)?(?:went|came|drove|stopped|showed up|turned up|popped|came by|"
         r"swung by) (?:to|by|round|around|at|over to|into) (?:{YOUR}|ur) (?:{W2})?"
         r"(?:work|office|job|workplace|school|kids' school|kid's school|kids school|"
         r"parents|mom's|mum's|dad's|sister's|brother's|friend's|church|gym|uni|college|"
         r"grandma's|nan's|bestie's)\b", 0.7, neg=NEG_IN, unless=FRIENDLY,
         anchors=CIRCLE_WORDS),
    Rule("third_party.spread_to_circle",
         r"\b{SPREAD}\b[^.!?\n]{0,40}? to (?:{YOUR}|ur|all (?:your|ur)|every one of (?:your|ur)) "
         r"(?:[\w']+ )?(?:{KIN}|{WORKPLACE})\b|(?:^|[.!?]\s+)(?:told|emailed|texted|called|messaged|"
         r"rang|visited|contacted|wrote to) (?:{YOUR}|ur|all (?:your|ur)) (?:[\w']+ )?(?:{KIN}|"
         r"{WORKPLACE})\b|\b(?:{YOUR}|ur) (?:\w+ )?(?:{KIN}|{WORKPLACE})(?:'s|s| is| are)? (?:going "
         r"to|gonna|will|would) (?:love|enjoy|be (?:very )?interested in) (?:reading|seeing|hearing|"
         r"watching|this|these|that)|\b(?:{YOUR}|ur) (?:\w+ )?(?:{KIN}|{WORKPLACE}) (?:deserves?|"
         r"needs?|has a right|have a right) to know", 0.75, neg=NEG_IN, unless=FRIENDLY,
         anchors=CIRCLE_WORDS),
    Rule("third_party.be_at",
         r"\b(?:{I_WILL}|i'm going to|im going to) (?:be|go|come|show up|turn up|pop up) (?:at|to) "
         r"(?:{YOUR}|ur) (?:\w+ )?(?:{KIN})(?:'s|s)\b|\b(?:{I_WILL}) (?:\w+ )?(?:talk|speak|go|"
         r"complain|write) to (?:hr|human resources|the school|your school|the principal)\b", 0.75,
         neg=NEG_IN, unless=FRIENDLY),
    Rule("third_party.say_hi",
         r"\b(?:say hi|say hello|tell) (?:to )?(?:your|ur) (?:\w+ )?(?:kids|children|son|daughter|"
         r"mom|mum|mother|sister|boyfriend|husband|new man|new guy|boss|baby|little one)(?! (?:for "
         r"me|happy|i said|congrat|thanks|thank))", 0.35, neg=NEG_NONE),
    Rule("third_party.es",
         r"\b(?:voy a (?:llamar|hablar con|contarle a|escribir a|decirle a|visitar a) (?:a )?(?:tu|tus) "
         r"(?:madre|padre|padres|familia|jefe|jefa|hermana|hermano|hijos|amigos|novio|marido|"
         r"esposo|trabajo)|(?:hable|he hablado) con (?:tu|tus) (?:madre|padre|padres|jefe|"
         r"familia|hermana|amigos))\b", 0.85, neg=NEG_NONE, lang="es"),
    Rule("third_party.fr",
         r"\b(?:je vais (?:appeler|contacter|ecrire a|parler a|prevenir) (?:ta|ton|tes) (?:mere|"
         r"pere|parents|famille|patron|patronne|chef|soeur|frere|enfants|amis|copain|mari)|j'ai "
         r"(?:parle|appele|ecrit) a (?:ta|ton|tes) (?:mere|pere|parents|patron|famille|soeur))\b",
         0.85, neg=NEG_NONE, lang="fr"),
    Rule("third_party.de",
         r"\b(?:(?:ich (?:werde|rufe|schreibe|erzahle|sage)|(?:erzahle|sage|zeige|schicke) ich) "
         r"(?:es |alles |das )?(?:deine[mnr]?|deinen) (?:mutter|"
         r"vater|eltern|familie|chef|chefin|schwester|bruder|kindern|kinder|freunden|freund|mann)|"
         r"ich (?:habe|hab) mit (?:deiner|deinem|deinen) (?:mutter|vater|eltern|chef|chefin|"
         r"schwester|freunden) (?:gesprochen|geredet))\b", 0.85, neg=NEG_NONE, lang="de"),
]

_KIN_WORDS = """family fam kid kids kiddo kiddos children child son sons daughter daughters baby
    babies mom mum mommy mummy mother mama dad daddy father papa parent parents folks sister
    sisters sis brother brothers bro grandma grandmother nan nana granny grandpa grandfather
    grandparents aunt auntie uncle cousin cousins husband hubby wife boyfriend girlfriend bf gf
    partner fiance fiancee new man guy girl boo friend friends bestie best mate mates roommate
    roommates flatmate flatmates boss bosses manager supervisor employer work job office
    workplace company colleague colleagues coworker coworkers co workers team hr human
    resources ceo landlord landlady neighbour neighbours neighbor neighbors teacher teachers
    professor school uni university college church pastor coach therapist doctor client
    clients customer customers ex exes followers contacts gym grandma's"""

# Broadened families (2.0.0): what was done with someone close to the person, said after
# the fact ("had a chat with your sister", "your landlord and I", "HR at your firm").
_WHO = r"(?:{KIN}|{WORKPLACE}|ex|exes|dad's care home|mum's care home|firm|work mates)"
RULES += [
    Rule("third_party.had_a_chat",
         r"\b(?:had|have had|having|been having) (?:a |an )?(?:[\w']+ )?(?:chat|talk|word|"
         r"conversation|coffee|catch ?up|drink|lunch|meeting) with (?:{YOUR}) (?:[\w']+ )?" + _WHO +
         r"|\b(?:{YOUR}) (?:[\w']+ )?" + _WHO + r" and (?:i|me)\b(?! (?:are|were) (?:going|coming|"
         r"off|heading))|\b(?:i(?:'ve| have)? )?(?:been )?(?:talking|speaking|chatting|emailing|"
         r"texting|messaging|writing) (?:to|with) (?:{YOUR}) (?:[\w']+ )?" + _WHO, 0.62,
         unless=FRIENDLY),
    Rule("third_party.reached",
         r"\b(?:i )?(?:emailed|rang|called|phoned|messaged|texted|wrote to|dm'?d|dmed|visited|"
         r"contacted|left a note for|sent a letter to|posted a letter to|reported (?:you )?to|"
         r"complained to|tracked down|found) (?:hr|the hr|human resources|the manager|the head|"
         r"the headteacher|the principal|the school|the nursery|the landlord|the police|"
         r"{YOUR} (?:[\w']+ )?" + _WHO + r")\b(?:'s)?", 0.6, unless=FRIENDLY),
    Rule("third_party.hr_at",
         r"\b(?:hr|human resources|management|your manager|the boss|the head|the director|"
         r"security) (?:at|in|of) (?:your|ur) (?:firm|work|office|company|job|school|"
         r"workplace|place)", 0.6),
    Rule("third_party.they_did",
         r"\b{YOUR} (?:[\w']+ )?(?:{KIN}|ex|landlord|boss|manager|neighbou?rs?|colleagues?|"
         r"coworkers?|friends?) (?:added|followed|accepted|replied to|messaged|told|emailed|"
         r"called|answered|unblocked) me\b", 0.6),
    Rule("third_party.near_children",
         r"\b(?:outside|at|near|by|round|around) (?:{YOUR}) (?:[\w']+ )?(?:{KIN})(?:'s|s)? "
         r"(?:school|nursery|school gate|gate|class|practice|club|work|house|flat|home)|"
         r"\b(?:saw|seen|met|spoke to|talked to|waited for) (?:{YOUR}) (?:son|daughter|kids?|children|"
         r"boy|girl|little one|baby) (?:at|outside|on|near|after|today)",
         0.6, unless=FRIENDLY),
    Rule("third_party.find_another_way",
         r"\b{YOUR} (?:[\w']+ )?(?:{KIN}|friends|family) (?:keep|keeps|can|can't|won't|are) "
         r"(?:blocking|block|ignoring|ignore|protect|hide|stop)|(?:find|found) (?:another|a) way "
         r"to (?:reach|get to|contact) (?:them|your|ur)", 0.6),
]

SPEC = SignalRules("third_party", RULES, jokeable=False)
