"""exposure: sharing, or threatening to share, the person's private information, images,
secrets or rumours with others; doxxing; public shaming.

Sharing words count when what is shared is private ("your nudes", "your address", "what
you did") or the audience is others ("everyone", "online", "your boss"). "I'll send you
the photos from the wedding" shares with the person themself and does not count. Messages
that carry someone's phone number, email or street address together with spreading or
pointing others at them are found by the personal-data check in ``personal_data.py``.
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules, anchor_words, forms, words

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
         r"husband|wife|colleagues|friends|kids|followers)) (?:will|is going to|is gonna|'ll|"
         r"are going to|are gonna|'s gonna|gonna|needs? to|deserves? to|should) (?:\w+ )?(?:know|"
         r"see|find out|hear|learn|read|watch|get to see) (?:about (?:you|u|this|what|it|the|your)|"
         r"what|who|the truth|how|that|everything|your|ur|the real|it|this|these|those)", 0.8,
         neg=NEG_IN),
    Rule("exposure.expose",
         r"\b(?:expose|exposing|exposed|out|outing) (?:you|u|ya|ur|your|her|him)\b(?! (?:to "
         r"(?:the )?(?:sun|light|cold|weather|elements)|there|and about|of|for (?:dinner|lunch|"
         r"drinks|a drink|coffee)|to (?:dinner|lunch|drinks|a)|tonight|tomorrow|on (?:friday|"
         r"saturday|a date)|more|again|sometime))|\b(?:ruin|ruining|destroy|destroying|trash) "
         r"(?:your|ur) (?:reputation|name|career|image|rep|life online)|\b(?:make|making) "
         r"(?:a|an) (?:page|account|post|website|group|thread|video|tiktok) (?:about|on|exposing) "
         r"(?:you|u|her|him)|\b(?:spread|spreading|start|starting) (?:\w+ )?(?:rumou?rs?|lies|"
         r"stories) (?:about (?:you|u|her|him))|\bi (?:posted|shared|put|uploaded|leaked|sent) "
         r"(?:\w+ )?(?:your|ur) (?:\w+ )?(?:pics?|photos?|pictures?|nudes?|videos?|address|number|"
         r"details|info|messages|texts|location)\b(?! (?:to|with) (?:you|u)\b)", 0.8,
         neg=NEG_IN),
    Rule("exposure.have_material",
         r"\b(?:i (?:have|got|still have|kept|saved|screenshotted|recorded|took|made copies of|"
         r"backed up)|i've got|ive got) (?:all )?(?:your|ur|the|those|these|our) (?:\w+ )?(?:nudes?|"
         r"naked (?:pics?|photos?|pictures?)|sexy (?:pics?|photos?)|pics?|photos?|pictures?|videos?|"
         r"recordings?|screenshots|messages|texts|sex ?tape|secrets|emails|diary)\b[^.!?]{0,60}"
         r"(?:remember|don'?t forget|just saying|keep that in mind|think about it|be nice|careful|"
         r"if (?:you|u)|unless|or|so)\b", 0.75, neg=NEG_NONE),
    Rule("exposure.es",
         r"\b(?:voy a (?:publicar|subir|mandar|ensenar|compartir|contar) (?:tus|tu|las|los) "
         r"(?:fotos|videos|secretos|mensajes|direccion)|todos (?:van a|se van a) (?:saber|ver|"
         r"enterar)|le (?:voy a|dire a) (?:contar|decir) a todos)\b", 0.85, neg=NEG_NONE, lang="es"),
    Rule("exposure.fr",
         r"\b(?:je vais (?:publier|poster|envoyer|montrer|partager|balancer) (?:tes|ta|ton|les) "
         r"(?:photos|videos|secrets|messages|adresse|nudes)|tout le monde va (?:savoir|voir))\b",
         0.85, neg=NEG_NONE, lang="fr"),
    Rule("exposure.de",
         r"\b(?:ich (?:werde|stelle|poste|schicke|zeige) (?:deine|dein) (?:fotos|bilder|nacktbilder|"
         r"videos|geheimnisse|nachrichten|adresse)|jeder wird (?:es )?(?:wissen|sehen|erfahren))\b",
         0.85, neg=NEG_NONE, lang="de"),
]

TRIGGERS = words(
    """everyone everybody world school town office internet online public expose exposing
    exposed out outing reputation career image rep page account website group thread rumour
    rumours rumor rumors lies stories nudes nude naked secret secrets diary journal address
    tape sextape screenshots screenshot recordings recording pics pic photos photo pictures
    picture videos video vids truth kept saved screenshotted recorded know see hear learn
    tell telling told show showing showed let inform informing warn warning remind
    voy publicar subir mandar ensenar compartir contar todos dire je vais publier poster
    envoyer montrer partager balancer tout ich werde stelle poste schicke zeige jeder""",
    forms("post", "share", "send", "leak", "upload", "publish", "spread", "forward", "release",
          "put", "print", "email", "text", "tag", "plaster", "distribute", "hand", "pass",
          "dm", "ruin", "destroy", "trash", "make", "start"),
    ["sent", "made", "took", "putting", "dmed", "got"],
)

SPEC = SignalRules("exposure", TRIGGERS, RULES, jokeable=False)
