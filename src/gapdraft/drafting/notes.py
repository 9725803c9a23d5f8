"""Drafter's notes the tool adds from data: where a section touches rules the courts make, where
it rests on an unverified placement or name, and where the bill states an assumed sum."""

from __future__ import annotations

from collections.abc import Sequence

from gapdraft.load.clauses import Clause
from gapdraft.model import Location, State

COURT_RULES = {
    "evidence": "a rule of evidence (what a court may admit)",
    "privilege": "an evidentiary privilege",
    "procedure": "a rule of court procedure",
}


def court_rule_notes(state: State, clauses: Sequence[Clause]) -> list[str]:
    """One note per kind of court rule the section states."""
    kinds = list(dict.fromkeys(k for c in clauses for k in c.touches))
    if not kinds:
        return []
    vocab = state.vocabulary
    maker = vocab.courts.get("rules") if vocab is not None else None
    who = f"the {maker}" if maker else "the state's highest court (check who makes court rules)"
    what = " and ".join(COURT_RULES[k] for k in kinds)
    return [
        f"Court rules: this section states {what}. In {state.name} such rules are made by {who}; "
        "a statute on a matter the court's rules govern may be held void where it conflicts with "
        "them. Before introduction, compare the section with the court's current rule, and "
        "consider asking the court to adopt a matching rule or letting the section yield to it."
    ]


def placement_notes(location: Location) -> list[str]:
    if location.status == "official":
        return []
    return [
        f'Unverified citation: the placement "{location.label}" is {location.status}; confirm '
        "the article (and the section number the compiler will give) against the official code."
    ]


def successor_notes(state: State, text: str) -> list[str]:
    """A body named as the successor of an abolished one rests on the state file's source."""
    vocab = state.vocabulary
    if vocab is None:
        return []
    notes = []
    for body in vocab.abolished:
        if body.replaced_by and body.replaced_by.lower() in text.lower():
            notes.append(
                f"Unverified name: {body.replaced_by} is named because the state file records "
                f"that it replaced the {body.name} ({body.status}"
                + (f": {body.note}" if body.note else "")
                + "). Confirm the body and its statute before introduction."
            )
    return notes


def appropriation_caveat(state: State, clauses: Sequence[Clause]) -> list[str]:
    vocab = state.vocabulary
    if vocab is None or not any("appropriation." in c.text for c in clauses):
        return []
    a = vocab.appropriation
    if a.status == "official":
        return []
    return [
        f"The appropriation's sum ({a.amount}) and fiscal year ({a.fiscal_year}) are "
        f"{a.status}, from the state file, for the sponsor to set: {a.note}"
    ]
