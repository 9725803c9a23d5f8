"""New Mexico's real documents, end to end: the model bill and the consultation memo written by
the CLI, read back as a person would see them, and opened by LibreOffice."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.helpers import REPO, run

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
