"""The consultation memo, end to end: written by the CLI, read back as a person would see it,
its figures compared with `plan --format json` and `score --adopt`, and laid out by LibreOffice
(at most six pages by default)."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from tests.helpers import REPO, TINY, assert_one_line_error, run

TITLES = {"sharedhope-2022": "Shared Hope 2022", "polaris-record-relief": "Polaris record relief"}
DATE = ["--date", "2026-11-24"]


def memo(*args: str) -> str:
    result = run("--workspace", str(REPO), "memo", "newmexico", *DATE, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def memo_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("memo")
    docx = folder / "NM-consultation-memo.docx"
    args = ["--workspace", str(REPO), "memo", "newmexico", "--top", "8", *DATE]
    result = run(*args, "-o", str(docx))
    assert result.exit_code == 0, result.stderr
    md = run(*args, "--format", "md")
    assert md.exit_code == 0, md.stderr
    (folder / "memo.md").write_text(md.stdout)
    return {"docx": docx, "md": folder / "memo.md"}


def standing_rows(doc) -> dict[str, list[str]]:
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Scorecard")
    return {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}


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
        "How firm these numbers are",
        "Sources",
    ):
        assert wanted in headings
    assert not [h for h in headings if h.startswith("Appendix")]  # only with --full
    assert doc.core_properties.title == "New Mexico consultation memo"


def test_memo_figures_equal_the_plan(memo_files):
    plan = json.loads(run("--workspace", str(REPO), "plan", "newmexico", "--format", "json").stdout)
    by_title = standing_rows(Document(str(memo_files["docx"])))
    for score in plan["scores"]:
        row = by_title[TITLES[score["framework"]]]
        assert row[1] == f"{score['total']} / {score['max']}"
        assert row[2].split()[0].rstrip("*") == score["grade"]
    # each recommendation's gain equals the plan's gain for that goal, and the memo's first
    # recommendations follow the plan's first gaps
    gains = {(g["goal"]): g["gain"] for g in plan["gaps"]}
    md = memo_files["md"].read_text()
    assert (
        "| Polaris record relief | Offenses Covered: every offense eligible for relief | 23 → 30 | +7 |"
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


def test_memo_outcome_equals_score_adopt(memo_files):
    from gapdraft.drafting.assemble import select_for_gaps
    from gapdraft.load.workspace import Workspace
    from gapdraft.planning.gaps import build_plan

    ws = Workspace.open(REPO)
    state, library = ws.load_state("newmexico"), ws.load_library()
    ids = select_for_gaps(library, build_plan(state, ws.frameworks, top=8).gaps).clause_ids
    adopted = json.loads(
        run(
            "--workspace", str(REPO), "score", "newmexico", "--adopt", ",".join(ids),
            "--format", "json",
        ).stdout
    )  # fmt: skip
    rows = standing_rows(Document(str(memo_files["docx"])))
    for score in adopted["scores"]:
        with_bill = rows[TITLES[score["framework"]]][4]
        assert with_bill == f"{score['total']} / {score['max']} ({score['grade']}*)"
    assert rows["Polaris record relief"][4] == "100 / 100 (A*)"


def test_default_memo_is_the_target_plan_with_its_figures():
    """The default ask: the fewest provisions that lift the lowest grade (F) to D; each running
    total equals the planner's, and the result equals `score --adopt` of those clauses."""
    target = json.loads(
        run(
            "--workspace", str(REPO), "plan", "newmexico", "--target-grade", "D", "--format", "json"
        ).stdout
    )
    md = memo("--format", "md")
    headings = re.findall(r"^### (\d+)\. (.+?) \(SECTION", md, flags=re.M)
    assert [t for _, t in headings] == [step["title"] for step in target["plan"]]
    for step in target["plan"]:
        after = "; ".join(
            f"{TITLES[p['framework']]} {p['total']} ({p['grade']}*)" for p in step["projected"]
        )
        assert f"With this and the provisions above it: {after}." in md
    ids = ",".join(step["clause"] for step in target["plan"])
    adopted = json.loads(
        run(
            "--workspace", str(REPO), "score", "newmexico", "--adopt", ids, "--format", "json"
        ).stdout
    )
    sh = next(s for s in adopted["scores"] if s["framework"] == "sharedhope-2022")
    assert f"that would raise Shared Hope 2022 from 45 (F*) to {sh['total']} (D*)" in md


def test_memo_chart_is_a_native_word_chart(memo_files):
    from gapdraft.drafting.memo import chart_of
    from gapdraft.load.workspace import Workspace
    from gapdraft.scoring import score_state

    ws = Workspace.open(REPO)
    scores = score_state(ws.load_state("newmexico"), ws.frameworks)
    chart = chart_of(scores, scores)
    sh = {b.label: (b.points, b.max_points) for b in chart.bars if b.group == "Shared Hope 2022"}
    assert sh["Criminal Provisions"] == (Decimal("9.5"), Decimal("17.5"))
    assert sum(p for p, _ in sh.values()) == Decimal(41)  # 45 less the extra credit
    polaris = [b.points for b in chart.bars if b.group == "Polaris record relief"]
    assert sum(polaris) == 67
    assert "4 points of extra credit" in chart.note
    with zipfile.ZipFile(memo_files["docx"]) as z:
        names = z.namelist()
        document = z.read("word/document.xml").decode()
        chart_xml = z.read("word/charts/chart1.xml").decode()
        workbook = z.read("word/embeddings/Chart_Data_1.xlsx")
    assert not [n for n in names if n.startswith("word/media/")]  # one chart, no pictures
    assert [n for n in names if n.startswith("word/charts/chart")] == ["word/charts/chart1.xml"]
    assert '<c:barDir val="bar"/>' in chart_xml and "<c:v>Criminal Provisions</c:v>" in chart_xml
    with zipfile.ZipFile(__import__("io").BytesIO(workbook)) as x:
        assert "Criminal Provisions" in x.read("xl/worksheets/sheet1.xml").decode()
    doc = Document(str(memo_files["docx"]))
    shown = next(p for p in doc.paragraphs if p._p.xpath(".//c:chart"))
    description = shown._p.xpath(".//wp:docPr/@descr")[0]
    assert description.startswith("Points by issue area")
    assert "Shared Hope 2022, Criminal Provisions: 9.5 now" in description
    assert "c:chart" in document


def test_chart_adds_what_the_bill_adds():
    from gapdraft.drafting.memo import chart_of
    from gapdraft.load.workspace import Workspace
    from gapdraft.planning.whatif import score_with
    from gapdraft.scoring import score_state

    ws = Workspace.open(REPO)
    state, library = ws.load_state("newmexico"), ws.load_library()
    now = score_state(state, ws.frameworks)
    after = score_with(state, ws.frameworks, library.expand(["record-relief-all-offenses"]))
    bars = {b.label: b for b in chart_of(now, after).bars}
    assert (bars["Offenses Covered"].points, bars["Offenses Covered"].added) == (23, 7)
    assert bars["Criminal Provisions"].added == 0


def test_memo_says_how_firm_its_numbers_are(memo_files):
    md = memo_files["md"].read_text()
    box = md.split("## How firm these numbers are", 1)[1].split("## Sources", 1)[0]
    assert "reproduce the published report cards" in box
    assert "cut-offs we assumed" in box
    assert "Polaris and the Survivor Reentry Project printed no letter grade for New Mexico" in box
    assert "Gains marked ~ rest on our split" in box
    assert "Shared Hope 2022 goals 2.6 to 6.6" in box and "our judgment, not Shared Hope" in box
    assert "have not yet been checked against the official text of the NMSA 1978" in box
    # the record-relief placeholder is explained once, plainly, not repeated as a citation
    assert md.count("section number not verified") == 0
    assert box.count("We have not found the section number") == 1
    # the grade the publisher did not print is marked beside it
    assert "| D* (publisher printed no grade) |" in md


def test_memo_has_nothing_a_legislator_should_not_see():
    md = memo("--format", "md", "--full")
    assert "`" not in md and "gapdraft " not in md
    assert "check it against" not in md and "Drafter's note" not in md
    assert "[unverified]" not in md
    for internal in ("offenses-covered", "range-of-relief", "judicial-discretion"):
        assert internal not in md  # Polaris goals appear by their category's name
    assert "Goal 4.4: Vacatur of convictions and adjudications" in md


def test_full_memo_has_every_recommendation_and_the_model_language():
    from gapdraft.drafting.assemble import select_for_gaps
    from gapdraft.load.workspace import Workspace
    from gapdraft.planning.gaps import build_plan

    ws = Workspace.open(REPO)
    state, library = ws.load_state("newmexico"), ws.load_library()
    every = select_for_gaps(library, build_plan(state, ws.frameworks).gaps).clause_ids
    md = memo("--format", "md", "--full")
    appendix = md.split("## Appendix A: Every recommendation, for every unmet goal", 1)[1]
    listed, model = appendix.split("## Appendix B: Model language", 1)
    titles = re.findall(r"^### \d+\. (.+?) \(SECTION \d+ in Appendix B\)$", listed, flags=re.M)
    assert len(titles) >= len(every) - 3  # a clause whose goals an earlier one met adds nothing
    assert "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF NEW MEXICO:" in model
    # honest figures: every goal met passes the maximum by New Mexico's extra credit
    assert "Shared Hope 2022 104 = 100 + 4 extra credit (A*)" in listed
    assert "whether it caps the total at 100 is not published" in md


def test_memo_for_a_fixture_state_in_another_format():
    result = run("--workspace", str(TINY), "memo", "alpha", "--format", "md", *DATE)
    assert result.exit_code == 0, result.stderr
    assert "## Where Alpha stands" in result.stdout
    assert "11 = 10 + 1 extra credit" in result.stdout  # Tiny passes its maximum
    assert "1 point of extra credit" in result.stdout


@pytest.mark.office
def test_default_memo_fits_six_pages_in_libreoffice(tmp_path):
    out = tmp_path / "memo.docx"
    result = run("--workspace", str(REPO), "memo", "newmexico", "-o", str(out), "--pdf", *DATE)
    assert result.exit_code == 0, result.stderr
    assert "converting memo.docx to PDF with LibreOffice" in result.stderr
    pdf = tmp_path / "memo.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, flags=re.M).group(1))
    assert pages <= 6
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Memorandum" in text and "Where New Mexico stands" in text
    first = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "We ask you to consider" in first and "Points now" in first  # the chart's legend


def test_memo_pdf_without_libreoffice_is_one_line(tmp_path, monkeypatch):
    import gapdraft.render.office

    monkeypatch.setattr(gapdraft.render.office, "find_soffice", lambda: None)
    out = tmp_path / "memo.docx"
    result = run("--workspace", str(REPO), "memo", "newmexico", "-o", str(out), "--pdf")
    assert result.exit_code == 2
    assert "LibreOffice" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_memo_keeps_existing_files(tmp_path):
    out = tmp_path / "memo.docx"
    out.write_bytes(b"mine")
    result = run("--workspace", str(REPO), "memo", "newmexico", "-o", str(out))
    assert_one_line_error(result, "already exists")
    assert out.read_bytes() == b"mine"


def test_memo_target_grade_uses_the_planner():
    md = memo("--target-grade", "C", "--format", "md")
    assert "| Shared Hope 2022 | 45 / 100 | F* | 45, F, Tier II | 70 / 100 (C*) |" in md


def test_memo_module_imports_no_renderer():
    source = (REPO / "src" / "gapdraft" / "drafting" / "memo.py").read_text()
    notes = (REPO / "src" / "gapdraft" / "drafting" / "memo_notes.py").read_text()
    assert "gapdraft.render" not in source and "gapdraft.render" not in notes


def test_memo_sources_name_the_states_own_report_cards(memo_files):
    md = memo_files["md"].read_text()
    sources = md.split("## Sources", 1)[1]
    assert (
        "- Polaris and the Survivor Reentry Project, criminal record relief report card, New Mexico"
        " <https://polarisproject.org/RecordRelief>" in sources
    )
    assert (
        "- Shared Hope International, 2022 Report Card on Child & Youth Sex Trafficking" in sources
    )
    urls = re.findall(r"<(https?://[^>]+)>", sources)
    assert len(urls) == len(set(urls))  # one entry per document
    assert "Shared Hope International: Shared Hope International" not in sources


def test_memo_of_a_partly_coded_state_is_refused_in_one_line(tmp_path):
    from tests.helpers import copy_workspace

    ws = copy_workspace(REPO, tmp_path / "ws")
    text = (ws / "samples" / "newmexico.yaml").read_text()
    start, end = text.index('      "1.2":'), text.index('      "1.3":')
    (ws / "samples" / "newmexico.yaml").write_text(text[:start] + text[end:])
    result = run("--workspace", str(ws), "memo", "newmexico", "--format", "md")
    assert_one_line_error(result, "the memo needs every goal coded")


def test_memo_of_provisions_the_law_already_has_asks_for_nothing():
    md = memo("--clauses", "child-sex-trafficking-buyers", "--format", "md")  # goal 1.1 is met
    assert "would not change any score: New Mexico's law already meets the goals" in md
    assert "None of the selected provisions gains points" in md
    assert "We ask you to consider" not in md and "0 provisions" not in md
