"""threat: violence, harm, death or damage to the person, the people and animals close to
them, or their property; explicit ("I'll kill you") or veiled ("accidents happen").

Harm words alone are not threats: the object must be the person or what is theirs, so
"I'm going to kill this exam", "this heat is killing me" and "my mum will kill me" do not
match. Games ("I'll destroy you at Mario Kart") and jokes weaken a match.
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules, anchor_words

HARM = (
    r"(?:kill|killin|killing|murder|murdering|stab|stabbing|shoot|shooting|hurt|hurting|"
    r"beat up|beating up|beat the (?:shit|crap|hell|life) out of|bash|bashing|smash|smashing|punch|punching|hit|hitting|slap|"
    r"slapping|strangle|strangling|choke|choking|drown|drowning|burn|burning|torch|cut|"
    r"cutting|slice|slit|slash|break|breaking|bury|burying|end|ending|"
    r"destroy|destroying|wreck|wrecking|ruin|ruining|rape|raping|attack|attacking|"
    r"poison|poisoning|run over|hunt down|hunting down|hunt|track down|tracking down|"
    r"deal with|take out|get rid of|finish|finishing|fuck up|fucking up|"
    r"mess up|messing up|harm|harming|gut|skin|knock out|shank|cripple|"
    r"disfigure|acid|blind|teach a lesson)"
)

TARGET = (
    r"(?:{YOU}|{YOUR} (?:[\w']+ )?(?:{KIN}|{PET}|{PROPERTY}|face|life|legs?|arms?|neck|"
    r"throat|head|skull|teeth|knees|body|pretty face|little \w+|new \w+)|"
    r"(?:him|her|them) (?:too|as well|next|first))"
)

# "I'll hit you up later", "shoot you a text", "cut you a slice": not harm.
NOT_HARM = r"(?! (?:up|back|a|an|some|one|off|out|loose|slack|later|tomorrow|soon|dinner|lunch))"

# Someone else as the subject ("my mum will kill you", "that will kill you"): an idiom.
THIRD = (
    r"(?:\b(?:he|she|they|it|that|this|which|who|mom|mum|mother|dad|father|parents|boss|"
    r"teacher|coach|wife|husband|sister|brother|smoking|traffic|heat|cold)(?:'ll|ll)?\s+"
    r"(?:[\w']+\s+)?)$"
)

# "I'll destroy you at Mario Kart", "kill you in fortnite": games and sport, not harm.
GAME = (
    r"(?:at|in|on) (?:[\w']+ ){0,2}(?:mario|kart|fortnite|cod|call of duty|fifa|chess|"
    r"poker|uno|scrabble|monopoly|tennis|squash|pool|darts|golf|bowling|trivia|quiz|"
    r"the game|this game|game|games|smash|halo|overwatch|valorant|apex|minecraft|wordle|"
    r"ping pong|padel|badminton|cards|catan|karaoke|the race|race|the match|match)\b"
)

HARM_WORDS = anchor_words(HARM)

RULES = [
    Rule("threat.i_will_harm_you",
         rf"\b{{I_WILL}} {{W2}}{HARM}\s+{TARGET}\b{NOT_HARM}(?! {GAME})", 0.92, neg=NEG_IN,
         anchors=HARM_WORDS),
    Rule("threat.harm_you",
         rf"\b(?:gonna|going to|gon|finna|will|'ll|ll|should|could|would|wanna|want to|gotta|"
         rf"better not|i'd|id) {{W2}}{HARM}\s*{TARGET}\b{NOT_HARM}(?! {GAME})", 0.8,
         unless_pre=THIRD, anchors=HARM_WORDS),
    Rule("threat.harm_you_bare", rf"\b{HARM} {TARGET}\b{NOT_HARM}(?! {GAME})", 0.55,
         unless_pre=THIRD, anchors=HARM_WORDS),
    Rule("threat.you_will_die",
         r"\b{YOU_WILL} {W2}(?:die|be dead|end up dead|end up in (?:a|the) (?:ditch|hospital|morgue|"
         r"grave|river|bag)|be in (?:a|the) (?:hospital|ditch|grave|wheelchair)|be (?:sorry|next)|"
         r"regret (?:this|that|it|everything|the day|ever|what|doing|leaving|ignoring|blocking|"
         r"crossing|messing|not)|pay (?:for (?:this|that|it|what)|dearly|with)|get (?:what's coming|"
         r"what you deserve|hurt|yours)|never (?:be safe|see (?:your|ur|them|him|her|the|another)|"
         r"walk again|feel safe|sleep)|wish you (?:were dead|had(?:n't| not| never))|"
         r"see what happens|find out what happens|learn the hard way|not (?:be|feel) safe|"
         r"not see (?:another|next|tomorrow)|not live|not make it)", 0.88, neg=NEG_NONE),
    Rule("threat.you_are_dead",
         r"\b{YOURE} (?:so |a |fucking |fkn |fking )*(?:dead|dead meat|dead man|dead woman|"
         r"dead girl|dead bitch|done for|finished|history|a goner|next)\b(?!\s*(?:tired|serious|"
         r"right|wrong|on|set|last|to me|inside|funny|lol))", 0.85, neg=NEG_NONE),
    Rule("threat.veiled",
         r"\b(?:watch (?:your|ur) (?:back|step|mouth)|sleep with one eye open|your days are numbered|"
         r"(?:ur|your) days are numbered|it would be a (?:real )?shame if|would be a shame if (?:something|anything)|"
         r"(?:something|anything) (?:bad |terrible |awful )?(?:might|could|will|would|is going to|"
         r"gonna|may) happen to (?:you|u|your|ur)|you never know what (?:might|could|will) happen|"
         r"what happens to (?:that|your|ur) (?:pretty |little )?(?:face|family|kids|car|dog|cat)|"
         r"you have no idea what i(?:'m| am|m) capable of|you don't know what i(?:'m| am|m) capable of|"
         r"(?:don'?t|do not) (?:make|force) me (?:to )?(?:hurt|do something|come|show|use|get|"
         r"lose|snap|find)|i know where (?:you|u) (?:live|sleep|work|park|stay)|"
         r"(?:i'll|ill|i will|i'm going to|im going to|im gonna|i'm gonna) (?:find|get|come for|"
         r"come after|hunt|track|catch) (?:you|u)(?:\s*(?:[.!]|$)| {W2}(?:when you least expect|"
         r"eventually|sooner or later|one day|alone|in the dark|at night|wherever|no matter))|"
         r"(?:i'm|im|i am) coming for (?:you|u)|nowhere (?:is safe|to hide|you can hide)|"
         r"you (?:can'?t|cannot|won't|will not) (?:hide|run) (?:forever|from me)|"
         r"last thing (?:you|u)(?:'ll| will)? ever|you(?:'d| had)? better watch (?:out|yourself|it)|"
         r"be careful (?:walking|going|driving|at night|out there|who you|what you)|"
         r"(?:say|kiss) goodbye to (?:your|ur)|(?:you|u) will get what(?:'s| is)? coming|"
         r"what(?:'s| is) coming to (?:you|u)|i(?:'m| am|m) not done with (?:you|u)|"
         r"this (?:isn't|is not|aint|ain't) over|blood will|pay the price|hell to pay|"
         r"(?:and|or|then|just) (?:see|watch|find out) what (?:happens|will happen|i do)|"
         r"(?:nobody|no one|noone) (?:would|will|'d|'ll|is going to|is gonna) (?:ever )?(?:even )?"
         r"find (?:you|u|ur|your)|(?:nobody|no one) (?:gets|will get|has to get) hurt|"
         r"better watch (?:out|your back|yourself)|make (?:your|ur) life (?:a )?(?:living )?"
         r"(?:hell|miserable|a nightmare|nightmare)|"
         r"make (?:you|u) (?:pay|suffer|bleed|cry|scream|regret)|(?:you|u) deserve to (?:die|suffer|"
         r"be hurt|get hurt|get raped|be raped)|i hope (?:you|u) (?:die|get hurt|get raped|burn|rot|"
         r"suffer|crash)|hope (?:you|u) die|go die|(?:go )?kill (?:ur|your)self|\bkys\b|"
         r"drink bleach|die in a (?:fire|hole|ditch))",
         0.8, neg=NEG_NONE),
    Rule("threat.accidents",
         r"\b(?:accidents (?:can )?happen|people (?:have|get into) accidents|accidents happen to "
         r"people)\b", 0.7, neg=NEG_NONE,
         unless=r"(?:don'?t worry|no worries|it'?s (?:ok|okay|fine|alright|nothing)|no problem|no "
         r"harm|never mind|forget it|the (?:glass|cup|plate|mug|vase|carpet|rug|spill)|spilled|"
         r"broke (?:a|the)|dropped)"),
    Rule("threat.weapon",
         r"\b(?:i (?:have|got|bought|own|keep|carry)|i've got|ive got) (?:a |my |the )?(?:gun|knife|"
         r"blade|bat|baseball bat|machete|rifle|shotgun|pistol|acid|crowbar|hammer)\b", 0.55),
    Rule("threat.emoji", r"(?:🔪|🔫|🗡|💣|⚰|🪦|🩸|☠)", 0.35, jokeable=True),
    Rule("threat.property",
         r"\b(?:slash|slashed|slashing|key|keyed|keying|smash|smashed|torch|torched|burn|burned|"
         r"burnt|trash|trashed|vandali[sz]e|break into|broke into|egg|egged|wreck|wrecked|poison|"
         r"poisoned|set fire to) (?:{YOUR}|that|the) (?:[\w']+ )?(?:{PROPERTY}|{PET})", 0.65),
    # Spanish
    Rule("threat.es.matar",
         r"\b(?:te (?:voy a|vamos a|va a) (?:matar|hacer dano|hacer (?:mucho )?dano|partir la cara|"
         r"romper|reventar|destrozar|buscar|encontrar)|te mato|te matare|voy a matarte|"
         r"vas a (?:pagar|morir|arrepentirte|lamentarlo|ver lo que pasa)|te vas a arrepentir|"
         r"te arrepentiras|(?:lo )?vas a lamentar|vas a estar muert[oa]|estas muert[oa]|"
         r"se donde vives|cuidate la espalda|ten cuidado con lo que|no sabes de lo que soy capaz|"
         r"te va a pasar algo|algo (?:malo )?(?:te )?(?:va a|podria) pasar(?:te)?|"
         r"(?:te|le) (?:voy|vamos) a (?:quemar|rajar|pegar|golpear)|ojala te mueras|muerete)",
         0.85, neg=NEG_NONE, lang="es"),
    # French
    Rule("threat.fr.tuer",
         r"\b(?:je vais te (?:tuer|buter|crever|defoncer|frapper|massacrer|detruire|faire (?:du )?mal|"
         r"retrouver|trouver|faire payer|faire regretter)|je te tue|je vais t'(?:egorger|eclater|"
         r"ecraser|achever)|tu vas (?:le )?(?:regretter|payer|mourir|crever|souffrir)|"
         r"tu (?:le )?regretteras|tu es (?:un |une )?(?:homme |femme )?mort(?:e)?\b|t'es mort(?:e)?|"
         r"je sais ou tu (?:habites|vis|dors|travailles)|fais gaffe a toi|fais attention a toi|"
         r"tu ne sais pas de quoi je suis capable|il va t'arriver (?:quelque chose|malheur)|"
         r"(?:j'espere que )?tu vas crever|je vais bruler ta|je vais tout casser)",
         0.85, neg=NEG_NONE, lang="fr"),
    # German
    Rule("threat.de.umbringen",
         r"\b(?:ich (?:bring|bringe|werde) dich (?:um|umbringen|toten|fertig ?machen|finden|kriegen)|"
         r"ich mach(?:e)? dich (?:kalt|fertig|platt|kaputt)|ich (?:bring|bringe) dich um|"
         r"du wirst (?:es )?(?:bereuen|bezahlen|sterben|leiden)|das wirst du bereuen|"
         r"das wirst du (?:mir )?bu(?:ss|ß)en|du bist (?:so )?(?:gut wie )?tot|"
         r"ich wei(?:ss|ß) wo du wohnst|pass (?:bloss |bloß |nur )?auf dich auf|"
         r"du wei(?:ss|ß)t nicht wozu ich fahig bin|es wird dir leid tun|dir wird (?:noch )?"
         r"was passieren|ich (?:stech|steche|schlag|schlage|knall) dich|verreck)",
         0.85, neg=NEG_NONE, lang="de"),
]

# Broadened families (2.0.0): veiled and idiomatic harm without the classic harm verb,
# British slang verbs, conditional "if I catch you", and "you will suffer" variants.
RULES += [
    Rule("threat.slang_harm",
         r"\b(?:{I_WILL}|gonna|going to|will|'ll|ll) {W2}(?:batter|leather|deck|floor|smack|thump|"
         r"kick the (?:shit|crap|hell) out of|kick (?:your|ur) (?:head|face|teeth) in|do (?:you|u) in|"
         r"sort (?:you|u) out|rough (?:you|u) up|put (?:you|u) in (?:the ground|hospital|a hospital|"
         r"a box|a grave|a wheelchair|the river)\b|shut (?:your|ur) (?:mouth|gob) for good|"
         r"(?:shut|close) (?:you|u) up for good|make (?:you|u) disappear|end (?:you|u)\b|"
         r"wipe (?:you|u) out\b|get (?:you|u) (?:done|sorted|dealt with)\b)", 0.8, neg=NEG_IN),
    Rule("threat.you_will_suffer",
         r"\b{YOU_WILL} {W2}(?:suffer|bleed|get (?:it|yours|hurt|what's coming)|be hurt|be eating "
         r"through a straw|be in (?:a )?(?:wheelchair|hospital|cast)|end up (?:like|hurt|in)|"
         r"(?:never|not) see (?:me|it) coming|wish (?:you|u) (?:never|hadn't|had never)|"
         r"be looking over (?:your|ur) shoulder|look over (?:your|ur) shoulder)", 0.8, neg=NEG_NONE),
    Rule("threat.wont_see_coming",
         r"\b(?:(?:you|u) (?:won'?t|will not|wont|never) see (?:me|it|us) coming|look(?:ing)? over "
         r"(?:your|ur) shoulder (?:and|for)|(?:should|better) be (?:scared|afraid|frightened|"
         r"terrified) of me|be (?:very )?(?:scared|afraid)\.? (?:really|very)|(?:think|reckon) "
         r"(?:the )?(?:police|cops|feds|court|anyone|anybody|a restraining order|an injunction|"
         r"your \w+) (?:can|will|could|is going to|are going to|gonna) (?:protect|save|help|stop) "
         r"(?:you|u|me)|(?:nobody|no one|noone|nothing)(?:'s| is)? (?:going to|gonna|will|can|could|"
         r"'ll) (?:be able to )?(?:protect|save|help) (?:you|u)|might be (?:your|ur) last|"
         r"enjoy (?:it|them|this|that|your \w+) while (?:it|you|u|they) (?:last|lasts|can)|"
         r"(?:your|ur) (?:time|turn) is coming|i know people who|remember what happened to|"
         r"it(?:'s| is| will be| would be|'d be) (?:so |very |really )?easy (?:for|to) (?:your|ur|"
         r"make|get|find|hurt|break|cut)|(?:hate|hating) for (?:something|anything|you|u|your|ur) "
         r"(?:bad |terrible |awful )?(?:to )?(?:happen|get|be|happen to)|(?:would|'d|it'd) be a "
         r"(?:real )?(?:shame|pity) if (?!(?:they|those|these|the (?:pics|photos|videos|screenshots))"
         r" (?:got|went|were|ended up) (?:out|online|around|public|posted))|(?:shame|pity) (?:about|if) (?:your|ur|that|the) \w+|"
         r"(?:see|watch) how (?:that|this) works out for (?:you|u)|(?:keep|carry on) (?:pushing|"
         r"talking|going|like this|ignoring|testing) (?:and|n) (?:see|watch|find out)|"
         r"(?:that's|this is|its|it's) a promise not a threat|"
         r"(?:brakes|tyres|tires|windows?) (?:to )?(?:fail|go flat|get (?:slashed|smashed|cut)|"
         r"smash)|(?:four |4 )?flat (?:tyres|tires)|(?:safe|protected|hidden|untouchable)\b[^.!?]{0,30}\?+ think again)", 0.72, neg=NEG_NONE,
         unless=r"\b(?:quiz|exam|test|game|match|interview|presentation|recipe|cake)\b"),
    Rule("threat.if_i_catch",
         r"\bif i (?:ever )?(?:catch|see|find) (?:you|u) (?:with|near|at|around|again|talking|"
         r"texting)[^.!?]{0,60}(?:dead|river|hospital|ground|hurt|regret|sorry|kill|end|finish|"
         r"pay|mess|break|smash|beat|batter|so are you|you too|you're next)", 0.8, neg=NEG_NONE),
]

SPEC = SignalRules("threat", RULES, jokeable=True)
