"""`gapdraft new-state`: a state file to start from, which validate, score and plan read while it
is only partly coded."""

from __future__ import annotations

import json
import re

import yaml
from jsonschema import Draft202012Validator

from gapdraft.load.schemas import schema_for
from tests.helpers import REPO, copy_workspace, run


def _fill_header(text: str) -> str:
    """What a coder does first: the code's name, who codes, the names and the locations."""
    text = text.replace("code_name:  ", "code_name: Revised Statutes  ", 1)
    text = re.sub(r"(?m)^    coder: ", "    coder: tester", text)
    text = re.sub(r"(?m)^    reviewed: ", "    reviewed: 2026-11-24", text)
    text = re.sub(r"(?m)^    basis: ", "    basis: statutes read", text)
    head, rest = text.split("\nnames:", 1)
    names, rest = rest.split("\nlocations:", 1)
    names = re.sub(r"(?m)^(  [a-z_]+):", r"\1: the named body", names)
    text = f"{head}\nnames:{names}\nlocations:{rest}"
    # the vocabulary is optional until a clause uses it: this coder leaves it for later
    text = text[: text.index("vocabulary:")] + text[text.index("codings:") :]
    return text.replace("{label: , order: ,", "{label: Title 1, order: '1',")


def test_new_state_lists_every_goal_uncoded_and_validate_names_each(tmp_path):
    ws = copy_workspace(REPO, tmp_path)
    result = run("--workspace", str(ws), "new-state", "texas", "--name", "Texas", "--postal", "TX")
    assert result.exit_code == 0, result.stderr
    text = (ws / "samples" / "texas.yaml").read_text()
    data = yaml.safe_load(text)
    goals = {fid: list(c["goals"]) for fid, c in data["codings"].items()}
    assert len(goals["sharedhope-2022"]) == 40 and len(goals["polaris-record-relief"]) == 11
    assert all(v is None for c in data["codings"].values() for v in c["goals"].values())
    assert "# criterion: The commercial sexual exploitation of children" in text  # as comments
    assert "New Mexico" not in text and "NMSA" not in text

    checked = run("--workspace", str(ws), "validate")
    assert checked.exit_code == 2
    err = checked.stderr
    # every problem of the file in one run, each with its line: the header, then the goals
    assert re.search(r"texas\.yaml:\d+: a state file needs \"code_name\"", err)
    assert re.search(r"texas\.yaml:\d+: the coding for \"sharedhope-2022\" needs \"basis\"", err)
    assert "texas.yaml: 51 goals not coded yet:" in err
    goal_lines = re.findall(r"texas\.yaml:(\d+): (sharedhope-2022|polaris-record-relief) goal", err)
    assert len(goal_lines) == 51
    lines = text.splitlines()
    for number, _ in goal_lines:  # each line is the goal's own key
        assert lines[int(number) - 1].strip().endswith('":'), lines[int(number) - 1]


def test_partly_coded_state_plans_with_uncoded_goals_as_unknown(tmp_path):
    ws = copy_workspace(REPO, tmp_path)
    run("--workspace", str(ws), "new-state", "texas", "--name", "Texas", "--postal", "TX")
    path = ws / "samples" / "texas.yaml"
    text = _fill_header(path.read_text())
    text = text.replace(
        '      "1.1":\n',
        '      "1.1":\n        level: met\n        status: official\n        note: test\n'
        "        citations: []\n",
    )
    path.write_text(text)
    # the editor's schema accepts what the loader accepts: uncoded goals (empty keys) included
    data = yaml.safe_load(text)
    data["codings"] = {k: {**v, "reviewed": str(v["reviewed"])} for k, v in data["codings"].items()}
    assert list(Draft202012Validator(schema_for("state")).iter_errors(data)) == []
    plan = run("--workspace", str(ws), "plan", "texas", "--format", "json")
    assert plan.exit_code == 0, plan.stderr
    data = json.loads(plan.stdout)
    shared = next(s for s in data["scores"] if s["framework"] == "sharedhope-2022")
    assert shared["total"] == 2.5 and shared["total_is_lower_bound"] is True
    assert len(shared["uncoded_goals"]) == 39
    assert any(
        "Goals not coded yet: 11 of Polaris" in n and "39 of Shared Hope" in n
        for n in data["notes"]
    )
    assert [g["goal"] for g in data["gaps"]] == []  # only coded goals are ranked; 1.1 is met
    table = run("--workspace", str(ws), "plan", "texas")
    assert "at least 2.5" in table.stdout and "provisional" in table.stdout
    assert "not coded yet" in table.stdout
    # documents need every goal coded: one clear line, not a guess
    draft = run("--workspace", str(ws), "draft", "texas", "--format", "md")
    assert draft.exit_code == 2 and "50 goals are not coded yet" in draft.stderr


def test_new_state_can_start_from_another_states_bill_style(tmp_path):
    ws = copy_workspace(REPO, tmp_path)
    result = run(
        "--workspace",
        str(ws),
        "new-state",
        "nm2",
        "--name",
        "Other",
        "--postal",
        "OT",
        "--style",
        "newmexico",
    )
    assert result.exit_code == 0, result.stderr
    style = yaml.safe_load((ws / "samples" / "nm2.yaml").read_text())["bill_style"]
    nm = yaml.safe_load((REPO / "samples" / "newmexico.yaml").read_text())["bill_style"]
    assert style == nm


def test_new_state_refuses_to_overwrite_and_checks_its_arguments(tmp_path):
    ws = copy_workspace(REPO, tmp_path)
    again = run("--workspace", str(ws), "new-state", "newmexico", "--name", "X", "--postal", "NM")
    assert again.exit_code == 2 and "already exists" in again.stderr
    bad = run("--workspace", str(ws), "new-state", "Tex As", "--name", "X", "--postal", "TX")
    assert bad.exit_code == 2 and "lower-case" in bad.stderr
