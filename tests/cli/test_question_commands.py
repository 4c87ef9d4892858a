"""The commands added with the questions layer, as a user meets them: network, search and
calendar in text, and the errors each gives for input its question refuses."""

from __future__ import annotations

from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def _loaded(store_env: dict[str, str]) -> None:
    from contract import example

    from graph.config import store_from_env

    store = store_from_env(env=store_env)
    store.open()
    try:
        example.load(store)
    finally:
        store.close()


def test_network_lists_each_node_with_its_hops_and_says_when_the_cap_cut(store_env: dict[str, str]) -> None:
    _loaded(store_env)
    said = runner.invoke(app, ["network", "difi", "--depth", "2"])
    assert said.exit_code == 0, said.output
    assert said.output.startswith("Within 2 hop(s) of Difi (difi):") and "  1  Nesta (actor nesta)" in said.output
    cut = runner.invoke(app, ["network", "difi", "--depth", "2", "--max-nodes", "2"])
    assert "(cut at 2; --max-nodes shows more)" in cut.output
    assert runner.invoke(app, ["network", "Ingen slik"]).exit_code == 1
    assert runner.invoke(app, ["network", "difi", "--depth", "4"]).exit_code == 2


def test_search_suggests_actors_and_initiatives_and_says_when_nothing_matches(store_env: dict[str, str]) -> None:
    _loaded(store_env)
    said = runner.invoke(app, ["search", "innovasjon"])
    assert said.exit_code == 0 and "initiative Innovasjonskonferansen (conference, conference, 2018)" in said.output
    assert runner.invoke(app, ["search", "991825827"]).output.startswith("actor")
    assert runner.invoke(app, ["search", "qqqzzz"]).output.strip() == "nothing matches 'qqqzzz'"
    blank = runner.invoke(app, ["search", "  "])
    assert blank.exit_code == 2 and "give 1 to 200 characters" in blank.output


def test_calendar_lists_open_events_from_a_date(store_env: dict[str, str]) -> None:
    _loaded(store_env)
    said = runner.invoke(app, ["calendar", "--from", "2018-01-01"])
    assert said.exit_code == 0 and "Innovasjonskonferansen (conference, conference)" in said.output
    assert said.output.lstrip().startswith("2018-06-01")
    none = runner.invoke(app, ["calendar", "--from", "2030-01-01"])
    assert none.output.strip() == "no open initiatives with dates in that time"
    assert runner.invoke(app, ["calendar", "--cursor", "not-a-cursor"]).exit_code == 1


def test_a_value_the_question_refuses_is_a_usage_error_naming_the_option(store_env: dict[str, str]) -> None:
    wrong = runner.invoke(app, ["hotspots", "--county", "4"])
    assert wrong.exit_code == 2 and "--county" in wrong.output
    period = runner.invoke(app, ["compare", "--period", "2016", "--period", "2024-13-01:2024-12-31"])
    assert period.exit_code == 2 and "is not a period" in period.output and "Value error" not in period.output
