"""Drafting: clause selection, rendering, lettering, cross-references, amendments, bill style."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gapdraft.drafting.assemble import draft_bill
from gapdraft.drafting.bill import Bill
from gapdraft.scoring import format_points
from tests.helpers import REPO, TINY, assert_one_line_error, copy_workspace, run


@pytest.fixture(scope="module")
def tiny(tiny_workspace, alpha, tiny_library):
    return tiny_workspace, alpha, tiny_library


def text_of(section) -> list[str]:
    return [u.label + " " + "".join(r.text for r in u.runs) for u in section.units]


def test_sections_are_ordered_by_place_in_code_and_numbered(tiny):
    ws, alpha, library = tiny
    bill = draft_bill(alpha, ws.frameworks, library, ["relief-seal", "goal-two", "stepped-top"])
    assert [s.label for s in bill.sections] == ["Sec. 1.", "Sec. 2.", "Sec. 3."]
    # Title 1 (main) < 5-1 (amended) < Title 9 (relief)
    assert [s.clause_ids for s in bill.sections] == [
        ("stepped-top",),
        ("goal-two",),
        ("relief-seal",),
    ]
    assert (
        bill.title
        == "An act concerning examples: providing full measures; amending the old law; providing relief."
    )
    assert bill.enacting_clause == "Be it enacted by the People of Alpha:"
    assert bill.heading == ("ALPHA ASSEMBLY BILL 17", "Sponsor: Committee on Examples")
    assert bill.line_numbers is False and bill.legend == () and bill.new_markup == "bold"


def test_units_are_lettered_and_references_resolved(tiny):
    ws, alpha, library = tiny
    section = draft_bill(alpha, ws.frameworks, library, ["stepped-top"]).sections[0]
    assert [u.label for u in section.units] == ["(1)", "(a)", "(b)", "(2)", "(3)"]
    assert text_of(section)[3] == (
        "(2) The agency shall act for each person defined in Paragraph (b) of Subsection (1) of this section."
    )
    assert "Department of Examples" in text_of(section)[1]
    assert "Alpha law" in text_of(section)[4]


def test_frame_core_clauses_and_has(tiny):
    ws, alpha, library = tiny
    alone = draft_bill(alpha, ws.frameworks, library, ["relief-seal"]).sections[0]
    assert len(alone.units) == 2
    both = draft_bill(alpha, ws.frameworks, library, ["relief-extra"]).sections[0]
    # the core clause (sealing) comes with the frame; has() turns on the sentence that points
    # at the extra clause's unit
    assert both.clause_ids == ("relief-seal", "relief-extra")
    assert (
        text_of(both)[2]
        == "(3) The court may also grant the relief in Subsection (4) of this section."
    )


def test_amendment_strikes_and_inserts(tiny):
    ws, alpha, library = tiny
    section = draft_bill(alpha, ws.frameworks, library, ["goal-two"]).sections[0]
    assert section.intro == "Alpha Code 5-1 is amended to read:"
    first = section.units[0].runs
    assert [(r.text, r.mark) for r in first] == [
        ("A person under ", "plain"),
        ("sixteen", "deleted"),
        ("eighteen", "new"),
        (" years of age is a child.", "plain"),
    ]
    assert section.units[2].runs[0].mark == "new"
    assert section.new_material_tag == ""


def test_effects_in_notes_use_scoring_numbers(tiny):
    ws, alpha, library = tiny
    section = draft_bill(alpha, ws.frameworks, library, ["stepped-top"]).sections[0]
    fmt = format_points
    effects = [
        (e.goal_id, fmt(e.from_points), fmt(e.to_points), fmt(e.gain)) for e in section.effects
    ]
    assert effects == [
        ("2.1", "1", "5", "4"),
        ("range", "4", "6", "2"),
    ]


def broken_library(tmp_path: Path, file: str, old: str, new: str) -> Path:
    ws = copy_workspace(TINY, tmp_path / "ws")
    path = ws / "clauses" / file
    path.write_text(path.read_text().replace(old, new))
    return ws


def test_missing_name_is_an_error_naming_clause_and_name(tmp_path):
    ws = broken_library(tmp_path, "stepped-top.yaml", "names.agency", "names.registrar")
    result = run(
        "--workspace", str(ws), "draft", "alpha", "--clauses", "stepped-top", "--format", "md"
    )
    assert_one_line_error(result, 'clause "stepped-top"', "names.registrar")
    assert result.stdout == ""


def test_undefined_variable_is_an_error(tmp_path):
    ws = broken_library(tmp_path, "stepped-top.yaml", "{{ state.name }}", "{{ statename }}")
    result = run(
        "--workspace", str(ws), "draft", "alpha", "--clauses", "stepped-top", "--format", "md"
    )
    assert_one_line_error(result, 'clause "stepped-top"', "statename")


def test_dangling_reference_is_an_error(tmp_path):
    ws = broken_library(tmp_path, "relief-seal.yaml", 'ref("petition")', 'ref("petitoin")')
    result = run(
        "--workspace", str(ws), "draft", "alpha", "--clauses", "relief-seal", "--format", "md"
    )
    assert_one_line_error(result, 'refers to "petitoin"', "dangling")


def test_template_syntax_error_names_the_line(tmp_path):
    ws = broken_library(
        tmp_path, "stepped-mid.yaml", "The agency may act.", "The agency {{ may act."
    )
    result = run("--workspace", str(ws), "validate")
    assert result.exit_code == 2
    assert f"{ws / 'clauses' / 'stepped-mid.yaml'}:10: template error in text" in result.stderr


def test_unknown_level_in_clause_is_named(tmp_path):
    ws = broken_library(tmp_path, "stepped-mid.yaml", "level: mid", "level: middle")
    result = run("--workspace", str(ws), "validate")
    assert result.exit_code == 2
    assert 'stepped-mid.yaml:4: unknown level "middle"' in result.stderr


def test_default_selection_meets_every_unmet_goal_once(tiny):
    result = run("--workspace", str(TINY), "draft", "alpha", "--format", "md")
    assert result.exit_code == 0, result.stderr
    # 2.1 is met best by stepped-top (top level), which also meets range: one clause, not two
    assert "providing full measures" in result.stdout
    assert "providing some measures" not in result.stdout
    assert result.stdout.count("Sec. ") >= 3


def test_score_adopt_what_if():
    result = run(
        "--workspace", str(TINY), "score", "alpha", "--adopt", "stepped-top", "--format", "json"
    )
    data = json.loads(result.stdout)
    scores = {s["framework"]: s for s in data["scores"]}
    assert scores["tiny"]["total"] == 9 and scores["steps"]["total"] == 6
    assert {s["framework"]: s["total"] for s in data["before"]} == {"tiny": 5, "steps": 4}
    assert data["adopted"] == ["stepped-top"]


def test_draft_refuses_to_overwrite_and_writes_atomically(tmp_path):
    out = tmp_path / "bill.md"
    out.write_text("keep me")
    result = run("--workspace", str(TINY), "draft", "alpha", "-o", str(out))
    assert_one_line_error(result, "already exists", "--force")
    assert out.read_text() == "keep me"
    forced = run("--workspace", str(TINY), "draft", "alpha", "-o", str(out), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "Be it enacted by the People of Alpha:" in out.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bill.md"]  # no temporary left


def test_failed_draft_leaves_no_file(tmp_path):
    ws = broken_library(tmp_path, "stepped-top.yaml", "names.agency", "names.registrar")
    out = tmp_path / "bill.docx"
    result = run("--workspace", str(ws), "draft", "alpha", "-o", str(out))
    assert result.exit_code == 2
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["ws"]


# --- New Mexico ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nm(workspace, newmexico, library):
    return workspace, newmexico, library


def test_nm_record_relief_clauses_score_polaris_100(nm):
    from gapdraft.planning.whatif import score_with

    ws, state, library = nm
    record = [
        c.id
        for c in library.adoptable()
        if c.section == "record-relief" and not _is_lower_alternative(library, c)
    ]
    scores = {s.framework.id: s for s in score_with(state, ws.frameworks, library.expand(record))}
    assert scores["polaris-record-relief"].total == 100
    vacatur_goal = scores["sharedhope-2022"].goal_points["4.4"]
    assert vacatur_goal == ws.frameworks["sharedhope-2022"].goal("4.4").max_points


def _is_lower_alternative(library, clause) -> bool:
    if not clause.choice:
        return False
    rivals = [c for c in library.adoptable() if c.choice == clause.choice]
    return max(sum(s.points for s in c.satisfies) for c in rivals) > sum(
        s.points for s in clause.satisfies
    )


def test_nm_top6_is_one_coherent_record_relief_section(nm):
    from gapdraft.drafting.select import select_for_gaps
    from gapdraft.planning.gaps import build_plan

    ws, state, library = nm
    ids = select_for_gaps(library, build_plan(state, ws.frameworks, top=6).gaps).clause_ids
    bill: Bill = draft_bill(state, ws.frameworks, library, ids)
    # one section holds every record-relief clause; the others are the repeal of the sealing
    # section it replaces and the bill's closing sections
    body = [s for s in bill.sections if s.kind not in ("frame", "repeal")]
    assert len(body) == 1
    section = body[0]
    assert set(ids) <= set(section.clause_ids)
    assert [s.catchline for s in bill.sections if s.kind == "repeal"] == ["REPEAL.--"]
    assert section.intro.startswith("A new section of ") and section.intro.endswith(
        " is enacted to read:"
    )
    assert section.new_material_tag == "[NEW MATERIAL]"
    assert section.catchline.endswith(".--") and section.catchline == section.catchline.upper()
    assert bill.enacting_clause == "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF NEW MEXICO:"
    assert bill.title.startswith("RELATING TO HUMAN TRAFFICKING; ")
    labels = [u.label for u in section.units]
    assert labels[0] == "A." and "(1)" in labels
    body = " ".join("".join(r.text for r in u.runs) for u in section.units)
    assert "\x00" not in body and "{{" not in body


def test_every_nm_unmet_goal_drafts(nm):
    result = run("--workspace", str(REPO), "draft", "newmexico", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    assert result.stdout.count("[NEW MATERIAL]") >= 10


def test_two_alternatives_of_one_choice_are_refused(tmp_path):
    ws = copy_workspace(TINY, tmp_path / "ws")
    for name in ("relief-seal.yaml", "relief-extra.yaml"):
        path = ws / "clauses" / name
        path.write_text(
            path.read_text().replace("section: relief\n", "section: relief\nchoice: how\n")
        )
    result = run(
        "--workspace",
        str(ws),
        "draft",
        "alpha",
        "--clauses",
        "relief-seal,relief-extra",
        "--format",
        "md",
    )
    assert_one_line_error(result, "are alternatives", "pick one")
