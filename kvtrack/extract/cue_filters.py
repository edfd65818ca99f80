"""What looks like a commitment but is not: obligations, sums, the Kamer's agenda, meetings,
attitudes, the answer talking about itself, trends, forecasts, others acting, completions.

cues.py applies these to the sentences a rule of cue_table.py picked out.
"""

from __future__ import annotations

import re

from kvtrack.core.lazy_pattern import LazyPattern


def _rx(pattern: str) -> LazyPattern:
    # compiled at the first sentence with a cue that is tested against it
    return LazyPattern(pattern, re.IGNORECASE)


# An obligation ("moet uiterlijk 2028 zijn afgerond") is not a promise of the cabinet's.
# ("in te dienen" is a verb of its own: to submit)
MODAL = _rx(r"\b(?:moet|moeten|dient|(?<!te\s)dienen|kan|kunnen|mag|mogen|hoeft|hoeven)\b")

# A sum of money being there, and the Kamer's own agenda: not something the cabinet delivers.
AMOUNT = _rx(r"€|\b(?:miljoen|miljard|euro|mln|mld)\b")
KAMER_AGENDA = _rx(
    r"\b(?:commissie|plenair\w*\s+)?debat\w*|\bnotaoverleg|\bwetgevingsoverleg|\bhoorzitting"
    r"|\brondetafelgesprek|\bstemmingen\b|\bplenaire\s+behandeling"
)

# A meeting or vote on someone's calendar takes place; it is not delivered by the cabinet.
MEETING = _rx(
    r"\b(?:raad|top|topoverleg|conferentie|vergadering|verkiezingen|verkiezing|bijeenkomst|overleg"
    r"|gesprek|gesprekken|stemming|zitting|summit|ministeriële|eurogroep|ecofin|navo-top)\b"
)

# An attitude, not something one could check was delivered ("zal ik rekening houden").
SOFT = _rx(
    r"\brekening\s+(?:mee\s+)?houden\b|\binvulling\s+geven\b|\baandacht\s+(?:besteden|hebben|geven"
    r"|vragen)\b|\bin\s+de\s+gaten\s+houden\b|\bblijven\b|\bvolgen\b|\binspannen\b|\binzetten\b"
    r"|\bvoor\s+(?:\w+\s+)?ogen\s+houden\b|\bmoeten\b|\bafhangen\b|\bbetrokken\s+(?:zijn|blijven)\b"
    r"|\bde\s+vinger\s+aan\s+de\s+pols\b"
)
# The answer talking about itself ("hieronder ga ik in op").
META = _rx(
    r"\b(?:hieronder|hierna|in\s+(?:dit|het\s+volgende)\s+antwoord|bij\s+de\s+beantwoording"
    r"|in\s+de\s+beantwoording|in\s+antwoord\s+op\s+vraag|bij\s+vraag)\b"
    r"|\b(?:ga|gaan|gaat)\s+(?:\w+\s+){0,3}?(?:in\s+op|uit\s+van|ervan\s+uit|om)\b"
    # "Voor een beter begrip zal ik wat dieper ingaan op ...": the answer explaining itself
    r"|\b(?:zal|zullen)\s+(?:ik|wij|we)\s+(?:\w+\s+){0,4}?ingaan\s+op\b"
    # "de vraag gaat over", not "ik ga met NS in gesprek over" or "we gaan over tot"
    r"|(?<!gesprek\s)\b(?:gaat|gaan)\s+over\b(?!\s+(?:tot|op)\b)"
    r"|\b(?:gaat|ging)\s+(?:het|dit|dat)\s+(?:\w+\s+)?om\b"
)
# A prognosis or trend, not an action.
TREND = _rx(
    r"\b(?:daalt|dalen|daling|stijgt|stijgen|stijging|groeit|groeien|krimpt|krimpen"
    r"|neemt\s+(?:\w+\s+){0,3}?(?:af|toe)|nemen\s+(?:\w+\s+){0,3}?(?:af|toe)|afname|toename"
    r"|zal\s+(?:\w+\s+){0,4}?(?:dalen|stijgen|groeien|afnemen|toenemen))\b"
)
FORECAST = _rx(
    r"\b(?:prognoses?|raming(?:en)?|geraamd|geschat|uitgegaan|vanuit\s+gegaan|scenario's?|zou"
    r"|zouden)\b"
)
MODAL_PASSIVE = _rx(
    r"\b(?:kan|kunnen|moet|moeten|zou|zouden|mag|mogen|dient|dienen)\b(?:\s+\S+){0,10}?\s+worden\b"
)
# "door" after "vervangen"/"gevolgd" names what replaces or follows, not who acts.
THIRD_PARTY_AGENT = _rx(
    r"(?<!vervangen\s)(?<!gevolgd\s)(?<!afgelost\s)\bdoor\s+(?!(?:mij|ons|het\s+kabinet|de\s+regering|mijn\s+ministerie|het\s+ministerie"
    r"|de\s+minister|de\s+staatssecretaris|het\s+rijk|rijkswaterstaat|het\s+rijksvastgoedbedrijf"
    r"|defensie)\b)(?:de|het|een)?\s*[A-Za-zÀ-ÿ]"
)
COMPLETED = _rx(
    r"\b(?:is|zijn)\s+(?:\w+\s+|\([^)]*\)\s+){0,8}?(?:geopend|opgeleverd|in\s+gebruik\s+genomen"
    r"|afgerond|voltooid|in\s+werking\s+getreden|gerealiseerd|ingevoerd)\b"
)
