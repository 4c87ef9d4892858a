"""Editor writes beyond single nodes: relationships, file imports (same validation and report as
`samspill import`), merging duplicate actors; and the export of the whole graph."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Body,
    File,
    HTTPException,
    Query,
    Response,
    UploadFile,
)
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from api import examples
from api.access import Editor, ReaderAccess
from api.deps import StoreDep
from api.gate import GatedRoute
from api.problems import documented
from graph.model import Actor, Relationship
from graph.store_errors import MissingEndpoints
from graph.store_results import UpsertCounts
from ingest.duplicates import merge_actors
from ingest.errors import InputError, InputErrors
from ingest.export import ExportFormat, export
from ingest.formats import Format
from ingest.importer import ImportOptions, ImportReport, OnError, run_import

router = APIRouter(
    route_class=GatedRoute, prefix="/api", tags=["editing"], responses=documented(401, 403, 404, 409, 413, 422, 503)
)
reads = APIRouter(
    route_class=GatedRoute,
    prefix="/api",
    tags=["export"],
    dependencies=[ReaderAccess],
    responses=documented(401, 404, 413, 422, 503),
)

MEDIA = {
    ExportFormat.JSON: "application/json",
    ExportFormat.GRAPHML: "application/graphml+xml",
    ExportFormat.GEXF: "application/gexf+xml",
    ExportFormat.CSV: "application/zip",
}


@router.post("/relationships", response_model=UpsertCounts, summary="Create or update relationships (editor)")
def post_relationships(
    store: StoreDep, _: Editor, relationships: Annotated[list[Relationship], Body(openapi_examples=examples.RELATIONSHIPS)]
) -> UpsertCounts:
    if len(relationships) > 10_000:
        raise HTTPException(422, f"at most 10,000 relationships at a time, got {len(relationships):,}; use /api/import")
    try:
        return store.upsert_relationships(relationships)
    except MissingEndpoints as exc:
        raise HTTPException(422, str(exc)) from exc


@router.delete("/relationships", status_code=204, summary="Delete one relationship (editor)")
def delete_relationship(
    store: StoreDep, _: Editor, relationship: Annotated[Relationship, Body(openapi_examples=examples.RELATIONSHIP)]
) -> Response:
    if not store.delete_relationship(relationship):
        raise HTTPException(404, f"no {relationship.type} relationship {relationship.source} -> {relationship.target}")
    return Response(status_code=204)


MAX_UPLOADS = 20
ERRORS_SHOWN = 500
WARNINGS_SHOWN = 100


class ImportError_(BaseModel):
    file: str
    record: str | None
    field: str | None
    message: str


class ImportOut(BaseModel):
    written: bool
    dry_run: bool
    rows: int
    counts: dict[str, dict[str, int]]
    errors: list[ImportError_] = Field(description=f"the first {ERRORS_SHOWN}; errors_total says how many there are")
    errors_total: int = 0
    warnings: list[str] = Field(description=f"the first {WARNINGS_SHOWN}; warnings_total says how many there are")
    warnings_total: int = 0
    readings: list[str] = Field(
        default_factory=list,
        description=f"the first {WARNINGS_SHOWN} old numbers and names read as their 2024 units; readings_total says how many",
    )
    readings_total: int = 0


@router.post(
    "/import",
    response_model=ImportOut,
    summary="Import files (CSV, XLSX, JSON, brreg): all or nothing, with every problem listed (editor)",
    responses={422: {"description": "The files have problems; nothing was written"}},
)
def post_import(
    store: StoreDep,
    _: Editor,
    files: Annotated[list[UploadFile], File(description="One or more files, as for `samspill import`")],
    dry_run: Annotated[bool, Query(description="Check everything, write nothing")] = False,
    format: Annotated[Format, Query(description="The files' format (auto: from the name, else the content)")] = Format.AUTO,
    null: Annotated[list[str] | None, Query(max_length=20, description='Cells that mean "no value" (NA, N/A, -)')] = None,
    rename: Annotated[
        bool,
        Query(
            description="A row's other name renames the actor it matched (the old one kept as an alias); off, it becomes an alias"
        ),
    ] = False,
) -> Response | ImportOut:
    with tempfile.TemporaryDirectory(prefix="samspill-upload-") as folder:
        if len(files) > MAX_UPLOADS:
            raise HTTPException(422, f"at most {MAX_UPLOADS} files in one import, got {len(files)}")
        paths = []
        for n, upload in enumerate(files):
            # The uploaded name only names the file in the report; the path on disk is ours.
            path = Path(folder) / f"{n}" / upload_name(upload.filename, n)
            path.parent.mkdir()
            with path.open("wb") as out:
                shutil.copyfileobj(upload.file, out)
            paths.append(path)
        options = ImportOptions(
            dry_run=dry_run,
            on_error=OnError.ABORT,
            format=None if format == Format.AUTO else format,
            null_values=tuple(null or ()),
            rename=rename,
        )
        try:
            report = run_import(store, paths, options)
        except InputError as exc:
            report = ImportReport(errors=[exc])
        except InputErrors as exc:
            report = ImportReport(errors=exc.errors)
        result = ImportOut(
            written=report.written,
            dry_run=dry_run,
            rows=report.rows,
            counts={kind: dict(vars(c)) for kind, c in report.counts.items()},
            errors=[
                ImportError_(file=Path(e.file).name, record=e.record, field=e.field, message=_without_folder(e.message, folder))
                for e in report.errors[:ERRORS_SHOWN]
            ],
            errors_total=len(report.errors),
            warnings=[_without_folder(w, folder) for w in report.warnings[:WARNINGS_SHOWN]],
            warnings_total=len(report.warnings),
            readings=report.readings[:WARNINGS_SHOWN],
            readings_total=len(report.readings),
        )
    if report.errors:
        return Response(result.model_dump_json(), status_code=422, media_type="application/json")
    return result


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f]")


def upload_name(filename: str | None, n: int) -> str:
    """The name an upload is reported by: its last part (browsers once sent whole paths),
    refused with the reason if it cannot be a file's name."""
    if not filename:
        return f"upload-{n}"
    name = re.split(r"[/\\]", filename)[-1]
    if _UNSAFE_NAME.search(filename):
        raise HTTPException(422, f"upload {n + 1}: its file name holds a control character")
    if name in ("", ".", ".."):
        raise HTTPException(422, f"upload {n + 1}: {filename!r} is not a file name")
    if len(name.encode("utf-8")) > 200:
        raise HTTPException(422, f"upload {n + 1}: its file name is {len(name.encode('utf-8'))} bytes; at most 200")
    return name


def _without_folder(text: str, folder: str) -> str:
    """What the uploader reads names their file, never this server's folder for it."""
    return re.sub(re.escape(folder) + r"/\d+/", "", text)


class MergeIn(BaseModel):
    keep: str
    drop: str


class MergeOut(BaseModel):
    kept: Actor
    moved: int
    dropped_relationships: int


@router.post("/merge", response_model=MergeOut, summary="Merge one actor into another (editor)")
def post_merge(store: StoreDep, _: Editor, body: Annotated[MergeIn, Body(openapi_examples=examples.MERGE)]) -> MergeOut:
    for ref in (body.keep, body.drop):
        if store.get_actor(ref) is None:
            raise HTTPException(404, f"no actor with id {ref!r}")
    if body.keep == body.drop:
        raise HTTPException(422, "keep and drop are the same actor")
    result = merge_actors(store, body.keep, body.drop)
    return MergeOut(kept=result.kept, moved=result.moved, dropped_relationships=result.dropped_relationships)


@reads.get(
    "/export",
    response_class=FileResponse,
    summary="The whole graph as JSON, CSV (zip), GraphML or GEXF",
    responses={200: {"content": {m: {} for m in MEDIA.values()}}},
)
def get_export(store: StoreDep, background: BackgroundTasks, format: ExportFormat = ExportFormat.JSON) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="samspill-export-"))
    background.add_task(shutil.rmtree, folder, ignore_errors=True)
    if format == ExportFormat.CSV:
        export(store, format, folder / "samspill")
        archive = shutil.make_archive(str(folder / "samspill-csv"), "zip", folder / "samspill")
        return FileResponse(archive, media_type=MEDIA[format], filename="samspill-csv.zip")
    out = folder / f"samspill.{format.value}"
    export(store, format, out)
    return FileResponse(out, media_type=MEDIA[format], filename=out.name)
