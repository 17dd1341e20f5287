"""contact_demand: pressure to answer, call back or meet ("answer me", "pick up", "why are
you ignoring me", "I know you've read this").

A plain, polite request is not pressure ("call me when you land", "text me when you get
home safe"); it counts with urgency, repetition, accusation of ignoring, or demands.
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules

# Friendly or practical framing that turns "call me" into logistics.
POLITE = (
    r"(?:when (?:you|u) (?:get|land|can|have|are|'re|r|arrive|wake|finish|see)|"
    r"whenever|if (?:you|u) (?:can|get|have|want|need)|no rush|no hurry|no worries|"
    r"when(?:ever)? (?:you're|youre|you are|ur) (?:free|done|back|home|ready|up)|"
    r"at your convenience|when convenient|when you get (?:a )?(?:sec|second|chance|minute|"
    r"moment)|get home safe|about the|re the|regarding|for the (?:meeting|delivery|"
    r"appointment|interview)|i'?m here|i am here|with (?:the|your) (?:pizza|food|keys|parcel|"
    r"package|stuff|shopping)|at the door|downstairs|pizza|delivery|survey|quiz|poll|"
    r"thanks|thank you|cheers|xx|safe flight|drive safe)"
)

RULES = [
    Rule("contact_demand.answer_me",
         r"\b(?:answer|anwser|awnser|ansewr|answr|respond|reply|responde?) (?:to )?(?:me|(?:the|your|ur) "
         r"(?:fucking |damn |fkn )?(?:phone|door|texts?|messages?|calls?)|my (?:calls?|texts?|"
         r"messages?|emails?|question)|now|already|right now|asap|immediately|for once|"
         r"goddamn|dammit)\b|\b(?:pick (?:up|up the phone|up your phone|up ur phone)|pick it up|"
         r"pick the phone up|pick up the (?:fucking |damn )?phone)\b(?! (?:the|some|a|milk|"
         r"bread|the kids|from|at|groceries|your|my|our|it|them|him|her|tomorrow|later|on the "
         r"way|when|after|before|eggs|food|stuff|dinner|lunch|pizza))",
         0.8, neg=NEG_IN, unless=POLITE),
    Rule("contact_demand.ignoring",
         r"\b(?:why (?:are|r|ru|do|would|did|have|are you|r u|you|u|the fuck are|tf are|tf r|the "
         r"hell are|won't|wont|don't|dont|can't|cant|aren't|arent|isn't|haven't|havent) "
         r"(?:you |u |ya )?(?:ignoring|ignore|ignored|avoiding|avoid|blanking|blank|ghosting|"
         r"ghost|blocking|block|blocked|not (?:answering|replying|responding|picking up|talking|"
         r"texting back|calling back)|answering|replying|responding|picking up|texting back|"
         r"(?:answer|reply|respond)(?! (?:the|this|that|a|an|these|those|all|any|some|his|her|their|"
         r"our) (?!phone|door|calls?|texts?|messages?))|pick up|talk to me|text (?:me )?back|"
         r"call (?:me )?back|leaving me on read|left me on read)|stop (?:ignoring|avoiding|"
         r"ghosting|blanking|pretending)|(?:keep|keeps|kept|been|are|r|you're|youre|ur|still) "
         r"(?:\w+ )?(?:ignoring|avoiding|ghosting|blanking) (?:me|my)|(?:you|u)(?:'d| had)? better "
         r"(?:\w+ )?(?:answer|reply|respond|call|pick up|text (?:me )?back)|if (?:you|u) (?:don'?t|do "
         r"not|dont|won'?t|wont|can'?t) (?:answer|reply|respond|pick up|call (?:me )?back|text (?:me )?"
         r"back|get back to me)|owe me (?:an? )?(?:explanation|answer|call|conversation|reply|"
         r"response)|(?:don'?t|do not|dont) (?:you )?(?:dare )?(?:ignore|"
         r"ghost|avoid|block|blank) (?:me|my)|(?:you|u) (?:can'?t|cannot|won'?t|will not) "
         r"(?:ignore|avoid|ghost|block|hide from) me|i know (?:you|u)(?:'ve| have|ve)? (?:seen|"
         r"read|got|received|opened|listened to) (?:this|it|my|these|the)|(?:you|u) (?:read|"
         r"opened|saw|seen) (?:it|my (?:message|messages|texts?)|this) (?:and|but|so|why)|"
         r"left (?:me )?on read|(?:it|this) says (?:read|seen|delivered)|read receipts?|"
         r"i can see (?:you(?:'re| are)|u r|ur) online|(?:you|u) (?:were|was|are|r) (?:just )?"
         r"online|(?:you|u) (?:have|'ve|ve) (?:been )?(?:online|active))\b",
         0.85, neg=NEG_NONE),
    Rule("contact_demand.call_me",
         r"\b(?:call|ring|text|phone|message|msg|dm|email|write to|facetime|talk to|speak to) "
         r"(?:me back|back)(?: {W2}(?:now|right now|asap|immediately|this instant|tonight|"
         r"today|back|already|goddammit|dammit|i mean it|or else|before|urgently|straight away))?"
         r"\b", 0.55, neg=NEG_IN, unless=POLITE),
    Rule("contact_demand.call_me_bare",
         r"\b(?:call|ring|text|phone|facetime) me\b(?! back)", 0.35, neg=NEG_IN, unless=POLITE),
    Rule("contact_demand.urgent",
         r"\b(?:call|ring|text|answer|reply|respond|message|talk to|pick up|get back to) (?:me )?"
         r"(?:back )?(?:now|right now|asap|immediately|this instant|this minute|already|"
         r"urgently|straight away|or else|goddammit|dammit|for fuck'?s sake|ffs)\b|"
         r"\b(?:answer|call|pick up|reply|respond|text)[\s!.?]*(?:answer|call|pick up|reply|"
         r"respond|text)\b",
         0.7, neg=NEG_NONE, unless=POLITE),
    Rule("contact_demand.punctuation", r"(?:\?{4,}|!{4,})", 0.3, neg=NEG_NONE, unless=POLITE),
    Rule("contact_demand.hello",
         r"\b(?:hello|helloo+|hey|heyy+|oi|yo|answer|anyone|are you there|r u there|u there|you "
         r"there)\s*\?{2,}", 0.55, neg=NEG_NONE, unless=POLITE),
    Rule("contact_demand.come_out",
         r"\b(?:come (?:outside|out|down|to the door|to your window)(?! (?:for|with|and have|"
         r"tonight|to play|to the|with us))|open (?:the|your|ur) (?:fucking )?door|let me in)\b",
         0.4, neg=NEG_IN, unless=r"(?:here|i'm outside|im outside|arrived|pizza|delivery|omw|"
         r"parked|ready|keys?|locked out|forgot|buzzer|bell)"),
    Rule("contact_demand.talk",
         r"\b(?:we (?:need|have|gotta|must) to talk|we need to (?:meet|see each other|sort this)|"
         r"(?:you|u) (?:need|have|owe me|gotta) to (?:talk to|meet|see|call|answer|explain|"
         r"reply|respond)|(?:i|i just) (?:need|want|deserve|demand) (?:to (?:talk|speak) to "
         r"(?:you|u)|an (?:answer|explanation)|(?:you|u) to (?:answer|call|reply|talk|meet|"
         r"explain|unblock))|(?:meet|see) me (?:tonight|now|today|tomorrow|or|one last time|just "
         r"once|once)|(?:just |only )?(?:one|1) (?:coffee|conversation|chat|call|drink|meeting|more "
         r"chance|minute|talk|last time)(?! (?:please|pls|thanks|to go|with milk|black))|unblock (?:me|my number)|give me (?:a|one|another) (?:chance|call|"
         r"minute)|i(?:'ll| will|ll) (?:keep|won'?t stop) (?:calling|texting|"
         r"messaging|trying) (?:until|till|til|untill)|i(?:'m| am|m) not (?:going to|gonna) stop "
         r"(?:calling|texting|messaging|trying))\b", 0.7, neg=NEG_NONE, unless=POLITE),
    Rule("contact_demand.es",
         r"\b(?:contesta(?:me)?|respondeme|responde(?:me)?|coge el (?:telefono|movil)|cogeme el "
         r"telefono|si no (?:me )?(?:contestas|respondes|llamas|coges)|por que (?:me )?(?:ignoras|evitas|"
         r"bloqueaste|no contestas|no me contestas|"
         r"no respondes|no me respondes)|deja de ignorarme|no me ignores|llamame (?:ya|ahora|"
         r"de una vez)|tenemos que hablar|quiero verte (?:ya|ahora|hoy|esta noche)|necesito hablar "
         r"contigo|desbloqueame|"
         r"se que (?:lo )?(?:viste|leiste|has leido))\b", 0.8, neg=NEG_NONE, lang="es",
         also=frozenset({'contestame', 'respondeme', 'responde', 'contesta'})),
    Rule("contact_demand.fr",
         r"\b(?:reponds(?:-| )?moi|reponds|decroche|pourquoi tu (?:m'ignores|ne reponds pas|me "
         r"bloques|m'evites|ne decroches pas)|arrete de m'ignorer|ne m'ignore pas|rappelle(?:-| )?"
         r"moi (?:maintenant|tout de suite|vite)|il faut qu'on parle|on doit parler|je sais que "
         r"tu (?:l'as )?(?:lu|vu)|debloque(?:-| )?moi|si tu ne (?:me )?(?:reponds|rappelles|decroches) "
         r"pas)\b", 0.8, neg=NEG_NONE, lang="fr"),
    Rule("contact_demand.de",
         r"\b(?:antworte (?:mir|endlich|sofort|jetzt)|antworte|geh (?:endlich |sofort |jetzt )?"
         r"(?:ran|an dein handy|ans telefon)|warum (?:ignorierst|meidest|blockierst) du mich|warum "
         r"antwortest du (?:mir )?nicht|hor auf mich zu ignorieren|ignorier mich nicht|ruf mich "
         r"(?:sofort |jetzt |endlich )?(?:zuruck|an)|melde dich (?:endlich|sofort|jetzt)|wir "
         r"mussen reden|ich wei(?:ss|ß) dass du (?:es )?gelesen hast|entsperr mich|wenn du (?:mir )?nicht "
         r"(?:antwortest|zuruckrufst|rangehst))\b", 0.8,
         neg=NEG_NONE, lang="de"),
]

# Runs of question or exclamation marks ("hello????", "!!!!") are pressure without words.
PUNCT_RUN = __import__("re").compile(r"\?{4,}|!{4,}")

# Broadened families (2.0.0): bare "reply", "talk to me", online/ticks pressure, call counts.
RULES += [
    Rule("contact_demand.bare_reply",
         r"(?:^|[.!?\n]\s*)(?:reply|respond|answer|answer me|talk to me|speak to me|call me|ring me|"
         r"text me back|pick up|pick up the phone|answer the phone|answer your phone)\s*[.!?]*\s*$",
         0.6),
    Rule("contact_demand.pressure",
         r"\b(?:(?:just |only )?(?:answer|reply to|respond to|read) (?:one|1|a single|my) "
         r"(?:message|text|call|email)|stop hiding (?:from me)?|(?:talk|speak) to me\b(?! about| "
         r"when| later| tomorrow| after)|(?:ring|call|text|phone|message|get back to) me "
         r"(?:back )?(?:now|asap|right now|immediately|tonight|this instant|or else|i mean it)|"
         r"get back to me (?:asap|now|or)|"
         r"i(?:'ve| have)? (?:called|rung|rang|texted|messaged|phoned|tried) (?:you )?(?:\d+|"
         r"so many|a hundred|fifty|twenty) times|i can see (?:you(?:'re| are)|ur|u r) (?:online|"
         r"active|reading|typing)|blue ticks|not (?:going|gonna) (?:away|anywhere|to stop) "
         r"(?:until|till|til)|owe me (?:a|an) (?:conversation|answer|explanation|reply|call|chat)|"
         r"meet me (?:at|tomorrow|tonight|outside|now)\b[^.!?]{0,40}(?:please|begging|have to|need "
         r"to|or)|(?:i'm|im|i am) begging|hello+\?{2,}|are (?:you|u) there\?+)", 0.62,
         neg=NEG_NONE),
]

SPEC = SignalRules("contact_demand", RULES, jokeable=True, trigger_re=PUNCT_RUN)
