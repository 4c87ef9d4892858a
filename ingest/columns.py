"""Column names in English or Norwegian (Bokmål and Nynorsk), and which table a header is.

Headers are matched case-, accent- and space-insensitively: "Organisasjonsnummer",
"org.nr" and "ORG_NR" are all the actor's organisation number.
"""

from __future__ import annotations

from enum import StrEnum

from graph.text import tokens


class TableKind(StrEnum):
    ACTORS = "actors"
    INITIATIVES = "initiatives"
    RELATIONSHIPS = "relationships"
    PARTICIPATION = "participation"


def header_key(header: str) -> str:
    return "_".join(tokens(header))


def _aliases(**fields: tuple[str, ...]) -> dict[str, str]:
    return {header_key(alias): field for field, names in fields.items() for alias in (field, *names)}


# Field names in each table, with the headers that mean them.
COLUMNS: dict[TableKind, dict[str, str]] = {
    TableKind.ACTORS: _aliases(
        id=("actor_id", "aktor_id"),
        name=("navn", "namn", "organisasjon", "organisation", "organization", "virksomhet", "verksemd", "aktor"),
        kind=("type", "art", "actor_kind", "aktortype", "organisasjonstype"),
        orgnr=("org_nr", "orgnummer", "organisasjonsnummer", "organisation_number", "organization_number"),
        kommunenummer=("kommunenr", "knr", "municipality_number", "municipality"),
        fylkesnummer=("fylkesnr", "county_number", "county"),
        country=("land", "landkode", "country_code"),
        population=("folketal", "folketall", "innbyggere", "innbyggjarar", "inhabitants"),
        organisation_form=("organisasjonsform", "orgform"),
        aliases=("alias", "andre_navn", "andre_namn", "also_known_as"),
        website=("nettside", "nettstad", "hjemmeside", "heimeside", "url", "web"),
        description=("beskrivelse", "beskriving", "omtale"),
    ),
    TableKind.INITIATIVES: _aliases(
        id=("initiative_id", "initiativ_id"),
        title=("tittel", "overskrift"),
        kind=("type", "art", "initiative_kind"),
        start=("start_date", "startdato", "dato", "date", "fra", "fra_dato", "frå", "from"),
        end=("end_date", "sluttdato", "til", "til_dato", "to"),
        description=("beskrivelse", "beskriving", "omtale"),
        kommunenummer=("kommunenr", "knr", "municipality_number", "municipality"),
        themes=("theme", "tema", "emne", "themes"),
        open=("open", "apen", "ope", "offentleg", "offentlig", "public"),
        url=("lenke", "link", "nettside"),
    ),
    TableKind.RELATIONSHIPS: _aliases(
        type=("relationship", "relasjon", "kopling", "kobling"),
        source=("from", "fra", "frå", "source_id"),
        target=("to", "til", "target_id"),
        source_label=("from_label",),
        target_label=("to_label",),
        role=("rolle",),
        start=("start_date", "startdato"),
        end=("end_date", "sluttdato"),
        date=("dato",),
    ),
    TableKind.PARTICIPATION: _aliases(
        actor=(
            "aktor",
            "actor_name",
            "organisasjon",
            "organisation",
            "organization",
            "virksomhet",
            "verksemd",
            "deltaker",
            "deltakar",
            "participant",
            "navn",
            "namn",
            "name",
        ),
        actor_id=("aktor_id",),
        actor_orgnr=("orgnr", "org_nr", "orgnummer", "organisasjonsnummer", "organisation_number"),
        actor_kind=("aktortype", "organisasjonstype"),
        actor_kommunenummer=(
            "aktor_kommunenummer",
            "deltaker_kommunenummer",
            "deltakar_kommunenummer",
            "actor_municipality",
            "adresse_kommunenummer",
            "forretningsadresse_kommunenummer",
        ),
        actor_fylkesnummer=(
            "fylke",
            "fylkesnummer",
            "fylkesnr",
            "county",
            "aktor_fylkesnummer",
            "deltaker_fylkesnummer",
            "deltakar_fylkesnummer",
            "actor_county",
            "aktor_fylke",
            "deltaker_fylke",
            "deltakar_fylke",
        ),
        actor_country=("aktor_land", "deltaker_land", "deltakar_land", "actor_country_code"),
        initiative=(
            "initiativ",
            "initiative_title",
            "tittel",
            "title",
            "arrangement",
            "aktivitet",
            "prosjekt",
            "project",
            "mote",
            "meeting",
            "event",
        ),
        initiative_id=("initiativ_id", "arrangement_id", "prosjekt_id", "prosjektnummer", "project_id"),
        initiative_kind=("initiativtype", "type", "art"),
        start=("date", "dato", "start_date", "startdato"),
        end=("end_date", "sluttdato"),
        role=("rolle",),
        kommunenummer=("kommunenr", "knr", "municipality_number"),
        themes=("theme", "tema", "emne"),
        open=("apen", "ope", "offentleg", "offentlig", "public"),
    ),
}

# Headers that tell the tables apart, strongest first.
_SIGNATURES: list[tuple[TableKind, tuple[set[str], ...]]] = [
    (TableKind.RELATIONSHIPS, ({"type"}, {"source"}, {"target"})),
    (TableKind.PARTICIPATION, ({"actor", "actor_orgnr", "actor_id"}, {"initiative", "initiative_id"})),
    (TableKind.INITIATIVES, ({"title"},)),
    (TableKind.ACTORS, ({"name"},)),
]

_NAMED = {
    header_key(n): kind
    for kind, names in {
        TableKind.ACTORS: ("actors", "aktorar", "aktorer", "organisasjonar", "organisasjoner"),
        TableKind.INITIATIVES: ("initiatives", "initiativ", "arrangement"),
        TableKind.RELATIONSHIPS: ("relationships", "relasjonar", "relasjoner"),
        TableKind.PARTICIPATION: ("participation", "deltaking", "deltakelse", "deltakarliste", "deltakerliste", "attendance"),
    }.items()
    for n in names
}


def table_kind(headers: list[str], name: str | None = None) -> TableKind | None:
    """The table these headers make: by the sheet's or file's name if it says, else by columns."""
    if name and header_key(name) in _NAMED:
        return _NAMED[header_key(name)]
    keys = {header_key(h) for h in headers}
    for kind, needs in _SIGNATURES:
        fields = {COLUMNS[kind][k] for k in keys if k in COLUMNS[kind]}
        if all(fields & need for need in needs):
            return kind
    return None


def field_of(kind: TableKind, header: str) -> str | None:
    return COLUMNS[kind].get(header_key(header))
