"""The commands that start and survey a team's data: schema, init, new-state, compare."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from gapdraft.cli.app import app, emit, reports_errors


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
