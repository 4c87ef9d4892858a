"""Interface text: both languages complete, and every key the scripts use exists."""

from __future__ import annotations

import re
from pathlib import Path

from graph.model import ActorKind, InitiativeKind
from viz.page import STATIC
from viz.texts import Lang, all_texts, texts


def test_both_languages_have_the_same_keys_and_no_empty_text() -> None:
    nn, en = texts(Lang.NN), texts(Lang.EN)
    assert set(nn) == set(en)
    assert all(nn.values()) and all(en.values())


def test_every_kind_is_named_in_both_languages() -> None:
    for table in all_texts().values():
        assert all(f"actor_kind.{k}" in table for k in ActorKind)
        assert all(f"initiative_kind.{k}" in table for k in InitiativeKind)


def test_every_key_the_scripts_and_the_page_use_is_defined() -> None:
    used = set()
    for script in ("explorer.js", "draw.js", "standalone.js"):
        used |= set(re.findall(r"\bt\.(\w+)", (STATIC / script).read_text(encoding="utf-8")))
    template = (Path(STATIC).parent / "templates" / "explorer.html").read_text(encoding="utf-8")
    used |= set(re.findall(r'data-t(?:-placeholder)?="([\w.]+)"', template))
    assert used and used <= set(texts(Lang.EN))
