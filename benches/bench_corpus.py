"""Benchmark (not a test): a corpus through lexpath against the floor of plain pyoxigraph, in one run.

For each size N: generate N synthetic cases (`lexpath corpus generate`), then time on those files
  floor      a python process that parses every file with pyoxigraph and bulk_extends all quads,
             each case in its own named graph, into one on-disk store in a single pass;
  lexpath    `lexpath corpus load DIR --store S` + `lexpath corpus evaluate --store S`, two whole
             processes (the checks, the load, the evaluation and the conclusions written back);
  server     `lexpath corpus load` into a fresh `oxigraph serve` (when the executable is there);
  path query "facts that lead to an established liability conclusion" (lex:dependsOn+ over the
             doctrine graph) through `lexpath query` vs the same SPARQL in a python -c on pyoxigraph.
Peak memory is each process's maximum resident set size (GNU time's %M).
Usage: python benches/bench_corpus.py [--sizes 1000 10000] [--jobs 2] [--no-server] [--no-query]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

FLOOR = """
import sys, pathlib, pyoxigraph as ox
files = sorted(pathlib.Path(sys.argv[1]).glob('*.ttl'))
store = ox.Store(sys.argv[2])
def quads():
    for f in files:
        g = ox.NamedNode('https://w3id.org/lexpath/corpus/case/' + f.stem)
        for t in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True):
            yield ox.Quad(t.subject, t.predicate, t.object, g)
store.bulk_extend(quads())
store.flush()
"""

QUERY = """PREFIX lex: <https://w3id.org/lexpath/ns#>
SELECT ?case (COUNT(DISTINCT ?fact) AS ?facts) WHERE {
  GRAPH ?c { ?c <http://www.w3.org/ns/prov#wasDerivedFrom> ?case .
             ?d a lex:Derivation ; lex:on ?conclusion ; lex:value lex:established }
  GRAPH ?dg { ?conclusion a lex:Conclusion ; lex:dependsOn+ ?prop }
  GRAPH ?case { ?fact lex:states ?prop ; lex:value lex:established }
} GROUP BY ?case"""

DIRECT = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
rows = list(store.query(sys.argv[2]))
print(len(rows))
"""


PEAKS: dict[str, float] = {}


def timed(cmd: list[str], name: str = "", **kw) -> float:
    """Wall time of one process; its peak RSS (with its own children) goes to PEAKS[name]."""
    out = tempfile.mktemp(suffix=".rss")
    gnu_time = ["/usr/bin/time", "-f", "%M", "-o", out] if name and os.path.exists("/usr/bin/time") else []
    start = time.perf_counter()
    r = subprocess.run(gnu_time + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8", **kw)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd[:6])}…\n{r.stderr}")
    if gnu_time:
        PEAKS[name] = int(Path(out).read_text().split()[-1]) / 1024
        os.unlink(out)
    return elapsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-server", action="store_true", help="skip the load through oxigraph serve")
    parser.add_argument("--no-query", action="store_true", help="skip the property-path query")
    args = parser.parse_args()
    py = sys.executable
    lexpath = [py, "-m", "lexpath"]
    oxigraph = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(py).parent))
    work = Path(tempfile.mkdtemp(prefix="lexpath-corpus-bench-"))
    env = {**os.environ, "LEXPATH_CACHE_DIR": str(work / "cache")}
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; jobs {args.jobs}")
    try:
        for n in args.sizes:
            gen = work / f"gen-{n}"
            t_gen = timed([*lexpath, "corpus", "generate", "--n", str(n), "--seed", "1", "-o", str(gen)], env=env)
            print(f"\n== {n} cases (generated in {t_gen:.1f} s) ==", flush=True)
            t_floor = timed([py, "-c", FLOOR, str(gen), str(work / f"floor-{n}")], "floor", env=env)
            print(f"floor: pyoxigraph parse + bulk_extend      {t_floor:8.2f} s", flush=True)
            store = str(work / f"store-{n}")
            t_load = timed([*lexpath, "corpus", "load", str(gen), "--store", store, "--jobs", str(args.jobs)], "load", env=env)
            print(f"lexpath corpus load                        {t_load:8.2f} s", flush=True)
            t_eval = timed([*lexpath, "corpus", "evaluate", "--store", store, "--jobs", str(args.jobs)], "evaluate", env=env)
            print(f"lexpath corpus evaluate                    {t_eval:8.2f} s")
            print(f"load + evaluate / floor = {(t_load + t_eval) / t_floor:.2f}x (goal <= 2x)")
            if PEAKS:
                print("peak RSS: " + ", ".join(f"{k} {v:.0f} MB" for k, v in PEAKS.items()) + " (each process with its workers' largest)", flush=True)
            if not args.no_query:
                t_query = timed([*lexpath, "query", "--store", store, "--format", "csv", QUERY], env=env)
                t_direct = timed([py, "-c", DIRECT, store, QUERY], env=env)
                print(f"path query: lexpath query {t_query:.2f} s, pyoxigraph directly {t_direct:.2f} s, ratio {t_query / t_direct:.2f}x (goal <= 1.5x)", flush=True)
            if oxigraph and not args.no_server:
                port = free_port()
                proc = subprocess.Popen([oxigraph, "serve", "--location", str(work / f"server-{n}"), "--bind", f"127.0.0.1:{port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    url = f"http://127.0.0.1:{port}"
                    for _ in range(400):
                        try:
                            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).read()
                            break
                        except OSError:
                            time.sleep(0.05)
                    t_sload = timed([*lexpath, "corpus", "load", str(gen), "--store", url, "--jobs", str(args.jobs)], env=env)
                    t_seval = timed([*lexpath, "corpus", "evaluate", "--store", url, "--jobs", str(args.jobs)], env=env)
                    print(f"server: lexpath corpus load {t_sload:.2f} s, evaluate {t_seval:.2f} s ({(t_sload + t_seval) / t_floor:.2f}x the local floor)")
                finally:
                    os.kill(proc.pid, signal.SIGTERM)
                    proc.wait()
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
