"""Terminal tables and footnotes fit the width (COLUMNS): headers and text wrap at words, ids
after their hyphens, numbers never; nothing is cut."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gapdraft.render.textable import Column, fit_lines, render_table
from tests.helpers import REPO, TINY, run

COMMANDS = [
    ("plan", "newmexico"),
    ("plan", "newmexico", "--target-grade", "C"),
    ("plan", "newmexico", "--by", "clause"),
    ("plan", "newmexico", "--target-grade", "B", "--minimize", "effort"),
    ("score", "newmexico"),
    ("score", "newmexico", "--adopt", "record-relief-vacatur"),
    ("list",),
    ("validate",),
    ("compare",),
]


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_line_wider_than_columns(args, columns):
    result = run("--workspace", str(REPO), *args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    for line in (result.stdout + result.stderr).splitlines():
        assert len(line) <= columns, line


def test_plan_at_80_keeps_words_and_ids_whole():
    out = run("--workspace", str(REPO), "plan", "newmexico", env={"COLUMNS": "80"}).stdout
    words = set(out.replace("-\n", "-").split())
    # ids broken only after a hyphen: joined again, each id is there
    for goal_id in ("official-documentation", "offenses-covered", "range-of-relief"):
        assert goal_id in out.replace("-\n", "-") or _joined_column(out, goal_id)
    for word in ("confidentiality", "Preponderance", "eligibility"):
        assert word in words


def _joined_column(out: str, text: str) -> bool:
    """Whether `text` reads down one column: pieces on successive lines at the same place."""
    lines = out.splitlines()
    for n, line in enumerate(lines):
        start = 0
        while (at := line.find(text.split("-")[0] + "-", start)) != -1:
            pieces, k = "", n
            while k < len(lines) and len(pieces) < len(text):
                piece = lines[k][at:].split(" ")[0]
                if not piece:
                    break
                pieces += piece
                k += 1
            if pieces.startswith(text):
                return True
            start = at + 1
    return False


def test_header_wraps_at_words_and_numbers_stay_whole():
    columns = [
        Column("#", "right"),
        Column("Polaris record relief", "right"),
        Column("Title", flexible=True),
    ]
    rows = [["1", "+23", "Petitions filed under seal and kept confidential"]]
    text = render_table("", columns, rows, 30)
    assert all(len(line) <= 30 for line in text.splitlines())
    assert "Polaris" in text and "relief" in text and "+23" in text
    assert "Petitions" in text and "confidential" in text


def test_ids_wrap_after_a_hyphen():
    columns = [Column("#", "right"), Column("Clause", ids=True)]
    rows = [["1", "record-relief-arrests-and-adjudications"]]
    lines = render_table("", columns, rows, 20).splitlines()[2:]
    pieces = [line.split()[-1] for line in lines]
    assert len(pieces) > 1 and all(len(line) <= 20 for line in lines)
    assert "".join(pieces) == "record-relief-arrests-and-adjudications"
    assert all(p.endswith("-") for p in pieces[:-1])


def test_footnotes_wrap_with_an_indent():
    note = "* Shared Hope 2022 grades use assumed cut-offs (A 90, B 80, C 70, D 60, F below 60)"
    lines = fit_lines([note], 60)
    assert len(lines) == 2 and lines[1].startswith("  ")
    assert " ".join(" ".join(lines).split()) == note


words = st.text(alphabet="abcdefgh", min_size=1, max_size=9)
cell = st.lists(words, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.tuples(st.integers(0, 999), cell, cell), min_size=1, max_size=5),
    width=st.integers(60, 120),
)
def test_any_table_fits(rows, width):
    columns = [
        Column("Rank", "right"),
        Column("Scorecard name", flexible=True),
        Column("What", flexible=True),
    ]
    text = render_table(
        "A title that is long enough to need wrapping " * 3,
        columns,
        [[str(a), b, c] for a, b, c in rows],
        width,
    )
    assert all(len(line) <= width for line in text.splitlines())
    flat = text.split()
    for _, b, c in rows:
        for word in (b + " " + c).split():
            assert word in flat  # never broken inside a word


def test_score_adopt_says_the_section_comes_whole_and_explains_the_marks():
    result = run("--workspace", str(REPO), "score", "newmexico", "--adopt", "record-relief-vacatur")
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "record-relief-vacatur brings its whole section with it (record-relief:" in said
    assert "core clauses record-relief-petition-nexus" in said
    assert " !" in result.stdout
    assert "! the subtotal with the clauses differs from the published one" in " ".join(
        result.stdout.split()
    )


def test_no_section_message_for_a_clause_without_a_frame():
    result = run("--workspace", str(TINY), "score", "alpha", "--adopt", "goal-two")
    assert result.exit_code == 0, result.stderr
    assert "whole section" not in result.stderr
