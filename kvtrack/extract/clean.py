"""What PDF copies and converters leave in answer text, taken out: page furniture, footnotes,
markdown, and line-break hyphenation (joined where it was the typesetter's, kept where it is Dutch).

The result keeps the document's lines (headings stay on their own line) and, separately, the furniture
it removed, because the official numbers of a document often sit only in its footers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from kvtrack.core.lazy_pattern import LazyPattern
from kvtrack.core.lowercase import aligned_lower
from kvtrack.extract.glue import split_glued


@dataclass(frozen=True, slots=True)
class CleanText:
    lines: tuple[str, ...]  # the body, one source line per entry, blank lines kept as ""
    furniture: tuple[str, ...]  # removed footers, headers, ids (where identifiers may be found)
    footnotes: tuple[str, ...]  # removed footnote texts


def clean(text: str) -> CleanText:
    furniture: list[str] = []
    text = _remove_page_blocks(_normalise_characters(text), furniture)
    lines = _remove_furniture(text.split("\n"), furniture)
    del text  # a big document's text is held once at a time (here: as its lines)
    lines = [_markdown_line(line) for line in lines]
    lines, footnotes = _remove_footnotes(lines)
    lines = [_collapse_spaces(line) for line in lines]
    lines = split_glued(join_hyphenated(lines))
    return CleanText(tuple(lines), tuple(furniture), tuple(footnotes))


# --------------------------------------------------------------------------------------------
# Characters

_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SPACES = LazyPattern(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\v]")
_INVISIBLE = LazyPattern(r"[\u200b-\u200d\u2060\ufeff]")
_CONTROL = LazyPattern(r"[\x00-\x08\x0e-\x1f\x7f]")
_SUPERSCRIPT_DIGITS = LazyPattern(r"[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+")
_HTML_FOOTNOTE = LazyPattern(r"<sup>\s*\[?\d{1,3}\]?\s*</sup>", re.IGNORECASE)
_HTML_BREAK = LazyPattern(r"<br\s*/?>|</p>|</div>|</h\d>|</li>", re.IGNORECASE)
_HTML_TAG = LazyPattern(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")


def _normalise_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if "<" in text:
        text = _HTML_FOOTNOTE.sub("", text)
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SUPERSCRIPT_DIGITS.sub("", text)
    # A soft hyphen at a line end marks a typesetter's break; elsewhere it is invisible.
    text = re.sub("\u00ad[ ]*\n[ ]*", "", text)
    return text.replace("\u00ad", "")


def _collapse_spaces(line: str) -> str:
    return _SPACE_RUN.sub(" ", line).strip() if "  " in line else line.strip()


_SPACE_RUN = LazyPattern(r"[ ]{2,}")


# --------------------------------------------------------------------------------------------
# Markdown and converter syntax

_MD_HEADING = LazyPattern(r"^\s{0,3}#{1,6}\s*")
_MD_QUOTE = LazyPattern(r"^\s{0,3}(?:>\s?)+")
_MD_BULLET = LazyPattern(r"^\s*(?:[-*+•·▪◦]|–)\s+")
# Spans bounded (the corpus's longest: 196 and 6 characters; a longer bold run loses its "**" to
# the replace below all the same), so a line of unclosed "**" or "[" costs a bounded search from
# each, not one to the line's end (quadratic).
_MD_EMPHASIS = LazyPattern(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")
_MD_ITALIC = LazyPattern(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_ITALIC_UNDERSCORE = LazyPattern(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_MD_LINK = LazyPattern(r"!?\[([^\]\n]{0,1000})\]\((?:[^()\s]|\([^()\s]*\)){0,2000}\)")
_MD_FOOTNOTE_REF = LazyPattern(r"\[\^\s*\d{1,3}\s*\]|\^\[\d{1,3}\]|\[\s*\d{1,3}\s*\](?!\()")
_MD_ESCAPE = LazyPattern(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
_MD_RULE = LazyPattern(r"^\s*(?:[-*_=]\s*){3,}$")


# A line with none of these characters has no markdown syntax: most lines, left as they are.
_MD_SIGNS = LazyPattern(r"[#>*_\[\]|`\\^=•·▪◦+–-]")


def _markdown_line(line: str) -> str:
    """A line without markdown syntax; footnote definitions become footnote-like lines."""
    if not _MD_SIGNS.search(line):
        return line
    definition = re.match(r"^\s*\[\^(\d{1,3})\]:\s*(.*)$", line)
    if definition:
        return f"{definition[1]} {definition[2]}"
    if _MD_RULE.match(line) or line.strip().startswith("|---") or line.strip() == "```":
        return ""
    # (each substitution only where its sign is in the line: most lines pass for a hyphen)
    if "#" in line:
        line = _MD_HEADING.sub("", line)
    if ">" in line:
        line = _MD_QUOTE.sub("", line)
    if "|" in line and line.strip().startswith("|"):
        line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    if "[" in line:
        line = _MD_FOOTNOTE_REF.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        for _ in range(2):
            line = _MD_EMPHASIS.sub(r"\2", line)
        line = _MD_ITALIC.sub(r"\1", line)
        line = _MD_ITALIC_UNDERSCORE.sub(r"\1", line)
        line = line.replace("**", "").replace("__", "")
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)
    bullet = _MD_BULLET.match(line)
    if bullet and not re.match(r"^\s*–\s+\w+\s+–", line):
        line = "• " + line[bullet.end() :]
    return line


# --------------------------------------------------------------------------------------------
# Page furniture: footers, headers, publication ids, page numbers

# Furniture that may span lines (the Aanhangsel title block) or be glued to the next heading
# ("…, Aanhangsel 1Antwoord 3"); each is replaced by a line break so a glued heading stands alone.
# Written in lower case and matched against the lower-cased text, each starting with its literal
# words (a `\b` before the first word is the lookbehind after it): the regex engine then finds
# them by a fast scan for that word instead of trying the pattern at every character of the text.
_PAGE_BLOCK_SOURCES = (
    r"(?:tweede|eerste)[ \t]+kamer,?[ \t]+vergaderjaar[ \t]+\d{4}[ \t]*[–—-][ \t]*\d{4},?[ \t]+"
    r"aanhangsel(?:[ \t]+van[ \t]+de[ \t]+handelingen)?(?:[ \t]*\d{1,4}(?!\d))?",
    r"(?:t(?<!\wt)weede|e(?<!\we)erste)\s+kamer\s+der\s+staten-generaal"
    r"(?:\s*\d{4}\s*-\s*\d{4}\s*\d*|[ \t]*\d?)",
    r"vergaderjaar(?<!\wvergaderjaar)\s+\d{4}\s*[–—-]\s*\d{4}\s+aanhangsel\s+van\s+de\s+handelingen\b",
    r"vragen(?<!\wvragen)\s+gesteld\s+door\s+de\s+leden\s+der\s+kamer,?\s+met\s+de\s+daarop\s+door"
    r"\s+de\s+regering\s+gegeven\s+antwoorden\b(?:\s*\n[ \t]*\d{1,5}[ \t]*(?=\n))?",
    r"ah-(?<!\wah-)(?:tk|ek)-\d{8}-\d+\b",
    r"issn(?<!\wissn)\s*\d{4}\s*-?\s*\d{3}[\dx](?![\dx])",
    r"['’`]s-gravenhage[ \t]+\d{4}(?!\d)",
    r"officiële(?<!\wofficiële)\s+uitgave\s+van\s+het\s+koninkrijk\s+der\s+nederlanden"
    r"(?:\s+sinds\s+1814)?\.?",
    r"datum(?<!\wdatum)\s+publicatie\s*organisatie\s*vergaderjaar\s*"
    r"(?:nummer|dossier-?\s+en\s+ondernummer)?\s*(?:datum\s+ontvangst)?",
    r"sdu(?<!\wsdu)\s+uitgevers\b",
)
# (lower-case pattern on the lower-cased text, the same pattern ignoring case on the text itself:
# the second for a text in which lower-casing changes a letter's length or case rules)
_PAGE_BLOCKS = [(LazyPattern(p), LazyPattern(p, re.IGNORECASE)) for p in _PAGE_BLOCK_SOURCES]


def _remove_page_blocks(text: str, furniture: list[str]) -> str:
    lowered = aligned_lower(text)
    for on_lowered, ignoring_case in _PAGE_BLOCKS:
        if lowered is None:
            spans = [m.span() for m in ignoring_case.finditer(text)]
        else:
            spans = [m.span() for m in on_lowered.finditer(lowered)]
        if not spans:
            continue
        furniture.extend(" ".join(text[a:b].split()) for a, b in spans)
        text = _replace_spans(text, spans)
        if lowered is not None:
            lowered = _replace_spans(lowered, spans)
    return text


def _replace_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each of the (sorted, disjoint) spans replaced by a line break."""
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    return "\n".join(pieces)


_PAGE_NUMBER = LazyPattern(
    r"^\s*(?:\d{1,3}|[-–]\s*\d{1,3}\s*[-–]|\d{1,3}\s*/\s*\d{1,3}|(?:pagina|blz\.?|page)\s*\d{1,3}"
    r"(?:\s*(?:van|/|of)\s*\d{1,3})?)\s*$",
    re.IGNORECASE,
)
_ID_LINE = LazyPattern(
    r"^\s*(?:(?:zaak|kenmerk|document|nummer|ons\s+kenmerk)[:\s]*)?(?:\d{4}[ZD]\d{4,6}|KVR\d{4,8})"
    r"(?:\s*[,;/]?\s*(?:\d{4}[ZD]\d{4,6}|KVR\d{4,8}))*\s*$",
    re.IGNORECASE,
)
_AANHANGSEL_TITLE = LazyPattern(r"^\s*Aanhangsel\s+(?:van\s+de\s+)?Handelingen\s*$", re.IGNORECASE)


def _remove_furniture(lines: list[str], furniture: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if _PAGE_NUMBER.match(line) or _ID_LINE.match(line) or _AANHANGSEL_TITLE.match(line):
            furniture.append(line.strip())
            out.append("")
            continue
        out.append(line.rstrip())
    return out


# --------------------------------------------------------------------------------------------
# Footnotes: bodies at the foot of a page, and their markers glued to the text

_FOOTNOTE_START = LazyPattern(r"^(\d{1,2})(?:\s+|(?=[A-Z«“\"'(]))(\S.*)$")
_REFERENCE_WORDS = LazyPattern(
    r"\b(?:Kamerstuk(?:ken)?|Handelingen|Aanhangsel|Zie|zie|Bron|Kamerbrief|Kamervragen|d\.d\.|nr\.|"
    r"blz\.|p\.|Stb\.|Stcrt\.|ECLI|Dagblad|NOS|NRC|Volkskrant|Trouw|Telegraaf|RTL|Omroep|Nieuwsuur"
    r"|artikel|rapport|bericht|brief|website|https?://|www\.)",
)
# Each marker pattern starts with its digit and looks behind it, so the engine scans for digits
# (rare in text) instead of trying a lookbehind at every character.
_DIGIT = LazyPattern(r"\d")
_MARKER_AFTER_PUNCT = LazyPattern(
    r"(\d(?<=[^\d\s][.?!,;:»”)\"'’]\d)\d?)(?:\s?,\s?(\d{1,2}))*(?=\s|$)"
)
_MARKER_AFTER_QUOTE = LazyPattern(r"\d(?<=[»”’)]\d)\d?(?=[?.!,;:]*(?:\s|$))")
_MARKER_AFTER_WORD = LazyPattern(r"(\d(?<=[a-zà-ÿ»”)\"'’]\d)\d?)(?=[?.!,;:]?(?:\s|$))")
_TRAILING_MARKERS = LazyPattern(r"([?.!»”)\"'’])\s?,\s?\d{1,2}(?:\s?,\s?\d{1,2})*\s*$")
_ENDS_TEXT = LazyPattern(r"(?:[.!?»”\"')]|\.html?\)?\.?)$")
_ABBREVIATION_END = LazyPattern(r"\b(?:nr|nrs|d\.d|o\.a|blz|p|vgl|jo|art|zie)\.$", re.IGNORECASE)
_MONTH_AFTER = LazyPattern(  # used with .match(text, pos)
    r"\s*(?:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december)\b",
    re.IGNORECASE,
)


def _marker_numbers(lines: list[str]) -> set[int]:
    """Numbers glued to text the way footnote markers are ("gewenst is?1", "anderen.2")."""
    seen: set[int] = set()
    for line in lines:
        if not _DIGIT.search(line):
            continue
        for m in _MARKER_AFTER_PUNCT.finditer(line):
            seen.update(int(g) for g in m.groups() if g)
        for m in _MARKER_AFTER_WORD.finditer(line):
            seen.add(int(m[1]))
    return seen


# A footnote starts with a line of a reference's length; PyPDF2 puts whole paragraphs on one line.
_LONGEST_FOOTNOTE_LINE = 400


def _is_footnote_start(line: str, markers: set[int], previous_blank: bool) -> bool:
    m = _FOOTNOTE_START.match(line)
    if m is None or not 0 < int(m[1]) <= 99 or len(line) > _LONGEST_FOOTNOTE_LINE:
        return False  # a paragraph after a stray marker ("4 In deze brief is benoemd ...")
    rest = m[2]
    if rest[:1].islower() or _MONTH_AFTER.match(rest) or re.match(r"^(?:Vraag|Antwoord)\b", rest):
        return False
    if re.match(r"^[.)]\s", rest) or rest.startswith((".", ")")):
        return False  # a numbered list item
    has_reference = _REFERENCE_WORDS.search(rest) is not None
    return has_reference or (int(m[1]) in markers and (previous_blank or len(rest) > 20))


def _remove_footnotes(lines: list[str]) -> tuple[list[str], list[str]]:
    markers = _marker_numbers(lines)
    out: list[str] = []
    footnotes: list[list[str]] = []  # each footnote's lines, joined at the end (linear time)
    found: set[int] = set()
    current: list[str] | None = None
    for index, line in enumerate(lines):
        previous_blank = index == 0 or not lines[index - 1].strip()
        stripped = line.strip()
        if stripped and _is_footnote_start(stripped, markers, previous_blank):
            current = [stripped]
            footnotes.append(current)
            found.add(int(_FOOTNOTE_START.match(stripped)[1]))  # type: ignore[index]
            continue
        if current is not None and _continues_footnote(line, current[-1]):
            current.append(stripped)
            continue
        current = None
        out.append(line)
    stripped_lines = [_strip_markers(line, found) for line in out]
    return _strip_leading_markers(stripped_lines, found), [" ".join(f) for f in footnotes]


_LEADING_MARKER = LazyPattern(r"(\d{1,2})\s+(?=[a-z(])")


def _strip_leading_markers(lines: list[str], footnote_numbers: set[int]) -> list[str]:
    """A marker the PDF put at the start of the next line: "30 juni 2023" / "3 ingegaan op"."""
    out: list[str] = []
    previous = ""
    for line in lines:
        m = _LEADING_MARKER.match(line) if line[:1].isdigit() else None
        if m and int(m[1]) in footnote_numbers and previous and not _ENDS_TEXT.search(previous):
            line = line[m.end() :]
        out.append(line)
        if line.strip():
            previous = line.strip()
    return out


_HEADING_START = LazyPattern(r"(?:Vraag|Vragen|Antwoord|Antwoorden)\s+\d")


def _continues_footnote(line: str, previous: str) -> bool:
    if not line.strip() or line[:1].isspace():
        return False
    if _HEADING_START.match(line.strip()):
        return False
    if previous.endswith(("-", "/")):
        return True
    return not _ENDS_TEXT.search(previous) or bool(_ABBREVIATION_END.search(previous))


def _strip_markers(line: str, footnote_numbers: set[int]) -> str:
    if not _DIGIT.search(line):
        return line  # every marker is a number
    line = _MARKER_AFTER_QUOTE.sub("", line)
    line = _TRAILING_MARKERS.sub(r"\1", line)

    def after_punct(m: re.Match[str]) -> str:
        return m.group(0) if _MONTH_AFTER.match(line, m.end()) else ""

    line = _MARKER_AFTER_PUNCT.sub(after_punct, line)
    if footnote_numbers:

        def after_word(m: re.Match[str]) -> str:
            return "" if int(m[1]) in footnote_numbers else m.group(0)

        line = _MARKER_AFTER_WORD.sub(after_word, line)
    return line


# --------------------------------------------------------------------------------------------
# Hyphenation

# Two vowels that Dutch would read as one sound; a hyphen between them is spelling, not a break.
_DIGRAPHS = frozenset(
    {"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu"}
)
_TREMA = {"e": "ë", "i": "ï", "o": "ö", "u": "ü"}
# Prefixes and endings after which a broken vowel clash is a trema word (ge-ïnformeerd,
# co-ördinatie, financi-ële), not a compound like zee-egel.
_TREMA_PREFIXES = LazyPattern(r"(?:^|[^a-z])(?:ge|be|co|her|re|pre)$|(?:ci|ti|ri|li|gi|di|ni|si)$")
_KEEP_AFTER = frozenset({"en", "of", "tot", "noch", "dan", "als", "and", "or"})
# Endings that are never words of their own: "emissiefacto-ren" copied mid-line is one word.
_SUFFIX_ONLY = LazyPattern(
    r"^(?:[bcdfghjklmnprstvwz]{1,2}(?:en|ingen|ing|ig|ige|igen)"
    r"|heid|heden|ren|gen|den|ten|len|nen|ken|pen|ven|zen|sen|ling|lingen|king|kingen|lijk|lijke"
    r"|lijkheid|ning|ningen|ring|ringen|ting|tingen|ging|gingen|ding|dingen|tie|ties|sie|sies|teit"
    r"|teiten|baar|bare|schap|schappen|isch|ische|atie|aties|eren|elen|ende|enden|tje|tjes|pje"
    r"|nis|nissen|sel|sels|lig|lige|zaam|zame|achtig|achtige|iteit|iteiten|tueel|tuele)\b"
)
_MIDLINE_SPLIT = LazyPattern(r"\b([a-zà-ÿ]{4,})-([a-zà-ÿ]{2,})\b")


def join_hyphenated(lines: list[str]) -> list[str]:
    """Lines with typesetters' hyphenation undone, across line ends and page breaks.

    Linear in the text: a run of lines each ending in a hyphen is joined into one list of pieces,
    never by growing one string and searching it again from the start."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        pieces = [lines[i]]
        tail = lines[i]  # the last piece: whether the joined line still ends in a break
        while _ends_broken(tail):
            j = i + 1
            while j < len(lines) and not lines[j].strip() and j - i <= 4:
                j += 1
            if j >= len(lines) or not lines[j].strip():
                break
            joined = _join_broken_word(tail[:-1], lines[j].strip())
            if joined is None:
                break
            pieces[-1] = joined
            tail, i = joined, j
            if len(tail) > 200:  # keep each piece short, so the next join costs little
                pieces.append("")
                pieces[-1], pieces[-2] = tail[-100:], tail[:-100]
                tail = pieces[-1]
        out.append(_join_midline("".join(pieces)))
        i += 1
    return out


def _ends_broken(line: str) -> bool:
    return (
        len(line) >= 2
        and line[-1] == "-"
        and (line[-2].isalnum())
        and not line.endswith(("--", " -"))
    )


def _join_broken_word(left: str, right: str) -> str | None:
    """`left-` at a line end continued by `right`: one word, a kept hyphen, or None to leave the
    lines apart ("rijks-" / "en gemeentediensten")."""
    first_word = re.match(r"\w+", right)
    if first_word is None or first_word.group(0).lower() in _KEEP_AFTER:
        return None
    last, first = left[-1], right[0]
    if last.isupper() or last.isdigit() or first.isupper() or first.isdigit():
        return f"{left}-{right}"  # Noord-Nederland, Natura2000-gebied, NS-station
    if (last + first).lower() in _DIGRAPHS:
        stem = re.search(r"[A-Za-zÀ-ÿ]+$", left)
        if stem and _TREMA_PREFIXES.search(stem.group(0).lower()) and first in _TREMA:
            return f"{left}{_TREMA[first]}{right[1:]}"  # ge-informeerd → geïnformeerd
        return f"{left}-{right}"  # zee-egel
    return left + right


def _join_midline(line: str) -> str:
    if "-" not in line:
        return line

    def join(m: re.Match[str]) -> str:
        return m[1] + m[2] if _SUFFIX_ONLY.match(m[2]) else m.group(0)

    return _MIDLINE_SPLIT.sub(join, line)
