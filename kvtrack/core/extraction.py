"""What extraction yields, as renderers and the CLI see it: per document its proposed source and
candidate commitments, or why the document could not be read.

The extractor (kvtrack.extract) builds these; render/extraction.py shows them; the CLI appends them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kvtrack.core.model import Commitment, Source
from kvtrack.errors import Problem


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one document yields: its source and candidate commitments (status open, or done for a
    completion the answer reports)."""

    source: Source
    commitments: tuple[Commitment, ...]
    # Where the answer date came from when the text did not state it ("the file name"): the
    # reader must check it. None: from the text, or no date at all.
    answered_from: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One input of a batch: its name (a path, or "-" for standard input) and either what it
    yielded or the problems that stopped it (the other documents go on)."""

    name: str
    extraction: Extraction | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.extraction is not None
