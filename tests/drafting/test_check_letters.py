"""`check_letters` (what validate runs for every clause drafted alone) raises exactly what
`letter` raises, and nothing where `letter` succeeds; `check_clauses` likewise for a bill."""

from __future__ import annotations

import pytest

from gapdraft.drafting.assemble import check_clauses, draft_bill
from gapdraft.drafting.bill import Run
from gapdraft.drafting.lettering import Part, check_letters, letter
from gapdraft.drafting.units import RawUnit
from gapdraft.errors import GapdraftError, RenderError

REF = "\x00ref:{}\x00"

CASES = {
    "fine": [
        Part("c", [RawUnit(1, "a", "One."), RawUnit(1, None, "See " + REF.format("a"))], "new")
    ],
    "sole unit referred to": [Part("c", [RawUnit(1, "a", "See " + REF.format("a"))], "new")],
    "too deep": [Part("c", [RawUnit(1, None, "One:"), RawUnit(3, None, "Deep.")], "new")],
    "prose after letters": [
        Part("c", [RawUnit(1, None, "One."), RawUnit(0, None, "Then.")], "new")
    ],
    "two anchors": [Part("c", [RawUnit(1, "a", "One."), RawUnit(1, "a", "Two.")], "new")],
    "dangling": [Part("c", [RawUnit(1, "a", "One."), RawUnit(1, None, REF.format("b"))], "new")],
    "dangling in preset runs": [
        Part(
            "s",
            [RawUnit(1, None, "x"), RawUnit(1, None, "y")],
            "plain",
            [
                (Run("One."),),
                (Run("Two, "), Run("under " + REF.format("zz"), "new")),
            ],
        )
    ],
    "unlettered anchor": [
        Part("c", [RawUnit(0, "top", "Lead in."), RawUnit(1, None, REF.format("top"))], "new")
    ],
}


@pytest.mark.parametrize("name", list(CASES))
def test_check_letters_raises_what_letter_raises(newmexico, name) -> None:
    style = newmexico.bill_style
    parts = CASES[name]
    try:
        letter(style, parts, "sec")
    except RenderError as exc:
        with pytest.raises(RenderError) as checked:
            check_letters(style, parts, "sec")
        assert str(checked.value) == str(exc)
    else:
        assert name in ("fine", "sole unit referred to")
        assert check_letters(style, parts, "sec") is None


def test_check_clauses_raises_what_draft_bill_raises(newmexico, library, workspace) -> None:
    frameworks = workspace.frameworks
    broken = newmexico._replace(
        locations={k: v for k, v in newmexico.locations.items() if k != "evidence"}
    )
    checked = 0
    for clause in library.adoptable():
        for state in (newmexico, broken):
            try:
                draft_bill(state, frameworks, library, [clause.id])
            except GapdraftError as exc:
                with pytest.raises(GapdraftError) as raised:
                    check_clauses(state, frameworks, library, [clause.id])
                assert str(raised.value) == str(exc)
                checked += 1
            else:
                check_clauses(state, frameworks, library, [clause.id])
    assert checked >= 2  # the clauses placed in "evidence", drafted for the broken state


def test_clauses_enacting_the_same_clauses_share_one_draft_and_report_alike(
    newmexico, library, workspace
) -> None:
    """validate drafts each set of enacted clauses once per state (a section's core clauses
    each enact the whole core) and reports its outcome once per clause, as drafting each did."""
    from gapdraft.validation import _alone, _unneeded_everywhere

    locations = {k: v for k, v in newmexico.locations.items() if k != "trafficking_article"}
    for state in (newmexico, newmexico._replace(locations=locations)):
        expected = []
        for clause in library.adoptable():
            if _unneeded_everywhere(state, clause):
                continue
            try:
                check_clauses(state, workspace.frameworks, library, [clause.id])
            except GapdraftError as exc:
                expected.append(str(exc))
        assert _alone(workspace, state, library) == expected
    assert len(expected) > len(set(expected)) > 0  # the same failure, once per clause
