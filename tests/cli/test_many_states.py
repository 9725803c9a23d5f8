"""Several states in one call: `plan` and `score` with more than one state, or --all."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import REPO, assert_one_line_error, copy_workspace, run


@pytest.fixture(scope="module")
def two_states(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's workspace with a second state: New Mexico with one goal better coded."""
    ws = copy_workspace(REPO, tmp_path_factory.mktemp("two"))
    text = (ws / "samples" / "newmexico.yaml").read_text(encoding="utf-8")
    other = re.sub(r"^slug: newmexico$", "slug: othermexico", text, count=1, flags=re.M)
    other = other.replace("name: New Mexico", "name: Other Mexico", 1)
    (ws / "samples" / "othermexico.yaml").write_text(other, encoding="utf-8")
    return ws


def cli(ws: Path, *args: str) -> str:
    result = run("--workspace", str(ws), *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", [["plan"], ["score"], ["plan", "--target-grade", "C"]])
def test_json_is_a_list_of_the_single_state_objects(two_states: Path, command: list[str]) -> None:
    one = [
        json.loads(cli(two_states, *command, s, "--format", "json"))
        for s in ("othermexico", "newmexico")
    ]
    assert isinstance(one[0], dict)
    several = json.loads(cli(two_states, *command, "othermexico", "newmexico", "--format", "json"))
    assert several == one  # in the order named
    every = json.loads(cli(two_states, *command, "--all", "--format", "json"))
    assert every == [one[1], one[0]]  # file-name order


def test_all_is_a_list_even_for_one_state() -> None:
    data = json.loads(cli(REPO, "plan", "--all", "--format", "json"))
    assert isinstance(data, list) and [d["state"] for d in data] == ["newmexico"]


def test_csv_has_one_header_and_a_state_column(two_states: Path) -> None:
    single = list(csv.reader(io.StringIO(cli(two_states, "plan", "newmexico", "--format", "csv"))))
    rows = list(csv.reader(io.StringIO(cli(two_states, "plan", "--all", "--format", "csv"))))
    assert rows[0] == ["state", *single[0]]
    assert [r[1:] for r in rows if r[0] == "newmexico"] == single[1:]
    assert len(rows) == 1 + 2 * (len(single) - 1)


def test_tables_follow_one_another(two_states: Path) -> None:
    out = cli(two_states, "score", "newmexico", "othermexico")
    assert out.index("New Mexico") < out.index("Other Mexico")


def test_names_or_all_but_not_both_nor_neither(two_states: Path) -> None:
    assert_one_line_error(run("--workspace", str(two_states), "plan"), "Missing argument 'STATE'")
    both = run("--workspace", str(two_states), "plan", "newmexico", "--all")
    assert_one_line_error(both, "not both")


def test_one_bad_state_stops_before_anything_is_printed(two_states: Path) -> None:
    result = run("--workspace", str(two_states), "plan", "newmexico", "nowhere", "--format", "json")
    assert_one_line_error(result, 'unknown state "nowhere"')
