"""SyncFeed pages (Atom 1.0) → Toezegging records.

Each `<entry>` holds in its `<content>` one `toezegging` element in the tkData namespace (see
tests/data/official/tkData-v1-0-toezegging.xsd); a deleted entity is an empty element with
`verwijderd="true"`. The next page is `<link rel="next" href="...">` on the feed.

The XML is parsed by defusedxml with DTDs refused: no entity is ever expanded or fetched.
"""

from __future__ import annotations

from typing import Any

from kvtrack.errors import KvtrackError, Location
from kvtrack.official.records import Page, Toezegging, parse_changed

ATOM = "{http://www.w3.org/2005/Atom}"
TK = "{http://www.tweedekamer.nl/xsd/tkData/v1-0}"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"

# XSD element name → Toezegging field, for the plain text children.
_TEXT_FIELDS = {
    "nummer": "nummer",
    "tekst": "tekst",
    "ministerie": "ministerie",
    "status": "status",
    "datumNakoming": "datum_nakoming",
    "kamerbriefNakoming": "kamerbrief_nakoming",
    "aanmaakdatum": "aanmaakdatum",
    "activiteitNummer": "activiteit_nummer",
    "naam": "naam",
    "functie": "functie",
}


def looks_like_syncfeed(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def parse_page(data: bytes, where: str) -> Page:
    """One Atom page; KvtrackError naming `where` when it is not a SyncFeed page of Toezeggingen."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise KvtrackError(
            "the page declares a DTD or entities, which kvtrack never reads; "
            "is this really a SyncFeed page?",
            where=Location(where),
        ) from None
    except ParseError as e:
        line, col = e.position
        raise KvtrackError(
            f"not well-formed XML: {e.msg}", where=Location(where, line, col + 1)
        ) from None
    if root.tag != f"{ATOM}feed":
        raise KvtrackError(
            f"not a SyncFeed page: the root element is <{_local(root.tag)}>, not an Atom <feed>",
            where=Location(where),
        )
    records = [
        _entry(entry, f"{where}: entry {n}")
        for n, entry in enumerate(root.iter(f"{ATOM}entry"), start=1)
    ]
    next_url = None
    for link in root.findall(f"{ATOM}link"):
        if link.get("rel") == "next" and link.get("href"):
            next_url = link.get("href")
    return Page(tuple(r for r in records if r is not None), next_url)


def _entry(entry: Any, where: str) -> Toezegging | None:
    content = entry.find(f"{ATOM}content")
    element = None if content is None else next(iter(content), None)
    if element is None:
        raise KvtrackError("the entry has no entity in its <content>", where=Location(where))
    if element.tag != f"{TK}toezegging":
        raise KvtrackError(
            f"the entry holds a <{_local(element.tag)}>, not a <toezegging>; "
            "read the feed with ?category=Toezegging",
            where=Location(where),
        )
    entity_id = element.get("id")
    if not entity_id:
        raise KvtrackError("the <toezegging> has no id attribute", where=Location(where))
    bijgewerkt = _attribute(element, "bijgewerkt")
    try:
        changed = parse_changed(bijgewerkt)
    except ValueError:
        raise KvtrackError(
            f"bijgewerkt '{bijgewerkt}' is not an ISO date-time", where=Location(where)
        ) from None
    values: dict[str, str | None] = {}
    for child in element:
        name = _local(child.tag)
        if name in _TEXT_FIELDS:
            values[_TEXT_FIELDS[name]] = _text(child)
        elif name == "activiteit":
            values["activiteit"] = child.get("ref")
    return Toezegging(
        id=entity_id,
        where=where,
        changed=changed,
        deleted=(_attribute(element, "verwijderd") or "false").strip() in ("true", "1"),
        **values,
    )


def _attribute(element: Any, name: str) -> str | None:
    """`bijgewerkt` and `verwijderd` are global attributes of the XSD, so they are written in the
    tkData namespace (`tk:verwijderd`); the unqualified spelling is read too."""
    value: str | None = element.get(f"{TK}{name}")
    return value if value is not None else element.get(name)


def _text(element: Any) -> str | None:
    if element.get(XSI_NIL) in ("true", "1"):
        return None
    text = (element.text or "").strip()
    return text or None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
