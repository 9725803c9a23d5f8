"""The memo's brief drafts its bill as an outline (no template rendered); the bill it cites must
still be one `draft` can write. The memo checks that once per content of the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapdraft.drafting import assemble
from tests.helpers import REPO, copy_workspace, run

CLAUSE = "child-welfare-trafficking-training"  # one of the memo's default recommendations


def break_template(ws: Path) -> None:
    file = ws / "clauses" / f"{CLAUSE}.yaml"
    lines = file.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("text:"))
    lines[at + 1] += " {{ nosuchname }}"
    file.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def cached(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(tmp_path / "cache"), "GAPDRAFT_NO_CACHE": ""}


def test_a_template_that_cannot_render_fails_the_memo_every_time(
    tmp_path: Path, cached: dict[str, str]
) -> None:
    ws = copy_workspace(REPO, tmp_path / "ws")
    memo = ("--workspace", str(ws), "memo", "newmexico", "-o", str(tmp_path / "memo.md"))
    assert run(*memo, env=cached).exit_code == 0  # warms the cache with the sound library
    (tmp_path / "memo.md").unlink()
    break_template(ws)
    for _ in range(2):  # a failed check is never remembered
        result = run(*memo, env=cached)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        error = result.stderr.strip().splitlines()[-1]  # after the memo's one status line
        assert error.startswith("gapdraft: error: ")
        assert all(part in error for part in (CLAUSE, "undefined name", "nosuchname"))
        assert not (tmp_path / "memo.md").exists()


def test_the_check_runs_once_per_content(
    tmp_path: Path, cached: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = copy_workspace(REPO, tmp_path / "ws")
    full_drafts: list[tuple[str, ...]] = []
    real = assemble.draft_bill

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not kwargs.get("outline"):
            full_drafts.append(tuple(args[3]))
        return real(*args, **kwargs)

    monkeypatch.setattr(assemble, "draft_bill", counting)
    for n in range(3):
        out = tmp_path / f"memo{n}.md"
        assert (
            run("--workspace", str(ws), "memo", "newmexico", "-o", str(out), env=cached).exit_code
            == 0
        )
    assert len(full_drafts) == 1
    state = ws / "samples" / "newmexico.yaml"
    state.write_text(state.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert (
        run(
            "--workspace", str(ws), "memo", "newmexico", "-o", str(tmp_path / "m.md"), env=cached
        ).exit_code
        == 0
    )
    assert len(full_drafts) == 2  # the state file changed: checked again
