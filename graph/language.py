"""The three languages Samspill answers in — Bokmål, Nynorsk and English — with the words
every floor needs: actor and initiative kinds, and numbers written as each language writes
them. Interface text beyond these lives in `viz/texts.py`."""

from __future__ import annotations

from enum import StrEnum

from graph.model import ActorKind, InitiativeKind


class Lang(StrEnum):
    NB = "nb"
    NN = "nn"
    EN = "en"


DEFAULT_LANG = Lang.NN  # the Difi source Samspill grew from is in Nynorsk

# (Bokmål, Nynorsk, English)
ACTOR_KINDS: dict[ActorKind, tuple[str, str, str]] = {
    ActorKind.MUNICIPALITY: ("kommune", "kommune", "municipality"),
    ActorKind.COUNTY: ("fylkeskommune", "fylkeskommune", "county"),
    ActorKind.COUNTY_GOVERNOR: ("statsforvalter", "statsforvaltar", "county governor"),
    ActorKind.MINISTRY: ("departement", "departement", "ministry"),
    ActorKind.STATE_AGENCY: ("statlig etat", "statleg etat", "state agency"),
    ActorKind.INTEREST_ORGANISATION: ("interesseorganisasjon", "interesseorganisasjon", "interest organisation"),
    ActorKind.INNOVATION_AGENCY: ("innovasjonsaktør", "innovasjonsaktør", "innovation agency"),
    ActorKind.ACADEMIA: ("forskning og utdanning", "forsking og utdanning", "research and education"),
    ActorKind.LAB: ("innovasjonslab", "innovasjonslab", "innovation lab"),
    ActorKind.COMPANY: ("selskap", "selskap", "company"),
    ActorKind.OTHER: ("annen aktør", "annan aktør", "other actor"),
}
INITIATIVE_KINDS: dict[InitiativeKind, tuple[str, str, str]] = {
    InitiativeKind.WORKSHOP: ("verksted", "verkstad", "workshop"),
    InitiativeKind.MEETING: ("møte", "møte", "meeting"),
    InitiativeKind.CONFERENCE: ("konferanse", "konferanse", "conference"),
    InitiativeKind.NETWORK: ("nettverk", "nettverk", "network"),
    InitiativeKind.PARTNERSHIP: ("partnerskap", "partnarskap", "partnership"),
    InitiativeKind.PROJECT: ("prosjekt", "prosjekt", "project"),
    InitiativeKind.PROGRAMME: ("program", "program", "programme"),
    InitiativeKind.VISIT: ("besøk", "besøk", "visit"),
    InitiativeKind.PRESENTATION: ("presentasjon", "presentasjon", "presentation"),
    InitiativeKind.STORY: ("innovasjonshistorie", "innovasjonshistorie", "innovation story"),
    InitiativeKind.ASSIGNMENT: ("oppdrag", "oppdrag", "assignment"),
}

_AT = {Lang.NB: 0, Lang.NN: 1, Lang.EN: 2}


def pick(forms: tuple[str, str, str], lang: Lang | str) -> str:
    """The form of a (Bokmål, Nynorsk, English) triple for `lang`."""
    return forms[_AT[Lang(lang)]]


def kind_name(kind: str, lang: Lang | str) -> str:
    """An actor or initiative kind as a word of `lang`; an unknown kind as itself."""
    for table in (ACTOR_KINDS, INITIATIVE_KINDS):
        if kind in table:
            return pick(table[kind], lang)  # type: ignore[index]
    return kind


def number(value: float, lang: Lang | str, decimals: int | None = None) -> str:
    """A number as `lang` writes it: 1,333.5 in English; 1 333,5 in Norwegian (a no-break
    space between thousands, a decimal comma). Whole numbers have no decimals unless asked."""
    trim = decimals is None
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if Lang(lang) == Lang.EN:
        return text
    return text.replace(",", "\u00a0").replace(".", ",")
