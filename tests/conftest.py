"""Shared fixtures: the repository workspace with New Mexico and the clause library, the small
fixture workspace (tests/fixtures/tiny), and the `office` marker for tests that need LibreOffice.

Tests are a package (tests/__init__.py), so plain helpers are imported as `tests.helpers`.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from gapdraft.load.clauses import ClauseLibrary
from gapdraft.load.workspace import Workspace
from gapdraft.model import State
from gapdraft.render.office import find_soffice
from tests.helpers import REPO, TINY

# The parsed-data cache stays on (it is what users run) but out of the user's home: one fresh
# cache folder per test session, inherited by the CLI subprocesses.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="gapdraft-test-cache-")
os.environ.pop("GAPDRAFT_NO_CACHE", None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """`@pytest.mark.office` tests need soffice and pdftotext: skipped without them, except
    under CI, where scripts/test.sh installs them and a missing tool is a failure."""
    if item.get_closest_marker("office") is None:
        return
    missing = [tool for tool, found in office_tools().items() if not found]
    if not missing:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{' and '.join(missing)} required under CI (scripts/test.sh installs them)")
    pytest.skip(f"{' and '.join(missing)} not installed")


def office_tools() -> dict[str, bool]:
    return {
        "LibreOffice (soffice)": find_soffice() is not None,
        "poppler-utils (pdftotext)": shutil.which("pdftotext") is not None,
    }


# --- the repository's workspace ---------------------------------------------------------------


@pytest.fixture(scope="session")
def workspace() -> Workspace:
    """The repository's own workspace: both scorecards, the sample states, the clause library."""
    return Workspace.open(REPO)


@pytest.fixture(scope="session")
def newmexico(workspace: Workspace) -> State:
    return workspace.load_state("newmexico")


@pytest.fixture(scope="session")
def library(workspace: Workspace) -> ClauseLibrary:
    return workspace.load_library()


# --- the small fixture workspace --------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_workspace() -> Workspace:
    """tests/fixtures/tiny: two small frameworks, state `alpha` in another bill format."""
    return Workspace.open(TINY)


@pytest.fixture(scope="session")
def alpha(tiny_workspace: Workspace) -> State:
    return tiny_workspace.load_state("alpha")


@pytest.fixture(scope="session")
def tiny_library(tiny_workspace: Workspace) -> ClauseLibrary:
    return tiny_workspace.load_library()
