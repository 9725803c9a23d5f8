"""How `gapdraft validate` scales with the number of states: a temporary workspace holds the
repository's frameworks and clauses and N copies of the New Mexico sample (slug changed), and
`validate` runs once per workspace size; the goal is 51 states in under 1 s. The copies are
identical, so a last workspace gives each of 51 states its own name, agencies, code name,
penalty grades, officers, courts and sum (nothing drafted for one state serves another).

From 8 states on, `validate` checks the states in one process per core (forked, sharing the
loaded library); the 51 distinct states are also timed in one process (`--jobs 1`). The 51-state
runs are timed again with the parsed-data cache warm, as every run after a user's first finds it
(a changed file is parsed again; the rest is not). Also times `plan` for every state of the
51-state workspace in one call (`plan --all`) against one process per state.

Run:  .venv/bin/python benchmarks/bench_validate.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import ensure_bytecode

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1, 10, 51)


def make_workspace(folder: Path, states: int, distinct: bool = False) -> Path:
    ws = folder / f"ws{states}{'-distinct' if distinct else ''}"
    shutil.copytree(ROOT / "policy_goals", ws / "policy_goals")
    shutil.copytree(ROOT / "clauses", ws / "clauses")
    (ws / "samples").mkdir()
    text = (ROOT / "samples" / "newmexico.yaml").read_text(encoding="utf-8")
    for n in range(states):
        slug = f"state{n:02d}"
        copy = distinct_text(text, n) if distinct else text
        copy = re.sub(r"^slug: newmexico$", f"slug: {slug}", copy, count=1, flags=re.M)
        (ws / "samples" / f"{slug}.yaml").write_text(copy, encoding="utf-8")
    return ws


PLACES = ("Avalon", "Brenton", "Calder", "Dunmore", "Eastmark", "Fairhaven", "Glenrock", "Harlow")


def distinct_text(text: str, n: int) -> str:
    """The New Mexico sample as state number `n`: its own names and legal vocabulary."""
    place = f"{PLACES[n % len(PLACES)]} {n}"
    for old, new in (
        ("New Mexico", place),
        ("NEW MEXICO", place.upper()),
        ("NMSA 1978", f"{place[:3].upper()}S {1950 + n}"),
        ("Children, Youth and Families Department", f"Department of Children and Families {n}"),
        ("Crime Victims Reparation", f"Victims Reparation {n}"),
        ("Public Education Department", f"{place} Education Agency"),
        ("Department of Public Safety", f"{place} State Police"),
        ("$500,000", f"${500 + n},000"),
        ("five hundred thousand dollars", f"{500 + n} thousand dollars"),
    ):
        text = text.replace(old, new)
    grades = "ABCD" if n % 2 else "1234"
    for degree, grade in zip(("first", "second", "third", "fourth"), grades, strict=True):
        text = text.replace(f"a {degree} degree felony", f"a class {grade} felony")
    if n % 3 == 0:
        text = text.replace("prosecutor: district attorney", "prosecutor: state's attorney")
        text = text.replace("prosecutors: district attorneys", "prosecutors: state's attorneys")
    if n % 4 == 1:
        text = text.replace("trial: district court", "trial: circuit court")
    return text


def gapdraft(ws: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "gapdraft", "--workspace", str(ws), *args]


def median_ms(cmds: list[list[str]], runs: int, cache: str | None = None) -> list[float]:
    """Median wall time of each command, repetitions interleaved so that load on the machine
    hits every command alike; the parsed-data cache off, or in the folder `cache` (warmed by
    the first round, which is not counted, as it warms the file cache)."""
    times: list[list[float]] = [[] for _ in cmds]
    env = {**os.environ, "GAPDRAFT_NO_CACHE": "1"}
    if cache is not None:
        env = {**os.environ, "GAPDRAFT_NO_CACHE": "", "XDG_CACHE_HOME": cache}
    for rep in range(runs + 1):
        for i, cmd in enumerate(cmds):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, env=env)
            if rep:
                times[i].append(time.perf_counter() - start)
    return [statistics.median(t) * 1000 for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_bytecode()
    print(f"python {platform.python_version()} on {platform.machine()}, {args.runs} runs each")
    print("parsed-data cache off (GAPDRAFT_NO_CACHE=1): every run loads every file")
    with tempfile.TemporaryDirectory() as tmp:
        spaces = {n: make_workspace(Path(tmp), n) for n in SIZES}
        distinct = make_workspace(Path(tmp), SIZES[-1], distinct=True)
        cmds = [gapdraft(spaces[n], "validate") for n in SIZES] + [gapdraft(distinct, "validate")]
        names = [f"{n:>2} states" for n in SIZES] + [f"{SIZES[-1]} distinct states"]
        # by default 8 or more states are checked by one process per core; --jobs 1 shows one
        cmds.append(gapdraft(distinct, "validate", "--jobs", "1"))
        names.append(f"{SIZES[-1]} distinct states, one process (--jobs 1)")
        sizes = [*SIZES, SIZES[-1], SIZES[-1]]
        for name, n, ms in zip(names, sizes, median_ms(cmds, args.runs), strict=True):
            print(f"validate, {name}: median {ms:7.0f} ms  ({ms / n:5.1f} ms per state)")
        with tempfile.TemporaryDirectory() as cache:  # after a first run, as users run it
            warm = median_ms(cmds[-3:-1], args.runs, cache)
        for name, ms in zip(names[-3:-1], warm, strict=True):
            per = ms / SIZES[-1]
            print(f"validate, {name}, cache warm: median {ms:7.0f} ms  ({per:5.1f} ms per state)")
        big = spaces[SIZES[-1]]
        slugs = sorted(p.stem for p in (big / "samples").iterdir())
        one_call = gapdraft(big, "plan", "--all", "--format", "json")
        one_ms = median_ms([one_call], args.runs)[0]
        print(f"plan --all, {len(slugs)} states, one process: median {one_ms:7.0f} ms")
        each = [gapdraft(big, "plan", slug, "--format", "json") for slug in slugs[:5]]
        per_state = sum(median_ms(each, 1)) / len(each)
        print(
            f"plan, one process per state ({len(slugs)} x {per_state:.0f} ms, from 5 of them): "
            f"{per_state * len(slugs):7.0f} ms"
        )


if __name__ == "__main__":
    main()
