"""Example bodies for the OpenAPI page, naming actors the seeds hold, so `Try it out` works on a
store made by `make run`."""

from __future__ import annotations

from typing import Any

ACTOR: dict[str, Any] = {
    "lab": {
        "summary": "A new innovation lab in a municipality",
        "value": {
            "id": "kristiansand-innovasjonslab",
            "name": "Innovasjonslaben i Kristiansand",
            "kind": "lab",
            "kommunenummer": "4204",
            "aliases": ["Kristiansand innovasjonslab"],
        },
    }
}
INITIATIVE: dict[str, Any] = {
    "workshop": {
        "summary": "A dated workshop with themes",
        "value": {
            "id": "velferdsverkstad-2024",
            "title": "Velferdsteknologiverkstad",
            "kind": "workshop",
            "start": "2024-05-04",
            "kommunenummer": "4601",
            "themes": ["velferdsteknologi"],
            "open": True,
        },
    }
}
RELATIONSHIPS: dict[str, Any] = {
    "partners": {
        "summary": "Two actors become partners",
        "value": [{"type": "PARTNER_OF", "source": "ks", "target": "husbanken", "start": "2024-01-01"}],
    },
    "took part": {
        "summary": "An actor took part in an initiative",
        "value": [{"type": "PARTICIPATED_IN", "source": "ks", "target": "velferdsverkstad-2024", "role": "organiser"}],
    },
}
RELATIONSHIP: dict[str, Any] = {"partners": {"summary": "End a partnership", "value": RELATIONSHIPS["partners"]["value"][0]}}
MERGE: dict[str, Any] = {
    "rename": {
        "summary": "Difi became Digitaliseringsdirektoratet",
        "value": {"keep": "digitaliseringsdirektoratet", "drop": "difi"},
    }
}
STORY: dict[str, Any] = {
    "tip": {
        "summary": "A tip about a collaboration",
        "value": {
            "title": "Digitalt tilsyn i Bergen",
            "text": "Bergen kommune og KS prøvde ut digitalt tilsyn i 2024.",
            "organisations": ["Bergen kommune", "KS"],
            "contact_email": "ola.nordmann@example.no",
            "consent": True,
        },
    }
}
