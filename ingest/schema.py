"""The JSON Schema of an import document: what `samspill schema` prints and docs/import.md shows."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph.model import Actor, Initiative, Relationship


class ImportDocument(BaseModel):
    """A Samspill import document (JSON or YAML): actors, initiatives and the relationships
    between them, by id. Keys starting with `x-` are ignored (use them for YAML anchors)."""

    model_config = ConfigDict(title="Samspill import document", extra="forbid")
    actors: list[Actor] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)


def document_schema() -> dict[str, Any]:
    schema = ImportDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["patternProperties"] = {"^x-": {}}
    return schema
