"""The register as tables: the index with its filter box, a source's page, the scorecard.

The tables carry `class="cards"`: on a narrow screen the stylesheet shows each row as a card whose
cells are labelled by `data-label`, so a phone never scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Sequence

from kvtrack.core.model import Source
from kvtrack.core.query import URGENCY, Assessed
from kvtrack.core.stats import COUNT_KEYS, Scorecard, Tally
from kvtrack.render.lang import Lang
from kvtrack.render.site.layout import (
    INDEX,
    SCORECARD,
    Context,
    asset,
    badge,
    e,
    link_or_text,
    page,
    time_tag,
)

_NUM, _TOTAL = ' class="num"', ' class="total"'
_COLUMNS = ("title", "due", "current_due", "state", "days", "owner", "source")


def commitments_table(ctx: Context, items: Sequence[Assessed], root: str, table_id: str) -> str:
    if not items:
        return f"<p>{e(ctx.lang.t('none_match'))}</p>"
    t = ctx.lang.t
    head = "".join(f'<th scope="col"{_NUM if k == "days" else ""}>{e(t(k))}</th>' for k in _COLUMNS)
    labels = {k: e(t(k)) for k in _COLUMNS}
    rows = "\n".join(_row(ctx, a, root, labels) for a in items)
    return (
        f'<table id="{table_id}" class="cards">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )


def _row(ctx: Context, a: Assessed, root: str, labels: dict[str, str]) -> str:
    lang, c = ctx.lang, a.commitment
    due = e(lang.period(c.due)) if c.due else e(lang.t("no_due"))
    if c.due is None and c.due_text:
        due += f' <span class="muted">({e(c.due_text)})</span>'
    current = c.current_due
    now = lang.period(current) if current else ""
    if current is not None and not c.rescheduled:
        now = ""  # the same as the due: leave the cell quiet
    source = ctx.register.sources.get(c.source)
    src_href = ctx.source_href(c.source, root)
    src_text = e(source.title if source and source.title else c.source)
    src = f'<a href="{src_href}">{src_text}</a>' if src_href else src_text
    owner = c.owner or ""
    return (
        f'<tr data-state="{a.state.value}" data-owner="{e(owner)}">'
        f'<td class="main"><a href="{ctx.commitment_href(c.id, root)}">{e(c.title)}</a></td>'
        f'<td data-label="{labels["due"]}">{due}</td>'
        f'<td data-label="{labels["current_due"]}">{e(now)}</td>'
        f'<td data-label="{labels["state"]}">{badge(lang, a.state)}</td>'
        f'<td data-label="{labels["days"]}" class="num">{e(lang.days(a))}</td>'
        f'<td data-label="{labels["owner"]}">{e(owner)}</td>'
        f'<td data-label="{labels["source"]}">{src}</td></tr>'
    )


def index_page(ctx: Context, items: Sequence[Assessed]) -> str:
    """Every commitment, most urgent first, with a filter box and state and owner choices."""
    t = ctx.lang.t
    states = [s for s in URGENCY if any(a.state is s for a in items)]
    owners = sorted({a.commitment.owner for a in items if a.commitment.owner}, key=str.casefold)
    all_ = e(t("filter_all"))
    state_options = "".join(
        f'<option value="{s.value}">{e(ctx.lang.state(s))}</option>' for s in states
    )
    owner_options = "".join(f'<option value="{e(o)}">{e(o)}</option>' for o in owners)
    n = len(items)
    body = f"""<h1>{e(t("site_title"))}</h1>
<p class="intro">{e(t("site_intro", ctx.lang.date(ctx.as_of)))}</p>
<form id="filters" class="filters" role="search" hidden>
<label for="f-text">{e(t("filter_label"))}<input type="search" id="f-text" autocomplete="off"></label>
<label for="f-state">{e(t("filter_state"))}<select id="f-state"><option value="">{all_}</option>{state_options}</select></label>
<label for="f-owner">{e(t("filter_owner"))}<select id="f-owner"><option value="">{all_}</option>{owner_options}</select></label>
</form>
<p id="f-count" class="count" aria-live="polite" data-template="{e(t("shown", "{}", "{}"))}">{e(t("shown", n, n))}</p>
{commitments_table(ctx, items, "", "register")}"""
    script = f"<script>\n{asset('filter.js')}</script>"
    return page(ctx, t("site_title"), body, depth=0, current=INDEX, script=script)


def source_page(ctx: Context, source: Source, items: Sequence[Assessed]) -> str:
    """A source document: its citation and the commitments made in it."""
    t, lang = ctx.lang.t, ctx.lang
    facts = source_facts(lang, source)
    dl = "".join(f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in facts)
    title = source.title or source.id
    body = f"""<h1>{e(title)}</h1>
<dl class="facts">{dl}</dl>
<h2>{e(t("source_commitments"))}</h2>
{commitments_table(ctx, items, "../", "source-commitments")}"""
    return page(ctx, title, body, depth=1)


OFFICIAL = "https://zoek.officielebekendmakingen.nl/"


def source_facts(lang: Lang, source: Source) -> list[tuple[str, str]]:
    """Who asked and when, who answered and when, official numbers, document: (label, HTML)."""
    t = lang.t
    facts = []
    if source.asked_by:
        when = (
            f", {e(t('submitted'))} {time_tag(lang, source.submitted)}" if source.submitted else ""
        )
        facts.append((t("asked_by"), e(source.asked_by) + when))
    if source.answered_by or source.answered:
        when = f", {e(t('answered'))} {time_tag(lang, source.answered)}" if source.answered else ""
        facts.append((t("answered_by"), e(source.answered_by or "—") + when))
    ids = identifiers(source)
    if ids:
        facts.append((t("identifiers"), ids))
    if source.url:
        facts.append((t("document"), link_or_text(source.url)))
    if source.file:
        facts.append((t("file"), e(source.file)))
    return facts


def identifiers(source: Source) -> str:
    """The official numbers, the publication linked to its page on officielebekendmakingen.nl."""
    import re

    parts = []
    for key, value in source.identifiers.items():
        if not value:
            continue
        text = e(f"{key}: {value}")
        if key == "publication" and re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", value):
            text = f'<a href="{OFFICIAL}{e(value)}.html">{text}</a>'
        parts.append(text)
    return ", ".join(parts)


_SCORE_KEYS = (*COUNT_KEYS, "on_time", "late", "moved", "median_slip", "worst_slip")


def scorecard_page(ctx: Context, card: Scorecard) -> str:
    """`stats --by owner` as a table, with the total last."""
    t = ctx.lang.t
    head = f'<th scope="col">{e(t("owner"))}</th><th scope="col" class="num">{e(t("total"))}</th>'
    head += "".join(f'<th scope="col" class="num">{e(t(k))}</th>' for k in _SCORE_KEYS)
    rows = [_score_row(ctx, g, scope_row=True) for g in card.groups]
    rows.append(_score_row(ctx, card.total, scope_row=True, total=True))
    body = f"""<h1>{e(t("scorecard"))}</h1>
<p class="intro">{e(t("scorecard_intro", ctx.lang.date(ctx.as_of)))}</p>
<table class="wide-cards scorecard">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>"""
    return page(ctx, t("scorecard"), body, depth=0, current=SCORECARD)


def _score_row(ctx: Context, tally: Tally, *, scope_row: bool, total: bool = False) -> str:
    t = ctx.lang.t
    unit = t("days_unit", "{}")
    median, worst = tally.slip.median_days, tally.slip.worst_days
    values = [
        *(str(tally.counts[k]) for k in COUNT_KEYS),
        str(tally.on_time),
        str(tally.late),
        str(tally.slip.rescheduled),
        "—" if median is None else unit.format(f"{median:g}"),
        "—" if worst is None else unit.format(worst),
    ]
    name = t("total") if total else tally.group
    cells = f'<th scope="row" class="main">{e(name)}</th>'
    cells += f'<td class="num" data-label="{e(t("total"))}">{tally.total}</td>'
    cells += "".join(
        f'<td class="num" data-label="{e(t(k))}">{e(v)}</td>'
        for k, v in zip(_SCORE_KEYS, values, strict=True)
    )
    return f"<tr{_TOTAL if total else ''}>{cells}</tr>"
