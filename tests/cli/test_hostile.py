"""Hostile input through the real command line: each case breaks a workspace, an argument, an
output path or standard output, runs `python -m gapdraft` in a subprocess, and checks that it ends
with exactly one stderr line (`gapdraft: error: ...`) and the documented exit code (2 for input,
1 for a fault of the machine, 141 quietly for a closed pipe), with no traceback, no hang (a
generous timeout guards each run) and no file left behind in the output folder.

The cases run in parallel, once per module; each test then checks one case's result.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import TINY, copy_workspace

HANG_GUARD = 60  # seconds; a case that needs this long has hung (they take well under 2 s)
STATE = "samples/alpha.yaml"
CLAUSE = "clauses/stepped-top.yaml"
FRAMEWORK = "policy_goals/tiny.yaml"
TEMPLATE_LINE = '  # Nothing in {{ ref("defs") }} limits {{ state.name }} law.'
DRAFT = ("draft", "alpha", "--clauses", "stepped-top", "-o", "{out}/bill.md")
PLAN = ("plan", "alpha")
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # the class of fault, for the count in the report
    args: tuple[str, ...]
    setup: Callable[[Path, Path], None] | None = None  # (workspace, output folder)
    code: int = 2
    fragments: tuple[str, ...] = ()
    stdout: str = "pipe"  # "pipe", "closed" (>&-), "full" (>/dev/full), "broken" (reader gone)
    quiet: bool = False  # the documented silent exit (a closed pipe): no stderr at all
    skip: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# --- ways to break a workspace -----------------------------------------------------------------


def edit(file: str, old: str, new: str) -> Callable[[Path, Path], None]:
    def setup(ws: Path, _out: Path) -> None:
        path = ws / file
        text = path.read_text()
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1))

    return setup


def write(file: str, content: str | bytes) -> Callable[[Path, Path], None]:
    def setup(ws: Path, _out: Path) -> None:
        path = ws / file
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)

    return setup


def append(file: str, content: str) -> Callable[[Path, Path], None]:
    def setup(ws: Path, _out: Path) -> None:
        with (ws / file).open("a") as stream:
            stream.write(content)

    return setup


def template(source: str) -> Callable[[Path, Path], None]:
    return edit(CLAUSE, TEMPLATE_LINE, f"  # Nothing {source}")


def style(old: str, new: str) -> Callable[[Path, Path], None]:
    return edit(STATE, old, new)


def both(*setups: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    def setup(ws: Path, out: Path) -> None:
        for one in setups:
            one(ws, out)

    return setup


def in_out(make: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    return lambda _ws, out: make(out)


LAUGHS = "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)
)


def _empty_library(ws: Path, _out: Path) -> None:
    for file in (ws / "clauses").iterdir():
        file.unlink()


def _fifo(out: Path) -> None:
    os.mkfifo(out / "bill.md")


def _dev_link(out: Path) -> None:
    (out / "bill.md").symlink_to("/dev/null")


def _folder_pdf(out: Path) -> None:
    (out / "memo.pdf").mkdir()


def _existing(out: Path) -> None:
    (out / "bill.md").write_text("keep me\n")


def _file_as_folder(out: Path) -> None:
    (out / "plain").write_text("a file\n")


def _read_only(out: Path) -> None:
    (out / "ro").mkdir()
    (out / "ro").chmod(0o555)


def _unreadable_state(ws: Path, _out: Path) -> None:
    (ws / STATE).chmod(0)


def _solver_bomb(ws: Path, _out: Path) -> None:
    """60 goals and 150 overlapping clauses: the exact target-grade search would run for hours."""
    rng = random.Random(1)
    for folder in ("policy_goals", "samples", "clauses"):
        shutil.rmtree(ws / folder)
        (ws / folder).mkdir()
    points = [rng.randint(10, 99) for _ in range(60)]
    goals = "".join(
        f'      - {{id: "g{g}", title: G, wording: official, criterion: C., levels: '
        f"[{{id: n, points: 0, criterion: N.}}, {{id: y, points: {p}, criterion: Y.}}]}}\n"
        for g, p in enumerate(points)
    )
    (ws / "policy_goals" / "big.yaml").write_text(
        "id: big\ntitle: Big\nshort_title: Big\npublisher: P\nedition: '1'\n"
        "sources: [{title: S, status: official}]\nscoring: {partial_credit: false}\n"
        f"grade_scale: {{status: official, bands: [{{grade: A, min: {sum(points) - 5}}}, "
        "{grade: F, min: 0}]}\n"
        f"issues:\n  - id: i\n    title: I\n    max_points: {sum(points)}\n"
        f"    status: official\n    goals:\n{goals}"
    )
    codings = "".join(
        f'      "g{g}": {{level: n, status: official, note: none., citations: []}}\n'
        for g in range(60)
    )
    (ws / "samples" / "s.yaml").write_text(
        "slug: s\nname: S\npostal: SS\ncode_name: S Code\ncodings:\n  big:\n    coder: t\n"
        f"    reviewed: 2024-01-01\n    basis: t\n    goals:\n{codings}"
    )
    for c in range(150):
        lifts = ", ".join(
            f'{{framework: big, goal: "g{g}", level: y}}'
            for g in rng.sample(range(60), rng.randint(1, 4))
        )
        (ws / "clauses" / f"c{c}.yaml").write_text(
            f"id: c{c}\ntitle: C\nsatisfies: [{lifts}]\neffort: {rng.randint(1, 5)}\n"
            "catchline: X\ntitle_phrase: x\nplacement: {location: main}\n"
            "text: |\n  # Text.\nnote: N.\n"
        )


# --- the table ---------------------------------------------------------------------------------

CASES = [
    # YAML that parses but cannot be built
    Case(
        "bad-date",
        "yaml",
        PLAN,
        edit(STATE, "reviewed: 2024-01-01", "reviewed: 2026-02-30"),
        fragments=("alpha.yaml:", "date"),
    ),
    Case(
        "int-0x",
        "yaml",
        PLAN,
        edit(STATE, "line_numbers: false", "line_numbers: false\n  lines_per_page: !!int 0x"),
        fragments=("whole number",),
    ),
    Case(
        "bool-tag",
        "yaml",
        PLAN,
        edit(STATE, "line_numbers: false", "line_numbers: !!bool maybe"),
        fragments=("true or false",),
    ),
    Case(
        "timestamp-tag",
        "yaml",
        PLAN,
        edit(STATE, "reviewed: 2024-01-01", "reviewed: !!timestamp soon"),
        fragments=("date",),
    ),
    Case(
        "int-5000-digits",
        "yaml",
        PLAN,
        edit(STATE, "points: 0.5", "points: " + "9" * 5000),
        fragments=("at most 40 characters",),
    ),
    Case(
        "nesting-400",
        "yaml",
        PLAN,
        edit(STATE, "agency: Department of Examples", "agency: " + "[" * 400 + "]" * 400),
        fragments=("nested deeper",),
    ),
    Case(
        "nesting-10000",
        "yaml",
        PLAN,
        edit(STATE, "agency: Department of Examples", "agency: " + "[" * 10000 + "]" * 10000),
        fragments=("alpha.yaml",),
    ),
    Case(
        "set-tag",
        "yaml",
        PLAN,
        edit(STATE, "agency: Department of Examples", "agency: !!set {a, b}"),
        fragments=("!!set",),
    ),
    Case(
        "binary-tag",
        "yaml",
        PLAN,
        edit(STATE, "agency: Department of Examples", "agency: !!binary aGVsbG8="),
        fragments=("!!binary",),
    ),
    Case(
        "python-tag",
        "yaml",
        PLAN,
        edit(
            STATE,
            "agency: Department of Examples",
            'agency: !!python/object/apply:os.system ["touch pwned"]',
        ),
        fragments=("constructor",),
    ),
    Case(
        "seq-tag-on-text",
        "yaml",
        PLAN,
        edit(STATE, "agency: Department of Examples", "agency: !!seq text"),
        fragments=("not a list",),
    ),
    Case(
        "float-tag-on-map",
        "yaml",
        PLAN,
        edit(STATE, "points: 0.5", "points: !!float {a: 1}"),
        fragments=("alpha.yaml",),
    ),
    Case(
        "sexagesimal",
        "yaml",
        PLAN,
        edit(STATE, "points: 0.5", "points: " + ":".join(["59"] * 3000)),
        fragments=("at most 40",),
    ),
    Case(
        "escape-char-in-file",
        "yaml",
        PLAN,
        edit(STATE, "name: Alpha", "name: Al\x1b[2Jpha"),
        fragments=("U+001B",),
    ),
    Case(
        "not-utf8",
        "yaml",
        PLAN,
        write(STATE, b"slug: alpha\nname: \xff\xfe\n"),
        fragments=("not UTF-8",),
    ),
    Case(
        "syntax-error",
        "yaml",
        PLAN,
        edit(STATE, "name: Alpha", "name: [Alpha"),
        fragments=("malformed YAML",),
    ),
    Case("empty-state-file", "yaml", PLAN, write(STATE, ""), fragments=("alpha.yaml",)),
    Case("state-is-a-list", "yaml", PLAN, write(STATE, "- a\n- b\n"), fragments=("mapping",)),
    Case(
        "mapping-as-key",
        "yaml",
        PLAN,
        edit(STATE, "name: Alpha", "name: Alpha\n? {a: 1}\n: x"),
        fragments=("scalar",),
    ),
    Case(
        "broken-framework",
        "yaml",
        PLAN,
        edit(FRAMEWORK, "max_points: 5", "max_points: 2026-13-45"),
        fragments=("tiny.yaml:",),
    ),
    # resource bombs and limits
    Case("billion-laughs", "bomb", PLAN, append(STATE, LAUGHS), fragments=("aliases",)),
    Case(
        "billion-laughs-in-clause",
        "bomb",
        DRAFT,
        append(CLAUSE, LAUGHS),
        fragments=("stepped-top.yaml",),
    ),
    Case(
        "recursive-alias",
        "bomb",
        PLAN,
        edit(STATE, "agency: Department of Examples", "agency: &a [*a]"),
        fragments=("aliases",),
    ),
    Case(
        "merge-key",
        "bomb",
        PLAN,
        edit(STATE, "names:\n", "base: &b {x: 1}\nnames:\n  <<: *b\n"),
        fragments=("alpha.yaml",),
    ),
    Case(
        "file-3MB",
        "bomb",
        PLAN,
        append(STATE, ("# " + "x" * 1000 + "\n") * 3000),
        fragments=("larger than the limit",),
    ),
    Case(
        "decimal-huge",
        "bomb",
        PLAN,
        edit(STATE, "points: 0.5", "points: 9.0e+999999"),
        fragments=("out of range",),
    ),
    Case(
        "decimal-tiny",
        "bomb",
        PLAN,
        edit(STATE, "points: 0.5", "points: 1.0e-999999"),
        fragments=("out of range",),
    ),
    Case(
        "key-1MB",
        "bomb",
        PLAN,
        edit(STATE, "name: Alpha", "name: Alpha\n? " + "k" * 1_000_000 + "\n: 1"),
        fragments=("unknown key",),
    ),
    Case(
        "value-1MB",
        "bomb",
        PLAN,
        edit(
            STATE,
            'status: official\n        citations:\n          - {cite: "AC 1-1"',
            "status: " + "o" * 1_000_000 + '\n        citations:\n          - {cite: "AC 1-1"',
        ),
        fragments=('"status" must be one of',),
    ),
    Case(
        "framework-total-huge",
        "bomb",
        PLAN,
        edit(FRAMEWORK, "max_points: 5", "max_points: 999999999999999999999"),
        fragments=("tiny.yaml:",),
    ),
    # clause templates
    Case(
        "include",
        "template",
        DRAFT,
        template("{% include 'x' %}"),
        fragments=("stepped-top.yaml:", "include"),
    ),
    Case("import", "template", DRAFT, template("{% import 'x' as y %}"), fragments=("import",)),
    Case(
        "from-import", "template", DRAFT, template("{% from 'x' import y %}"), fragments=("import",)
    ),
    Case("extends", "template", DRAFT, template("{% extends 'x' %}"), fragments=("extends",)),
    Case(
        "range-100001",
        "template",
        DRAFT,
        template("{{ range(100001)|length }}"),
        fragments=("stepped-top", "range"),
    ),
    Case(
        "nested-loops",
        "template",
        DRAFT,
        template("{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"),
        fragments=("steps",),
    ),
    Case(
        "string-times-1e9", "template", DRAFT, template("{{ 'x' * 10**9 }}"), fragments=("longer",)
    ),
    Case("power-5000", "template", DRAFT, template("{{ 10**5000 }}"), fragments=("larger than",)),
    Case(
        "division-by-zero",
        "template",
        DRAFT,
        template("{{ 1 / 0 }}"),
        fragments=("division by zero",),
    ),
    Case(
        "macro-recursion",
        "template",
        DRAFT,
        template("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
        fragments=("nested deeper",),
    ),
    Case(
        "macro-fanout",
        "template",
        DRAFT,
        template("{% macro f() %}{{ f() ~ f() }}{% endmacro %}{{ f() }}"),
        fragments=("stepped-top",),
    ),
    Case(
        "concat-doubling",
        "template",
        DRAFT,
        template(
            "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
        ),
        fragments=("longer",),
    ),
    Case(
        "list-doubling",
        "template",
        DRAFT,
        template(
            "{% set ns = namespace(s=[1]) %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"
        ),
        fragments=("longer",),
    ),
    Case(
        "center-1e9", "template", DRAFT, template("{{ 'x'|center(10**9) }}"), fragments=("center",)
    ),
    Case(
        "join-huge-separator",
        "template",
        DRAFT,
        template("{{ range(10000)|join('x' * 100000) }}"),
        fragments=("join",),
    ),
    Case(
        "str-format-width",
        "template",
        DRAFT,
        template("{{ '{:>999999999}'.format(1) }}"),
        fragments=("unsafe",),
    ),
    Case(
        "percent-format",
        "template",
        DRAFT,
        template("{{ '%999999999d' % 1 }}"),
        fragments=("formatting",),
    ),
    Case(
        "sandbox-escape",
        "template",
        DRAFT,
        template("{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        fragments=("unsafe",),
    ),
    Case(
        "int-literal-5000",
        "template",
        DRAFT,
        template("{{ " + "9" * 5000 + " }}"),
        fragments=("stepped-top.yaml:",),
    ),
    Case(
        "parens-3000",
        "template",
        DRAFT,
        template("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}"),
        fragments=("stepped-top.yaml:",),
    ),
    Case(
        "output-flood",
        "template",
        DRAFT,
        template("{% for i in range(10000) %}{{ 'x' * 100 }}{% endfor %}"),
        fragments=("longer",),
    ),
    Case(
        "undefined-name",
        "template",
        DRAFT,
        template("{{ nothing_here }}"),
        fragments=("undefined",),
    ),
    Case("type-error", "template", DRAFT, template("{{ 'a' + 1 }}"), fragments=("stepped-top",)),
    # bill-style formulas
    Case(
        "stray-brace-catchline",
        "billstyle",
        DRAFT,
        style('catchline: "{catchline}."', 'catchline: "{catchline}.--}"'),
        fragments=("catchline", "brace"),
    ),
    Case(
        "open-brace-title",
        "billstyle",
        DRAFT,
        style('title: "An act concerning {subject}: {provisions}."', "title: '{n'"),
        fragments=("title", "brace"),
    ),
    Case(
        "attribute-in-formula",
        "billstyle",
        DRAFT,
        style('section_label: "Sec. {n}."', 'section_label: "Sec. {n.__class__}."'),
        fragments=("section_label",),
    ),
    Case(
        "format-spec-width",
        "billstyle",
        DRAFT,
        style('section_label: "Sec. {n}."', 'section_label: "Sec. {n:>999999999}."'),
        fragments=("nothing after",),
    ),
    Case(
        "positional-field",
        "billstyle",
        DRAFT,
        style('heading: ["ALPHA ASSEMBLY BILL {number}"', 'heading: ["ALPHA ASSEMBLY BILL {0}"'),
        fragments=("heading",),
    ),
    Case(
        "conversion-field",
        "billstyle",
        DRAFT,
        style(
            'new_section: "A new section is added to {location}, to read:"',
            'new_section: "A new section is added to {location!r}, to read:"',
        ),
        fragments=("nothing after",),
    ),
    Case(
        "validate-stray-brace",
        "billstyle",
        ("validate",),
        style('catchline: "{catchline}."', 'catchline: "{catchline}.--}"'),
        fragments=("brace",),
    ),
    Case(
        "font-size-1e18",
        "billstyle",
        ("draft", "alpha", "--clauses", "stepped-top", "-o", "{out}/bill.docx"),
        style("size: 11}", "size: 999999999999999999}"),
        fragments=("font size",),
    ),
    Case(
        "lines-per-page-1e18",
        "billstyle",
        DRAFT,
        style("line_numbers: false", "line_numbers: true\n  lines_per_page: 999999999999999999"),
        fragments=("lines_per_page",),
    ),
    # writing the output
    Case(
        "parent-is-a-file",
        "write",
        ("draft", "alpha", "--clauses", "stepped-top", "-o", "{out}/plain/bill.md"),
        in_out(_file_as_folder),
        fragments=("not a folder",),
    ),
    Case(
        "no-such-folder",
        "write",
        ("draft", "alpha", "--clauses", "stepped-top", "-o", "{out}/missing/bill.md"),
        fragments=("no such folder",),
    ),
    Case(
        "name-too-long",
        "write",
        ("draft", "alpha", "--clauses", "stepped-top", "-o", "{out}/" + "n" * 300 + ".md"),
        fragments=("too long",),
    ),
    Case("exists-no-force", "write", DRAFT, in_out(_existing), fragments=("already exists",)),
    Case(
        "force-onto-device",
        "write",
        (
            "draft",
            "alpha",
            "--clauses",
            "stepped-top",
            "-o",
            "/dev/null",
            "--format",
            "md",
            "--force",
        ),
        fragments=("device", "only regular files"),
    ),
    Case("force-onto-fifo", "write", (*DRAFT, "--force"), in_out(_fifo), fragments=("FIFO",)),
    Case(
        "force-onto-symlink-to-device",
        "write",
        (*DRAFT, "--force"),
        in_out(_dev_link),
        fragments=("symbolic link",),
    ),
    Case(
        "force-pdf-onto-folder",
        "write",
        ("memo", "alpha", "-o", "{out}/memo.docx", "--pdf", "--force"),
        in_out(_folder_pdf),
        fragments=("memo.pdf", "folder"),
    ),
    Case(
        "read-only-folder",
        "write",
        ("draft", "alpha", "--clauses", "stepped-top", "-o", "{out}/ro/bill.md"),
        in_out(_read_only),
        fragments=("permission denied",),
        skip="root may write anywhere" if ROOT else "",
    ),
    Case(
        "memo-pdf-not-docx",
        "write",
        ("memo", "alpha", "-o", "{out}/memo.md", "--pdf"),
        fragments=("--pdf",),
    ),
    Case(
        "solver-bomb",
        "bomb",
        ("plan", "s", "--target-grade", "A", "--minimize", "effort"),
        _solver_bomb,
        fragments=("did not finish",),
    ),
    Case(
        "solver-bomb-short-limit",
        "bomb",
        ("plan", "s", "--target-grade", "A", "--search-seconds", "0.2"),
        _solver_bomb,
        fragments=("did not finish", "0.2 s", "--search-seconds"),
    ),
    # standard output
    Case(
        "stdout-closed-plan",
        "stdout",
        PLAN,
        stdout="closed",
        fragments=("standard output is closed",),
    ),
    Case(
        "stdout-closed-draft-md",
        "stdout",
        ("draft", "alpha", "--clauses", "stepped-top", "-f", "md"),
        stdout="closed",
        fragments=("standard output",),
    ),
    Case(
        "stdout-full-plan",
        "stdout",
        PLAN,
        stdout="full",
        code=1,
        fragments=("standard output", "fault of the machine"),
    ),
    Case(
        "stdout-full-score-json",
        "stdout",
        ("score", "alpha", "-f", "json"),
        stdout="full",
        code=1,
        fragments=("no space",),
    ),
    Case(
        "stdout-broken-pipe",
        "stdout",
        ("score", "alpha", "-f", "md"),
        stdout="broken",
        code=141,
        quiet=True,
    ),
    # arguments and names
    Case(
        "escape-in-state-name",
        "usage",
        ("plan", "al\x1b[31mpha\x07"),
        fragments=("\\x1b[31m", "\\x07"),
    ),
    Case("newline-in-state-name", "usage", ("plan", "al\npha\r"), fragments=("\\n",)),
    Case("state-name-100k", "usage", ("plan", "a" * 100_000), fragments=("unknown state",)),
    Case(
        "state-path-is-fifo",
        "usage",
        ("plan", "{out}/state.yaml"),
        in_out(lambda out: os.mkfifo(out / "state.yaml")),
        fragments=("state.yaml",),
    ),
    Case("state-path-is-device", "usage", ("plan", "/dev/zero"), fragments=("/dev/zero",)),
    Case("state-path-is-folder", "usage", ("plan", "{out}/"), fragments=("state file",)),
    Case(
        "unreadable-state",
        "usage",
        PLAN,
        _unreadable_state,
        fragments=("permission denied",),
        skip="root reads anything" if ROOT else "",
    ),
    Case(
        "workspace-missing",
        "usage",
        ("--workspace", "{out}/nowhere", "plan", "alpha"),
        fragments=("nowhere",),
    ),
    Case(
        "empty-clause-library",
        "usage",
        ("draft", "alpha", "-f", "md"),
        _empty_library,
        fragments=("no clause in the library",),
    ),
    Case("usage-top-zero", "usage", ("plan", "alpha", "--top", "0"), fragments=("--top",)),
    Case(
        "usage-unknown-option",
        "usage",
        ("plan", "alpha", "--bogus\x1b[5m"),
        fragments=("\\x1b[5m",),
    ),
    Case("usage-missing-state", "usage", ("draft",), fragments=("STATE",)),
    Case(
        "usage-bad-date",
        "usage",
        ("memo", "alpha", "-f", "md", "--date", "2026-02-30"),
        fragments=("--date",),
    ),
    Case(
        "usage-output-is-folder",
        "usage",
        (*DRAFT, "--force"),
        in_out(lambda out: (out / "bill.md").mkdir()),
        fragments=("bill.md",),
    ),
    Case(
        "unknown-clause",
        "usage",
        ("draft", "alpha", "--clauses", "nope\x1b]0;owned\x07", "-f", "md"),
        fragments=("\\x1b]0;owned",),
    ),
]


def _command(case: Case, ws: Path, out: Path) -> list[str]:
    args = [a.replace("{out}", str(out)) for a in case.args]
    if "--workspace" not in args:
        args = ["--workspace", str(ws), *args]
    return [sys.executable, "-m", "gapdraft", *args]


def _run(case: Case, root: Path) -> tuple[subprocess.CompletedProcess[bytes], float, Path]:
    ws, out = root / "ws", root / "out"
    copy_workspace(TINY, ws)
    out.mkdir()
    if case.setup is not None:
        case.setup(ws, out)
    command = _command(case, ws, out)
    # the parsed-data cache goes beside the case, not into the home folder
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "XDG_CACHE_HOME": str(root / "cache")}
    if case.stdout == "closed":
        command = ["sh", "-c", 'exec "$0" "$@" >&-', *command]
    start = time.monotonic()
    if case.stdout == "broken":
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=out
        )
        assert proc.stdout is not None
        proc.stdout.close()  # the reader is gone before anything is written
        _, err = proc.communicate(timeout=HANG_GUARD)
        done = subprocess.CompletedProcess(command, proc.returncode, b"", err)
    else:
        with open("/dev/full" if case.stdout == "full" else os.devnull, "wb") as sink:
            stdout = sink if case.stdout == "full" else subprocess.PIPE
            done = subprocess.run(
                command, stdout=stdout, stderr=subprocess.PIPE, env=env, cwd=out, timeout=HANG_GUARD
            )
    return done, time.monotonic() - start, out


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    base = tmp_path_factory.mktemp("hostile")
    todo = [c for c in CASES if not c.skip]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {c.id: pool.submit(_run, c, base / c.id) for c in todo}
        return {cid: future.result() for cid, future in futures.items()}


def test_the_table_is_large_and_covers_every_class():
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)
    kinds = Counter(c.kind for c in CASES)
    assert set(kinds) == {"yaml", "bomb", "template", "billstyle", "write", "stdout", "usage"}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(case: Case, results: dict[str, tuple]) -> None:
    if case.skip:
        pytest.skip(case.skip)
    done, seconds, out = results[case.id]
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == case.code, (done.returncode, stderr)
    lines = [line for line in stderr.splitlines() if line.strip()]
    if case.quiet:
        assert lines == [], stderr
    else:
        assert len(lines) == 1, stderr[:2000]
        line = lines[0]
        assert line.startswith("gapdraft: error: "), line[:300]
        assert "internal error" not in line and "Traceback" not in stderr
        assert len(line) < 2500, len(line)
        assert "\x1b" not in line and "\x07" not in line and "\r" not in line
        for fragment in case.fragments:
            assert fragment in line, (fragment, line[:500])
    assert seconds < HANG_GUARD
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp") or p.name == "pwned"]
    assert leftovers == []
    assert not (out / "bill.md").is_file() or (out / "bill.md").read_text() == "keep me\n"
