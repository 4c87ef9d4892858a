"""Clusters and brokers from the CLI, on both stores."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cli import app

runner = CliRunner()

# Two groups that meet among themselves, and Brubyggjar, who takes part in one meeting of each.
LIST = "Arrangement;Dato;Verksemd\n" + "".join(
    f"{meeting};0{day}.03.2024;{actor}\n"
    for group, day in (("Vest", 1), ("Aust", 2))
    for meeting in (f"Samling {group} 1", f"Samling {group} 2", f"Samling {group} 3")
    for actor in [f"{group} {n}" for n in range(1, 5)] + (["Brubyggjar"] if meeting.endswith("1") else [])
)


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_clusters_and_brokers_find_the_groups_and_the_bridge(store_env: dict[str, str], tmp_path: Path) -> None:
    listed = tmp_path / "liste.csv"
    listed.write_text(LIST, encoding="utf-8")
    run("import", str(listed))
    report = json.loads(run("clusters", "--json").output)
    groups = [{a["name"] for a in c["leading"]} for c in report["clusters"]]
    assert len(groups) == 2 and report["strong"] and report["modularity"] > 0.3
    assert all(len({name.split()[0] for name in g if name != "Brubyggjar"}) == 1 for g in groups)
    assert [c["size"] for c in report["clusters"]] in ([5, 4], [4, 5])
    brokers = json.loads(run("brokers", "--json").output)
    assert brokers[0]["name"] == "Brubyggjar"
    assert sorted(b["cluster"] for b in brokers[0]["bridges"]) == [1, 2]
    text = run("clusters").output
    assert text.startswith("2 clusters, modularity") and "a clear division" in text


def test_leiden_finds_the_same_two_groups_and_is_kept_apart_from_louvain(store_env: dict[str, str], tmp_path: Path) -> None:
    listed = tmp_path / "liste.csv"
    listed.write_text(LIST, encoding="utf-8")
    run("import", str(listed))
    louvain = json.loads(run("clusters", "--json").output)
    leiden = json.loads(run("clusters", "--method", "leiden", "--json").output)
    assert sorted(c["size"] for c in leiden["clusters"]) == [4, 5]
    assert leiden["modularity"] >= louvain["modularity"] - 1e-9
    one = json.loads(run("cluster", str(leiden["clusters"][0]["id"]), "--method", "leiden", "--json").output)
    assert len(one["members"]) == leiden["clusters"][0]["size"]
    assert json.loads(run("brokers", "--method", "leiden", "--json").output)[0]["name"] == "Brubyggjar"
    refused = runner.invoke(app, ["clusters", "--method", "infomap"])
    assert refused.exit_code == 2 and "--method" in refused.output


def test_clusters_on_an_empty_store_say_so(store_env: dict[str, str]) -> None:
    report = json.loads(run("clusters", "--json").output)
    assert report == {"resolution": 1.0, "modularity": 0.0, "strong": False, "clusters": []}
    assert json.loads(run("brokers", "--json").output) == []


def test_hotspots_count_a_list_per_inhabitant_of_the_seeded_municipalities(store_env: dict[str, str], tmp_path: Path) -> None:
    run("seed")
    listed = tmp_path / "liste.csv"
    listed.write_text("Arrangement;Dato;Kommunenummer;Verksemd\n"
                      "Velferdsverkstad;04.05.2021;4601;Bergen kommune\nVelferdsverkstad;04.05.2021;4601;KS\n"
                      "Digidag;06.05.2021;4601;Bergen kommune\n", encoding="utf-8")
    run("import", str(listed))
    spots = json.loads(run("hotspots", "--by", "municipality", "--since", "2021-01-01", "--json").output)
    bergen = next(s for s in spots if s["key"] == "4601")
    assert (bergen["name"], bergen["initiatives"]) == ("Bergen", 2)
    assert bergen["initiatives_per_10k"] == round(2 * 10_000 / bergen["population"], 4) and bergen["population"] > 250_000
    months = json.loads(run("hotspots", "--by", "month", "--since", "2021-01-01", "--json").output)
    assert [(m["key"], m["initiatives"], m["change"]) for m in months] == [("2021-05", 2, 2)]
    assert "per 10,000" in run("hotspots", "--by", "municipality", "--per-capita").output
    assert "2021  " in run("hotspots", "--by", "year").output
    assert run("hotspots", "--by", "year", "--until", "2000-01-01").output.startswith("No activity by year matches")


def test_recommend_suggests_the_other_group_through_the_bridge(store_env: dict[str, str], tmp_path: Path) -> None:
    listed = tmp_path / "liste.csv"
    listed.write_text(LIST, encoding="utf-8")
    run("import", str(listed))
    found = json.loads(run("recommend", "Vest 1", "--json").output)
    assert found["actor"]["name"] == "Vest 1"
    assert {r["name"] for r in found["recommendations"]} == {"Aust 1", "Aust 2", "Aust 3", "Aust 4"}
    assert all(r["why"].startswith("shares 1 partner: Brubyggjar") for r in found["recommendations"])
    in_nynorsk = json.loads(run("recommend", "Vest 1", "--lang", "nn", "--json").output)
    assert all(r["why"].startswith("deler 1 partnar: Brubyggjar") for r in in_nynorsk["recommendations"])
    assert runner.invoke(app, ["recommend", "Ingen slik"]).exit_code == 1


def test_compare_two_years(store_env: dict[str, str], tmp_path: Path) -> None:
    listed = tmp_path / "liste.csv"
    listed.write_text("Arrangement;Dato;Verksemd\n" + "".join(
        f"{title};{date};{actor}\n" for title, date, actors in (
            ("Møte 2016", "01.02.2016", ("A", "B")), ("Møte 2024", "01.02.2024", ("A", "C")), ("Og 2024", "03.03.2024", ("A", "B")))
        for actor in actors), encoding="utf-8")
    run("import", str(listed))
    result = json.loads(run("compare", "--period", "2016", "--period", "2024-01-01:2024-12-31", "--json").output)
    assert (result["new_ties"], result["lost_ties"], result["kept_ties"]) == (1, 0, 1)
    assert result["new_examples"][0]["names"] == ["A", "C"]
    assert "1 new ties, 0 ended, 1 kept" in run("compare", "--period", "2016", "--period", "2024").output
    assert runner.invoke(app, ["compare", "--period", "2016"]).exit_code == 2
    assert runner.invoke(app, ["compare", "--period", "2016", "--period", "2024-13-01:2024-12-31"]).exit_code == 2


def test_one_cluster_lists_its_members_and_an_unknown_id_is_an_error(store_env: dict[str, str], tmp_path: Path) -> None:
    listed = tmp_path / "liste.csv"
    listed.write_text(LIST, encoding="utf-8")
    run("import", str(listed))
    report = json.loads(run("clusters", "--json").output)
    with_bridge = next(c for c in report["clusters"] if "Brubyggjar" in {a["name"] for a in c["leading"]})
    shown = json.loads(run("cluster", str(with_bridge["id"]), "--json").output)
    assert len(shown["members"]) == with_bridge["size"] == 5
    # A group member meets 4 others at the 5-actor meeting (1/4 each) and 3 at two 4-actor ones
    # (1/3 each): 3.0. The bridge meets 4 others at two 5-actor meetings: 2.0.
    assert [m["weighted_degree"] for m in shown["members"]] == [3.0, 3.0, 3.0, 3.0, 2.0]
    assert shown["members"][-1]["name"] == "Brubyggjar"
    assert [b["name"] for b in shown["brokers"]] == ["Brubyggjar"]
    assert shown["members"][-1]["betweenness"] > 0 and shown["members"][0]["betweenness"] is None
    assert (shown["initiatives"], shown["years"], shown["active_years"]) == (4, {"2024": 4}, [2024, 2024])
    assert shown["label"].endswith(" · 2024")
    text = run("cluster", str(with_bridge["id"])).output
    assert "  years: 2024: 4" in text and "Brubyggjar (brubyggjar)  broker (betweenness" in text
    missing = runner.invoke(app, ["cluster", "99"])
    assert missing.exit_code == 1 and "no cluster 99" in missing.output
