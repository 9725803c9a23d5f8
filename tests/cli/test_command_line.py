"""The command line itself: help text, --version, usage errors as one line, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from gapdraft import __version__
from tests.helpers import REPO, TINY, assert_one_line_error, run

COMMANDS_WITH_STATE = ["score", "plan", "draft", "memo"]


@pytest.mark.parametrize("command", COMMANDS_WITH_STATE)
def test_help_shows_the_state_argument_and_no_stray_backslashes(command):
    result = run(command, "--help", env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert "State slug (newmexico) or path to a state YAML file." in result.stdout
    assert "\\[" not in result.stdout and "\\]" not in result.stdout
    assert "[default: table]" in result.stdout or command in ("draft", "memo")


def test_cli_reference_has_every_argument_help_and_no_backslashes():
    text = (REPO / "docs" / "cli.md").read_text()
    assert "\\[" not in text
    assert text.count("STATE  State slug (newmexico)") == len(COMMANDS_WITH_STATE)
    assert "--install-completion" in text and "--version" in text


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"gapdraft {__version__}\n"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["plan"], ["Missing argument 'STATE'", "gapdraft plan --help"]),
        (["plan", "alpha", "--bogus"], ["No such option: --bogus"]),
        (["plan", "alpha", "--top", "x"], ["'--top'", "'x'"]),
        (["plan", "alpha", "--top", "0"], ["'--top'"]),
        (["plan", "alpha", "--format", "xml"], ["'--format'", "xml"]),
        (["nonesuch"], ["No such command 'nonesuch'", "gapdraft --help"]),
    ],
)
def test_usage_errors_are_one_line_like_data_errors(args, fragments):
    result = run("--workspace", str(TINY), *args)
    assert_one_line_error(result, "gapdraft: error: ", *fragments)
    assert "Usage:" not in result.stderr and "Try '" not in result.stderr


def test_no_arguments_still_shows_help():
    result = run()
    assert "Usage: gapdraft" in result.stdout + result.stderr
    assert "plan" in result.stdout + result.stderr


def test_workspace_error_names_the_option_the_core_does_not(tmp_path):
    from gapdraft.errors import NotAWorkspace
    from gapdraft.load.workspace import resolve_root

    with pytest.raises(NotAWorkspace) as caught:
        resolve_root(tmp_path)
    assert "--" not in str(caught.value) and caught.value.source == "option"
    result = run("--workspace", str(tmp_path), "list")
    assert_one_line_error(result, str(tmp_path), "not a gapdraft workspace", "from --workspace")


def _complete(words: str, cword: int, workspace=None) -> list[str]:
    """What bash completion offers, asked the way the installed completion script asks."""
    env = dict(os.environ, _GAPDRAFT_COMPLETE="complete_bash", COMP_WORDS=words)
    env["COMP_CWORD"] = str(cword)
    env.pop("GAPDRAFT_WORKSPACE", None)
    if workspace is not None:
        env["GAPDRAFT_WORKSPACE"] = str(workspace)
    done = subprocess.run(
        [sys.executable, "-m", "gapdraft"], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_completion_offers_states_frameworks_and_clauses():
    assert _complete("gapdraft plan al", 2, TINY) == ["alpha"]
    assert _complete(f"gapdraft --workspace {TINY} plan ", 4) == ["alpha"]
    assert _complete("gapdraft score alpha --framework ", 4, TINY) == ["steps", "tiny"]
    assert _complete("gapdraft draft alpha --clauses relief-", 4, TINY) == [
        "relief-extra",
        "relief-seal",
    ]
    assert _complete("gapdraft draft alpha --clauses goal-two,step", 4, TINY) == [
        "goal-two,stepped-mid",
        "goal-two,stepped-top",
    ]


def test_install_completion_is_offered():
    result = run("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
    script = run("--show-completion", "bash")
    assert script.exit_code == 0
    assert "_GAPDRAFT_COMPLETE=complete_bash" in script.stdout
    assert "complete -o default -F _gapdraft_completion gapdraft" in script.stdout


def test_search_seconds_help_states_the_solvers_default():
    from gapdraft.planning.solver import MAX_SECONDS

    result = run("plan", "--help")
    assert "--search-seconds" in result.stdout
    assert f"(default {MAX_SECONDS:g})" in " ".join(result.stdout.split())
