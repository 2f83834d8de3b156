"""Many cases through a store: load them, evaluate them all, query them, count them.

load: every file is parsed by pyoxigraph and checked (shapes and structure, as `lexpath validate`)
before anything is written; a failing case is reported and skipped, the rest go in through the
store's bulk path, each case in its own named graph (see store.py).
evaluate: cases stream from the store in batches (one read per batch), grouped by structure; each
structure is grounded once and compiled (compiled.py), and each group of cases is evaluated
together. Conclusions go back into one named graph per case, with PROV provenance, apart from
the facts. Batches run in a process pool when the store can be read from several processes.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
import sys
import time
import urllib.parse
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .doctrine import Doctrine, leaves, local_name
from .errors import CaseNotFoundError, InputFileError, LexpathError, StoreError
from .frozen import FrozenMap
from .load import Case, bundled_cases, doctrine_for, read_case_graph
from .logic import Value
from .store import INDEX, RUNS, case_graph, conclusions_graph, doctrine_graph, is_url, open_store
from .terms import LEX
from .validate import Problem

__all__ = [
    "LoadReport",
    "EvaluateReport",
    "case_files",
    "load_corpus",
    "Evaluator",
    "evaluate_corpus",
    "corpus_stats",
    "run_query",
]

PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
EVAL_BATCH = 1000
_VARIANT_OF = str(LEX.variantOf)
_VALUE_IRI = {Value.ESTABLISHED: str(LEX.established), Value.REFUTED: str(LEX.refuted), Value.UNKNOWN: str(LEX.unknown)}


def _progress(enabled: bool) -> Callable[[str], None]:
    """A one-line progress printer on stderr, when stderr is a terminal."""
    if not enabled:
        return lambda text: None

    def show(text: str) -> None:
        print(f"\r{text}", end="", file=sys.stderr, flush=True)

    return show


# -- load ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load did: cases loaded, and the problems of the cases it skipped."""

    store: str
    files: int
    loaded: int
    problems: tuple[Problem, ...]
    skipped: int


def case_files(paths: Sequence[str]) -> list[Path]:
    """The .ttl files named (or bundled case ids), directories searched recursively; a folder without any is an error."""
    found: list[Path] = []
    bundled = bundled_cases()
    for ref in paths:
        p = Path(ref)
        if not p.exists() and ref in bundled:
            found.append(bundled[ref])
        elif p.is_dir():
            files = sorted(p.rglob("*.ttl"))
            if not files:
                raise InputFileError(ref, "path", "the directory holds no .ttl case files")
            found += files
        elif p.is_file():
            found.append(p)
        else:
            raise CaseNotFoundError(ref, "path", "no such file or directory")
    return found


class _Doctrines:
    """The doctrine each case is read with: --doctrine, else its jurisdiction's; one compile each."""

    def __init__(self, ref: str | None) -> None:
        self.ref, self.known = ref, {}

    def __call__(self, jurisdiction: str) -> Doctrine:
        key = "" if self.ref else jurisdiction
        if key not in self.known:
            self.known[key] = doctrine_for(self.ref, jurisdiction)
        return self.known[key]


class _Checker:
    """Parses and checks case files; one per process, so the shapes and doctrines compile once."""

    def __init__(self, doctrine_ref: str | None) -> None:
        from .triples import TermMap, load_shapes

        self.shapes, self.terms, self.doctrines = load_shapes(), TermMap(), _Doctrines(doctrine_ref)

    def parse(self, path: Path):
        """(triples, None) or (None, problem) for one file."""
        import pyoxigraph as ox

        try:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri(), rename_blank_nodes=True))
            if any(t.predicate.value == _VARIANT_OF for t in triples):  # a variant: stored merged onto its base, as read
                merged = read_case_graph(path)[0].serialize(format="nt", encoding="utf-8")
                triples = list(ox.parse(merged, format=ox.RdfFormat.N_TRIPLES, rename_blank_nodes=True))
            return triples, None
        except LexpathError as err:
            return None, Problem(err.file, err.subject, err.problem)
        except SyntaxError as err:
            return None, Problem(str(path), "file", "not valid Turtle: " + " ".join(str(err).split())[:200])
        except (OSError, ValueError) as err:
            return None, Problem(str(path), "path", f"cannot be read ({getattr(err, 'strerror', None) or err})")

    def check(self, path: Path, triples=None) -> tuple[str, tuple[Problem, ...]]:
        """(case id, problems) of one file."""
        from .triples import case_head, check_case

        if triples is None:
            triples, problem = self.parse(path)
            if problem is not None:
                return "", (problem,)
        case_id, jurisdiction = case_head(triples)
        try:
            return case_id, check_case(path, triples, self.shapes, self.doctrines(jurisdiction), self.terms)
        except LexpathError as err:
            return case_id, (Problem(err.file, err.subject, err.problem),)


_CHECKER: dict = {}


def _pool(jobs: int, initializer: Callable, initargs: tuple):
    """A process pool whose workers start from a fresh server process, not a fork of this one.

    Forking a process that runs threads (a test runner's, a web server's) can copy a held lock into the
    child, which then waits on it for ever; a forkserver forks only from its own single thread.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver"),
                               initializer=initializer, initargs=initargs)


def _check_init(doctrine_ref: str | None) -> None:
    _CHECKER["checker"] = _Checker(doctrine_ref)


def _check_chunk(paths: Sequence[Path]) -> list[tuple[str, tuple[Problem, ...]]]:
    return [_CHECKER["checker"].check(p) for p in paths]


def load_corpus(paths: Sequence[str], store_ref: str | None, doctrine_ref: str | None = None, progress: bool = False, jobs: int = 1) -> LoadReport:
    """Check and load case files into a store; see the module docstring.

    With jobs > 1 the checks run in worker processes while this one parses the files that
    passed and writes them (pyoxigraph's parser is fast; the checks are Python).
    """
    files = case_files(paths)
    store = open_store(store_ref)
    checker = _Checker(doctrine_ref)
    show = _progress(progress)
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    chunks = [files[i : i + 100] for i in range(0, len(files), 100)]
    pool = None
    if jobs > 1 and len(chunks) > 1:
        pool = _pool(jobs, _check_init, (doctrine_ref,))
        checked = pool.map(_check_chunk, chunks)
    else:
        checked = None

    def valid():
        n = 0
        for chunk in chunks:
            results = next(checked) if checked is not None else [None] * len(chunk)
            for path, result in zip(chunk, results):
                n += 1
                if n % 500 == 0:
                    show(f"loading: {n}/{len(files)} files, {len(problems)} problems")
                triples, problem = checker.parse(path)
                if problem is not None:
                    found, case_id = (problem,), ""
                elif result is None:
                    case_id, found = checker.check(path, triples)
                else:
                    case_id, found = result
                if not found and case_id in seen:
                    found = (Problem(str(path), case_id, f"the case id is also used by {seen[case_id]}, loaded first"),)
                if found:
                    problems.extend(found)
                    continue
                seen[case_id] = path
                yield case_graph(case_id), case_id, path.resolve().as_uri(), triples

    try:
        loaded = store.load_cases(valid())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if loaded:
        _write_doctrines(store, store_ref, doctrine_ref)
    store.close()
    skipped = len(files) - loaded
    show(f"loading: {len(files)}/{len(files)} files, {loaded} cases loaded, {skipped} skipped\n")
    return LoadReport(store.location, len(files), loaded, tuple(problems), skipped)


# -- evaluate ---------------------------------------------------------------------------------

@dataclass(slots=True)
class _Structure:
    """What every case of one structure shares: the compiled program and what to write."""

    program: object
    rows: tuple[int, ...]  # node indices of conclusions and remedies
    kinds: dict[int, str]
    edges: dict[int, tuple[int, ...]]  # written node -> the nearest written nodes it depends on


@dataclass
class EvaluateReport:
    """Totals of one corpus evaluation; holdings counted as explain counts them."""

    store: str
    run: str
    cases: int = 0
    conclusions: int = 0
    agree: int = 0
    disagree: int = 0
    undecided: int = 0
    cases_with_disagreement: int = 0
    structures: int = 0
    disagreements: Counter = field(default_factory=Counter)  # statement id -> count


class Evaluator:
    """Evaluates batches of cases read from a store; keeps compiled structures between batches."""

    def __init__(self, doctrine_ref: str | None) -> None:
        from .triples import TermMap

        self.doctrines = _Doctrines(doctrine_ref)
        self.terms = TermMap()
        self.structures: dict = {}

    def structure(self, doctrine: Doctrine, case: Case) -> tuple[tuple, _Structure]:
        from .compiled import compile_graph
        from .ground import ground

        key = (
            doctrine.id,
            bool(case.jurisdiction) and case.jurisdiction != doctrine.jurisdiction,  # premises assumed
            tuple(sorted((e.id, tuple(sorted(e.classes))) for e in case.entities.values())),
            tuple(sorted(case.relations)),
        )
        found = self.structures.get(key)
        if found is None:
            bare = Case(case.id, case.path, case.iri, FrozenMap(), FrozenMap(), "", "", "", case.jurisdiction, "", FrozenMap(), case.entities, case.relations, (), ())
            G = ground(doctrine, bare)
            program = compile_graph(G)
            index = {n: i for i, n in enumerate(program.nodes)}
            kinds = {index[n]: a["kind"] for n, a in G.nodes(data=True)}
            rows = tuple(i for i, k in kinds.items() if k in ("Conclusion", "Remedy"))
            written = set(rows)
            edges = {}
            for i in rows:
                nearest, todo, seen = set(), list(G.predecessors(program.nodes[i])), set()
                while todo:
                    child = todo.pop()
                    if child in seen:
                        continue
                    seen.add(child)
                    if index[child] in written:
                        nearest.add(index[child])
                    else:
                        todo.extend(G.predecessors(child))
                edges[i] = tuple(sorted(nearest))
            found = self.structures[key] = _Structure(program, rows, kinds, edges)
        return key, found

    def cases_of(self, store, graphs: Sequence[str]):
        """(graph, Case, doctrine, holding IRIs) for each graph: a few SPARQL queries per batch.

        Only what reasoning reads is fetched (types, facts, holdings, the relations the
        doctrine's bindings name, list cells), one row per fact rather than one per triple.
        """
        values = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }"

        def rows(where: str):
            return store.select(f"SELECT * WHERE {{ {values} GRAPH ?g {{ {where} }} }}")

        juris = {}
        for row in rows(f"?c <{LEX.jurisdiction}> ?j"):
            juris[row["g"].value] = row["j"].value
        doctrines = {g: self.doctrines(juris.get(g, "")) for g in graphs}
        props = sorted({p for d in {id(d): d for d in doctrines.values()}.values() for r in d.relations.values() for p in r.properties})
        types: dict = defaultdict(lambda: defaultdict(set))
        for row in rows(f"?e a ?t FILTER(?t NOT IN (<{LEX.Fact}>, <{LEX.Holding}>, <{LEX.Expectation}>))"):
            types[row["g"].value][row["e"]].add(row["t"].value)
        cells: dict = defaultdict(dict)
        for row in rows(f"?l <{RDF_FIRST}> ?first ; <{RDF_REST}> ?rest"):
            cells[row["g"].value][row["l"]] = (row["first"], row["rest"])
        relations: dict = defaultdict(set)
        if props:
            for row in rows(f"?s ?p ?o VALUES ?p {{ {' '.join(f'<{p}>' for p in props)} }}"):
                relations[row["g"].value].add((row["s"].value, row["p"].value, row["o"].value))
        facts: dict = defaultdict(list)
        for row in rows(f"?f a <{LEX.Fact}> ; <{LEX.states}> ?prop ; <{LEX.about}> ?about ; <{LEX.value}> ?value "
                        f"OPTIONAL {{ ?f <{LEX.date}> ?date }}"):
            date = row["date"].value if row["date"] is not None else ""
            facts[row["g"].value].append((row["f"].value, row["prop"].value, row["about"], row["value"].value, date))
        filed = {row["g"].value: row["d"].value for row in rows(f"?c <{LEX.filed}> ?d")}
        holdings: dict = defaultdict(list)
        for row in rows(f"?h a ?kind ; <{LEX.on}> ?on ; <{LEX.about}> ?about ; <{LEX.value}> ?value "
                        f"FILTER(?kind IN (<{LEX.Holding}>, <{LEX.Expectation}>)) OPTIONAL {{ ?h <{LEX.underDoctrine}> ?under }}"):
            under = row["under"].value if row["under"] is not None else ""
            holdings[row["g"].value].append((row["h"].value, row["kind"].value, row["on"].value, row["about"], row["value"].value, under))
        for g in graphs:
            doctrine = doctrines[g]
            case, held = _case(g, juris.get(g, ""), doctrine, types[g], cells[g], relations[g], facts[g], holdings[g], filed.get(g, ""))
            yield g, case, doctrine, held

    def evaluate(self, store, graphs: Sequence[str], run_iri: str) -> tuple[list[tuple[str, list[str]]], dict]:
        """Evaluate the cases in graphs; return their conclusions (graph, N-Triples lines) and totals."""
        from .compiled import run, value_at

        groups: dict = defaultdict(list)
        for item in self.cases_of(store, graphs):
            g, case, doctrine, held = item
            key, structure = self.structure(doctrine, case)
            groups[key].append(item)
        out: list[tuple[str, list[str]]] = []
        totals = Counter()
        disagreements = Counter()
        for key, items in groups.items():
            structure = self.structures[key]
            program = structure.program
            told, tbits, fbits = defaultdict(int), defaultdict(int), defaultdict(int)
            for bit, (_, case, _, _) in enumerate(items):
                mask = 1 << bit
                for fact in case.facts:
                    i = program.props.get((fact.proposition, fact.about))
                    if i is None:
                        continue
                    told[i] |= mask
                    if fact.value is Value.ESTABLISHED:
                        tbits[i] |= mask
                    elif fact.value is Value.REFUTED:
                        fbits[i] |= mask
            stated = [(i, told[i], tbits[i], fbits[i]) for i in told]
            t, f = run(program, stated, len(items))
            for bit, (g, case, doctrine, held) in enumerate(items):
                lines, counts, wrong = _conclusions(g, case, doctrine, held, structure, t, f, bit, value_at, run_iri)
                out.append((_conclusions_of(g), lines))
                totals.update(counts)
                disagreements.update(wrong)
                totals["cases"] += 1
                totals["cases_with_disagreement"] += bool(wrong)
        return out, {"totals": totals, "disagreements": disagreements, "structures": len(self.structures)}


_VALUE_OF = {str(LEX.established): Value.ESTABLISHED, str(LEX.refuted): Value.REFUTED, str(LEX.unknown): Value.UNKNOWN}
_ENTITY_ROOTS = (str(LEX.Actor), str(LEX.Artefact))


def _case(g, jurisdiction, doctrine, types, cells, relations, facts, holdings, filed=""):
    """A Case (without literals but dates) from the rows the batch queries returned for graph g."""
    from .load import Entity, Fact, Holding, applies_under, with_timings

    entities, heads = {}, []
    for term, classes in types.items():
        closure = set()
        for c in classes:
            closure |= doctrine.ancestors.get(c, {c})
        if type(term).__name__ != "NamedNode":
            continue
        if str(LEX.Case) in closure:
            heads.append(term.value)
        if closure & set(_ENTITY_ROOTS):
            eid = local_name(term.value)
            entities[eid] = Entity(eid, term.value, FrozenMap(), frozenset(closure))
    ids = {e.iri: e.id for e in entities.values()}

    def about(term) -> tuple[str, ...]:
        if type(term).__name__ == "NamedNode":
            return (ids.get(term.value, local_name(term.value)),)
        out, seen = [], set()
        while term in cells and term not in seen:
            seen.add(term)
            first, term = cells[term]
            out.append(ids.get(first.value, local_name(first.value)))
        return tuple(out)

    case_facts = with_timings(
        tuple(Fact(local_name(f), prop, about(a), _VALUE_OF[v], "", "", True, date) for f, prop, a, v, date in facts),
        filed, doctrine,
    )
    case_holdings, held = [], {}
    for h, kind, on, a, v, under in holdings:
        if not applies_under(on, kind == str(LEX.Holding), under, doctrine, jurisdiction):
            continue
        hid = local_name(h)
        held[hid] = h
        case_holdings.append(Holding(hid, on, about(a), _VALUE_OF[v], "", "", kind == str(LEX.Holding)))
    rels = frozenset((ids[s], p, ids[o]) for s, p, o in relations if s in ids and o in ids)
    case = Case(
        g[len(case_graph("")):], g, heads[0] if heads else g, FrozenMap(), FrozenMap(), "", "", "", jurisdiction, "",
        FrozenMap(), FrozenMap(entities), rels, case_facts, tuple(sorted(case_holdings, key=lambda h: h.id)),
    )
    return case, held


def _conclusions_of(graph: str) -> str:
    """The conclusions graph of a case graph (the case id from the graph's IRI; literals are not read)."""
    return conclusions_graph(graph[len(case_graph("")) :])


def _node_iri(graph: str, node: str) -> str:
    return f"{graph}#{urllib.parse.quote(node, safe='(),-._~')}"


def _conclusions(g, case: Case, doctrine: Doctrine, held: dict, structure: _Structure, t, f, bit, value_at, run_iri):
    """N-Triples lines of one case's conclusions graph, and its agreement counts."""
    program = structure.program
    cg = _conclusions_of(g)
    holdings = {(h.statement, h.about): h for h in case.holdings}
    lines = [
        f"<{cg}> <{RDF_TYPE}> <{PROV}Entity>",
        f"<{cg}> <{PROV}wasDerivedFrom> <{g}>",
        f"<{cg}> <{PROV}wasGeneratedBy> <{run_iri}>",
    ]
    nodes = program.nodes
    rows = set(structure.rows)
    index_of = None
    for h in case.holdings:  # a holding on an element or factor is written too
        if index_of is None:
            index_of = {n: i for i, n in enumerate(nodes)}
        i = index_of.get(_node_name(doctrine, h.statement, h.about))
        if i is not None:
            rows.add(i)
    counts, wrong = Counter(), Counter()
    entities = case.entities
    for i in sorted(rows):
        node = nodes[i]
        statement, args = program.statement_of[i]
        value = value_at(t[i], f[i], bit)
        iri = _node_iri(cg, node)
        lines.append(f"<{iri}> <{RDF_TYPE}> <{LEX.Derivation}>")
        lines.append(f"<{iri}> <{LEX.on}> <{statement}>")
        lines.append(f"<{iri}> <{LEX.value}> <{_VALUE_IRI[value]}>")
        if len(args) == 1:
            lines.append(f"<{iri}> <{LEX.about}> <{entities[args[0]].iri}>")
        else:
            labels = [f"_:l{hashlib.sha1(f'{iri}|{k}'.encode()).hexdigest()[:20]}" for k in range(len(args))]
            lines.append(f"<{iri}> <{LEX.about}> {labels[0]}")
            for k, arg in enumerate(args):
                rest = labels[k + 1] if k + 1 < len(args) else f"<{RDF_NIL}>"
                lines.append(f"{labels[k]} <{RDF_FIRST}> <{entities[arg].iri}>")
                lines.append(f"{labels[k]} <{RDF_REST}> {rest}")
        for child in structure.edges.get(i, ()):
            lines.append(f"<{iri}> <{LEX.dependsOn}> <{_node_iri(cg, nodes[child])}>")
        if structure.kinds[i] in ("Conclusion", "Remedy"):
            counts["conclusions"] += 1
        h = holdings.get((statement, args))
        if h is not None and h.id in held:
            lines.append(f"<{iri}> <{LEX.holding}> <{held[h.id]}>")
            if value is Value.UNKNOWN and h.value is not Value.UNKNOWN:  # counted as explain counts it
                counts["undecided"] += 1
            else:
                agrees = value is h.value
                lines.append(f'<{iri}> <{LEX.agrees}> "{str(agrees).lower()}"^^<{XSD}boolean>')
                counts["agree" if agrees else "disagree"] += 1
                if not agrees:
                    wrong[local_name(statement)] += 1
    return lines, counts, wrong


def _node_name(doctrine: Doctrine, statement: str, about: tuple[str, ...]) -> str:
    from .ground import node_id

    st = doctrine.statements.get(statement)
    return node_id(st.id, about) if st is not None else ""


_WORKER: dict = {}


def _worker_init(store_ref: str | None, doctrine_ref: str | None) -> None:
    _WORKER["store"] = open_store(store_ref, read_only=not is_url(store_ref))
    _WORKER["evaluator"] = Evaluator(doctrine_ref)


def _worker_run(graphs: Sequence[str], run_iri: str):
    return _WORKER["evaluator"].evaluate(_WORKER["store"], graphs, run_iri)


def _doctrine_lines(doctrine: Doctrine) -> list[str]:
    """N-Triples of a doctrine graph: its statements, their kinds and labels, and lex:dependsOn edges."""
    import pyoxigraph as ox

    lines = [f"<{doctrine.iri}> <{RDF_TYPE}> <{LEX.Doctrine}>"]
    for st in doctrine.statements.values():
        lines.append(f"<{st.iri}> <{RDF_TYPE}> <{LEX[st.kind]}>")
        for lang, text in st.label.items():
            lines.append(f"<{st.iri}> <{RDFS_LABEL}> {ox.Literal(text, language=lang) if lang else ox.Literal(text)}")
        named = {leaf.node for cond in st.conditions for leaf in leaves(cond.expr)}
        for child in sorted(named):
            lines.append(f"<{st.iri}> <{LEX.dependsOn}> <{child}>")
    return lines


def evaluate_corpus(store_ref: str | None, jobs: int = 1, doctrine_ref: str | None = None, progress: bool = False) -> EvaluateReport:
    """Evaluate every case loaded in the store and write the conclusions back; see the module docstring.

    With worker processes on a store on disk, the workers read a snapshot of it (a checkpoint of
    hard links, store.snapshot) while this process writes the conclusions: pyoxigraph leaves
    reading a store beside another process's writes undefined, and RocksDB's compaction removed
    files under readers of the store itself. The old conclusions are removed only once the first
    batch is evaluated, so a doctrine or store that fails at the start leaves them whole.
    """
    store = open_store(store_ref)
    run_iri = f"{RUNS}/{uuid.uuid4()}"
    report = EvaluateReport(store.location, run_iri)
    graphs = [g for g, _ in store.cases()]
    show = _progress(progress)
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    size = min(EVAL_BATCH, max(100, -(-len(graphs) // (2 * max(jobs, 1)))))  # a small corpus still feeds every worker
    batches = [graphs[i : i + size] for i in range(0, len(graphs), size)]
    totals, disagreements = Counter(), Counter()
    structures = 0
    # an in-memory store cannot be shared with other processes
    parallel = jobs > 1 and store_ref is not None and len(batches) > 1
    snapshot = store.snapshot() if parallel and not is_url(store_ref) else None

    def results():
        """Each batch's (conclusions, stats), in order: here, or from worker processes."""
        if not parallel:
            evaluator = Evaluator(doctrine_ref)
            for batch in batches:
                yield evaluator.evaluate(store, batch, run_iri)
            return
        from concurrent.futures.process import BrokenProcessPool

        try:
            with _pool(jobs, _worker_init, (snapshot or store_ref, doctrine_ref)) as pool:
                pending: list = []  # at most two batches per worker in flight: memory stays bounded
                for batch in batches:
                    if len(pending) >= 2 * jobs:
                        yield pending.pop(0).result()
                    pending.append(pool.submit(_worker_run, batch, run_iri))
                for future in pending:
                    yield future.result()
        except BrokenProcessPool as err:
            raise StoreError(store_ref, "store", "a worker process could not read the store and stopped") from err

    def counted():
        nonlocal structures
        for out, stats in results():
            totals.update(stats["totals"])
            disagreements.update(stats["disagreements"])
            structures = max(structures, stats["structures"])
            show(f"evaluating: {totals['cases']}/{len(graphs)} cases")
            yield out

    try:
        if is_url(store_ref):
            from .store import Batch

            for out in counted():  # one SPARQL Update per batch: a transaction each on the server
                store.write(Batch([(cg, "".join(line + " .\n" for line in lines)) for cg, lines in out], [cg for cg, _ in out]))
        else:  # every batch streams into one bulk load, pipelined with the workers
            chunks = ("".join(line + f" <{cg}> .\n" for cg, lines in out for line in lines).encode() for out in counted())
            first = next(chunks, None)
            store.remove_graphs(_conclusions_of(g) for g in graphs)
            if first is not None:
                store.bulk_stream(itertools.chain([first], chunks))
    finally:
        if snapshot is not None:
            shutil.rmtree(snapshot, ignore_errors=True)
    doctrine_iris = _write_doctrines(store, store_ref, doctrine_ref)
    ended = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    run_lines = [
        f"<{run_iri}> <{RDF_TYPE}> <{PROV}Activity>",
        f'<{run_iri}> <{RDFS_LABEL}> "lexpath {__version__} corpus evaluate"',
        f'<{run_iri}> <{PROV}startedAtTime> "{started}"^^<{XSD}dateTime>',
        f'<{run_iri}> <{PROV}endedAtTime> "{ended}"^^<{XSD}dateTime>',
    ] + [f"<{run_iri}> <{PROV}used> <{dg}>" for dg in doctrine_iris]
    _write_graph(store, store_ref, RUNS, run_lines, replace=False)
    store.close()
    show("\n")
    report.cases = totals["cases"]
    report.conclusions = totals["conclusions"]
    report.agree, report.disagree, report.undecided = totals["agree"], totals["disagree"], totals["undecided"]
    report.cases_with_disagreement = totals["cases_with_disagreement"]
    report.structures = structures
    report.disagreements = disagreements
    return report


def _write_doctrines(store, store_ref, doctrine_ref) -> list[str]:
    """(Re)write the graph of every doctrine the loaded cases are read with; their IRIs."""
    used = _Doctrines(doctrine_ref)
    iris: list[str] = []
    for jurisdiction in sorted({str(o.value) for o in _jurisdictions(store)} or {""}):
        try:
            doctrine = used(jurisdiction)
        except LexpathError:
            continue
        dg = doctrine_graph(doctrine.id)
        if dg not in iris:
            iris.append(dg)
            _write_graph(store, store_ref, dg, _doctrine_lines(doctrine))
    return iris


def _jurisdictions(store):
    rows = store.select(
        f"SELECT DISTINCT ?j WHERE {{ GRAPH <{INDEX}> {{ ?g ?p ?id }} GRAPH ?g {{ ?c <{LEX.jurisdiction}> ?j }} }}"
    )
    return [row[0] for row in rows]


def _write_graph(store, store_ref, graph: str, lines: list[str], replace: bool = True) -> None:
    from .store import Batch

    text = "".join(line + " .\n" for line in lines)
    store.write(Batch([(graph, text)], [graph] if replace else []))


# -- stats and queries ---------------------------------------------------------------------------

def corpus_stats(store_ref: str | None) -> list[tuple[str, str]]:
    """Counts over the store: cases, facts, holdings, conclusions by value, agreement, runs."""
    store = open_store(store_ref, read_only=store_ref is not None and not is_url(store_ref))

    def count(where: str) -> str:
        rows = list(store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"))
        return rows[0][0].value if rows else "0"

    cases = f"GRAPH <{INDEX}> {{ ?g <http://purl.org/dc/terms/identifier> ?id }}"
    out = [
        ("cases", count(cases)),
        ("facts", count(f"{cases} GRAPH ?g {{ ?f a <{LEX.Fact}> }}")),
        ("holdings", count(f"{cases} GRAPH ?g {{ ?h a ?k FILTER(?k IN (<{LEX.Holding}>, <{LEX.Expectation}>)) }}")),
        ("evaluated cases", count(f"GRAPH ?c {{ ?c <{PROV}wasDerivedFrom> ?g }}")),
    ]
    for value in ("established", "refuted", "unknown"):
        out.append((f"conclusions {value}", count(f"GRAPH ?c {{ ?d a <{LEX.Derivation}> ; <{LEX.value}> <{LEX[value]}> }}")))
    out.append(("holdings agreed", count(f'GRAPH ?c {{ ?d <{LEX.agrees}> true }}')))
    out.append(("holdings disagreed", count(f'GRAPH ?c {{ ?d <{LEX.agrees}> false }}')))
    out.append(("evaluation runs", count(f"GRAPH <{RUNS}> {{ ?r a <{PROV}Activity> }}")))
    store.close()
    return out


PREFIXES = {
    "lex": str(LEX._NS),
    "p": "https://w3id.org/lexpath/prop#",
    "corpus": "https://w3id.org/lexpath/corpus/",
    "prov": PROV,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": XSD,
}


def _short(term) -> str:
    if term is None:
        return ""
    kind = type(term).__name__
    if kind == "NamedNode":
        iri = term.value
        best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
        if best is not None:
            prefix = next(k for k, v in PREFIXES.items() if v == best)
            return f"{prefix}:{iri[len(best):]}"
        if "/doctrine/" in iri and "#" in iri:
            return f"{iri.rsplit('/', 1)[-1].split('#')[0]}:{iri.rsplit('#', 1)[-1]}"
        return f"<{iri}>"
    if kind == "Literal":
        return term.value
    return str(term)


def run_query(store_ref: str | None, sparql: str, form: str = "table") -> str:
    """Run SPARQL on the store; the rows as an aligned table, CSV, or SPARQL JSON results."""
    import pyoxigraph as ox

    store = open_store(store_ref, read_only=not is_url(store_ref) and store_ref is not None)
    result = store.query(sparql)
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if not hasattr(result, "variables"):  # CONSTRUCT or DESCRIBE: triples
        return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in result)
    if form == "csv":
        return result.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    if form == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    names = [v.value for v in result.variables]
    rows = [[_short(row[k]) for k in range(len(names))] for row in result]
    widths = [max([len(n)] + [len(r[k]) for r in rows]) for k, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
