"""refusal: the person telling the other to stop ("please stop texting me", "leave me
alone", "I've blocked you"). Usually outgoing; it is what makes later contact provably
unwanted.

Not refusals: "stop ignoring me" (a demand for contact), "don't call me, I'm in a
meeting, text instead" (logistics), "stop calling me that" (a nickname), "I can't stop
thinking about you", "I blocked that spam number".
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules

STOP_WHAT = (
    r"(?:texting|txting|calling|ringing|phoning|messaging|msging|contacting|emailing|writing|"
    r"writing to|dming|sending|following|stalking|harassing|bothering|pestering|watching|"
    r"tracking|showing up|turning up|coming (?:to|by|round|over|near)|waiting (?:outside|for)|"
    r"hanging around|leaving (?:notes|gifts|flowers|things|stuff)|commenting|liking|tagging|"
    r"creating|making (?:new )?accounts|using (?:new|different) numbers|trying to (?:contact|"
    r"reach|talk to|call|see|find)|reaching out|asking (?:me )?(?:out|for)|begging|"
    r"threatening|blowing up my phone|spamming)"
)

# Temporary or practical: "don't call me now, I'm driving", "stop texting me memes lol".
TEMPORARY = (
    r"(?:(?:i'm|im|i am) (?:in a meeting|driving|at work|busy|in class|on the train|in the "
    r"cinema|at the movies|sleeping|in bed|at dinner|out)|text (?:me )?instead|call (?:me )?"
    r"instead|until|till|after \d|after (?:work|class|lunch|dinner|six|five|seven|eight|"
    r"nine|the meeting)|before \d|right now|at the moment|for now|this (?:morning|afternoon|"
    r"week)|today|tonight|memes|spoilers|gifs|tiktoks|reels|that (?:name|nickname)|"
    r"(?:calling|call) me (?:that|babe|baby|sweetie|names|dude|sir|madam|miss|bro|kiddo|"
    r"princess|by)|i'll call you|ill call you|i will call you|call you back|this number is "
    r"(?:for|only)|use my (?:work|other|new) (?:number|email)|my (?:new|other) number)"
)

RULES = [
    Rule("refusal.stop",
         rf"\b(?:(?:please|pls|plz|pleas|plse|just|now|seriously|for god'?s sake|for the last "
         rf"time|i'm asking you to|im asking you to|i am asking you to|i'm telling you to|"
         rf"i am telling you to|i need you to|you need to|i want you to|i asked you to|i told "
         rf"you to|i've asked you to|i have asked you to|i've told you to|i have told you to) "
         rf"(?:to )?)?(?:stop|quit|cease|stop it with) (?:the )?{STOP_WHAT}\b(?! (?:about|back|"
         rf"him|her|them|that guy|that girl|your ex|people|everyone|strangers|random))",
         0.8, unless=TEMPORARY,
         unless_pre=r"(?:\b(?:i'll|ill|i will|i'm going to|im going to|i won'?t|i wont|i never|i "
         r"can'?t|i cant|i'd|i would|never|i might|maybe i'll|i could|when i|then i'll)\s*)$"),
    Rule("refusal.leave_me_alone",
         r"\b(?:leave me (?:the (?:fuck|hell) )?(?:alone|be|in peace|out of (?:it|this|your))|"
         r"leave (?:my|me and my) (?:family|kids|children|friends|sister|mom|mum|parents|work|"
         r"boss|husband|wife|partner) (?:alone|out of)|let me (?:go|be|live my life|move on)|"
         r"stay away from (?:me|my)|keep away from (?:me|my)|go away|get (?:out of|away from) "
         r"my (?:life|house|property|door|face)|get lost|back off|lose my number|delete my "
         r"number|forget (?:about )?me|move on|we(?:'re| are|re) (?:done|over|finished|through)|"
         r"it(?:'s| is|s) over|i(?:'m| am|m) done with (?:you|u|this|us)|i(?:'m| am|m) (?:not "
         r"moving on)|(?:this is|consider this) (?:my|the|a|your) (?:final|last) (?:message|warning|"
         r"time))\b",
         0.8, unless=r"(?:\bif you (?:want|need|like)\b|lol|lmao|😂|🤣|haha|"
         r"in peace and quiet|(?:my|the) (?:phone|laptop|keys|bag) alone|let me go (?:to|and|"
         r"first|get|check|grab|see|home)|go away (?:for|this|next|on)|move on to|"
         r"(?:we're|we are|were) done (?:with|at|for|here|eating|packing|shopping)|"
         r"it'?s over (?:there|here|at|now|by)|game over|forget about me (?:lol|haha))"),
    Rule("refusal.said_no",
         r"\b(?:i(?:'m| am|m) (?:not interested|not coming back|not getting back together|not "
         r"changing my mind)|not interested(?! in (?:the|a|this|that|it|going|buying|seeing|"
         r"doing))|no means no|i said no|the answer is (?:still )?no|i want no (?:more )?(?:contact|"
         r"communication|relationship|messages)|no (?:further )?contact(?! (?:info|details|number|"
         r"form|page|us))|any (?:further|more) (?:messages|contact|calls|texts) will be (?:reported|"
         r"forwarded|passed))\b", 0.8, neg=NEG_NONE,
         unless=r"(?:lol|lmao|haha|😂|🤣|\bthe job\b|offer|job|position|role|deal|subscription|"
         r"newsletter)"),
    Rule("refusal.dont_want",
         r"\b(?:i (?:don'?t|do not|dont) want (?:you (?:anymore|any more|near me|in my life|"
         r"around|here|to (?:contact|call|text|message|come|write|see me|talk to me))|to (?:see|"
         r"hear from|talk to|speak to|be with|date|get back with) (?:you|u)|anything (?:to do )?"
         r"with (?:you|u)|any (?:contact|more contact|more messages|relationship|more calls)|"
         r"(?:this|us) (?:anymore|any more)|to be friends)|i(?:'ve| have)? (?:asked|told) (?:you|"
         r"u) (?:to stop|not to|many times|\d+ times|a hundred times|over and over))\b",
         0.85, neg=NEG_NONE, unless=r"(?:lol|lmao|haha|😂|🤣)"),
    Rule("refusal.dont_contact",
         r"\b(?:don'?t|do not|dont|never|stop trying to|you are not to|you're not to|you need to "
         r"stop trying to) (?:ever )?(?:call|text|message|contact|email|write to|write|come (?:to|"
         r"near|round|by|over to)|show up (?:at|to)|talk to|speak to|reach out to|dm|visit|follow|"
         r"approach|touch|look at|wait for) (?:me|my (?:house|home|work|office|place|flat|family|"
         r"kids|children|friends|parents))(?: (?:again|ever again|anymore|any more|ever|at all)|"
         r"[.!]|$)", 0.85, neg=NEG_NONE, unless=TEMPORARY),
    Rule("refusal.blocked",
         r"\b(?:i(?:'ve| have|ve|'m| am|m)? (?:\w+ )?(?:blocked|blocking|block|reported|reporting|"
         r"muted|deleted) (?:you|u|your (?:number|account|profile|email|calls)|ur (?:number|"
         r"account)|this number|you everywhere)|(?:you|u)(?:'re| are|r)? (?:now )?blocked|"
         r"(?:i|we)(?:'ll| will|ll|'m going to|m going to|'m gonna|m gonna) (?:\w+ )?(?:call|"
         r"contact|go to|report (?:you|this|u) to) the (?:police|cops|guards|gardai)|"
         r"(?:i(?:'ve| have)?|we(?:'ve| have)?) (?:called|contacted|gone to|been to|reported "
         r"(?:you|this|u) to) the (?:police|cops)|(?:restraining|protection|non-?molestation) "
         r"order|cease and desist|(?:my|a) (?:lawyer|solicitor|attorney) (?:will|is going to|has|"
         r"knows))\b", 0.8, neg=NEG_IN,
         unless=r"(?:spam|scam|telemarket|bot|robocall|that number|the number that|road|"
         r"drain|sink|toilet|artery|nose|ad|ads|pop-?ups?|cookies|that guy|some guy|random)"),
    Rule("refusal.es",
         r"\b(?:deja(?:me)? de (?:llamar(?:me)?|escribir(?:me)?|molestar(?:me)?|seguir(?:me)?|"
         r"buscar(?:me)?|mandar(?:me)?)|dejame en paz|dejame tranquil[ao]|no me (?:vuelvas a )?"
         r"(?:llames|escribas|busques|contactes|molestes|sigas|llamar|escribir|buscar|contactar|"
         r"molestar|seguir)(?: mas| nunca mas)?|te (?:he|"
         r"tengo) bloquead[oa]|te bloquee|alejate de mi|no quiero (?:saber nada de ti|hablar "
         r"contigo|verte|nada contigo|que me (?:llames|escribas|busques))|basta ya|para ya|"
         r"se acabo|hemos terminado)\b", 0.85, neg=NEG_NONE, lang="es"),
    Rule("refusal.fr",
         r"\b(?:arrete de m'(?:appeler|ecrire|envoyer|harceler|suivre|contacter|embeter)|"
         r"arrete de me (?:suivre|harceler|contacter|relancer|texter)|laisse(?:-| )moi "
         r"(?:tranquille|en paix)|fiche(?:-| )moi la paix|fous(?:-| )moi la paix|ne me "
         r"(?:contacte|appelle|ecris|suis|cherche)s? plus|je t'ai bloque|je vous ai bloque|"
         r"je ne veux plus (?:te voir|te parler|de contact|de toi|entendre parler de toi)|"
         r"eloigne(?:-| )toi de moi|c'est fini entre nous|c'est termine)\b", 0.85,
         neg=NEG_NONE, lang="fr"),
    Rule("refusal.de",
         r"\b(?:hor (?:endlich |bitte )?auf,? mich (?:anzurufen|anzuschreiben|zu kontaktieren|zu "
         r"belastigen|zu verfolgen|zu nerven|zu stalken)|hor auf (?:mir )?zu schreiben|lass mich "
         r"(?:endlich |bitte )?in ruhe|ruf mich nicht (?:mehr )?an|schreib mir nicht mehr|"
         r"kontaktiere mich nicht mehr|melde dich nicht mehr|ich (?:habe|hab) dich blockiert|"
         r"ich will (?:keinen kontakt|dich nicht mehr sehen|nichts mehr mit dir zu tun)|bleib weg "
         r"von mir|es ist aus|es ist vorbei zwischen uns)\b", 0.85, neg=NEG_NONE, lang="de"),
]

SPEC = SignalRules("refusal", RULES, jokeable=True)
