"""The commands that read and report: list, validate, score, plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from gapdraft.errors import ExitCode, UsageError, did_you_mean
from gapdraft.render.textable import fit_lines
from gapdraft.scoring import format_points

if TYPE_CHECKING:
    from gapdraft.load.workspace import Workspace
    from gapdraft.model import State
    from gapdraft.scoring import FrameworkScore
from gapdraft.cli import complete
from gapdraft.cli.app import (
    By,
    Format,
    FormatOpt,
    FrameworkOpt,
    Minimize,
    app,
    check_frameworks,
    emit,
    message,
    print_error,
    reports_errors,
    settings,
    split_list,
    terminal_layout,
    view,
)
from gapdraft.cli.many import AllOpt, StatesArg, joined, load_named


@app.command("list")
@reports_errors
def list_command(ctx: typer.Context) -> None:
    """List the frameworks and states in the workspace."""
    ws = settings(ctx).workspace
    width, _ = terminal_layout()
    entries = [
        (
            f.id,
            f"{f.publisher}, {f.title} ({f.edition}); {len(f.goals)} goals, "
            f"max {format_points(f.max_points)}",
        )
        for f in ws.frameworks.values()
    ]
    states = [
        (s.slug, f"{s.name} ({s.postal}); coded: {', '.join(s.codings)}") for s in ws.load_states()
    ]
    emit(f"workspace: {ws.root}\n\nframeworks:\n")
    emit("".join(_entry(key, text, width) for key, text in entries))
    emit("\nstates:\n")
    emit("".join(_entry(key, text, width) for key, text in states))


def _entry(key: str, text: str, width: int) -> str:
    """'  key   text', the text wrapped at words under itself to fit the width."""
    import textwrap

    lead = f"  {key:<24} "
    lines = textwrap.wrap(text, max(width - len(lead), 20), break_on_hyphens=False) or [""]
    return lead + ("\n" + " " * len(lead)).join(lines) + "\n"


@app.command()
@reports_errors
def validate(
    ctx: typer.Context,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Processes that check the states. Default: one per core, for 8 or more states.",
        ),
    ] = None,
) -> None:
    """Check every file of the workspace, and that each state reproduces its published scores."""
    from gapdraft.validation import validate_jobs, validate_workspace

    ws = settings(ctx).workspace
    report = validate_workspace(ws, jobs or validate_jobs(len(ws.state_files())))
    for line in report.problems:
        print_error(line)
    for line in report.pending:  # per file: a heading, then each uncoded goal with its line
        text = line if line.startswith("  ") else f"gapdraft: {line}"
        message(text)
    for line in report.warnings:
        print_error(line)
    width, _ = terminal_layout()
    for line in fit_lines(report.info, width):
        emit(line + "\n")
    if report.problems or report.pending:
        raise typer.Exit(int(ExitCode.BAD_INPUT))


@app.command()
@reports_errors
def score(
    ctx: typer.Context,
    states: StatesArg = None,
    every: AllOpt = False,
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
    """Score a state (or several) under each scorecard, issue by issue, against the published
    figures."""
    ws = settings(ctx).workspace
    frameworks = check_frameworks(ws, framework)
    chosen = load_named(ctx, ws, states, every)
    texts = [_score_text(ws, st, frameworks, adopt, format) for st in chosen]
    emit(joined(texts, [st.slug for st in chosen], format.value, every))


def _score_text(
    ws: Workspace, st: State, frameworks: list[str] | None, adopt: list[str] | None, format: Format
) -> str:
    from gapdraft.render import data_views as report
    from gapdraft.render import terminal as tables
    from gapdraft.scoring import score_state

    before = [
        s for s in score_state(st, ws.frameworks) if not frameworks or s.framework.id in frameworks
    ]
    scores, adopted = before, []
    if adopt:
        scores, adopted = _what_if(ws, st, before, split_list(adopt), format is not Format.json)
    extra = {"adopted": adopted, "before": report.scores_records(st, before)} if adopt else None

    def table(width: int, bold: bool) -> str:
        parts = [tables.scores_table(st, scores, before if adopt else None, width, bold)]
        parts += [tables.issues_table(st, s, width, bold) for s in scores]
        parts.append(tables.notes(scores, (), tables.mark_notes(st, scores, bool(adopt)), width))
        return "\n".join(parts)

    return view(
        format,
        table,
        json=lambda: report.score_json(st, scores, extra),
        csv=lambda: report.score_csv(st, scores),
        md=lambda: report.score_md(st, scores),
    )


def _what_if(
    ws: Workspace, st: State, before: list[FrameworkScore], clause_ids: list[str], say: bool
) -> tuple[list[FrameworkScore], list[str]]:
    """The scores with the clauses adopted (and the core clauses their sections bring), and the
    ids adopted; with `say`, what was adopted is told on stderr."""
    from gapdraft.planning.whatif import brought_with, score_with

    library = ws.load_library()
    enacted = library.expand(clause_ids)
    adopted = [c.id for c in enacted]
    wanted = {s.framework.id for s in before}
    scores = [s for s in score_with(st, ws.frameworks, enacted) if s.framework.id in wanted]
    if say:
        width, _ = terminal_layout()
        lines = ["what-if: scores with " + ", ".join(adopted)]
        for frame, chosen, added in brought_with(library, clause_ids):
            verb = "brings its" if len(chosen) == 1 else "bring their"
            whom = "it" if len(chosen) == 1 else "them"
            lines.append(
                f"what-if: {' and '.join(chosen)} {verb} whole section with {whom} "
                f"({frame.id}: {frame.catchline}): the section's core clauses "
                f"{', '.join(added)} are adopted too"
            )
        for line in fit_lines(lines, width):
            message(line)
    return scores, adopted


SearchSecondsOpt = Annotated[
    float | None,
    typer.Option(
        "--search-seconds",
        min=0.1,
        metavar="N",
        help="With --target-grade: give up the exact search after N seconds (default 3).",
    ),
]


@app.command()
@reports_errors
def plan(
    ctx: typer.Context,
    states: StatesArg = None,
    every: AllOpt = False,
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
    search_seconds: SearchSecondsOpt = None,
    format: FormatOpt = Format.table,
) -> None:
    """Rank a state's (or several states') unmet goals by the points each would gain, with
    projected grades."""
    ws = settings(ctx).workspace
    frameworks = check_frameworks(ws, framework)
    clause_plan = target_grade is not None or by is By.clause or bool(assume)
    if clause_plan and (issue is not None or top is not None):
        raise UsageError("--issue and --top go with the goal ranking, not with clause plans")
    chosen = load_named(ctx, ws, states, every)
    texts = []
    for st in chosen:
        if clause_plan:
            how = (target_grade, split_list(assume), minimize, format, search_seconds)
            texts.append(_plan_by_clause(ws, st, frameworks, *how))
        else:
            texts.append(_plan_text(ws, st, frameworks, issue, top, format))
    emit(joined(texts, [st.slug for st in chosen], format.value, every))


def _plan_text(
    ws: Workspace,
    st: State,
    frameworks: list[str] | None,
    issue: str | None,
    top: int | None,
    format: Format,
) -> str:
    from gapdraft.planning.gaps import build_plan
    from gapdraft.render import data_views as report
    from gapdraft.render import terminal as tables

    if issue is not None:
        known = {i.id for fid in (frameworks or st.codings) for i in ws.frameworks[fid].issues}
        if issue not in known:
            raise UsageError(f'unknown issue "{issue}"' + did_you_mean(issue, known))
    result = build_plan(st, ws.frameworks, frameworks, issue, top)
    estimated = [g.framework.short_title for g in result.gaps if g.estimated]

    def table(width: int, bold: bool) -> str:
        notes = tables.notes(result.scores, estimated, report.plan_over_max_notes(result), width)
        return "\n".join(
            [
                tables.scores_table(st, result.scores, None, width, bold),
                tables.plan_table(result, width, bold),
                notes,
            ]
        )

    return view(
        format,
        table,
        json=lambda: report.plan_json(result),
        csv=lambda: report.plan_csv(result),
        md=lambda: report.plan_md(result),
    )


def _plan_by_clause(
    ws: Workspace,
    st: State,
    frameworks: list[str] | None,
    target_grade: str | None,
    assume: list[str],
    minimize: Minimize,
    format: Format,
    search_seconds: float | None = None,
) -> str:
    from gapdraft.planning.clause_plans import plan_to_target, rank_clauses
    from gapdraft.planning.solver import MAX_SECONDS
    from gapdraft.render import clause_plan_views as rt

    library = ws.load_library()
    for clause_id in assume:
        library.get(clause_id)
    if target_grade is None:
        start, ranked = rank_clauses(st, ws.frameworks, library, assume, frameworks)
        return view(
            format,
            lambda width, bold: rt.by_clause_table(st, start, ranked, width, bold),
            json=lambda: rt.by_clause_json(st, start, ranked),
            csv=lambda: rt.by_clause_csv(start, ranked),
            md=lambda: rt.by_clause_md(st, start, ranked),
        )
    result = plan_to_target(
        st,
        ws.frameworks,
        library,
        target_grade.upper(),
        frameworks,
        assume,
        minimize.value,
        search_seconds if search_seconds is not None else MAX_SECONDS,
    )
    return view(
        format,
        lambda width, bold: rt.target_table(st, result, width, bold),
        json=lambda: rt.target_json(st, result),
        csv=lambda: rt.target_csv(result),
        md=lambda: rt.target_md(st, result),
    )
