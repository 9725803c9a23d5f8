"""The bill's Word file as text (render/ooxml.py, bill_styles.py): comments, character styles
and paragraph properties read back in python-docx as python-docx wrote them, and the bill is
written without importing python-docx."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.dom.minidom import parseString

from docx import Document

from gapdraft.render import ooxml
from gapdraft.render.ooxml import Font, Para, paragraph, run

SAMPLES = ["plain", " spaced ", "a < b & c > d", 'say "x"', "tab\there", "line\nbreak"]


def _docx(path: Path, body: str, word: dict[str, str]) -> None:
    """A package of `body` and the parts in word/ (related as rId1, rId2, ...)."""
    rel, wml = ooxml.REL, ooxml.WORD_CT
    kinds = {"styles.xml": "styles", "comments.xml": "comments"}
    rels = [(f"rId{i}", f"{rel}/{kinds[n]}", n) for i, n in enumerate(word, 1)]
    overrides = {"/word/document.xml": f"{wml}.document.main+xml"}
    overrides |= {f"/word/{n}": f"{wml}.{kinds[n]}+xml" for n in word}
    types = {"rels": "application/vnd.openxmlformats-package.relationships+xml"}
    ns = {"w": ooxml.W_NS, "r": ooxml.R_NS}
    ooxml.write_package(
        path,
        {
            "[Content_Types].xml": ooxml.content_types(
                {**types, "xml": "application/xml"}, overrides
            ),
            "_rels/.rels": ooxml.relationships(
                [("rId1", f"{rel}/officeDocument", "word/document.xml")]
            ),
            "word/document.xml": ooxml.part("w:document", f"<w:body>{body}</w:body>", ns),
            "word/_rels/document.xml.rels": ooxml.relationships(rels),
            **{f"word/{n}": xml for n, xml in word.items()},
        },
    )


def test_runs_read_back_as_python_docx_writes_them(tmp_path: Path) -> None:
    theirs = Document()
    for text in SAMPLES:
        theirs.add_paragraph().add_run(text)
    _docx(tmp_path / "a.docx", "".join(paragraph(run(t)) for t in SAMPLES), {})
    ours = Document(str(tmp_path / "a.docx")).paragraphs
    assert [p.text for p in ours] == [p.text for p in theirs.paragraphs]
    for mine, reference in zip(ours, theirs.paragraphs, strict=True):
        assert mine.runs[0]._r.xml.split(">", 1)[1] == reference.runs[0]._r.xml.split(">", 1)[1]


def test_character_style_comes_first_and_keep_lines_after_keep_next() -> None:
    xml = run("x", Font(bold=True, style="BillSectionLabel"))
    assert xml.startswith('<w:r><w:rPr><w:rStyle w:val="BillSectionLabel"/><w:b/>')
    para = paragraph("", Para(style="S", keep_next=True, keep_lines=True, page_break_before=True))
    assert para.startswith(
        '<w:p><w:pPr><w:pStyle w:val="S"/><w:keepNext/><w:keepLines/><w:pageBreakBefore/>'
    )


def test_comments_anchor_runs_and_read_back(tmp_path: Path) -> None:
    when = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    comments = ooxml.Comments("gapdraft", "GD", when)
    first = comments.anchor(run("word"), ["Title", "line one\nline two"], bold_first=True)
    second = comments.anchor(run("other"), ["Plain & <simple>"])
    assert len(comments) == 2
    body = paragraph(first) + paragraph(run("between ") + second)
    _docx(tmp_path / "c.docx", body, {"comments.xml": comments.part()})
    doc = Document(str(tmp_path / "c.docx"))
    assert [p.text for p in doc.paragraphs] == ["word", "between other"]
    one, two = list(doc.comments)
    assert (one.author, one.initials, one.timestamp) == ("gapdraft", "GD", when)
    assert one.text == "Title\nline one\nline two" and one.paragraphs[0].runs[-1].bold
    assert two.text == "Plain & <simple>" and not two.paragraphs[0].runs[-1].bold
    parseString(comments.part().encode())  # well-formed


def test_the_word_bill_never_imports_python_docx(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from gapdraft.cli import main\n"
        "sys.argv = ['gapdraft', 'draft', 'newmexico', '--top', '2', '-o', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "assert 'docx' not in sys.modules and 'lxml' not in sys.modules, 'python-docx imported'\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    out = tmp_path / "bill.docx"
    result = subprocess.run(
        [sys.executable, "-c", script, str(out)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr[-800:]
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            parseString(archive.read(name))  # every part is well-formed
    assert Document(str(out)).paragraphs[0].text
