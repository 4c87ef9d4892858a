"""The HTML Samspill writes: escaped, offline, with a policy that forbids loading anything."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from viz import page
from viz.page import EXPLORER_CSP, explorer_page, json_for_html, standalone_page
from viz.texts import Lang

HOSTILE = '</script><script>alert(1)</script><!-- & \u2028'


def test_json_in_a_script_element_cannot_close_it() -> None:
    text = str(json_for_html({"name": HOSTILE}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"name": HOSTILE}


def test_a_standalone_page_inlines_everything_and_escapes_data() -> None:
    html = standalone_page(f"Samspill — {HOSTILE}", {"view": {"legend": []}, "vis": {"nodes": [{"label": HOSTILE}]}},
                           Lang.EN)
    assert HOSTILE not in html and "<script>alert(1)" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in html  # the title, as text
    assert re.findall(r"<script src=|<link rel=\"stylesheet\"|<img ", html) == []
    assert 'content="default-src &#39;none&#39;;' in html and 'lang="en"' in html  # the policy, attribute-escaped


def test_the_explorer_page_loads_only_its_own_files() -> None:
    html = explorer_page(Lang.NN)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/static/") or s == "data:," for s in sources)
    assert "'unsafe-inline'" not in EXPLORER_CSP.split("script-src")[1].split(";")[0]
    texts = json.loads(re.search(r'<script type="application/json" id="texts">(.*?)</script>', html, re.DOTALL).group(1))
    assert set(texts) == {"nb", "nn", "en"}


def test_a_bundled_file_with_a_closing_tag_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.js").write_text("var s = '</script>';", encoding="utf-8")
    monkeypatch.setattr(page, "STATIC", tmp_path)
    page._inline.cache_clear()
    try:
        with pytest.raises(ValueError, match="bad.js cannot be inlined: it contains a closing tag"):
            page._inline("bad.js")
    finally:
        page._inline.cache_clear()
