"""The commands that start and survey a team's data: schema, init, new-state, compare."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gapdraft.cli.app import (
    Format,
    FormatOpt,
    FrameworkOpt,
    app,
    check_frameworks,
    emit,
    message,
    reports_errors,
    settings,
    terminal_layout,
)


class SchemaKind(StrEnum):
    framework = "framework"
    state = "state"
    clause = "clause"


@app.command()
@reports_errors
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file: framework, state or clause.")],
) -> None:
    """Print the JSON Schema of framework, state or clause files (for editors that check YAML)."""
    from gapdraft.load.schemas import schema_text

    emit(schema_text(kind.value))


@app.command("new-state")
@reports_errors
def new_state(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="File name for the state: samples/SLUG.yaml.")],
    name: Annotated[str, typer.Option("--name", help="The state's name: Texas.")],
    postal: Annotated[str, typer.Option("--postal", help="Two-letter postal code: TX.")],
    style: Annotated[
        str | None,
        typer.Option("--style", help="Start from this state's bill style (default: neutral)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Start a state file: every goal of every scorecard listed uncoded, with its criterion and
    levels as comments, the names and locations the clauses use, and a bill style to edit."""
    from gapdraft.atomicwrite import write_text_atomic
    from gapdraft.errors import UsageError
    from gapdraft.load.newstate import new_state_text
    from gapdraft.load.workspace import STATES_DIR, bundled_workspace

    if not re.fullmatch(r"[a-z][a-z0-9]*", slug):
        raise UsageError(f'slug "{slug}": use lower-case letters and digits only (texas)')
    if not re.fullmatch(r"[A-Z]{2}", postal):
        raise UsageError(f'postal "{postal}": use two capital letters (TX)')
    ws = settings(ctx).workspace
    if ws.root == bundled_workspace() and ws.root.name == "data":
        raise UsageError(
            "the data installed with gapdraft is not for editing: make a workspace first "
            "(gapdraft init DIR) and choose it with --workspace DIR"
        )
    style_from = ws.state_file(style) if style else None
    library = ws.load_library() if ws.clause_files() else None
    schema = ws.root / "schemas" / "state.schema.json"
    text = new_state_text(
        slug,
        name,
        postal,
        ws.frameworks,
        library,
        style_from,
        "../schemas/state.schema.json" if schema.is_file() else None,
    )
    (ws.root / STATES_DIR).mkdir(exist_ok=True)
    path = ws.root / STATES_DIR / f"{slug}.yaml"
    write_text_atomic(path, text, force)
    goals = sum(len(f.goals) for f in ws.frameworks.values())
    message(f"wrote {path}: {goals} goals to code; `gapdraft validate` lists what is left")


@app.command()
@reports_errors
def compare(
    ctx: typer.Context, framework: FrameworkOpt = None, format: FormatOpt = Format.table
) -> None:
    """Every state in the workspace side by side: score and grade under each scorecard, with
    the published figures where the state has them."""
    from gapdraft.render import compare_views as views

    ws = settings(ctx).workspace
    only = check_frameworks(ws, framework)
    rows = views.compare_rows(ws.load_states(), ws.frameworks, only)
    if format is Format.json:
        emit(views.compare_json(rows))
    elif format is Format.csv:
        emit(views.compare_csv(rows))
    elif format is Format.md:
        emit(views.compare_md(rows))
    else:
        width, bold = terminal_layout()
        emit(views.compare_table(rows, width, bold))


@app.command()
@reports_errors
def init(
    folder: Annotated[Path, typer.Argument(help="The new workspace folder (new or empty).")],
    force: Annotated[
        bool,
        typer.Option("--force", help="Write into a folder that has files, replacing same names."),
    ] = False,
) -> None:
    """Make a team workspace to edit: the bundled frameworks, clauses and sample states, the
    JSON Schemas, editor settings that map them to the files, and a README. Use it with
    --workspace FOLDER or GAPDRAFT_WORKSPACE."""
    from gapdraft.errors import UsageError
    from gapdraft.load.workspace import bundled_workspace
    from gapdraft.workspace_init import init_workspace

    if not force and folder.is_dir() and any(folder.iterdir()):
        raise UsageError(
            f"{folder}: is not empty; give a new or empty folder, or --force to write into it "
            "(files of the same name are replaced)"
        )
    count = init_workspace(bundled_workspace(), folder, force)
    message(f"wrote {folder}: {count} files; use it with --workspace {folder}")
