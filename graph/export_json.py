"""Samspill's JSON export: the whole graph as one document that imports back exactly, and with
`documents` what lives beside it (API keys, stories awaiting an editor) — the backup of a
store that has no copy of its own (Neo4j Community has no online dump). Streamed record by
record from the store's export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.store import GraphStore
from graph.store_results import DocumentKind

EXPORT_MARKER = "samspill_export"  # a document carrying this key restores records exactly
DOCUMENTS_SECTION = "x-documents"  # in backups: what lives beside the graph (imports skip x- sections)


def records(store: GraphStore) -> Iterator[tuple[str, dict[str, Any]]]:
    """(actor | initiative | relationship, the stored record), actors first, relationships last."""
    for record in store.export():
        kind = record.pop("record")
        yield kind, record


def write_json(store: GraphStore, out: Path, documents: bool = False) -> dict[str, int]:
    """The graph as one JSON document that imports back exactly; with `documents`, also what
    lives beside it (a backup)."""
    counts = {"actors": 0, "initiatives": 0, "relationships": 0}
    with out.open("w", encoding="utf-8") as handle:
        meta = {"revision": store.revision(), "engine": store.engine}
        handle.write(f'{{"{EXPORT_MARKER}": {json.dumps(meta)}')
        section = None
        for kind, record in records(store):
            name = f"{kind}s"
            if name != section:
                handle.write("\n  ]" if section else "")
                handle.write(f',\n "{name}": [\n  ')
                section = name
            else:
                handle.write(",\n  ")
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
            counts[name] += 1
        handle.write("\n  ]" if section else "")
        if documents:
            kept = [{"kind": str(kind), "doc": doc} for kind in DocumentKind for doc in store.documents(kind)]
            handle.write(f',\n "{DOCUMENTS_SECTION}": [\n  ')
            handle.write(",\n  ".join(json.dumps(d, ensure_ascii=False, sort_keys=True) for d in kept))
            handle.write("\n  ]")
            counts["documents"] = len(kept)
        handle.write("\n}\n")
    return counts
