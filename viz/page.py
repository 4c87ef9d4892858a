"""The HTML Samspill serves and writes: the explorer page and standalone view files.

pyvis's own templates are not used: they load Bootstrap and vis-network from CDNs (and point
at a local `lib/` that is not there), and they do not escape, so one title containing "href"
turns every tooltip into raw HTML. These templates autoescape everything; data reaches the
page only as JSON inside a non-executed script element, with `<`, `>` and `&` escaped so no
string can close it; the scripts put it on the page with `textContent`, never as HTML.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from graph.store import GraphStore
from viz.texts import Lang, all_texts
from viz.view import ViewQuery

STATIC = Path(str(files("viz") / "static"))
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"  # vis-network, shipped inside pyvis

# The explorer's own policy: scripts and styles only from Samspill itself, nothing inline.
EXPLORER_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
# A standalone file carries its scripts inline and may load nothing at all.
STANDALONE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; base-uri 'none'; form-action 'none'"
)

_env = Environment(
    loader=PackageLoader("viz", "templates"), autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True
)


def json_for_html(value: Any) -> Markup:
    """JSON safe inside `<script type="application/json">`: no `</script>`, no `<!--`."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def explorer_page(lang: Lang, unknown_lang: str | None = None) -> str:
    """The explorer in `lang`; `unknown_lang` is a language asked for that Samspill has not,
    which the page says it fell back from."""
    return _env.get_template("explorer.html").render(lang=lang.value, unknown_lang=unknown_lang, texts=json_for_html(all_texts()))


@cache
def _inline(name: str) -> Markup:
    """A bundled script or style sheet, to inline in a standalone file (`</` cannot occur
    inside: checked, since it would end the element early)."""
    path = VIS / name if name.startswith("vis-network") else STATIC / name
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise ValueError(f"{name} cannot be inlined: it contains a closing tag")
    return Markup(text)


def standalone_page(title: str, payload: dict[str, Any], lang: Lang) -> str:
    """A view as one file that opens from disk with no network: vis-network, the drawing
    script and the data all inside it."""
    return _env.get_template("standalone.html").render(
        lang=lang.value,
        title=title,
        csp=STANDALONE_CSP,
        data=json_for_html(payload),
        texts=json_for_html(all_texts()[lang.value]),
        vis_js=_inline("vis-network.min.js"),
        vis_css=_inline("vis-network.css"),
        draw_js=_inline("draw.js"),
        standalone_js=_inline("standalone.js"),
        page_css=_inline("standalone.css"),
    )


def view_title(store: GraphStore, query: ViewQuery) -> str:
    """What a standalone file shows as its heading: what the view is of."""
    parts = ["Samspill"]
    if query.focus:
        actor = store.get_actor(query.focus)
        initiative = None if actor else store.get_initiative(query.focus)
        parts.append(actor.name if actor else initiative.title if initiative else query.focus)
    elif query.cluster is not None:
        parts.append(f"cluster {query.cluster}")
    return " — ".join(parts)
