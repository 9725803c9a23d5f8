"""A state written from docs/data-format.md alone, in a bill form unlike New Mexico's
(tests/fixtures/westland: a made-up, Texas-like state), validates, plans, drafts and gets its
memo in its own form, with nothing of New Mexico in any output."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.helpers import REPO, TESTS, run

WESTLAND = TESTS / "fixtures" / "westland" / "samples" / "westland.yaml"
NEW_MEXICO = re.compile(r"New Mexico|NEW MEXICO|NMSA|newmexico|\bNM\b")


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("westland")
    for folder in ("policy_goals", "clauses"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "samples").mkdir()
    shutil.copy(WESTLAND, root / "samples")
    return root


def _all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )


def test_validates_and_plans_with_no_published_figures(ws):
    checked = run("--workspace", str(ws), "validate")
    assert checked.exit_code == 0, checked.stderr
    assert "westland: sharedhope-2022: not published" in checked.stdout
    plan = run("--workspace", str(ws), "plan", "westland")
    assert plan.exit_code == 0, plan.stderr
    assert "not published" in plan.stdout and "NO" not in plan.stdout.split()
    assert not NEW_MEXICO.search(plan.stdout)
    assert "~ estimate" not in plan.stdout  # nothing estimated here: no footnote about it
    data = json.loads(run("--workspace", str(ws), "score", "westland", "--format", "json").stdout)
    assert [s["published_source"] for s in data["scores"]] == [None, None]
    nm = run("plan", "newmexico")  # the bundled state: the footnote names its scorecard
    assert "~ estimate (Shared Hope 2022):" in nm.stdout


def test_bill_markdown_is_in_westlands_own_form(ws, tmp_path):
    out = tmp_path / "bill.md"
    result = run("--workspace", str(ws), "draft", "westland", "--format", "md", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert not NEW_MEXICO.search(text), NEW_MEXICO.search(text)
    # the state's own youth words, where New Mexico's bill has its Children's Code categories
    assert "delinquent act or status offense" in " ".join(text.split())
    assert "BE IT ENACTED BY THE LEGISLATURE OF THE STATE OF WESTLAND:" in text
    # numbered new sections, each in its own code, counting up within one place
    assert "Chapter 20A, Penal Code, is amended by adding Section 20A.05 to read as follows:" in (
        text
    )
    assert "Sec. 20A.05. " in text and "Sec. 20A.06. " in text
    assert "Chapter 261, Family Code, is amended by adding Section 261.120" in text
    assert "Code of Criminal Procedure" in text
    numbers = re.findall(r"is amended by adding Section (\S+) to read", text)
    assert len(numbers) == len(set(numbers))  # two location keys in one chapter share a count
    # the state's cross-reference wording and unit labels
    assert re.search(r"Subdivision \(\d\), Subsection \([a-z]\)", text)
    assert not re.search(r"(Paragraph|Subdivision) \(\d\) of Subsection", text)  # NM's form
    # a temporary (uncodified) section: no number, no catchline formula
    last = text[text.rindex("\nSECTION ") + 1 :]
    assert re.match(r"SECTION \d+\.\n\n\(a\)", last) and "Sec. " not in last.split("\n")[0]


def test_bill_docx_heading_left_and_page_footer(ws, tmp_path):
    out = tmp_path / "bill.docx"
    result = run("--workspace", str(ws), "draft", "westland", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert not NEW_MEXICO.search(_all_xml(out))
    doc = Document(str(out))
    heading = doc.styles["Bill Heading"].paragraph_format.alignment
    assert heading == WD_ALIGN_PARAGRAPH.LEFT
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Page ") and " of " in footer.text
    xml = footer._p.xml
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert doc.paragraphs[0].text == "By: (sponsor to be named)"


def test_memo_cites_nothing_of_another_state(ws, tmp_path):
    md = tmp_path / "memo.md"
    result = run("--workspace", str(ws), "memo", "westland", "--format", "md", "-o", str(md))
    assert result.exit_code == 0, result.stderr
    text = md.read_text()
    assert not NEW_MEXICO.search(text), NEW_MEXICO.search(text)
    assert "not published" in text
    assert "reportcards.sharedhope.org/newmexico" not in text
    assert "~ marks" not in text  # Westland has no estimated gains: no footnote about them
    docx = tmp_path / "memo.docx"
    result = run("--workspace", str(ws), "memo", "westland", "-o", str(docx))
    assert result.exit_code == 0, result.stderr
    assert not NEW_MEXICO.search(_all_xml(docx))


def test_schema_accepts_the_fixture():
    import datetime as dt
    import json

    import jsonschema
    import yaml

    from gapdraft.load.schemas import schema_for

    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    data = plain(yaml.safe_load(WESTLAND.read_text()))
    jsonschema.validate(json.loads(json.dumps(data)), schema_for("state"))


def test_penalties_and_minor_offenses_use_the_states_own_classes(ws):
    """Clauses name a severity tier; Westland's vocabulary turns it into its own classes."""
    ids = "csec-buyer-offense,csec-exploiter-offense,trafficking-victim-protection-order"
    bill = run("--workspace", str(ws), "draft", "westland", "--clauses", ids, "--format", "md")
    assert bill.exit_code == 0, bill.output
    text = " ".join(bill.stdout.split())
    assert "is guilty of a felony of the second degree" in text
    assert "is guilty of a Class A misdemeanor" in text
    assert "second degree felony" not in text  # New Mexico's wording of the same tier
    assert not re.search(r"not less than \w+ years", text)
