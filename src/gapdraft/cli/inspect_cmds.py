"""The commands that read and report: list, validate, score, plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gapdraft.errors import ExitCode, UsageError, did_you_mean
from gapdraft.scoring import format_points

if TYPE_CHECKING:
    pass
from gapdraft.cli import complete
from gapdraft.cli.app import (
    By,
    Format,
    FormatOpt,
    FrameworkOpt,
    Minimize,
    StateArg,
    app,
    check_frameworks,
    emit,
    message,
    print_error,
    reports_errors,
    settings,
    split_list,
    terminal_layout,
)


@app.command("list")
@reports_errors
def list_command(ctx: typer.Context) -> None:
    """List the frameworks and states in the workspace."""
    ws = settings(ctx).workspace
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
def validate(ctx: typer.Context) -> None:
    """Check every file of the workspace, and that each state reproduces its published scores."""
    from gapdraft.validation import validate_workspace

    ws = settings(ctx).workspace
    report = validate_workspace(ws)
    for line in report.problems:
        print_error(line)
    for line in report.pending:  # per file: a heading, then each uncoded goal with its line
        text = line if line.startswith("  ") else f"gapdraft: {line}"
        message(text)
    for line in report.warnings:
        print_error(line)
    for line in report.info:
        emit(line + "\n")
    if report.problems or report.pending:
        raise typer.Exit(int(ExitCode.BAD_INPUT))


@app.command()
@reports_errors
def score(
    ctx: typer.Context,
    state: StateArg,
    framework: FrameworkOpt = None,
    adopt: Annotated[
        list[str] | None,
        typer.Option(
            "--adopt",
            metavar="IDS",
            autocompletion=complete.clauses,
            help="What-if: score as if these clauses (comma-separated) passed.",
        ),
    ] = None,
    format: FormatOpt = Format.table,
) -> None:
    """Score a state under each scorecard, issue by issue, against the published figures."""
    from gapdraft.render import data_views as report
    from gapdraft.render import terminal as tables
    from gapdraft.scoring import score_state

    ws = settings(ctx).workspace
    frameworks = check_frameworks(ws, framework)
    st = ws.load_state(state)
    before = [
        s for s in score_state(st, ws.frameworks) if not frameworks or s.framework.id in frameworks
    ]
    scores, adopted = before, []
    if adopt:
        from gapdraft.planning.whatif import score_with

        enacted = ws.load_library().expand(split_list(adopt))
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
        width, bold = terminal_layout()
        parts = [tables.scores_table(st, scores, before if adopt else None, width, bold)]
        parts += [tables.issues_table(st, s, width, bold) for s in scores]
        parts.append(tables.notes(scores, any_estimate=False))
        emit("\n".join(parts))


@app.command()
@reports_errors
def plan(
    ctx: typer.Context,
    state: StateArg,
    framework: FrameworkOpt = None,
    issue: Annotated[
        str | None, typer.Option("--issue", metavar="ID", help="Only goals of this issue id.")
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", min=1, metavar="N", help="Only the first N gaps.")
    ] = None,
    target_grade: Annotated[
        str | None,
        typer.Option(
            "--target-grade",
            metavar="GRADE",
            help="The fewest clauses that bring every scorecard (or --framework) to this grade.",
        ),
    ] = None,
    by: Annotated[
        By, typer.Option("--by", help="goal: unmet goals; clause: clauses by combined gain.")
    ] = By.goal,
    assume: Annotated[
        list[str] | None,
        typer.Option(
            "--assume",
            metavar="IDS",
            autocompletion=complete.clauses,
            help="Clauses already enacted or in a bill (comma-separated).",
        ),
    ] = None,
    minimize: Annotated[
        Minimize, typer.Option("--minimize", help="With --target-grade: count or effort.")
    ] = Minimize.count,
    format: FormatOpt = Format.table,
) -> None:
    """Rank a state's unmet goals by the points each would gain, with projected grades."""
    ws = settings(ctx).workspace
    frameworks = check_frameworks(ws, framework)
    st = ws.load_state(state)
    if target_grade is not None or by is By.clause or assume:
        if issue is not None or top is not None:
            raise UsageError("--issue and --top go with the goal ranking, not with clause plans")
        _plan_by_clause(ws, st, frameworks, target_grade, split_list(assume), minimize, format)
        return

    from gapdraft.planning.gaps import build_plan
    from gapdraft.render import data_views as report
    from gapdraft.render import terminal as tables

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
        width, bold = terminal_layout()
        emit(
            "\n".join(
                [
                    tables.scores_table(st, result.scores, None, width, bold),
                    tables.plan_table(result, width, bold),
                    tables.notes(
                        result.scores,
                        any(g.estimated for g in result.gaps),
                        report.plan_over_max_notes(result),
                    ),
                ]
            )
        )


def _plan_by_clause(ws, st, frameworks, target_grade, assume, minimize, format) -> None:
    from gapdraft.planning.clause_plans import plan_to_target, rank_clauses
    from gapdraft.render import clause_plan_views as rt

    library = ws.load_library()
    for clause_id in assume:
        library.get(clause_id)
    width, bold = terminal_layout()
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
