"""Bokmål, Nynorsk and English for every text the page shows: a word of the page in no table of
the page's language fails (data — names, titles — is marked translate="no" and left out)."""

from __future__ import annotations

import re
from urllib.request import urlopen

import pytest
from browser.pages import ready, settled

from viz.texts import Lang, texts

# Format names the export menu shows as they are in every language.
FORMATS = {"png", "graphml", "gexf", "json"}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words_of(lang: Lang) -> set[str]:
    table = texts(lang)
    return {w.casefold() for value in table.values() for w in WORD.findall(re.sub(r"\{\w+\}", " ", value))}


def page_words(page) -> list[str]:
    """Every text and label of the page outside data and the canvas."""
    return page.evaluate("""() => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        for (let n = walker.currentNode; n; n = walker.nextNode()) {
            const e = n.nodeType === 1 ? n : n.parentElement;
            if (e.closest('[translate=no], #graph, script, style, [hidden]')) continue;
            if (n.nodeType === 3) out.push(n.textContent);
            else for (const a of ['aria-label', 'placeholder', 'title']) if (n.getAttribute(a)) out.push(n.getAttribute(a));
        }
        out.push(document.title);
        return out;
    }""")


def exercised(page, served, lang: str) -> None:
    """The page with as much of it showing as one view can: details, a path list, charts, the
    list of what is drawn, a search that finds nothing."""
    ready(page, served.url + f"/?focus=ks&from=difi&to=kommune-4601&path=difi,kommune-4601&sel=ks&lang={lang}")
    settled(page)
    page.click("#drawn summary")
    page.fill("#search", "qqqzzz")
    page.wait_for_selector("#search-note:not([hidden])")


@pytest.mark.parametrize("lang", list(Lang))
def test_every_word_on_the_page_is_in_the_pages_language(page, served, lang: Lang) -> None:
    exercised(page, served, lang.value)
    known = words_of(lang) | FORMATS
    stray = sorted({w for text in page_words(page) for w in WORD.findall(text) if w.casefold() not in known})
    assert stray == [], f"not {lang.value}: {stray}"


def test_the_english_page_shows_no_norwegian_labels(page, served) -> None:
    ready(page, served.url + "/?focus=kommune-4601&lang=en")
    settled(page)
    facts = page.inner_text("#details-body dl")
    assert "Org. no." in facts or "Municipality no." in facts
    assert "kommunenr." not in facts and "org.nr." not in facts


def test_recommendations_say_why_in_the_pages_language(page, served) -> None:
    ready(page, served.url + "/?focus=kommune-1103&lang=nb")
    settled(page)
    reasons = page.locator("#details-body section:has(h3:text('Kan ha nytte av å møte')) small")
    assert reasons.count() > 0
    assert all(r.startswith("deler ") for r in reasons.all_inner_texts())


def test_numbers_are_written_with_a_decimal_comma_in_norwegian(page, served) -> None:
    ready(page, served.url + "/?focus=ks&lang=nn")
    settled(page)
    weights = page.locator("#details-body .count").all_inner_texts()
    assert weights and all(re.fullmatch(r"\d+,\d\d", w.strip()) for w in weights), weights
    ready(page, served.url + "/?focus=ks&lang=en")
    settled(page)
    assert all(re.fullmatch(r"\d+\.\d\d", w.strip()) for w in page.locator("#details-body .count").all_inner_texts())


def test_an_unknown_language_falls_back_with_a_notice_not_an_error_page(page, served) -> None:
    with urlopen(served.url + "/?lang=se") as response:
        assert response.status == 200
    ready(page, served.url + "/?lang=se&focus=ks")
    assert page.evaluate("() => document.documentElement.lang") == "nn"
    assert "«se»" in page.inner_text("#notice")
    assert "lang=se" not in page.url
    assert page.inner_text("#mode-clusters") == "Klynger"


def test_an_api_error_is_said_in_the_pages_language(page, served) -> None:
    page.goto(served.url + "/?focus=nobody-at-all&lang=nb")
    page.wait_for_selector("body[data-ready='error']")
    assert page.inner_text("#status") == "Fant ikke det du ba om"
    page.wait_for_selector("#details-body[data-ready='1']")
    assert page.inner_text("#details-body") == "Fant ikke: nobody-at-all"
    # The one 404 the page asked for and explained: the details did not ask again.
    assert page.watch.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    page.watch.errors.clear()
