"""New Mexico's real documents, end to end: the model bill and the consultation memo written by
the CLI, read back as a person would see them, and opened by LibreOffice."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from tests.helpers import REPO, assert_one_line_error, run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def to_pdf_text(docx: Path, out: Path) -> str:
    """The PDF's words in reading order, with the bill's line numbers taken off the line starts."""
    from gapdraft.render.office import convert_to_pdf

    pdf = convert_to_pdf(docx, out)
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [re.sub(r"^\s*\d{1,2}\s{2,}", "", line) for line in layout.splitlines()]
    return " ".join(" ".join(lines).split())


@pytest.fixture(scope="module")
def bills(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bills")
    top6, every = folder / "a.docx", folder / "b.docx"
    for args, out in ((("--top", "6"), top6), ((), every)):
        result = run("--workspace", str(REPO), "draft", "newmexico", *args, "-o", str(out))
        assert result.exit_code == 0, result.stderr
    return {"top6": top6, "every": every}


def body_text(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_bill_reads_as_a_new_mexico_bill(bills):
    text = body_text(bills["top6"])
    assert text[0] == "HOUSE BILL"
    assert "58TH LEGISLATURE - STATE OF NEW MEXICO - FIRST SESSION, 2027" in text
    assert "AN ACT" in text
    title = next(t for t in text if t.startswith("RELATING TO HUMAN TRAFFICKING; "))
    assert title.endswith(".")
    assert "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF NEW MEXICO:" in text
    sections = [t for t in text if t.startswith("SECTION ")]
    assert sections and sections[0].startswith("SECTION 1. A new section of ")
    assert any(t.startswith('"[NEW MATERIAL]') for t in text)


def test_every_gap_bill_numbers_its_sections_in_order(bills):
    labels = [t.split(".")[0] for t in body_text(bills["every"]) if t.startswith("SECTION ")]
    assert labels == [f"SECTION {n}" for n in range(1, len(labels) + 1)]
    assert len(labels) >= 30


def test_bill_xml_has_line_numbers_comments_and_underlines(bills):
    with zipfile.ZipFile(bills["top6"]) as z:
        document = z.read("word/document.xml").decode()
        comments = z.read("word/comments.xml").decode()
    assert 'w:restart="newPage"' in document and "<w:lnNumType" in document
    assert "Meets Polaris record relief goal offenses-covered" in comments
    doc = Document(str(bills["top6"]))
    underlined = [r.text for p in doc.paragraphs for r in p.runs if r.underline]
    assert any("as a result of" in t for t in underlined)


@pytest.mark.office
def test_bills_convert_to_pdf_with_libreoffice(bills, tmp_path):
    for name, path in bills.items():
        text = to_pdf_text(path, tmp_path / name)
        assert "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF NEW MEXICO:" in text
        assert "underscored material = new" in text
        assert "- 1 -" in text


# --- the memo ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def memo_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("memo")
    docx = folder / "NM-consultation-memo.docx"
    args = ["--workspace", str(REPO), "memo", "newmexico", "--top", "8", "--date", "2026-11-24"]
    result = run(*args, "-o", str(docx))
    assert result.exit_code == 0, result.stderr
    md = run(*args, "--format", "md")
    assert md.exit_code == 0, md.stderr
    (folder / "memo.md").write_text(md.stdout)
    return {"docx": docx, "md": folder / "memo.md"}


def test_memo_header_and_sections(memo_files):
    doc = Document(str(memo_files["docx"]))
    header = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert header == [
        ["To:", "Members of the New Mexico Legislature"],
        ["From:", "State Policy Team"],
        ["Date:", "November 24, 2026"],
        ["Re:", "Closing the gaps in New Mexico's human-trafficking laws: a model bill"],
    ]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for wanted in (
        "Where New Mexico stands",
        "Recommendations, in plan order",
        "What the bill would achieve",
        "Caveats",
        "Appendix A: Model language",
        "Appendix B: Sources",
    ):
        assert wanted in headings
    assert doc.core_properties.title == "New Mexico consultation memo"


def test_memo_figures_equal_the_plan(memo_files):
    plan = json.loads(run("--workspace", str(REPO), "plan", "newmexico", "--format", "json").stdout)
    doc = Document(str(memo_files["docx"]))
    standing = [[c.text for c in row.cells] for row in doc.tables[1].rows][1:]
    by_title = {row[0]: row for row in standing}
    for score in plan["scores"]:
        title = {
            "sharedhope-2022": "Shared Hope 2022",
            "polaris-record-relief": "Polaris record relief",
        }[score["framework"]]
        assert by_title[title][1] == f"{score['total']} / {score['max']}"
        assert by_title[title][2].rstrip("*") == score["grade"]
    # each recommendation's gain equals the plan's gain for that goal, and the memo's first
    # recommendations follow the plan's first gaps
    gains = {(g["goal"]): g["gain"] for g in plan["gaps"]}
    md = memo_files["md"].read_text()
    assert (
        "| Polaris record relief | offenses-covered Every offense eligible for relief | 23 → 30 | +7 |"
        in md
    )
    for goal in (
        "range-of-relief",
        "confidentiality",
        "burden-of-proof",
        "official-documentation",
        "judicial-discretion",
    ):
        assert f"+{gains[goal]} |" in md
    assert "Shared Hope 2022 45 (F*); Polaris record relief 74 (C*)" in md  # after step 1


def test_memo_outcome_equals_what_if_scoring(memo_files):
    from gapdraft.drafting.assemble import select_for_gaps
    from gapdraft.load.workspace import Workspace
    from gapdraft.planning.gaps import build_plan
    from gapdraft.planning.whatif import score_with

    ws = Workspace.open(REPO)
    state, library = ws.load_state("newmexico"), ws.load_library()
    ids = select_for_gaps(library, build_plan(state, ws.frameworks, top=8).gaps).clause_ids
    after = {
        s.framework.short_title: s.total
        for s in score_with(state, ws.frameworks, library.expand(ids))
    }
    doc = Document(str(memo_files["docx"]))
    outcome = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "Scorecard" and t.rows[0].cells[2].text == "With the bill"
    )
    rows = {r.cells[0].text: r.cells[2].text for r in outcome.rows[1:]}
    for title, total in after.items():
        assert rows[title].startswith(f"{total.normalize():f} (")
    assert after["Polaris record relief"] == Decimal(100)


def test_memo_chart_numbers(memo_files):
    from gapdraft.drafting.memo import chart_of
    from gapdraft.load.workspace import Workspace
    from gapdraft.render.memo_docx import chart_description
    from gapdraft.scoring import score_state

    ws = Workspace.open(REPO)
    scores = score_state(ws.load_state("newmexico"), ws.frameworks)
    charts = [chart_of(s) for s in scores]
    sh = {b.label: (b.points, b.max_points) for b in charts[0].bars}
    assert sh["Criminal Provisions"] == (Decimal("9.5"), Decimal("17.5"))
    assert sum(p for p, _ in sh.values()) == Decimal(41)  # 45 less the extra credit
    polaris = {b.label: b.points for b in charts[1].bars}
    assert sum(polaris.values()) == 67
    with zipfile.ZipFile(memo_files["docx"]) as z:
        document = z.read("word/document.xml").decode()
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
    assert len(pictures) == 2
    for chart in charts:
        assert chart_description(chart).replace("&", "&amp;") in document


def test_memo_marks_estimates_and_unverified_citations(memo_files):
    md = memo_files["md"].read_text()
    assert "[unverified]" in md
    assert "estimates" in md and "assumed cut-offs" in md
    assert "prints no letter grade" in md


@pytest.mark.office
def test_memo_pdf_with_libreoffice(tmp_path):
    out = tmp_path / "memo.docx"
    result = run(
        "--workspace", str(REPO), "memo", "newmexico", "--top", "3", "-o", str(out), "--pdf"
    )
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "memo.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Memorandum" in text and "Where New Mexico stands" in text


def test_memo_pdf_without_libreoffice_is_one_line(tmp_path, monkeypatch):
    import gapdraft.render.office

    monkeypatch.setattr(gapdraft.render.office, "find_soffice", lambda: None)
    out = tmp_path / "memo.docx"
    result = run("--workspace", str(REPO), "memo", "newmexico", "-o", str(out), "--pdf")
    assert result.exit_code == 1
    assert "LibreOffice" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_memo_keeps_existing_files(tmp_path):
    out = tmp_path / "memo.docx"
    out.write_bytes(b"mine")
    result = run("--workspace", str(REPO), "memo", "newmexico", "-o", str(out))
    assert_one_line_error(result, "already exists")
    assert out.read_bytes() == b"mine"


def test_memo_target_grade_uses_the_planner():
    result = run(
        "--workspace", str(REPO), "memo", "newmexico", "--target-grade", "C", "--format", "md"
    )
    assert result.exit_code == 0, result.stderr
    assert "Shared Hope 2022 | 45 (F*) | 70 (C*)" in result.stdout
