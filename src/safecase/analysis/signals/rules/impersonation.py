"""impersonation: posing as someone else or as the person; fake accounts in their name;
pretending to be a bank, courier or platform.

Platform-style messages count when they carry the scam's shape (suspended, locked,
verify, fee, redelivery, unusual sign-in) rather than a plain "your parcel was delivered".
"""

from __future__ import annotations

from .base import NEG_IN, NEG_NONE, Rule, SignalRules

BRANDS = (
    r"(?:royal mail|usps|ups|dhl|fedex|hermes|evri|dpd|parcelforce|gls|correos|la poste|"
    r"colissimo|chronopost|deutsche post|dhl express|amazon|paypal|apple|icloud|apple id|"
    r"microsoft|outlook|office ?365|netflix|spotify|disney|instagram|facebook|meta|whatsapp|"
    r"snapchat|tiktok|google|gmail|hmrc|irs|dvla|gov\.uk|ssa|medicare|nhs|bank of america|"
    r"chase|wells fargo|barclays|hsbc|lloyds|natwest|santander|monzo|revolut|citi|capital one|"
    r"coinbase|binance|ebay|venmo|cash ?app|zelle|ee|vodafone|o2|verizon|at&t|t-mobile|"
    r"your bank|the bank|tax office|post office|customs|toll|e-?zpass|sunpass|fastrak)"
)

SCAM = (
    r"(?:suspend|suspended|locked|lock|limited|restricted|disabled|deactivat|compromised|"
    r"blocked|frozen|on hold|held|unpaid|outstanding|overdue|failed|unsuccessful|verify|"
    r"verification|confirm your|update your|validate|re-?activate|unusual|suspicious|"
    r"unrecognised|unrecognized|new sign-?in|new login|security alert|fee|redeliver|"
    r"re-?delivery|reschedule|customs charge|refund|tax rebate|claim|won|winner|prize|"
    r"gift card|reward|expire|expires|expiring|final notice|action required|immediately|"
    r"within 24|within 48|click|tap|log ?in|sign ?in)"
)

RULES = [
    Rule("impersonation.fake_account",
         r"\b(?:(?:made|make|making|created|create|creating|set up|setting up|opened|open|"
         r"opening|started|start) (?:a |an |another |new |some |few |more |multiple |\d+ )*"
         r"(?:\w+ )?(?:fake )?(?:account|accounts|profile|profiles|page|pages|instagram|insta|"
         r"facebook|fb|tinder|bumble|hinge|grindr|twitter|tiktok|snapchat|snap|onlyfans|email|"
         r"dating profile|linkedin|reddit) (?:\w+ )?(?:in|with|under|using|as|of|pretending to "
         r"be|that (?:looks|look) like|for) (?:your|ur|you|u|her|his)\b(?: (?:name|photos|pics|"
         r"pictures|face|number|details|identity))?|fake (?:account|accounts|profile|profiles|"
         r"page|instagram|facebook|tinder|email) (?:of|in|with|under|using|as|pretending|"
         r"of) (?:you|u|your|ur)|pretending to be (?:you|u)|pretended to be (?:you|u)|posing as "
         r"(?:you|u)|posed as (?:you|u)|(?:as|pretending to be|posing as|posed as|pretended to "
         r"be) (?:your|ur) (?:\w+ )?(?:{KIN}|{WORKPLACE})|(?:messaging|texting|talking to|"
         r"emailing|dming|chatting with|replying to) (?:\w+ ){0,3}as (?:you|u)\b|(?:logged|"
         r"logging) (?:in|into) (?:\w+ )?as (?:you|u)|from (?:your|ur) (?:account|accounts|"
         r"instagram|insta|facebook|email|number|phone|profile)|(?:posted|sent|messaged|"
         r"texted|replied|wrote|commented) (?:\w+ ){0,4}(?:from|on|using) (?:your|ur) (?:account|"
         r"instagram|insta|facebook|fb|email|phone|profile|page|linkedin|twitter|tiktok|snapchat|snap|"
         r"whatsapp|laptop|computer|number|dating profile|tinder)|(?:signed|signing|sign) (?:you|u) up "
         r"(?:for|to|on))", 0.85, neg=NEG_IN),
    Rule("impersonation.be_you",
         r"\b(?:i'll|ill|i will|i'm going to|im gonna|i'm gonna) (?:be|become) (?:you|u)\b", 0.85,
         neg=NEG_IN, anchors=frozenset({"ll", "ill", "will", "going", "gonna", "become"})),
    Rule("impersonation.brand_scam",
         rf"\b{BRANDS}\b[^\n]{{0,120}}?{SCAM}|\b{SCAM}\w*[^\n]{{0,120}}?\b{BRANDS}\b", 0.55,
         neg=NEG_NONE),
    Rule("impersonation.account_problem",
         r"\b(?:your|ur) (?:\w+ )?(?:account|card|payment|package|parcel|delivery|shipment|order|"
         r"apple id|subscription|wallet|mailbox|password|id|profile) (?:has been|have been|is|was|"
         r"will be|is being|are|got) (?:temporarily |permanently |now )?(?:suspended|locked|"
         r"limited|restricted|disabled|deactivated|compromised|blocked|frozen|on hold|held|"
         r"flagged|terminated|closed|cancelled|canceled|deleted|expired|expiring|charged|"
         r"undeliverable|returned|stopped|seized|pending|awaiting payment)\b", 0.55,
         neg=NEG_NONE),
    Rule("impersonation.verify",
         r"\b(?:verify|confirm|update|validate|re-?enter|unlock|restore|secure|reactivate) "
         r"(?:your|ur) (?:\w+ )?(?:account|identity|details|information|info|payment|card|"
         r"billing|login|password|data|apple id|id|address|bank details)\b|"
         r"\b(?:pay|settle) (?:the |a |your )?(?:small |outstanding |unpaid )?(?:fee|charge|"
         r"customs|duty|toll|balance|fine)\b|\b(?:unusual|suspicious|unrecogni[sz]ed|new) "
         r"(?:activity|sign-?in|login|log-?in|attempt|device)\b|\b(?:security|verification|"
         r"one-?time|otp|login) code\b(?=[^\n]{0,60}\b(?:send|forward|text|read) (?:it|them) "
         r"(?:to (?:me|us)|back)\b)|\b(?:send|share|give|tell|forward) (?:me|us) (?:the|your|that) "
         r"(?:\w+ )?(?:code|otp|pin|verification code)\b", 0.5, neg=NEG_NONE),
    Rule("impersonation.official_voice",
         r"\b(?:this is|we are|we're|from) (?:the |your )?(?:\w+ )?(?:support|security|fraud|"
         r"customer service|help ?desk|verification|trust and safety|billing|account) "
         r"(?:team|department|centre|center|desk|services?)\b|\bdear (?:customer|user|client|"
         r"valued customer|account holder|member)\b", 0.4, neg=NEG_NONE),
    Rule("impersonation.new_number",
         r"\b(?:hi|hey|hello)? ?(?:mum|mom|mam|dad|mummy|mommy|mother|father)[,!.]? (?:it'?s|"
         r"its|this is) (?:me|your (?:son|daughter|kid|child)|\w+)[,!.]? ?(?:this is |that's |"
         r"thats |it'?s )?(?:my |a )?new (?:number|phone|mobile)\b|\bnew (?:number|phone)[^.!?]"
         r"{0,40}(?:delete the old|old (?:one|phone|number) (?:broke|is "
         r"broken|was stolen|died|got))|\bi (?:dropped|broke|lost) my phone[^.!?]{0,60}(?:new "
         r"number|this number|need (?:a )?(?:favou?r|money|help)|can you (?:pay|send|transfer))",
         0.8, neg=NEG_NONE),
    Rule("impersonation.es",
         r"\b(?:cree (?:una|un) (?:cuenta|perfil) (?:falsa|falso)? ?(?:con|a) (?:tu|su) nombre|"
         r"(?:perfil|cuenta) falsa? (?:con|a) tu nombre|haciendome pasar por ti)\b", 0.85,
         neg=NEG_NONE, lang="es"),
    Rule("impersonation.fr",
         r"\b(?:j'ai cree un (?:faux )?(?:compte|profil) (?:a|avec) ton nom|faux (?:compte|profil) "
         r"a ton nom|en me faisant passer pour toi)\b", 0.85, neg=NEG_NONE, lang="fr"),
    Rule("impersonation.de",
         r"\b(?:(?:fake-?|falsches? )(?:konto|profil|account) (?:mit|unter) deinem namen|ich gebe "
         r"mich als dich aus)\b", 0.85, neg=NEG_NONE, lang="de"),
]

# Broadened families (2.0.0): new accounts after a block, borrowed phones, posing as the
# person, posing as officials or platforms.
RULES += [
    Rule("impersonation.new_account",
         r"\b(?:(?:made|making|set up|created|opened|got|using) (?:a |another |yet another |a new |a "
         r"different |a second |a fake |another new )(?:account|acc|profile|number|insta|"
         r"snap|facebook|fb|email)\b(?! for my)[^.!?]{0,40}\b(?:you|u|blocked|since)\b|(?:messaging|texting|calling|writing to) (?:you|u) from "
         r"(?:my |a )?(?:friend's|friends|mate's|mates|sister's|brother's|mum's|mom's|someone "
         r"else's|work|another|a different|a new) (?:phone|number|account|mobile)|since (?:you|u) "
         r"blocked (?:me|my (?:number|account|other))|(?:someone|somebody) (?:you(?:'ve| have)?|u) "
         r"blocked)", 0.65),
    Rule("impersonation.as_you",
         r"\b(?:(?:logged|logging|log|signed|signing|got) (?:in|into) (?:to )?(?:your|ur) "
         r"(?:[\w']+ )?(?:email|account|insta|facebook|fb|icloud|gmail|phone|snap|twitter) as (?:you|u)\b|"
         r"(?:posting|posted|pretending|pretended|posing|posed|replying|replied|messaging|acting) "
         r"(?:to be |as )(?:you|u)\b|(?:as (?:you|u)) (?:on|to)|"
         r"(?:profile|account|page)s? (?:with|using) (?:your|ur) (?:pictures|pics|photos|name|face)|"
         r"(?:with|using) (?:your|ur) (?:pictures|pics|photos|name) (?:on|to make|to set up)|"
         r"(?:posing|pretending) as (?:your|ur))", 0.68),
    Rule("impersonation.official",
         r"\b(?:this is|it'?s) (?:officer|detective|pc|sergeant|constable|inspector|dr|agent) \w+|"
         r"\bthis is \w+ from (?:the )?(?:[\w']+ )?(?:bank|fraud|security|support|hmrc|irs|police|"
         r"barclays|hsbc|lloyds|natwest|santander|chase|amazon|paypal|apple|microsoft|netflix|dpd|"
         r"evri|royal mail|fedex|ups|dhl|usps)|\b(?:account|card|subscription|membership|id|"
         r"payment) (?:is |has been )?(?:on hold|suspended|locked|limited|disabled|frozen|"
         r"restricted)|unusual (?:sign[- ]?in|login|log-in|activity)|verify your (?:identity|"
         r"account|details|payment)|confirm your (?:card|bank|account|payment|login) (?:details|"
         r"number|info)|update your (?:payment|billing|card) (?:info|details|method)|"
         r"hi (?:mum|mom|dad|mam),? (?:it'?s me,? )?(?:this is )?my new number", 0.68,
         unless=r"\b(?:never share|never ask|we will never|will never ask)\b"),
]

SPEC = SignalRules("impersonation", RULES, jokeable=False)
