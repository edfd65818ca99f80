"""Bounds on what kvtrack reads, in one place, so every reader and renderer agrees on them.

A register or document larger, deeper or further in time than these is refused with a message,
never read into memory without end or handed to a renderer that cannot draw it.
"""

from __future__ import annotations

#: Largest input file or standard input read by any command (`--max-bytes` changes it).
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: Deepest YAML nesting accepted in a register (the schema needs five levels).
MAX_NESTING = 32

#: Earliest and latest year a date or period may name, in files and in options: every renderer
#: can add a window (at most `MAX_WITHIN_YEARS`) to a date in this range without overflow.
MIN_YEAR = 1000
MAX_YEAR = 9998

#: Longest `--within` window.
MAX_WITHIN_YEARS = 100
