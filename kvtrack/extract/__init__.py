"""Answer documents → a proposed source and candidate commitments, for a person to review.

clean.py removes what PDF copies and converters leave behind, document.py finds the header and the
Vraag/Antwoord blocks, cues.py decides which sentences are the cabinet's promises, naming.py gives
them titles and ids, and extractor.py puts it together: `extract_document(text, file)`.
"""

from __future__ import annotations

from kvtrack.extract.extractor import Extraction, extract_document

__all__ = ["Extraction", "extract_document"]
