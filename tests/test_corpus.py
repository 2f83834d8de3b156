"""A corpus through a local store: generate, load, evaluate, query; the compiled evaluator and the
corpus checks held to the single-case code they replace."""

import json
import random
from collections import Counter

import pyoxigraph as ox
import pytest

from lexpath.compiled import compile_graph, run, value_at
from lexpath.errors import CaseNotFoundError
from lexpath import corpus
from lexpath.corpus import Evaluator, evaluate_corpus, load_corpus
from lexpath.evaluate import evaluate
from lexpath.generate import generate_corpus
from lexpath.explain import rows
from lexpath.ground import ground, stated
from lexpath.load import bundled_cases, data_dir, load_case, read_turtle
from lexpath.logic import Value
from lexpath.store import LocalStore
from lexpath.triples import TermMap, check_case, load_shapes
from lexpath.validate import validate_case

from conftest import lexpath, one_line_error, write

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen")
    return generate_corpus(40, seed=7, out_dir=str(folder))


def _cases():
    return [str(p) for p in bundled_cases().values()]


class TestCompiled:
    def _check_group(self, refs):
        """Evaluate the cases one by one in Python and together as bit vectors: same values."""
        loaded = [load_case(r) for r in refs]
        graphs = [ground(d, c) for c, d in loaded]
        program = compile_graph(graphs[0])
        told, tb, fb = {}, {}, {}
        for bit, (case, _) in enumerate(loaded):
            for fact in case.facts:
                i = program.props.get((fact.proposition, fact.about))
                if i is not None:
                    told[i] = told.get(i, 0) | 1 << bit
                    tb[i] = tb.get(i, 0) | (fact.value is T) << bit
                    fb[i] = fb.get(i, 0) | (fact.value is F) << bit
        t, f = run(program, [(i, told[i], tb.get(i, 0), fb.get(i, 0)) for i in told], len(loaded))
        for bit, G in enumerate(graphs):
            ev = evaluate(G)
            got = {n: value_at(t[i], f[i], bit) for i, n in enumerate(program.nodes)}
            assert got == dict(ev.values)

    def test_bundled_cases_one_group(self):
        # the judgment and its variants share a structure: one program, five cases at once
        self._check_group(_cases())

    def test_generated_cases(self, generated):
        for path in generated:
            self._check_group([str(path)])

    def test_random_what_ifs_agree(self):
        case, doctrine = load_case("hangzhou-ultraman-lora")
        G = ground(doctrine, case)
        program = compile_graph(G)
        props = [n for n, a in G.nodes(data=True) if a["kind"] == "Proposition"]
        rng = random.Random(3)
        worlds = [{n: rng.choice([T, F, U]) for n in rng.sample(props, 40)} for _ in range(64)]
        index = {n: i for i, n in enumerate(program.nodes)}
        rows = {}
        for bit, world in enumerate(worlds):
            for n, v in world.items():
                told, tb, fb = rows.get(index[n], (0, 0, 0))
                rows[index[n]] = (told | 1 << bit, tb | (v is T) << bit, fb | (v is F) << bit)
        t, f = run(program, [(i, *r) for i, r in rows.items()], len(worlds))
        for bit, world in enumerate(worlds):
            ev = evaluate(G, world)
            assert all(value_at(t[i], f[i], bit) is ev[n] for i, n in enumerate(program.nodes))


class TestChecks:
    def _both(self, path):
        from lexpath.corpus import _Checker
        from lexpath.load import bundled_doctrines

        triples, problem = _Checker(None).parse(path)  # a variant arrives merged onto its base
        assert problem is None

        mine = check_case(path, triples, load_shapes(), bundled_doctrines()["cn"], TermMap())
        theirs = validate_case(str(path))
        return {(p.subject, p.message) for p in mine}, {(p.subject, p.message) for p in theirs}

    @pytest.mark.parametrize(
        "old, new",
        [
            ('"奥特曼系列形象"@zh', '"奥特曼系列形象"@fr'),
            ('dct:identifier "hangzhou-ultraman-lora"', 'dct:identifier "Hangzhou Case"'),
            ("lex:locator :p-F13 ;\n    lex:tag lex:reported .", "lex:tag lex:reported ."),
            ("lex:locator :p-F13 ;\n    lex:tag lex:reported .", 'lex:locator "F13" ;\n    lex:tag lex:reported .'),
            ("lex:value lex:established ;\n    lex:locator :p-F13", "lex:value lex:maybe ;\n    lex:locator :p-F13"),
            ("lex:states p:WorkFamous ;", "lex:states p:NoSuchProposition ;"),
            ("lex:about :ultraman ;\n    lex:value lex:established ;\n    lex:locator :p-F13", "lex:about :nobody ;\n    lex:value lex:established ;\n    lex:locator :p-F13"),
        ],
    )
    def test_corpus_checks_agree_with_validate(self, tmp_path, hangzhou_text, old, new):
        text = hangzhou_text.replace(old, new, 1)
        assert old in hangzhou_text
        mine, theirs = self._both(write(tmp_path, "c.ttl", text))
        assert mine == theirs

    def test_valid_cases_pass_both(self, generated):
        for path in [*bundled_cases().values(), *generated[:5]]:
            mine, theirs = self._both(path)
            assert mine == theirs == set()


class TestGenerate:
    def test_same_seed_same_files_and_all_valid(self, tmp_path, generated):
        again = generate_corpus(40, seed=7, out_dir=str(tmp_path))
        assert [p.read_text(encoding="utf-8") for p in again] == [p.read_text(encoding="utf-8") for p in generated]
        r = lexpath("validate", *map(str, generated[:8]))
        assert r.returncode == 0 and r.stdout.count(": valid") == 8, r.stderr

    def test_varied(self, generated):
        facts, actors, unknown, holdings = set(), set(), 0, 0
        for path in generated:
            g = read_turtle(path)
            facts |= {str(o) for o in g.objects(None, __import__("lexpath.terms").terms.LEX.states)}
            text = path.read_text(encoding="utf-8")
            unknown += text.count("lex:value lex:unknown")
            holdings += text.count("a lex:Holding")
            actors.add(text.count("rdfs:label") - 1)
        assert len(facts) > 30 and unknown > 10 and holdings >= 80 and len(actors) > 3


class TestCorpusCommands:
    def test_load_evaluate_query_stats(self, tmp_path, generated):
        store = str(tmp_path / "store")
        r = lexpath("corpus", "load", str(generated[0].parent), *_cases(), "--store", store)
        assert r.returncode == 0, r.stderr
        assert "45 cases loaded from 45 files, 0 skipped" in r.stdout
        r = lexpath("corpus", "evaluate", "--store", store, "--jobs", "2")
        assert r.returncode == 0, r.stderr
        assert "45 cases evaluated" in r.stdout
        # every bundled holding agrees, so disagreements all come from the generated flips
        r2 = lexpath("query", "--store", store, "--format", "csv",
                     "PREFIX lex: <https://w3id.org/lexpath/ns#> SELECT ?c WHERE { GRAPH ?c { ?d lex:agrees false } "
                     "FILTER(!STRSTARTS(STR(?c), 'https://w3id.org/lexpath/corpus/conclusions/gen-')) }")
        assert r2.returncode == 0 and r2.stdout.strip().splitlines() == ["c"], r2.stdout
        stats = dict(line.rsplit(None, 1) for line in lexpath("corpus", "stats", "--store", store).stdout.splitlines())
        assert stats["cases"] == "45" and stats["evaluated cases"] == "45"
        agree, disagree = int(stats["holdings agreed"]), int(stats["holdings disagreed"])
        assert f"{agree} agree, {disagree} disagree" in r.stdout and disagree > 0
        r = lexpath("query", "--store", store, "--format", "json",
                    "PREFIX lex: <https://w3id.org/lexpath/ns#> PREFIX prov: <http://www.w3.org/ns/prov#> "
                    "SELECT ?c ?g ?run WHERE { GRAPH ?c { ?c prov:wasDerivedFrom ?g ; prov:wasGeneratedBy ?run } }")
        rows = json.loads(r.stdout)["results"]["bindings"]
        assert len(rows) == 45 and all(b["g"]["value"].replace("/case/", "/conclusions/") == b["c"]["value"] for b in rows)

    @pytest.mark.parametrize("doctrine_ref", [None, "us"])
    def test_conclusions_match_explain(self, tmp_path, doctrine_ref):
        """Under the case's own doctrine, and under a foreign one that assumes its premises."""
        rep = load_corpus(_cases(), None)  # an in-memory store takes them too
        assert rep.loaded == 5 and rep.skipped == 0
        store = str(tmp_path / "s")
        load_corpus(_cases(), store)
        ev = Evaluator(doctrine_ref)
        s = LocalStore(store)
        graphs = [g for g, _ in s.cases()]
        out, stats = ev.evaluate(s, graphs, "urn:run")
        tally = Counter()
        for ref in sorted(bundled_cases()):  # explain's own count of the same holdings
            case, doctrine = load_case(ref, doctrine_ref)
            G = ground(doctrine, case)
            tally.update(r.agrees for r in rows(G, evaluate(G, stated(G)), case, doctrine) if r.holding is not None)
        totals = stats["totals"]
        assert (totals["agree"], totals["disagree"], totals["undecided"]) == (tally[True], tally[False], tally[None])
        assert totals["disagree"] == 0 and totals["agree"] > 10
        # the stored values are the single-case evaluator's
        for (cg, lines), ref in zip(out, sorted(bundled_cases())):
            case, doctrine = load_case(ref, doctrine_ref)
            G = ground(doctrine, case)
            values = evaluate(G, stated(G))
            for n, a in G.nodes(data=True):
                if a["kind"] in ("Conclusion", "Remedy"):
                    iri = f"<{cg}#{n}>"
                    line = next(x for x in lines if x.startswith(iri + " <https://w3id.org/lexpath/ns#value>"))
                    assert line.endswith(f"#{values[n].value}>"), (ref, n)

    def test_workers_write_what_one_process_writes(self, tmp_path, generated, monkeypatch):
        """Batches in worker processes, reading a store nobody writes meanwhile, give the same store."""
        monkeypatch.setattr(corpus, "EVAL_BATCH", 7)
        dumps = []
        for jobs in (1, 2):
            store = str(tmp_path / f"s{jobs}")
            load_corpus([str(p) for p in generated], store)
            rep = evaluate_corpus(store, jobs=jobs)
            assert rep.cases == 40 and rep.agree + rep.disagree + rep.undecided > 0
            q = "SELECT ?c ?d ?v WHERE { GRAPH ?c { ?d <https://w3id.org/lexpath/ns#value> ?v } } ORDER BY ?c ?d"
            dumps.append(LocalStore(store, read_only=True).query(q).serialize(format=ox.QueryResultsFormat.CSV))
        assert dumps[0] == dumps[1] and dumps[0].count(b"\n") > 40 * 30

    def test_a_doctrine_failing_in_the_workers_is_one_error_and_keeps_the_conclusions(self, tmp_path, generated, monkeypatch):
        monkeypatch.setattr(corpus, "EVAL_BATCH", 7)
        store = str(tmp_path / "s")
        load_corpus([str(p) for p in generated], store)
        evaluate_corpus(store, jobs=2)
        with pytest.raises(CaseNotFoundError, match="known: cn, us"):  # raised in a worker, pickled back whole
            evaluate_corpus(store, jobs=2, doctrine_ref="nope")
        stats = dict(corpus.corpus_stats(store))
        assert stats["evaluated cases"] == "40" and int(stats["conclusions established"]) > 0
        assert sorted(p.name for p in tmp_path.iterdir()) == ["s"]  # the workers' snapshot is gone

    def test_reload_replaces_never_duplicates(self, tmp_path, hangzhou_text):
        store = str(tmp_path / "s")
        path = write(tmp_path / "", "h.ttl", hangzhou_text)
        assert lexpath("corpus", "load", str(path), "--store", store).returncode == 0
        changed = write(tmp_path, "h.ttl", hangzhou_text.replace('rdfs:label "F13" ;', 'rdfs:label "F13-bis" ;'))
        assert lexpath("corpus", "load", str(changed), "--store", store).returncode == 0
        q = ("SELECT DISTINCT ?l WHERE { GRAPH ?g { ?f <https://w3id.org/lexpath/ns#locator> ?p . "
             "?p <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(?l, 'F13')) } }")
        r = lexpath("query", "--store", store, "--format", "csv", q)
        assert r.stdout.split() == ["l", "F13-bis"]
        n = lexpath("query", "--store", store, "--format", "csv",
                    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!CONTAINS(STR(?g), '/corpus/doctrine/')) }").stdout.split()[1]
        assert int(n) == len(read_turtle(path)) + 2  # the case's triples and its index entry

    def test_invalid_cases_are_reported_and_skipped(self, tmp_path, hangzhou_text):
        bad = write(tmp_path, "bad.ttl", hangzhou_text.replace('"奥特曼系列形象"@zh', '"奥特曼系列形象"@fr'))
        broken = write(tmp_path, "broken.ttl", "this is not turtle")
        ok = data_dir("cases") / "variant-obscure-work.ttl"
        store = str(tmp_path / "s")
        r = lexpath("corpus", "load", str(bad), str(broken), str(ok), "--store", store)
        assert r.returncode == 1 and "Traceback" not in r.stderr
        lines = r.stderr.splitlines()
        assert any(line.startswith(f"lexpath: {broken}: file: not valid Turtle") for line in lines)
        assert "1 cases loaded from 3 files, 2 skipped" in r.stdout
        r = lexpath("corpus", "stats", "--store", store)
        assert r.stdout.splitlines()[0].split() == ["cases", "1"]


class TestBadInput:
    def test_store_path_is_a_file(self, tmp_path):
        f = write(tmp_path, "file", "x")
        one_line_error(lexpath("corpus", "load", *_cases()[:1], "--store", str(f)), str(f), "is a file")

    def test_empty_directory(self, tmp_path):
        (tmp_path / "empty").mkdir()
        one_line_error(lexpath("corpus", "load", str(tmp_path / "empty"), "--store", str(tmp_path / "s")), "no .ttl case files")

    def test_query_syntax_error_shows_the_stores_message(self, tmp_path):
        store = str(tmp_path / "s")
        load_corpus(_cases()[:1], store)
        r = lexpath("query", "--store", store, "SELEKT * WHERE { ?s ?p ?o }")
        one_line_error(r, store, "query")
        assert "error" in r.stderr.lower() or "expected" in r.stderr.lower()

    def test_missing_store_for_query(self, tmp_path):
        one_line_error(lexpath("query", "--store", str(tmp_path / "none"), "ASK {}"), "no such store directory")

    def test_store_held_by_another_process(self, tmp_path):
        store = str(tmp_path / "s")
        load_corpus(_cases()[:1], store)
        holder = LocalStore(store)  # RocksDB's lock: a second writer is refused
        try:
            one_line_error(lexpath("corpus", "evaluate", "--store", store, "--jobs", "2"), store, "cannot be opened")
        finally:
            holder.close()

    def test_unreachable_url(self):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        one_line_error(lexpath("corpus", "stats", "--store", f"http://127.0.0.1:{port}"), "cannot reach")


def test_the_doctrine_graph_holds_every_dependency_edge(tmp_path):
    from lexpath.doctrine import leaves
    from lexpath.load import bundled_doctrines

    store = str(tmp_path / "s")
    load_corpus(_cases()[:1], store)
    doctrine = bundled_doctrines()["cn"]
    expected = {(st.iri, leaf.node) for st in doctrine.statements.values() for c in st.conditions for leaf in leaves(c.expr)}
    rows = LocalStore(store, read_only=True).select(
        "SELECT ?a ?b WHERE { GRAPH <https://w3id.org/lexpath/corpus/doctrine/cn> { ?a <https://w3id.org/lexpath/ns#dependsOn> ?b } }")
    assert {(r[0].value, r[1].value) for r in rows} == expected
