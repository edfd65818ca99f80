"""A page per commitment: the quote, its citation (once), due and current due, state, history.

The history is the same list of events `kvtrack log` and the feed show (core/log.py), so the three
always agree on what happened when.
"""

from __future__ import annotations

from kvtrack.core.log import LogEvent, LogKind, commitment_events
from kvtrack.core.model import Commitment, Source
from kvtrack.core.query import Assessed
from kvtrack.render.lang import Lang
from kvtrack.render.site.layout import Context, badge, e, link_or_text, page, time_tag
from kvtrack.render.site.tables import source_facts


def commitment_page(ctx: Context, a: Assessed) -> str:
    lang, t = ctx.lang, ctx.lang.t
    c = a.commitment
    source = ctx.register.sources.get(c.source)
    days = lang.days(a)
    state = badge(lang, a.state) + (f" {e(days)}" if days else "")
    if lang.status(c.status) != lang.state(a.state):  # "te laat (status: deels voldaan)"
        state += (
            f' <span class="muted">({e(t("status").lower())}: {e(lang.status(c.status))})</span>'
        )
    facts = [(t("state"), state), *_due_facts(lang, c)]
    if c.owner:
        facts.append((t("owner"), e(c.owner)))
    if c.places:
        facts.append((t("places"), e(", ".join(c.places))))
    if c.tags:
        facts.append((t("tags"), e(", ".join(c.tags))))
    body = f"""<h1>{e(c.title)}</h1>
<blockquote lang="nl"><p>“{e(c.quote)}”</p>
<footer>{_answer(lang, c)}{e(source.title if source and source.title else c.source)}</footer></blockquote>
<dl class="facts">{_dl(facts)}</dl>
<h2>{e(t("citation"))}</h2>
<dl class="facts">{_dl(_citation(ctx, c, source))}</dl>
<h2>{e(t("history"))}</h2>
{_history(lang, c, source)}"""
    return page(ctx, c.title, body, depth=1)


def _dl(facts: list[tuple[str, str]]) -> str:
    return "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in facts)


def _answer(lang: Lang, c: Commitment) -> str:
    if not c.answer:
        return ""
    word = lang.t("answers" if len(c.answer) > 1 else "answer")
    return e(f"{word} {', '.join(str(n) for n in c.answer)}, ")


def _due_facts(lang: Lang, c: Commitment) -> list[tuple[str, str]]:
    t = lang.t
    if c.due is None and c.current_due is None:
        vague = f" ({e(c.due_text)})" if c.due_text else ""
        return [(t("due"), e(t("no_due")) + vague)]
    out = []
    if c.due is not None:
        text = f"{e(lang.period(c.due))} ({e(t('ends', lang.date(c.due.end)))})"
        if c.due_text:
            text += f" — “{e(c.due_text)}”"
        out.append((t("original_due") if c.rescheduled else t("due"), text))
    elif c.due_text:
        out.append((t("original_due"), f"{e(t('no_due'))} (“{e(c.due_text)}”)"))
    current = c.current_due
    if c.rescheduled and current is not None:
        text = f"{e(lang.period(current))} ({e(t('ends', lang.date(current.end)))})"
        if c.slip_days is not None:
            text += f", {e(lang.slip(c.slip_days))}"
        out.append((t("current_due"), text))
    return out


def _citation(ctx: Context, c: Commitment, source: Source | None) -> list[tuple[str, str]]:
    lang, t = ctx.lang, ctx.lang.t
    href = ctx.source_href(c.source, "../")
    name = e(source.title if source and source.title else c.source)
    out = [(t("source"), f'<a href="{href}">{name}</a>' if href else name)]
    if c.answer:
        word = t("answers" if len(c.answer) > 1 else "answer")
        out.append((word, e(", ".join(str(n) for n in c.answer))))
    if source is None:
        return out
    facts = ctx.memo.get(source.id)
    if facts is None:
        facts = ctx.memo[source.id] = source_facts(lang, source)
    return out + facts


def event_text(lang: Lang, ev: LogEvent) -> str:
    """What a history event records, in the page's language (plain text, not escaped)."""
    t = lang.t
    if ev.kind is LogKind.NEW:
        return t("made", ev.source.title if ev.source and ev.source.title else ev.commitment.source)
    parts = []
    if ev.kind is LogKind.RESCHEDULED and ev.due_to is not None:
        was = lang.period(ev.due_from) if ev.due_from else t("no_due")
        moved = t("rescheduled_to", was, lang.period(ev.due_to))
        if ev.slip_days is not None:
            moved += f" ({lang.slip(ev.slip_days)})"
        parts.append(moved)
    if ev.status_to is not None and ev.status_from is not None and ev.status_to != ev.status_from:
        parts.append(t("status_change", lang.status(ev.status_from), lang.status(ev.status_to)))
    return "; ".join(parts) or t("note_only")


def _history(lang: Lang, c: Commitment, source: Source | None) -> str:
    entries = [ev for ev in commitment_events(c, source) if ev.kind is not LogKind.NEW]
    if not entries:
        return f"<p>{e(lang.t('no_history'))}</p>"
    items = []
    for ev in entries:
        text = f"{time_tag(lang, ev.day)} — {e(event_text(lang, ev))}"
        if ev.note:
            text += f": {e(ev.note)}"
        if ev.evidence:
            text += f' <span class="evidence">({e(lang.t("evidence"))}: {link_or_text(ev.evidence)})</span>'
        items.append(f"<li>{text}</li>")
    return '<ol class="history">\n' + "\n".join(items) + "\n</ol>"
