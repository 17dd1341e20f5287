"""sexual: unwanted sexual comments, requests, descriptions, or mention of sexual images.

Swearing is not sexual ("fuck you" is an insult, "what the fuck" is neither); logistics
with the same words are not ("send me the pics from the party", "it's so hot today").
"""

from __future__ import annotations

from .base import NEG_NONE, Rule, SignalRules

BODY = (
    r"(?:tits|titties|boobs|boobies|breasts|nipples?|pussy|puss|vagina|cunt|clit|dick|cock|"
    r"penis|balls|ass|arse|butt|booty|bum|thighs|legs|lips|body|curves|panties|knickers|"
    r"underwear|bra|thong|lingerie|bikini|naked body|bare \w+)"
)

RULES = [
    Rule("sexual.nudes",
         r"\b(?:nudes?|nude pics?|naked (?:pics?|pictures?|photos?|selfies?|videos?|vids?|"
         r"snaps?)|dick pics?|d pics?|tit pics?|sexy (?:pics?|pictures?|photos?|selfies?|snaps?|"
         r"vids?|videos?)|sex tape|sextape|nsfw (?:pics?|photos?|vids?|content)|spicy (?:pics?|"
         r"photos?|content)|onlyfans content|explicit (?:pics?|photos?|images?|videos?))\b|\bsend (?:me |"
         r"us )?(?:something|sth|smth|smthn|a pic|pics|a photo|photos|a video|something a little) "
         r"(?:\w+ )?(?:sexy|naughty|hot|spicy|dirty|nsfw|revealing|x-rated)\b|\b(?:sleep|sleeping|"
         r"shower|showering|swim|swimming|sunbathe|sunbathing) (?:naked|nude|in the nude)\b", 0.85),
    Rule("sexual.send_me_pics",
         r"\b(?:send|sned|snd|show|give) (?:me |us )?(?:a |some |more |those |ur |your )?(?:pics?|pictures?|"
         r"photos?|selfies?|snaps?|vids?|videos?) (?:of|in|without|wearing|w/o) (?:you|u|ur|your) ?"
         r"(?:{W2})?(?:body|naked|nude|tits|boobs|ass|butt|bra|underwear|panties|knickers|lingerie|"
         r"bikini|bed|shower|bath|nothing|less|no clothes|bathing suit|swimsuit)\b", 0.85),
    Rule("sexual.show_me",
         rf"\b(?:show|flash|send|let me see|lemme see|let me touch|lemme touch|wanna see|want to see) "
         rf"(?:me |us )?(?:{{YOUR}}|those|them|that|ur|dem) (?:{{W2}})?{BODY}\b",
         0.85),
    Rule("sexual.want_you",
         r"\b(?:i (?:want|wanna|need|would love|would like|'d love|'d like|d love|am going|'m going|"
         r"m going|'m gonna|m gonna|am gonna|can't wait|cant wait|could|will|'ll|ll)|i'd|id|i'll|ill|"
         r"let me|lemme|gonna|want to|wanna|let's|lets|come|i'm going to|im going to) (?:to )?"
         r"{W2}(?:fuck|fck|fuk|fucc|screw|bang|shag|have sex with|hook up with|lick|suck|touch|"
         r"taste|grope|finger|undress|strip|spank|ride|pound|rail|eat|sleep with|kiss|cum on|"
         r"cum in|tie up|choke|bend over|feel up|do)\s+(?:every (?:inch|part|bit) of )?(?:{YOU}|{YOUR} {W2}(?:body|tits|boobs|ass|"
         r"pussy|lips|mouth|neck|legs|thighs|breasts|butt|booty|nipples|clit|cunt))"
         r"(?:\s+(?:all over|out|up|so hard|hard|senseless|till|until|naked|nude|tonight|again|"
         r"in bed|from behind|raw|good|everywhere))?\b"
         r"(?<!\bdo you)(?<!\bdo u)(?<!\bkiss you)(?<!\bkiss u)(?<!\btouch you)(?<!\btouch u)", 0.8),
    Rule("sexual.see_naked",
         r"\b(?:see|seeing|watch|watching|picture|imagine|get|getting|want) (?:you|u) (?:naked|nude|"
         r"undressed|without (?:your|ur|any) (?:clothes|top|bra|panties|underwear)|in (?:nothing|"
         r"lingerie|your underwear|ur underwear|your bra|ur bra)|topless|into bed|in bed with me|"
         r"moan|scream my name|on your knees|on ur knees)\b", 0.85),
    Rule("sexual.kiss_touch_you",
         r"\b(?:kiss|touch|feel|lick|taste) (?:you|u) (?:all over|everywhere|down there|"
         r"there|in places|where|until|till|slowly|like)\b|\b(?:kiss|touch|lick|taste|feel) "
         r"{YOUR} (?:body|neck|lips|thighs|breasts|legs|skin)\b", 0.7),
    Rule("sexual.explicit",
         r"\b(?:horny|hornyy+|sexting|sext|sexy time|blowjob|blow job|bj|handjob|hand job|"
         r"head from|give me head|suck my (?:dick|cock|balls|d)|suck (?:you|u) off|"
         r"deepthroat|cum|cumming|jerk off|jerking off|jerked off|wank(?:ing|ed)? (?:to|over|"
         r"about|thinking)|jack off|jacking off|masturbat\w*|touch(?:ing)? (?:my|your|ur)self|"
         r"play(?:ing)? with (?:your|ur)self|makes? me (?:so )?(?:hard|wet|horny)|got me (?:so )?"
         r"(?:hard|wet|horny)|rock hard|so wet|(?:my|this) (?:dick|cock|boner)|boner|hard on|"
         r"hard-on|69|doggy|doggystyle|missionary|threesome|orgasm\w*|in bed with (?:you|u|me)|"
         r"sit on my (?:face|lap|dick)|on (?:your|ur) knees|bend (?:you|u) over|"
         r"(?:your|ur) (?:tits|boobs|pussy|ass|booty|titties|nipples|thighs) (?:look|are|r|is|"
         r"looked|were)|nice (?:tits|boobs|ass|rack|booty|titties|legs)|fuckable|dtf|"
         r"down to fuck|(?:fuck|fucking|fucked) (?:you|u|me) (?:so )?(?:hard|good|raw|senseless|"
         r"all night))\b", 0.85),
    Rule("sexual.wearing",
         r"\b(?:what (?:are|r) (?:you|u) wearing|wear (?:the|that|something) (?:sexy|tight|short|"
         r"little|lace|red) (?:dress|skirt|thing|outfit|lingerie)|(?:you|u) (?:look|looked|looking) "
         r"(?:so )?(?:sexy|hot|fuckable|delicious|edible) (?:in|without|naked|today|tonight|"
         r"yesterday|in that)|bet (?:you|u) (?:look|taste|feel) (?:so )?(?:good|amazing|hot|sexy|"
         r"great) (?:naked|without|in bed|under)|thinking (?:about|of) (?:you|u) (?:naked|in the "
         r"shower|in bed|in your underwear|undressed|without)|dream(?:ed|t)? (?:about|of) (?:you|u)"
         r" (?:naked|in bed|last night and)|picture (?:you|u) naked|imagine (?:you|u) naked|"
         r"(?:you|u) (?:naked|in the shower))\b", 0.75),
    Rule("sexual.emoji", r"(?:🍆|💦|🍑|👅|🥵|😈)(?:\s*(?:🍆|💦|🍑|👅|🥵|😈))+", 0.6),
    Rule("sexual.one_emoji", r"(?<![🍆💦🍑👅🥵😈])(?:🍆|💦|🍑|👅|🥵|😈)(?!\s*[🍆💦🍑👅🥵😈])", 0.3),
    Rule("sexual.sexy", r"\b(?:sexy|seksi|sexxy|sexi|hottie|babe|baby girl|sweet cheeks)\b", 0.25),
    Rule("sexual.es",
         r"\b(?:mandame (?:fotos|una foto|fotitos) (?:desnuda|sin ropa|en ropa interior)|"
         r"(?:fotos?|videos?) desnud[oa]s?|quiero (?:follarte|cogerte|tocarte|verte desnuda)|"
         r"estoy caliente|que rica estas|tus tetas|tu culo)\b", 0.85, neg=NEG_NONE, lang="es"),
    Rule("sexual.fr",
         r"\b(?:envoie(?:-| )moi (?:des|une) (?:photos?|nudes?) (?:nue|sexy)|photos? (?:de toi )?nue?s?|"
         r"je veux te (?:baiser|toucher|voir nue)|tes seins|ton cul|je suis excite)\b", 0.85,
         neg=NEG_NONE, lang="fr"),
    Rule("sexual.de",
         r"\b(?:nacktbilder|nacktfotos|schick mir (?:ein )?(?:nacktbild|nacktfoto|nacktbilder|"
         r"bilder von dir nackt)|ich will dich (?:ficken|nackt sehen|beruhren)|deine titten|"
         r"dein arsch|ich bin geil|bin so geil)\b", 0.85, neg=NEG_NONE, lang="de"),
]

# Broadened families (2.0.0): requests for images, bodies, beds and fantasies without
# explicit words.
_BODY = (r"(?:lips|body|boobs|tits|titties|breasts|chest|ass|arse|bum|butt|booty|legs|thighs|"
         r"curves|nipples|pussy|dick|cock|feet|skin|mouth|tongue)")
RULES += [
    Rule("sexual.pic_request",
         r"\b(?:send|show|give|get|snap|take) (?:me )?(?:a |some |more |ur |your )?(?:[\w']+ )?"
         r"(?:pic|pics|picture|pictures|photo|photos|selfie|selfies|vid|video|videos|snap|snaps)"
         r"(?: of (?:you|u|your|ur))? (?:from the (?:shower|bath|bed)|in (?:the )?(?:shower|bath|bed|"
         r"your underwear|ur underwear|lingerie|a bikini|nothing|the nude|your bra|ur bra)|"
         r"without (?:clothes|anything|your|ur)|naked|topless|nude)|\b(?:sexy|naughty|dirty|spicy|"
         r"cheeky|private|nude|feet|foot|boob|tit|ass|bum) (?:pic|pics|picture|pictures|photo|photos|"
         r"selfie|selfies|vids?|videos?)\b|more skin", 0.75),
    Rule("sexual.body",
         r"\b{YOUR} {W2}" + _BODY + r"\b[^.!?]{0,30}(?:would|'d|feel|feels|taste|look so|looks so|"
         r"in that|unreal|amazing|perfect|on me|around|against|so hot|so sexy)|"
         r"\bhow big (?:are|is) {YOUR} " + _BODY + r"|\bwhat (?:you|u) look like (?:naked|nude|"
         r"without)|\b(?:see|touch|taste|feel|kiss|lick|grab) (?:all of (?:you|it)|every inch)", 0.7),
    Rule("sexual.bed",
         r"\b(?:(?:in|into|to) my bed|(?:you|u) in (?:my )?bed|in bed (?:with|right now|naked)|"
         r"(?:things|stuff) i(?:'d| would|d)? (?:do|did) to (?:you|u)|do (?:things|stuff) to (?:you|u)|"
         r"(?:fantasi[sz]e|fantasi[sz]ing|fantasi[sz]ed|imagining|imagine|dreaming|dreamt|dreamed|"
         r"thinking) (?:about )?(?:you|u)? ?(?:on top|under me|naked|in bed|riding|on your knees|"
         r"bent over|all day)|fantasi[sz]ing about (?:you|u)|(?:got|get|getting|makes? me) "
         r"(?:hard|wet|horny|turned on)|(?:taste|lick|eat) (?:you|u)\b(?! up)|"
         r"sit on my (?:face|lap|dick|cock)|a night in a hotel|hotel room|you(?:'re| are) so "
         r"(?:fit|fuckable|shaggable)|(?:drove|drives|driving) me wild|"
         r"wear (?:that|the|your) (?:tight|short|little|lacy|black|red) \w+ for me)", 0.72),
]

SPEC = SignalRules("sexual", RULES, jokeable=False)
