"""exposure: sharing, or threatening to share, the person's private information, images,
secrets or rumours with others; doxxing; public shaming.

Sharing words count when what is shared is private ("your nudes", "your address", "what
you did") or the audience is others ("everyone", "online", "your boss"). "I'll send you
the photos from the wedding" shares with the person themself and does not count. Messages
that carry someone's phone number, email or street address together with spreading or
pointing others at them are found by the personal-data check in ``personal_data.py``.
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules, anchor_words

# Private whoever holds them: "the nudes", "those videos of you".
PRIVATE_ANY = (
    r"(?:nudes?|naked (?:pics?|photos?|pictures?|videos?|selfies?)|sexy (?:pics?|photos?|videos?)|"
    r"intimate (?:pics?|photos?|images?|videos?)|private (?:pics?|photos?|pictures?|videos?|"
    r"messages?|texts?|stuff|life|parts|info|information|details)|sex ?tape|secrets?|"
    r"dirty little secret|medical (?:records|history|stuff|condition)|abortion|affair|mugshot|"
    r"(?:video|tape|recording|photo|pic|picture|pics|photos|videos)s? of (?:you|u|us))"
)
# Private when they are the person's: "your address", "her number", "ur texts".
PRIVATE_THEIRS = (
    r"(?:diary|journal|messages|texts|chats|dms|emails|letters|address|home address|new address|"
    r"number|phone number|location|passwords?|real name|past|history|pics?|photos?|pictures?|"
    r"videos?|vids?|recordings?|screenshots?|search history|browser history|bank (?:details|"
    r"statements?)|salary|debts?|records?|files|therapy|diagnosis|details|info|workplace|"
    r"schedule|routine)"
)
PRIVATE = (
    rf"(?:(?:your|ur|those|the|these|our|all (?:your|ur|the|our|those)|her|his|some|a few|a) "
    rf"(?:\w+ )?{PRIVATE_ANY}|(?:your|ur|her|his|all (?:your|ur)) (?:\w+ )?{PRIVATE_THEIRS}|"
    r"what (?:you|u) (?:did|said|told me|sent me|look like naked|really are|are really|do at "
    r"night)|who (?:you|u) really are|the truth about (?:you|u)|the (?:real )?(?:you|u)\b)"
)

AUDIENCE = (
    r"(?:everyone|everybody|every ?one|the whole (?:world|school|town|office|internet|family|"
    r"street|neighbou?rhood|church|team|class|company|uni)|all (?:your|ur) (?:friends|"
    r"followers|contacts|family|colleagues|coworkers)|the world|the internet|online|on the "
    r"(?:internet|net|web)|on (?:facebook|fb|insta|instagram|twitter|x|tiktok|reddit|4chan|"
    r"onlyfans|pornhub|youtube|snapchat|snap|linkedin|whatsapp|telegram|discord|social media|"
    r"my story|your page|ur page)|(?:your|ur) (?:\w+ )?(?:{KIN}|{WORKPLACE}|followers|contacts)|"
    r"public|social media|porn sites?|the group chat|the groupchat|the gc|people at (?:your|ur))"
)

PRIVATE_WORDS = anchor_words(PRIVATE)

RULES = [
    Rule("exposure.spread_private",
         rf"\b{{SPREAD}} (?:{{W3}})?{PRIVATE}(?: {{W5}}(?:to|with|on|around|in|for|at) "
         rf"{AUDIENCE})?", 0.6, neg=NEG_IN,
         unless=r"(?:\b(?:can|could|would|will|pls|please) (?:you|u) (?:\w+ )?(?:send|share|text|"
         r"email|forward|post|show)|so i can|\bsend (?:you|u)\b|\bsent (?:you|u)\b|\bshow (?:you|u)\b|from the (?:party|"
         r"wedding|trip|holiday|vacation|weekend|event|game|concert)|\bsend (?:me|us)\b|"
         r"\bshare (?:with|them with) (?:you|u|me)\b)", anchors=PRIVATE_WORDS),
    Rule("exposure.private_to_audience",
         rf"\b{{SPREAD}} (?:{{W3}})?{PRIVATE} {{W5}}(?:to|with|on|around|in|for|at) {AUDIENCE}",
         0.9, neg=NEG_IN, anchors=PRIVATE_WORDS),
    Rule("exposure.tell_everyone",
         rf"\b(?:tell|telling|told|show|showing|showed|let|inform|informing|warn|warning|remind) "
         rf"{AUDIENCE} (?:{{W3}})?(?:about (?:you|u|us|what|how|the|your|ur|this|that)|what "
         rf"(?:you|u|a|kind|sort|type)|who (?:you|u)|how (?:you|u)|that (?:you|u|ur|you're)|"
         rf"(?:you|u)(?:'re| are| were|r) (?:a|an|such|so|the|really|just|nothing)|the truth|"
         rf"everything|your|ur|the (?:real|video|photos|pics)|know)", 0.8, neg=NEG_IN),
    Rule("exposure.everyone_will_know",
         r"\b(?:everyone|everybody|the whole (?:world|school|town|office|internet)|the world|"
         r"all your (?:friends|followers)|your (?:\w+ )?(?:boss|family|parents|mom|mum|dad|"
         r"husband|wife|colleagues|friends|kids|followers)|(?:they|she|he|people))(?: (?:at|in|from) "
         r"(?:your|ur) \w+)? (?:will|is going to|is gonna|'ll|"
         r"are going to|are gonna|'s gonna|gonna|needs? to|deserves? to|should) (?:\w+ )?(?:know|"
         r"see|find out|hear|learn|read|watch|get to see) (?:about (?:you|u|this|what|it|the|your)|"
         r"what|who|the truth|how|that|everything|your|ur|the real|it|this|these|those)", 0.8,
         neg=NEG_IN),
    Rule("exposure.expose",
         r"\b(?:expose|exposing|exposed|out|outing) (?:you|u|ya|ur|your|her|him)\b(?! (?:to "
         r"(?:the )?(?:sun|light|cold|weather|elements)|there|and about|of|for (?:dinner|lunch|"
         r"drinks|a drink|coffee)|to (?:dinner|lunch|drinks|a)|tonight|tomorrow|on (?:friday|"
         r"saturday|a date)|more|again|sometime))|\b(?:ruin|ruining|destroy|destroying|trash) "
         r"(?:your|ur) (?:reputation|name|career|image|rep|life online)|\b(?:make|making|made|created|create|started|set up) "
         r"(?:a|an) (?:\w+ )?(?:page|account|post|website|group|thread|video|tiktok|blog|profile) "
         r"(?:about|on|exposing|dedicated to) "
         r"(?:you|u|her|him)|\b(?:spread|spreading|start|starting) (?:\w+ )?(?:rumou?rs?|lies|"
         r"stories) (?:about (?:you|u|her|him))|\bi (?:posted|shared|put|uploaded|leaked|sent) "
         r"(?:\w+ )?(?:your|ur) (?:\w+ )?(?:pics?|photos?|pictures?|nudes?|videos?|address|number|"
         r"details|info|messages|texts|location)\b(?! (?:to|with) (?:you|u)\b)", 0.8,
         neg=NEG_IN),
    Rule("exposure.have_material",
         r"\b(?:i (?:have|got|still have|kept|saved|screenshotted|recorded|took|made copies of|"
         r"backed up|have copies of|have got)|i've got|ive got) (?:all )?(?:of )?(?:your|ur|the|those|"
         r"these|our|copies of)? ?(?:\w+ )?(?:nudes?|"
         r"naked (?:pics?|photos?|pictures?)|sexy (?:pics?|photos?)|pics?|photos?|pictures?|videos?|"
         r"recordings?|screenshots|messages|texts|sex ?tape|secrets|emails|diary)\b[^\n]{0,80}?"
         r"(?:remember|don'?t forget|just saying|keep that in mind|think about it|be nice|careful|"
         r"if (?:you|u)|unless|or|so|shame|got out|get out|go out|leak|online|everyone|would hate|"
         r"be a pity|interesting|would love|would be very)\b", 0.75, neg=NEG_NONE),
    Rule("exposure.tell_circle",
         r"\b(?:{CONTACT}|{SPREAD}) (?:{YOUR}|ur|all (?:your|ur)) (?:{W2})?(?:{KIN}|{WORKPLACE}|"
         r"followers|contacts)(?:'s (?:\w+ ){0,2}?)? (?:{W3})?(?:about (?:you|u|us|what|the|your|ur)|"
         r"what (?:you|u)|everything|the truth|who (?:you|u)|where (?:you|u) (?:were|was|went|live|"
         r"are|sleep)|all about|(?:the|your|ur|those|these|my|all the) (?:\w+ )?(?:pics|photos|"
         r"pictures|videos|messages|texts|screenshots|nudes|secrets|emails|recordings|letters|"
         r"diary))", 0.8, neg=NEG_IN),
    Rule("exposure.tell_them_everything",
         r"\b(?:tell|telling|told|show|showing|showed) (?:her|him|them|everyone|everybody|people|"
         r"the world) (?:\w+ )?(?:everything|the truth|all about (?:you|u|us)|what (?:you|u) "
         r"(?:did|do|are|really|said)|who (?:you|u) really|about (?:you|u|us)|how (?:you|u)|where "
         r"(?:you|u) (?:were|was|went))|\b(?:they|she|he|everyone|people) (?:should|need to|deserve "
         r"to|will|have a right to|ought to) know (?:what|who|the truth|about|how)|"
         r"(?:your|ur) (?:\w+ )?(?:{KIN}|{WORKPLACE})(?:'s|s| is| are)? (?:going to|gonna|will|would) "
         r"(?:love|enjoy|be (?:very )?interested in|like)? ?(?:reading|seeing|watching|hearing "
         r"about|finding out)|(?:your|ur) (?:\w+ )?(?:{KIN}|{WORKPLACE}) (?:now )?(?:knows|will know|"
         r"found out)(?: now| everything| the truth| what| about| who|[.!]|$)|"
         r"(?:your|ur) (?:phone )?(?:number|address|email|location|workplace) (?:is )?(?:on it|on "
         r"there|online|in the (?:post|ad|profile|bio)|in my (?:story|post|bio))|"
         r"(?:the|those|all the|these) (?:screenshots|recordings|chats|convo|conversations|messages|"
         r"texts) (?:{W2})?(?:to|with|in|on) (?:the )?(?:group ?chat|gc|everyone|the internet|online|"
         r"(?:your|ur) \w+)", 0.75, neg=NEG_IN),
    Rule("exposure.goes_online",
         r"\b(?:(?:the|those|these|your|ur|all the|all your|my|our) (?:\w+ )?(?:photos|pics|videos|"
         r"nudes|pictures|screenshots|messages|texts|vids|tape|recordings)|it|they|everything|all of "
         r"it) (?:go|goes|will go|are going|is going|gets|get|will get) (?:online|public|viral|out|to "
         r"everyone|everywhere|up online|on the internet)\b|\b(?:post|leak|publish|upload|release|"
         r"share|spread|expose) (?:it all|everything|all of it|them all)\b|\b(?:make sure|until|"
         r"so that|so) (?:everyone|everybody|the whole \w+|your \w+|all your \w+) (?:knows|sees|"
         r"finds out|hears|knows what|gets to see)", 0.7, neg=NEG_IN),
    Rule("exposure.send_to_circle",
         r"\b{SPREAD} (?:the|those|these|all the|my|our|your|ur) (?:\w+ )?(?:pics|photos|pictures|"
         r"videos|vids|screenshots|messages|texts|recordings|nudes|emails|letters|diary|video|tape) "
         r"(?:{W2})?to (?:{YOUR}|ur|all (?:your|ur)) (?:[\w']+ )?(?:{KIN}|{WORKPLACE})|"
         r"\b(?:your|ur) (?:\w+ )?(?:{KIN}|{WORKPLACE}) (?:sees|will see|gets|will get|finds out|"
         r"will find out|hears|reads|learns) (?:about |of )?(?:the|your|ur|those|everything|what|it "
         r"all|all)\b", 0.8, neg=NEG_IN),
    Rule("exposure.es",
         r"\b(?:voy a (?:publicar|subir|mandar|ensenar|compartir|contar) (?:tus|tu|las|los|todo) "
         r"(?:fotos|videos|secretos|mensajes|direccion)|todos (?:van a|se van a) (?:saber|ver|"
         r"enterar)|le (?:voy a|dire a) (?:contar|decir) a todos)\b", 0.85, neg=NEG_NONE, lang="es"),
    Rule("exposure.fr",
         r"\b(?:je vais (?:publier|poster|envoyer|montrer|partager|balancer) (?:tes|ta|ton|les) "
         r"(?:photos|videos|secrets|messages|adresse|nudes)|tout le monde va (?:savoir|voir)|je vais "
         r"tout (?:dire|raconter|montrer|balancer))\b",
         0.85, neg=NEG_NONE, lang="fr"),
    Rule("exposure.de",
         r"\b(?:ich (?:werde|stelle|poste|schicke|zeige) (?:deine|dein) (?:fotos|bilder|nacktbilder|"
         r"videos|geheimnisse|nachrichten|adresse)|jeder wird (?:es )?(?:wissen|sehen|erfahren)|"
         r"(?:erzahle|sage|zeige) ich (?:\w+ )?alles|ich (?:werde|erzahle) (?:\w+ )?alles)\b",
         0.85, neg=NEG_NONE, lang="de"),
]

# Broadened families (2.0.0): audiences that "would love to see", secrets that will not
# stay secret, material "going up", pages made about the person.
_MATERIAL = (r"(?:pics|pictures|photos|photographs|videos?|vids?|nudes|screenshots?|screen ?shots|"
             r"chats|messages|texts|emails|recordings?|tapes?|footage|evidence|letters|diary|"
             r"these|those|them)")
RULES += [
    Rule("exposure.audience_would_love",
         r"\b(?:{YOUR} (?:[\w']+ )?(?:{KIN}|{WORKPLACE}|ex|followers|congregation|church|"
         r"clients?|readers?)|(?:everyone|everybody|people|the whole (?:\w+)) (?:at|in) (?:your|ur) "
         r"\w+) (?:would|will|'d|'ll|is going to|are going to|gonna|might) (?:[\w']+ )?(?:love|like|"
         r"enjoy|want|be (?:very |really |so )?(?:interested|surprised|shocked|keen|curious)) "
         r"(?:to (?:see|know|hear|read|find out|learn)|in)\b", 0.75),
    Rule("exposure.secret",
         r"\b(?:{YOUR}|that|this|the|our) (?:little |dirty |big )?(?:secret|secrets)\b[^.!?]{0,40}"
         r"(?:won'?t|will not|not|wont|isn'?t|is not|much longer|anymore|out|everyone|everybody|"
         r"reddit|online|public|know)|\b(?:your|ur) secrets? (?:is|are) (?:now |all )?(?:out|on|online|"
         r"up|everywhere)", 0.7, neg=NEG_NONE),
    Rule("exposure.going_up",
         r"\b" + _MATERIAL + r" (?:of (?:you|u|our \w+|your \w+) )?(?:are|is|will be|'ll be|going|"
         r"gonna|go) (?:going )?(?:(?:up |out )?on (?:facebook|fb|"
         r"insta|instagram|twitter|x|tiktok|reddit|youtube|onlyfans|pornhub|the group|the "
         r"internet|every)|(?:going |gonna go |go )(?:up|out|online|public|live|everywhere|viral)|"
         r"(?:online|public|everywhere|viral)\b)|\b(?:everyone|everybody|all) (?:in|at) (?:your|ur) (?:[\w']+ )?"
         r"(?:{WORKPLACE}|{KIN}|office|street|class|family) (?:is|are) (?:getting|going to get|gonna "
         r"get|about to get) (?:a copy|copies|one|it|them|the)", 0.78, neg=NEG_IN),
    Rule("exposure.page_about",
         r"\b(?:(?:made|set up|created|started|making|setting up|creating|starting|opened) (?:a|an|"
         r"another) (?:page|account|blog|website|site|group|thread|tiktok|video|post|profile|"
         r"channel|forum) (?:all )?about (?:you|u)|(?:making|made|doing|posting) (?:a|an) "
         r"(?:tiktok|video|reel|post|thread|story) (?:about|on|exposing) (?:what )?(?:you|u)|"
         r"(?:with|using|showing) (?:your|ur) (?:face|name|address|number|photo|pics?) (?:in|on|all)|"
         r"(?:deserves?|need|needs|ought|has a right|have a right) to know (?:about|what|the truth|"
         r"who (?:you|u))|(?:printing|print|printed|stick|sticking|stuck|pin|pinning|put|putting) "
         r"(?:the |those |these |them|it )?(?:" + _MATERIAL + r" )?(?:up )?(?:on|around|through) "
         r"(?:your|ur|the) (?:gate|door|car|windscreen|street|office|school|noticeboard|letterbox|"
         r"lamp ?posts?|town)|(?:on|all over) (?:reddit|4chan|facebook|the group ?chat|the "
         r"internet)\b[^.!?]{0,20}(?:about you|go (?:have a )?look|your\b))", 0.72, neg=NEG_IN),
    Rule("exposure.tell_about",
         r"\b(?:tell|telling|told|inform|informing|show|showing|showed|let) (?:{YOUR} (?:[\w']+ )?"
         r"(?:{KIN}|{WORKPLACE}|ex)|everyone|everybody|the (?:school|court|police|church|judge|"
         r"whole \w+)|people|all (?:your|ur) \w+)(?: know)? (?:about|what) (?:your|ur|you|u|the)\b"
         r"(?! (?:party|surprise|birthday|good news|news|promotion|job|wedding|baby))", 0.7),
]

SPEC = SignalRules("exposure", RULES, jokeable=False)
