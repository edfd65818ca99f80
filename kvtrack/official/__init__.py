"""Official data in: the Tweede Kamer's Toezegging register, and publications by their id.

Layers, in the order the data travels:

- `records`, `syncfeed`, `odata` (pure): a page's bytes → `Toezegging` records and the next link;
  the XML is parsed with defusedxml (no DTD, no entity expansion);
- `mapping`, `reconcile` (pure, import only `kvtrack.core`): records → commitments and sources,
  and against a register: what to add, update, drop or skip;
- `http` (I/O): the one HTTP client (urllib3 with retries, timeouts, a User-Agent);
- `pages`: reads pages from a URL (following next links), a saved file or a `--save` directory;
- `importer`, `publications`: write through the store's safe-write path / download PDFs.

`kvtrack.cli.official` is the thin command layer on top.
"""

from __future__ import annotations

# The official addresses. Nobody developing kvtrack could reach them (the tests use a local
# server), so every command that uses them takes another base URL as an option.
DEFAULT_FEED = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Feed?category=Toezegging"
DEFAULT_BASE_URL = "https://zoek.officielebekendmakingen.nl"
