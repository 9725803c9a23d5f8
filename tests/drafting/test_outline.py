"""The bill's outline (`draft_bill(..., outline=True)`, what the memo's brief needs of the bill):
the same sections, numbers, labels, clause ids, effects and caveats as the drafted bill, with no
template rendered, for New Mexico, the made-up Westland and the tiny fixture."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from gapdraft.drafting.assemble import draft_bill, select_for_gaps
from gapdraft.load.workspace import Workspace
from gapdraft.planning.gaps import build_plan
from tests.helpers import REPO, TESTS, TINY


def _westland(tmp_path):
    for folder in ("policy_goals", "clauses"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    (tmp_path / "samples").mkdir()
    shutil.copy(TESTS / "fixtures" / "westland" / "samples" / "westland.yaml", tmp_path / "samples")
    return tmp_path


@pytest.mark.parametrize(("where", "state", "top"), [
    ("repo", "newmexico", None), ("repo", "newmexico", 6), ("westland", "westland", None),
    ("tiny", "alpha", None),
])  # fmt: skip
def test_outline_is_the_bill_without_its_text(tmp_path, where, state, top):
    root = {"repo": REPO, "tiny": TINY}.get(where) or _westland(tmp_path)
    ws = Workspace.open(root)
    st, library = ws.load_state(state), ws.load_library()
    ids = select_for_gaps(library, build_plan(st, ws.frameworks, top=top).gaps).clause_ids
    bill = draft_bill(st, ws.frameworks, library, ids)
    outline = draft_bill(st, ws.frameworks, library, ids, outline=True)
    shape = [(s.number, s.label, s.kind, s.clause_ids, s.effects) for s in bill.sections]
    assert [(s.number, s.label, s.kind, s.clause_ids, s.effects) for s in outline.sections] == shape
    assert outline.caveats == bill.caveats
    assert outline.title == "" and bill.title
    assert all(not s.units for s in outline.sections if s.kind in ("new", "definitions"))
    assert any(s.units for s in bill.sections if s.kind == "new")


def test_memo_brief_renders_no_template(tmp_path):
    """Jinja2 is not even imported for the default memo: its bill is an outline (nor YAML, once
    the parsed-data cache is warm: the first run fills it)."""
    code = (
        "import sys\n"
        "from gapdraft.cli import main\n"
        f"sys.argv = ['gapdraft', '--workspace', {str(REPO)!r}, 'memo', 'newmexico', "
        f"'-o', {str(tmp_path / 'm.md')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'yaml')))\n"
    )
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert "SECTION" in (tmp_path / "m.md").read_text()
