"""The table of time-phrase rules: a pattern and the handler that resolves its match."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.timex.base import (
    Handler,
    TimeKind,
    compile,
)
from kvtrack.core.timex.dates import (
    constant,
    day,
    duration,
    month,
    relative_month,
    relative_year,
    short_quarter_any,
    two_years,
    year,
)
from kvtrack.core.timex.moments import (
    after_christmas,
    budget_moment,
    christmas,
    other_recess,
    part_of_year,
    prinsjesdag,
    summer_after,
    summer_before,
    year_turn,
)

# ---------------------------------------------------------------------------------------------
# The table. Where two rules match overlapping text, the earliest and then the longest match wins;
# at equal spans the rule listed first wins.

_BEFORE_WORDS = (
    r"(?:(?:nog|ruim|ruimschoots|kort|vlak|uiterlijk|in\s+ieder\s+geval|zeker)\s+)*(?:vóór|voor)"
)

RULES: list[tuple[str, LazyPattern, Handler]] = [
    ("summer-before", compile(
        rf"\b{_BEFORE_WORDS}\s+(?:de\s+zomer(?:vakantie)?|het\s+zomer\s?reces|zomerreces)"
        r"(?:\s+<YREF>)?\b"), summer_before),
    ("summer-after", compile(
        r"\b(?:(?:direct|kort|vlak|snel)\s+)?na\s+(?:de\s+zomer(?:vakantie)?|het\s+zomer\s?reces)"
        r"(?:\s+<YREF>)?\b"), summer_after),
    ("prinsjesdag", compile(
        r"(?:\b(?P<pre>(?:nog\s+|ruim\s+|uiterlijk\s+)*(?:vóór|voor|op|met|rond|bij|uiterlijk|na))\s+)?"
        r"\bPrinsjesdag(?:\s+<YREF>)?\b"), prinsjesdag),
    ("budget", compile(
        r"\b(?:bij|met|in|vóór|voor|uiterlijk\s+bij)\s+de\s+(?P<doc>voorjaarsnota|najaarsnota|miljoenennota"
        r"|(?:ontwerp)?begroting(?=\s+(?:voor\s+|van\s+)?(?:19|20)\d\d))"
        r"(?:\s+(?:voor\s+|van\s+)?(?P<y>(?:19|20)\d{2}))?\b"), budget_moment),
    ("christmas", compile(
        rf"\b{_BEFORE_WORDS}\s+(?:het\s+kerst\s?reces|kerstreces|de\s+kerst(?:vakantie|dagen)?|kerst(?:mis)?)"
        r"(?:\s+<YREF>)?\b"), christmas),
    ("christmas-after", compile(
        r"\bna\s+(?:het\s+kerst\s?reces|de\s+kerst(?:vakantie)?|de\s+jaarwisseling)"
        r"(?:\s+<YREF>)?\b"), after_christmas),
    ("other-recess", compile(
        rf"\b{_BEFORE_WORDS}\s+(?:het\s+(?P<which>herfst|voorjaars|krokus|mei)\s?reces"
        r"|de\s+(?P<holiday>herfst|voorjaars|krokus|mei)vakantie)(?:\s+<YREF>)?\b"),
     other_recess),
    ("year-turn", compile(r"\b(?P<pre>vóór|voor|rond|uiterlijk\s+bij)\s+de\s+jaarwisseling\b"),
     year_turn),
    ("day", compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?(?:\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag"
        r"|zondag)\s+)?\b(?P<d>[0-3]?\d)(?:e|ste|de)?\s+(?P<mon><MONDAY>)(?:\s+(?P<y><Y>))?<JL>"
        r"(?![\w-])"), day),
    ("numeric-date", compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?\b(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.]"
        r"(?P<y>(?:19|20)\d{2})\b(?P<mon>)"), day),
    ("iso-date", compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?\b(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"
        r"(?P<mon>)"), day),
    ("month", compile(
        r"(?:\b(?P<pre><INTENS><PREP>)\s+)?(?<![\d]\s)(?<!\d)"
        r"(?:\b(?P<mod>begin|eind(?:e)?|einde|medio|half|halverwege|midden|ultimo|start)\s+(?:van\s+)?)?"
        r"\b(?P<mon><MON>)(?:\s+(?:van\s+)?<YREF>)?<JL>(?![\w-])"), month),
    ("part-of-year", compile(
        r"(?:\b(?P<pre><INTENS>(?:<PREP>|aan\s+het|tegen\s+het|in\s+het|op\s+het|in\s+de))\s+)?"
        r"(?:\b(?P<q>komende?|aankomende?|dit|deze|volgende?|vorige?|afgelopen)\s+)?"
        r"(?:\b(?:het|de)\s+)?"
        r"(?P<part>\beind(?:e)?\b|\beinde\b|\bultimo\b|\bbegin\b|\bstart\b|\bprimo\b|\baanvang\b|\bmedio\b"
        r"|\bmidden\b|\bhalverwege\b|\bhalf\b|\bvoorjaar\b|\blente\b|\bzomer\b|\bnajaar\b|\bherfst\b"
        r"|\bwinter\b"
        r"|\b(?P<qo>eerste|tweede|derde|vierde|1e|2e|3e|4e|1ste|2de|3de|4de|laatste)\s+kwartaal\b"
        r"|\bQ(?P<qn>[1-4])\b"
        r"|\b(?P<ho>eerste|tweede|1e|2e|1ste|2de|laatste)\s+(?:helft|jaarhelft|halfjaar|half\s+jaar)\b"
        r"|\bH(?P<hn>[12])\b)"
        r"(?:\s+<YREF>)?(?![\w-])"), part_of_year),
    ("short-quarter", compile(
        r"\b(?:(?P<y><Y>)[-\s]?(?P<code>[QH][1-4])|(?P<code2>[QH][1-4])-(?P<y2>(?:19|20)\d{2}))\b"),
     short_quarter_any),
    ("two-years", compile(
        r"(?:\b(?P<pre>in\s+de\s+(?:jaren|periode)|in|tussen|van(?:af)?|uiterlijk(?:\s+in)?)\s+)?"
        r"(?<![\d.,/])(?P<y1>(?:19|20)\d{2})\s*(?P<conj>[-–—/]|tot\s+en\s+met|tot|t/m|en|of)\s*"
        r"(?P<y2>(?:19|20)\d{2})(?!\d)"), two_years),
    ("year", compile(r"\b(?P<pre><INTENS><PREP>)\s+(?:(?:het\s+)?(?:kalender)?jaar\s+)?(?P<y><Y>)"),
     year),
    ("relative-year", compile(
        r"(?:\b(?P<pre>(?:(?:nog|eerder|later|al|pas|uiterlijk|ergens)\s+)?"
        r"(?:in\s+de\s+loop\s+van|in|gedurende|vanaf|sinds|na|tot|voor|vóór)?)\s*)"
        r"\b(?P<rel>(?:dit|volgend|komend|aankomend|komende|volgende|vorig|verleden|afgelopen"
        r"|het\s+(?:huidige|lopende|komende|volgende|vorige|afgelopen))\s+(?:kalender)?jaar)\b"),
     relative_year),
    ("relative-month", compile(
        r"\b(?:(?P<pre>in|voor|vóór|uiterlijk|na)\s+)?(?:(?P<mod>eind|einde|begin|medio|half)\s+(?:van\s+)?)?"
        r"(?P<rel>deze|dit|volgende|komende|vorige|afgelopen)\s+maand\b"), relative_month),
    ("duration", compile(
        r"\b(?:binnen(?:\s+de(?:\s+komende)?)?|uiterlijk\s+over|over|(?:in\s+|gedurende\s+)?de\s+komende)"
        r"\s+(?P<n><NUM>)\s+"
        r"(?P<u>werkdag(?:en)?|dag(?:en)?|week|weken|maand(?:en)?|jaar|jaren|halfjaar|kwartaal"
        r"|kwartalen)\b"), duration),
    ("vague", compile(
        r"\b(?:(?:in|binnen|gedurende|over)\s+)?(?:de\s+)?(?:komende|aankomende|enkele|een\s+aantal"
        r"|afzienbare|korte)\s+(?:jaren|maanden|weken|dagen|periode|tijd)\b(?!\s+geleden)"
        r"|\bop\s+(?:zo\s+)?(?:korte|kortst\s+mogelijke|zo\s+kort\s+mogelijke|middellange"
        r"|(?:de\s+)?lange|afzienbare)\s+termijn\b|\bop\s+termijn\b|\bbinnenkort\b|\bspoedig\b"
        r"|\bzo\s+(?:spoedig|snel)\s+mogelijk\b|\bz\.s\.m\.|\bzsm\b|\bte\s+zijner\s+tijd\b"
        r"|\bt\.z\.t\.|\bin\s+de\s+nabije\s+toekomst\b|\bop\s+een\s+later(?:e)?\s+moment\b"
        r"|\b(?:(?:nog\s+)?(?:in|voor\s+het\s+einde\s+van)\s+)?(?:deze|de\s+huidige)\s+kabinetsperiode\b"),
     constant(TimeKind.VAGUE)),
    ("past-vague", compile(
        r"\b(?:de\s+)?(?:afgelopen|voorbije|vorige)\s+(?:jaren|maanden|weken|periode|decennia|tijd)\b"
        r"|\bonlangs\b|\brecentelijk\b|\bdestijds\b|\bjarenlang\b|\bvorige\s+(?:week|maand)\b"),
     constant(TimeKind.PAST)),
]  # fmt: skip


# What every match of a rule contains: a rule whose trigger is not in the text cannot match, so it
# is not tried (most rules' patterns open with optional prepositions and would otherwise be tried
# at every position of every sentence).
_MONTHS = r"jan|feb|mrt|maart|apr|mei|jun|jul|aug|sep|okt|nov|dec"
# Written in lower case: searched in the lower-cased sentence (core/lowercase.py).


@dataclass(frozen=True, slots=True)
class Trigger:
    """Plain words, any of which is looked for with `in` (much cheaper than a regex search of
    their alternation), and the alternatives that are patterns, searched as one."""

    words: tuple[str, ...]
    pattern: LazyPattern | None

    @classmethod
    def of(cls, alternation: str) -> Trigger:
        parts = alternation.split("|")
        words = tuple(p.replace("\\.", ".") for p in parts if _PLAIN.fullmatch(p))
        rest = [p for p in parts if not _PLAIN.fullmatch(p)]
        return cls(words, LazyPattern("|".join(rest)) if rest else None)

    def found(self, lowered: str) -> bool:
        for word in self.words:
            if word in lowered:
                return True
        return self.pattern is not None and self.pattern.search(lowered) is not None


_PLAIN = re.compile(r"(?:[a-z]|\\\.)+")  # letters and escaped full stops: "z\.s\.m"

TRIGGERS: dict[str, Trigger] = {
    name: Trigger.of(pattern)
    for name, pattern in {
        "summer-before": r"zomer",
        "summer-after": r"zomer",
        "prinsjesdag": r"prinsjesdag",
        "budget": r"nota|begroting",
        "christmas": r"kerst",
        "christmas-after": r"kerst|jaarwisseling",
        "other-recess": r"reces|vakantie",
        "relative-month": r"maand",
        "year-turn": r"jaarwisseling",
        "day": _MONTHS,
        "numeric-date": r"\d[-/.][01]?\d[-/.]",
        "iso-date": r"\d{4}-[01]\d-",
        "month": _MONTHS,
        "part-of-year": r"eind|begin|ultimo|start|primo|aanvang|medio|midden|half|halverwege|voorjaar|lente"
        r"|zomer|najaar|herfst|winter|kwartaal|helft|\b[qh][1-4]\b",
        "short-quarter": r"[qh][1-4]",
        "two-years": r"(?:19|20)\d\d\D{1,20}(?:19|20)\d\d",
        "year": r"(?:19|20)\d\d",
        "relative-year": r"jaar",
        "duration": r"binnen|over|komende",
        "vague": r"komende|enkele|aantal|afzienbare|korte|termijn|binnenkort|spoedig|snel|z\.s\.m"
        r"|zsm|zijner|t\.z\.t|nabije|later|kabinetsperiode",
        "past-vague": r"afgelopen|voorbije|vorige|onlangs|recentelijk|destijds|jarenlang",
    }.items()
}
