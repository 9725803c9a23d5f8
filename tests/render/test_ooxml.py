"""The text-built WordprocessingML (render/ooxml.py) and the memo written with it: valid XML that
python-docx reads back with the memo's styles, fonts and layout, and no python-docx on the way."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from xml.dom.minidom import parseString

from docx import Document
from docx.shared import Inches, Pt

from gapdraft.render import ooxml
from gapdraft.render.ooxml import Cell, Font, Para, paragraph, run
from tests.helpers import REPO
from tests.helpers import run as cli

W = f'xmlns:w="{ooxml.W_NS}"'


def _parse(xml: str):
    return parseString(f"<root {W}>{xml}</root>")


def test_run_escapes_text_and_keeps_spaces_tabs_and_breaks():
    xml = run(' a < b & "c" \tnext\nline ', Font(bold=True, size=9.5))
    dom = _parse(xml)  # well-formed
    texts = [t.firstChild.data for t in dom.getElementsByTagName("w:t")]
    assert texts == [' a < b & "c" ', "next", "line "]
    assert [t.getAttribute("xml:space") for t in dom.getElementsByTagName("w:t")] == [
        "preserve",
        "",
        "preserve",
    ]
    assert len(dom.getElementsByTagName("w:tab")) == 1
    assert len(dom.getElementsByTagName("w:br")) == 1
    assert '<w:rPr><w:b/><w:sz w:val="19"/></w:rPr>' in xml


def test_characters_xml_cannot_hold_are_dropped():
    dom = _parse(run("bell\x07 and nul\x00"))
    assert dom.getElementsByTagName("w:t")[0].firstChild.data == "bell and nul"


def test_paragraph_properties_follow_the_schema_order():
    xml = paragraph(
        run("x"),
        Para(
            style="Heading1",
            keep_next=True,
            page_break_before=True,
            space_before=12,
            space_after=2,
            left_indent=0.6,
            align="center",
        ),
    )
    assert xml.startswith(
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:keepNext/><w:pageBreakBefore/>'
        '<w:spacing w:before="240" w:after="40"/><w:ind w:left="864"/><w:jc w:val="center"/>'
    )
    assert paragraph() == "<w:p/>"


def test_table_sets_widths_on_grid_and_cells_and_repeats_its_header():
    xml = ooxml.table(
        [[Cell(paragraph(run("h")))], [Cell(paragraph(run("v")), fill="F2F2F2")]],
        (1.4,),
        style="TableGrid",
        header_rows=1,
        cant_split=True,
    )
    dom = _parse(xml)
    assert dom.getElementsByTagName("w:gridCol")[0].getAttribute("w:w") == "2016"
    assert [c.getAttribute("w:w") for c in dom.getElementsByTagName("w:tcW")] == ["2016"] * 2
    assert len(dom.getElementsByTagName("w:tblHeader")) == 1
    assert len(dom.getElementsByTagName("w:cantSplit")) == 2
    assert dom.getElementsByTagName("w:shd")[0].getAttribute("w:fill") == "F2F2F2"


def test_core_properties_are_cut_at_word_limit():
    xml = ooxml.core_properties("t" * 300, "s", "a & b")
    dom = parseString(xml.encode())
    title = dom.getElementsByTagName("dc:title")[0].firstChild.data
    assert len(title) == 255 and title.endswith("…")
    assert dom.getElementsByTagName("dc:creator")[0].firstChild.data == "a & b"


def test_memo_docx_reads_back_with_its_styles_and_page(tmp_path):
    out = tmp_path / "memo.docx"
    result = cli("--workspace", str(REPO), "memo", "newmexico", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                parseString(archive.read(name))  # every part is well-formed
    doc = Document(str(out))
    styles = doc.styles
    assert styles["Normal"].font.name == "Liberation Serif"
    assert styles["Normal"].font.size == Pt(10.5)
    assert styles["Heading 1"].font.size == Pt(13)
    assert styles["Heading 2"].paragraph_format.space_before == Pt(8)
    assert styles["Title"].font.size == Pt(20)
    section = doc.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert section.left_margin == Inches(1) and section.bottom_margin == Inches(1)
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Page") and "PAGE" in footer._p.xml
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets and all(p.runs[0].font.size == Pt(9.5) for p in bullets)


def test_writing_the_memo_does_not_import_python_docx(tmp_path):
    code = (
        "import sys\n"
        "from gapdraft.cli import main\n"
        f"sys.argv = ['gapdraft', '--workspace', {str(REPO)!r}, 'memo', 'newmexico', "
        f"'-o', {str(tmp_path / 'm.docx')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "m.docx").exists()
