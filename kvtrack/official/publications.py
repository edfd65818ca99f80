"""`kvtrack fetch`: an answer's PDF by its publication id (`ah-tk-20232024-2210`), kept on disk.

The official site serves a publication as `{base}/{id}.pdf`; a file already downloaded is used as
it is. What is not a PDF (an error page with status 200, say) is refused and not kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kvtrack.errors import KvtrackError, Location, Problem
from kvtrack.official.http import Client

# ah-tk-{vergaderjaar without the dash}-{number}: the Aanhangsel van de Handelingen, Tweede Kamer.
_PUBLICATION_ID = re.compile(r"^ah-tk-(?P<first>\d{4})(?P<second>\d{4})-(?P<number>[1-9]\d{0,5})$")


@dataclass(frozen=True, slots=True)
class Downloaded:
    publication: str
    path: Path
    fetched: bool  # False when the file was already there


def check_ids(ids: Sequence[str]) -> list[str]:
    """The ids, checked all at once: `ah-tk-20232024-2210` (two consecutive years, a number)."""
    problems = []
    for text in ids:
        m = _PUBLICATION_ID.match(text)
        if m is None or int(m["second"]) != int(m["first"]) + 1:
            problems.append(
                Problem(
                    f"'{text}' is not a publication id; write it as ah-tk-{{vergaderjaar without "
                    "the dash}-{number}, e.g. ah-tk-20232024-2210"
                )
            )
    if problems:
        raise KvtrackError(problems=problems)
    return list(dict.fromkeys(ids))


def download(
    ids: Sequence[str], base_url: str, directory: Path, client: Client
) -> list[Downloaded]:
    """Each publication's PDF as `{directory}/{id}.pdf`, fetched only when not already there."""
    if directory.exists() and not directory.is_dir():
        raise KvtrackError("--dir must name a directory", where=Location(str(directory)))
    from kvtrack.store.atomic import write_atomic

    done = []
    for publication in check_ids(ids):
        target = directory / f"{publication}.pdf"
        if target.is_file() and _is_pdf(target.read_bytes()[:5]):
            done.append(Downloaded(publication, target, False))
            continue
        url = f"{base_url.rstrip('/')}/{publication}.pdf"
        response = client.fetch(url, "application/pdf")
        if response.status == 404:
            raise KvtrackError(
                f"{publication}: no such publication at {base_url} (HTTP 404); check the id"
            )
        client.check(response)
        if not _is_pdf(response.body):
            kind = response.content_type or "no content type"
            raise KvtrackError(
                f"{publication}: {url} did not answer with a PDF ({kind}); nothing was kept"
            )
        directory.mkdir(parents=True, exist_ok=True)
        write_atomic(target, response.body)
        done.append(Downloaded(publication, target, True))
    return done


def _is_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF")
