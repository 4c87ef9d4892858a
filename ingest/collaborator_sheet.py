"""An actor's collaborators as a table programme staff open in Excel: CSV or an XLSX workbook,
one row per collaborator with its organisation number, place and strongest evidence."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from graph.questions.collaborators import CollaboratorsAnswer
from ingest.export import csv_cell

# Column headings in Bokmål, Nynorsk and English.
HEADINGS = {
    "nb": (
        "Rang",
        "Id",
        "Navn",
        "Type",
        "Org.nr.",
        "Kommunenr.",
        "Kommune",
        "Fylke",
        "Vekt",
        "Felles initiativ og partnerskap",
        "Sterkeste bevis",
    ),
    "nn": (
        "Rang",
        "Id",
        "Namn",
        "Type",
        "Org.nr.",
        "Kommunenr.",
        "Kommune",
        "Fylke",
        "Vekt",
        "Felles initiativ og partnarskap",
        "Sterkaste prov",
    ),
    "en": (
        "Rank",
        "Id",
        "Name",
        "Kind",
        "Organisation number",
        "Municipality number",
        "Municipality",
        "County",
        "Weight",
        "Shared initiatives and partnerships",
        "Strongest evidence",
    ),
}
TITLE = {"nb": "Samarbeidspartnere av {name}", "nn": "Samarbeidspartnarar av {name}", "en": "Collaborators of {name}"}


def rows(answer: CollaboratorsAnswer) -> Iterator[list[Any]]:
    for rank, c in enumerate(answer.collaborators, start=answer.offset + 1):
        strongest = "; ".join(e.title or e.kind for e in c.evidence[:3])
        yield [
            rank,
            c.id,
            c.name,
            str(c.kind),
            c.orgnr,
            c.kommunenummer,
            c.municipality,
            c.county,
            c.weight,
            c.evidence_count,
            strongest,
        ]


def to_csv(answer: CollaboratorsAnswer, lang: str = "nb") -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS[lang])
    for row in rows(answer):
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def to_xlsx(answer: CollaboratorsAnswer, lang: str = "nb") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = TITLE[lang].format(name="")[:31].strip() or "Collaborators"
    sheet.append([TITLE[lang].format(name=answer.actor.name) + f" ({answer.shown})"])
    sheet.append(list(HEADINGS[lang]))
    for row in rows(answer):
        # Numbers that are codes (org.nr., kommunenr.) stay text, so Excel keeps their leading zeros.
        sheet.append([csv_cell(v) if isinstance(v, str) else v for v in row])
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
