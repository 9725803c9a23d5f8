"""The layout's rules (docs/architecture.md): the core (load, scoring, planning, drafting and the
modules beside them) imports no renderer and no command line, and its messages name no option of
the command line; the CLI turns the core's typed errors into hints."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gapdraft"
CORE = ["load", "planning", "drafting"]
TOP_CORE = ["model.py", "scoring.py", "figures.py", "errors.py", "validation.py", "atomicwrite.py"]
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def core_modules() -> list[Path]:
    found = [p for folder in CORE for p in sorted((PACKAGE / folder).rglob("*.py"))]
    return found + [PACKAGE / name for name in TOP_CORE if (PACKAGE / name).exists()]


def imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):  # imports inside functions count too
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_core_imports_no_renderer_and_no_cli():
    bad = {
        p.relative_to(PACKAGE).as_posix(): sorted(
            m
            for m in imported(ast.parse(p.read_text()))
            if m.startswith(("gapdraft.render", "gapdraft.cli", "typer", "rich", "docx"))
        )
        for p in core_modules()
    }
    assert not {k: v for k, v in bad.items() if v}


def _messages(tree: ast.AST) -> list[str]:
    """String constants that are not docstrings (what the code says, not what it documents)."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_core_messages_name_no_command_line_option():
    named = {
        p.relative_to(PACKAGE).as_posix(): [
            m for m in _messages(ast.parse(p.read_text())) if OPTION.search(m)
        ]
        for p in core_modules()
    }
    assert not {k: v for k, v in named.items() if v}


# what each part may import (docs/architecture.md); the core flows load -> scoring -> planning ->
# drafting, and only the edges (render, cli) see everything
MAY_IMPORT = {
    "load": {"model", "errors", "scoring", "drafting.templates"},
    "planning": {"load", "model", "errors", "scoring"},
    "drafting": {"load", "planning", "model", "errors", "scoring", "figures"},
    "render": {"load", "planning", "drafting", "model", "errors", "scoring", "figures"},
}


def _part(module: str) -> str:
    """'gapdraft.drafting.templates' -> 'drafting.templates' where that module is named in
    MAY_IMPORT, else the subpackage or top-level module: 'drafting', 'scoring'."""
    rest = module.split(".")[1:]
    full = ".".join(rest[:2])
    allowed = set().union(*MAY_IMPORT.values())
    return full if full in allowed else rest[0]


def test_each_part_imports_only_what_comes_before_it():
    wrong = {}
    for part, allowed in MAY_IMPORT.items():
        for path in sorted((PACKAGE / part).rglob("*.py")):
            used = {
                _part(m) for m in imported(ast.parse(path.read_text())) if m.startswith("gapdraft.")
            }
            extra = {u for u in used - allowed if u.split(".")[0] != part}
            if extra:
                wrong[path.relative_to(PACKAGE).as_posix()] = sorted(extra)
    assert not wrong, f"imports against the layout: {wrong}"
