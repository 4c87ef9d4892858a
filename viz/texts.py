"""Every piece of interface text, in Norwegian (nynorsk, as the Difi source Samspill grew
from; the default) and English.

One table for the server (tooltips, legends, notes in exported pages) and the explorer's
script, which reads it from the page, so a word is translated in one place.
"""

from __future__ import annotations

from enum import StrEnum

from graph.model import ActorKind, InitiativeKind


class Lang(StrEnum):
    NN = "nn"
    EN = "en"


DEFAULT_LANG = Lang.NN

_ACTOR_KINDS = {
    ActorKind.MUNICIPALITY: ("kommune", "municipality"),
    ActorKind.COUNTY: ("fylkeskommune", "county"),
    ActorKind.COUNTY_GOVERNOR: ("statsforvalter", "county governor"),
    ActorKind.MINISTRY: ("departement", "ministry"),
    ActorKind.STATE_AGENCY: ("statleg etat", "state agency"),
    ActorKind.INTEREST_ORGANISATION: ("interesseorganisasjon", "interest organisation"),
    ActorKind.INNOVATION_AGENCY: ("innovasjonsaktør", "innovation agency"),
    ActorKind.ACADEMIA: ("akademia", "academia"),
    ActorKind.LAB: ("innovasjonslab", "innovation lab"),
    ActorKind.COMPANY: ("selskap", "company"),
    ActorKind.OTHER: ("anna", "other"),
}
_INITIATIVE_KINDS = {
    InitiativeKind.WORKSHOP: ("verkstad", "workshop"),
    InitiativeKind.MEETING: ("møte", "meeting"),
    InitiativeKind.CONFERENCE: ("konferanse", "conference"),
    InitiativeKind.NETWORK: ("nettverk", "network"),
    InitiativeKind.PARTNERSHIP: ("partnarskap", "partnership"),
    InitiativeKind.PROJECT: ("prosjekt", "project"),
    InitiativeKind.PROGRAMME: ("program", "programme"),
    InitiativeKind.VISIT: ("besøk", "visit"),
    InitiativeKind.PRESENTATION: ("presentasjon", "presentation"),
    InitiativeKind.STORY: ("innovasjonshistorie", "innovation story"),
    InitiativeKind.ASSIGNMENT: ("oppdrag", "assignment"),
}
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Samspill – utforsk nettverket", "Samspill – explore the network"),
    "search": ("Søk etter aktør eller initiativ (namn, alias, org.nr.)",
               "Search an actor or initiative (name, alias, org. no.)"),
    "network": ("Nettverk", "Network"),
    "clusters": ("Klynger", "Clusters"),
    "depth": ("Steg frå fokus", "Steps from focus"),
    "filters": ("Filter", "Filters"),
    "actor_kind": ("Aktørtype", "Actor kind"),
    "initiative_kind": ("Initiativtype", "Initiative kind"),
    "county": ("Fylke", "County"),
    "theme": ("Tema", "Theme"),
    "country": ("Land", "Country"),
    "years": ("År", "Years"),
    "min_weight": ("Minste samarbeidsvekt", "Minimum collaboration weight"),
    "sourced": ("Berre med kjelde", "Evidenced only"),
    "any": ("alle", "any"),
    "colour_by": ("Farge etter", "Colour by"),
    "colour.cluster": ("klynge", "cluster"),
    "colour.kind": ("type", "kind"),
    "colour.county": ("fylke", "county"),
    "legend": ("Forklaring", "Legend"),
    "other_clusters": ("andre klynger", "other clusters"),
    "no_cluster": ("utan klynge", "no cluster"),
    "no_county": ("utan fylke", "no county"),
    "details": ("Detaljar", "Details"),
    "properties": ("Eigenskapar", "Properties"),
    "sources": ("Kjelder", "Sources"),
    "collaborators": ("Samarbeider med", "Collaborates with"),
    "recommendations": ("Kan ha nytte av å møte", "Might benefit from meeting"),
    "participants": ("Deltakarar", "Participants"),
    "members": ("Medlemer", "Members"),
    "json": ("Sjå JSON i API-et", "See the JSON in the API"),
    "open_cluster": ("Opne klynga", "Open the cluster"),
    "focus_here": ("Fokuser her", "Focus here"),
    "expand": ("Utvid", "Expand"),
    "path": ("Sti mellom to aktørar", "Path between two actors"),
    "path_from": ("Frå", "From"),
    "path_to": ("Til", "To"),
    "path_find": ("Finn sti", "Find path"),
    "path_none": ("Ingen samarbeidssti mellom desse", "No collaboration path joins these"),
    "activity": ("Aktivitet", "Activity"),
    "by_county": ("Initiativ per fylke", "Initiatives by county"),
    "per_capita": ("per 10 000 innbyggjarar", "per 10,000 inhabitants"),
    "by_year": ("Initiativ per år", "Initiatives by year"),
    "no_activity": ("Ingen initiativ med stad eller dato.", "No initiatives with a place or date."),
    "export": ("Eksporter", "Export"),
    "share": ("Kopier lenkje", "Copy link"),
    "copied": ("Lenkja er kopiert", "Link copied"),
    "reset": ("Nullstill", "Reset"),
    "nodes": ("noder", "nodes"),
    "ties": ("band", "ties"),
    "loading": ("Hentar …", "Loading …"),
    "not_found": ("Fann ikkje", "Not found"),
    "error": ("Noko gjekk gale", "Something went wrong"),
    "truncated": ("Viser {shown} av {matched} aktørar: dei næraste og tyngste.",
                  "Showing {shown} of {matched} actors: the nearest and heaviest."),
    "aggregated": ("{matched} aktørar er for mange til å teikne éin og éin; kvar node er ei klynge.",
                   "{matched} actors are too many to draw one by one; each node is a cluster."),
    "hidden_isolates": ("{n} aktørar utan samarbeid er ikkje viste.", "{n} actors with no collaboration are not shown."),
    "strongest_ties": ("Viser dei {shown} sterkaste av {ties} band.", "Showing the {shown} strongest of {ties} ties."),
    "empty": ("Ingen samarbeid passar filtera.", "No collaboration matches the filters."),
    "weight": ("samarbeidsvekt", "collaboration weight"),
    "weighted_degree": ("samla vekt", "weighted degree"),
    "shared": ("felles initiativ", "shared initiatives"),
    "partners": ("partnarar", "partners"),
    "cluster": ("klynge", "cluster"),
    "actors": ("aktørar", "actors"),
    "generated": ("Laga av Samspill", "Made by Samspill"),
    "language": ("English", "Norsk"),
}


def texts(lang: Lang) -> dict[str, str]:
    """The whole table for one language: words, and kinds as `actor_kind.<value>` and
    `initiative_kind.<value>`."""
    at = 0 if lang == Lang.NN else 1
    table = {key: pair[at] for key, pair in _WORDS.items()}
    table.update({f"actor_kind.{kind}": pair[at] for kind, pair in _ACTOR_KINDS.items()})
    table.update({f"initiative_kind.{kind}": pair[at] for kind, pair in _INITIATIVE_KINDS.items()})
    return table


def all_texts() -> dict[str, dict[str, str]]:
    return {lang.value: texts(lang) for lang in Lang}
