"""`list --format yaml`: the selected commitments as a complete, valid commitments file.

Not a bare list: `version`, the sources the selected commitments cite, and the commitments in
schema shape (kvtrack.store.serialize), so the output passes `kvtrack validate` and can be used
as a file of its own (a per-ministry register, a fixture). Derived fields (state, days left) are
left out: they depend on the day and the schema has no place for them; `--format json` has them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import yaml

from kvtrack.core.model import Register
from kvtrack.core.query import Assessed
from kvtrack.store.serialize import commitment_to_dict, source_to_dict

SCHEMA_VERSION = 1


def document(items: Sequence[Assessed], register: Register) -> dict[str, Any]:
    cited = {a.commitment.source for a in items}
    sources = [source_to_dict(s) for s in register.sources.values() if s.id in cited]
    commitments = [commitment_to_dict(a.commitment) for a in items]
    # The serializer gives dates as ISO text, which PyYAML would quote ('2024-12-05'); as date
    # objects they come out bare, as people write them in the file. Both load the same.
    for source in sources:
        for key in ("submitted", "answered"):
            source[key] = _as_date(source[key])
    for commitment in commitments:
        for entry in commitment["history"]:
            entry["date"] = _as_date(entry["date"])
    return {
        "version": SCHEMA_VERSION,
        # in the register's order, only those cited, so every `source:` resolves and none dangle
        "sources": sources,
        "commitments": commitments,
    }


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def render(items: Sequence[Assessed], register: Register) -> str:
    n = len(items)
    header = (
        f"# Exported by kvtrack: {n} commitment{'s' * (n != 1)}. "
        "Schema: docs/schema.md. Check with `kvtrack validate --file FILE`.\n"
    )
    # libyaml's emitter is twice as fast, same output, same safety; absent if PyYAML was built
    # without libyaml
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    body = yaml.dump(
        document(items, register),
        Dumper=dumper,
        allow_unicode=True,  # Dutch text as text, not \xeb escapes
        sort_keys=False,  # the schema's key order
        width=100,
        default_flow_style=False,
    )
    return header + body
