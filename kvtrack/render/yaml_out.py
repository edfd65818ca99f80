"""YAML in the commitments-file schema: `list --format yaml` and `extract`'s output.

Not a bare list: `version`, the sources the selected commitments cite, and the commitments in
schema shape (kvtrack.core.serialize), so the output passes `kvtrack validate` and can be used
as a file of its own (a per-ministry register, a fixture). Derived fields (state, days left) are
left out: they depend on the day and the schema has no place for them; `--format json` has them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import yaml

from kvtrack.core.model import Commitment, Register, Source
from kvtrack.core.query import Assessed
from kvtrack.core.schema import SCHEMA_VERSION
from kvtrack.core.serialize import commitment_to_dict, source_to_dict


def plain_source(source: Source) -> dict[str, Any]:
    out = source_to_dict(source)
    # The serializer gives dates as ISO text, which PyYAML would quote ('2024-12-05'); as date
    # objects they come out bare, as people write them in the file. Both load the same.
    for key in ("submitted", "answered"):
        out[key] = _as_date(out[key])
    return out


def plain_commitment(commitment: Commitment) -> dict[str, Any]:
    out = commitment_to_dict(commitment)
    for entry in out["history"]:
        entry["date"] = _as_date(entry["date"])
    return out


def dump(data: Any) -> str:
    """YAML text the way the shipped file is written: Dutch as text, schema key order, one line
    per value (a quote is never folded over lines, so it greps and diffs as one)."""
    # libyaml's emitter is twice as fast, same output, same safety; absent if PyYAML was built
    # without libyaml
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        width=2**31 - 1,
        default_flow_style=False,
    )
    return text


def document(items: Sequence[Assessed], register: Register) -> dict[str, Any]:
    cited = {a.commitment.source for a in items}
    return {
        "version": SCHEMA_VERSION,
        # in the register's order, only those cited, so every `source:` resolves and none dangle
        "sources": [plain_source(s) for s in register.sources.values() if s.id in cited],
        "commitments": [plain_commitment(a.commitment) for a in items],
    }


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def render(items: Sequence[Assessed], register: Register) -> str:
    n = len(items)
    header = (
        f"# Exported by kvtrack: {n} commitment{'s' * (n != 1)}. "
        "Schema: docs/schema.md. Check with `kvtrack validate --file FILE`.\n"
    )
    return header + dump(document(items, register))
