"""`kvtrack site`: the register as a static website (pages, an Atom feed, the data as JSON).

`build()` is pure: it returns every file of the site as bytes, by its path relative to the site's
root, and writes nothing. The same register on the same day gives the same bytes, so a re-run can
leave unchanged files alone. Pages are plain HTML with one stylesheet and, on the index only, a
few lines of inline JavaScript for the filter box; nothing is loaded from elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kvtrack.core.log import events
from kvtrack.core.model import Register
from kvtrack.core.query import Assessed, by_urgency
from kvtrack.core.stats import GroupBy, scorecard
from kvtrack.core.timeline import spans
from kvtrack.render.lang import Lang
from kvtrack.render.site import feed
from kvtrack.render.site.detail import commitment_page
from kvtrack.render.site.layout import (
    CSS,
    DATA,
    FEED,
    INDEX,
    SCORECARD,
    TIMELINE,
    Context,
    asset,
    e,
    file_names,
    page,
)
from kvtrack.render.site.tables import index_page, scorecard_page, source_page

__all__ = ["Lang", "build"]


def build(
    register: Register,
    items: Sequence[Assessed],
    as_of: date,
    lang: Lang,
    base_url: str | None = None,
) -> dict[str, bytes]:
    """Every file of the site for the (already filtered) `items`, by relative path."""
    from kvtrack.render.records import dumps, record

    by_due = list(items)  # as `list` gives them: by current due
    urgent = sorted(items, key=by_urgency)
    cited = {a.commitment.source for a in items}
    ctx = Context(
        lang,
        as_of,
        register,
        file_names(a.id for a in by_due),
        file_names(s for s in register.sources if s in cited),
    )
    out: dict[str, str] = {
        INDEX: index_page(ctx, urgent),
        SCORECARD: scorecard_page(ctx, scorecard(by_due, GroupBy.owner)),
        TIMELINE: timeline_page(ctx, by_due),
        FEED: feed.render(ctx, events(register, (a.commitment for a in by_due)), base_url),
        DATA: dumps([record(a) for a in by_due]) + "\n",
        CSS: asset("site.css"),
    }
    for a in by_due:
        out[f"commitment/{ctx.commitment_files[a.id]}.html"] = commitment_page(ctx, a)
    members: dict[str, list[Assessed]] = {}
    for a in urgent:
        members.setdefault(a.commitment.source, []).append(a)
    for source_id, name in ctx.source_files.items():
        src = register.sources[source_id]
        out[f"source/{name}.html"] = source_page(ctx, src, members.get(source_id, []))
    return {path: text.encode("utf-8") for path, text in out.items()}


# Rows in the site's picture. Beyond this a picture is only a very long page (8,000 rows are
# 180,000 pixels and 9 MB); the index lists everything, and the filters make smaller pictures.
PICTURE_ROWS = 1000


def timeline_page(ctx: Context, items: Sequence[Assessed]) -> str:
    from kvtrack.render import svg_timeline

    t = ctx.lang.t
    drawn, undated = spans(ctx.register, items)
    note = ""
    if len(drawn) > PICTURE_ROWS:
        # the ones due nearest to today, in their time order
        near = sorted(drawn, key=lambda s: (abs((s.due_end - ctx.as_of).days), s.item.id))
        keep = {id(s) for s in near[:PICTURE_ROWS]}
        note = (
            f'<p class="intro">{e(t("picture_limit", PICTURE_ROWS, len(drawn) - PICTURE_ROWS))}</p>'
        )
        drawn = [s for s in drawn if id(s) in keep]
    picture = svg_timeline.inline(drawn, undated, ctx.as_of, lang=ctx.lang)
    body = f"""<h1>{e(t("timeline"))}</h1>
<p class="intro">{e(t("timeline_intro", ctx.lang.date(ctx.as_of)))}</p>{note}
<figure class="timeline">
{picture}
</figure>"""
    return page(ctx, t("timeline"), body, depth=0, current=TIMELINE)
