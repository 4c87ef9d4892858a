"""What kind of actor a new organisation is, from the evidence a row holds: the register's
organisation form, or the legal-form and sector words of its name. Each guess says why, so the
import summary can report it; a kind the data gives is never overridden."""

from __future__ import annotations

from graph.model import ActorKind
from graph.text import tokens

# Enhetsregisteret's organisation forms (brreg/enhetsregisteret-openapi.json).
_FORMS = {
    "KOMM": ActorKind.MUNICIPALITY,
    "FYLK": ActorKind.COUNTY,
    "AS": ActorKind.COMPANY,
    "ASA": ActorKind.COMPANY,
    "ENK": ActorKind.COMPANY,
    "ANS": ActorKind.COMPANY,
    "DA": ActorKind.COMPANY,
    "SA": ActorKind.COMPANY,
    "NUF": ActorKind.COMPANY,
    "STAT": ActorKind.STATE_AGENCY,
    "ORGL": ActorKind.STATE_AGENCY,
    "SF": ActorKind.STATE_AGENCY,
    "FLI": ActorKind.INTEREST_ORGANISATION,
}
# Words of a name, folded, that say what it is: the last word first ("… AS"), then any word.
_LAST_WORDS = {
    "as": ActorKind.COMPANY,
    "asa": ActorKind.COMPANY,
    "ab": ActorKind.COMPANY,
    "gmbh": ActorKind.COMPANY,
    "ltd": ActorKind.COMPANY,
    "sa": ActorKind.COMPANY,
    "ans": ActorKind.COMPANY,
    "da": ActorKind.COMPANY,
    "kommune": ActorKind.MUNICIPALITY,
    "kommuna": ActorKind.MUNICIPALITY,
    "fylkeskommune": ActorKind.COUNTY,
    "fylkeskommuna": ActorKind.COUNTY,
}
_STEMS = (
    ("departementet", ActorKind.MINISTRY),
    ("departement", ActorKind.MINISTRY),
    ("statsforvaltaren", ActorKind.COUNTY_GOVERNOR),
    ("statsforvalteren", ActorKind.COUNTY_GOVERNOR),
    ("fylkesmannen", ActorKind.COUNTY_GOVERNOR),
    ("universitet", ActorKind.ACADEMIA),
    ("university", ActorKind.ACADEMIA),
    ("hogskole", ActorKind.ACADEMIA),
    ("hogskule", ActorKind.ACADEMIA),
    ("hochschule", ActorKind.ACADEMIA),
    ("forskningsinstitutt", ActorKind.ACADEMIA),
    ("direktorat", ActorKind.STATE_AGENCY),
    ("tilsynet", ActorKind.STATE_AGENCY),
    ("etaten", ActorKind.STATE_AGENCY),
    ("forbund", ActorKind.INTEREST_ORGANISATION),
    ("forening", ActorKind.INTEREST_ORGANISATION),
    ("foreining", ActorKind.INTEREST_ORGANISATION),
    ("organisasjon", ActorKind.INTEREST_ORGANISATION),
)


def infer_kind(name: str, organisation_form: str | None = None) -> tuple[ActorKind, str | None]:
    """The kind, and why ("organisation form AS", "word UNIVERSITET"); `other` with None when
    nothing says."""
    if organisation_form and organisation_form.upper() in _FORMS:
        return _FORMS[organisation_form.upper()], f"organisation form {organisation_form.upper()}"
    words = tokens(name)
    if words and words[-1] in _LAST_WORDS:
        return _LAST_WORDS[words[-1]], f"word {words[-1].upper()}"
    for word in words:
        for stem, kind in _STEMS:
            if stem in word:
                return kind, f"word {stem.upper()}"
    return ActorKind.OTHER, None
