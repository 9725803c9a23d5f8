"""How long drafting takes: `gapdraft draft newmexico` for the top 6 gaps and for every gap,
as Word and as Markdown, and the memo. Wall time of the whole command, median of several runs.

Run:  .venv/bin/python benchmarks/bench_draft.py [--runs N]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = [
    ("draft --top 6 (docx)", ["draft", "newmexico", "--top", "6", "-o", "{out}.docx"]),
    ("draft, every gap (docx)", ["draft", "newmexico", "-o", "{out}.docx"]),
    ("draft, every gap (md)", ["draft", "newmexico", "-o", "{out}.md"]),
    ("memo --top 8 (docx, with charts)", ["memo", "newmexico", "--top", "8", "-o", "{out}.docx"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"python {platform.python_version()} on {platform.machine()}, {args.runs} runs each")
    with tempfile.TemporaryDirectory() as folder:
        for case, (name, template) in enumerate(CASES):
            times = []
            for n in range(args.runs + 1):  # the first run warms the caches and is not counted
                out = str(Path(folder) / f"case{case}-run{n}")
                cmd = [
                    sys.executable,
                    "-m",
                    "gapdraft",
                    *(a.replace("{out}", out) for a in template),
                ]
                start = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True)
                if n:
                    times.append(time.perf_counter() - start)
            median, best = statistics.median(times) * 1000, min(times) * 1000
            print(f"{name:<34} median {median:7.0f} ms  (min {best:.0f})")


if __name__ == "__main__":
    main()
