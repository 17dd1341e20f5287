"""fixation: obsessive, possessive or entitled attachment ("you're mine", "we're meant to
be", "I'll never give up on us", "I can't live without you").

Ordinary affection ("love you, see you tonight", "miss you bestie") is not fixation; a
plain "I love you" only adds a little weight to stronger signs.
"""

from __future__ import annotations

from .base import NEG_NONE, Rule, SignalRules

RULES = [
    Rule("fixation.mine",
         r"\b(?:{YOURE} (?:\w+ )?(?:mine|all mine|only mine|my (?:wife|woman|girl|property|"
         r"everything|whole world|world|soulmate|soul mate|destiny)|meant (?:to be )?(?:for|with) "
         r"me)|(?:you|u) (?:belong|will always belong|'ll always belong) (?:to|with) me|"
         r"(?:you|u) (?:will|'ll) (?:always )?be mine|(?:you|u) (?:are|r) my (?:wife|girl|woman)"
         r"(?:,|\.|!| whether| no matter| and nobody| and no one| forever)|mine forever|forever mine|"
         r"nobody else can have (?:you|u)|if i can'?t have (?:you|u)|(?:no one|nobody|noone) else "
         r"(?:will|can|gets to|is allowed to|is going to|gonna) (?:ever )?(?:have|touch|be with|date|"
         r"love|get) (?:you|u)|(?:no one|nobody|noone)(?: else)? (?:will|can|could|'ll)? ?(?:ever )?"
         r"(?:love|want|care about|understand|know) (?:you|u) (?:like|the way|as much as|as well as) "
         r"(?:i|me)|{YOU_WILL} (?:always |forever )?be (?:mine|my (?:wife|girl|woman|husband|man|"
         r"property|everything|baby))|(?:you|u) (?:can'?t|cannot|"
         r"are not allowed to|aren'?t allowed to) (?:be|date|see|love) (?:with )?(?:anyone|anybody|"
         r"someone|somebody|other (?:men|guys|people|women)) (?:else|but me)|"
         r"i own (?:you|u))\b", 0.85, neg=NEG_NONE),
    Rule("fixation.meant_to_be",
         r"\b(?:(?:we|us|you and me|you and i|u and me)(?: are| were| r|'re| re)? (?:meant|destined|"
         r"made|supposed) (?:to be together|for each other|to be\b(?! (?:at|in|on|there|here|"
         r"doing|going|meeting|\w+ing)))|soul ?mates?|twin flames?|{YOURE} "
         r"(?:my|the) (?:one|soul ?mate|destiny|twin flame)\b(?! (?:who|that|to|for|in|i|of))|"
         r"(?:fate|destiny|god|the universe|life) (?:brought|put|wants|meant|made|keeps bringing) "
         r"us (?:together|for each other|to be)|(?:you|u) (?:were|are|'re|was) (?:made|meant|born) "
         r"for me|(?:it|this|we|us) (?:is|was|are) "
         r"(?:fate|destiny)|the universe (?:wants|brought) us)\b", 0.8, neg=NEG_NONE,
         also=frozenset({'soulmate', 'twinflame', 'soulmates'})),
    Rule("fixation.never_give_up",
         r"\b(?:i(?:'ll| will|ll)? never (?:ever )?(?:give up on (?:you|u|us|this)|give up|stop "
         r"(?:loving|wanting|chasing|waiting for|trying|thinking about|coming) ?(?:you|u|us|for "
         r"(?:you|u)|after (?:you|u)|back|to you)?|let (?:you|u) go|"
         r"leave (?:you|u) alone|move on|be without (?:you|u)|forget (?:you|u|us))|i (?:won'?t|"
         r"will not|refuse to|cannot|can'?t) (?:ever )?(?:give up on (?:you|u|us)|stop (?:loving|"
         r"wanting|chasing|waiting for|thinking about|trying to (?:get|win|reach|see)) (?:you|u|us|ya)|"
         r"let (?:you|u) go|move on|"
         r"leave (?:you|u) alone|live without (?:you|u)|forget (?:you|u))|i(?:'ll| will|ll) "
         r"(?:always )?wait (?:for (?:you|u) )?(?:forever|as long as it takes|no matter|until "
         r"you|till you|my whole life)|i(?:'ll| will|ll) (?:always|forever) (?:be (?:there|here|"
         r"around|watching|waiting)|love (?:you|u) no matter|find (?:you|u)|come back)|"
         r"(?:you|u) (?:can'?t|cannot|won'?t|will never) (?:get rid of|escape|leave|lose|shake) "
         r"me|(?:you|u)(?:'ll| will|ll) (?:come back to me|come crawling back|realize we belong|"
         r"see we belong)|"
         r"(?:we|us)(?: will|'ll| are going to| are gonna|'re going to|'re gonna| r gonna) be together "
         r"(?:forever|again|one day|no matter|whether|someday|some day|eventually)|"
         r"i(?:'ll| will|ll)? never (?:ever )?stop(?=\s*[.!]|\s*$)|let me love (?:you|u)|why (?:won'?t|"
         r"wont|can'?t|cant|don'?t|dont) (?:you|u) (?:love|want) me)\b", 0.8, neg=NEG_NONE),
    Rule("fixation.repeat_love", r"(?:\bi love (?:you|u)\b[\s,.!]*){3,}", 0.7, neg=NEG_NONE),
    Rule("fixation.cant_live",
         r"\b(?:i (?:can'?t|cannot|could not|couldn'?t) (?:live|breathe|sleep|eat|function|go on|"
         r"survive|stop thinking about (?:you|u)|get (?:you|u) out of my head|exist|be happy) "
         r"without (?:you|u)|i (?:can'?t|cannot) stop thinking about (?:you|u)|(?:you|u) (?:are|"
         r"r|'re) (?:all|the only thing) i (?:think|thought|dream) about|i think about (?:you|u) "
         r"(?:every|all the|24/7|day and night|constantly|nonstop|non stop)|i (?:dream|dreamt|"
         r"dreamed) (?:about|of) (?:you|u) every|(?:you|u) (?:are|r|'re) my (?:whole )?"
         r"(?:life|everything|reason|obsession|world)|i(?:'m| am|m) (?:obsessed|addicted) "
         r"(?:with|to) (?:you|u)|i (?:need|have to have|must have) (?:you|u)(?: back)? "
         r"(?:in my life|back|so bad|more than|to survive|or i|i can'?t)|without (?:you|u) i "
         r"(?:am|'m|m) nothing|i (?:kept|keep|saved|have|still have) (?:all )?(?:your|ur) "
         r"(?:hair|photos|pictures|letters|underwear|things|clothes|picture|stuff|shirt) (?:in|"
         r"on|under|next|by|and)|our (?:wedding|future kids|children|future together|"
         r"babies|life together)|(?:i|we) (?:will|'ll|ll) get married|marry me)\b", 0.75, neg=NEG_NONE),
    Rule("fixation.love_you", r"\b(?:i love (?:you|u)|i luv (?:you|u)|ily|i adore (?:you|u)|"
         r"i miss (?:you|u) so (?:much|bad)|i need (?:you|u))\b", 0.2, neg=NEG_NONE),
    Rule("fixation.es",
         r"\b(?:eres mia|eres mio|eres solo mia|siempre seras mia|me perteneces|estamos hechos el "
         r"uno para el otro|nunca (?:te voy a dejar|me voy a rendir|voy a renunciar a ti)|"
         r"no puedo vivir sin ti|si no eres mia no seras de nadie)\b", 0.85, neg=NEG_NONE, lang="es"),
    Rule("fixation.fr",
         r"\b(?:tu es a moi|tu m'appartiens|t'es a moi|nous sommes faits l'un pour l'autre|je ne "
         r"(?:te laisserai|lacherai) jamais|je ne peux pas vivre sans toi)\b", 0.85, neg=NEG_NONE,
         lang="fr"),
    Rule("fixation.de",
         r"\b(?:du gehorst (?:nur )?mir|du bist (?:nur )?mein|wir sind fureinander bestimmt|ich "
         r"(?:gebe|geb) (?:dich|uns) (?:niemals|nie) auf|ich kann nicht ohne dich leben)\b", 0.85,
         neg=NEG_NONE, lang="de"),
]

# Broadened families (2.0.0): waiting, belonging, keeping, forever, and rivals as placeholders.
RULES += [
    Rule("fixation.waiting",
         r"\b(?:i(?:'ll| will|ll)? (?:always )?(?:wait|be waiting|be here waiting) (?:for (?:you|u) )?"
         r"(?:forever|as long as|for as long|however long|no matter|years|until|till|til|\d+ more)|"
         r"(?:waited|waiting) (?:\d+|so many|all these|years|months) (?:years?|months?)? ?for (?:you|u)|"
         r"(?:you|u)(?:'ll| will) (?:come|be) back (?:to me|eventually)|come back to me|"
         r"(?:i'm|im|i am|i'll|ill|i will) (?:never|not) (?:letting|let|going to let|gonna let) "
         r"(?:you|u|this|us|it) go|(?:never|not) let (?:you|u) go)", 0.7, neg=NEG_NONE),
    Rule("fixation.belong",
         r"\b(?:(?:you|u) (?:belong|belongs) (?:with|to) me|(?:made|meant|born) for each other|"
         r"(?:nothing|no one|noone|nobody) (?:and (?:no one|nobody) )?(?:will|can|could|is going to) "
         r"(?:ever )?(?:come between|separate|replace|love (?:you|u) (?:like|the way|as much))|"
         r"(?:never|won't|will never) be anyone else|only you\.? forever|every (?:guy|man|boy|girl|woman|one) (?:you|u) (?:date|see|are with)|"
         r"keeping my (?:seat|place|spot|side of the bed) warm|in the eyes of god|"
         r"(?:our|this) (?:story|love|relationship) (?:isn'?t|is not|will never be|won't ever be) "
         r"(?:over|finished|done)|(?:every|all the) songs? .{0,25}(?:about us|reminds? me of (?:you|u))|"
         r"(?:still )?(?:my|mine) (?:wife|husband|girl|woman|man|girlfriend|boyfriend) "
         r"(?:whatever|no matter|in my|forever|always))", 0.7, neg=NEG_NONE),
    Rule("fixation.keeping",
         r"\b(?:(?:i(?:'ve| have)?|ive) (?:kept|saved|still got|still have) (?:every|all|each) (?:of "
         r"(?:your|ur) )?(?:message|messages|text|texts|photo|photos|letter|letters|picture|pictures)|"
         r"(?:reading|read|looking at|watching) (?:them|all of them|your \w+|ur \w+) (?:all )?again|"
         r"(?:under|on) my pillow|smell (?:you|u)\b|named (?:my|our|the) [\w ]{1,20} after "
         r"(?:you|u)|(?:think|thinking|dream|dreaming) (?:about|of) (?:you|u) (?:every|all|day and|"
         r"24/7|constantly|non ?stop)|(?:\d+|hundreds of|so many) (?:letters|poems|songs) (?:to|for|"
         r"about) (?:you|u)|writing to (?:you|u) every day)", 0.6, neg=NEG_NONE),
]

SPEC = SignalRules("fixation", RULES, jokeable=True)
