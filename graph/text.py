"""Text keys for matching names: case-, accent- and letter-variant-insensitive."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into base + accent, but that a user typing on a
# non-Norwegian keyboard writes without it ("Tromso" for "Tromsø"); Sámi letters included.
_FOLD = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "œ": "oe",
        "ß": "ss",
        "ð": "d",
        "đ": "d",
        "þ": "th",
        "ŋ": "n",
        "ŧ": "t",
        "ł": "l",
        "ı": "i",
    }
)
_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1 << 16)  # imports fold the same names over and over
def fold(text: str) -> str:
    """Lower-case, strip accents and map special letters: the key two spellings share."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)


def tokens(text: str) -> list[str]:
    """The folded words of a text, the unit both stores' full-text indexes hold."""
    return _TOKEN.findall(fold(text))


def name_key(text: str) -> str:
    """Key for exact-name matching: folded words joined by single spaces."""
    return " ".join(tokens(text))


_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """A stable id slug from a name: 'Kommunal- og moderniseringsdepartementet' -> 'kommunal-og-...'."""
    slug = _SLUG_STRIP.sub("-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-") or "x"


# Legal-form and sector words that follow a name ("Bergen kommune", "Norsk Design AS"): two
# spellings that differ only by them name the same organisation.
NAME_SUFFIXES = frozenset(
    {"kommune", "kommuna", "fylkeskommune", "fylkeskommuna", "as", "asa", "sa", "ba", "da", "ans", "iks", "kf", "fkf"}
)


def core_key(text: str) -> str:
    """The name key without trailing legal-form words; never empty if the name key is not."""
    words = tokens(text)
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return " ".join(words)


def search_words(text: str) -> list[str]:
    """The words a name search requires: legal-form words at the end are left out, since
    stored names are often without them ("Oslo kommune" finds Oslo)."""
    return core_key(text).split()
