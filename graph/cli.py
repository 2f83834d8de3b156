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
        print(to_markdown(rep, args.lang, args.full), end="")
    else:
        print(to_text(rep, args.lang, args.full), end="")
    return 0


def run_cases(args) -> int:
    from .casebase import case_base, to_json, to_text

    entries = case_base()
    print(to_json(entries) if args.format == "json" else to_text(entries, args.lang), end="\n" if args.format == "json" else "")
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


# -- what-if, flips, relevance, compare, brief ------------------------------------------------

def _grounded(case_ref: str, doctrine_ref: str | None):
    from .ground import ground
    from .load import load_case

    case, doctrine = load_case(case_ref, doctrine_ref)
    return ground(doctrine, case), case, doctrine


def _emit(result, fmt: str, as_text, lang: str) -> int:
    if fmt == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(as_text(result, lang), end="")
    return 0


def run_whatif(args) -> int:
    from .whatif import parse_settings, whatif, whatif_text

    settings = parse_settings(args.settings)
    G, case, doctrine = _grounded(args.case, args.doctrine)
    return _emit(whatif(G, case, doctrine, settings), args.format, whatif_text, args.lang)


def run_flips(args) -> int:
    from .flips import flips, flips_text
    from .logic import Value

    G, case, doctrine = _grounded(args.case, args.doctrine)
    wanted = None if args.wanted is None else Value(args.wanted)
    result = flips(G, case, doctrine, args.target, wanted, args.max_size, args.keep)
    return _emit(result, args.format, flips_text, args.lang)


def run_relevance(args) -> int:
    from .whatif import relevance, relevance_text

    G, case, doctrine = _grounded(args.case, args.doctrine)
    return _emit(relevance(G, case, doctrine, args.target), args.format, relevance_text, args.lang)


def run_compare(args) -> int:
    from .compare import compare, compare_text

    result = compare([_grounded(ref, args.doctrine) for ref in args.cases])
    return _emit(result, args.format, compare_text, args.lang)


def run_brief(args) -> int:
    from .brief import brief
    from .evaluate import evaluate

    G, case, doctrine = _grounded(args.case, args.doctrine)
    print(brief(G, evaluate(G), case, doctrine, args.actor, args.lang, args.full), end="")
    return 0


def add_whatif_commands(sub, lang, doctrine) -> None:
    """The parsers of whatif, flips, relevance, compare and brief."""
    def case_and_format(p):
        p.add_argument("case", metavar="CASE", help="bundled case id or path to a Turtle file")
        p.add_argument("--format", choices=("text", "json"), default="text")
        lang(p)
        doctrine(p)

    p = sub.add_parser("whatif", help="set facts to other values and show the conclusions that change")
    case_and_format(p)
    p.add_argument("--set", dest="settings", action="append", required=True, metavar="FACT=VALUE",
                   help="a fact id (or an unstated proposition's node id) and true, false or unknown; repeatable")
    p.set_defaults(run=run_whatif)

    p = sub.add_parser("flips", help="the smallest sets of fact changes that bring a conclusion to a value")
    case_and_format(p)
    p.add_argument("--target", required=True, metavar="CONCLUSION", help="a conclusion id as explain prints it: Statement(actor,…)")
    p.add_argument("--to", dest="wanted", choices=("established", "refuted", "unknown"),
                   help="the value wanted (default: the opposite decided value; established for an unknown target)")
    p.add_argument("--max-size", type=int, default=3, metavar="N", help="the most changes in one flip (default 3)")
    p.add_argument("--keep", nargs="+", default=[], metavar="FACT", help="facts that must not change")
    p.set_defaults(run=run_flips)

    p = sub.add_parser("relevance", help="whether a conclusion is settled, and which unknown facts can change it")
    case_and_format(p)
    p.add_argument("--target", required=True, metavar="CONCLUSION", help="a conclusion id as explain prints it: Statement(actor,…)")
    p.set_defaults(run=run_relevance)

    p = sub.add_parser("compare", help="cases side by side, and the facts that account for different outcomes")
    p.add_argument("cases", nargs="+", metavar="CASE", help="two or more bundled case ids or paths; the first is compared with each other")
    p.add_argument("--format", choices=("text", "json"), default="text")
    lang(p)
    doctrine(p)
    p.set_defaults(run=run_compare)

    p = sub.add_parser("brief", help="an IRAC brief in Markdown: issue, rule, application, conclusion, holding")
    p.add_argument("case", metavar="CASE", help="bundled case id or path to a Turtle file")
    p.add_argument("--actor", metavar="A", help="only the issues about this actor id")
    p.add_argument("--full", action="store_true", help="end with the words of every legal source cited: official text and our translation")
    lang(p)
    doctrine(p)
    p.set_defaults(run=run_brief)


def run_contrast(args) -> int:
    from .contrast import contrast, to_markdown, to_text

    refs = [r.strip() for r in args.doctrines.split(",") if r.strip()] if args.doctrines else None
    rep = contrast(args.case, refs)
    if args.format == "json":
        print(json.dumps(rep, ensure_ascii=False))
    elif args.format == "md":
        print(to_markdown(rep, args.lang), end="")
    else:
        print(to_text(rep, args.lang), end="")
    return 0


# -- pages and exports -------------------------------------------------------------------

def _doctrine_list(text: str | None) -> list[str] | None:
    return [r.strip() for r in text.split(",") if r.strip()] if text else None


def run_render(args) -> int:
    from .render import case_page, doctrine_page, write_page

    doctrines = _doctrine_list(args.doctrine)
    if args.case is None:
        if not doctrines:
            args.parser.error("render needs a CASE, or --doctrine ID to draw the law alone")
        if args.focus or args.actor:  # the law alone has no conclusions and no actors to choose
            args.parser.error(f"{'--focus' if args.focus else '--actor'} needs a CASE; --doctrine alone draws the law without one")
        view = doctrine_page(doctrines, args.lang)
    else:
        view = case_page(args.case, doctrines, args.lang, args.focus, args.actor)
    print(write_page(view, args.output))
    return 0


def run_teach(args) -> int:
    from .render import teach_page, write_page

    print(write_page(teach_page(args.case, _doctrine_list(args.doctrine), args.lang), args.output))
    return 0


def run_export(args) -> int:
    from .export import export

    print(export(args.case, args.to, args.output, args.doctrine, args.lang))
    return 0
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
    print(f"Agreement with the courts' holdings and the expectations read under this doctrine: {rep.agree} agree, {rep.disagree} disagree, "
          f"{rep.undecided} left unknown by lexpath, of {held}; {rep.cases_with_disagreement} cases with a disagreement")
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

    p = sub.add_parser("cases", help="the bundled case base: court, date and outcome per actor, and lexpath's agreement")
    lang(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
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
    p.add_argument("--full", action="store_true", help="quote every legal source cited: its official text and our translation")
    lang(p)
    doctrine(p)
    p.set_defaults(run=run_explain)

    add_whatif_commands(sub, lang, doctrine)

    def page_doctrines(p):
        p.add_argument("--doctrine", metavar="ID|PATH[,…]",
                       help="doctrines for the page's switch, first shown first (default: the case's own, then the other bundled ones)")

    p = sub.add_parser("render", help="an interactive graph of a case (or of a doctrine alone) in one offline HTML file")
    p.add_argument("case", nargs="?", metavar="CASE", help="bundled case id or path; leave out to draw the doctrine alone")
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help="the page to write")
    p.add_argument("--focus", metavar="CONCLUSION", help="open with this conclusion's justification highlighted")
    p.add_argument("--actor", metavar="A", help="only the statements about this actor, and what they rest on")
    lang(p)
    page_doctrines(p)
    p.set_defaults(run=run_render, parser=p)

    p = sub.add_parser("teach", help="the classroom page: the graph with fact toggles, predict-then-reveal and a quiz")
    p.add_argument("case", metavar="CASE", help="bundled case id or path to a Turtle file")
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help="the page to write")
    lang(p)
    page_doctrines(p)
    p.set_defaults(run=run_teach)

    p = sub.add_parser("export", help="the case and its derived values as Turtle, JSON-LD, GraphML or DOT")
    p.add_argument("case", metavar="CASE", help="bundled case id or path to a Turtle file")
    p.add_argument("--to", metavar="FORMAT", help="ttl, jsonld, graphml or dot (default: from the output's suffix)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    lang(p)
    doctrine(p)
    p.set_defaults(run=run_export)

    p = sub.add_parser("contrast", help="one case under two doctrines, side by side, actor by actor")
    p.add_argument("case", metavar="CASE", help="bundled case id or path to a Turtle file")
    p.add_argument("--doctrines", metavar="A,B", help="two doctrines, ids or paths (default: the case's own and the other bundled one)")
    p.add_argument("--format", choices=("text", "json", "md"), default="text")
    lang(p)
    p.set_defaults(run=run_contrast)
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
