"""Benchmark (not a test): `lexpath contrast` of a case against `lexpath explain` of it, as whole processes.

contrast reads the case under two doctrines (both compiled once and cached), explains each, and
searches the unknown facts that decide each unknown conclusion; the goal is at most 1.2x one
explain. Prints medians and the ratio of one run: python benches/bench_contrast.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--case", default="hangzhou-ultraman-lora")
    args = parser.parse_args()
    env = {**os.environ, "LEXPATH_CACHE_DIR": tempfile.mkdtemp(prefix="lexpath-bench-")}
    lexpath = [sys.executable, "-m", "lexpath"]
    contrast = [*lexpath, "contrast", args.case]
    explain = [*lexpath, "explain", args.case]
    cold = timed(contrast, env)  # fills the cache: compiles both doctrines, runs the shapes once
    timed(explain, env)
    pairs = [(timed(contrast, env), timed(explain, env)) for _ in range(args.runs)]
    ours = statistics.median(p[0] for p in pairs)
    base = statistics.median(p[1] for p in pairs)
    print(f"cold contrast (empty cache)          {cold:.3f} s")
    print(f"contrast, median of {args.runs}             {ours:.3f} s")
    print(f"explain, median of {args.runs}              {base:.3f} s")
    print(f"contrast / explain = {ours / base:.2f}x (goal <= 1.2x)")


if __name__ == "__main__":
    main()
