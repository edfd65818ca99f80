"""Lower-casing a text so that a plain search in it finds what a case-insensitive one finds.

Searching the lower-cased text for lower-case words is much faster than a case-insensitive
pattern (the regex engine can scan for a literal word). It gives the same answers, at the same
positions, unless lower-casing changes a character's length (U+0130 "İ" becomes two) or a
case-insensitive match would pair an ASCII letter with a character whose lower case is not that
letter (dotless ı, long ſ, the Kelvin sign): for such a text `aligned_lower` returns None and
the caller searches case-insensitively.
"""

from __future__ import annotations

import re

CASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")


def aligned_lower(text: str) -> str | None:
    """`text.lower()` when its positions and matches agree with `text`'s, else None."""
    lowered = text.lower()
    if len(lowered) != len(text) or CASE_ODD.search(text):
        return None
    return lowered
