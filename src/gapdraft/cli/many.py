"""Several states in one call: `plan`, `score` (and any command that reports on one state)
take one or more states, or `--all`, and print each state's report in turn.

With one state named the output is exactly what it always was. With several, or with `--all`
(even if the workspace has one state, so that scripts see one shape): JSON is a list of the
per-state objects, in the order the states were named (file-name order for `--all`); CSV has one
header and a first column `state` (the slug); tables and Markdown follow one another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gapdraft.cli import complete
from gapdraft.errors import UsageError

if TYPE_CHECKING:
    from gapdraft.load.workspace import Workspace
    from gapdraft.model import State

StatesArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="STATE",
        help="State slug (newmexico) or path to a state YAML file. Several may be given.",
        autocompletion=complete.states,
        show_default=False,
    ),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Every state in the workspace.")]


def load_named(
    ctx: typer.Context, ws: Workspace, names: list[str] | None, every: bool
) -> list[State]:
    """The states to report on, all loaded (and checked) before anything is printed."""
    if every and names:
        raise UsageError("name states or give --all, not both")
    if every:
        states = ws.load_states()
        if not states:
            raise UsageError(f"--all: no state files in {ws.root / 'samples'}")
        return states
    if not names:
        # Click's own wording for a missing argument, as a usage error (one line, exit 2)
        ctx.fail("Missing argument 'STATE'. Name one or more states, or give --all.")
    return [ws.load_state(name) for name in names]


def joined(texts: list[str], slugs: list[str], fmt: str, every: bool) -> str:
    """One named state's text as it is; otherwise a JSON list, one CSV table, or the texts one
    after another."""
    if len(texts) == 1 and not every:
        return texts[0]
    if fmt == "json":
        return "[\n" + ",\n".join(t.strip() for t in texts) + "\n]\n"
    if fmt == "csv":
        import csv  # only for CSV: a plan's table should not pay for it
        import io

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for n, (text, slug) in enumerate(zip(texts, slugs, strict=True)):
            rows = list(csv.reader(io.StringIO(text)))
            if not rows:
                continue
            if n == 0:
                writer.writerow(["state", *rows[0]])
            writer.writerows([slug, *row] for row in rows[1:])
        return out.getvalue()
    return "\n".join(t if t.endswith("\n") else t + "\n" for t in texts)
