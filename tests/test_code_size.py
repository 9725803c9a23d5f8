"""The size limits of the founders' standards, checked on the source (ast): no function over 60
lines, no module over 450 lines, and a short list of modules directly in src/gapdraft/.

The solver's search loop is the one exception the standards allow. PENDING lists what is over a
limit today and being split by the engineer who owns it; an entry that is back within the limit
fails this test until it is taken off the list, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gapdraft"
MAX_FUNCTION, MAX_MODULE, MAX_TOP_MODULES = 60, 450, 10

# the exact solver's branch-and-bound loop and the step nested in it: one tight loop, measured
ALLOWED = {"planning/solver.py:_search", "planning/solver.py:_search.expand"}
# over a limit today (none: the solver was split into solver, bounds, integer_form, lp_bound)
PENDING: set[str] = set()


def _functions(tree: ast.AST, prefix: str = ""):
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + node.name
            yield name, node.end_lineno - node.lineno + 1
            yield from _functions(node, name + ".")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, prefix + node.name + ".")
        else:
            yield from _functions(node, prefix)


def sizes() -> dict[str, int]:
    """'load/states.py' -> lines, 'load/states.py:load_state' -> lines, for every module and
    function (methods as Class.method, nested functions as outer.inner)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        found[rel] = len(text.splitlines())
        for name, lines in _functions(ast.parse(text)):
            found[f"{rel}:{name}"] = lines
    return found


def over_limits() -> set[str]:
    return {
        key
        for key, lines in sizes().items()
        if lines > (MAX_FUNCTION if ":" in key else MAX_MODULE)
    }


def test_no_function_over_60_lines_and_no_module_over_450():
    over = over_limits() - ALLOWED - PENDING
    report = {key: sizes()[key] for key in sorted(over)}
    assert not over, f"over the size limits (split into named steps): {report}"


def test_pending_entries_are_still_over_a_limit():
    done = PENDING - over_limits()
    assert not done, f"within the limits now: take {sorted(done)} off PENDING in this file"


def test_the_check_sees_nested_functions_and_methods():
    names = set(sizes())
    assert "planning/solver.py:_search.expand" in names
    assert any(":" in n and "." in n.split(":")[1] for n in names if "Library" in n)


def test_few_modules_directly_in_the_package():
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= MAX_TOP_MODULES, f"move some into a subpackage: {sorted(top)}"
