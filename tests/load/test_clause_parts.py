"""Parts of a section (`kind: part`) and sections a frame replaces (`replaces:`): what the loader
accepts and the one-line errors for what it refuses."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import TINY, assert_one_line_error, copy_workspace, run

PART = """id: relief-decision
kind: part
title: Deciding
section: relief
order: 15
text: |
  # {#decide} The court shall decide the petition under {{ ref("petition") }}.
note: The decision rule.
"""


def with_part(tmp_path: Path, part: str = PART, core: str = "[relief-seal, relief-decision]"):
    ws = copy_workspace(TINY, tmp_path / "ws")
    (ws / "clauses" / "relief-decision.yaml").write_text(part)
    frame = ws / "clauses" / "relief.yaml"
    frame.write_text(frame.read_text().replace("core: [relief-seal]", f"core: {core}"))
    return ws


def test_a_part_is_drafted_with_its_section_in_order(tmp_path):
    ws = with_part(tmp_path)
    result = run(
        "--workspace", str(ws), "draft", "alpha", "--clauses", "relief-seal", "--format", "md"
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    petition = out.index("A person may petition")
    seal = out.index("The court shall seal")
    decide = out.index("The court shall decide the petition under Subsection (1) of this section.")
    assert petition < seal < decide


def test_a_part_cannot_be_adopted(tmp_path):
    ws = with_part(tmp_path)
    result = run(
        "--workspace", str(ws), "draft", "alpha", "--clauses", "relief-decision", "--format", "md"
    )
    assert_one_line_error(result, '"relief-decision" is a part of a section')


def test_a_part_outside_its_frames_core_is_an_error(tmp_path):
    ws = with_part(tmp_path, core="[relief-seal]")
    result = run("--workspace", str(ws), "validate")
    assert_one_line_error(result, "relief-decision.yaml", 'part "relief-decision"', "core")


def test_a_part_with_a_choice_or_no_section_is_an_error(tmp_path):
    ws = with_part(tmp_path, PART.replace("section: relief\n", ""))
    result = run("--workspace", str(ws), "validate")
    assert_one_line_error(result, "relief-decision.yaml", 'needs the "section"')


def test_a_part_meets_no_goal(tmp_path):
    part = PART.replace(
        "order: 15\n", 'order: 15\nsatisfies:\n  - {framework: steps, goal: seal, level: "yes"}\n'
    )
    ws = with_part(tmp_path, part)
    result = run("--workspace", str(ws), "validate")
    assert_one_line_error(result, "relief-decision.yaml", "satisfies")


def test_replaces_belongs_to_a_frame(tmp_path):
    ws = copy_workspace(TINY, tmp_path / "ws")
    path = ws / "clauses" / "relief-seal.yaml"
    path.write_text(path.read_text().replace("order: 10\n", "order: 10\nreplaces: [old_law]\n"))
    result = run("--workspace", str(ws), "validate")
    assert_one_line_error(result, "relief-seal.yaml", '"replaces" belongs to a section frame')


def test_naming_a_section_drafts_it_with_its_core(tmp_path):
    ws = with_part(tmp_path)
    result = run("--workspace", str(ws), "draft", "alpha", "--clauses", "relief", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "The court shall seal" in result.stdout and "The court shall decide" in result.stdout
    assert "relief-extra" not in result.stdout and "any other relief" not in result.stdout
