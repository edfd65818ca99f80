"""The words of the published site and pictures, in Dutch (the default) and English.

Dates are written out ("3 december 2024"), periods in words ("derde kwartaal 2025"), states and
statuses in the Dutch register's own vocabulary ("te laat", "binnenkort", "voldaan", "vervallen").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from kvtrack.core.model import Status
from kvtrack.core.period import Period
from kvtrack.core.query import Assessed, State
from kvtrack.errors import KvtrackError

LANGS: Final = ("nl", "en")

_MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "January February March April May June July August September October November December",
}
_ORDINAL = {
    "nl": ("eerste", "tweede", "derde", "vierde"),
    "en": ("first", "second", "third", "fourth"),
}

_STATES = {
    "nl": {
        State.OVERDUE: "te laat",
        State.DUE_SOON: "binnenkort",
        State.UPCOMING: "gepland",
        State.UNDATED: "zonder datum",
        State.DONE: "voldaan",
        State.DROPPED: "vervallen",
    },
    "en": {
        State.OVERDUE: "overdue",
        State.DUE_SOON: "due soon",
        State.UPCOMING: "upcoming",
        State.UNDATED: "undated",
        State.DONE: "done",
        State.DROPPED: "dropped",
    },
}
_STATUSES = {
    "nl": {
        Status.OPEN: "openstaand",
        Status.PARTIAL: "deels voldaan",
        Status.DONE: "voldaan",
        Status.DROPPED: "vervallen",
    },
    "en": {s: s.value for s in Status},
}

# Labels, by key; `{}` fields are filled by `Lang.t(key, ...)`.
_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "svg_title": "Tijdlijn van de toezeggingen, stand op {}: {} met een termijn",
        "svg_answered": "toezegging gedaan (datum antwoord)",
        "svg_due": "einde huidige termijn",
        "svg_original": "oorspronkelijke termijn (verschoven)",
        "svg_closed": "afgesloten (voldaan of vervallen)",
        "svg_today": "vandaag",
        "svg_none": "Geen toezeggingen met een termijn.",
        "svg_undated": "Niet getekend, zonder termijn:",
        "svg_tip": "{}: {}\ntermijn {}, {}",
        "site_title": "Register van toezeggingen",
        "site_intro": "Toezeggingen van het kabinet in antwoorden op Kamervragen, met hun termijn "
        "en wat ermee gebeurde. Stand van zaken op {}.",
        "commitments": "Toezeggingen",
        "commitment": "Toezegging",
        "title": "Titel",
        "due": "Termijn",
        "current_due": "Huidige termijn",
        "original_due": "Oorspronkelijke termijn",
        "state": "Stand",
        "status": "Status",
        "days": "Dagen",
        "owner": "Verantwoordelijk",
        "source": "Bron",
        "sources": "Bronnen",
        "places": "Plaatsen",
        "tags": "Onderwerpen",
        "history": "Geschiedenis",
        "no_history": "Nog niets vastgelegd.",
        "quote": "Citaat",
        "citation": "Vindplaats",
        "asked_by": "Gesteld door",
        "submitted": "ingezonden",
        "answered_by": "Beantwoord door",
        "answered": "beantwoord",
        "answer": "Antwoord",
        "answers": "Antwoorden",
        "identifiers": "Kenmerken",
        "document": "Document",
        "file": "Bestand",
        "evidence": "bewijs",
        "scorecard": "Scorekaart",
        "timeline": "Tijdlijn",
        "feed": "Wijzigingen (Atom-feed)",
        "data": "Gegevens (JSON)",
        "filter_label": "Zoek in de toezeggingen",
        "filter_state": "Stand",
        "filter_owner": "Verantwoordelijk",
        "filter_all": "alle",
        "shown": "{} van {} toezeggingen getoond",
        "none_match": "Geen toezeggingen.",
        "skip": "Naar de inhoud",
        "nav": "Hoofdmenu",
        "slip_later": "{} later dan toegezegd",
        "slip_earlier": "{} eerder dan toegezegd",
        "slip_same": "zelfde einde",
        "ends": "eindigt {}",
        "rescheduled_to": "verschoven van {} naar {}",
        "status_change": "status {} → {}",
        "made": "toegezegd in {}",
        "note_only": "notitie",
        "no_due": "geen termijn",
        "as_of": "Stand op {}",
        "generated": "Gemaakt met kvtrack. Data: {}. Wijzigingen: {}.",
        "group": "Groep",
        "total": "totaal",
        "open": "openstaand",
        "partial": "deels voldaan",
        "done": "voldaan",
        "dropped": "vervallen",
        "overdue": "te laat",
        "due_soon": "binnenkort",
        "upcoming": "gepland",
        "undated": "zonder datum",
        "on_time": "op tijd",
        "late": "te laat voldaan",
        "moved": "verschoven",
        "median_slip": "mediane verschuiving",
        "worst_slip": "grootste verschuiving",
        "scorecard_intro": "Stand op {}. Per verantwoordelijke: hoeveel toezeggingen openstaan, te laat zijn, "
        "op tijd of te laat zijn nagekomen (getoetst aan de oorspronkelijke termijn), en hoe ver "
        "verschoven termijnen opschoven.",
        "timeline_intro": "Stand op {}. Elke toezegging van het antwoord waarin ze werd gedaan tot het einde "
        "van haar huidige termijn, gekleurd naar de stand.",
        "source_commitments": "Toezeggingen uit deze bron",
        "feed_title": "Register van toezeggingen: wijzigingen",
        "picture_limit": "Getekend: de {} toezeggingen waarvan de termijn het dichtst bij vandaag "
        "ligt; de {} andere staan in de tabel op de voorpagina.",
        "days_unit": "{} d",
    },
    "en": {
        "svg_title": "Commitments timeline as of {}: {} dated",
        "svg_answered": "promise made (answer date)",
        "svg_due": "current due end",
        "svg_original": "original due (rescheduled)",
        "svg_closed": "closed (done or dropped)",
        "svg_today": "today",
        "svg_none": "No dated commitments.",
        "svg_undated": "Not drawn, no due date:",
        "svg_tip": "{}: {}\ndue {}, {}",
        "site_title": "Register of commitments",
        "site_intro": "Commitments the Dutch cabinet made in answers to parliamentary questions, "
        "with their due dates and what became of them. As of {}.",
        "commitments": "Commitments",
        "commitment": "Commitment",
        "title": "Title",
        "due": "Due",
        "current_due": "Current due",
        "original_due": "Original due",
        "state": "State",
        "status": "Status",
        "days": "Days",
        "owner": "Owner",
        "source": "Source",
        "sources": "Sources",
        "places": "Places",
        "tags": "Tags",
        "history": "History",
        "no_history": "Nothing recorded yet.",
        "quote": "Quote",
        "citation": "Citation",
        "asked_by": "Asked by",
        "submitted": "submitted",
        "answered_by": "Answered by",
        "answered": "answered",
        "answer": "Answer",
        "answers": "Answers",
        "identifiers": "Identifiers",
        "document": "Document",
        "file": "File",
        "evidence": "evidence",
        "scorecard": "Scorecard",
        "timeline": "Timeline",
        "feed": "Changes (Atom feed)",
        "data": "Data (JSON)",
        "filter_label": "Search the commitments",
        "filter_state": "State",
        "filter_owner": "Owner",
        "filter_all": "all",
        "shown": "{} of {} commitments shown",
        "none_match": "No commitments.",
        "skip": "Skip to content",
        "nav": "Main menu",
        "slip_later": "{} later than promised",
        "slip_earlier": "{} earlier than promised",
        "slip_same": "same end",
        "ends": "ends {}",
        "rescheduled_to": "rescheduled from {} to {}",
        "status_change": "status {} → {}",
        "made": "promised in {}",
        "note_only": "note",
        "no_due": "no due date",
        "as_of": "As of {}",
        "generated": "Made with kvtrack. Data: {}. Changes: {}.",
        "group": "Group",
        "total": "total",
        "open": "open",
        "partial": "partial",
        "done": "done",
        "dropped": "dropped",
        "overdue": "overdue",
        "due_soon": "due soon",
        "upcoming": "upcoming",
        "undated": "undated",
        "on_time": "on time",
        "late": "late",
        "moved": "moved",
        "median_slip": "median slip",
        "worst_slip": "worst slip",
        "scorecard_intro": "As of {}. Per owner: how many commitments are open or overdue, how many were "
        "kept on time or late (judged against the original due), and how far moved deadlines "
        "moved.",
        "timeline_intro": "As of {}. Each commitment from the answer that made it to the end of its "
        "current due, coloured by state.",
        "source_commitments": "Commitments from this source",
        "feed_title": "Register of commitments: changes",
        "picture_limit": "Drawn: the {} commitments due nearest to today; the {} others are in "
        "the table on the front page.",
        "days_unit": "{} d",
    },
}


@dataclass(frozen=True, slots=True)
class Lang:
    code: str

    @classmethod
    def parse(cls, text: str) -> Lang:
        code = text.strip().lower()
        if code not in LANGS:
            raise KvtrackError(f"unknown language '{text}'; use nl or en")
        return cls(code)

    def t(self, key: str, *args: object) -> str:
        text = _TEXT[self.code][key]
        return text.format(*args) if args else text

    def date(self, day: date) -> str:
        """`3 december 2024` (nl) or `3 December 2024` (en)."""
        return f"{day.day} {_MONTHS[self.code].split()[day.month - 1]} {day.year}"

    def period(self, p: Period) -> str:
        """A period in words: `2025`, `eerste helft 2025`, `derde kwartaal 2025`, `juni 2025`."""
        y = p.start.year
        ordinal = _ORDINAL[self.code]
        nl = self.code == "nl"
        match p.granularity:
            case "year":
                return str(y)
            case "half":
                n = ordinal[0 if p.start.month == 1 else 1]
                return f"{n} helft {y}" if nl else f"{n} half of {y}"
            case "quarter":
                n = ordinal[(p.start.month - 1) // 3]
                return f"{n} kwartaal {y}" if nl else f"{n} quarter of {y}"
            case "month":
                return f"{_MONTHS[self.code].split()[p.start.month - 1]} {y}"
            case _:
                return self.date(p.start)

    def state(self, s: State) -> str:
        return _STATES[self.code][s]

    def status(self, s: Status) -> str:
        return _STATUSES[self.code][s]

    def day_count(self, n: int) -> str:
        if self.code == "nl":
            return f"{n} {'dag' if n == 1 else 'dagen'}"
        return f"{n} day{'s' * (n != 1)}"

    def days(self, a: Assessed) -> str:
        """`331 dagen te laat`, `nog 12 dagen`, `vandaag`; empty for closed or undated ones."""
        d = a.days_left
        if d is None or a.state in (State.DONE, State.DROPPED):
            return ""
        nl = self.code == "nl"
        if d < 0:
            return f"{self.day_count(-d)} {'te laat' if nl else 'late'}"
        if d == 0:
            return "vandaag" if nl else "due today"
        return f"nog {self.day_count(d)}" if nl else f"{self.day_count(d)} left"

    def slip(self, days: int) -> str:
        if days == 0:
            return self.t("slip_same")
        return self.t("slip_later" if days > 0 else "slip_earlier", self.day_count(abs(days)))
