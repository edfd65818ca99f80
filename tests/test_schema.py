"""The one schema declaration (core/schema.py) and everything that must follow it."""

from __future__ import annotations

import dataclasses

import pytest

from kvtrack.core.model import Commitment, HistoryEntry, Source, Status
from kvtrack.core.schema import (
    COMMITMENT,
    HISTORY_ENTRY,
    RECORD,
    RECORD_KEYS,
    SOURCE,
    STATUS_ALIASES,
    STATUSES,
    Derived,
    Shape,
)
from kvtrack.core.serialize import commitment_to_dict, history_to_dict, source_to_dict
from kvtrack.errors import ValidationError
from kvtrack.store.register import parse_text

MODELS = [(Source, SOURCE), (Commitment, COMMITMENT), (HistoryEntry, HISTORY_ENTRY)]


@pytest.mark.parametrize(("model", "shape"), MODELS)
def test_the_model_holds_exactly_the_schemas_fields(model: type, shape: Shape):
    assert sorted(f.name for f in dataclasses.fields(model)) == sorted(shape.names)


@pytest.mark.parametrize(("model", "shape"), MODELS)
def test_required_fields_have_no_default_in_the_model_and_defaults_agree(model, shape):
    for f in dataclasses.fields(model):
        declared = shape.by_name(f.name)
        has_default = f.default is not dataclasses.MISSING or (
            f.default_factory is not dataclasses.MISSING
        )
        if declared.required and f.name != "date":
            assert not has_default, f.name
        if declared.default is not None:
            assert f.default == declared.default, f.name


def test_status_words_are_the_schemas():
    assert tuple(s.value for s in Status) == STATUSES
    for word, status in STATUS_ALIASES.items():
        assert Status.parse(word).value == status
        assert Status.parse(word.upper().replace(" ", "-")).value == status


EVERY_FIELD = """\
version: 1
sources:
  - id: src
    kind: kamerbrief
    title: Een brief
    asked_by: Lid (Partij)
    answered_by: Minister
    submitted: 2024-10-30
    answered: 2024-12-05
    identifiers: {publication: p, zaak: z, document: d, vergaderjaar: 2024-2025, aanhangsel: '12', activiteit: 2025A00793}
    file: a.txt
    url: https://example.org/a
commitments:
  - id: c1
    title: Een toezegging
    source: src
    identifiers: {toezegging: TZ202504-057, toezegging_id: a1000000-0000-4000-8000-000000000001}
    answer: [4, 5]
    quote: In 2025 gebeurt het.
    due: 2025
    due_text: in 2025
    owner: BZK
    places: [Groningen]
    tags: [t]
    status: partial
    history:
      - {date: 2025-01-02, status: partial, due: 2026-Q2, note: later, evidence: https://e}
    cue: 'passief'
"""


def test_the_loader_reads_every_field_the_schema_declares():
    register = parse_text(EVERY_FIELD).register
    source = register.sources["src"]
    commitment = register.commitments[0]
    for item, model in ((source, Source), (commitment, Commitment)):
        for f in dataclasses.fields(model):
            default = (
                f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            )
            assert getattr(item, f.name) != default, f"{model.__name__}.{f.name} was not read"
    entry = commitment.history[0]
    assert all(getattr(entry, name) is not None for name in HISTORY_ENTRY.names)


def test_writers_use_the_schemas_key_order():
    register = parse_text(EVERY_FIELD).register
    commitment = register.commitments[0]
    assert tuple(source_to_dict(register.sources["src"])) == SOURCE.names
    assert tuple(commitment_to_dict(commitment)) == COMMITMENT.names
    assert tuple(history_to_dict(commitment.history[0])) == HISTORY_ENTRY.names


def test_writers_leave_out_only_what_the_schema_says_may_go():
    bare = Commitment(id="c", title="t", source="s", quote="q")
    written = commitment_to_dict(bare)
    left_out = [f.name for f in COMMITMENT.fields if f.name not in written]
    assert left_out == [f.name for f in COMMITMENT.fields if f.omit_empty]
    assert source_to_dict(Source(id="s"))["identifiers"] == {
        "publication": None,
        "zaak": None,
        "document": None,
    }


def test_the_record_names_stored_fields_of_a_commitment():
    stored = [k for k in RECORD if isinstance(k, str)]
    assert set(stored) <= set(COMMITMENT.names)
    assert set(COMMITMENT.names) - set(stored) == {"cue", "identifiers"}  # see RECORD
    assert len(RECORD_KEYS) == len(set(RECORD_KEYS))
    assert all(isinstance(k, Derived) for k in RECORD if k not in COMMITMENT.names)


def test_unknown_field_suggestions_come_from_the_schema():
    text = EVERY_FIELD.replace("    owner: BZK", "    ownr: BZK")
    with pytest.raises(ValidationError, match="did you mean 'owner'") as caught:
        parse_text(text)
    assert "unknown field 'ownr' in a commitment" in str(caught.value)
