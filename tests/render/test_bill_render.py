"""The bill renderers: Word (.docx read back with python-docx and as raw XML), Markdown, and a
LibreOffice conversion of the Word file to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from gapdraft.drafting.bill import Bill, BillSection, Run, Unit
from gapdraft.errors import ExternalToolError
from gapdraft.render.bill_docx import line_pitch, write_bill_docx
from gapdraft.render.bill_md import BillParagraph, bill_markdown, effect_line, section_paragraphs
from gapdraft.render.office import convert_to_pdf
from gapdraft.scoring import GoalLift

D = Decimal

NM_ENACTING = "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF NEW MEXICO:"
OTHER_ENACTING = "Be it enacted by the People of the State of Examplia:"
LEGEND = ("underscored material = new", "[bracketed material] = delete")


def _vacatur_section() -> BillSection:
    new = "new"
    return BillSection(
        number=1,
        label="SECTION 1.",
        intro="A new section of Chapter 30, Article 52 NMSA 1978 is enacted to read:",
        new_material_tag="[NEW MATERIAL]",
        catchline="VACATUR OF CONVICTIONS FOR VICTIMS OF HUMAN TRAFFICKING.--",
        catchline_mark=new,
        units=(
            Unit(
                "A.",
                1,
                (
                    Run(
                        "A person convicted of an offense committed as a direct result of "
                        "having been a victim of human trafficking may petition the district "
                        "court in the judicial district in which the conviction was entered to "
                        "vacate the conviction.",
                        new,
                    ),
                ),
            ),
            Unit(
                "B.",
                1,
                (Run("The court shall vacate the conviction if it finds that:", new),),
            ),
            Unit(
                "(1)",
                2,
                (
                    Run(
                        "the petitioner was a victim of human trafficking at the time the "
                        "offense was committed; and",
                        new,
                    ),
                ),
            ),
            Unit(
                "(2)",
                2,
                (
                    Run(
                        "the offense was committed as a direct result of the petitioner having "
                        "been a victim of human trafficking.",
                        new,
                    ),
                ),
            ),
            Unit(
                "C.",
                1,
                (
                    Run(
                        "Official documentation of the petitioner's status as a victim of human "
                        "trafficking is not required to obtain relief pursuant to this section.",
                        new,
                    ),
                ),
            ),
        ),
        quoted=True,
        clause_ids=("nm-vacatur",),
        note_title="Drafter's note: SECTION 1",
        note="Closes the vacatur gap.\n\nThe placement in Article 52 is a proposal.",
        effects=(
            GoalLift("sh", "Shared Hope 2022", "4.4", "Vacatur", D("0"), D("2.5"), estimated=True),
            GoalLift("p", "Polaris", "range", "Range of Relief", D(4), D(10), estimated=False),
        ),
    )


def _amendment_section() -> BillSection:
    return BillSection(
        number=2,
        label="SECTION 2.",
        intro="Section 30-6A-4 NMSA 1978 is amended to read:",
        new_material_tag="",
        catchline="30-6A-4. SEXUAL EXPLOITATION OF CHILDREN BY PROSTITUTION.--",
        catchline_mark="plain",
        units=(
            Unit(
                "A.",
                1,
                (
                    Run(
                        "Sexual exploitation of children by prostitution consists of knowingly "
                        "receiving any pecuniary profit as a result of a child under the age of "
                    ),
                    Run("sixteen", "deleted"),
                    Run(" "),
                    Run("eighteen", "new"),
                    Run(" years engaging in a prohibited sexual act with any other person."),
                ),
            ),
            Unit(
                "B.",
                1,
                (
                    Run("Whoever commits sexual exploitation of children by prostitution is "),
                    Run("guilty of a second degree felony", "new"),
                    Run("."),
                ),
            ),
        ),
        quoted=True,
        clause_ids=("nm-age-18",),
        note_title="Drafter's note: SECTION 2",
        note="Raises the age of covered victims to eighteen.",
        effects=(
            GoalLift(
                "sh", "Shared Hope 2022", "1.3", "CSEC laws protect minors under 18", D("1.5"),
                D("2.5"), estimated=True,
            ),
        ),
    )  # fmt: skip


def _effective_date_section() -> BillSection:
    return BillSection(
        number=3,
        label="SECTION 3.",
        intro="",
        new_material_tag="",
        catchline="EFFECTIVE DATE.--",
        catchline_mark="plain",
        units=(Unit("", 0, (Run("The effective date of the provisions of this act is July 1, 2027."),)),),
        quoted=False,
        clause_ids=(),
        note_title="",
        note="",
        effects=(),
    )  # fmt: skip


def nm_bill() -> Bill:
    """A New Mexico model bill in the state's own style."""
    return Bill(
        state_name="New Mexico",
        heading=(
            "HOUSE BILL",
            "58TH LEGISLATURE - STATE OF NEW MEXICO - FIRST SESSION, 2027",
            "INTRODUCED BY",
            "(sponsor to be named)",
        ),
        act_line="AN ACT",
        title=(
            "RELATING TO HUMAN TRAFFICKING; PROVIDING FOR THE VACATUR OF CONVICTIONS OF VICTIMS "
            "OF HUMAN TRAFFICKING; RAISING THE AGE OF CHILDREN PROTECTED FROM SEXUAL "
            "EXPLOITATION BY PROSTITUTION TO EIGHTEEN."
        ),
        enacting_clause=NM_ENACTING,
        sections=(_vacatur_section(), _amendment_section(), _effective_date_section()),
        legend=LEGEND,
        new_markup="underline",
        deleted_markup="bracket-strike",
        line_numbers=True,
        lines_per_page=25,
        font_name="Courier New",
        font_size=12,
        doc_title="Model bill: human trafficking (New Mexico)",
        doc_subject="Closing scorecard gaps",
        doc_author="gapdraft test",
        caveats=("Point gains marked 'estimate' rest on an estimated split of partial credit.",),
    )


def other_bill() -> Bill:
    """A second style: no line numbers, no legend, new material in bold, no caveats."""
    return nm_bill()._replace(
        heading=("SENATE BILL", "EXAMPLIA LEGISLATURE"),
        enacting_clause=OTHER_ENACTING,
        legend=(),
        new_markup="bold",
        line_numbers=False,
        lines_per_page=0,
        font_name="Times New Roman",
        caveats=(),
    )


def _new_texts(bill: Bill) -> list[str]:
    """The new material, in order, as the renderers must mark it (spaces at the ends unmarked)."""
    texts: list[str] = []
    for section in bill.sections:
        if section.catchline_mark == "new":
            texts.append(section.catchline.strip())
        texts += [r.text.strip() for u in section.units for r in u.runs if r.mark == "new"]
    return texts


def _deleted_texts(bill: Bill) -> list[str]:
    return [
        r.text.strip()
        for s in bill.sections
        for u in s.units
        for r in u.runs
        if r.mark == "deleted"
    ]


def _docx_xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def _footer_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("word/footer")]
        return "".join(archive.read(n).decode("utf-8") for n in names)


@pytest.fixture(scope="module")
def nm_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bill") / "nm_bill.docx"
    write_bill_docx(nm_bill(), path)
    return path


@pytest.fixture(scope="module")
def other_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bill") / "other_bill.docx"
    write_bill_docx(other_bill(), path)
    return path


# --- Word ---------------------------------------------------------------------------------------


def test_docx_front_matter_in_order(nm_docx: Path) -> None:
    texts = [p.text for p in Document(str(nm_docx)).paragraphs]
    bill = nm_bill()
    assert texts[:4] == list(bill.heading)
    order = [texts.index(t) for t in ("AN ACT", bill.title, NM_ENACTING)]
    assert order == sorted(order)
    assert texts.index(NM_ENACTING) < next(i for i, t in enumerate(texts) if t.startswith("SEC"))


def test_docx_is_made_of_named_styles(nm_docx: Path) -> None:
    doc = Document(str(nm_docx))
    names = {p.style.name for p in doc.paragraphs}
    assert names <= {"Bill Heading", "Bill Title", "Bill Enacting", "Bill Section", "Bill Text",
                     "Bill Text 1", "Bill Text 2"}  # fmt: skip
    heading = next(p for p in doc.paragraphs if p.text == "HOUSE BILL")
    assert heading.style.name == "Bill Heading"
    assert heading.style.font.name == "Courier New"


def test_docx_section_labels_and_layout(nm_docx: Path) -> None:
    doc = Document(str(nm_docx))
    labels = [
        r.text for p in doc.paragraphs for r in p.runs if r.style.name == "Bill Section Label"
    ]
    assert labels == ["SECTION 1.", "SECTION 2.", "SECTION 3."]
    texts = [p.text for p in doc.paragraphs]
    assert (
        texts[texts.index(nm_bill().sections[0].label + " " + nm_bill().sections[0].intro) + 1]
        == '"[NEW MATERIAL] VACATUR OF CONVICTIONS FOR VICTIMS OF HUMAN TRAFFICKING.--'
    )
    assert any(t.startswith("(2) the offense") and t.endswith("trafficking.") for t in texts)
    assert any(t.startswith("C. Official") and t.endswith('this section."') for t in texts)
    assert any(t.startswith("A. Sexual exploitation") and "[sixteen] eighteen" in t for t in texts)
    assert "SECTION 3. EFFECTIVE DATE.--The effective date of the provisions" in " ".join(texts)


def test_docx_new_material_underlined_exactly(nm_docx: Path) -> None:
    runs = [r for p in Document(str(nm_docx)).paragraphs for r in p.runs]
    assert [r.text for r in runs if r.font.underline] == _new_texts(nm_bill())
    assert not any(r.font.bold for r in runs)


def test_docx_deleted_material_bracketed_and_struck(nm_docx: Path) -> None:
    runs = [r for p in Document(str(nm_docx)).paragraphs for r in p.runs]
    assert [r.text for r in runs if r.font.strike] == [f"[{t}]" for t in _deleted_texts(nm_bill())]


def test_docx_line_numbers_restart_every_page(nm_docx: Path) -> None:
    document_xml = _docx_xml(nm_docx, "word/document.xml")
    assert '<w:lnNumType w:countBy="1" w:restart="newPage" w:distance=' in document_xml
    sect = Document(str(nm_docx)).sections[0]
    assert (sect.page_width.inches, sect.page_height.inches) == (8.5, 11)


def test_docx_exact_line_pitch_gives_25_lines(nm_docx: Path) -> None:
    pitch = line_pitch(25)
    usable = (11 - 1 - 1) * 1440
    assert 25 * pitch <= usable < 26 * pitch  # twips
    styles_xml = _docx_xml(nm_docx, "word/styles.xml")
    assert re.search(f'w:lineRule="exact" w:line="{pitch}"', styles_xml)
    text = Document(str(nm_docx)).styles["Bill Text"].paragraph_format
    assert (text.space_before, text.space_after, text.widow_control) == (0, 0, False)


def test_docx_footer_has_page_field_and_legend(nm_docx: Path) -> None:
    footer = _footer_xml(nm_docx)
    assert 'w:fldCharType="begin"' in footer and 'w:fldCharType="end"' in footer
    assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in footer
    texts = [p.text for p in Document(str(nm_docx)).sections[0].footer.paragraphs]
    assert texts[1:] == list(LEGEND)


def test_docx_drafters_notes_are_comments(nm_docx: Path) -> None:
    comments = list(Document(str(nm_docx)).comments)
    notes = [c for c in comments if c.text.startswith("Drafter's note")]
    assert [c.author for c in notes] == ["gapdraft", "gapdraft"]
    first = notes[0].text.split("\n")
    assert first == [
        "Drafter's note: SECTION 1",
        "Meets Shared Hope 2022 goal 4.4 (Vacatur): 0 -> 2.5 (+2.5), estimate",
        "Meets Polaris goal range (Range of Relief): 4 -> 10 (+6)",
        "Closes the vacatur gap.",
        "The placement in Article 52 is a proposal.",
    ]
    document_xml = _docx_xml(nm_docx, "word/document.xml")
    assert document_xml.count("<w:commentRangeStart") == len(comments) == 3


def test_docx_caveats_in_comment_not_in_body(nm_docx: Path) -> None:
    doc = Document(str(nm_docx))
    caveat = nm_bill().caveats[0]
    assert caveat not in "\n".join(p.text for p in doc.paragraphs)
    reader = [c for c in doc.comments if c.text.startswith("Notes for the reader")]
    assert len(reader) == 1 and caveat in reader[0].text


def test_docx_core_properties(nm_docx: Path) -> None:
    props = Document(str(nm_docx)).core_properties
    assert props.title == "Model bill: human trafficking (New Mexico)"
    assert props.subject == "Closing scorecard gaps"
    assert props.author == "gapdraft test"
    assert props.created is not None and props.created.year >= 2025
    assert props.comments == ""


def test_docx_second_style(other_docx: Path) -> None:
    doc = Document(str(other_docx))
    texts = [p.text for p in doc.paragraphs]
    assert OTHER_ENACTING in texts and NM_ENACTING not in texts
    assert "<w:lnNumType" not in _docx_xml(other_docx, "word/document.xml")
    runs = [r for p in doc.paragraphs for r in p.runs]
    assert [r.text for r in runs if r.font.bold] == _new_texts(other_bill())
    assert not any(r.font.underline for r in runs)
    footer = doc.sections[0].footer.paragraphs
    assert [p.text for p in footer] == ["- 1 -"]  # page number only, no legend
    assert doc.styles["Bill Text"].paragraph_format.line_spacing == 2.0
    assert not [c for c in doc.comments if c.text.startswith("Notes for the reader")]


# --- shared layout and Markdown -----------------------------------------------------------------


def _plain(paragraph: BillParagraph) -> str:
    return "".join(p.text for p in paragraph.pieces)


def test_layout_quotes_catchline_and_runon() -> None:
    first, *_, last = section_paragraphs(_vacatur_section())
    assert _plain(first).startswith("SECTION 1. A new section")
    assert last.depth == 1 and _plain(last).endswith('this section."')
    (only,) = section_paragraphs(_effective_date_section())
    assert (
        _plain(only) == "SECTION 3. EFFECTIVE DATE.--The effective date of the provisions "
        "of this act is July 1, 2027."
    )


def test_effect_line_adds_sign_and_estimate() -> None:
    effect = GoalLift(
        "sh", "Shared Hope 2022", "4.4", "Vacatur", D("1.5"), D("2.5"), estimated=True
    )
    assert (
        effect_line(effect)
        == "Meets Shared Hope 2022 goal 4.4 (Vacatur): 1.5 -> 2.5 (+1), estimate"
    )


def test_markdown_nm_bill() -> None:
    md = bill_markdown(nm_bill())
    assert md.count("underscored material = new") == 1
    assert md.index("Legend") < md.index("**HOUSE BILL**") < md.index("**AN ACT**")
    assert (
        md.index(NM_ENACTING)
        < md.index("SECTION 1.")
        < md.index("SECTION 2.")
        < md.index("SECTION 3.")
    )
    assert "<s>[sixteen]</s> <u>eighteen</u> years" in md
    assert '"[NEW MATERIAL] <u>VACATUR OF CONVICTIONS' in md
    assert "> **Drafter's note: SECTION 1.**" in md
    assert "> - Meets Shared Hope 2022 goal 4.4 (Vacatur): 0 -> 2.5 (+2.5), estimate" in md
    assert md.index("> **Drafter's note: SECTION 2.**") < md.index("SECTION 3.")
    notes = md.index("## Notes for the reader")
    assert notes > md.index("SECTION 3.") and nm_bill().caveats[0] in md[notes:]


def test_markdown_second_style() -> None:
    md = bill_markdown(other_bill())
    assert "Legend" not in md and "<u>" not in md
    assert "**eighteen**" in md and "<s>[sixteen]</s>" in md
    assert OTHER_ENACTING in md and "Notes for the reader" not in md


def test_markdown_bracket_only_escapes_brackets() -> None:
    md = bill_markdown(nm_bill()._replace(deleted_markup="bracket"))
    assert "\\[sixteen\\] <u>eighteen</u>" in md and "<s>" not in md


# --- LibreOffice --------------------------------------------------------------------------------


def test_convert_reports_missing_soffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ExternalToolError, match="install libreoffice-writer-nogui"):
        convert_to_pdf(tmp_path / "x.docx", tmp_path)


@pytest.mark.office
def test_convert_reports_failure(tmp_path: Path) -> None:
    with pytest.raises(ExternalToolError, match="no such file"):
        convert_to_pdf(tmp_path / "missing.docx", tmp_path)


@pytest.fixture(scope="module")
def nm_pdf(nm_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Converted once; the tests that use it carry the `office` marker."""
    return convert_to_pdf(nm_docx, tmp_path_factory.mktemp("pdf"))


@pytest.mark.office
def test_pdf_is_written(nm_pdf: Path) -> None:
    assert nm_pdf.name == "nm_bill.pdf"
    data = nm_pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000


def _line_numbers(page: str) -> list[int]:
    """The numbers pdftotext shows at the start of lines: the line numbers in the margin."""
    return [int(line.split()[0]) for line in page.splitlines() if line[:4].strip().isdigit()]


@pytest.mark.office
def test_pdf_pages_have_25_numbered_lines_and_footer(nm_pdf: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(nm_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 2
    assert "BE IT ENACTED BY THE LEGISLATURE" in pages[0] and "SECTION 3." in pages[1]
    assert _line_numbers(pages[0]) == list(range(1, 26))  # a full page: exactly 25 lines
    numbers = _line_numbers(pages[1])  # restarts at 1 on the next page
    assert numbers == list(range(1, len(numbers) + 1))
    for n, page in enumerate(pages, start=1):
        assert f"- {n} -" in page and all(line in page for line in LEGEND)
