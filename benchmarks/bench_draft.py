"""How long drafting takes, against pandoc writing the same document's Markdown as .docx.

Cases, run interleaved (one of each per round, so that load from other processes on the
machine hits them alike), medians of wall time:

* `gapdraft draft newmexico` (every gap) as .docx, and as .md;
* `pandoc BILL.md -o BILL.docx` on that bill's Markdown (when pandoc is installed);
* `gapdraft memo newmexico` (the default memo) as .docx, and pandoc on the memo's Markdown;
* `gapdraft draft newmexico --top 6` as .docx.

Goals: the bill at most 1.0x pandoc, the memo at most 1.5x. The parsed-data cache goes to a
temporary XDG_CACHE_HOME, warmed by the first, uncounted round (as every run after a user's
first).

Run:  .venv/bin/python benchmarks/bench_draft.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import ensure_bytecode

GAPDRAFT = [sys.executable, "-m", "gapdraft"]
CASES = {
    "bill, every gap (docx)": [*GAPDRAFT, "draft", "newmexico", "-o", "{out}.docx"],
    "bill, every gap (md)": [*GAPDRAFT, "draft", "newmexico", "-o", "{out}.md"],
    "bill --top 6 (docx)": [*GAPDRAFT, "draft", "newmexico", "--top", "6", "-o", "{out}.docx"],
    "memo, default (docx)": [*GAPDRAFT, "memo", "newmexico", "-o", "{out}.docx"],
}
PANDOC = {
    "pandoc on the bill's md": ["pandoc", "{folder}/bill.md", "-o", "{out}.docx"],
    "pandoc on the memo's md": ["pandoc", "{folder}/memo.md", "-o", "{out}.docx"],
}
RATIOS = [
    ("bill docx / pandoc", "bill, every gap (docx)", "pandoc on the bill's md", 1.0),
    ("memo docx / pandoc", "memo, default (docx)", "pandoc on the memo's md", 1.5),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ensure_bytecode()
    cases = dict(CASES)
    if shutil.which("pandoc"):
        cases.update(PANDOC)
    print(f"python {platform.python_version()} on {platform.machine()}, {args.runs} rounds")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")}
        env.pop("GAPDRAFT_NO_CACHE", None)
        for what in ("draft", "memo"):
            md = [
                *GAPDRAFT,
                what,
                "newmexico",
                "-o",
                f"{folder}/{'bill' if what == 'draft' else what}.md",
            ]
            subprocess.run(md, capture_output=True, check=True, env=env)
        times: dict[str, list[float]] = {name: [] for name in cases}
        for rep in range(args.runs + 1):  # round 0 warms the caches and is not counted
            for n, (name, template) in enumerate(cases.items()):
                out = str(Path(folder) / f"case{n}-run{rep}")
                cmd = [a.replace("{out}", out).replace("{folder}", folder) for a in template]
                start = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True, env=env)
                if rep:
                    times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        print(f"{name:<26} median {medians[name] * 1000:7.0f} ms  (min {min(t) * 1000:.0f})")
    for label, ours, theirs, goal in RATIOS:
        if theirs in medians:
            ratio = medians[ours] / medians[theirs]
            print(f"{label:<26} {ratio:6.2f}x  (goal: at most {goal}x)")
        else:
            print(f"{label:<26} pandoc not installed")


if __name__ == "__main__":
    main()
