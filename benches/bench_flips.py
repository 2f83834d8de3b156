"""Benchmark (not a test): minimal flips of size <= 3 for every conclusion of the Hangzhou case, in process.

For each conclusion: the time of `flips()` (median of a few runs; goal <= 50 ms) and its
evaluations as a share of brute force (every change set of size <= 3 over the facts open to
change, two other values each; goal <= 10 %), and as a share of a brute force that already keeps
to the facts under the conclusion (its cone). Also the relevance of each undecided conclusion.
Run it from anywhere: python benches/bench_flips.py [--runs N] [--case ID]
"""

from __future__ import annotations

import argparse
import statistics
import time
from math import comb

import networkx as nx

from lexpath.flips import flips
from lexpath.ground import ground
from lexpath.load import load_case
from lexpath.whatif import relevance


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--case", default="hangzhou-ultraman-lora")
    args = parser.parse_args()
    case, doctrine = load_case(args.case)
    G = ground(doctrine, case)
    targets = [n for n, a in G.nodes(data=True) if a["kind"] in ("Conclusion", "Remedy")]
    open_facts = {n for n, a in G.nodes(data=True) if a.get("fact") is not None and a["fact"].open_to_change}
    times, shares, cone_shares = [], [], []
    print(f"{'conclusion':<52} {'from -> to':<24} {'flips':>5} {'evals':>6} {'share':>8} {'of cone':>8} {'ms':>7}")
    for target in targets:
        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = flips(G, case, doctrine, target)
            runs.append(time.perf_counter() - start)
        ms = statistics.median(runs) * 1000
        share = result.evaluations / result.brute_force
        cone = len(nx.ancestors(G, target) & open_facts)
        cone_brute = sum(comb(cone, k) * 2**k for k in range(1, 4))
        times.append(ms)
        shares.append(share)
        if cone_brute:  # a conclusion with no open fact under it has nothing to search
            cone_shares.append(result.evaluations / cone_brute)
        of_cone = f"{result.evaluations / cone_brute:.2%}" if cone_brute else "-"
        move = f"{result.before.value} -> {result.wanted.value}"
        print(f"{target:<52} {move:<24} {len(result.flips):>5} {result.evaluations:>6} {share:>8.3%} {of_cone:>8} {ms:>7.1f}")
    print(f"\n{len(targets)} conclusions, brute force {result.brute_force} change sets each")
    print(f"time: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms (goal <= 50 ms)")
    print(f"evaluations / brute force: median {statistics.median(shares):.3%}, max {max(shares):.3%} (goal <= 10 %)")
    print(f"evaluations / brute force over the cone: median {statistics.median(cone_shares):.2%}, max {max(cone_shares):.2%}")
    for target in targets:
        start = time.perf_counter()
        r = relevance(G, case, doctrine, target)
        if not r.settled:
            ms = (time.perf_counter() - start) * 1000
            print(f"relevance {target}: {len(r.unknowns)} unknowns, {r.evaluations} evaluations, {ms:.0f} ms")


if __name__ == "__main__":
    main()
