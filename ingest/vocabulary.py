"""Kinds, roles and relationship types as staff write them, in English or Norwegian."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from graph.model import ActorKind, InitiativeKind, RelType, Role
from graph.text import name_key
from ingest.cells import CellError

E = TypeVar("E", bound=StrEnum)

_WORDS: dict[type[StrEnum], dict[str, tuple[str, ...]]] = {
    ActorKind: {
        "municipality": ("kommune", "kommunar", "kommuner", "kommunal"),
        "county": ("fylke", "fylkeskommune", "fylkeskommunar", "fylkeskommuner"),
        "county_governor": (
            "statsforvaltar",
            "statsforvalter",
            "statsforvaltaren",
            "statsforvalteren",
            "fylkesmann",
            "fylkesmannen",
            "fylkesmennene",
        ),
        "ministry": ("departement", "departementet", "ministry"),
        "state_agency": (
            "direktorat",
            "etat",
            "statleg etat",
            "statlig etat",
            "statleg verksemd",
            "statlig virksomhet",
            "agency",
            "state agency",
        ),
        "interest_organisation": ("interesseorganisasjon", "organisasjon", "interest organisation"),
        "innovation_agency": ("innovasjonsaktor", "virkemiddelaktor", "innovation agency"),
        "academia": (
            "universitet",
            "hogskule",
            "hogskole",
            "akademia",
            "forskingsinstitutt",
            "forskningsinstitutt",
            "university",
        ),
        "lab": ("laboratorium", "innovasjonslab"),
        "company": ("selskap", "bedrift", "foretak", "as", "firma"),
        "other": ("annan", "annen", "anna", "annet", "andre"),
    },
    InitiativeKind: {
        "workshop": ("verkstad", "verksted"),
        "meeting": ("mote", "moete", "samling"),
        "conference": ("konferanse", "seminar"),
        "network": ("nettverk",),
        "partnership": ("partnarskap", "partnerskap", "samarbeid"),
        "project": ("prosjekt",),
        "programme": ("program", "program"),
        "visit": ("besok", "studietur"),
        "presentation": ("presentasjon", "foredrag", "innlegg"),
        "story": ("historie", "innovasjonshistorie", "forteljing"),
        "assignment": ("oppdrag",),
    },
    Role: {
        "organiser": (
            "arrangor",
            "arrangoer",
            "koordinator",
            "coordinator",
            "prosjektleiar",
            "prosjektleder",
            "ansvarleg",
            "ansvarlig",
            "lead",
        ),
        "host": ("vert", "vertskap", "vertskommune"),
        "participant": ("deltakar", "deltaker", "deltek", "deltar", "partnar", "partner", "attendee"),
        "member": ("medlem",),
        "funder": ("finansior", "finansiering", "sponsor", "funding"),
        "speaker": ("foredragshaldar", "foredragsholder", "innleiar", "innleder", "talar", "taler"),
        "commissioner": ("oppdragsgjevar", "oppdragsgiver", "bestillar", "bestiller"),
    },
    RelType: {
        "PARTICIPATED_IN": ("participated in", "deltok i", "deltek i"),
        "PARTNER_OF": ("partner", "partner of", "partnar", "samarbeidspartnar", "samarbeidspartner"),
        "LEARNED_FROM": ("learned from", "larte av", "laerte av"),
        "PART_OF": ("part of", "del av", "under"),
        "SUCCEEDED_BY": ("succeeded by", "etterfolgd av", "etterfulgt av", "erstatta av", "erstattet av"),
    },
}

_LOOKUP: dict[type[StrEnum], dict[str, str]] = {
    enum: {name_key(word): value for value, words in table.items() for word in (value, *words)} for enum, table in _WORDS.items()
}


@lru_cache(maxsize=4096)
def parse_enum(enum: type[E], raw: str) -> E:
    """The member that `raw` names: its value or a known word for it, case- and accent-free."""
    key = name_key(raw.replace("_", " "))
    value = _LOOKUP.get(enum, {}).get(key)
    if value is None:
        try:
            return enum(raw.strip())
        except ValueError:
            pass
        raise CellError(f"{raw!r} is not one of {', '.join(m.value for m in enum)}")
    return enum(value)
