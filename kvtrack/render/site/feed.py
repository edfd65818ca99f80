"""`feed.xml`: an Atom 1.0 feed (RFC 4287) of what changed, newest first.

Entries are the events of core/log.py: history entries, and new commitments on their source's
answer date. Entry ids are URNs made of the commitment id and the entry's date and ordinal, so they
stay the same when the site is rebuilt, moved to another host or extended with new entries; a feed
reader shows each event once. Each entry links to the commitment's page: absolute under
`base_url`, else relative to the feed (RFC 4287 resolves it against the feed's own address).

The feed holds the newest `LIMIT` events; the pages hold every one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from kvtrack.core.log import LogEvent, LogKind
from kvtrack.render.site.detail import event_text
from kvtrack.render.site.layout import FEED, INDEX, Context
from kvtrack.render.svg_timeline import clean

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 500
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def stamp(day: date) -> str:
    """Midnight in Amsterdam at the start of `day`, as RFC 3339."""
    return datetime.combine(day, time(0), _AMSTERDAM).isoformat()


def entry_id(ev: LogEvent) -> str:
    return f"urn:kvtrack:{ev.key.replace('/', ':')}" + (":made" if "/" not in ev.key else "")


def render(ctx: Context, events: Sequence[LogEvent], base_url: str | None) -> str:
    t = ctx.lang.t
    base = base_url.rstrip("/") + "/" if base_url else ""
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": ctx.lang.code})
    ET.SubElement(feed, "title").text = t("feed_title")
    ET.SubElement(feed, "id").text = f"{base}{FEED}" if base else "urn:kvtrack:feed"
    newest = events[0].day if events else ctx.as_of
    ET.SubElement(feed, "updated").text = stamp(newest)
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "kvtrack"
    ET.SubElement(feed, "generator").text = "kvtrack"
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": base + INDEX})
    if base:
        ET.SubElement(
            feed, "link", {"rel": "self", "type": "application/atom+xml", "href": base + FEED}
        )
    for ev in events[:LIMIT]:
        c = ev.commitment
        entry = ET.SubElement(feed, "entry")
        ET.SubElement(entry, "id").text = entry_id(ev)
        ET.SubElement(entry, "title").text = clean(f"{c.title}: {event_text(ctx.lang, ev)}")
        ET.SubElement(entry, "updated").text = stamp(ev.day)
        href = base + ctx.commitment_href(c.id, "")
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
        summary = [event_text(ctx.lang, ev)]
        if ev.kind is LogKind.NEW:  # what was promised, and by when
            due = ctx.lang.period(c.due) if c.due else c.due_text or ctx.lang.t("no_due")
            summary.append(f"{ctx.lang.t('due')}: {due}. “{c.quote}”")
        if ev.note:
            summary.append(ev.note)
        if ev.evidence:
            summary.append(f"{t('evidence')}: {ev.evidence}")
        ET.SubElement(entry, "summary").text = clean(" — ".join(summary))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"
