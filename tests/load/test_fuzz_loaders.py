"""Property-based tests: random and mutated state, framework and clause files, taken from the
real workspace as it is (so new keys are covered as they are added), go through the loaders,
scoring, planning and drafting, and raise nothing but the project's typed errors.

Two kinds of mutation: of the text (lines deleted, duplicated, swapped or re-indented, values
replaced by hostile YAML, stray characters inserted) and of the parsed tree (any value replaced by
a hostile one, keys removed or added), dumped back as YAML.

Example counts stay moderate so the suite stays fast; GAPDRAFT_FUZZ_EXAMPLES raises them
(`GAPDRAFT_FUZZ_EXAMPLES=2000 pytest tests/load/test_fuzz_loaders.py`).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gapdraft.drafting import templates
from gapdraft.drafting.assemble import draft_bill
from gapdraft.drafting.select import select_for_gaps
from gapdraft.errors import GapdraftError
from gapdraft.load.clauses import ClauseLibrary
from gapdraft.load.workspace import Workspace
from gapdraft.model import Framework
from gapdraft.planning.gaps import build_plan
from gapdraft.render.bill_md import bill_markdown
from gapdraft.scoring import score_state
from tests.helpers import REPO

EXAMPLES = int(os.environ.get("GAPDRAFT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

STATE_TEXTS = {p.name: p.read_text() for p in sorted((REPO / "samples").glob("*.yaml"))}
FRAMEWORK_TEXTS = {p.name: p.read_text() for p in sorted((REPO / "policy_goals").glob("*.yaml"))}
CLAUSE_TEXTS = {p.name: p.read_text() for p in sorted((REPO / "clauses").glob("*.yaml"))}

# Hostile YAML scalars and collections, as text
NASTY_YAML = [
    "",
    "null",
    "~",
    "-1",
    "0",
    "99999999999999999999999999",
    "9.0e+999999",
    "1.0e-999999",
    ".nan",
    ".inf",
    "true",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "{a: b}",
    '"{"',
    '"{n"',
    '"}"',
    '"{catchline}.--}"',
    "2026-02-30",
    "2024-01-01",
    "!!int 0x",
    "!!bool maybe",
    "!!timestamp soon",
    "!!set {a}",
    "!!binary aGk=",
    "&a x",
    "*a",
    "'{{ range(100001)|list }}'",
    "'{% include \"x\" %}'",
    '"\\e[31m"',
    "[" * 50 + "]" * 50,
    "x" * 5000,
]
NASTY_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["{", "}", "{n}", "{0}", "{x.__class__}", "{{ 1/0 }}", "x" * 3000]),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
STRAYS = "{}[]:-#&*!|>'\"\t\n %@`?,\\\x00\x1b\u2028"


# --- mutations ------------------------------------------------------------------------------


@st.composite
def text_mutation(draw: st.DrawFn, texts: dict[str, str]) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(texts)))
    lines = texts[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "value", "stray"]))
        line = lines[i] if lines else "\n"
        if op == "delete":
            del lines[i : i + 1]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "indent":
            lines[i] = draw(st.sampled_from(["  ", " ", "\t"])) + line
        elif op == "value" and ": " in line:
            lines[i] = line.split(": ", 1)[0] + ": " + draw(st.sampled_from(NASTY_YAML)) + "\n"
        elif op == "stray" and lines:
            at = draw(st.integers(0, len(line)))
            lines[i] = (
                line[:at] + draw(st.text(alphabet=STRAYS, min_size=1, max_size=3)) + line[at:]
            )
    return name, "".join(lines)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


PARSED: dict[str, Any] = {}


def _parsed(text: str) -> Any:
    if text not in PARSED:
        PARSED[text] = yaml.safe_load(text)
    return PARSED[text]


@st.composite
def tree_mutation(draw: st.DrawFn, texts: dict[str, str]) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(texts)))
    data = copy.deepcopy(_parsed(texts[name]))
    paths = list(_paths(data))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            op = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
            if op == "delete":
                del parent[path[-1]]
            elif op == "add" and isinstance(parent, dict):
                parent[draw(st.text(max_size=8))] = draw(NASTY_VALUES)
            else:
                parent[path[-1]] = draw(NASTY_VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


ANY_MUTATION = {
    "state": st.one_of(text_mutation(STATE_TEXTS), tree_mutation(STATE_TEXTS)),
    "framework": st.one_of(text_mutation(FRAMEWORK_TEXTS), tree_mutation(FRAMEWORK_TEXTS)),
    "clause": st.one_of(text_mutation(CLAUSE_TEXTS), tree_mutation(CLAUSE_TEXTS)),
}


# --- the pipeline ---------------------------------------------------------------------------


def _exercise(ws: Workspace, state_name: str, library: ClauseLibrary | None) -> None:
    """Load, score, plan and draft (a few clauses), as the CLI does."""
    state = ws.load_state(state_name)
    score_state(state, ws.frameworks)
    plan = build_plan(state, ws.frameworks)
    if library is None or state.bill_style is None:
        return
    ids = list(select_for_gaps(library, plan.gaps[:4]).clause_ids)
    if ids:
        bill_markdown(draft_bill(state, ws.frameworks, library, ids))


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, ClauseLibrary]:
    ws = Workspace.open(REPO)
    return ws, ws.load_library()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's workspace to break one file of at a time."""
    root = tmp_path_factory.mktemp("fuzz")
    for folder in ("policy_goals", "samples", "clauses"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture(autouse=True)
def fresh_render_allowance() -> Iterator[None]:
    """Hostile templates use up the per-run render allowance; each test starts afresh."""
    templates._Budget.spent = 0.0
    yield
    templates._Budget.spent = 0.0


def _only_typed_errors(run: Any) -> None:
    try:
        run()
    except GapdraftError as exc:
        assert "\n" not in str(exc), str(exc)[:500]


@FUZZ
@given(mutation=ANY_MUTATION["state"])
def test_mutated_state_files_raise_only_typed_errors(real, scratch, mutation):
    ws, library = real
    name, text = mutation
    path = scratch / "samples" / name
    path.write_text(text)
    try:
        _only_typed_errors(lambda: _exercise(ws, str(path), library))
    finally:
        path.write_text(STATE_TEXTS[name])


@FUZZ
@given(mutation=ANY_MUTATION["framework"])
def test_mutated_framework_files_raise_only_typed_errors(scratch, mutation):
    name, text = mutation
    path = scratch / "policy_goals" / name
    path.write_text(text)
    try:
        _only_typed_errors(lambda: _exercise(Workspace.open(scratch), "newmexico", None))
    finally:
        path.write_text(FRAMEWORK_TEXTS[name])


@FUZZ
@given(mutation=ANY_MUTATION["clause"])
def test_mutated_clause_files_raise_only_typed_errors(real, scratch, mutation):
    ws, _ = real
    name, text = mutation
    path = scratch / "clauses" / name
    path.write_text(text)

    def draft() -> None:
        library = Workspace.open(scratch).load_library()
        clause_id = Path(name).stem
        if clause_id in library.clauses and library.clauses[clause_id].kind == "clause":
            state = ws.load_state("newmexico")
            bill_markdown(draft_bill(state, ws.frameworks, library, [clause_id]))

    try:
        _only_typed_errors(draft)
    finally:
        path.write_text(CLAUSE_TEXTS[name])


@FUZZ
@given(
    data=st.recursive(
        NASTY_VALUES,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        ),
        max_leaves=20,
    ),
    kind=st.sampled_from(["samples", "policy_goals", "clauses"]),
)
def test_random_documents_raise_only_typed_errors(real, scratch, data, kind):
    """Arbitrary YAML documents where a state, framework or clause file is expected."""
    ws, library = real
    path = scratch / kind / "random.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    frameworks: dict[str, Framework] = dict(ws.frameworks)
    try:
        if kind == "samples":
            _only_typed_errors(lambda: _exercise(ws, str(path), library))
        elif kind == "policy_goals":
            _only_typed_errors(lambda: Workspace.open(scratch))
        else:
            from gapdraft.load.clauses import load_clause

            _only_typed_errors(lambda: load_clause(path, frameworks))
    finally:
        path.unlink()


@FUZZ
@given(source=st.text(alphabet="{}%#()[]|~*+-/.,'\" abcxyz0123456789\n", max_size=80))
def test_random_templates_raise_only_typed_errors(source):
    """Random template text renders or fails with a Jinja error, never a Python one."""
    from jinja2 import TemplateError

    try:
        templates.check_source(source)
        templates.render(source, {"names": {"x": "y"}, "ref": str, "has": bool})
    except TemplateError:
        pass
