"""Benchmark (not a test): `lexpath explain` as a whole process against the floor of its stack.

The floor is a `python -c` that imports rdflib and networkx and parses the same case file: what
any tool on this stack must pay. lexpath adds the law (compiled once and cached), the shapes
(cached per case file), grounding, evaluation and the JSON. Prints medians and the ratio of one
run; run it from anywhere: python benches/bench_explain.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from lexpath.load import bundled_cases


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    case = str(bundled_cases()["hangzhou-ultraman-lora"])
    env = {**os.environ, "LEXPATH_CACHE_DIR": tempfile.mkdtemp(prefix="lexpath-bench-")}
    explain = [sys.executable, "-m", "lexpath", "explain", "hangzhou-ultraman-lora", "--format", "json"]
    floor = [sys.executable, "-c", f"import rdflib, networkx; rdflib.Graph().parse({case!r}, format='turtle')"]
    cold = timed(explain, env)  # fills the cache: compiles the doctrine, runs the shapes once
    pairs = [(timed(explain, env), timed(floor, env)) for _ in range(runs)]
    ours = statistics.median(p[0] for p in pairs)
    base = statistics.median(p[1] for p in pairs)
    print(f"cold explain (empty cache)                         {cold:.3f} s")
    print(f"explain, median of {runs}                            {ours:.3f} s")
    print(f"floor (import rdflib+networkx, parse the case)     {base:.3f} s")
    print(f"explain / floor = {ours / base:.2f}x (goal <= 1.5x)")


if __name__ == "__main__":
    main()
