"""An answer document's text → its source and the commitments a reviewer should look at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from kvtrack.core.extraction import Extraction
from kvtrack.core.model import Commitment, HistoryEntry, Source, Status
from kvtrack.core.timex import TimeKind
from kvtrack.extract import naming
from kvtrack.extract.answer_date import DateClue, amsterdam_today, choose, file_name_clues
from kvtrack.extract.clean import clean
from kvtrack.extract.cues import Proposal, judge
from kvtrack.extract.document import Header, read_document
from kvtrack.extract.sentences import sentences
from kvtrack.extract.titles import title_for

# Called with (answers done, answers in all) while a document is read: a bar inside a big file.
AnswerProgress = Callable[[int, int], None]


def extract_document(
    text: str,
    file: str | None = None,
    on_answer: AnswerProgress | None = None,
    *,
    metadata: Callable[[], list[DateClue]] | None = None,
    today: date | None = None,
) -> Extraction:
    """Read an answer document (plain text as copied from a PDF or converter).

    When the text states no answer date, the fallback chain of answer_date.py gives one: the
    document's `metadata()` dates, then a date in the `file` name, none after `today` (default:
    today in Amsterdam); the extraction's `answered_from` then says where it came from.
    Raises KvtrackError when the text has no Vraag/Antwoord structure.
    """
    cleaned = clean(text)
    del text  # the raw text is not read again: a big document is not held twice
    document = read_document(cleaned)
    del cleaned
    header, answered_from = _with_answer_date(document.header, file, metadata, today)
    anchor = header.answered or header.submitted
    source = _source(header, file)
    owner = naming.owner_from(header.answered_by)
    taken: set[str] = set()
    seen: set[tuple[tuple[int, ...], str]] = set()
    found: list[Commitment] = []
    for done, answer in enumerate(document.answers):
        if on_answer is not None:
            on_answer(done, len(document.answers))
        for sentence in sentences(answer.lines):
            if (answer.numbers, sentence) in seen:
                continue
            proposal = judge(sentence, anchor)
            if proposal is None:
                continue
            seen.add((answer.numbers, sentence))
            found.append(
                _commitment(source, answer.numbers, sentence, proposal, owner, anchor, taken)
            )
    return Extraction(source, tuple(found), answered_from)


def _with_answer_date(
    header: Header,
    file: str | None,
    metadata: Callable[[], list[DateClue]] | None,
    today: date | None,
) -> tuple[Header, str | None]:
    if header.answered is not None:
        return header, None
    clues = [*(metadata() if metadata is not None else []), *file_name_clues(file)]
    clue = choose(clues, header.submitted, today or amsterdam_today()) if clues else None
    if clue is None:
        return header, None
    return replace(header, answered=clue.day), clue.where


def with_source_id(extraction: Extraction, source_id: str, taken: set[str]) -> Extraction:
    """The same extraction citing `source_id` (an existing source, or a free id), its commitment
    ids renamed to match and made unique among `taken` (which is updated)."""
    old = extraction.source.id
    commitments: list[Commitment] = []
    for c in extraction.commitments:
        stem = source_id + c.id[len(old) :] if c.id.startswith(old) else c.id
        new_id = naming.unique(stem, taken)
        taken.add(new_id)
        commitments.append(replace(c, id=new_id, source=source_id))
    source = replace(extraction.source, id=source_id)
    return Extraction(source, tuple(commitments), extraction.answered_from)


def _source(header: Header, file: str | None) -> Source:
    year = (header.answered or header.submitted or date.min).year
    stem = naming.slug(header.subject or "", max_words=3) or "kamervragen"
    source_id = f"{stem}-{year}" if year > 1 else stem
    identifiers: dict[str, str | None] = {
        "publication": header.identifiers.get("publication"),
        "zaak": header.identifiers.get("zaak"),
        "document": header.identifiers.get("document"),
    }
    # vergaderjaar and Aanhangsel number only when the text states them (never guessed)
    identifiers.update(
        {k: v for k, v in header.identifiers.items() if k in ("vergaderjaar", "aanhangsel")}
    )
    return Source(
        id=source_id,
        kind="kamervragen",
        title=header.subject,
        asked_by=header.asked_by,
        answered_by=header.answered_by,
        submitted=header.submitted,
        answered=header.answered,
        identifiers=identifiers,
        file=file,
    )


def _commitment(
    source: Source,
    answer: tuple[int, ...],
    quote: str,
    proposal: Proposal,
    owner: str | None,
    anchor: date | None,
    taken: set[str],
) -> Commitment:
    time = proposal.time
    due_text = time.text if time is not None else None
    dated = time is not None and time.kind is TimeKind.DEADLINE and proposal.status is Status.OPEN
    title = title_for(quote, due_text, proposal.cue_at)
    words = (
        naming.key_words(title, skip=due_text or "")
        or naming.key_words(quote)
        or [f"antwoord-{answer[0]}"]
    )
    commitment_id = naming.unique(f"{source.id}-{'-'.join(words)}", taken)
    taken.add(commitment_id)
    history: tuple[HistoryEntry, ...] = ()
    if proposal.status is Status.DONE and anchor is not None:
        note = (
            f"volgens het antwoord {due_text} voltooid"
            if due_text
            else "volgens het antwoord voltooid"
        )
        history = (HistoryEntry(date=anchor, status=Status.DONE, note=note),)
    return Commitment(
        id=commitment_id,
        title=title,
        source=source.id,
        quote=quote,
        answer=answer,
        due=time.period if dated and time is not None else None,
        due_text=due_text,
        owner=owner,
        places=naming.places_in(quote),
        status=proposal.status,
        history=history,
        cue=proposal.cue,
    )
