"""The text of a new state file (`gapdraft new-state`): every goal of every framework listed with
its criterion and levels as comments, uncoded; the names, locations and sections the clause
library uses, to fill in; and a bill style to start from (a neutral one, or another state's).
Pure: returns text, writes nothing."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

from gapdraft.load.clauses import ClauseLibrary
from gapdraft.load.yamlnodes import load_yaml
from gapdraft.model import Framework, Goal
from gapdraft.scoring import format_points

WIDTH = 96

NEUTRAL_STYLE = """\
bill_style:
  # A neutral starting point: change every line to the state's own bill form
  # (docs/data-format.md, "Bill style", lists each key and its placeholders).
  heading:
    - "BILL {{number}}"
    - INTRODUCED BY
    - "{{sponsor}}"
  heading_align: center
  number: ""
  sponsor: (model bill; sponsor to be named)
  act_line: AN ACT
  title: "Relating to {{subject}}; {{provisions}}."
  subject: human trafficking
  enacting_clause: "Be it enacted by the Legislature of the State of {name}:"
  section_label: "SECTION {{n}}."
  new_section: "A new section is added to {{location}} to read:"
  amend_section: "Section {{cite}}, {{code_name}}, is amended to read:"
  uncodified_section: ""
  catchline: "{{catchline}}."
  uncodified_catchline: ""
  units: ["({{a}})", "({{1}})", "({{A}})"]
  cross_reference:
    names: [Subsection, Subdivision, Paragraph]
    order: innermost-first
    join: " of "
    text: "{{units}} of this section"
  markup: {{new: underline, deleted: bracket-strike, new_sections: false}}
  legend: []
  footer: "Page {{page}} of {{pages}}"
  line_numbers: false
  font: {{name: Times New Roman, size: 12}}
"""


def _vocabulary_lines() -> list[str]:
    """Every word the vocabulary reader asks for, empty, from its own lists (so none is missed)."""
    from gapdraft.load import vocabulary as v

    out = [
        "vocabulary:                       # the state's legal words: clauses never hard-code them",
        "  status: unverified",
        "  penalties:                       # every severity tier -> the state's grade phrase",
        *(f"    {tier}:" for tier in v.PENALTY_TIERS),
    ]
    for key, words in (
        ("courts", v.COURTS),
        ("officers", v.OFFICERS),
        ("offenses", v.OFFENSES),
        ("youth", v.YOUTH),
    ):
        out += [f"  {key}:", *(f"    {word}:" for word in words)]
    out += [
        "  appropriation:                   # a sum is our assumption until the sponsor sets it",
        *(f"    {k}:" for k in ("amount", "amount_words", "fund", "fiscal_year")),
        "    status: assumed",
        "    note:",
    ]
    return out


def _comment(text: str, indent: str, first: str = "", rest: str = "") -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), WIDTH - len(indent) - len(first) - 2)
    return [f"{indent}# {first if i == 0 else rest}{line}" for i, line in enumerate(lines)]


def _goal_lines(goal: Goal) -> list[str]:
    pad = "      "
    out = [f"{pad}# {goal.id} {goal.title} (up to {format_points(goal.max_points)} points)"]
    out += _comment(goal.criterion, pad, "criterion: ", "  ")
    for level in goal.levels:
        out += _comment(
            level.criterion, pad, f"level {level.id} = {format_points(level.points)}: ", "  "
        )
    out.append(f'{pad}"{goal.id}":')
    return out


def _coding_lines(framework: Framework) -> list[str]:
    out = [
        f"  {framework.id}:",
        f"    # {framework.publisher}, {framework.title} ({framework.edition})",
        "    coder:                         # who coded this state",
        "    reviewed:                      # the date the coding was last reviewed: 2026-11-24",
        "    basis:                         # what it rests on: the state's card, statutes read",
        "    goals:",
        "      # Under each goal write `level: <id>` (or `points: n` where partial credit is",
        "      # given), `status:`, `note:` and `citations:`. An empty goal is not coded yet.",
    ]
    for issue in framework.issues:
        out.append(f"      # --- {issue.id} {issue.title} ({format_points(issue.max_points)}) ---")
        for goal in issue.goals:
            out += _goal_lines(goal)
    return out


def _style_block(style_from: Path | None, name: str) -> str:
    if style_from is None:
        return NEUTRAL_STYLE.format(name=name)
    root = load_yaml(style_from)
    lines = style_from.read_text(encoding="utf-8").splitlines()
    start = root.key_lines["bill_style"]
    later = sorted(n for n in root.key_lines.values() if n > start)
    end = later[0] - 1 if later else len(lines)
    while end > start and not lines[end - 1].strip():
        end -= 1
    note = f"  # copied from {style_from.name}: change what differs in this state's bills"
    return "\n".join([lines[start - 1], note, *lines[start:end]]) + "\n"


def _library_lines(library: ClauseLibrary | None) -> list[str]:
    if library is None:
        return []
    needs = sorted({n for c in library.clauses.values() for n in c.needs})
    where: dict[str, list[str]] = {}
    amends: dict[str, list[str]] = {}
    for clause in library.clauses.values():
        if clause.placement and clause.placement.location:
            where.setdefault(clause.placement.location, []).append(clause.id)
        if clause.placement and clause.placement.amend:
            amends.setdefault(clause.placement.amend, []).append(clause.id)
        for change in clause.amends:
            amends.setdefault(change.section, []).append(clause.id)
    out = ["names:                             # the words the clause texts use for this state"]
    out += [f"  {key}:" for key in needs]
    out += ["locations:                         # where the clauses' new sections go"]
    for key in sorted(where):
        out += _comment(", ".join(sorted(where[key])), "  ", "for: ", "  ")
        out.append(f"  {key}: {{label: , order: , status: unverified}}")
    if amends:
        out += [
            "# sections:                       # existing sections clauses amend (set out in",
            "#                                 # full, with this state's amendments); without",
            "#                                 # an entry the bill prints a placeholder:",
        ]
        for key in sorted(amends):
            out += _comment(", ".join(sorted(set(amends[key]))), "#   ", "for: ", "  ")
            out.append(f"#   {key}: {{cite: , catchline: , status: , text: , amendments: []}}")
    return out + _vocabulary_lines()


def new_state_text(
    slug: str,
    name: str,
    postal: str,
    frameworks: Mapping[str, Framework],
    library: ClauseLibrary | None,
    style_from: Path | None,
    schema_ref: str | None,
) -> str:
    head = [f"# yaml-language-server: $schema={schema_ref}"] if schema_ref else []
    head += [
        f"# {name}: written by `gapdraft new-state`. docs/data-format.md describes every key;",
        "# `gapdraft validate` lists what is still to fill in, each with its line.",
        f"slug: {slug}",
        f"name: {name}",
        f"postal: {postal}",
        "code_name:                          # the name of the state's code, as bills cite it",
        "memo:",
        f"  to: Members of the {name} Legislature",
        "  from: State Policy Team",
    ]
    body: Sequence[str] = [
        *_library_lines(library),
        "codings:",
        *(line for f in frameworks.values() for line in _coding_lines(f)),
        "# published:                        # the publisher's figures for this state, if any:",
        "#   <framework id>: {total: , grade: , issues: {...}, source: {title: , url: }}",
    ]
    return "\n".join(head) + "\n" + _style_block(style_from, name) + "\n".join(body) + "\n"
