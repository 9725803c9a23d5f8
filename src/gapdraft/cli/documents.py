"""The commands that write documents: draft (the model bill) and memo (the consultation memo)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gapdraft.errors import ExitCode, MissingToolError, UsageError
from gapdraft.load.workspace import CLAUSES_DIR, Workspace

if TYPE_CHECKING:
    from gapdraft.drafting.bill import Bill
    from gapdraft.drafting.memo import Memo
    from gapdraft.load.clauses import ClauseLibrary
    from gapdraft.model import State
from gapdraft.cli import complete
from gapdraft.cli.app import StateArg, app, emit, message, reports_errors, settings, split_list

TopOpt = Annotated[
    int | None, typer.Option("--top", min=1, metavar="N", help="The first N gaps of the plan.")
]
GoalsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--goals",
        metavar="GOALS",
        help="Goals to meet, comma-separated: 4.4 or sharedhope-2022:4.4.",
    ),
]
ClausesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--clauses",
        metavar="IDS",
        autocompletion=complete.clauses,
        help="Clause ids, comma-separated.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="File to write.", dir_okay=False),
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
    """The clause ids the options select (drafting.selection decides); its warnings printed."""
    from gapdraft.drafting.select import Request, choose_clauses

    request = Request(top, tuple(split_list(goals)), tuple(split_list(clauses)), target_grade)
    selection = choose_clauses(st, ws.frameworks, library, request, ws.root / CLAUSES_DIR)
    for warning in selection.warnings:
        message(f"gapdraft: warning: {warning}")
    return list(selection.clause_ids)


TargetOpt = Annotated[
    str | None,
    typer.Option(
        "--target-grade",
        metavar="GRADE",
        help="Draft the fewest clauses that reach this grade everywhere.",
    ),
]


class DraftFormat(StrEnum):
    docx = "docx"
    md = "md"


@app.command()
@reports_errors
def draft(
    ctx: typer.Context,
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
        str | None, typer.Option("--number", metavar="TEXT", help="Bill number for the heading.")
    ] = None,
    sponsor: Annotated[
        str | None, typer.Option("--sponsor", metavar="TEXT", help="Sponsor line for the heading.")
    ] = None,
    force: ForceOpt = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Lint the drafted bill (one line per finding); write nothing."
        ),
    ] = False,
) -> None:
    """Draft a model bill in the state's own format (default: for every unmet goal)."""
    from gapdraft.drafting.assemble import draft_bill
    from gapdraft.render.bill_md import bill_markdown

    if not check:
        format = _document_format(output, format, force, "bill")
    ws = settings(ctx).workspace
    st = ws.load_state(state)
    library = ws.load_library()
    ids = _selection(ws, st, library, top, goals, clauses, target_grade)
    bill = draft_bill(st, ws.frameworks, library, ids, number=number, sponsor=sponsor)
    if check:
        _check(bill, st, library)
        return
    if not _write_document(
        output,
        format,
        lambda: bill_markdown(bill),
        lambda tmp: _write_bill_docx(bill, tmp),
        force,
    ):
        return
    message(f"wrote {output}: {len(bill.sections)} sections from {len(ids)} clauses")


def _check(bill: Bill, state: State, library: ClauseLibrary) -> None:
    """Print the lint's findings; exit 2 when any is an error."""
    from gapdraft.drafting.lint import check_bill

    findings = check_bill(bill, state, library)
    for finding in findings:
        message(f"gapdraft: {finding}")
    errors = sum(f.level == "error" for f in findings)
    message(
        f"checked {len(bill.sections)} sections: {errors} errors, {len(findings) - errors} warnings"
    )
    if errors:
        raise typer.Exit(int(ExitCode.BAD_INPUT))


def _write_bill_docx(bill: Bill, path: Path) -> None:
    # imported only here: Markdown never needs the Word writer
    from gapdraft.render.bill_docx import write_bill_docx

    write_bill_docx(bill, path)


FullOpt = Annotated[
    bool,
    typer.Option(
        "--full", help="Add appendices: every recommendation for every unmet goal, and the bill."
    ),
]


@app.command()
@reports_errors
def memo(
    ctx: typer.Context,
    state: StateArg,
    output: OutputOpt = None,
    top: TopOpt = None,
    goals: GoalsOpt = None,
    clauses: ClausesOpt = None,
    target_grade: TargetOpt = None,
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="TEXT", help="Addressee. Default: the state file's memo.to."),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option("--from", metavar="TEXT", help="Sender. Default: the state file's memo.from."),
    ] = None,
    date: Annotated[
        dt.datetime | None,
        typer.Option(
            "--date", formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Memo date. Default: today."
        ),
    ] = None,
    format: Annotated[
        DraftFormat | None,
        typer.Option("--format", "-f", help="docx or md. Default: from the file name."),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a PDF beside the .docx (needs LibreOffice).")
    ] = False,
    full: FullOpt = False,
    force: ForceOpt = False,
) -> None:
    """Write the consultation memo for a legislator: a brief of about four pages (default: the
    fewest provisions that lift the state's lowest grade one letter) and its sources."""
    from gapdraft.render.memo_md import memo_markdown

    format = _document_format(output, format, force, "memo")
    pdf_path = _memo_pdf_path(output, format, pdf, force)
    ws = settings(ctx).workspace
    st = ws.load_state(state)
    library = ws.load_library()
    if any([top is not None, goals, clauses, target_grade is not None]):
        ids = _selection(ws, st, library, top, goals, clauses, target_grade)
    else:
        ids = _memo_default(ws, st, library)
    if not full:
        _check_bill_drafts(ws, state, st, library, ids)
    content = _memo_content(ws, st, library, ids, full, to, sender, date)
    if not _write_document(
        output,
        format,
        lambda: memo_markdown(content),
        lambda tmp: _write_memo_docx(content, tmp),
        force,
    ):
        return
    message(f"wrote {output}: {len(content.recommendations)} recommendations")
    if pdf_path is not None and output is not None:
        _write_pdf(output, pdf_path, force)


def _memo_pdf_path(output: Path | None, format: DraftFormat, pdf: bool, force: bool) -> Path | None:
    """Where --pdf writes, checked before any work: LibreOffice present, no file overwritten."""
    if not pdf:
        return None
    if format is not DraftFormat.docx or output is None:
        raise UsageError("--pdf converts the Word memo: use it with a .docx output")
    from gapdraft.atomicwrite import check_writable
    from gapdraft.render.office import NOT_INSTALLED, find_soffice

    if find_soffice() is None:
        raise MissingToolError(f"--pdf converts with LibreOffice: {NOT_INSTALLED}")
    pdf_path = output.with_suffix(".pdf")
    check_writable(pdf_path, force)
    return pdf_path


def _memo_default(ws: Workspace, st: State, library: ClauseLibrary) -> list[str]:
    """The memo's default ask (drafting.select decides), and how it was chosen."""
    from gapdraft.drafting.select import memo_default

    selection = memo_default(st, ws.frameworks, library, ws.root / CLAUSES_DIR)
    message(f"memo: {selection.how}")
    for warning in selection.warnings:
        message(f"gapdraft: warning: {warning}")
    return list(selection.clause_ids)


def _check_bill_drafts(
    ws: Workspace, state: str, st: State, library: ClauseLibrary, ids: list[str]
) -> None:
    """The brief cites sections of a bill it drafts as an outline (no template rendered, so
    no Jinja2): make sure that bill can be drafted, as `draft` would, once per content of the
    state, frameworks and library (a failure is reported, and checked again, on every run)."""
    from gapdraft.drafting.assemble import draft_bill

    what = "memo bill: " + ",".join(ids)
    ws.check_once(what, state, lambda: draft_bill(st, ws.frameworks, library, ids))


def _memo_content(
    ws: Workspace,
    st: State,
    library: ClauseLibrary,
    ids: list[str],
    full: bool,
    to: str | None,
    sender: str | None,
    date: dt.datetime | None,
) -> Memo:
    """The memo's content, with the --full appendix (every unmet goal, and its bill)."""
    from gapdraft.drafting.assemble import draft_bill
    from gapdraft.drafting.memo import build_appendix, build_memo

    bill = draft_bill(st, ws.frameworks, library, ids, outline=True)  # its labels and caveats
    appendix = None
    if full:
        every = _selection(ws, st, library, None, None, None, None)
        every_bill = draft_bill(st, ws.frameworks, library, every)
        appendix = build_appendix(st, ws.frameworks, library, every, every_bill)
    when = date.date() if date else None
    return build_memo(st, ws.frameworks, library, ids, bill, to, sender, when, appendix)


def _write_memo_docx(content: Memo, path: Path) -> None:
    # imported only here: Markdown never needs the Word writer (nor its chart and workbook)
    from gapdraft.render.memo_docx import write_memo_docx

    write_memo_docx(content, path)


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
        from gapdraft.atomicwrite import check_writable

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
    from gapdraft.atomicwrite import write_atomic, write_text_atomic

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

    from gapdraft.atomicwrite import write_atomic
    from gapdraft.render.office import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="gapdraft-pdf-") as folder:
        converted = convert_to_pdf(docx_path, Path(folder), progress=message)
        write_atomic(pdf_path, lambda tmp: sh.copyfile(converted, tmp), force)
    message(f"wrote {pdf_path}")
