"""A new section that replaces an existing one: the bill repeals the old section in the state's
own form, after the sections it enacts, and names the repeal in the title. Works for any state
whose file lists the replaced section; a state that lists none gets no repeal."""

from __future__ import annotations

from pathlib import Path

from gapdraft.drafting.assemble import draft_bill
from gapdraft.load.workspace import Workspace
from tests.helpers import TINY, copy_workspace

FRAME = """  frame:
    effective_date: the ninetieth day after adjournment
    title:
      amending: amending {sections} of the {code_name}
      repealing: repealing {sections} of the {code_name}
      penalties: providing penalties
      appropriation: making an appropriation
    repeal:
      catchline: Repeal
      text: "{code_name} {cite}, as enacted by {history}, is repealed."
"""


def replacing(tmp_path: Path, history: str | None = "Alpha Laws 1999, ch. 1") -> Workspace:
    ws = copy_workspace(TINY, tmp_path / "ws")
    frame = ws / "clauses" / "relief.yaml"
    frame.write_text(
        frame.read_text().replace("core: [relief-seal]", "core: [relief-seal]\nreplaces: [old_law]")
    )
    state = ws / "samples" / "alpha.yaml"
    text = state.read_text().replace(
        "  font: {name: Liberation Serif, size: 11}\n",
        "  font: {name: Liberation Serif, size: 11}\n" + FRAME,
    )
    if history is None:
        text = text.replace("    history: Alpha Laws 1999, ch. 1\n", "")
    state.write_text(text)
    return Workspace.open(ws)


def test_the_replaced_section_is_repealed_in_the_states_form(tmp_path):
    ws = replacing(tmp_path)
    alpha = ws.load_state("alpha")
    bill = draft_bill(alpha, ws.frameworks, ws.load_library(), ["relief-seal"])
    assert [s.clause_ids for s in bill.sections][:2] == [("relief-seal",), ()]
    repeal = bill.sections[1]
    assert repeal.label == "Sec. 2."
    assert repeal.catchline == "Repeal."
    (unit,) = repeal.units
    assert [(r.text, r.mark) for r in unit.runs] == [
        ("Alpha Code 5-1, as enacted by Alpha Laws 1999, ch. 1, is repealed.", "plain")
    ]
    assert not repeal.quoted and repeal.new_material_tag == ""
    assert bill.title.endswith("providing relief; repealing Section 5-1 of the Alpha Code.")


def test_a_missing_history_is_a_marked_placeholder(tmp_path):
    ws = replacing(tmp_path, history=None)
    alpha = ws.load_state("alpha")
    bill = draft_bill(alpha, ws.frameworks, ws.load_library(), ["relief-seal"])
    (unit,) = bill.sections[1].units
    assert [r.mark for r in unit.runs] == ["plain", "placeholder", "plain"]
    assert unit.runs[1].text.startswith("<<LAWS CITATION")
    assert "history of Section 5-1" in bill.sections[1].note


def test_a_state_that_lists_no_replaced_section_gets_no_repeal(tmp_path):
    ws = replacing(tmp_path)
    state = ws.root / "samples" / "alpha.yaml"
    state.write_text(state.read_text().replace("  old_law:\n", "  older_law:\n"))
    ws = Workspace.open(ws.root)
    alpha = ws.load_state("alpha")
    bill = draft_bill(alpha, ws.frameworks, ws.load_library(), ["relief-seal"])
    assert [s.clause_ids for s in bill.sections] == [("relief-seal",)]
    assert "repealing" not in bill.title
