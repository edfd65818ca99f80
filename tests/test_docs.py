"""The docs are true: every `$ kvtrack …` example prints what the page says, and the schema's field
tables are the declaration's. Regenerate after a deliberate change: python -m tests.docs_examples
--update (see tests/docs_examples.py and the README's Development section)."""

from __future__ import annotations

from pathlib import Path

import docs_examples as docs
import pytest

SESSIONS = [s for path in docs.doc_files() for s in docs.sessions(path)]


def test_the_docs_have_examples_to_run():
    ran = [s for s in SESSIONS if not s.skipped]
    assert len(ran) >= 10
    assert sum(len(s.examples) for s in ran) >= 15


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s.name)
def test_example_prints_what_the_docs_say(session: docs.Session):
    if session.skipped:
        pytest.skip("marked docs-test: skip")
    for example, actual in zip(session.examples, docs.run(session), strict=True):
        assert docs.matches(example.expected, actual), (
            f"{session.path.name}:{example.line}: $ {example.command}\n" + "\n".join(actual)
        )


@pytest.mark.parametrize("path", docs.doc_files(), ids=lambda p: p.name)
def test_field_tables_are_generated_from_the_schema(path: Path):
    text = path.read_text(encoding="utf-8")
    assert docs.field_tables(text) == text


def test_schema_page_has_a_table_for_every_shape():
    from kvtrack.core.schema import SHAPES

    text = (docs.ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert all(f"<!-- fields: {name} -->" in text for name in SHAPES)


def test_a_wildcard_line_stands_for_any_lines():
    assert docs.matches(["a", "…", "d"], ["a", "b", "c", "d"])
    assert docs.matches(["a", "...", "d"], ["a", "d"])
    assert not docs.matches(["a", "…", "d"], ["a", "b"])
    assert not docs.matches(["a", "b"], ["a", "c"])


def test_regenerating_keeps_what_matches_and_cuts_where_the_docs_cut():
    assert docs.regenerated(["a", "…"], ["a", "b"]) == ["a", "…"]
    assert docs.regenerated(["x", "…", "z"], ["a", "b", "c", "d"]) == ["a", "…", "d"]
    assert docs.regenerated(["x"], ["a  ", "b"]) == ["a", "b"]


def test_a_session_runs_its_commands_in_order_in_one_directory(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text(
        "```text\n"
        "$ kvtrack note groningen-cascadeplein \\\n"
        '    "Aanbesteding gestart"\n'
        "groningen-cascadeplein: note added on 2026-11-27\n"
        "$ kvtrack show groningen-cascadeplein\n"
        "…\n"
        "    2026-11-27  note: Aanbesteding gestart\n"
        "```\n",
        encoding="utf-8",
    )
    (session,) = docs.sessions(page)
    assert session.examples[0].command == (
        'kvtrack note groningen-cascadeplein "Aanbesteding gestart"'
    )
    first, second = docs.run(session)
    assert first == ["groningen-cascadeplein: note added on 2026-11-27"]
    assert any("Aanbesteding gestart" in line for line in second)
    assert not (docs.ROOT / "commitments.yaml").read_text(encoding="utf-8").count("Aanbesteding")
