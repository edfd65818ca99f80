"""The read side's checks, one bad input each: every problem is found, at its line and column,
with a message that says what to do (store/file_text, yaml_events, yaml_values, reader)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kvtrack.core.schema import COMMITMENT
from kvtrack.errors import KvtrackError, ValidationError
from kvtrack.store.file_text import read_bytes, read_text
from kvtrack.store.register import load, parse_text

HEAD = """\
version: 1
sources:
  - id: src
commitments:
"""
ONE = """\
  - id: c1
    title: t
    source: src
    quote: q
"""


def problems(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        parse_text(textwrap.dedent(text), "c.yaml", **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD.replace(
                "  - id: src", "  - id: src\n    submitted: 2024-12-05\n    answered: 2024-10-30"
            )
            + "  []\n",
            "c.yaml:5:15: answered (2024-10-30) is before submitted (2024-12-05)",
        ),
        (
            HEAD.replace("  - id: src", "  - id: src\n  - id: src") + "  []\n",
            "c.yaml:4:5: duplicate source id 'src' (first at line 3); ids must be unique",
        ),
        (
            HEAD.replace("  - id: src", "  - id: src\n    kind: brief") + "  []\n",
            "c.yaml:4:11: unknown source kind 'brief'; use one of kamervragen, kamerbrief, debat, other",
        ),
        (
            HEAD + ONE + ONE,
            "c.yaml:9:5: duplicate commitment id 'c1' (first at line 5); ids must be unique",
        ),
        (
            "version: 1\nsources: []\n",
            "c.yaml:1:1: missing `commitments:` list (it may be empty: `commitments: []`)",
        ),
        (
            "version: 2\ncommitments: []\n",
            "c.yaml:1:10: unsupported version '2'; this kvtrack reads version 1",
        ),
        ("commitments: []\n", "c.yaml:1:1: missing `version: 1` at the top of the file"),
        (
            "version: 1\ncommitments: []\nextra: 1\n",
            "c.yaml:3:1: unknown field 'extra' in the top level; known fields: version, sources, commitments",
        ),
        (
            "version: 1\ncommitments: []\ncommitments: []\n",
            "c.yaml:3:1: duplicate key 'commitments' in the top level (first at line 2); keep only one",
        ),
        (
            "version: 1\n[a]: 1\ncommitments: []\n",
            "c.yaml:2:1: a key in the top level must be plain text",
        ),
        (
            "- 1\n",
            "c.yaml:1:1: the top level must be a mapping with `version`, `sources` and `commitments`, not a list",
        ),
        (
            "version: 1\ncommitments: 3\n",
            "c.yaml:2:14: commitments must be a list (lines starting with '- '), not the value '3'",
        ),
        (
            "version: 1\ncommitments: [5]\n",
            "c.yaml:2:15: a commitment must be a mapping of `key: value` lines, not the value '5'",
        ),
        (
            HEAD + ONE.replace("title: t", "title: [a]"),
            "c.yaml:6:12: title must be text, not a list",
        ),
        (
            HEAD + ONE.replace("title: t", "title: {a: 1}"),
            "c.yaml:6:12: title must be text, not a mapping",
        ),
        (
            HEAD + ONE.replace("    quote: q\n", "    quote: q\n    answer: drie\n"),
            "c.yaml:9:13: answer must be an answer number like 3 or a list like [4, 5], not 'drie'",
        ),
        (
            HEAD + ONE.replace("id: c1", "id: c 1"),
            "c.yaml:5:9: commitment id 'c 1' must be a slug: letters, digits, '-', '_' or '.', no spaces",
        ),
        (
            HEAD + ONE.replace("    quote: q\n", "    quote: q\n    status: bezig\n"),
            "c.yaml:9:13: unknown status 'bezig'; use one of open, partial, done, dropped (or openstaand, deels voldaan, voldaan, vervallen)",
        ),
        (
            HEAD + ONE.replace("    quote: q\n", "    quote: q\n    ? [k]\n    : v\n"),
            "c.yaml:9:7: a key in a commitment must be plain text",
        ),
        (
            HEAD + ONE.replace("    quote: q\n", "    quote: q\n    title: u\n"),
            "c.yaml:9:5: duplicate key 'title' in a commitment (first at line 6); keep only one",
        ),
        (
            HEAD + ONE.replace("    quote: q\n", "    quote: q\n    tags: !!set {a}\n"),
            "c.yaml:9:11: YAML tag '!!set' is not allowed (kvtrack never builds objects from tags); remove it",
        ),
        (
            HEAD + ONE.replace("title: t", "title: !!binary aGk="),
            "c.yaml:6:12: YAML tag '!!binary' is not allowed (kvtrack never builds objects from tags); remove it",
        ),
        (
            HEAD + ONE + "    history:\n      - {date: 2025-02-01}\n      - {date: 2025-01-01}\n",
            "c.yaml:11:16: history is out of order: 2025-01-01 comes after 2025-02-01; list entries oldest first",
        ),
        (
            HEAD + ONE + "    history: [3]\n",
            "c.yaml:9:15: a history entry must be a mapping of `key: value` lines, not the value '3'",
        ),
        (
            "version: 1\n--- \ncommitments: []\n",
            "c.yaml:2:1: YAML syntax error: expected a single document in the stream but found another document; check the indentation and quoting here",
        ),
    ],
)
def test_each_problem_is_found_where_it_is(text: str, expected: str):
    assert expected in problems(text)


def test_an_unknown_fields_value_is_still_checked_for_tags():
    found = problems(HEAD + ONE + "    extra:\n      - {deep: !!python/object x}\n")
    assert found[0] == "c.yaml:9:5: unknown field 'extra' in a commitment; known fields: " + (
        ", ".join(COMMITMENT.names)
    )
    assert found[1].startswith("c.yaml:10:16: YAML tag '!!python/object' is not allowed")


def test_a_top_level_with_a_tag_is_refused_and_not_read():
    allowed = problems("!!map\nversion: 1\ncommitments: [5]\n")
    assert allowed == [
        "c.yaml:3:15: a commitment must be a mapping of `key: value` lines, not the value '5'"
    ]
    found = problems("!!omap\nversion: 1\ncommitments: [5]\n")
    assert found == [
        "c.yaml:1:1: YAML tag '!!omap' is not allowed (kvtrack never builds objects from tags); remove it"
    ]


def test_a_flow_list_of_items_is_read_like_a_block_list():
    register = parse_text(
        "version: 1\nsources: [{id: src}]\ncommitments: [{id: c1, title: t, source: src, quote: q}]\n"
    ).register
    assert [c.id for c in register.commitments] == ["c1"]
    assert list(register.sources) == ["src"]


def test_a_single_place_or_tag_is_a_list_of_one_and_null_is_empty():
    register = parse_text(HEAD + ONE + "    places: Groningen\n    tags: ~\n").register
    assert (register.commitments[0].places, register.commitments[0].tags) == (("Groningen",), ())


def test_explicitly_tagged_plain_values_are_read_as_text():
    register = parse_text(HEAD + ONE.replace("title: t", "title: !!str 2025")).register
    assert register.commitments[0].title == "2025"


def test_utf16_and_bad_bytes_are_named_not_parsed(tmp_path: Path):
    utf16 = tmp_path / "u.yaml"
    utf16.write_bytes("version: 1\ncommitments: []\n".encode("utf-16"))
    with pytest.raises(ValidationError, match=r"u\.yaml:1:1: not UTF-8 \(byte 0xff\)"):
        load(utf16)
    latin = tmp_path / "l.yaml"
    latin.write_bytes(b"version: 1\ncommitments: []\n# caf\xe9\n")
    with pytest.raises(ValidationError, match=r"l\.yaml:3:6: not UTF-8 \(byte 0xe9\)"):
        load(latin)


def test_an_empty_file_says_how_to_start(tmp_path: Path):
    empty = tmp_path / "e.yaml"
    empty.write_bytes(b"\xef\xbb\xbf \n")
    with pytest.raises(ValidationError, match="the file is empty; start it with `version: 1`"):
        load(empty)


def test_reading_a_directory_or_through_a_file_says_so(tmp_path: Path):
    with pytest.raises(KvtrackError, match="is a directory, not a commitments file"):
        read_bytes(tmp_path)
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(KvtrackError, match="cannot read: Not a directory"):
        read_text(tmp_path / "f" / "c.yaml")
    with pytest.raises(KvtrackError, match="no such file; pass --file PATH"):
        read_text(tmp_path / "missing.yaml")


def test_a_directory_with_no_yaml_files_is_refused(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(KvtrackError, match=r"no \*\.yaml or \*\.yml files in this directory"):
        load(tmp_path)


def test_where_each_id_is_is_kept_per_file(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(HEAD + "  []\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("version: 1\ncommitments:\n" + ONE, encoding="utf-8")
    loaded = load(tmp_path)
    assert (len(loaded.commitment_at), len(loaded.source_at)) == (1, 1)
    assert "c1" in loaded.commitment_at and "x" not in loaded.commitment_at
    assert str(loaded.commitment_at["c1"]) == f"{tmp_path / 'b.yaml'}:3:5"
    assert list(loaded.source_at) == ["src"]
