"""coercion: blackmail, ultimatums, demands backed by a consequence, and self-harm threats
used as leverage ("if you leave me I'll kill myself").

A condition alone is not coercion ("if you want, I'll pick you up", "if you don't mind
I'll bring snacks"): the consequence has to hurt, expose or pressure the person.
Boundary-setting is not coercion either ("stop or I'll call the police").
"""

from __future__ import annotations

from .base import NEG_NONE, Rule, SignalRules, anchor_words

# What the person is pressed to do or not to do.
CONDITION = (
    r"(?:(?:if|unless|until|till|untill|if ever|the moment|the minute|the second|as soon as|"
    r"every time|next time) (?:you|u|ya|ur|your)\b|if i (?:don'?t|do not|dont|can'?t) (?:hear "
    r"from|get|see) (?:you|u|a reply|an answer|back))"
)

# Harmful consequences.
HARMFUL = (
    r"(?:(?:i'll|ill|i will|i'm going to|im going to|i'm gonna|im gonna|i am going to|i am gonna|"
    r"i'd|i would|i swear i'll|i swear ill|i shall|ima|imma|i'ma|then i'll|then ill|i'll have to|"
    r"ill have to|i will have to|i'm gonna have to|im gonna have to) (?:\w+ )?(?:tell|show|send|"
    r"post|share|leak|upload|publish|expose|spread|forward|release|email|text|call|ring|"
    r"message|visit|contact|ruin|destroy|end|hurt|kill|make|come|show up|turn up|be at|wait|"
    r"find|tell everyone|let everyone|let your|keep|never|do something|go to your|"
    r"report you|get you|take|burn|cut|jump|crash|drive|disappear|overdose|"
    r"make sure|break|smash|stop paying|cut off|throw|kick|say (?:you|that you|it was you)|"
         r"claim|lie|tell (?:them|the police|the court|the judge|people|everyone))|(?:i'm|im|i am) "
         r"(?:coming|going|driving) (?:to|over|round|by) (?:your|ur|to your|there)|(?:i'm|im|i am) "
         r"(?:taking|sending|posting|telling|calling|showing|coming|ending)|everyone (?:will|is going to|is gonna|"
    r"'ll) (?:see|know|find out|hear)|(?:your|ur) (?:\w+ )?(?:boss|family|mom|mum|dad|parents|"
    r"husband|wife|boyfriend|girlfriend|kids|friends|job|work|school) (?:(?:will|is going to|'ll) "
    r"(?:know|find out|see|hear|get|be)|knows|finds out|sees|hears|gets)|you(?:'ll| will|ll) (?:regret|be sorry|pay|see what|"
    r"lose|never see|wish|learn|find out what)|(?:you|u) (?:know|see) what (?:will|'ll) happen|"
    r"(?:there will be|there'll be) consequences|it(?:'ll| will) be (?:on you|your fault)|"
    r"(?:that|this) (?:video|photo|pic|picture|tape|recording)s? (?:go|goes|will go) "
    r"(?:online|public|viral|out))"
)

# Legitimate boundaries: "stop or I'll call the police" is the person protecting themself.
BOUNDARY = (
    r"(?:(?:i'll|ill|i will|i'm going to|im going to|i'm gonna|im gonna|or i|i have to|i'll have "
    r"to) (?:\w+ )?(?:call(?:ing)? the (?:police|cops|guards)|report (?:you|u|this|it) to (?:the )?(?:police|"
    r"cops|platform|instagram|facebook)|get a (?:restraining|protection) order|contact (?:my|a) "
    r"(?:lawyer|solicitor|attorney)|go to the police|block (?:you|u|your number)))"
)

RULES = [
    Rule("coercion.if_then",
         rf"\b{CONDITION}(?! (?:want|like|need|can|get a chance|have time|wanna|prefer|don'?t "
         rf"mind|do not mind|are free|'re free|are up for|feel like|change your mind|are hungry|"
         rf"are cold|are late|are running late|need anything|have any|see this|get this|read this))"
         rf"[^.!?;]{{0,80}}?[,;:-]?\s*(?:then\s+|i swear\s+|i promise\s+)?{HARMFUL}",
         0.8, neg=NEG_NONE, unless=BOUNDARY, anchors=anchor_words(CONDITION)),
    Rule("coercion.or_else",
         r"\b(?:or else|or (?:you'll|you will|ull|u will) (?:regret|be sorry|see|pay|lose|wish)|"
         r"or (?:i'll|ill|i will|i'm going to|im gonna|i'm gonna|i swear|i|i'm|im|i am) (?:[\w']+ ){0,2}?(?:tell|"
         r"taking|telling|posting|sending|coming|going|show|send|post|"
         r"share|leak|upload|expose|spread|email|call (?:your|ur)|come|make|ruin|hurt|kill|end|"
         r"do something|find|never|show up|visit|text (?:your|ur))|or everyone (?:will|sees|"
         r"finds out)|or (?:your|ur) (?:\w+ )?(?:boss|family|mom|mum|dad|parents|husband|wife|"
         r"kids|friends|job) (?:will|gets|finds|sees))\b", 0.8, neg=NEG_NONE, unless=BOUNDARY),
    Rule("coercion.harm_if",
         r"\b(?:{I_WILL}|something (?:bad |terrible |awful )?(?:is going to|will|'ll|is gonna|gonna|"
         r"might|could) happen to) (?:\w+ ){0,2}?(?:kill|hurt|break|burn|slash|smash|stab|shoot|"
         r"beat|post|leak|expose|ruin|destroy|end|make (?:your|ur) life|tell everyone|tell (?:your|ur)|"
         r"send (?:them|it|the|those|these|your \w+) to|show (?:everyone|your|ur)|come (?:to|over|"
         r"round) (?:your|ur)|show up (?:at|to)|take the kids|call (?:your|ur)|you|your|ur)"
         r"[^.!?]{0,60}?\b(?:if|unless|when|the moment) (?:you|u|ya) (?:ever |even |so much as )?"
         r"(?!want|like|need|can|get a chance|have time|wanna|prefer|don'?t mind|are free|feel like|"
         r"are hungry|are cold|ask|let me)\w+", 0.8, neg=NEG_NONE, unless=BOUNDARY),
    Rule("coercion.keep_and_see",
         r"\bkeep (?:\w+ing)(?: me| my \w+)? (?:and|&) (?:see|watch|you'?ll|i'?ll|ill|find out)\b|"
         r"\b(?:i'll|ill|i will) (?:stop|leave (?:you|u) alone|go away|delete (?:it|them|everything)|"
         r"back off) (?:\w+ ){0,3}?(?:if|once|when|as soon as) (?:you|u) (?:meet|see|talk|call|give|"
         r"send|come|answer|reply|agree|sleep|go out)", 0.8, neg=NEG_NONE),
    Rule("coercion.refuse_and",
         r"\b(?:refuse|say no|ignore (?:me|this)|block me|don'?t (?:answer|reply|come|show up)|say "
         r"anything|tell anyone|go to the police) (?:and|&) (?:i'?ll|ill|i will|it goes|they go|"
         r"everyone|your|you'?ll|ull|the (?:pics|photos|video))\b|\b(?:one|1) (?:coffee|date|drink|"
         r"meeting|night|call) (?:and|&) (?:i'?ll|ill|i will) (?:delete|stop|leave (?:you|u) alone|go "
         r"away|back off)", 0.8, neg=NEG_NONE),
    Rule("coercion.ultimatum",
         r"\b(?:(?:this is |it's |its )?(?:your|ur) (?:last|final) (?:chance|warning)|"
         r"(?:you|u) have (?:until|till|til|untill|\d+|one|two|three|"
         r"five|ten|24|48) (?:hours?|hrs?|minutes?|mins?|days?|seconds?|tonight|tomorrow|"
         r"midnight|friday|monday|the end of)\b(?! left| remaining| to (?:return|renew|complete|"
         r"claim|book|apply|register|submit|enjoy|use|redeem|cancel|activate|finish))|(?:you|u) (?:have|got) (?:\w+ )?(?:hours?|minutes?|"
         r"mins?|days?) to (?:answer|reply|respond|call|pay|decide|come|meet|send|unblock|"
         r"change|get back|text)|the clock is ticking|clock's ticking|time is running out|"
         r"(?:you'd|you had|u better|you better|ya better) (?:\w+ )?(?:answer|reply|respond|call|"
         r"pay|come|meet|unblock|do|send|get|be|text|pick up|listen)\b(?:[^.!?]{0,40})? or\b|"
         r"do (?:what|as) i (?:say|tell you|told you)|(?:do|did) (?:you|u) "
         r"want (?:me to|everyone to) (?:tell|show|send|post|call)|don'?t make me (?:do|tell|"
         r"show|send|post|call|come|use)|(?:your|ur) choice\W+(?:answer|meet|pay|or))",
         0.7, neg=NEG_NONE),
    Rule("coercion.or_pills",
         r"\b(?:or (?:i'm|im|i am|i'll|ill|i will) (?:taking|take|swallowing|doing|going to do|ending|"
         r"jumping|cutting|hurting|killing) (?:\w+ )?(?:pills|it|myself|something)|(?:taking|take) "
         r"(?:all )?(?:these|the|my) pills)\b", 0.8, neg=NEG_NONE),
    Rule("coercion.weak",
         r"\b(?:last chance|final warning|(?:you|u) owe me|after everything i(?:'ve| have)? done "
         r"for (?:you|u)|(?:you|u) made me do (?:this|it))\b", 0.35, neg=NEG_NONE),
    Rule("coercion.blackmail",
         r"\b(?:pay (?:me|up)|send (?:me )?(?:[$£€]\s?\d+|money|cash|bitcoin|btc|crypto|the money|"
         r"gift ?cards?)|wire (?:me|the)|venmo me|cashapp me|paypal me)(?:[^.!?]{0,60})?\b(?:or|unless|if "
         r"(?:you|u) (?:don'?t|do not|dont|want|wanna|wish)|and i(?:'ll| will|ll) (?:delete|keep|"
         r"not|never|stay|leave|make))\b", 0.85, neg=NEG_NONE),
    Rule("coercion.self_harm",
         r"\b(?:i(?:'ll| will|ll|'m going to|m going to|'m gonna|m gonna| am going to| swear i'll| "
         r"swear ill|'d rather| would rather| might| may| could)? ?(?:kill|hurt|cut|harm|end|off) "
         r"myself|i(?:'ll| will|ll|'m going to|m going to|'m gonna|m gonna) end (?:it|it all|my "
         r"life|everything)|i (?:don'?t|do not|dont) want to (?:live|be alive|be here|exist)|"
         r"(?:take|end) my (?:own )?life|(?:i'll|ill|i will) (?:jump|overdose|take (?:all )?"
         r"(?:the|my) pills|drive (?:my car )?into|do something stupid|disappear forever)|"
         r"my blood (?:will be|is) on (?:your|ur) hands|it(?:'ll| will) be (?:your|ur) fault (?:if|"
         r"when) i|(?:you|u)(?:'ll| will| will have) (?:have )?killed me|you(?:'re| are) killing "
         r"me by|(?:you|u) (?:will|'ll) be responsible)\b", 0.8, neg=NEG_NONE,
         unless=r"(?:lol|lmao|haha|this (?:exam|heat|traffic|week|job|homework)|so (?:embarrass|"
         r"awkward|tired|bored)|(?:kill|killing) myself (?:laughing|at|over|with|for|trying|"
         r"studying|working))"),
    Rule("coercion.es",
         r"\b(?:si no (?:me )?(?:contestas|respondes|llamas|vuelves|quedas)[^.!?]{0,40}?(?:voy a|"
         r"te vas a|le (?:voy|dire)|les (?:voy|dire)|todos van a)|o (?:si no|sino) (?:vas a|"
         r"te vas a)|me voy a matar si|me mato si|es tu ultima oportunidad)\b", 0.8,
         neg=NEG_NONE, lang="es"),
    Rule("coercion.fr",
         r"\b(?:si tu ne (?:me )?(?:reponds|rappelles|reviens)[^.!?]{0,40}?(?:je vais|tu vas|"
         r"tout le monde)|sinon je (?:vais|dis|montre|publie|envoie)|c'est ta derniere chance|"
         r"je vais me tuer si)\b", 0.8, neg=NEG_NONE, lang="fr"),
    Rule("coercion.de",
         r"\b(?:wenn du (?:nicht|mir nicht) (?:antwortest|zuruckrufst|zuruckkommst)[^.!?]{0,40}?"
         r"(?:werde ich|dann|wird jeder|erzahle|zeige)|sonst (?:werde ich|erzahle ich|zeige ich|"
         r"schicke ich|passiert)|das ist deine letzte chance|ich bring mich um wenn)\b", 0.8,
         neg=NEG_NONE, lang="de"),
]

# Broadened families (2.0.0): demand + "or" + consequence, deadlines, drop-the-charges.
RULES += [
    Rule("coercion.or_consequence",
         r"\b(?:or|otherwise|else) (?:i(?:'m| am|m)? (?:coming|going|gonna|will|'ll|ll)|i(?:'ll| will)|"
         r"ill|i swear|those|these|the|your|ur|everyone|everybody|i'm telling|i tell|you'll|"
         r"you will)\b[^.!?]{0,50}(?:over|round|to your|go everywhere|go online|goes? (?:online|"
         r"public|out|everywhere)|telling|tell|know|regret|sorry|post|send|show|call|court|police|"
         r"myself|work|house|school|door)", 0.6,
         unless=r"\b(?:or not|either way|no worries|up to you|lol|whichever)\b"),
    Rule("coercion.drop_charges",
         r"\b(?:drop|withdraw|pull|cancel|take back) (?:the |your |ur |that )?(?:charges?|police "
         r"report|report|complaint|case|statement|restraining order|injunction|order)|"
         r"(?:you know|you'll see|find out) what happens (?:if|when) (?:you|u) (?:don'?t|do not|"
         r"won'?t)|your (?:choice|call|decision)\.?$|(?:until|till|til|by) (?:you|u) "
         r"(?:agree|say yes|come back|unblock)|not before|(?:nobody|no one|noone) (?:needs|has|"
         r"will need) to (?:find out|know)|(?:do|does|did) what i (?:say|tell you|said)|"
         r"(?:you've|you have|youve|u have) got until|don'?t say i didn'?t warn (?:you|u)", 0.62,
         neg=NEG_NONE),
    Rule("coercion.self_harm_leverage",
         r"\b(?:or|unless|if (?:you|u) (?:don'?t|leave|go|block)|by tonight or)\b[^.!?]{0,40}"
         r"(?:do something stupid|hurt myself|kill myself|end it|overdose|take (?:all )?(?:my|the) "
         r"pills|won'?t be here|jump)", 0.7, neg=NEG_NONE),
]

SPEC = SignalRules("coercion", RULES, jokeable=False)
