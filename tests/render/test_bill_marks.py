"""How the Word bill marks new words and placeholders: underline word by word (so the underscore
stops at the text where a line wraps), placeholders bold and highlighted."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_COLOR_INDEX, WD_UNDERLINE

from gapdraft.drafting.assemble import draft_bill
from gapdraft.render.bill_docx import write_bill_docx


def test_new_words_underlined_word_by_word_and_placeholders_highlighted(
    workspace, newmexico, library, tmp_path
):
    bill = draft_bill(newmexico, workspace.frameworks, library, ["csec-exploiter-offense"])
    write_bill_docx(bill, tmp_path / "bill.docx")
    doc = Document(str(tmp_path / "bill.docx"))
    runs = [r for p in doc.paragraphs for r in p.runs]
    placeholders = [r for r in runs if r.text.startswith("<<CURRENT TEXT OF SECTION 30-6A-4")]
    assert placeholders
    assert all(r.bold and r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in placeholders)
    new = [r for r in runs if r.text.startswith("A person commits promoting")]
    assert new and new[0].font.underline == WD_UNDERLINE.WORDS
    # no marked run starts or ends with a space
    marked = [r for r in runs if r.font.underline or r.font.highlight_color]
    assert all(r.text == r.text.strip() for r in marked)
