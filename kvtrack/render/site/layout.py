"""The page shell every site page shares, links between pages, and escaping.

Pages live at fixed relative paths (`index.html`, `commitment/<id>.html`, `source/<id>.html`, ...)
and link to each other relatively, so the site works from `file://` and from any directory of any
static host. Everything taken from the register goes through `e()` (HTML escaping, and the
characters XML cannot hold removed) or `href()` (only http(s) links and our own paths).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from html import escape
from importlib import resources
from string import Template

from kvtrack.core.model import Register
from kvtrack.core.query import State
from kvtrack.render.lang import Lang
from kvtrack.render.svg_timeline import clean

INDEX, TIMELINE, SCORECARD, FEED, DATA, CSS = (
    "index.html",
    "timeline.html",
    "scorecard.html",
    "feed.xml",
    "data.json",
    "site.css",
)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")
_WEB = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def e(text: object) -> str:
    """Text for HTML content or a quoted attribute.

    Cached: the same titles, names and labels recur on the index, the source pages and the
    commitments' own pages.
    """
    return escape(clean(str(text)), quote=True)


def web_link(text: str | None) -> str | None:
    """`text` when it is an http(s) URL a reader may follow; None for anything else."""
    if text and _WEB.match(text.strip()):
        return text.strip()
    return None


def link_or_text(text: str, label: str | None = None) -> str:
    url = web_link(text)
    if url is None:
        return e(text)
    return f'<a href="{e(url)}">{e(label or text)}</a>'


@lru_cache(maxsize=8)
def asset(name: str) -> str:
    base = "templates" if name.endswith(".html") else "assets"
    return resources.files("kvtrack.render.site").joinpath(base, name).read_text("utf-8")


@lru_cache(maxsize=1)
def _shell() -> Template:
    return Template(asset("page.html"))


def file_names(ids: Iterable[str]) -> dict[str, str]:
    """A file name (without `.html`) for each id, unique even on case-insensitive file systems."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for ident in ids:
        name = _SAFE_NAME.sub("_", ident)
        if name.lower() in taken or name.lower() in _RESERVED:
            import hashlib

            name = f"{name}-{hashlib.sha1(ident.encode()).hexdigest()[:8]}"
        taken.add(name.lower())
        out[ident] = name
    return out


# Names Windows will not create, whatever the extension.
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))]
)


@dataclass(frozen=True, slots=True)
class Context:
    """What every page needs: the language, the day, the register and the pages' file names."""

    lang: Lang
    as_of: date
    register: Register
    commitment_files: dict[str, str]
    source_files: dict[str, str]
    # HTML worked out once per source, not once per commitment page that cites it
    memo: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def commitment_href(self, ident: str, root: str) -> str:
        return f"{root}commitment/{self.commitment_files[ident]}.html"

    def source_href(self, ident: str, root: str) -> str | None:
        name = self.source_files.get(ident)
        return f"{root}source/{name}.html" if name else None


def badge(lang: Lang, state: State) -> str:
    return f'<span class="badge s-{state.value}">{e(lang.state(state))}</span>'


def time_tag(lang: Lang, day: date) -> str:
    return f'<time datetime="{day.isoformat()}">{e(lang.date(day))}</time>'


def page(
    ctx: Context, title: str, body: str, *, depth: int, current: str = "", script: str = ""
) -> str:
    """A whole HTML page; `depth` is how many directories below the site's root it sits."""
    t = ctx.lang.t
    root = "../" * depth
    items = [
        (INDEX, t("commitments")),
        (TIMELINE, t("timeline")),
        (SCORECARD, t("scorecard")),
        (FEED, t("feed")),
        (DATA, t("data")),
    ]
    here = ' aria-current="page"'
    nav = "\n".join(
        f'<li><a href="{root}{href}"{here if href == current else ""}>{e(label)}</a></li>'
        for href, label in items
    )
    # no date here: a page whose content did not change keeps its bytes from day to day
    footer = t(
        "generated",
        f'<a href="{root}{DATA}">{DATA}</a>',
        f'<a href="{root}{FEED}">{FEED}</a>',
    )
    return _shell().substitute(
        lang=ctx.lang.code,
        title=e(f"{title} · {t('site_title')}" if current != INDEX else title),
        root=root,
        feed_title=e(t("feed_title")),
        skip=e(t("skip")),
        nav_label=e(t("nav")),
        nav=nav,
        body=body,
        footer=footer,
        script=script,
    )
