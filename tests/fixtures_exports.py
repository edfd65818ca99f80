"""A register that exercises the exports: every period granularity, reschedules, closed ones,
an undated one, and Dutch text with the characters that break naive writers."""

AS_OF = "2026-11-27"

REGISTER = """\
version: 1
sources:
  - id: src-a
    kind: kamervragen
    title: Vragen over «rijksbanen» & regio’s | coördinatie
    asked_by: Lid Één (Partij)
    answered_by: Minister X (BZK)
    submitted: 2024-01-10
    answered: 2024-02-01
    url: https://example.org/ah-tk-20232024-1
  - id: src-b
    kind: kamerbrief
    title: Brief over coördinatie <en> zo
    answered: 2025-03-15
  - id: src-unused
    kind: other
    title: Niet geciteerd
commitments:
  - id: year-open
    title: "Iets in 2025, met «aanhalingstekens», een \\"quote\\" en een heel lange titel die afgekapt wordt"
    source: src-a
    answer: 1
    quote: "In 2025 wordt één voorziening in gebruik genomen; zee-egel, coördinatie, café."
    due: 2025
    due_text: in 2025
    owner: BZK
    places: [Groningen, Assen]
    tags: [rijksontmoetingsplein]
  - id: quarter-upcoming
    title: Kwartaal «Q1» | pipe & <tag>
    source: src-b
    answer: [2, 3]
    quote: "In het eerste kwartaal van 2027 | met pipe."
    due: 2027-Q1
    owner: EZK
    places: [Zwolle]
  - id: day-done-late
    title: Dag, laat gedaan
    source: src-a
    answer: 3
    quote: "Op 30 juni 2025 is het klaar."
    due: 2025-06-30
    owner: BZK
    status: done
    history:
      - {date: 2025-08-10, status: done, note: "klaar, eindelijk", evidence: "https://example.org/brief"}
  - id: moved
    title: Verschoven naar 2026-Q2
    source: src-a
    answer: 5
    quote: "In 2025."
    due: 2025
    owner: IenW
    history:
      - {date: 2025-05-01, due: 2026-Q2, note: uitgesteld}
  - id: dropped-moved
    title: Verschoven en vervallen
    source: src-b
    answer: 6
    quote: "Medio 2025."
    due: 2025-06
    owner: IenW
    status: dropped
    history:
      - {date: 2025-05-01, due: 2026-06}
      - {date: 2026-03-01, status: dropped}
  - id: partial-soon
    title: Deels, binnenkort
    source: src-b
    answer: 7
    quote: "Eind 2026."
    due: 2026-12
    status: partial
  - id: vague
    title: Vaag
    source: src-a
    answer: 8
    quote: "De komende jaren."
    due: null
    due_text: de komende jaren
    owner: BZK
"""

DATED = ["day-done-late", "year-open", "dropped-moved", "moved", "partial-soon", "quarter-upcoming"]
