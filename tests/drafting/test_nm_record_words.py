"""New Mexico's words in the record-relief section and the youth clauses: its prosecutor and
children's court, its Children's Code categories, and subsections that refer back, not forward."""

from __future__ import annotations

import re

import pytest

from gapdraft.drafting.assemble import draft_bill
from gapdraft.drafting.bill import Bill
from gapdraft.drafting.select import select_for_gaps
from gapdraft.planning.gaps import build_plan


@pytest.fixture(scope="module")
def full(workspace, newmexico, library) -> Bill:
    ids = select_for_gaps(library, build_plan(newmexico, workspace.frameworks).gaps).clause_ids
    return draft_bill(newmexico, workspace.frameworks, library, ids)


def _text(section) -> str:
    return "\n".join("".join(r.text for r in u.runs) for u in section.units)


def _relief(bill: Bill):
    return next(s for s in bill.sections if "record-relief-vacatur-merits" in s.clause_ids)


def test_record_relief_uses_the_states_prosecutor_and_childrens_court(full):
    body = "\n".join(_text(s) for s in full.sections)
    assert "a prosecutor's office" not in body
    assert "the office of a district attorney" in body
    relief = _text(_relief(full))
    assert not re.search(r"\bjuvenile\b(?! justice)", relief), relief
    assert "children's court proceeding" in body
    assert "an adult or a child at the time" in relief
    assert "vacate any conviction or children's court adjudication" in relief


def test_additional_action_follows_the_relief_it_adds_to(full):
    section = _relief(full)
    relief = _text(section)
    at = {"".join(r.text for r in u.runs)[:40]: u.label.rstrip(".") for u in section.units}
    vacatur = next(v for k, v in at.items() if k.startswith("For each criminal record as to"))
    extra = next(v for k, v in at.items() if k.startswith("In addition to the relief that"))
    assert len(vacatur) == len(extra) == 1 and vacatur < extra
    assert f"In addition to the relief that Subsection {vacatur} of this section" in relief


def test_catchlines_and_youth_categories_are_new_mexicos(full):
    catchlines = [s.catchline for s in full.sections]
    assert not any(c.upper().startswith("PROSECUTORS;") for c in catchlines), catchlines
    assert any("PROSECUTION OF CHILD SEX TRAFFICKING CASES" in c.upper() for c in catchlines)
    body = "\n".join(_text(s) for s in full.sections)
    assert "status offense" not in body
    assert "family in need of court-ordered services" in body
