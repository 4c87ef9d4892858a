"""Every piece of interface text, in Bokmål, Nynorsk (the default, as the Difi source Samspill
grew from) and English.

One table for the server (tooltips, legends, notes in exported pages) and the explorer's
script, which reads it from the page, so a word is translated in one place. Kinds and the
language list itself live in `graph/language.py`, which the questions below viz use too.
"""

from __future__ import annotations

from functools import cache

from graph.language import ACTOR_KINDS, DEFAULT_LANG, INITIATIVE_KINDS, Lang, pick
from graph.places import gazetteer

__all__ = ["DEFAULT_LANG", "WORDS", "Lang", "all_texts", "texts"]

# (Bokmål, Nynorsk, English). `{name}` marks a value the page fills in.
WORDS: dict[str, tuple[str, str, str]] = {
    "title": ("Samspill – utforsk nettverket", "Samspill – utforsk nettverket", "Samspill – explore the network"),
    "search": (
        "Søk etter aktør eller initiativ (navn, alias, org.nr.)",
        "Søk etter aktør eller initiativ (namn, alias, org.nr.)",
        "Search an actor or initiative (name, alias, org. no.)",
    ),
    "no_hits": ("Ingen treff på «{q}»", "Ingen treff på «{q}»", "Nothing matches “{q}”"),
    "network": ("Nettverk", "Nettverk", "Network"),
    "clusters": ("Klynger", "Klynger", "Clusters"),
    "mode": ("Visning", "Visning", "View"),
    "depth": ("Steg fra fokus", "Steg frå fokus", "Steps from focus"),
    "filters": ("Filtre", "Filter", "Filters"),
    "close": ("Lukk", "Lukk", "Close"),
    "actor_kind": ("Aktørtype", "Aktørtype", "Actor kind"),
    "initiative_kind": ("Initiativtype", "Initiativtype", "Initiative kind"),
    "county": ("Fylke", "Fylke", "County"),
    "municipality": ("Kommune", "Kommune", "Municipality"),
    "orgnr": ("Org.nr.", "Org.nr.", "Org. no."),
    "kommunenummer": ("Kommunenr.", "Kommunenr.", "Municipality no."),
    "aliases": ("Også kjent som", "Også kjend som", "Also known as"),
    "theme": ("Tema", "Tema", "Theme"),
    "country": ("Land", "Land", "Country"),
    "years": ("År", "År", "Years"),
    "year_from": ("Fra år", "Frå år", "From year"),
    "year_to": ("Til år", "Til år", "To year"),
    "min_weight": ("Minste samarbeidsvekt", "Minste samarbeidsvekt", "Minimum collaboration weight"),
    "sourced": ("Bare med kilde", "Berre med kjelde", "Evidenced only"),
    "any": ("alle", "alle", "any"),
    "colour_by": ("Farge etter", "Farge etter", "Colour by"),
    "colour.cluster": ("klynge", "klynge", "cluster"),
    "colour.kind": ("type", "type", "kind"),
    "colour.county": ("fylke", "fylke", "county"),
    "legend": ("Forklaring", "Forklaring", "Legend"),
    "other_clusters": ("andre klynger", "andre klynger", "other clusters"),
    "no_cluster": ("uten klynge", "utan klynge", "no cluster"),
    "no_county": ("uten fylke", "utan fylke", "no county"),
    "details": ("Detaljer", "Detaljar", "Details"),
    "details_hint": (
        "Velg en node, et navn eller et søketreff for å se detaljer.",
        "Vel ein node, eit namn eller eit søketreff for å sjå detaljar.",
        "Choose a node, a name or a search hit to see its details.",
    ),
    "properties": ("Egenskaper", "Eigenskapar", "Properties"),
    "sources": ("Kilder", "Kjelder", "Sources"),
    "collaborators": ("Samarbeider med", "Samarbeider med", "Collaborates with"),
    "shown_of": ("{shown} av {total}", "{shown} av {total}", "{shown} of {total}"),
    "show_all": ("vis alle", "vis alle", "show all"),
    "more_initiatives": ("+{n} initiativ til", "+{n} initiativ til", "+{n} more initiatives"),
    "more_initiatives_one": ("+1 initiativ til", "+1 initiativ til", "+1 more initiative"),
    "recommendations": ("Kan ha nytte av å møte", "Kan ha nytte av å møte", "Might benefit from meeting"),
    "participants": ("Deltakere", "Deltakarar", "Participants"),
    "members": ("Medlemmer", "Medlemer", "Members"),
    "json": ("Se JSON i API-et", "Sjå JSON i API-et", "See the JSON in the API"),
    "open_cluster": ("Åpne klyngen", "Opne klynga", "Open the cluster"),
    "focus_here": ("Fokuser her", "Fokuser her", "Focus here"),
    "expand": ("Utvid", "Utvid", "Expand"),
    "path": ("Sti mellom to aktører", "Sti mellom to aktørar", "Path between two actors"),
    "path_from": ("Fra", "Frå", "From"),
    "path_to": ("Til", "Til", "To"),
    "path_find": ("Finn sti", "Finn sti", "Find path"),
    "path_clear": ("Tøm", "Tøm", "Clear"),
    "path_same": ("Velg to ulike aktører", "Vel to ulike aktørar", "Choose two different actors"),
    "path_none": ("Ingen samarbeidssti mellom disse", "Ingen samarbeidssti mellom desse", "No collaboration path joins these"),
    "paths": ("Stier", "Stiar", "Paths"),
    "path_n": ("Sti {n}", "Sti {n}", "Path {n}"),
    "best_path": ("beste sti", "beste sti", "best path"),
    "hops": ("{n} steg", "{n} steg", "{n} steps"),
    "hops_one": ("1 steg", "1 steg", "1 step"),
    "activity": ("Aktivitet", "Aktivitet", "Activity"),
    "by_county": ("Initiativ per fylke", "Initiativ per fylke", "Initiatives by county"),
    "per_capita": ("per 10 000 innbyggere", "per 10 000 innbyggjarar", "per 10,000 inhabitants"),
    "by_year": ("Initiativ per år", "Initiativ per år", "Initiatives by year"),
    "charts_follow": ("Diagrammene følger filtrene.", "Diagramma følgjer filtera.", "The charts follow the filters."),
    "no_activity": (
        "Ingen initiativ med sted eller dato.",
        "Ingen initiativ med stad eller dato.",
        "No initiatives with a place or date.",
    ),
    "export": ("Eksporter", "Eksporter", "Export"),
    "share": ("Kopier lenke", "Kopier lenkje", "Copy link"),
    "copied": ("Lenken er kopiert", "Lenkja er kopiert", "Link copied"),
    "reset": ("Nullstill", "Nullstill", "Reset"),
    "language": ("Språk", "Språk", "Language"),
    "lang_unknown": (
        "Språket «{lang}» finnes ikke; siden vises på nynorsk.",
        "Språket «{lang}» finst ikkje; sida er vist på nynorsk.",
        "There is no language “{lang}”; the page is shown in Nynorsk.",
    ),
    "nodes": ("noder", "nodar", "nodes"),
    "ties": ("bånd", "band", "ties"),
    "loading": ("Henter …", "Hentar …", "Loading …"),
    "not_found": ("Fant ikke", "Fann ikkje", "Not found"),
    "error": ("Noe gikk galt", "Noko gjekk gale", "Something went wrong"),
    "error.400": ("Spørsmålet kunne ikke leses", "Spørsmålet kunne ikkje lesast", "The request could not be read"),
    "error.401": ("Du må logge inn med en API-nøkkel", "Du må logge inn med ein API-nøkkel", "An API key is needed"),
    "error.404": ("Fant ikke det du ba om", "Fann ikkje det du bad om", "What you asked for was not found"),
    "error.413": (
        "Svaret blir for stort; snevre inn filtrene",
        "Svaret blir for stort; snevre inn filtera",
        "The answer is too large; narrow the filters",
    ),
    "error.422": (
        "Et felt har en verdi som ikke kan brukes",
        "Eit felt har ein verdi som ikkje kan brukast",
        "A field has a value that cannot be used",
    ),
    "error.429": ("For mange spørsmål; vent litt", "For mange spørsmål; vent litt", "Too many requests; wait a moment"),
    "error.503": ("Databasen svarer ikke nå", "Databasen svarar ikkje no", "The database does not answer now"),
    "truncated": (
        "Viser {shown} av {matched} aktører: de nærmeste og tyngste.",
        "Viser {shown} av {matched} aktørar: dei næraste og tyngste.",
        "Showing {shown} of {matched} actors: the nearest and heaviest.",
    ),
    "aggregated": (
        "{matched} aktører er for mange til å tegne én og én; hver node er en klynge.",
        "{matched} aktørar er for mange til å teikne éin og éin; kvar node er ei klynge.",
        "{matched} actors are too many to draw one by one; each node is a cluster.",
    ),
    "hidden_isolates": (
        "{n} aktører uten samarbeid vises ikke.",
        "{n} aktørar utan samarbeid er ikkje viste.",
        "{n} actors with no collaboration are not shown.",
    ),
    "hidden_isolates_one": (
        "1 aktør uten samarbeid vises ikke.",
        "1 aktør utan samarbeid er ikkje vist.",
        "1 actor with no collaboration is not shown.",
    ),
    "strongest_ties": (
        "Viser de {shown} sterkeste av {ties} bånd.",
        "Viser dei {shown} sterkaste av {ties} band.",
        "Showing the {shown} strongest of {ties} ties.",
    ),
    "empty": ("Ikke noe samarbeid passer filtrene.", "Ingen samarbeid passar filtera.", "No collaboration matches the filters."),
    "drawn_list": ("Det som er tegnet, som liste", "Det som er teikna, som liste", "What is drawn, as a list"),
    "graph_label": (
        "Samarbeidsnettverket: {nodes} noder og {ties} bånd. Listen under grafen viser det samme som tekst.",
        "Samarbeidsnettverket: {nodes} nodar og {ties} band. Lista under grafen viser det same som tekst.",
        "The collaboration network: {nodes} nodes and {ties} ties. The list below the graph shows the same as text.",
    ),
    "weight": ("samarbeidsvekt", "samarbeidsvekt", "collaboration weight"),
    "weighted_degree": ("samlet vekt", "samla vekt", "weighted degree"),
    "shared": ("felles initiativ", "felles initiativ", "shared initiatives"),
    "partners": ("partnere", "partnarar", "partners"),
    "cluster": ("klynge", "klynge", "cluster"),
    "actors": ("aktører", "aktørar", "actors"),
    "initiatives": ("initiativ", "initiativ", "initiatives"),
    "generated": ("Laget av Samspill", "Laga av Samspill", "Made by Samspill"),
    "months": (
        "januar,februar,mars,april,mai,juni,juli,august,september,oktober,november,desember",
        "januar,februar,mars,april,mai,juni,juli,august,september,oktober,november,desember",
        "January,February,March,April,May,June,July,August,September,October,November,December",
    ),
    "lang.nb": ("Bokmål", "Bokmål", "Bokmål"),
    "lang.nn": ("Nynorsk", "Nynorsk", "Nynorsk"),
    "lang.en": ("English", "English", "English"),
}


@cache
def texts(lang: Lang | str) -> dict[str, str]:
    """The whole table for one language: words, kinds as `actor_kind.<value>` and
    `initiative_kind.<value>`, and county names as `county.<number>`. Shared: read it, never change it."""
    table = {key: pick(forms, lang) for key, forms in WORDS.items()}
    table.update({f"actor_kind.{kind}": pick(forms, lang) for kind, forms in ACTOR_KINDS.items()})
    table.update({f"initiative_kind.{kind}": pick(forms, lang) for kind, forms in INITIATIVE_KINDS.items()})
    places = gazetteer()
    table.update({f"county.{number}": places.county_label(number, str(lang)) or number for number in places.counties})
    return table


def all_texts() -> dict[str, dict[str, str]]:
    return {lang.value: texts(lang) for lang in Lang}
