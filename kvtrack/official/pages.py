"""Where the register's pages come from: a URL (following the next links), a saved page, or a
directory of pages saved with `--save`; and saving what was fetched, to import it again offline.

A page is parsed as SyncFeed XML when it starts with `<`, as OData JSON otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from kvtrack.core.limits import MAX_INPUT_BYTES
from kvtrack.errors import KvtrackError, Location
from kvtrack.official import odata, syncfeed
from kvtrack.official.http import Client
from kvtrack.official.mapping import changed_day
from kvtrack.official.records import Page, Toezegging

MAX_PAGES = 10_000  # the register is ~26 SyncFeed pages; a feed that never ends is refused
_ACCEPT = "application/atom+xml, application/xml;q=0.9, application/json;q=0.8"


@dataclass(frozen=True, slots=True)
class Fetched:
    """The pages read, in order, with their bytes (for --save)."""

    pages: tuple[Page, ...]
    bodies: tuple[tuple[str, bytes], ...]  # (suffix: "xml" or "json", bytes)

    @property
    def records(self) -> list[Toezegging]:
        return [r for page in self.pages for r in page.records]


def parse(data: bytes, where: str) -> tuple[Page, str]:
    """A page in either format, and its suffix."""
    if syncfeed.looks_like_syncfeed(data):
        return syncfeed.parse_page(data, where), "xml"
    return odata.parse_page(data, where), "json"


def read_location(
    location: str,
    *,
    client: Callable[[], Client],
    since: date | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Fetched:
    """The pages at `location`: a URL, a saved page, or a --save directory."""
    path = Path(location)
    if not location.startswith(("http://", "https://")):
        return _read_saved(path)
    return _walk(location, client(), since, on_page)


def _read_saved(path: Path) -> Fetched:
    if not path.exists():
        raise KvtrackError(
            "no such file or directory; give a feed URL, a saved page or a --save directory",
            where=Location(str(path)),
        )
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".xml", ".json") and p.is_file())
        if not files:
            raise KvtrackError(
                "the directory holds no saved pages (*.xml or *.json, as --save writes them)",
                where=Location(str(path)),
            )
    else:
        files = [path]
    pages, bodies = [], []
    for file in files:
        data = _read_page(file)
        page, suffix = parse(data, str(file))
        pages.append(page)
        bodies.append((suffix, data))
    return Fetched(tuple(pages), tuple(bodies))


def _read_page(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_INPUT_BYTES + 1)
    except OSError as e:
        raise KvtrackError(f"cannot read: {e.strerror}", where=Location(str(path))) from None
    if len(data) > MAX_INPUT_BYTES:
        raise KvtrackError(
            f"larger than {MAX_INPUT_BYTES:,} bytes; is this one page of the feed?",
            where=Location(str(path)),
        )
    return data


def _walk(
    url: str, client: Client, since: date | None, on_page: Callable[[int, int], None] | None
) -> Fetched:
    """Follow next links from `url`. With `since`, a feed sorted newest first stops at the page
    where it reaches entries changed before that day (a feed sorted oldest first is read to the
    end; the older entries are then skipped)."""
    pages: list[Page] = []
    bodies: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    records = 0
    next_url: str | None = url
    recent_seen = False
    while next_url is not None:
        if next_url in seen or len(pages) >= MAX_PAGES:
            raise KvtrackError(
                f"{next_url}: the feed's next links go round in circles or never end"
            )
        seen.add(next_url)
        response = client.get(next_url, _ACCEPT)
        page, suffix = parse(response.body, next_url)
        pages.append(page)
        bodies.append((suffix, response.body))
        records += len(page.records)
        if on_page is not None:
            on_page(len(pages), records)
        if since is not None:
            crossed, recent_seen = _crossed(page, since, recent_seen)
            if crossed:
                break
        next_url = urljoin(next_url, page.next_url) if page.next_url else None
    return Fetched(tuple(pages), tuple(bodies))


def _crossed(page: Page, since: date, recent_seen: bool) -> tuple[bool, bool]:
    """Whether an entry older than `since` came after a newer one (the feed runs newest first)."""
    crossed = False
    for record in page.records:
        day = changed_day(record)
        if day is None:
            continue
        if day >= since:
            recent_seen = True
        elif recent_seen:
            crossed = True
    return crossed, recent_seen


def save(fetched: Fetched, directory: Path, *, reading: Path | None = None) -> list[Path]:
    """Write the pages as page-0001.xml, ... into `directory` (created if needed), each atomically.
    Pages saved there before are replaced, so the directory holds one import's pages."""
    from kvtrack.store.atomic import write_atomic

    if (
        reading is not None
        and reading.exists()
        and directory.resolve()
        in (
            reading.resolve(),
            reading.resolve().parent if reading.is_file() else None,
        )
    ):
        raise KvtrackError(
            "--save names the place the pages are read from; save them somewhere else",
            where=Location(str(directory)),
        )
    if directory.exists() and not directory.is_dir():
        raise KvtrackError("--save must name a directory", where=Location(str(directory)))
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("page-*.*"):
        if old.suffix in (".xml", ".json"):
            old.unlink()
    written = []
    for n, (suffix, body) in enumerate(fetched.bodies, start=1):
        target = directory / f"page-{n:04d}.{suffix}"
        write_atomic(target, body)
        written.append(target)
    return written
