"""surveillance: the sender shows they watch, follow, track or monitor the person: where
they are or were, what they wore, who they were with, their home, accounts or phone.

"I'm outside" from a friend who was expected is not surveillance: being outside the
person's place counts only with their place named and no sign it was arranged ("like we
planned", "ready when you are", "your driver").
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules

# Signs that a visit or a sighting was expected or friendly.
ARRANGED = (
    r"(?:like we (?:planned|said|agreed|discussed)|as (?:planned|agreed|promised|discussed|"
    r"arranged)|like i said i would|ready when you are|whenever you(?:'re| are) ready|"
    r"come (?:on )?down|come out when|for (?:the )?pick ?up|to pick (?:you|u) up|your (?:uber|"
    r"taxi|cab|driver|lyft|ride|order|delivery|food|parcel|package)|delivery|courier|driver|"
    r"doorbell|let me in|buzz me|door code|gate code|with the (?:keys|food|stuff)|"
    r"why didn'?t (?:you|u) say hi|should have said hi|say hi next time|congrats|"
    r"congratulations|see (?:you|u) (?:at|tomorrow|tonight|soon|later|there|then|in)|"
    r"on my way|omw|running late|be there in|honk|parked (?:in|on) the|no rush|take your time|"
    r"text me when|let me know when|at the front|at reception|in the lobby)"
)

PLACE = (
    r"(?:house|home|place|flat|apartment|apt|building|door|front door|window|windows|work|"
    r"office|workplace|job|school|uni|campus|gym|yoga|class|church|parents|mom's|mum's|"
    r"sister's|friend's|street|road|block|car|garage|driveway|garden|gate|balcony|bedroom)"
)

CLOTHES = (
    r"(?:coat|jacket|dress|skirt|shirt|top|blouse|jeans|pants|trousers|shorts|shoes|boots|"
    r"heels|sneakers|trainers|hat|scarf|outfit|hair|haircut|hairstyle|lipstick|makeup|glasses|"
    r"sunglasses|earrings|necklace|bag|handbag|hoodie|sweater|jumper|leggings|uniform|"
    r"swimsuit|bikini|gym clothes|gym gear|nails)"
)

WHEN = (
    r"(?:today|tonight|this morning|this afternoon|this evening|last night|yesterday|earlier|"
    r"just now|at (?:the )?\w+|on (?:the )?(?:bus|train|tube|subway|street)|in (?:the )?\w+|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|your \w+))"
)

RULES = [
    Rule("surveillance.saw_you",
         r"\b(?:(?:i|we) (?:\w+ )?)?(?:saw|seen|spotted|noticed|watched|was watching|"
         r"been watching|was following|been following|clocked|caught|passed|drove past|drove by|"
         r"walked past|walked by) (?:you|u|ya)(?: again)? (?:{W3})?(?:at|in|with|leaving|"
         r"going|walking|coming|getting|entering|outside|inside|near|on|by|out|through|today|"
         r"tonight|this morning|last night|yesterday|earlier|talking|laughing|kissing|hugging|"
         r"holding|sitting|standing|running|jogging|driving|wearing|crying|smoking|drinking|"
         r"dancing|shopping|eating|parking|take|taking|pull|pulling|get|go|come|leave|walk)\b",
         0.75, neg=NEG_IN, unless=ARRANGED,
         unless_pre=r"(?:\b(?:he|she|they|someone|somebody|nobody|no one|my \w+|his \w+|her \w+|"
         r"mum|mom|dad)(?: \w+)?\s*)$"),
    Rule("surveillance.i_know_where",
         r"\b(?:i|we) (?:\w+ )?(?:know|knw|kno|found out|figured out|worked out|can see|could see|"
         r"saw) (?:exactly |all about |everything about )?(?:where (?:you|u|ya) (?:live|are|were|"
         r"was|work|go|went|sleep|park|stay|be|hang|eat|shop|run|train|study)|where (?:your|ur)|"
         r"what (?:time|times) (?:you|u)|when (?:you|u) (?:leave|left|get|got|go|went|come|came|"
         r"arrive|arrived|finish|start|sleep|wake|are alone|were alone|'re alone)|who (?:you|u) "
         r"(?:were|was|are|'re) (?:with|seeing|talking|texting|meeting|sleeping)|what (?:you|u) "
         r"(?:did|were doing|are doing|'re doing|do|had|wore|were wearing|bought|ate) (?:today|"
         r"tonight|last|yesterday|this|at|on|in|every)|your (?:schedule|routine|address|new "
         r"address|location|password|passcode|pin|new number|new job|every move)|everything "
         r"(?:you|u) do)", 0.85, neg=NEG_IN, unless=ARRANGED),
    Rule("surveillance.i_know_you_were",
         r"\b(?:i|we) (?:\w+ )?(?:know|knw|kno|found out|saw) (?:that )?(?:you|u) (?:were|was|went|"
         r"got|came|left|moved|stayed|slept|snuck|sneaked|drove) (?:\w+ )?(?:at|to|home|back|out|"
         r"with|from|there|late|early|into|over|round|around)\b", 0.6, neg=NEG_IN,
         unless=ARRANGED),
    Rule("surveillance.outside",
         rf"\b(?:(?:{{I_AM}}|i've been|ive been|i have been|i was|i'll be|ill be|i will be|been|"
         rf"just|still|currently) (?:sitting |parked |standing |waiting |watching |hanging around "
         rf"|walking |lurking )?|(?:sitting|parked|standing|waiting|watching|hanging around|"
         rf"lurking) )(?:{{W2}})?(?:outside|out front of|in front of|across (?:the street )?from|near|"
         rf"nearby|around the corner from|down the (?:road|street) from|opposite|at|by|behind|"
         rf"under) (?:{{YOUR}}|ur) (?:{{W2}})?{PLACE}\b", 0.8, neg=NEG_IN, unless=ARRANGED),
    Rule("surveillance.watching",
         r"\b(?:{I_AM}|i've been|ive been|i have been|i was|i'll be|ill be|i will be|i'll always "
         r"be|i'm always|im always|always) (?:\w+ )?(?:watching|following|tracking|monitoring|"
         r"keeping (?:an )?eye on|keeping tabs on|checking on|looking at|listening to|behind|"
         r"recording|filming) (?:(?:you|u|ya)(?! (?:play|playing|perform|performing|compete|race|run|"
         r"sing|dance|on|at|in the|tomorrow|tonight|later|live|graduate|walk))|your every|ur every|everything (?:you|u) do|"
         r"your (?:house|place|location|phone|messages|texts|emails|account|instagram|insta|"
         r"facebook|snap|snapchat|stories|story|posts|window|car|every move)|ur (?:house|place|"
         r"location|phone|messages|account))\b", 0.85, neg=NEG_IN),
    Rule("surveillance.i_can_see",
         r"\b(?:i can see (?:you|u|ya)(?!'re online|'re on|\s+(?:online|tomorrow|tonight|later|soon|next|at|on|in|there|"
         r"then|when|if|are|r|'re|re|have|'ve))|i see (?:you|u|ya) (?:in|at|through|from|out|"
         r"right now|sitting|standing|walking|got|changed(?! (?:your|ur) (?:profile|pic|photo|dp|avatar|"
         r"status|bio|name|number|username|mind|plans?))|are wearing|'re wearing|wearing)|"
         r"i (?:can )?see (?:your|ur) (?:light|lights|car|window|bedroom|shadow|curtains)|"
         r"(?:your|ur) (?:lights?|bedroom light|bedroom lights|tv|car|curtains) (?:is|are|was|were|went|"
         r"still)(?: still)? (?:on|off|open|closed|drawn|"
         r"out|gone|not|there|parked|in|missing)|(?:you|u) (?:got|came|went|were|was) "
         r"(?:home|back|in|out) (?:late|early|at \d|around \d|after \d|before \d|last night)|"
         r"(?:you|u) (?:left|leave) (?:work|home|the house|the office|the gym|school|class) "
         r"(?:early|late|at \d|around \d|today|yesterday))", 0.75, neg=NEG_NONE, unless=ARRANGED),
    Rule("surveillance.clothes",
         rf"\b(?:nice|love|loved|like|liked|loving|cute|sexy|pretty|lovely|beautiful|hot|"
         rf"great|gorgeous|stunning|nice little) (?:\w+ )?{CLOTHES} (?:{{W2}})?"
         rf"(?:today|tonight|this morning|this afternoon|this evening|yesterday|earlier|last night|"
         rf"at (?:work|the|school|the gym|church)|on (?:the )?(?:bus|train|tube|street|way))\b|"
         rf"\b(?:you|u) (?:looked|look|were looking|looking) (?:\w+ ){{0,2}}?(?:in (?:that|your|ur|"
         rf"the)|wearing) (?:\w+ )?" + CLOTHES + r"\b|\b(?:why (?:did|were|are) (?:you|u) (?:wear|"
         r"wearing)|(?:you|u) (?:were|was) wearing|(?:you|u) (?:changed|cut|dyed) (?:your|ur) "
         r"(?:hair|clothes|outfit))\b", 0.75, neg=NEG_NONE, unless=ARRANGED),
    Rule("surveillance.who_with",
         r"\b(?:who (?:was|is|were|'s|s) (?:that|the|this) (?:\w+ )?(?:guy|man|girl|woman|dude|"
         r"bloke|chick|person|boy|lady|prick|bitch|loser) (?:you|u|ya) (?:were|was|are|'re|r) "
         r"(?:with|talking|hugging|kissing|walking|laughing|sitting|dancing|drinking|leaving)|"
         r"who (?:were|was|are) (?:you|u) (?:with|talking to|hugging|kissing|texting) (?:at|in|"
         r"last|today|tonight|yesterday|outside|earlier)|why (?:were|was) (?:you|u) (?:with|at|in|"
         r"talking to|hugging|kissing|out|leaving|walking) (?:[\w']+ ){0,3}?(?:until|till|at \d|so "
         r"late|last night|today|tonight|this morning|yesterday|earlier|\d+ ?(?:am|pm)|with him|with "
         r"her)|where (?:you|u) (?:were|was|went|slept|stayed) (?:last night|yesterday|on \w+day|"
         r"this morning|today|at \d))\b", 0.75, neg=NEG_NONE, unless=ARRANGED, jokeable=True),
    Rule("surveillance.accounts",
         r"\b(?:i (?:\w+ )?(?:read|went through|checked|looked through|got into|logged into|"
         r"logged in to|hacked|accessed|have access to|can access|can read|see|saw|know) (?:all )?"
         r"(?:your|ur) (?:messages|texts|emails|email|dms|chats|whatsapp|phone|icloud|"
         r"google|account|accounts|instagram|insta|facebook|snapchat|passwords?|passcode|"
         r"browser history|search history|history|location|notes|diary|journal|bank|calls|"
         r"call log|photos|camera roll)|i (?:\w+ )?(?:put|installed|added|hid|hidden|placed|"
         r"stuck|planted) (?:an? |some |it |{STALKERWARE} )?(?:app |tracker |airtag |tile |gps |"
         r"spyware |camera |bug |something |software )?(?:on|in|under|to) (?:your|ur)|i (?:\w+ )?(?:track|tracked|"
         r"tracking|follow|followed|following|locate|located|ping|pinged) (?:your|ur) "
         r"(?:phone|location|car|number|ip|every)|(?:your|ur) location (?:says|shows|showed|"
         r"said|is|was)|find my (?:iphone|friends|phone|device)|life360|airtag|"
         r"(?:changed|know|have|got|guessed) (?:your|ur) (?:password|passcode|pin))\b",
         0.85, neg=NEG_IN),
    Rule("surveillance.tracking_app",
         r"\b(?:(?:install|put|download|add|get|use|keep) (?:this|the|an?|my|that) (?:\w+ )?(?:app|"
         r"tracker|tracking app|gps|spy app|spyware|location app|location sharing)[^.!?]{0,60}?"
         r"(?:so (?:i|we) can|to) (?:always )?(?:see|track|know|check|find|share) (?:where|your|ur|"
         r"location|locations|you)|so (?:i|we) can (?:always )?(?:see|track|know|check) (?:where "
         r"(?:you|u) (?:are|go|were)|your location|ur location|what (?:you|u) (?:do|text|say))|"
         r"{STALKERWARE}(?: \w+)? (?:on|in|onto) (?:your|ur))\b", 0.8, neg=NEG_NONE),
    Rule("surveillance.followed",
         r"\b(?:i (?:\w+ )?(?:followed|tailed|trailed|tracked) (?:you|u|ya)(?! (?:back|on (?:\w+ )?"
         r"(?:insta|instagram|twitter|x|tiktok|ig|spotify|twitch|youtube|linkedin|facebook|fb|"
         r"strava|goodreads|pinterest|here)))|(?:i'll|ill|i will|"
         r"i'm going to|im gonna|i'm gonna) (?:be )?(?:follow|following|watch|watching|track|"
         r"tracking) (?:you|u|ya)(?: {W2}(?:home|everywhere|wherever|to|from))?\b|"
         r"i (?:waited|was waiting|sat|was sitting|parked) (?:\w+ ){0,3}?(?:outside|for you|"
         r"near|by|across from) (?:your|ur|the)|"
         r"(?:i|we) (?:drove|walked|went|came|cycled|jogged) (?:past|by|round|around) (?:your|ur) "
         r"(?:place|house|home|flat|work|office|building|parents|window|street))\b",
         0.8, neg=NEG_IN, unless=ARRANGED),
    # Spanish
    Rule("surveillance.es",
         r"\b(?:te (?:vi|he visto|estoy viendo|estoy mirando|estoy vigilando|vigilo|sigo|segui|"
         r"estuve siguiendo|estoy siguiendo|observo|estuve mirando)|se (?:donde|a que hora|"
         r"cuando|con quien|lo que) (?:vives|estas|estabas|trabajas|sales|saliste|llegas|"
         r"llegaste|duermes|haces|hiciste|fuiste|vas|estuviste)|estoy (?:afuera|fuera|enfrente|"
         r"frente|cerca|delante) (?:de )?(?:tu|de tu) (?:casa|trabajo|edificio|puerta|oficina|"
         r"ventana|escuela)|con quien (?:estabas|estuviste|saliste|ibas)|que lindo|bonito "
         r"(?:vestido|abrigo)|lindo (?:vestido|abrigo)|tu ubicacion)\b", 0.8, neg=NEG_NONE, lang="es"),
    # French
    Rule("surveillance.fr",
         r"\b(?:je (?:t'ai vue?|te vois|te regarde|te surveille|te suis|t'ai suivie?|t'observe|"
         r"sais ou tu (?:es|etais|habites|vis|travailles|vas|dors)|sais (?:quand|avec qui|a quelle "
         r"heure|ce que) tu)|je suis (?:devant|en bas de|pres de|a cote de) (?:chez toi|ta "
         r"(?:porte|maison|fenetre)|ton (?:immeuble|travail|bureau|appartement|ecole))|"
         r"avec qui (?:tu etais|t'etais|etais-tu)|ta localisation|jolie robe (?:aujourd'hui|"
         r"ce matin))\b", 0.8, neg=NEG_NONE, lang="fr"),
    # German
    Rule("surveillance.de",
         r"\b(?:ich (?:habe|hab) dich (?:\w+ ){0,4}?(?:gesehen|beobachtet|verfolgt)|ich (?:sehe|beobachte|"
         r"verfolge) dich|ich wei(?:ss|ß) (?:wo|wann|mit wem|was) du|ich (?:stehe|bin|warte|sitze) "
         r"(?:vor|bei|neben|gegenuber) (?:deinem|deiner|deinen|dem|der) (?:haus|wohnung|tur|buro|"
         r"arbeit|fenster|schule|auto)|mit wem warst du|schones kleid heute|dein standort)\b",
         0.8, neg=NEG_NONE, lang="de"),
]

# Broadened families (2.0.0): the sender shows knowledge of where the person was, what they
# wore, who they were with, their home or their phone, without "I saw you".
_TIME = (r"(?:at \d{1,2}(?::\d\d)?(?: ?[ap]m)?|today|tonight|this morning|this afternoon|"
         r"this evening|last night|yesterday|earlier|on (?:monday|tuesday|wednesday|thursday|"
         r"friday|saturday|sunday)|at (?:lunch|lunchtime|midnight|dawn))")
RULES += [
    Rule("surveillance.you_did_when",
         r"\b(?:you|u) (?:left|got home|got back|came home|came back|came out|went out|arrived|"
         r"walked|took|drove|parked|were in|were at|were on|was in|was at|were out|stayed|slept|"
         r"went to|jogged|ran|finished|got off|got in|got out)\b[^.!?\n]{0,40}" + _TIME, 0.55,
         unless=ARRANGED,
         anchors=frozenset("left got came went arrived walked took drove parked were was stayed "
                           "slept jogged ran finished".split())),
    Rule("surveillance.long_way",
         r"\b(?:you|u) (?:took|take|have taken|started taking) the (?:long|other|back|short) (?:way|"
         r"route|road)|started parking|(?:you've|you have|youve|u) started (?:parking|going|walking|"
         r"taking|leaving|using)|(?:you|u) (?:walked|drove|went) the long way", 0.6,
         unless=ARRANGED),
    Rule("surveillance.home_state",
         r"\b{YOUR} (?:[\w']+ )?(?:light|lights|blinds|curtains|window|windows|door|bins?|car|"
         r"porch light|tv|telly|garage)s? (?:was|were|is|are|wasn't|weren't|isn't|aren't|was not|"
         r"is not|has been|have been|still|left) (?:still )?(?:on|off|open|closed|shut|in|out|"
         r"there|gone|parked|missing|not)\b", 0.55),
    Rule("surveillance.description",
         r"\b" + CLOTHES + r" (?:suits|suited|looked|looks) (?:you|u|good|nice|great|cute|lovely)\b"
         r"|\b" + CLOTHES + r",? (?:[\w']+ ){0,2}" + CLOTHES + r",? (?:[\w']+ ){0,2}(?:hair up|hair down|"
         r"" + CLOTHES + r")", 0.5, unless=r"\b(?:wedding|party|photo|pic|picture|insta|post|video|"
         r"where'?s it from|where did you get)\b"),
    Rule("surveillance.looked",
         r"\b(?:you|u|you two|the two of you|you both) (?:looked|seemed|look) (?:so |really |very )?"
         r"(?:tired|happy|cosy|cozy|stressed|sad|upset|busy|rushed|flustered|cold|lonely|nervous|"
         r"distracted|cute|pretty|sexy|hot|good|nice) (?:in|at|with|on|by|outside|coming|leaving|"
         r"walking|today|tonight|this)", 0.5,
         unless=r"\b(?:photo|pic|picture|insta|post|video|story|wedding|zoom|call|facetime)\b"),
    Rule("surveillance.who_was",
         r"\bwho(?:'s| is| was|s) (?:the|that) (?:guy|bloke|man|woman|girl|lad|fella|dude|chick|"
         r"lady|boy)\b[^.!?]{0,40}(?:with you|dropped|picked|in the|at your|outside|you were|"
         r"you was|drove|walked|hugged|kissed)|\bwho(?:'s| is) he\?", 0.55),
    Rule("surveillance.always_watching",
         r"\b(?:i(?:'ve| have)? got eyes (?:everywhere|on you)|eyes everywhere|i see everything|"
         r"i(?:'m| am|m) always watching|always watching (?:you|u)|i(?:'m| am|m) watching (?:you|u)\b(?! (?:play|perform|sing|race|compete|on|in the|at the))|"
         r"i (?:can|could) see (?:you|u)(?:r)? (?:through|from|in)|through (?:the|your|ur) "
         r"(?:window|windows|glass|curtains|blinds)|(?:parked|waiting|sitting|standing) "
         r"(?:across|opposite|outside|near|down the (?:road|street) from) (?:from )?(?:your|ur)|"
         r"(?:watching|watched) (?:you|u) (?:jog|run|walk|sleep|leave|swim|work|train|cycle|"
         r"shop|eat|get))", 0.62, unless=ARRANGED),
    Rule("surveillance.phone_signs",
         r"\b(?:(?:seen|read|online|active) (?:\d+ ?(?:min|mins|minutes|hours|hrs|h|m) ago|just now)|"
         r"blue ticks|read receipts?|last seen|i can see (?:you(?:'re| are)|ur|your|u r|you were) "
         r"(?:online|active|typing|reading|on (?:here|insta|whatsapp|facebook))|"
         r"(?:your|ur) location (?:says|shows|is|was)|location shar|shared (?:to|with) (?:mine|me|my)|"
         r"find my (?:iphone|phone|friends)|airtag|tracker on (?:your|ur)|"
         r"(?:changed|change|changing) (?:your|ur) (?:insta |instagram |facebook |email |icloud |"
         r"phone )?(?:password|passcode|pin|number|locks|route)|(?:your|ur) (?:password|passcode|pin) "
         r"(?:is|was|still))", 0.6),
    Rule("surveillance.i_know_you",
         r"\b(?:i know|i knew|funny how|interesting how|i heard) (?:that )?(?:you|u) (?:were (?:at|in|with|out)|"
         r"was (?:at|in|with|out)|went|got home|got back|left|came (?:home|back)|met|spent the|slept|"
         r"stayed)\b|"
         r"\bbut (?:you|u) (?:were|was) (?:at|in|out|with)\b", 0.55, unless=ARRANGED + r"|\b(?:no worries|busy|no problem|that's fine|its fine|it's fine)\b"),
    Rule("surveillance.es2",
         r"\b(?:se que (?:ayer |anoche |hoy )?(?:saliste|estuviste|fuiste|llegaste|volviste|"
         r"estabas|dormiste|cenaste)|te vi|te estoy viendo|te estoy mirando|te estuve mirando|"
         r"te segui)", 0.7, lang="es"),
    Rule("surveillance.fr2",
         r"\b(?:je t'ai (?:vu|vue|suivi|suivie|apercu|apercue)|je sais que tu (?:es|etais|as)|"
         r"je te (?:vois|regarde|surveille|suis))", 0.7, lang="fr"),
    Rule("surveillance.de2",
         r"\b(?:ich (?:habe|hab) dich (?:[\w']+ ){0,5}gesehen|ich wei(?:ss|ß) (?:genau )?(?:wo|was|"
         r"wann|mit wem) du|ich beobachte dich|ich sehe dich)", 0.7, lang="de"),
]

SPEC = SignalRules("surveillance", RULES, jokeable=False)
