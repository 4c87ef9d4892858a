"""`samspill viz` writes one HTML file that opens from disk; bad requests write nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def embedded(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="view">(.*?)</script>', html, re.DOTALL).group(1))


def test_viz_writes_a_standalone_page_of_a_focus(store_env: dict[str, str], tmp_path: Path) -> None:
    assert runner.invoke(app, ["seed"]).exit_code == 0
    out = tmp_path / "ks.html"
    result = runner.invoke(app, ["viz", "--focus", "KS", "--depth", "2", "--colour", "kind", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {out}: ") and "laid out in the browser" in result.output
    html = out.read_text(encoding="utf-8")
    data = embedded(html)
    assert "ks" in {n["id"] for n in data["vis"]["nodes"]} and data["view"]["query"]["colour"] == "kind"
    assert "<title>Samspill — KS</title>" in html and "vis-network" in html
    assert not list(tmp_path.glob(".*partial"))


def test_viz_draws_clusters_on_request(store_env: dict[str, str], tmp_path: Path) -> None:
    assert runner.invoke(app, ["seed"]).exit_code == 0
    out = tmp_path / "clusters.html"
    result = runner.invoke(app, ["viz", "--clusters", "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert {n["type"] for n in embedded(out.read_text(encoding="utf-8"))["vis"]["nodes"]} == {"cluster"}


def test_viz_refuses_what_it_cannot_draw_and_writes_nothing(store_env: dict[str, str], tmp_path: Path) -> None:
    assert runner.invoke(app, ["seed"]).exit_code == 0
    out = tmp_path / "x.html"
    for args, message in ((["--focus", "Ingen slik etat"], "Ingen slik etat"),
                          (["--cluster", "999"], "no cluster 999")):
        result = runner.invoke(app, ["viz", *args, "--out", str(out)])
        assert result.exit_code == 1 and message in result.output, result.output
    missing = runner.invoke(app, ["viz", "--out", str(tmp_path / "nowhere" / "x.html")])
    assert missing.exit_code == 1 and "no such directory" in missing.output
    assert runner.invoke(app, ["viz", "--depth", "4", "--out", str(out)]).exit_code == 2
    assert not out.exists()
