"""The record-relief section as a New Mexico drafter reads it: where it goes, what it replaces,
how the court decides, and that every Polaris level a clause claims is in the clause's own words."""

from __future__ import annotations

import re

import pytest

from gapdraft.drafting.assemble import draft_bill
from gapdraft.drafting.bill import Bill, BillSection
from gapdraft.drafting.clause_text import render_template
from tests.helpers import REPO, assert_one_line_error, copy_workspace, run

EVERY_TOP = [
    "record-relief-preponderance",
    "record-relief-official-documentation",
    "record-relief-confidentiality",
]


def unit_texts(section: BillSection) -> list[str]:
    return [f"{u.label} {''.join(r.text for r in u.runs)}".strip() for u in section.units]


def relief_of(bill: Bill) -> BillSection:
    (section,) = [s for s in bill.sections if s.clause_ids]
    return section


@pytest.fixture(scope="module")
def full(workspace, newmexico, library) -> Bill:
    return draft_bill(newmexico, workspace.frameworks, library, EVERY_TOP)


def test_section_is_enacted_in_the_trafficking_article_not_the_expungement_act(full):
    section = relief_of(full)
    assert section.intro == "A new section of Chapter 30, Article 52 NMSA 1978 is enacted to read:"
    assert "Expungement Act" not in section.intro


def test_existing_sealing_section_is_repealed_with_a_visible_history_placeholder(full):
    repeals = [s for s in full.sections if s.catchline == "REPEAL.--"]
    assert len(repeals) == 1
    repeal = repeals[0]
    runs = repeal.units[0].runs
    assert runs[0].text == "Section 30-52-1.2 NMSA 1978 (being "
    assert runs[1].mark == "placeholder" and runs[1].text.startswith("<<LAWS CITATION")
    assert runs[-1].text == ") is repealed."
    assert repeal.number > relief_of(full).number
    assert "unverified" in repeal.note and "fetch" in repeal.note.lower()
    assert "REPEALING SECTION 30-52-1.2 NMSA 1978" in full.title
    assert "Section 30-52-1.2, which the bill repeals, is cited unverified." in full.caveats
    # the new section keeps orders under the repealed one in force
    texts = unit_texts(relief_of(full))
    assert any("former Section 30-52-1.2 NMSA 1978 before its repeal remains" in t for t in texts)


def test_general_act_is_displaced_as_to_the_whole_remedy(full):
    texts = unit_texts(relief_of(full))
    assert any(
        "governed by this section and not by the Criminal Record Expungement Act" in t
        for t in texts
    )
    body = " ".join(texts)
    assert "notwithstanding" not in body.lower()


def test_decision_rule_shall_grant_on_a_preponderance_and_denial_with_reasons(full):
    texts = unit_texts(relief_of(full))
    decision = [t for t in texts if "shall grant a petition" in t]
    assert len(decision) == 1  # exactly one decision rule, from the burden clause
    assert "by a preponderance of the evidence" in decision[0]
    label = decision[0].split(" ")[0].rstrip(".")
    assert any(f"the finding that Subsection {label} of this section requires" in t for t in texts)
    assert any("state its reasons in writing" in t for t in texts)


def test_without_a_burden_clause_the_decision_rule_stands_without_a_standard(
    workspace, newmexico, library
):
    bill = draft_bill(newmexico, workspace.frameworks, library, ["record-relief-confidentiality"])
    texts = unit_texts(relief_of(bill))
    (decision,) = [t for t in texts if "shall grant a petition" in t]
    assert "evidence" not in decision
    assert "silent on the standard" in relief_of(bill).note


def test_presumption_is_tied_to_the_nexus_at_the_time_of_the_offense_and_rebuttable(full):
    body = " ".join(unit_texts(relief_of(full)))
    assert (
        "Official documentation that the petitioner was a trafficking victim at the time of an "
        "offense creates a rebuttable presumption that the petitioner committed"
    ) in body
    assert (
        "The presumption is rebutted only if the district attorney proves, by a preponderance "
        "of the evidence, that the petitioner did not commit the offense as a result of having "
        "been a trafficking victim."
    ) in body


def test_venue_is_the_district_court_where_the_case_was(full):
    body = " ".join(unit_texts(relief_of(full)))
    assert "shall file a petition in the district court in which the charge was filed" in body
    assert "any court in which a petition" not in body


def test_what_follows_the_order_and_retroactivity(full):
    body = " ".join(unit_texts(relief_of(full)))
    assert "send a copy of an order granting relief to the district attorney" in body
    assert "to the Department of Public Safety" in body
    assert "is canceled to the extent that it has not been paid" in body
    assert "may respond to any inquiry as though it had not occurred" in body
    assert "occurred before, on or after the date on which this section takes effect" in body


def test_state_vocabulary_and_terms_defined_once(full):
    texts = unit_texts(relief_of(full))
    body = " ".join(texts)
    assert "prosecuting attorney" not in body and "petty offense" not in body
    assert "petty misdemeanor" in body
    # the prosecutor is the state's officer, identified where the section first names it
    assert (
        "on the district attorney for the judicial district in which the petition is filed" in body
    )
    for term in ("criminal record", "official documentation", "trafficking victim", "expunge"):
        assert body.count(f'"{term}" means') == 1, term
    assert sum(t.endswith("As used in this section:") for t in texts) == 1


def test_other_evidence_the_court_may_consider(full):
    texts = unit_texts(relief_of(full))
    (i,) = [k for k, t in enumerate(texts) if "the court may consider any relevant evidence" in t]
    listed = " ".join(texts[i + 1 : i + 6])
    assert "the petitioner's sworn statement" in listed
    assert "records of a victim service provider" in listed
    assert any(
        t.endswith("Official documentation is not required for relief pursuant to this section.")
        for t in texts
    )


def test_parts_are_drafted_only_with_their_section_and_cannot_be_adopted(library):
    assert "record-relief-evidence" not in [c.id for c in library.adoptable()]
    result = run(
        "--workspace",
        str(REPO),
        "draft",
        "newmexico",
        "--clauses",
        "record-relief-evidence",
        "--format",
        "md",
    )
    assert_one_line_error(result, "record-relief-evidence", "part of a section")


# --- every Polaris level a clause claims is met by that clause's own words ----------------------

# level -> words the clause's text must contain (the rubric criterion, in substance)
CRITERIA: dict[tuple[str, str], tuple[str, ...]] = {
    ("nexus-to-trafficking", "as-a-result"): ("as a result of having been a trafficking victim",),
    ("offenses-covered", "all-offenses"): ("record of any offense", "No offense is excluded"),
    ("offenses-covered", "enumerated-violent-felonies"): (
        "any misdemeanor",
        "any felony that does not have as an element the use",
        "any of the following felonies",
    ),
    ("arrests-and-adjudications", "comprehensive"): (
        "a record of an arrest",
        "dismissed or not prosecuted",
        "children's court adjudication",  # the rubric's adjudications, in New Mexico's words
    ),
    ("time-limits", "no-limit"): ("may be filed at any time", "No period of waiting"),
    ("time-limits", "lenient"): ("within a reasonable time after",),
    ("restrictive-conditions", "no-conditions"): ("whether or not the person",),
    ("hearing-requirement", "no-hearing"): ("No hearing is required",),
    ("hearing-requirement", "if-opposed-waivable"): (
        "shall hold a hearing on a petition only if",
        "may waive the right to be present",
    ),
    ("official-documentation", "presumption"): (
        "Official documentation",
        "creates a rebuttable presumption",
        "eligible for relief",
    ),
    ("burden-of-proof", "preponderance"): ("by a preponderance of the evidence",),
    ("burden-of-proof", "clear-and-convincing"): ("by clear and convincing evidence",),
    ("judicial-discretion", "additional-action"): (
        "over the objection of the district attorney if the district attorney was served",
        "take such additional action as is appropriate in the circumstances",
    ),
    ("range-of-relief", "vacatur"): ("vacate any conviction",),
    ("range-of-relief", "vacatur-merits"): ("vacate any conviction", "vacated on the merits"),
    ("confidentiality", "express"): ("filed and kept under seal", "confidential"),
}

FORBIDDEN = {  # lower rubric levels' wording that would cost points
    "nexus-to-trafficking": ("direct result", "proximately caused", "while under duress"),
    "hearing-requirement": ("shall hold a hearing on every",),
}


def test_every_polaris_level_claimed_is_in_the_clause_text(newmexico, library):
    checked = 0
    for clause in library.adoptable():
        for lift in clause.satisfies:
            if lift.framework_id != "polaris-record-relief":
                continue
            text = " ".join(render_template(clause, "text", newmexico, {clause.id}).split())
            text = re.sub(r"\x00ref:[^\x00]*\x00", "Subsection X of this section", text)
            for words in CRITERIA[(lift.goal_id, lift.level_id)]:
                assert words in text, (clause.id, words)
            for words in FORBIDDEN.get(lift.goal_id, ()):
                assert words not in text, (clause.id, words)
            checked += 1
    assert checked == len(CRITERIA)


def test_a_state_without_a_repeal_form_gets_a_clear_error(tmp_path):
    ws = copy_workspace(REPO, tmp_path / "ws")
    state = ws / "samples" / "newmexico.yaml"
    text = state.read_text()
    start = text.index("    repeal:\n")
    end = text.index("\n", text.index("      text:", start)) + 1
    state.write_text(text[:start] + text[end:])
    result = run(
        "--workspace",
        str(ws),
        "draft",
        "newmexico",
        "--clauses",
        "record-relief-confidentiality",
        "--format",
        "md",
    )
    assert_one_line_error(result, "newmexico.yaml", "repeals Section 30-52-1.2", "repeal:")


def test_naming_the_section_drafts_it_with_its_core_and_the_repeal(tmp_path):
    out = tmp_path / "rr.md"
    result = run(
        "--workspace", str(REPO), "draft", "newmexico", "--clauses", "record-relief", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert "HUMAN TRAFFICKING VICTIMS--RELIEF FROM CRIMINAL RECORDS.--" in text
    assert "REPEAL.--Section 30-52-1.2 NMSA 1978" in text
    assert "shall grant a petition as to a criminal record if it finds that" in text
