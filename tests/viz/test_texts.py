"""Interface text: three languages complete, each in its own words, and every key the scripts
use exists."""

from __future__ import annotations

import re
from pathlib import Path

from graph.language import Lang as GraphLang
from graph.language import number
from graph.model import ActorKind, InitiativeKind
from viz.page import STATIC
from viz.texts import WORDS, Lang, all_texts, texts

# Words spelled alike in all three: names, loan words, symbols.
ALIKE = {"title", "lang.nb", "lang.nn", "lang.en", "json", "theme", "export", "reset", "share", "copied"}


def test_all_three_languages_have_the_same_keys_and_no_empty_text() -> None:
    tables = [texts(lang) for lang in Lang]
    assert {frozenset(t) for t in tables} == {frozenset(tables[0])}
    assert all(all(t.values()) for t in tables)
    assert Lang is GraphLang and [str(x) for x in Lang] == ["nb", "nn", "en"]


def test_english_differs_from_both_norwegian_forms_except_names() -> None:
    same = {key for key, (nb, nn, en) in WORDS.items() if en in (nb, nn) and key not in ALIKE}
    assert same == set()


def test_bokmal_is_not_nynorsk_where_the_two_write_differently() -> None:
    nb, nn = texts(Lang.NB), texts(Lang.NN)
    for key, bokmal, nynorsk in (("filters", "Filtre", "Filter"), ("error", "Noe gikk galt", "Noko gjekk gale"),
                                 ("actor_kind.other", "annen aktør", "annan aktør"), ("nodes", "noder", "nodar")):
        assert (nb[key], nn[key]) == (bokmal, nynorsk)


def test_every_kind_and_county_is_named_in_every_language() -> None:
    for table in all_texts().values():
        assert all(f"actor_kind.{k}" in table for k in ActorKind)
        assert all(f"initiative_kind.{k}" in table for k in InitiativeKind)
        assert table["county.46"] == "Vestland" and table["county.50"] == "Trøndelag"
    assert texts(Lang.NB)["county.30"].endswith("nå Østfold, Akershus, Buskerud)")
    assert texts(Lang.EN)["county.30"].endswith("now Østfold, Akershus, Buskerud)")


def test_numbers_are_written_as_each_language_writes_them() -> None:
    assert number(1333, Lang.EN) == "1,333" and number(1333, Lang.NB) == "1\u00a0333"
    assert number(68.78, Lang.NN) == "68,78" and number(68.78, Lang.EN) == "68.78"
    assert number(2.0, Lang.NB, decimals=1) == "2,0" and number(0.5, Lang.EN) == "0.5"


def test_every_key_the_scripts_and_the_page_use_is_defined() -> None:
    used = set()
    for script in ("explorer.js", "draw.js", "standalone.js"):
        used |= set(re.findall(r"\bt\.(\w+)", (STATIC / script).read_text(encoding="utf-8")))
    template = (Path(STATIC).parent / "templates" / "explorer.html").read_text(encoding="utf-8")
    used |= set(re.findall(r'data-t(?:-placeholder|-label)?="([\w.]+)"', template))
    assert used and used <= set(texts(Lang.EN))
