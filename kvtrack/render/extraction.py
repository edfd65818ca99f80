"""`kvtrack extract` output: YAML to paste into the commitments file, or JSON for machines.

YAML is one valid commitments file (`version`, `sources`, `commitments`): loadable as it is, and its
items can be pasted under the keys of an existing file. Where each candidate comes from is
written as a comment.
JSON is `{"source": ..., "commitments": [...]}` per document, a list of those for several files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kvtrack.core.extraction import Extraction
from kvtrack.core.schema import SCHEMA_VERSION
from kvtrack.core.serialize import commitment_to_dict, source_to_dict
from kvtrack.render.yaml_out import dump, plain_commitment, plain_source


def yaml_text(extractions: Sequence[Extraction]) -> str:
    n = sum(len(e.commitments) for e in extractions)
    lines = [
        f"# Proposed by `kvtrack extract`: {n} candidate{'s' * (n != 1)} from "
        f"{len(extractions)} document{'s' * (len(extractions) != 1)}. Review each one: keep the",
        "# promises, fix titles, ids, owners and places. Schema: docs/schema.md.",
        f"version: {SCHEMA_VERSION}",
        "sources:",
    ]
    for extraction in extractions:
        lines.extend(_source_item(extraction))
    if not n:
        lines.append("commitments: []")
    else:
        lines.append("commitments:")
    for extraction in extractions:
        if len(extractions) > 1 and extraction.commitments:
            lines.append(f"# --- {extraction.source.file or extraction.source.id}")
        for commitment in extraction.commitments:
            lines.extend(_item(plain_commitment(commitment)))
    return "\n".join(lines) + "\n"


def json_data(extractions: Sequence[Extraction]) -> Any:
    documents = [
        {
            "source": source_to_dict(e.source),
            "commitments": [commitment_to_dict(c) for c in e.commitments],
            # only when the answer date is not the text's own: where it came from
            **({"answered_from": e.answered_from} if e.answered_from else {}),
        }
        for e in extractions
    ]
    return documents[0] if len(documents) == 1 else documents


def json_text(extractions: Sequence[Extraction], *, several: bool) -> str:
    from kvtrack.render.records import dumps

    data = json_data(extractions)
    if several and not isinstance(data, list):
        data = [data]
    return dumps(data) + "\n"


def answered_note(extraction: Extraction) -> str | None:
    """ "answer date 2024-07-25 taken from the file name; check it", when it was not the text's."""
    if extraction.answered_from is None or extraction.source.answered is None:
        return None
    day = extraction.source.answered.isoformat()
    return f"answer date {day} taken from {extraction.answered_from}; check it"


def _source_item(extraction: Extraction) -> list[str]:
    """The source's YAML; an answer date the text did not state carries a comment saying where
    it came from."""
    lines = _item(plain_source(extraction.source))
    if answered_note(extraction) is not None:
        for i, line in enumerate(lines):
            if line.lstrip("- ").startswith("answered:"):
                lines[i] = f"{line}  # taken from {extraction.answered_from}; check it"
                break
    return lines


def _item(value: dict[str, Any]) -> list[str]:
    return dump([value]).rstrip("\n").split("\n")
