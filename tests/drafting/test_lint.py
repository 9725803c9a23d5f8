"""The bill lint: each finding one line with file:line, errors exit 2 (validate and draft --check)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gapdraft.drafting.assemble import draft_bill
from gapdraft.drafting.lint import check_bill, lint_library
from gapdraft.load.workspace import Workspace
from tests.helpers import REPO, TINY, copy_workspace, run

LOCATED = re.compile(r"^.+\.yaml:\d+: (error|warning): ")


def _add_clause(root: Path, clause_id: str, text: str, extra: str = "") -> None:
    (root / "clauses" / f"{clause_id}.yaml").write_text(
        f"id: {clause_id}\ntitle: Test clause\nsatisfies:\n"
        '  - {framework: tiny, goal: "2.1", level: top}\n'
        f"effort: 1\n{extra}catchline: Test measures\ntitle_phrase: testing\n"
        f"placement: {{location: main}}\ntext: |\n{text}note: A note.\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "  # Notwithstanding any other law of this state, the agency acts.\n",
            "overrides existing law",
        ),
        ("  # For the purposes of any law of this state, X is Y.\n", "overrides existing law"),
        (
            "  # A person who does it shall be sentenced to imprisonment for a term of not less\n"
            "  than three years.\n",
            "hard-codes a sentence",
        ),
        (
            "  # There is appropriated such sums as the legislature may provide.\n",
            "appropriates no stated sum",
        ),
        ('  # "widget" means a small device.\n', 'defines "widget" in its text'),
    ],
)
def test_library_lint_names_file_and_line(tmp_path, text, expected):
    root = copy_workspace(TINY, tmp_path / "ws")
    _add_clause(root, "bad-one", text)
    findings = lint_library(Workspace.open(root).load_library())
    mine = [str(f) for f in findings if "bad-one" in str(f)]
    assert mine, findings
    assert any(expected in line for line in mine), mine
    # the text starts on line 10 of the file written above; the finding points into it
    assert all(LOCATED.match(line) for line in mine)
    assert any("bad-one.yaml:10:" in line or "bad-one.yaml:11:" in line for line in mine)


def test_a_defined_term_used_but_not_declared_is_an_error(tmp_path):
    root = copy_workspace(TINY, tmp_path / "ws")
    (root / "clauses" / "terms").mkdir()
    (root / "clauses" / "terms" / "t.yaml").write_text(
        "terms:\n  register-entry:\n    term: register entry\n    definition: means an entry\n"
    )
    _add_clause(root, "undeclared", "  # Each register entry is kept.\n")
    _add_clause(root, "declared", "  # Each register entry is kept.\n", "uses: [register-entry]\n")
    lines = [str(f) for f in lint_library(Workspace.open(root).load_library())]
    assert any('undeclared" uses the defined term "register entry"' in line for line in lines)
    assert not any('"declared"' in line for line in lines)


def test_a_body_the_state_marks_abolished_is_an_error(tmp_path):
    root = copy_workspace(REPO, tmp_path / "ws")
    state_file = root / "samples" / "newmexico.yaml"
    text = state_file.read_text()
    council = (
        "law_enforcement_training_body: New Mexico Law Enforcement Standards and Training Council"
    )
    assert council in text
    state_file.write_text(
        text.replace(
            council, "law_enforcement_training_body: New Mexico Law Enforcement Academy Board"
        )
    )
    ws = Workspace.open(root)
    state, library = ws.load_state("newmexico"), ws.load_library()
    bill = draft_bill(state, ws.frameworks, library, ["law-enforcement-trafficking-training"])
    errors = [str(f) for f in check_bill(bill, state, library) if f.level == "error"]
    assert any("names New Mexico Law Enforcement Academy Board" in e for e in errors), errors
    assert any("names.law_enforcement_training_body" in e for e in errors), errors


def test_the_repository_bills_pass_the_lint():
    ws = Workspace.open(REPO)
    state, library = ws.load_state("newmexico"), ws.load_library()
    from gapdraft.drafting.select import select_for_gaps
    from gapdraft.planning.gaps import build_plan

    for top in (None, 6):
        ids = select_for_gaps(library, build_plan(state, ws.frameworks, top=top).gaps).clause_ids
        bill = draft_bill(state, ws.frameworks, library, ids)
        assert [str(f) for f in check_bill(bill, state, library) if f.level == "error"] == []


def test_draft_check_exits_2_with_one_line_per_finding(tmp_path):
    root = copy_workspace(REPO, tmp_path / "ws")
    clause = root / "clauses" / "csec-buyer-offense.yaml"
    clause.write_text(
        clause.read_text().replace(
            'with a child is guilty of {{ penalty("serious-felony") }}.',
            "with a child shall be sentenced to imprisonment for a term of not less than\n"
            "  three years.",
        )
    )
    result = run(
        "--workspace", str(root), "draft", "newmexico", "--clauses", "csec-buyer-offense", "--check"
    )
    assert result.exit_code == 2, result.stderr
    findings = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert findings and all("csec-buyer-offense.yaml:" in line for line in findings)
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.md"))
    ok = run("--workspace", str(REPO), "draft", "newmexico", "--top", "6", "--check")
    assert ok.exit_code == 0, ok.stderr
    assert "0 errors" in ok.stderr
