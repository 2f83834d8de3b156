"""export.py: RDF that keeps derivations apart from findings, GraphML for Gephi, DOT for Graphviz."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SKOS

from conftest import lexpath, one_line_error
from lexpath.evaluate import evaluate
from lexpath.export import case_rdf
from lexpath.ground import ground
from lexpath.load import data_dir, load_case, read_turtle
from lexpath.terms import LEX

HANGZHOU = "hangzhou-ultraman-lora"


@pytest.fixture(scope="module")
def hangzhou():
    case, doctrine = load_case(HANGZHOU)
    G = ground(doctrine, case)
    return G, evaluate(G), case, doctrine


class TestRdf:
    @pytest.mark.parametrize("fmt, parse_as", [("ttl", "turtle"), ("jsonld", "json-ld")])
    def test_round_trip_is_isomorphic(self, tmp_path, hangzhou, fmt, parse_as):
        out = tmp_path / f"h.{fmt}"
        r = lexpath("export", HANGZHOU, "--to", fmt, "-o", str(out))
        assert r.returncode == 0, r.stderr
        back = Graph().parse(out, format=parse_as)
        assert isomorphic(back, case_rdf(*hangzhou))

    def test_derivations_are_kept_apart_from_findings(self, hangzhou):
        G, ev, case, doctrine = hangzhou
        graph = case_rdf(*hangzhou)
        own = read_turtle(Path(case.path))
        assert all(t in graph for t in own if not any(isinstance(x, BNode) for x in t))  # untouched
        derived = set(graph.subjects(RDF.type, LEX.Derivation))
        assert len(derived) == sum(1 for n in G if G.nodes[n]["kind"] != "Proposition")
        runs = {graph.value(d, PROV.wasGeneratedBy) for d in derived}
        assert len(runs) == 1 and (runs.pop(), RDF.type, PROV.Activity) in graph
        assert not derived & set(graph.subjects(RDF.type, LEX.Holding))
        assert not any((d, RDF.type, LEX.Fact) in graph for d in derived)
        facts = set(own.subjects(RDF.type, LEX.Fact))
        assert {o for d in derived for o in graph.objects(d, PROV.wasDerivedFrom)} <= facts

    def test_a_value_a_foreign_doctrine_assumes_derives_from_its_premise_not_the_fact(self):
        """Issue 8: under us, what rests on the claimant's US rights rests on the premise, not on f-exclusive-licence."""
        case, doctrine = load_case(HANGZHOU, "us")
        G = ground(doctrine, case)
        graph = case_rdf(G, evaluate(G), case, doctrine)
        premised = {n for n in G if G.nodes[n]["kind"] == "Proposition" and G.nodes[n].get("premise") is not None}
        assert premised
        run = next(iter(graph.subjects(RDF.type, PROV.Activity)))
        for n in G:
            children = set(G.predecessors(n)) & premised
            if not children or G.nodes[n]["kind"] == "Proposition":
                continue
            d = next(graph.subjects(RDFS.label, Literal(n)))
            sources = set(graph.objects(d, PROV.wasDerivedFrom))
            for child in children:
                premise = URIRef(G.nodes[child]["premise"].iri)
                assert premise in sources and (premise, RDF.type, LEX.Premise) in graph and (run, PROV.used, premise) in graph
                fact = G.nodes[child]["fact"]
                if fact is not None:
                    assert not any(str(s).endswith("#" + fact.id) for s in sources), (n, fact.id)

    def test_derived_values_follow_the_facts(self, tmp_path, hangzhou_text):
        """Change a fact in the file and the exported derivation changes with it."""
        def value_of(text: str) -> URIRef:
            path = tmp_path / "c.ttl"
            path.write_text(text, encoding="utf-8")
            out = tmp_path / "c.ttl.out.ttl"
            assert lexpath("export", str(path), "--to", "ttl", "-o", str(out)).returncode == 0
            g = Graph().parse(out)
            node = next(d for d in g.subjects(RDF.type, LEX.Derivation)
                        if str(g.value(d, RDFS.label)) == "CopyrightLiability(platform)")
            return g.value(node, LEX.value)

        assert value_of(hangzhou_text) == LEX.established
        flipped = re.sub(r"(:f-original-character\s.*?lex:value lex:)established", r"\g<1>refuted", hangzhou_text, count=1, flags=re.S)
        assert flipped != hangzhou_text
        assert value_of(flipped) == LEX.refuted


class TestGraphml:
    def test_parses_with_labels_and_values(self, tmp_path, hangzhou):
        G, ev, _, _ = hangzhou
        out = tmp_path / "h.graphml"
        assert lexpath("export", HANGZHOU, "-o", str(out), "--lang", "zh").returncode == 0  # format from suffix
        H = nx.read_graphml(out)
        assert set(H) == set(G) and H.number_of_edges() == G.number_of_edges()
        for n in G:
            assert H.nodes[n]["value"] == ev[n].value
            assert H.nodes[n]["label_en"] and H.nodes[n]["label_zh"]
        assert H.nodes["ContributoryInfringement(platform,trainers)"]["label"].startswith("教唆、帮助侵权")


class TestDot:
    def test_graphviz_draws_it(self, tmp_path):
        if shutil.which("dot") is None:
            pytest.skip("Graphviz is not installed (apt-get install graphviz)")
        out = tmp_path / "h.dot"
        assert lexpath("export", HANGZHOU, "--to", "dot", "-o", str(out)).returncode == 0
        r = subprocess.run(["dot", "-Tsvg", str(out), "-o", str(tmp_path / "h.svg")], capture_output=True, text=True)
        assert r.returncode == 0 and r.stderr == "", r.stderr
        svg = (tmp_path / "h.svg").read_text(encoding="utf-8")
        assert svg.count('class="node"') == len(ground(*reversed(load_case(HANGZHOU))))


class TestBadInput:
    def test_unknown_format(self, tmp_path):
        one_line_error(lexpath("export", HANGZHOU, "--to", "pdf", "-o", str(tmp_path / "x.pdf")), "pdf", "ttl, jsonld, graphml, dot")
        one_line_error(lexpath("export", HANGZHOU, "-o", str(tmp_path / "x.txt")), ".txt")
        assert list(tmp_path.iterdir()) == []

    def test_output_is_a_directory(self, tmp_path):
        one_line_error(lexpath("export", HANGZHOU, "--to", "ttl", "-o", str(tmp_path)), "is a directory")


class TestOntologyForProtege:
    """OWL 2 well-formedness as Protégé needs it: an ontology header and every term declared once."""

    KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

    def test_core_declares_every_term_it_uses(self):
        core = Graph().parse(data_dir("ontology") / "core.ttl")
        ns = str(LEX._NS)
        assert (URIRef(ns.rstrip("#")), RDF.type, OWL.Ontology) in core
        terms = {s for s in core.subjects() if str(s).startswith(ns)}
        for term in terms:
            kinds = [k for k in self.KINDS if (term, RDF.type, k) in core]
            individual = any(core.objects(term, RDF.type)) and not kinds
            assert len(kinds) == 1 or individual, (term, kinds)
        every = Graph()
        for path in sorted(data_dir("ontology").glob("*.ttl")):
            every.parse(path)
        for p in set(every.predicates()):
            if str(p).startswith(ns):
                assert any((p, RDF.type, k) in core for k in self.KINDS[1:]), f"property {p} is not declared"
        for c in set(every.objects(None, RDF.type)) | set(every.objects(None, RDFS.subClassOf)):
            if str(c).startswith(ns):
                assert (c, RDF.type, OWL.Class) in core, f"class {c} is not declared"
        object_props = set(core.subjects(RDF.type, OWL.ObjectProperty))
        data_props = set(core.subjects(RDF.type, OWL.DatatypeProperty))
        assert not object_props & data_props

    @staticmethod
    def read(paths) -> Graph:
        graph = Graph()
        for path in paths:
            graph.parse(path)
        return graph

    def test_every_term_has_one_label_and_one_definition_per_language(self):
        every = self.read(sorted(data_dir("ontology").glob("*.ttl")))
        ns = str(LEX._NS)
        terms = {s for s in every.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
        assert len(terms) > 100
        for term in terms:
            for prop in (RDFS.label, SKOS.definition):
                langs = sorted(o.language for o in every.objects(term, prop))
                assert langs == ["en", "zh"], (term, prop, langs)

    # The datatypes OWL 2 knows without a declaration (its datatype map), as far as lexpath uses any.
    OWL2_DATATYPES = {XSD.boolean, XSD.decimal, XSD.integer, XSD.string, XSD.dateTime, XSD.anyURI}

    def test_core_declares_the_terms_of_other_vocabularies_used(self):
        """The files Protégé reads with core.ttl: the doctrines, the shared propositions and the
        cases (shapes.ttl is a SHACL graph for pyshacl, not part of the ontology)."""
        core = Graph().parse(data_dir("ontology") / "core.ttl")
        files = [p for p in sorted(data_dir("ontology").glob("*.ttl")) if p.name != "shapes.ttl"]
        every = self.read(files + sorted(data_dir("cases").glob("*.ttl")))
        own = ("https://w3id.org/lexpath/", str(RDF), str(RDFS), str(OWL), str(XSD))

        def outside(term) -> bool:
            return isinstance(term, URIRef) and not str(term).startswith(own)

        def kinds(term) -> set:
            return {k for k in (*self.KINDS, RDFS.Datatype) if (term, RDF.type, k) in core}

        for p in filter(outside, set(every.predicates())):
            values = set(every.objects(None, p))
            fits = {OWL.AnnotationProperty}
            if all(isinstance(v, Literal) for v in values):
                fits.add(OWL.DatatypeProperty)
            if not any(isinstance(v, Literal) for v in values):
                fits.add(OWL.ObjectProperty)
            assert len(kinds(p)) == 1 and kinds(p) <= fits, f"property {p} is not declared as one of {fits}"
        for c in filter(outside, set(every.objects(None, RDF.type)) | set(every.objects(None, RDFS.subClassOf))):
            assert kinds(c) == {OWL.Class}, f"class {c} is not declared"
        for p in filter(outside, set(every.objects(None, RDFS.subPropertyOf))):
            assert len(kinds(p) & set(self.KINDS[1:])) == 1, f"property {p} is not declared"
        used = {o for o in every.objects(None, RDFS.range) if str(o).startswith(str(XSD))}
        used |= {o.datatype for o in every.objects() if isinstance(o, Literal) and o.datatype}
        for d in used - self.OWL2_DATATYPES:
            assert kinds(d) == {RDFS.Datatype}, f"datatype {d} is outside OWL 2's datatype map and not declared"
