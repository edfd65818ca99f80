"""Synthetic commitments files in the documented schema (docs/schema.md), for the benchmark.

    python bench/generate.py 10000 -o /tmp/c10k.yaml
    python bench/generate.py 10000 --split /tmp/c10k.d      # a directory store, ~one file per year

Deterministic for a given N and --seed. The data covers what real registers hold: many sources
(answers to Kamervragen, letters, debates), Dutch titles and quotes, every kind of period (year, half,
quarter, month, day) and undated promises with a vague phrase, all statuses (also in their Dutch
words), answer numbers as ints and lists, quoted and unquoted dates, and histories with reschedules,
status changes and notes.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

MINISTRIES = {
    "BZK": "Binnenlandse Zaken en Koninkrijksrelaties",
    "EZ": "Economische Zaken",
    "IenW": "Infrastructuur en Waterstaat",
    "VWS": "Volksgezondheid, Welzijn en Sport",
    "OCW": "Onderwijs, Cultuur en Wetenschap",
    "JenV": "Justitie en Veiligheid",
    "FIN": "Financiën",
    "LVVN": "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "SZW": "Sociale Zaken en Werkgelegenheid",
    "DEF": "Defensie",
    "KGG": "Klimaat en Groene Groei",
    "VRO": "Volkshuisvesting en Ruimtelijke Ordening",
}
MINISTERS = [
    "Uitermark",
    "De Jonge",
    "Hermans",
    "Madlener",
    "Agema",
    "Bruins",
    "Van Weel",
    "Heinen",
]
MEMBERS = [
    ("Chakor", "GroenLinks-PvdA"),
    ("Van der Plas", "BBB"),
    ("Bontenbal", "CDA"),
    ("Dassen", "Volt"),
    ("Omtzigt", "NSC"),
    ("Paternotte", "D66"),
    ("Van Baarle", "DENK"),
    ("Grinwis", "ChristenUnie"),
    ("Eerdmans", "JA21"),
    ("Kostić", "PvdD"),
    ("Dijk", "SP"),
    ("Vijlbrief", "D66"),
]
PLACES = [
    "Groningen", "Assen", "Leeuwarden", "Zwolle", "Emmen", "Heerlen", "Maastricht", "Venlo",
    "Den Helder", "Vlissingen", "Terneuzen", "Lelystad", "Almere", "Enschede", "Arnhem",
    "Nijmegen", "Eindhoven", "Tilburg", "Breda", "Middelburg", "Delfzijl", "Kerkrade",
    "Noord-Nederland", "Zuid-Limburg", "Zeeland", "Drenthe", "Friesland", "Caribisch Nederland",
]  # fmt: skip
SUBJECTS = [
    ("rijksontmoetingsplein", "een rijksontmoetingsplein", "in gebruik genomen"),
    ("rijkskantoor", "de uitbreiding van het rijkskantoor", "opgeleverd"),
    ("onderzoek", "het onderzoek naar betrouwbaarder prognoses", "afgerond"),
    ("wetsvoorstel", "het wetsvoorstel", "aan uw Kamer aangeboden"),
    ("evaluatie", "de evaluatie van de regeling", "naar uw Kamer gestuurd"),
    ("kamerbrief", "een brief over de voortgang", "aan uw Kamer gestuurd"),
    ("subsidieregeling", "de subsidieregeling", "opengesteld"),
    ("dijkversterking", "de dijkversterking", "afgerond"),
    ("stikstof", "het gebiedsprogramma stikstof", "vastgesteld"),
    ("zorg", "het regionale zorgakkoord", "ondertekend"),
    ("onderwijs", "het actieplan lerarentekort", "gepresenteerd"),
    ("woningbouw", "de woondeal", "gesloten"),
    ("spoor", "de spoorverbinding", "in dienst gesteld"),
    ("energie", "het warmtenet", "aangesloten"),
    ("veiligheid", "het ondermijningsprogramma", "uitgebreid"),
    ("digitalisering", "het nieuwe zaaksysteem", "in gebruik genomen"),
]
PHRASES_VAGUE = [
    "de komende jaren",
    "op korte termijn",
    "binnenkort",
    "zo spoedig mogelijk",
    "in de loop van deze kabinetsperiode",
]
NOTES_RESCHEDULE = [
    "uitgesteld wegens vertraging in de aanbesteding",
    "nieuwe planning in de voortgangsbrief",
    "deadline verschoven na overleg met de regio",
    "vertraagd door stikstofproblematiek",
    "later door personeelstekort",
]
NOTES_STATUS = {
    "done": ["voldaan met de kamerbrief", "opgeleverd en in gebruik", "afgerond volgens planning"],
    "partial": ["deels voldaan; tweede fase volgt", "eerste deel gerealiseerd"],
    "dropped": ["vervallen na kabinetswissel", "niet langer nodig volgens de minister"],
}
STATUS_WORDS = {
    "open": ["open", "open", "open", "openstaand"],
    "partial": ["partial", "partial", "deels voldaan"],
    "done": ["done", "done", "voldaan"],
    "dropped": ["dropped", "vervallen"],
}


@dataclass
class Item:
    """One generated commitment, in plain values (also used for the Taskwarrior import)."""

    id: str
    title: str
    source: str
    answer: int | list[int]
    quote: str
    due: str | None
    due_text: str | None
    owner: str
    places: list[str]
    tags: list[str]
    status: str
    history: list[dict[str, str]] = field(default_factory=list)

    @property
    def current_due(self) -> str | None:
        for entry in reversed(self.history):
            if "due" in entry:
                return entry["due"]
        return self.due


@dataclass
class SourceDoc:
    id: str
    kind: str
    title: str
    asked_by: str | None
    answered_by: str
    submitted: date
    answered: date
    zaak: str | None


def period_end(text: str) -> date:
    """The last day of a period written as YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-MM-DD."""
    year = int(text[:4])
    rest = text[5:]
    if not rest:
        return date(year, 12, 31)
    if rest[0] == "H":
        month = 6 * int(rest[1])
    elif rest[0] == "Q":
        month = 3 * int(rest[1])
    elif len(rest) == 2:
        month = int(rest)
    else:
        return date.fromisoformat(text)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _period(rng: random.Random, after: date) -> tuple[str, str]:
    """A random period starting no earlier than `after`'s year, and how the quote phrases it."""
    year = after.year + rng.choice((0, 0, 1, 1, 1, 2, 2, 3, 5, 7))
    kind = rng.choices(("year", "half", "quarter", "month", "day"), (40, 15, 20, 15, 10))[0]
    if kind == "year":
        return str(year), rng.choice((f"in {year}", f"eind {year}", f"zoals nu voorzien in {year}"))
    if kind == "half":
        h = rng.randint(1, 2)
        return f"{year}-H{h}", (f"{'voor de zomer' if h == 1 else 'in het najaar van'} {year}")
    if kind == "quarter":
        q = rng.randint(1, 4)
        words = ("eerste", "tweede", "derde", "vierde")[q - 1]
        return f"{year}-Q{q}", f"in het {words} kwartaal van {year}"
    if kind == "month":
        m = rng.randint(1, 12)
        return f"{year}-{m:02d}", f"in {_MONTHS[m - 1]} {year}"
    day = date(year, rng.randint(1, 12), rng.randint(1, 28))
    return day.isoformat(), f"voor {day.day} {_MONTHS[day.month - 1]} {year}"


_MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _later_period(rng: random.Random, current: str) -> str:
    """A reschedule: a period that ends later than `current`."""
    end = period_end(current)
    shifted = end + timedelta(days=rng.randint(60, 900))
    return rng.choice((str(shifted.year), f"{shifted.year}-Q{(shifted.month - 1) // 3 + 1}"))


def sources_and_items(n: int, seed: int = 7) -> tuple[list[SourceDoc], list[Item]]:
    """N commitments over about N/4 sources, deterministic for a seed."""
    rng = random.Random(seed)
    n_sources = max(1, n // 4)
    sources: list[SourceDoc] = []
    for i in range(n_sources):
        submitted = date(2015, 1, 1) + timedelta(days=rng.randint(0, 11 * 365))
        answered = submitted + timedelta(days=rng.randint(14, 90))
        owner = rng.choice(list(MINISTRIES))
        subject = rng.choice(SUBJECTS)
        member, party = rng.choice(MEMBERS)
        kind = rng.choices(("kamervragen", "kamerbrief", "debat", "other"), (80, 10, 8, 2))[0]
        place = rng.choice(PLACES)
        sources.append(
            SourceDoc(
                id=f"{subject[0]}-{place.lower().replace(' ', '-')}-{answered.year}-{i:05d}",
                kind=kind,
                title=f"Vragen over het artikel «{subject[1].capitalize()} in {place} loopt vertraging op»",
                asked_by=f"{member} ({party})" if kind == "kamervragen" else None,
                answered_by=f"Minister {rng.choice(MINISTERS)} ({owner})",
                submitted=submitted,
                answered=answered,
                zaak=f"{answered.year}Z{rng.randint(10000, 99999)}" if rng.random() < 0.5 else None,
            )
        )
    items: list[Item] = []
    for i in range(n):
        src = sources[i % n_sources] if i < n_sources else rng.choice(sources)
        key, thing, verb = rng.choice(SUBJECTS)
        place = rng.choice(PLACES)
        owner = rng.choice(list(MINISTRIES))
        if rng.random() < 0.12:
            due, due_text = None, rng.choice(PHRASES_VAGUE)
        else:
            due, due_text = _period(rng, src.answered)
        cap = due_text[0].upper() + due_text[1:]
        quote = (
            f"{cap} wordt {thing} in {place} {verb}, zoals ik in mijn brief van "
            f"{src.answered.day} {_MONTHS[src.answered.month - 1]} {src.answered.year} heb aangegeven."
        )
        status = rng.choices(("open", "partial", "done", "dropped"), (45, 10, 35, 10))[0]
        history = _history(rng, src.answered, due, status)
        answer: int | list[int] = rng.randint(1, 12)
        if rng.random() < 0.1:
            answer = [int(answer), int(answer) + 1]
        items.append(
            Item(
                id=f"{key}-{place.lower().replace(' ', '-')}-{i:06d}",
                title=f"{thing[0].upper()}{thing[1:]} in {place} {verb}",
                source=src.id,
                answer=answer,
                quote=quote,
                due=due,
                due_text=due_text,
                owner=owner,
                places=[place] + ([rng.choice(PLACES)] if rng.random() < 0.2 else []),
                tags=[key] + (["spreiding-rijkswerkgelegenheid"] if rng.random() < 0.3 else []),
                status=status,
                history=history,
            )
        )
    return sources, items


def _history(rng: random.Random, start: date, due: str | None, status: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    day = start
    current = due
    for _ in range(rng.choices((0, 1, 2, 3), (55, 25, 15, 5))[0]):
        day += timedelta(days=rng.randint(20, 400))
        if current is not None and rng.random() < 0.7:
            current = _later_period(rng, current)
            out.append(
                {"date": day.isoformat(), "due": current, "note": rng.choice(NOTES_RESCHEDULE)}
            )
        else:
            out.append(
                {"date": day.isoformat(), "note": "voortgang besproken in het commissiedebat"}
            )
    if status != "open":
        day += timedelta(days=rng.randint(10, 300))
        out.append(
            {
                "date": day.isoformat(),
                "status": rng.choice(STATUS_WORDS[status]),
                "note": rng.choice(NOTES_STATUS[status]),
                "evidence": f"https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?id={day.year}Z{rng.randint(10000, 99999)}",
            }
        )
    return out


# -- YAML ------------------------------------------------------------------------------------------
def _q(text: str) -> str:
    # a JSON string is a valid double-quoted YAML scalar
    return json.dumps(text, ensure_ascii=False)


def _source_yaml(s: SourceDoc, quoted_dates: bool) -> str:
    def d(x: date) -> str:
        return f'"{x.isoformat()}"' if quoted_dates else x.isoformat()

    zaak = s.zaak or "null"
    return (
        f"  - id: {s.id}\n"
        f"    kind: {s.kind}\n"
        f"    title: {_q(s.title)}\n"
        f"    asked_by: {_q(s.asked_by) if s.asked_by else 'null'}\n"
        f"    answered_by: {_q(s.answered_by)}\n"
        f"    submitted: {d(s.submitted)}\n"
        f"    answered: {d(s.answered)}\n"
        f"    identifiers: {{publication: null, zaak: {zaak}, document: null}}\n"
        f"    file: null\n"
        f"    url: null\n"
    )


def _item_yaml(c: Item, rng: random.Random) -> str:
    history = "\n".join(
        "      - {" + ", ".join(f"{k}: {_q(v) if k in ('note', 'evidence') else v}" for k, v in h.items()) + "}"
        for h in c.history
    )  # fmt: skip
    answer = c.answer if isinstance(c.answer, int) else "[" + ", ".join(map(str, c.answer)) + "]"
    due = c.due if c.due is None or rng.random() < 0.8 else f'"{c.due}"'
    return (
        f"  - id: {c.id}\n"
        f"    title: {_q(c.title)}\n"
        f"    source: {c.source}\n"
        f"    answer: {answer}\n"
        f"    quote: {_q(c.quote)}\n"
        f"    due: {'null' if due is None else due}\n"
        f"    due_text: {_q(c.due_text) if c.due_text else 'null'}\n"
        f"    owner: {c.owner}\n"
        f"    places: [{', '.join(c.places)}]\n"
        f"    tags: [{', '.join(c.tags)}]\n"
        f"    status: {_q(c.status) if ' ' in c.status else c.status}\n"
        + (f"    history:\n{history}\n" if c.history else "    history: []\n")
    )


def render(sources: list[SourceDoc], items: list[Item], seed: int = 7) -> Iterator[str]:
    """The commitments file as chunks of text."""
    rng = random.Random(seed + 1)
    yield f"# Synthetic kvtrack register: {len(items)} commitments, {len(sources)} sources.\n"
    yield "version: 1\nsources:\n"
    for s in sources:
        yield _source_yaml(s, quoted_dates=rng.random() < 0.3)
    yield "commitments:\n" if items else "commitments: []\n"
    for c in items:
        yield _item_yaml(c, rng)


def write_file(n: int, path: Path, seed: int = 7) -> tuple[list[SourceDoc], list[Item]]:
    sources, items = sources_and_items(n, seed)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(render(sources, items, seed))
    return sources, items


def write_directory(n: int, directory: Path, seed: int = 7) -> tuple[list[SourceDoc], list[Item]]:
    """A directory store: one file per answer year holding that year's sources and commitments.

    Commitments sit with the year of the commitment's index, not always their source's year, so
    many cite a source defined in another file, as happens when a team splits a register.
    """
    sources, items = sources_and_items(n, seed)
    directory.mkdir(parents=True, exist_ok=True)
    by_year: dict[int, tuple[list[SourceDoc], list[Item]]] = {}
    for s in sources:
        by_year.setdefault(s.answered.year, ([], []))[0].append(s)
    years = sorted(by_year)
    for i, c in enumerate(items):
        by_year[years[i % len(years)]][1].append(c)
    for year, (ss, cs) in by_year.items():
        with (directory / f"{year}.yaml").open("w", encoding="utf-8") as out:
            out.writelines(render(ss, cs, seed + year))
    return sources, items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("n", type=int, help="number of commitments")
    ap.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    ap.add_argument("--split", type=Path, metavar="DIR", help="write a directory store instead")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.split:
        write_directory(args.n, args.split, args.seed)
    elif args.output:
        write_file(args.n, args.output, args.seed)
    else:
        import sys

        sources, items = sources_and_items(args.n, args.seed)
        sys.stdout.writelines(render(sources, items, args.seed))


if __name__ == "__main__":
    main()
