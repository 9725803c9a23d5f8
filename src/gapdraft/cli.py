"""The command line: parse arguments, call the core, print, map errors to exit codes.

The core never prints or exits; every GapdraftError becomes one line on stderr and its exit code
(2 for bad input). `--debug` shows the traceback instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from gapdraft.errors import ExitCode, ExternalToolError, GapdraftError, UsageError, did_you_mean
from gapdraft.scoring import format_points
from gapdraft.workspace import ENV_VAR, Workspace

if TYPE_CHECKING:
    from gapdraft.clauses import ClauseLibrary
    from gapdraft.model import State

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Score a state's trafficking laws against published scorecards, rank the gaps, and "
    "draft the model bill and consultation memo that would close them.",
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class By(StrEnum):
    goal = "goal"
    clause = "clause"


class Minimize(StrEnum):
    count = "count"
    effort = "effort"


class Settings:
    def __init__(self, workspace: Path | None, debug: bool) -> None:
        self.workspace_option = workspace
        self.debug = debug
        self._workspace: Workspace | None = None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace.open(self.workspace_option)
        return self._workspace


F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn a GapdraftError into one line on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GapdraftError as exc:
            if _debug():
                raise
            err_console().print(
                f"gapdraft: error: {exc}", highlight=False, markup=False, soft_wrap=True
            )
            raise typer.Exit(int(exc.exit_code)) from None

    return wrapper  # type: ignore[return-value]


_settings: Settings | None = None


def _debug() -> bool:
    return bool(_settings and _settings.debug)


def settings() -> Settings:
    assert _settings is not None
    return _settings


def _terminal() -> tuple[int, bool]:
    """Width to lay tables out in, and whether to use bold (only on a terminal, not NO_COLOR)."""
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns if tty else 120
    return max(width, 60), tty and not os.environ.get("NO_COLOR")


def err_console() -> Console:
    return Console(file=sys.stderr, soft_wrap=True)


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def message(text: str) -> None:
    err_console().print(text, highlight=False, markup=False)


@app.callback()
def root(
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            help=f"Workspace folder (policy_goals/, samples/, clauses/). Default: ${ENV_VAR}, "
            "else the data bundled with gapdraft.",
            file_okay=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    global _settings
    _settings = Settings(workspace, debug)


StateArg = Annotated[
    str, typer.Argument(help="State slug (newmexico) or path to a state YAML file.")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
FrameworkOpt = Annotated[
    list[str] | None,
    typer.Option("--framework", help="Only this framework (repeatable). Default: every one coded."),
]


def _check_frameworks(ws: Workspace, names: list[str] | None) -> list[str] | None:
    for name in names or []:
        if name not in ws.frameworks:
            raise UsageError(f'unknown framework "{name}"' + did_you_mean(name, ws.frameworks))
    return names or None


@app.command("list")
@reports_errors
def list_command() -> None:
    """List the frameworks and states in the workspace."""
    ws = settings().workspace
    emit(f"workspace: {ws.root}\n\nframeworks:\n")
    for f in ws.frameworks.values():
        emit(
            f"  {f.id:<24} {f.publisher}, {f.title} ({f.edition}); "
            f"{len(f.goals)} goals, max {format_points(f.max_points)}\n"
        )
    emit("\nstates:\n")
    for state in ws.load_states():
        emit(
            f"  {state.slug:<24} {state.name} ({state.postal}); coded: {', '.join(state.codings)}\n"
        )


@app.command()
@reports_errors
def validate() -> None:
    """Check every file of the workspace, and that each state reproduces its published scores."""
    from gapdraft.validation import validate_workspace

    ws = settings().workspace
    report = validate_workspace(ws)
    for line in report.problems:
        err_console().print(
            f"gapdraft: error: {line}", highlight=False, markup=False, soft_wrap=True
        )
    for line in report.info:
        emit(line + "\n")
    if report.problems:
        raise typer.Exit(int(ExitCode.BAD_INPUT))


@app.command()
@reports_errors
def score(
    state: StateArg,
    framework: FrameworkOpt = None,
    adopt: Annotated[
        list[str] | None,
        typer.Option(
            "--adopt", help="What-if: score as if these clauses (comma-separated) passed."
        ),
    ] = None,
    format: FormatOpt = Format.table,
) -> None:
    """Score a state under each scorecard, issue by issue, against the published figures."""
    from gapdraft import report, tables
    from gapdraft.scoring import score_state

    ws = settings().workspace
    frameworks = _check_frameworks(ws, framework)
    st = ws.load_state(state)
    before = [
        s for s in score_state(st, ws.frameworks) if not frameworks or s.framework.id in frameworks
    ]
    scores, adopted = before, []
    if adopt:
        from gapdraft.clauses import score_with

        enacted = ws.load_library().expand(_split(adopt))
        adopted = [c.id for c in enacted]
        wanted = {s.framework.id for s in before}
        scores = [s for s in score_with(st, ws.frameworks, enacted) if s.framework.id in wanted]
        if format is not Format.json:
            message("what-if: scores with " + ", ".join(adopted))
    if format is Format.json:
        extra = {"adopted": adopted, "before": report.scores_records(st, before)} if adopt else None
        emit(report.score_json(st, scores, extra))
    elif format is Format.csv:
        emit(report.score_csv(st, scores))
    elif format is Format.md:
        emit(report.score_md(st, scores))
    else:
        width, bold = _terminal()
        parts = [tables.scores_table(st, scores, before if adopt else None, width, bold)]
        parts += [tables.issues_table(st, s, width, bold) for s in scores]
        parts.append(tables.notes(scores, any_estimate=False))
        emit("\n".join(parts))


@app.command()
@reports_errors
def plan(
    state: StateArg,
    framework: FrameworkOpt = None,
    issue: Annotated[
        str | None, typer.Option("--issue", help="Only goals of this issue id.")
    ] = None,
    top: Annotated[int | None, typer.Option("--top", min=1, help="Only the first N gaps.")] = None,
    target_grade: Annotated[
        str | None,
        typer.Option(
            "--target-grade",
            help="The fewest clauses that bring every scorecard (or --framework) to this grade.",
        ),
    ] = None,
    by: Annotated[
        By, typer.Option("--by", help="goal: unmet goals; clause: clauses by combined gain.")
    ] = By.goal,
    assume: Annotated[
        list[str] | None,
        typer.Option("--assume", help="Clauses already enacted or in a bill (comma-separated)."),
    ] = None,
    minimize: Annotated[
        Minimize, typer.Option("--minimize", help="With --target-grade: count or effort.")
    ] = Minimize.count,
    format: FormatOpt = Format.table,
) -> None:
    """Rank a state's unmet goals by the points each would gain, with projected grades."""
    ws = settings().workspace
    frameworks = _check_frameworks(ws, framework)
    st = ws.load_state(state)
    if target_grade is not None or by is By.clause or assume:
        if issue is not None or top is not None:
            raise UsageError("--issue and --top go with the goal ranking, not with clause plans")
        _plan_by_clause(ws, st, frameworks, target_grade, _split(assume), minimize, format)
        return

    from gapdraft import report, tables
    from gapdraft.planning import build_plan

    if issue is not None:
        known = {i.id for fid in (frameworks or st.codings) for i in ws.frameworks[fid].issues}
        if issue not in known:
            raise UsageError(f'unknown issue "{issue}"' + did_you_mean(issue, known))
    result = build_plan(st, ws.frameworks, frameworks, issue, top)
    if format is Format.json:
        emit(report.plan_json(result))
    elif format is Format.csv:
        emit(report.plan_csv(result))
    elif format is Format.md:
        emit(report.plan_md(result))
    else:
        width, bold = _terminal()
        emit(
            "\n".join(
                [
                    tables.scores_table(st, result.scores, None, width, bold),
                    tables.plan_table(result, width, bold),
                    tables.notes(result.scores, any(g.estimated for g in result.gaps)),
                ]
            )
        )


def _plan_by_clause(ws, st, frameworks, target_grade, assume, minimize, format) -> None:
    from gapdraft import report_targets as rt
    from gapdraft.targeting import plan_to_target, rank_clauses

    library = ws.load_library()
    for clause_id in assume:
        library.get(clause_id)
    width, bold = _terminal()
    if target_grade is None:
        start, ranked = rank_clauses(st, ws.frameworks, library, assume, frameworks)
        if format is Format.json:
            emit(rt.by_clause_json(st, start, ranked))
        elif format is Format.csv:
            emit(rt.by_clause_csv(start, ranked))
        elif format is Format.md:
            emit(rt.by_clause_md(st, start, ranked))
        else:
            emit(rt.by_clause_table(st, start, ranked, width, bold))
        return
    result = plan_to_target(
        st, ws.frameworks, library, target_grade.upper(), frameworks, assume, minimize.value
    )
    if format is Format.json:
        emit(rt.target_json(st, result))
    elif format is Format.csv:
        emit(rt.target_csv(result))
    elif format is Format.md:
        emit(rt.target_md(st, result))
    else:
        emit(rt.target_table(st, result, width, bold))


def _split(values: list[str] | None) -> list[str]:
    """Options take comma-separated lists and may repeat: --goals 4.4,1.4 --goals 2.3"""
    return [item.strip() for value in values or [] for item in value.split(",") if item.strip()]


TopOpt = Annotated[int | None, typer.Option("--top", min=1, help="The first N gaps of the plan.")]
GoalsOpt = Annotated[
    list[str] | None,
    typer.Option("--goals", help="Goals to meet, comma-separated: 4.4 or sharedhope-2022:4.4."),
]
ClausesOpt = Annotated[
    list[str] | None, typer.Option("--clauses", help="Clause ids, comma-separated.")
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="File to write.", dir_okay=False)
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]


def _selection(
    ws: Workspace,
    st: State,
    library: ClauseLibrary,
    top: int | None,
    goals: list[str] | None,
    clauses: list[str] | None,
    target_grade: str | None = None,
) -> list[str]:
    """The clause ids to draft: given outright, for the named goals, for the fewest clauses that
    reach a grade, or for the plan's gaps (the first N, or all)."""
    from gapdraft.drafting import parse_goal_refs, select_for_gaps, select_for_goals
    from gapdraft.planning import build_plan

    given = [top is not None, bool(goals), bool(clauses), target_grade is not None]
    if sum(given) > 1:
        raise UsageError("choose one of --top, --goals, --clauses and --target-grade")
    if clauses:
        ids = _split(clauses)
        for cid in ids:
            library.get(cid)
        return ids
    if target_grade is not None:
        from gapdraft.targeting import plan_to_target

        result = plan_to_target(st, ws.frameworks, library, target_grade.upper())
        return [step.clause.id for step in result.steps]
    if goals:
        refs = parse_goal_refs(_split(goals), ws.frameworks, list(st.codings))
        selection = select_for_goals(library, refs)
    else:
        selection = select_for_gaps(library, build_plan(st, ws.frameworks, top=top).gaps)
    for goal in selection.uncovered:
        message(f"gapdraft: warning: no clause in the library meets {goal}")
    return list(selection.clause_ids)


TargetOpt = Annotated[
    str | None,
    typer.Option(
        "--target-grade", help="Draft the fewest clauses that reach this grade everywhere."
    ),
]


class DraftFormat(StrEnum):
    docx = "docx"
    md = "md"


@app.command()
@reports_errors
def draft(
    state: StateArg,
    output: OutputOpt = None,
    top: TopOpt = None,
    goals: GoalsOpt = None,
    clauses: ClausesOpt = None,
    target_grade: TargetOpt = None,
    format: Annotated[
        DraftFormat | None,
        typer.Option("--format", "-f", help="docx or md. Default: from the file name."),
    ] = None,
    number: Annotated[
        str | None, typer.Option("--number", help="Bill number for the heading.")
    ] = None,
    sponsor: Annotated[
        str | None, typer.Option("--sponsor", help="Sponsor line for the heading.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Draft a model bill in the state's own format (default: for every unmet goal)."""
    from gapdraft.bill_docx import write_bill_docx
    from gapdraft.bill_md import bill_markdown
    from gapdraft.drafting import draft_bill

    format = _document_format(output, format, force, "bill")
    ws = settings().workspace
    st = ws.load_state(state)
    library = ws.load_library()
    ids = _selection(ws, st, library, top, goals, clauses, target_grade)
    bill = draft_bill(st, ws.frameworks, library, ids, number=number, sponsor=sponsor)
    if not _write_document(
        output,
        format,
        lambda: bill_markdown(bill),
        lambda tmp: write_bill_docx(bill, tmp),
        force,
    ):
        return
    message(f"wrote {output}: {len(bill.sections)} sections from {len(ids)} clauses")


@app.command()
@reports_errors
def memo(
    state: StateArg,
    output: OutputOpt = None,
    top: TopOpt = None,
    goals: GoalsOpt = None,
    clauses: ClausesOpt = None,
    target_grade: TargetOpt = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Addressee. Default: the state file's memo.to.")
    ] = None,
    sender: Annotated[
        str | None, typer.Option("--from", help="Sender. Default: the state file's memo.from.")
    ] = None,
    date: Annotated[
        dt.datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="Memo date. Default: today."),
    ] = None,
    format: Annotated[
        DraftFormat | None,
        typer.Option("--format", "-f", help="docx or md. Default: from the file name."),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a PDF beside the .docx (needs LibreOffice).")
    ] = False,
    force: ForceOpt = False,
) -> None:
    """Write the consultation memo for a legislator: standing, recommendations, caveats, bill."""
    from gapdraft.drafting import draft_bill
    from gapdraft.files import check_writable
    from gapdraft.memo import build_memo
    from gapdraft.memo_docx import write_memo_docx
    from gapdraft.memo_md import memo_markdown

    format = _document_format(output, format, force, "memo")
    if pdf and format is not DraftFormat.docx:
        raise UsageError("--pdf converts the Word memo: use it with a .docx output")
    pdf_path = output.with_suffix(".pdf") if pdf and output is not None else None
    if pdf_path is not None:
        from gapdraft.office import find_soffice

        if find_soffice() is None:
            raise ExternalToolError("--pdf needs LibreOffice (soffice), which is not installed")
    if pdf_path is not None:
        check_writable(pdf_path, force)
    ws = settings().workspace
    st = ws.load_state(state)
    library = ws.load_library()
    ids = _selection(ws, st, library, top, goals, clauses, target_grade)
    bill = draft_bill(st, ws.frameworks, library, ids)
    content = build_memo(
        st, ws.frameworks, library, ids, bill, to, sender, date.date() if date else None
    )
    if not _write_document(
        output,
        format,
        lambda: memo_markdown(content),
        lambda tmp: write_memo_docx(content, tmp),
        force,
    ):
        return
    message(f"wrote {output}: {len(content.recommendations)} recommendations")
    if pdf_path is not None and output is not None:
        _write_pdf(output, pdf_path, force)


def _document_format(
    output: Path | None, format: DraftFormat | None, force: bool, what: str
) -> DraftFormat:
    """The format from the option or the file name; fail before any work if the output is
    missing or would overwrite a file."""
    if format is None:
        is_md = output is not None and output.suffix.lower() == ".md"
        format = DraftFormat.md if is_md else DraftFormat.docx
    if output is None and format is DraftFormat.docx:
        raise UsageError(
            f"a Word {what} needs a file: add -o NAME.docx (or --format md to print Markdown)"
        )
    if output is not None:
        from gapdraft.files import check_writable

        check_writable(output, force)  # never half-write, never overwrite
    return format


def _write_document(
    output: Path | None,
    format: DraftFormat,
    markdown: Callable[[], str],
    write_docx: Callable[[Path], None],
    force: bool,
) -> bool:
    """Write the document atomically; Markdown with no file goes to stdout (returns False)."""
    from gapdraft.files import write_atomic, write_text_atomic

    if format is DraftFormat.md:
        if output is None:
            emit(markdown())
            return False
        write_text_atomic(output, markdown(), force)
    else:
        assert output is not None
        write_atomic(output, write_docx, force)
    return True


def _write_pdf(docx_path: Path, pdf_path: Path, force: bool) -> None:
    import shutil as sh
    import tempfile

    from gapdraft.files import write_atomic
    from gapdraft.office import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="gapdraft-pdf-") as folder:
        converted = convert_to_pdf(docx_path, Path(folder))
        write_atomic(pdf_path, lambda tmp: sh.copyfile(converted, tmp), force)
    message(f"wrote {pdf_path}")


def main() -> None:
    app(prog_name="gapdraft")
