"""Time `kvtrack import toezeggingen` on a register the size of the real one (6,400 records).

    python bench/official_import.py            # 6,400 records in 26 SyncFeed pages, 3 repetitions
    python bench/official_import.py --records 1000 --repeat 5

Generates SyncFeed pages like the Tweede Kamer's (250 entries a page, the live data's mix of
status words), then times, each as a whole `kvtrack` process, the first import into an empty
file, a re-import of the same pages (which must leave the file byte for byte as it was), and an
import of one page in which 250 records changed status. Prints medians; the parse of the pages
alone is timed too, so the share of the write path is visible. No network: the pages are files.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATUSES = ["Afgedaan"] * 3759 + ["Openstaand"] * 2573 + ["Deels Afgedaan"] * 63 + ["Vervallen"] * 12 + [""] * 45  # fmt: skip
MINISTRIES = ["Infrastructuur en Waterstaat", "Binnenlandse Zaken en Koninkrijksrelaties", "Financiën",
              "Volkshuisvesting en Ruimtelijke Ordening", "Justitie en Veiligheid", "Defensie"]  # fmt: skip
PAGE = 250


def entry(n: int, status: str, rng: random.Random) -> str:
    year, month = 2019 + n * 7 // 6400, 1 + n % 12
    due = (
        "0001-01-01T00:00:00Z"
        if rng.random() < 0.3
        else f"{year + 1}-{1 + n % 12:02d}-{1 + n % 28:02d}T00:00:00+01:00"
    )
    status_xml = f"<status>{status}</status>" if status else '<status xsi:nil="true"/>'
    return f"""  <entry><content type="application/xml">
    <toezegging xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:tk="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="{n:08x}-0000-4000-8000-000000000000" tk:bijgewerkt="{year}-{month:02d}-15T10:00:00Z" tk:verwijderd="false">
      <nummer>TZ{year}{month:02d}-{n:05d}</nummer>
      <activiteitNummer>{year}A{n // 4:05d}</activiteitNummer>
      {status_xml}
      <datumNakoming>{due}</datumNakoming>
      <kamerbriefNakoming>{year}D{n:05d}</kamerbriefNakoming>
      <ministerie>{MINISTRIES[n % len(MINISTRIES)]}</ministerie>
      <tekst>De minister zegt toe de Kamer voor de zomer te informeren over onderwerp {n} en de gevolgen daarvan voor de regio.</tekst>
    </toezegging></content></entry>
"""


def write_pages(directory: Path, records: int, statuses: list[str]) -> None:
    rng = random.Random(16)
    for start in range(0, records, PAGE):
        body = "".join(
            entry(n, statuses[n % len(statuses)], rng)
            for n in range(start, min(start + PAGE, records))
        )
        page = directory / f"page-{start // PAGE + 1:04d}.xml"
        page.write_text(
            f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n{body}</feed>\n'
        )


def timed(args: list[str], *, no_cache: bool = False) -> float:
    env = {**os.environ, "KVTRACK_NO_CACHE": "1"} if no_cache else None
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kvtrack", *args], check=True, capture_output=True, env=env
    )
    return time.perf_counter() - started


def parse_only(directory: Path) -> float:
    code = (
        "from kvtrack.official.pages import read_location;"
        f"read_location({str(directory)!r}, client=lambda: None)"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=6400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-changes", action="store_true", help="skip the (slow) import of a changed page"
    )
    options = parser.parse_args()
    statuses = STATUSES[:]
    random.Random(1).shuffle(statuses)
    first, again, changed, parsed, validate = [], [], [], [], []
    for _ in range(options.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            pages, target = Path(tmp) / "pages", Path(tmp) / "c.yaml"
            pages.mkdir()
            write_pages(pages, options.records, statuses)
            parsed.append(parse_only(pages))
            first.append(timed(["import", "toezeggingen", str(pages), "--file", str(target)]))
            before = target.read_bytes()
            again.append(timed(["import", "toezeggingen", str(pages), "--file", str(target)]))
            assert target.read_bytes() == before, "a re-import changed the file"
            # the baseline, in the same run: reading the register it made (cache emptied)
            validate.append(timed(["validate", "--file", str(target)], no_cache=True))
            if options.no_changes:
                continue
            flipped = Path(tmp) / "changed.xml"
            text = (pages / "page-0001.xml").read_text()
            flipped.write_text(
                text.replace("<status>Openstaand</status>", "<status>Afgedaan</status>").replace(
                    "-15T10:00:00Z", "-16T10:00:00Z"
                )
            )
            changed.append(timed(["import", "toezeggingen", str(flipped), "--file", str(target)]))
    size = len(before)
    print(
        f"{options.records:,} records in {-(-options.records // PAGE)} pages; register {size / 1e6:.1f} MB"
    )
    print(f"parse the pages only:     {statistics.median(parsed):6.2f} s")
    print(f"first import:             {statistics.median(first):6.2f} s")
    print(f"re-import (no change):    {statistics.median(again):6.2f} s")
    base = statistics.median(validate)
    print(f"validate the register:    {base:6.2f} s (baseline)")
    print(f"first import / baseline:  {statistics.median(first) / base:6.1f} x")
    print(f"re-import / baseline:     {statistics.median(again) / base:6.1f} x")
    if changed:
        print(f"one page with changes:    {statistics.median(changed):6.2f} s")


if __name__ == "__main__":
    main()
