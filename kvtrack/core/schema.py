"""The commitments file's schema, declared once (schema version 1).

Every field of the top level, a source, its identifiers, a commitment and a history entry: name,
value type, whether it is required, what an absent value means, and (by its place in the tuple) the
key order. From this one declaration come the loader's checks (`store/reader`: which keys exist,
which are required, the "did you mean"), the writers' key order and which empty keys they leave out
(`core/serialize`, used by the editing commands, `extract` and `list --format yaml`), the machine
records of `--format json` and `csv` (`RECORD`, built by `render/records`), and the field tables of
docs/schema.md (`markdown_table`, kept in step by tests/docs_examples.py).

The model's dataclasses (`core/model`) hold the same fields; a test checks that they agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

SCHEMA_VERSION = 1

SOURCE_KINDS = ("kamervragen", "kamerbrief", "debat", "other")
STATUSES = ("open", "partial", "done", "dropped")

# The Dutch register words a status may be written as (after lower-casing, with `-` and `_` read
# as spaces); writers always use the English names.
STATUS_ALIASES = {
    "openstaand": "open",
    "deels voldaan": "partial",
    "gedeeltelijk voldaan": "partial",
    "voldaan": "done",
    "vervallen": "dropped",
}


class Type(StrEnum):
    """What a field's value is: how the loader checks it and how writers write it."""

    VERSION = "number"
    SLUG = "slug"
    SOURCE_ID = "source id"
    TEXT = "text"
    URL = "URL"  # text on one line, without spaces or control characters
    KIND = "source kind"
    DATE = "date"
    PERIOD = "period"
    STATUS = "status"
    ANSWER = "int or list"
    TEXTS = "list of text"
    IDENTIFIERS = "mapping"
    REGISTER_IDS = "mapping of register numbers"
    SOURCES = "list of sources"
    COMMITMENTS = "list of commitments"
    HISTORY = "list of entries"
    BOOLEAN = "true or false"
    DAYS = "number of days"


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping in the file."""

    name: str
    type: Type
    meaning: str
    required: bool = False
    default: str | None = None  # what an absent or null value stands for, as the docs write it
    omit_empty: bool = False  # writers leave the key out when it has no value


@dataclass(frozen=True, slots=True, eq=False)  # each shape is one object: hashed by identity
class Shape:
    """A mapping of the file: what messages call it, and its fields in key order."""

    what: str
    fields: tuple[Field, ...]
    names: tuple[str, ...] = field(init=False)  # worked out once: the loader asks per item
    required: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(f.name for f in self.fields))
        object.__setattr__(self, "required", tuple(f.name for f in self.fields if f.required))

    def by_name(self, name: str) -> Field:
        return self.fields[self.names.index(name)]

    @property
    def noun(self) -> str:
        """`source` for "a source": how a message names one ("source id")."""
        return self.what.removeprefix("a ")


TOP = Shape(
    "the top level",
    (
        Field("version", Type.VERSION, "always `1`", required=True),
        Field("sources", Type.SOURCES, "the source documents"),
        Field(
            "commitments",
            Type.COMMITMENTS,
            "the commitments (may be `[]`); a file in a directory may hold only `sources`",
            required=True,
        ),
    ),
)

IDENTIFIERS = Shape(
    "identifiers",
    (
        Field("publication", Type.TEXT, "publication number (ah-tk-…)"),
        Field("zaak", Type.TEXT, "case number (2024Z…)"),
        Field("document", Type.TEXT, "document number (2025D…)"),
        Field("vergaderjaar", Type.TEXT, "parliamentary year (2024-2025)", omit_empty=True),
        Field("aanhangsel", Type.TEXT, "its number in the Aanhangsel", omit_empty=True),
        Field("activiteit", Type.TEXT, "a debate's number (2025A00793)", omit_empty=True),
    ),
)

# A commitment's own official numbers: its entry in the Tweede Kamer's Toezegging register,
# written by `kvtrack import toezeggingen`, which finds the commitment again by them.
REGISTER_IDENTIFIERS = Shape(
    "register identifiers",
    (
        Field("toezegging", Type.TEXT, "its number in the Toezegging register (TZ202504-057)"),
        Field("toezegging_id", Type.TEXT, "the register's id for that entry (a GUID)"),
    ),
)

SOURCE = Shape(
    "a source",
    (
        Field("id", Type.SLUG, "unique; letters, digits, `-`, `_`, `.`", required=True),
        Field(
            "kind",
            Type.KIND,
            ", ".join(f"`{k}`" for k in SOURCE_KINDS),
            default=SOURCE_KINDS[0],
        ),
        Field("title", Type.TEXT, "the subject line"),
        Field("asked_by", Type.TEXT, "member(s) and party"),
        Field("answered_by", Type.TEXT, "minister(s)"),
        Field("submitted", Type.DATE, "*ingezonden*"),
        Field("answered", Type.DATE, "*ontvangen*; not before `submitted`"),
        Field(
            "identifiers",
            Type.IDENTIFIERS,
            "official numbers (see *Identifiers*); null or absent when unknown, never guessed",
        ),
        Field("file", Type.TEXT, "where the document is, as a path"),
        Field("url", Type.URL, "where the document is, online"),
    ),
)

COMMITMENT = Shape(
    "a commitment",
    (
        Field("id", Type.SLUG, "unique across the file (or directory)", required=True),
        Field("title", Type.TEXT, "short, in Dutch", required=True),
        Field("source", Type.SOURCE_ID, "must be defined under `sources`", required=True),
        Field(
            "identifiers",
            Type.REGISTER_IDS,
            "the promise's own official numbers (see *Register identifiers*)",
            omit_empty=True,
        ),
        Field("answer", Type.ANSWER, "the answer number: `8`, or `[4, 5]` for a merged answer"),
        Field("quote", Type.TEXT, "the exact sentence(s) of the promise", required=True),
        Field(
            "due",
            Type.PERIOD,
            "the ORIGINAL promise, matching the quote; `null` when undated",
        ),
        Field("due_text", Type.TEXT, "the time phrase as written, especially when vague"),
        Field("owner", Type.TEXT, "responsible ministry or body"),
        Field("places", Type.TEXTS, "places it concerns; a single value is a list of one"),
        Field("tags", Type.TEXTS, "free labels; a single value is a list of one"),
        Field(
            "status",
            Type.STATUS,
            ", ".join(f"`{s}`" for s in STATUSES)
            + " (or "
            + ", ".join(f"`{word}`" for word in STATUS_ALIASES)
            + ")",
            default=STATUSES[0],
        ),
        Field("history", Type.HISTORY, "dated entries, oldest first"),
        Field("cue", Type.TEXT, "why `kvtrack extract` proposed it", omit_empty=True),
    ),
)

HISTORY_ENTRY = Shape(
    "a history entry",
    (
        Field("date", Type.DATE, "when it happened", required=True),
        Field("status", Type.STATUS, "a status change", omit_empty=True),
        Field("due", Type.PERIOD, "a reschedule: the new due period", omit_empty=True),
        Field("note", Type.TEXT, "free text", omit_empty=True),
        Field("evidence", Type.TEXT, "a URL or document reference", omit_empty=True),
    ),
)

# docs/schema.md's tables, by the name its markers use
SHAPES = {
    "top": TOP,
    "source": SOURCE,
    "identifiers": IDENTIFIERS,
    "register_identifiers": REGISTER_IDENTIFIERS,
    "commitment": COMMITMENT,
    "history": HISTORY_ENTRY,
}


class Derived(NamedTuple):
    """A value of the machine record that is worked out on the as-of day, not stored."""

    name: str
    type: Type
    meaning: str


# The machine record of a commitment (`--format json`, the columns of `csv`), in order: stored
# fields by name (as the JSON types write them: periods as text, `answer` always a list) and the
# derived values between them. `cue` is for the reviewer of an extraction and is left out, and so
# are a commitment's register `identifiers` for now: an imported commitment's id already is its
# register number (tz202504-057), and the records' columns stay as scripts know them.
RECORD: tuple[str | Derived, ...] = (
    "id",
    "title",
    "source",
    "answer",
    "quote",
    "due",
    "due_text",
    Derived("due_end", Type.DATE, "the last day of `due`"),
    Derived("current_due", Type.PERIOD, "the `due` of the last history entry that has one"),
    Derived("current_due_end", Type.DATE, "the last day of `current_due`"),
    Derived("rescheduled", Type.BOOLEAN, "whether `current_due` differs from `due`"),
    Derived("slip_days", Type.DAYS, "days from the end of `due` to the end of `current_due`"),
    Derived("state", Type.TEXT, "overdue, due-soon, upcoming, undated, done or dropped"),
    Derived("days_left", Type.DAYS, "end of `current_due` minus the as-of day"),
    "status",
    "owner",
    "places",
    "tags",
    "history",
)
RECORD_KEYS = tuple(k if isinstance(k, str) else k.name for k in RECORD)


def markdown_table(shape: Shape) -> str:
    """The shape's fields as the Markdown table docs/schema.md shows."""
    rows = ["| field | type | required | default | meaning |", "|---|---|---|---|---|"]
    for f in shape.fields:
        default = f"`{f.default}`" if f.default else ""
        rows.append(
            f"| `{f.name}` | {f.type.value} | {'yes' if f.required else 'no'} | {default} "
            f"| {f.meaning} |"
        )
    return "\n".join(rows) + "\n"
