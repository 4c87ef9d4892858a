"""Innovation stories and tips from anyone: kept pending, out of the graph, until an editor
approves one (it becomes an initiative of kind story, linked to the actors it names) or
rejects it. The contact e-mail stays with the submission and never reaches the graph."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query
from pydantic import BaseModel, Field, StringConstraints, field_validator

from api import examples
from api.access import Editor
from api.deps import StoreDep
from api.gate import STORY_LIMITED, GatedRoute
from api.problems import documented
from graph.model import Initiative, InitiativeKind, Relationship, RelType, Role, Source
from graph.store import GraphStore
from graph.store_errors import MissingEndpoints
from graph.store_results import DocumentKind, DocumentSwap, ResolutionStatus

router = APIRouter(
    route_class=GatedRoute, prefix="/api/stories", tags=["stories"], responses=documented(401, 403, 404, 409, 413, 422, 429, 503)
)

Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
EMAIL = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$"


class StoryStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class StoryIn(BaseModel):
    title: Line
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
    organisations: list[Line] = Field(default_factory=list, max_length=30, description="Names, ids or org numbers")
    contact_email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=EMAIL)]
    consent: bool = Field(description="The submitter agrees that the story may be published once approved")

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if not value:
            raise ValueError("a story can only be kept with the submitter's consent")
        return value


class Story(StoryIn):
    id: str
    status: StoryStatus
    submitted: dt.datetime
    decided: dt.datetime | None = None
    initiative_id: str | None = None
    unresolved: list[str] = Field(default_factory=list)  # organisations no actor was found for on approval


class Received(BaseModel):
    id: str
    status: StoryStatus


class StoryPage(BaseModel):
    items: list[Story]
    next_cursor: str | None = None


# Its rate (per client address) and size are checked by api/gate.py before the body is read.
@router.post(
    "",
    status_code=202,
    response_model=Received,
    openapi_extra={STORY_LIMITED: True},
    summary="Submit a story or tip (open to anyone; kept pending until an editor decides)",
)
def submit_story(store: StoreDep, story: Annotated[StoryIn, Body(openapi_examples=examples.STORY)]) -> Received:
    kept = Story(
        **story.model_dump(),
        id=uuid.uuid4().hex,
        status=StoryStatus.PENDING,
        submitted=dt.datetime.now(dt.UTC).replace(microsecond=0),
    )
    store.add_document(DocumentKind.STORY, kept.id, kept.model_dump(mode="json"))
    return Received(id=kept.id, status=kept.status)


@router.get("", response_model=StoryPage, summary="Submitted stories by status, oldest first (editor)")
def list_stories(
    store: StoreDep,
    _: Editor,
    status: StoryStatus | None = StoryStatus.PENDING,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> StoryPage:
    stories = sorted((Story.model_validate(d) for d in store.documents(DocumentKind.STORY)), key=lambda s: (s.submitted, s.id))
    chosen = [s for s in stories if status is None or s.status == status]
    if cursor:
        chosen = [s for s in chosen if f"{s.submitted.isoformat()}|{s.id}" > cursor]
    page = chosen[:limit]
    more = len(chosen) > limit
    return StoryPage(items=page, next_cursor=f"{page[-1].submitted.isoformat()}|{page[-1].id}" if more else None)


def _pending(store: GraphStore, story_id: str) -> tuple[Story, dict[str, Any]]:
    """The story, still pending, and its document as stored (what a decision swaps out)."""
    doc = store.get_document(DocumentKind.STORY, story_id)
    if doc is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    story = Story.model_validate(doc)
    if story.status != StoryStatus.PENDING:
        raise HTTPException(409, f"story {story_id} was {story.status} on {story.decided:%Y-%m-%d}")
    return story, doc


@router.post(
    "/{story_id}/approve",
    response_model=Story,
    summary="Publish a story: an initiative of kind story, linked to the actors it names (editor)",
)
def approve_story(store: StoreDep, _: Editor, story_id: str) -> Story:
    story, stored = _pending(store, story_id)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    initiative = Initiative(
        id=f"story-{story.id[:16]}",
        title=story.title,
        kind=InitiativeKind.STORY,
        start=story.submitted.date(),
        description=story.text,
        sources=(Source(title="Story submitted to Samspill", date=story.submitted.date(), locator=f"story {story.id}"),),
    )
    found, unresolved = [], []
    for ref in story.organisations:
        resolution = store.resolve_actor(ref, suggest=False)
        if resolution.status == ResolutionStatus.FOUND and resolution.actor is not None:
            found.append(resolution.actor.id)
        else:
            unresolved.append(ref)
    participations = [
        Relationship(type=RelType.PARTICIPATED_IN, source=a, target=initiative.id, role=Role.PARTICIPANT)
        for a in dict.fromkeys(found)
    ]
    decided = story.model_copy(
        update={"status": StoryStatus.APPROVED, "decided": now, "initiative_id": initiative.id, "unresolved": unresolved}
    )
    _decide(store, stored, decided, [initiative], participations)
    return decided


@router.post("/{story_id}/reject", response_model=Story, summary="Reject a story; it never reaches the graph (editor)")
def reject_story(store: StoreDep, _: Editor, story_id: str) -> Story:
    story, stored = _pending(store, story_id)
    decided = story.model_copy(update={"status": StoryStatus.REJECTED, "decided": dt.datetime.now(dt.UTC).replace(microsecond=0)})
    _decide(store, stored, decided, [], [])
    return decided


def _decide(
    store: GraphStore, pending: dict[str, Any], decided: Story, initiatives: list[Initiative], relationships: list[Relationship]
) -> None:
    """The decision, the initiative and its participations in one transaction, taken only if
    the story is still pending as read: of two editors deciding at once, the second gets 409."""
    swap = DocumentSwap(kind=DocumentKind.STORY, key=decided.id, expected=pending, new=decided.model_dump(mode="json"))
    try:
        written = store.write_batch([], initiatives, relationships, swap=swap)
    except MissingEndpoints as exc:  # an actor it names was deleted while the editor decided
        raise HTTPException(409, f"story {decided.id} was left pending: {exc}") from exc
    if not written:
        _pending(store, decided.id)  # says how it was decided (409) or that it is gone (404)
        raise HTTPException(409, f"story {decided.id} changed while it was being decided; nothing was written")
