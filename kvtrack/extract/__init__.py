"""Answer documents → a proposed source and candidate commitments, for a person to review.

readers.py turns PDF, Word, HTML/XML and text into text; clean.py removes what PDF copies and
converters leave behind; document.py finds the header and the Vraag/Antwoord blocks; cues.py decides
which sentences are the cabinet's promises; naming.py gives them titles and ids; extractor.py puts
one document together (`extract_document(text, file)`) and files.py runs a batch
(`extract_documents(paths)`, `extract_bytes(data, name)`).
"""

from __future__ import annotations

from kvtrack.core.extraction import DocumentResult, Extraction
from kvtrack.extract.extractor import extract_document
from kvtrack.extract.files import extract_bytes, extract_documents

__all__ = [
    "DocumentResult",
    "Extraction",
    "extract_bytes",
    "extract_document",
    "extract_documents",
]
