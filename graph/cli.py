"""The `lexpath` command line: parse, call one function, print, return 0, 1 or 2."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import __version__
from .errors import LexpathError

__all__ = ["main", "build_parser"]


def _explained(args):
    from .evaluate import evaluate
    from .explain import report
    from .ground import ground
    from .load import load_case

    case, doctrine = load_case(args.case, args.doctrine)
    G = ground(doctrine, case)
    return report(G, evaluate(G), case, doctrine, actor=args.actor)


def run_explain(args) -> int:
    from .explain import to_markdown, to_text

    rep = _explained(args)
    if args.format == "json":
        print(json.dumps(rep, ensure_ascii=False))  # no indent: the C encoder, 4x faster
    elif args.format == "md":
        print(to_markdown(rep, args.lang), end="")
    else:
        print(to_text(rep, args.lang), end="")
    return 0


def run_cases(args) -> int:
    from .load import bundled_cases, read_turtle
    from .terms import LEX
    from rdflib import RDF
    from rdflib.namespace import DCTERMS

    for cid, path in bundled_cases().items():
        graph = read_turtle(path)
        head = next(iter(graph.subjects(DCTERMS.identifier, None)))
        kind = "variant " if (head, RDF.type, LEX.TeachingVariant) in graph else "judgment"
        title = {t.language: str(t) for t in graph.objects(head, DCTERMS.title)}
        print(f"{cid:<28} {kind}  {title.get(args.lang) or title.get('en', '')}")
    return 0


def run_doctrines(args) -> int:
    from .load import bundled_doctrines

    for doctrine in bundled_doctrines().values():
        label = doctrine.label.get(args.lang) or doctrine.label.get("en", "")
        sources = "; ".join(doctrine.label_of(s, args.lang) for s in doctrine.sources)
        print(f"{doctrine.id:<6} {doctrine.label_of(doctrine.jurisdiction, args.lang):<14} {label}")
        print(f"       {sources}")
    return 0


def run_validate(args) -> int:
    from .validate import validate_case

    bad = 0
    for ref in args.cases:
        try:
            problems = validate_case(ref, args.doctrine)
        except LexpathError as err:
            problems = (err,)
        for problem in problems:
            print(f"lexpath: {problem}", file=sys.stderr)
        if problems:
            bad += 1
        else:
            print(f"{ref}: valid")
    return 1 if bad else 0


# -- corpus and store commands (issue 6) --------------------------------------------------

def _tty() -> bool:
    return sys.stderr.isatty()


def run_corpus_load(args) -> int:
    from .corpus import load_corpus

    rep = load_corpus(args.paths, args.store, args.doctrine, progress=_tty(), jobs=args.jobs)
    for problem in rep.problems:
        print(f"lexpath: {problem}", file=sys.stderr)
    print(f"{rep.store}: {rep.loaded} cases loaded from {rep.files} files, {rep.skipped} skipped")
    return 1 if rep.skipped else 0


def run_corpus_evaluate(args) -> int:
    from .corpus import evaluate_corpus

    rep = evaluate_corpus(args.store, args.jobs, args.doctrine, progress=_tty())
    held = rep.agree + rep.disagree + rep.undecided
    print(f"{rep.store}: {rep.cases} cases evaluated ({rep.structures} structures), {rep.conclusions} conclusions written")
    print(f"run: {rep.run}")
    print(f"Agreement with the holdings: {rep.agree} agree, {rep.disagree} disagree, {rep.undecided} left unknown by lexpath, of {held} holdings; {rep.cases_with_disagreement} cases with a disagreement")
    for statement, n in rep.disagreements.most_common(10):
        print(f"  {n:>8} disagreements on {statement}")
    return 0


def run_corpus_stats(args) -> int:
    from .corpus import corpus_stats

    for name, value in corpus_stats(args.store):
        print(f"{name:<20} {value}")
    return 0


def run_corpus_generate(args) -> int:
    from .generate import generate_corpus

    paths = generate_corpus(args.n, args.seed, args.output, args.doctrine)
    print(f"{len(paths)} cases written to {args.output}")
    return 0


def run_query(args) -> int:
    from .corpus import run_query as query

    print(query(args.store, args.sparql, args.format), end="")
    return 0


def add_corpus_commands(sub, doctrine) -> None:
    """`lexpath corpus load|evaluate|stats|generate` and `lexpath query`."""

    def store(p, required=True):
        p.add_argument("--store", required=required, metavar="PATH|URL", help="store directory (created when missing) or SPARQL endpoint URL")

    def jobs(p):
        p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N", help="worker processes (default: the CPU count)")

    corpus = sub.add_parser("corpus", help="many cases in an RDF store: load, evaluate, stats, generate")
    csub = corpus.add_subparsers(dest="corpus_command", required=True, metavar="COMMAND")
    p = csub.add_parser("load", help="check case files and load each into its own named graph")
    p.add_argument("paths", nargs="+", metavar="PATH", help="case files or directories of them")
    store(p)
    jobs(p)
    doctrine(p)
    p.set_defaults(run=run_corpus_load)
    p = csub.add_parser("evaluate", help="evaluate every case in the store and write the conclusions back")
    store(p)
    jobs(p)
    doctrine(p)
    p.set_defaults(run=run_corpus_evaluate)
    p = csub.add_parser("stats", help="counts of cases, facts, holdings and conclusions in the store")
    store(p)
    p.set_defaults(run=run_corpus_stats)
    p = csub.add_parser("generate", help="write valid synthetic cases for tests and benchmarks")
    p.add_argument("--n", type=int, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=0, metavar="S")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    doctrine(p)
    p.set_defaults(run=run_corpus_generate)
    p = sub.add_parser("query", help="run SPARQL over a store")
    p.add_argument("sparql", metavar="SPARQL")
    store(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(run=run_query)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lexpath",
        description="Reason about liability in generative-AI cases as a legal knowledge graph.",
    )
    parser.add_argument("--version", action="version", version=f"lexpath {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def lang(p):
        p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the output (default en)")

    def doctrine(p):
        p.add_argument("--doctrine", metavar="ID|PATH", help="bundled doctrine id or a doctrine file (default: the case's jurisdiction)")

    p = sub.add_parser("cases", help="list the bundled cases")
    lang(p)
    p.set_defaults(run=run_cases)

    p = sub.add_parser("doctrines", help="list the bundled doctrines with their jurisdiction and sources")
    lang(p)
    p.set_defaults(run=run_doctrines)

    p = sub.add_parser("validate", help="check cases against the shapes and the doctrine")
    p.add_argument("cases", nargs="+", metavar="CASE", help="bundled case id or path to a Turtle file")
    doctrine(p)
    p.set_defaults(run=run_validate)

    p = sub.add_parser("explain", help="conclusions per actor with their justification, and agreement with the court")
    p.add_argument("case", metavar="CASE", help="bundled case id or path to a Turtle file")
    p.add_argument("--actor", metavar="A", help="only the conclusions about this actor id")
    p.add_argument("--format", choices=("text", "json", "md"), default="text")
    lang(p)
    doctrine(p)
    p.set_defaults(run=run_explain)
    add_corpus_commands(sub, doctrine)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 on bad usage
    try:
        return args.run(args)
    except LexpathError as err:
        print(f"lexpath: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `lexpath explain … | head`
        sys.stderr.close()
        return 0
