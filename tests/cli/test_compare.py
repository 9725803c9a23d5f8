"""`gapdraft compare`: every state of the workspace side by side."""

from __future__ import annotations

import csv
import io
import json
import shutil

from tests.helpers import REPO, TESTS, run


def _workspace(tmp_path):
    for folder in ("policy_goals", "samples"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    shutil.copy(TESTS / "fixtures" / "westland" / "samples" / "westland.yaml", tmp_path / "samples")
    return tmp_path


def test_compare_every_state_with_published_figures_where_known(tmp_path):
    ws = _workspace(tmp_path)
    result = run("--workspace", str(ws), "compare", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {(r["state"], r["framework"]): r for r in json.loads(result.stdout)["rows"]}
    nm = rows[("newmexico", "sharedhope-2022")]
    assert (nm["total"], nm["grade"], nm["published_total"], nm["check"]) == (
        45,
        "F",
        45,
        "reproduced",
    )
    assert "New Mexico" in nm["published_source"]
    west = rows[("westland", "sharedhope-2022")]
    assert west["published_total"] is None and west["check"] == "not published"
    assert west["published_source"] is None  # never another state's card
    assert len(rows) == 4


def test_compare_formats_and_framework_filter(tmp_path):
    ws = _workspace(tmp_path)
    table = run("--workspace", str(ws), "compare")
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert any(ln.startswith("Westland") and "not published" in ln for ln in lines)
    assert any(ln.startswith("New Mexico") and "45, F, Tier II" in ln for ln in lines)
    only = run(
        "--workspace", str(ws), "compare", "--framework", "polaris-record-relief", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(only.stdout)))
    assert {r["framework"] for r in rows} == {"polaris-record-relief"} and len(rows) == 2
    md = run("--workspace", str(ws), "compare", "--format", "md")
    assert md.stdout.startswith("| State | Scorecard |") and "| Westland |" in md.stdout
    bad = run("--workspace", str(ws), "compare", "--framework", "nope")
    assert bad.exit_code == 2 and 'unknown framework "nope"' in bad.stderr


def test_compare_marks_a_partly_coded_state(tmp_path):
    ws = _workspace(tmp_path)
    path = ws / "samples" / "westland.yaml"
    text = path.read_text()
    start = text.index('      "1.1":\n') + len('      "1.1":\n')
    end = text.index("      # 1.2 ")
    path.write_text(text[:start] + text[end:])  # goal 1.1 back to uncoded
    data = json.loads(run("--workspace", str(ws), "compare", "--format", "json").stdout)
    west = next(
        r for r in data["rows"] if r["state"] == "westland" and r["framework"] == "sharedhope-2022"
    )
    assert west["uncoded_goals"] == 1 and west["total_is_lower_bound"] is True
    assert any("not coded yet" in n for n in data["notes"])
