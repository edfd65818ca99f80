"""Start-up stays light: a pattern compiled at its first use matches as one compiled at import."""

from __future__ import annotations

import re

from kvtrack.core.lazy_pattern import LazyPattern


def test_a_lazy_pattern_matches_as_the_compiled_one() -> None:
    source = r"\b(?:stuur|zend)\s+(?P<wie>ik|wij)\b"
    lazy, eager = LazyPattern(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    text = "Dan Stuur ik, en zend wij; stuur IK"
    assert not lazy.is_compiled
    assert lazy.pattern == eager.pattern
    assert [m.span() for m in lazy.finditer(text, 3, 30)] == [
        m.span() for m in eager.finditer(text, 3, 30)
    ]
    assert lazy.is_compiled and lazy.compiled.flags == eager.flags
    found, expected = lazy.search(text, 10), eager.search(text, 10)
    assert found is not None and expected is not None and found.span() == expected.span()
    assert lazy.findall(text) == eager.findall(text) == ["ik", "wij", "IK"]
    assert lazy.sub("-", text) == eager.sub("-", text)
    assert lazy.split(text, 1) == eager.split(text, 1)
    assert lazy.match(text) is None and eager.match(text) is None
    whole = lazy.fullmatch("zend wij")
    assert whole is not None and whole["wie"] == "wij"
