"""The command line on the small fixture workspace: states by name or path, workspaces, formats."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.helpers import REPO, TINY, assert_one_line_error, run


def test_unknown_state_suggests_the_closest():
    result = run("--workspace", str(TINY), "plan", "alpah")
    assert_one_line_error(result, 'unknown state "alpah"', '"alpha"')


def test_state_by_path_and_by_env_workspace():
    by_path = run(
        "--workspace", str(TINY), "plan", str(TINY / "samples" / "alpha.yaml"), "--format", "json"
    )
    by_env = run("plan", "alpha", "--format", "json", env={"GAPDRAFT_WORKSPACE": str(TINY)})
    assert by_path.exit_code == by_env.exit_code == 0, by_env.stderr
    assert json.loads(by_path.stdout) == json.loads(by_env.stdout)


def test_plan_ranks_ties_by_framework_then_goal_order():
    data = json.loads(run("--workspace", str(TINY), "plan", "alpha", "--format", "json").stdout)
    assert [(g["framework"], g["goal"], g["gain"]) for g in data["gaps"]] == [
        ("tiny", "2.1", 4),
        ("steps", "seal", 4),
        ("tiny", "1.2", 2),
        ("steps", "range", 2),
    ]
    # projected totals run per framework, in rank order
    assert [g["projected_total"] for g in data["gaps"]] == [9, 8, 11, 10]
    assert [g["projected_grade"] for g in data["gaps"]] == ["A", "B", "A", "B"]
    assert data["gaps"][0]["levels"] == [{"id": "mid", "points": 3}, {"id": "top", "points": 5}]
    assert data["gaps"][2]["estimated"] is True and data["gaps"][0]["estimated"] is False


def test_framework_and_issue_filters_check_their_values():
    assert_one_line_error(
        run("--workspace", str(TINY), "plan", "alpha", "--framework", "tinny"), '"tiny"'
    )
    assert_one_line_error(
        run("--workspace", str(TINY), "plan", "alpha", "--issue", "9"), 'unknown issue "9"'
    )


def test_list_shows_frameworks_and_states():
    result = run("--workspace", str(TINY), "list")
    assert "tiny" in result.stdout and "steps" in result.stdout and "alpha" in result.stdout


def test_md_and_csv_formats():
    md = run("--workspace", str(TINY), "plan", "alpha", "--format", "md").stdout
    assert "| 1 | Tiny | 2.1 | Stepped goal | 1 → 5 | +4 |" in md
    csv_text = run("--workspace", str(TINY), "score", "alpha", "--format", "csv").stdout
    assert "tiny,total,Tiny,5,10,5" in csv_text


def test_ungraded_at_zero():
    from gapdraft.load.workspace import Workspace

    ws = Workspace.open(TINY)
    steps = ws.frameworks["steps"]
    assert steps.grade_for(0) is None and steps.grade_for(1) == "F"


def test_python_dash_m_and_installed_data_work_from_any_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gapdraft", "plan", "newmexico", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["state"] == "newmexico"
    assert REPO.exists()


def test_cli_reference_is_current():
    import importlib.util

    spec = importlib.util.spec_from_file_location("cli_docs", REPO / "scripts" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (REPO / "docs" / "cli.md").read_text() == module.render(), "run scripts/cli_docs.py"
