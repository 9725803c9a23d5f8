"""Where the data lives: the workspace folder and what it holds.

A workspace is a folder with `policy_goals/`, `samples/` and `clauses/`. It is the folder the
caller gives, else the GAPDRAFT_WORKSPACE environment variable, else the data bundled with the
package (in a source checkout: the repository itself).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from gapdraft.errors import DataError, NotAWorkspace, UsageError, did_you_mean
from gapdraft.load.cache import ParsedCache
from gapdraft.model import Framework, State

if TYPE_CHECKING:
    from gapdraft.load.clauses import Clause, ClauseLibrary

ENV_VAR = "GAPDRAFT_WORKSPACE"
FRAMEWORKS_DIR, STATES_DIR, CLAUSES_DIR = "policy_goals", "samples", "clauses"
TERMS_DIR = "terms"  # inside clauses/: the defined terms (one definition per term)


def bundled_workspace() -> Path:
    """The data shipped in the wheel, or the repository root in a source checkout."""
    package = Path(__file__).resolve().parent.parent  # src/gapdraft
    installed = package / "data"
    if (installed / FRAMEWORKS_DIR).is_dir():
        return installed
    return package.parent.parent


def resolve_root(option: Path | None) -> Path:
    """The workspace folder: the one given, else $GAPDRAFT_WORKSPACE, else the bundled data."""
    if option is not None:
        root, source, why = option, "option", "the folder given"
    elif os.environ.get(ENV_VAR):
        root, source, why = Path(os.environ[ENV_VAR]), "environment", ENV_VAR
    else:
        root, source, why = bundled_workspace(), "bundled", "the bundled data"
    if not (root / FRAMEWORKS_DIR).is_dir():
        raise NotAWorkspace(root, FRAMEWORKS_DIR, source, why)
    return root


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass(frozen=True)
class Workspace:
    root: Path
    frameworks: Mapping[str, Framework]  # in file-name order
    # The parsed-data cache (load/cache.py), and the key of the framework files, on which every
    # state and clause is checked: a changed framework invalidates them all.
    cache: ParsedCache = field(repr=False, compare=False)
    frameworks_key: str = field(default="", repr=False, compare=False)

    @classmethod
    def open(cls, option: Path | None = None) -> Workspace:
        root = resolve_root(option)
        cache = ParsedCache(root)
        frameworks: dict[str, Framework] = {}
        keys = []
        for file in _yaml_files(root / FRAMEWORKS_DIR):
            framework, key = cache.load(file, "", lambda file=file: _load_framework(file))
            frameworks[framework.id] = framework
            keys.append(key)
        if not frameworks:
            raise DataError(root / FRAMEWORKS_DIR, None, "no framework files")
        return cls(root, MappingProxyType(frameworks), cache, ",".join(keys))

    def state_files(self) -> list[Path]:
        return _yaml_files(self.root / STATES_DIR)

    def clause_files(self) -> list[Path]:
        return _yaml_files(self.root / CLAUSES_DIR)

    def term_files(self) -> list[Path]:
        return _yaml_files(self.root / CLAUSES_DIR / TERMS_DIR)

    def state_slugs(self) -> list[str]:
        return [p.stem for p in self.state_files()]

    def state_file(self, name: str) -> Path:
        """A slug from samples/, or a path to a state file."""
        if name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name:
            path = Path(name)
            if not path.is_file():
                raise UsageError(f"{name}: no such state file")
            return path
        slug = name.lower().replace(" ", "").replace("-", "").replace("_", "")
        for file in self.state_files():
            if file.stem == slug:
                return file
        slugs = self.state_slugs()
        hint = did_you_mean(slug, slugs) or (f" (states here: {', '.join(slugs)})" if slugs else "")
        raise UsageError(f'unknown state "{name}" in {self.root / STATES_DIR}{hint}')

    def load_state(self, name: str) -> State:
        return self.load_state_file(self.state_file(name))

    def load_state_file(self, file: Path) -> State:
        frameworks = dict(self.frameworks)
        return self.cache.load(file, self.frameworks_key, lambda: _load_state(file, frameworks))[0]

    def load_states(self) -> list[State]:
        return [self.load_state_file(file) for file in self.state_files()]

    def load_library(self) -> ClauseLibrary:
        # imported here: `plan` needs no clauses; Jinja2 is imported only to render a clause,
        # or to check one (a cache miss), and then keeps compiled code in this cache
        from gapdraft.load.cache import use_for_templates
        from gapdraft.load.clauses import load_library
        from gapdraft.load.terms import load_terms

        use_for_templates(self.cache)
        files, term_files = self.clause_files(), self.term_files()

        def build() -> ClauseLibrary:
            terms = self.cache.load_many(term_files, "", lambda: load_terms(term_files))
            return load_library(files, self.frameworks, term_files, self._load_clause, terms)

        # one entry for the whole library: one read instead of one per file; on a miss each
        # file still comes from its own entry, so an edited clause is the only one parsed again
        return self.cache.load_many([*files, *term_files], self.frameworks_key, build)

    def check_once(self, what: str, state: str, check: Callable[[], object]) -> None:
        """Run `check()` once per content of the state's file, the frameworks and the clause
        library (load/cache.py: check_once); `what` names the check and its arguments."""
        files = [self.state_file(state), *self.clause_files(), *self.term_files()]
        self.cache.check_once(f"{what}\0{self.frameworks_key}", files, check)

    def _load_clause(self, file: Path) -> Clause:
        key = self.frameworks_key
        return self.cache.load(file, key, lambda: _load_clause(file, self.frameworks))[0]


def _load_framework(file: Path) -> Framework:
    from gapdraft.load.frameworks import load_framework  # only on a cache miss: it imports YAML

    return load_framework(file)


def _load_state(file: Path, frameworks: dict[str, Framework]) -> State:
    from gapdraft.load.states import load_state

    return load_state(file, frameworks)


def _load_clause(file: Path, frameworks: Mapping[str, Framework]) -> Clause:
    from gapdraft.load.clauses import load_clause

    return load_clause(file, frameworks)
