"""Every kind of bad input gets one line naming the file, the line and the problem, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TINY, assert_one_line_error, copy_workspace, run


def broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    ws = copy_workspace(TINY, tmp_path / "ws")
    path = ws / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return ws


def line_of(ws: Path, file: str, fragment: str) -> int:
    """The last line holding the fragment (a duplicate is reported where it repeats)."""
    found = [
        n
        for n, line in enumerate((ws / file).read_text().splitlines(), start=1)
        if fragment in line
    ]
    assert found, fragment
    return found[-1]


STATE = "samples/alpha.yaml"
FRAMEWORK = "policy_goals/tiny.yaml"

CASES = [
    # (file, old, new, line fragment in the broken file, words in the message)
    (
        STATE,
        "    estimate: true",
        "    estimat: true",
        "estimat:",
        ['unknown key "estimat"', 'did you mean "estimate"'],
    ),
    (STATE, '      "2.1":', '      "2.9":', '"2.9":', ['unknown goal "2.9"']),
    (
        STATE,
        "        level: low",
        "        level: lowest",
        "level: lowest",
        ['unknown level "lowest"', '"low"'],
    ),
    (STATE, "        points: 0.5", "        points: 3", "points: 3", ["above", "maximum of 2.5"]),
    (
        STATE,
        "      seal:\n        points: 0",
        "      seal:\n        points: 1",
        "points: 1",
        ["no partial credit"],
    ),
    (STATE, '      "1.2":', '      "1.1":', '"1.1":\n', ['duplicate key "1.1"']),
    (
        STATE,
        "    coder: tester\n",
        "    coder: tester: x\n",
        "coder: tester: x",
        ["malformed YAML"],
    ),
    (STATE, "status: assumed", "status: asumed", "status: asumed", ['"assumed"']),
    (STATE, "  tiny:\n    coder", "  tinyy:\n    coder", "tinyy:", ['unknown framework "tinyy"']),
    (FRAMEWORK, '      - id: "1.2"', '      - id: "1.1"', 'id: "1.1"', ['duplicate goal id "1.1"']),
    (
        FRAMEWORK,
        '    max_points: 5\n    status: official\n    goals:\n      - id: "1.1"',
        '    max_points: 6\n    status: official\n    goals:\n      - id: "1.1"',
        "max_points: 6",
        ["does not equal the sum"],
    ),
    (
        FRAMEWORK,
        "          - {id: mid, points: 3,",
        "          - {id: mid, points: 0.5,",
        "id: mid",
        ["ascending"],
    ),
    (
        FRAMEWORK,
        "publisher: Test Publisher",
        "publisher: Test Publisher\ncolour: red",
        "colour",
        ['unknown key "colour"'],
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "fragment", "words"), CASES)
def test_validate_reports_one_line_with_file_and_line(tmp_path, file, old, new, fragment, words):
    ws = broken(tmp_path, file, old, new)
    result = run("--workspace", str(ws), "validate")
    line = line_of(ws, file, fragment.rstrip("\n"))
    assert result.exit_code == 2
    first = [ln for ln in result.stderr.splitlines() if ln.startswith("gapdraft: error:")]
    assert len(first) == 1, result.stderr
    assert f"{ws / file}:{line}:" in first[0], (first[0], line)
    for word in words:
        assert word in first[0], (word, first[0])
    assert "Traceback" not in result.stderr


def test_plan_on_broken_state_is_one_line(tmp_path):
    ws = broken(tmp_path, STATE, "        level: low", "        level: lowest")
    result = run("--workspace", str(ws), "plan", "alpha")
    line = line_of(ws, STATE, "level: lowest")
    assert_one_line_error(result, f"alpha.yaml:{line}:", 'unknown level "lowest"')
    assert result.stdout == ""


def test_missing_goal_coding_is_named(tmp_path):
    ws = broken(
        tmp_path,
        STATE,
        '      "2.1":\n        level: low\n        status: official\n        citations:\n          - {cite: "AC 2-1", title: Stepped law, verified: false}\n',
        "",
    )
    # a partly coded state loads: validate names the goal (with its line), plan counts it
    result = run("--workspace", str(ws), "validate")
    assert result.exit_code == 2
    assert "alpha.yaml:" in result.stderr and "1 goals not coded yet" in result.stderr
    assert "tiny goal 2.1 (Stepped goal)" in result.stderr
    plan = run("--workspace", str(ws), "plan", "alpha")
    assert plan.exit_code == 0, plan.stderr
    assert "Goals not coded yet: 1 of Tiny" in plan.stdout


def test_published_mismatch_names_the_published_line(tmp_path):
    ws = broken(tmp_path, STATE, 'issues: {"1": 3, "2": 1}', 'issues: {"1": 3.5, "2": 1}')
    result = run("--workspace", str(ws), "validate")
    assert result.exit_code == 2
    line = line_of(ws, STATE, '"1": 3.5')
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("gapdraft: error:")]
    assert any(
        f"alpha.yaml:{line}:" in e and 'issue "1" subtotal 3 but the published figure is 3.5' in e
        for e in errors
    ), errors
    assert any("computed total 5 but the published figure is 5.5" not in e for e in errors)


def test_missing_citation_and_note(tmp_path):
    ws = broken(tmp_path, STATE, "        note: No sealing law.\n", "")
    result = run("--workspace", str(ws), "validate")
    assert result.exit_code == 2
    assert "no citation and no note" in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    ws = broken(tmp_path, STATE, "        level: low", "        level: lowest")
    with pytest.raises(Exception, match="unknown level"):
        run("--workspace", str(ws), "--debug", "plan", "alpha")


def test_not_a_workspace(tmp_path):
    result = run("--workspace", str(tmp_path), "plan", "alpha")
    assert_one_line_error(result, "not a gapdraft workspace")
