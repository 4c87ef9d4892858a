"""The domain model: actors, initiatives and the relationships between them (docs/architecture.md, "The model")."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from graph.text import core_key, name_key, tokens


class ActorKind(StrEnum):
    MUNICIPALITY = "municipality"
    COUNTY = "county"
    COUNTY_GOVERNOR = "county_governor"
    MINISTRY = "ministry"
    STATE_AGENCY = "state_agency"
    INTEREST_ORGANISATION = "interest_organisation"
    INNOVATION_AGENCY = "innovation_agency"
    ACADEMIA = "academia"
    LAB = "lab"
    COMPANY = "company"
    OTHER = "other"


class InitiativeKind(StrEnum):
    WORKSHOP = "workshop"
    MEETING = "meeting"
    CONFERENCE = "conference"
    NETWORK = "network"
    PARTNERSHIP = "partnership"
    PROJECT = "project"
    PROGRAMME = "programme"
    VISIT = "visit"
    PRESENTATION = "presentation"
    STORY = "story"
    ASSIGNMENT = "assignment"


class Role(StrEnum):
    ORGANISER = "organiser"
    HOST = "host"
    PARTICIPANT = "participant"
    MEMBER = "member"
    FUNDER = "funder"
    SPEAKER = "speaker"
    COMMISSIONER = "commissioner"


class Label(StrEnum):
    """Node labels. The Neo4j store takes every label it writes from here, never from input."""

    ACTOR = "Actor"
    INITIATIVE = "Initiative"


class RelType(StrEnum):
    PARTICIPATED_IN = "PARTICIPATED_IN"
    PARTNER_OF = "PARTNER_OF"
    LEARNED_FROM = "LEARNED_FROM"
    PART_OF = "PART_OF"
    SUCCEEDED_BY = "SUCCEEDED_BY"


# Which labels each relationship type may join, as (source, target).
ENDPOINTS: dict[RelType, tuple[tuple[Label, Label], ...]] = {
    RelType.PARTICIPATED_IN: ((Label.ACTOR, Label.INITIATIVE),),
    RelType.PARTNER_OF: ((Label.ACTOR, Label.ACTOR),),
    RelType.LEARNED_FROM: ((Label.ACTOR, Label.ACTOR),),
    RelType.PART_OF: ((Label.ACTOR, Label.ACTOR), (Label.INITIATIVE, Label.INITIATIVE)),
    RelType.SUCCEEDED_BY: ((Label.ACTOR, Label.ACTOR),),
}
# PARTNER_OF has no direction: it is stored with the smaller id first.
SYMMETRIC = frozenset({RelType.PARTNER_OF})


def _check_orgnr(value: str) -> str:
    if not re.fullmatch(r"\d{9}", value):
        raise ValueError("organisation number must be 9 digits")
    if not orgnr_is_valid(value):
        raise ValueError(f"organisation number {value} fails the mod-11 check digit")
    return value


def orgnr_is_valid(value: str) -> bool:
    """Brreg's rule: weights 3,2,7,6,5,4,3,2; r = sum mod 11; check 0 if r = 0, invalid if 1."""
    if not re.fullmatch(r"\d{9}", value):
        return False
    remainder = sum(w * int(d) for w, d in zip((3, 2, 7, 6, 5, 4, 3, 2), value)) % 11
    if remainder == 1:
        return False
    return int(value[8]) == (0 if remainder == 0 else 11 - remainder)


_strip = ConfigDict(str_strip_whitespace=True, extra="forbid", frozen=True)

# What no text of ours holds: C0 controls (tab, line feed and carriage return aside), DEL, lone
# surrogates and the two non-characters. XML 1.0 forbids them all, so a GraphML or GEXF export
# would be ill-formed, and a lone surrogate cannot even be encoded as UTF-8.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\t\n\r]+")


def _printable_line(value: Any) -> Any:
    """A name or title on one line: breaks and tabs become a space, the unprintable goes.
    Cleaned rather than refused, as strip() cleans spaces: documents stored before keep reading."""
    return _UNPRINTABLE.sub("", _LINE_BREAKS.sub(" ", value)) if isinstance(value, str) else value


def _printable_text(value: Any) -> Any:
    return _UNPRINTABLE.sub("", value) if isinstance(value, str) else value


# Validation context of what a store hands back, or a backup restores: the rules for new input
# that came after it was stored (URL schemes, counts) are not applied again, so what was kept
# stays readable.
STORED: dict[str, bool] = {"stored": True}


def _is_stored(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("stored"))


def _check_url(value: str, info: ValidationInfo) -> str:
    # Shown as links and written to calendar feeds: javascript:, data: and the like never are.
    if not _is_stored(info) and not re.match(r"(?i)https?://[^\s/]", value):
        raise ValueError("a URL must start with http:// or https://")
    return value


def _at_most(most: int, name: str) -> AfterValidator:
    def check(values: tuple[Any, ...], info: ValidationInfo) -> tuple[Any, ...]:
        if len(values) > most and not _is_stored(info):
            raise ValueError(f"at most {most} {name}, got {len(values):,}")
        return values

    return AfterValidator(check)


MAX_ALIASES = 200  # a municipality has a few (Sámi, Kven, old names); a merge adds its drop's
MAX_SOURCES = 500  # one per document a fact rests on; an import replaces its own earlier one

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
# A before-validator placed after the constraints runs first, and the constraints keep their messages.
NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=500), BeforeValidator(_printable_line)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000), BeforeValidator(_printable_text)]
Url = Annotated[
    str, StringConstraints(min_length=1, max_length=2_000), AfterValidator(_check_url), BeforeValidator(_printable_line)
]
OrgNr = Annotated[str, AfterValidator(_check_orgnr)]
Kommunenummer = Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
Fylkesnummer = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Theme = Annotated[str, StringConstraints(min_length=1, max_length=100), BeforeValidator(_printable_line)]


class Source(BaseModel):
    """Where a fact comes from: a document (title, date) and the sentence or record it rests on."""

    model_config = _strip
    title: NonEmpty
    publisher: NonEmpty | None = None
    date: dt.date | None = None
    url: Url | None = None
    quote: Text | None = None
    locator: NonEmpty | None = Field(default=None, description="file, record or line within the source")
    imported: dt.datetime | None = Field(default=None, description="when an import last brought this fact")


Sources = Annotated[tuple[Source, ...], _at_most(MAX_SOURCES, "sources")]


def _check_window(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"end {end} is before start {start}")


class Actor(BaseModel):
    model_config = _strip
    id: Slug
    name: NonEmpty
    kind: ActorKind
    orgnr: OrgNr | None = None
    kommunenummer: Kommunenummer | None = None
    fylkesnummer: Fylkesnummer | None = None
    country: CountryCode | None = Field(default=None, description="ISO 3166 code; unknown unless the data gives it")
    population: int | None = Field(default=None, ge=0)
    organisation_form: Annotated[str, StringConstraints(pattern=r"^[A-ZÆØÅ]{1,6}$")] | None = Field(
        default=None, description="Enhetsregisteret's organisation form code, e.g. KOMM, ORGL, AS"
    )
    aliases: Annotated[tuple[NonEmpty, ...], _at_most(MAX_ALIASES, "aliases")] = ()
    former_numbers: tuple[Kommunenummer, ...] = Field(
        default=(), description="municipality numbers this unit's area had before (1994-2023), each resolving to it"
    )
    website: NonEmpty | None = None
    description: Text | None = None
    sources: Sources = ()

    @property
    def county(self) -> str | None:
        """The county code the actor belongs to: its own, or its municipality's."""
        return self.fylkesnummer or (self.kommunenummer[:2] if self.kommunenummer else None)

    @property
    def name_keys(self) -> list[str]:
        names = (self.name, *self.aliases)
        return sorted(({name_key(n) for n in names} | {core_key(n) for n in names}) - {""})

    @property
    def search_text(self) -> str:
        words = tokens(" ".join((self.name, *self.aliases)))
        return " ".join(words + ([self.orgnr] if self.orgnr else []))


class Initiative(BaseModel):
    model_config = _strip
    id: Slug
    title: NonEmpty
    kind: InitiativeKind
    start: dt.date | None = None
    end: dt.date | None = None
    description: Text | None = None
    kommunenummer: Kommunenummer | None = None
    themes: tuple[Theme, ...] = ()
    open: bool = False
    url: Url | None = None
    sources: Sources = ()

    @model_validator(mode="after")
    def _window(self) -> Initiative:
        _check_window(self.start, self.end)
        return self

    @property
    def county(self) -> str | None:
        return self.kommunenummer[:2] if self.kommunenummer else None


class Relationship(BaseModel):
    """A stored edge. `role` belongs to PARTICIPATED_IN, `date` to SUCCEEDED_BY."""

    model_config = _strip
    type: RelType
    source: Slug
    target: Slug
    source_label: Label | None = None
    target_label: Label | None = None
    role: Role | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    date: dt.date | None = None
    sources: Sources = ()

    @model_validator(mode="before")
    @classmethod
    def _fill_labels(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        try:
            allowed = ENDPOINTS[RelType(data.get("type"))]
        except ValueError:
            return data  # the field validator names the bad type
        src, dst = data.get("source_label"), data.get("target_label")
        # Both ends of a PART_OF share a label: one given names the other.
        data["source_label"] = src or dst or allowed[0][0]
        data["target_label"] = dst or src or allowed[0][1]
        if len(allowed) == 1:
            data["source_label"], data["target_label"] = allowed[0]
            if (src and src != allowed[0][0]) or (dst and dst != allowed[0][1]):
                raise ValueError(f"{data['type']} joins {allowed[0][0]} to {allowed[0][1]}")
        if data.get("type") == RelType.PARTICIPATED_IN and not data.get("role"):
            data["role"] = Role.PARTICIPANT
        ends = (data.get("source"), data.get("target"))
        if data.get("type") in SYMMETRIC and None not in ends and str(ends[1]) < str(ends[0]):
            data["source"], data["target"] = ends[1], ends[0]
        return data

    @model_validator(mode="after")
    def _rules(self) -> Relationship:
        if (self.source_label, self.target_label) not in ENDPOINTS[self.type]:
            raise ValueError(f"{self.type} cannot join {self.source_label} to {self.target_label}")
        if self.role is not None and self.type != RelType.PARTICIPATED_IN:
            raise ValueError("role is only for PARTICIPATED_IN")
        if self.date is not None and self.type != RelType.SUCCEEDED_BY:
            raise ValueError("date is only for SUCCEEDED_BY")
        if self.source == self.target and self.source_label == self.target_label:
            raise ValueError(f"{self.type} cannot join {self.source} to itself")
        _check_window(self.start, self.end)
        return self

    @property
    def shape(self) -> tuple[RelType, Label, Label]:
        """The type and the two end labels, which validation always fills in."""
        assert self.source_label is not None and self.target_label is not None
        return (self.type, self.source_label, self.target_label)

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What makes two relationships the same one: an upsert of the same key updates it."""
        return (str(self.type), str(self.source_label), self.source, str(self.target_label), self.target, str(self.role or ""))


def to_json(model: BaseModel) -> str:
    """The canonical stored form of a node or relationship: equal content, equal text (fields
    in the model's order, serialised by pydantic's core, which is several times faster than
    json.dumps of a dump)."""
    return model.model_dump_json(exclude_none=True)
