"""docx_parts helpers that the renderers rely on for speed and correctness."""

from __future__ import annotations

from unittest import mock

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.styles.styles import Styles

from gapdraft.render.docx_parts import (
    add_text,
    character_style,
    paragraph_style,
    resolve_styles_once,
)


def test_styles_resolved_once_give_python_docx_ids() -> None:
    doc = Document()
    paragraph_style(doc, "Bill Text", font_name="Courier New", font_size=12, base="Normal")
    character_style(doc, "Bill Label", font_name="Courier New", font_size=12)
    resolve_styles_once(doc)
    original = Styles._get_style_id_from_name
    with mock.patch.object(
        Styles, "_get_style_id_from_name", autospec=True, side_effect=original
    ) as calls:
        paragraphs = [doc.add_paragraph("x", style="Bill Text") for _ in range(5)]
        runs = [p.add_run("y", style="Bill Label") for p in paragraphs]
        footer = doc.sections[0].footer.add_paragraph("z", style="Bill Text")
        default = doc.add_paragraph("n", style="Normal")
    assert calls.call_count == 3  # one scan per name, footers included
    assert [p.style.name for p in [*paragraphs, footer]] == ["Bill Text"] * 6
    assert {p._p.pPr.pStyle.val for p in paragraphs} == {doc.styles["Bill Text"].style_id}
    assert [r.style.name for r in runs] == ["Bill Label"] * 5
    assert default._p.pPr.pStyle is None  # the default style is written as no style
    with pytest.raises(KeyError):
        doc.add_paragraph("?", style="No Such Style")
    with pytest.raises(ValueError):  # the wrong type still fails
        doc.add_paragraph("?", style="Bill Label")
    assert doc.part.get_style_id(None, WD_STYLE_TYPE.PARAGRAPH) is None


def test_add_text_writes_what_add_run_writes() -> None:
    doc = Document()
    character_style(doc, "Bill Label", font_name="Courier New", font_size=12)
    for text in ["plain", " spaced ", "SECTION 1.", "tab\there", "line\nbreak", "", "a\rb"]:
        for style in (None, "Bill Label"):
            ours = add_text(doc.add_paragraph(), text, style)
            theirs = doc.add_paragraph().add_run(text, style)
            assert ours._r.xml == theirs._r.xml, text
            assert ours.text == text.replace("\r", "\n")
