"""A case from pyoxigraph triples: the shapes, the structural checks and the Case, without rdflib parsing.

A corpus is parsed by pyoxigraph (8-11x faster than rdflib), so its cases arrive as pyoxigraph
triples. `TripleGraph` gives them the few rdflib Graph methods that validate.py uses, so the
structural checks are the very same code as for one case. The shapes of
`ontology/shapes.ttl` are checked by a small SHACL Core interpreter (the constraints the shapes
use; a shape using any other constraint is refused, never skipped), which agrees with pySHACL on
the problems it reports (a test holds the two to the same answers).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, BNode, Graph, URIRef

from .doctrine import Doctrine, local_name
from .errors import DoctrineError
from .load import _vocabulary_files, data_dir, read_turtle
from .terms import LEX
from .validate import Problem, structural_problems

__all__ = ["TripleGraph", "TermMap", "Shapes", "load_shapes", "shape_problems_of", "case_head", "check_case"]

SH = "http://www.w3.org/ns/shacl#"
_RDF_TYPE = str(RDF.type)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class TripleGraph:
    """The rdflib Graph methods the checks and the case reader need, over IRIs and blank nodes.

    Literals are left out: no structural check and no part of a Case that reasoning reads needs one.
    """

    def __init__(self, triples) -> None:
        self.spo: dict = defaultdict(lambda: defaultdict(list))
        self.pos: dict = defaultdict(lambda: defaultdict(list))
        self.size = 0
        for s, p, o in triples:
            self.spo[s][p].append(o)
            self.pos[p][o].append(s)
            self.size += 1

    def __iter__(self):
        for s, by_p in list(self.spo.items()):
            for p, objects in list(by_p.items()):
                for o in objects:
                    yield s, p, o

    def __len__(self) -> int:
        return self.size

    def subjects(self, predicate=None, object=None):
        if predicate is None:
            raise TypeError("TripleGraph.subjects needs a predicate")
        by_o = self.pos.get(predicate, {})
        if object is not None:
            yield from by_o.get(object, ())
            return
        seen = set()
        for subjects in list(by_o.values()):
            for s in subjects:
                if s not in seen:
                    seen.add(s)
                    yield s

    def objects(self, subject=None, predicate=None):
        if subject is None or predicate is None:
            raise TypeError("TripleGraph.objects needs a subject and a predicate")
        by_p = self.spo.get(subject)
        return iter(by_p.get(predicate, ()) if by_p else ())

    def value(self, subject=None, predicate=None):
        by_p = self.spo.get(subject)
        found = by_p.get(predicate) if by_p else None
        return found[0] if found else None

    def items(self, head):
        seen = set()
        while head is not None and head != RDF.nil and head not in seen:
            seen.add(head)
            item = self.value(head, RDF.first)
            if item is not None:
                yield item
            head = self.value(head, RDF.rest)

    def __contains__(self, triple) -> bool:
        s, p, o = triple
        if s is None or p is None:
            raise TypeError("TripleGraph membership needs a subject and a predicate")
        objects = self.spo.get(s, {}).get(p, ())
        return bool(objects) if o is None else o in objects


class TermMap:
    """pyoxigraph terms -> rdflib terms, each IRI converted once per process."""

    def __init__(self) -> None:
        self.iris: dict[str, URIRef] = {}

    def __call__(self, term):
        kind = type(term).__name__
        if kind == "NamedNode":
            value = term.value
            iri = self.iris.get(value)
            if iri is None:
                iri = self.iris[value] = URIRef(value)
            return iri
        if kind == "BlankNode":
            return BNode(term.value)
        return None

    def graph(self, triples) -> TripleGraph:
        """A TripleGraph of the non-literal triples (pyoxigraph subject, predicate, object)."""
        conv = self
        return TripleGraph(
            (conv(s), conv(p), conv(o))
            for s, p, o in triples
            if type(o).__name__ != "Literal"
        )


# -- shapes -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PropertyShape:
    path: str
    constraints: tuple[tuple[str, object], ...]
    message: str


@dataclass(frozen=True, slots=True)
class NodeShape:
    targets: frozenset[str]
    node_kind: str | None
    message: str
    properties: tuple[PropertyShape, ...]


@dataclass(frozen=True, slots=True)
class Shapes:
    """The node shapes of shapes.ttl, and the vocabulary's own typed individuals (for sh:class)."""

    nodes: tuple[NodeShape, ...]
    vocabulary_types: dict


_SUPPORTED = {"minCount", "maxCount", "datatype", "pattern", "languageIn", "uniqueLang", "in", "nodeKind", "class", "minLength"}
# What a doctrine declares, not a case: pyshacl checks these shapes when a doctrine compiles.
_DOCTRINE_CLASSES = {str(c) for c in (LEX.Doctrine, LEX.Statement, LEX.Proposition, LEX.Factor, LEX.Element, LEX.Issue,
                                      LEX.Conclusion, LEX.Remedy, LEX.LegalSource, LEX.Premise)}
_IGNORED = {"path", "message", "name", "description", "targetClass", "property"}


def load_shapes() -> Shapes:
    """Compile the case shapes of ontology/shapes.ttl into checks; refuse a constraint this interpreter lacks."""
    path = data_dir("ontology") / "shapes.ttl"
    g = read_turtle(path)
    sh = lambda name: URIRef(SH + name)  # noqa: E731

    def listed(head) -> tuple:
        return tuple(str(x) for x in g.items(head))

    def prop_shape(node) -> PropertyShape:
        constraints = []
        for p, o in g.predicate_objects(node):
            name = str(p)[len(SH):] if str(p).startswith(SH) else None
            if name is None or name in _IGNORED or p == RDF.type:
                continue
            if name not in _SUPPORTED:
                raise DoctrineError(path, local_name(str(node)) if isinstance(node, URIRef) else "a property shape", f"sh:{name} is not supported by the corpus checker")
            if name in ("languageIn", "in"):
                constraints.append((name, listed(o)))
            elif name in ("minCount", "maxCount", "minLength"):
                constraints.append((name, int(o)))
            elif name == "uniqueLang":
                constraints.append((name, bool(o.toPython())))
            else:
                constraints.append((name, str(o)))
        return PropertyShape(str(g.value(node, sh("path"))), tuple(sorted(constraints, key=str)), " ".join(str(g.value(node, sh("message")) or "").split()))

    nodes = []
    for shape in set(g.subjects(sh("targetClass"), None)):
        if {str(c) for c in g.objects(shape, sh("targetClass"))} <= _DOCTRINE_CLASSES:
            continue  # a doctrine's shape: no case declares these, and they may use what this lacks
        for p in g.predicates(shape, None):
            name = str(p)[len(SH):]
            if str(p).startswith(SH) and name not in _IGNORED | {"nodeKind"}:
                raise DoctrineError(path, local_name(str(shape)), f"sh:{name} is not supported by the corpus checker")
        nodes.append(
            NodeShape(
                targets=frozenset(str(c) for c in g.objects(shape, sh("targetClass"))),
                node_kind=str(g.value(shape, sh("nodeKind"))) if g.value(shape, sh("nodeKind")) else None,
                message=" ".join(str(g.value(shape, sh("message")) or "").split()),
                properties=tuple(prop_shape(ps) for ps in g.objects(shape, sh("property"))),
            )
        )
    vocab = Graph()
    for f in _vocabulary_files():
        read_turtle(f, into=vocab)
    types: dict[str, set[str]] = defaultdict(set)
    for s, o in vocab.subject_objects(RDF.type):
        types[str(s)].add(str(o))
    return Shapes(tuple(nodes), dict(types))


def _kind_ok(term, kind: str) -> bool:
    name = type(term).__name__
    allowed = {
        SH + "IRI": ("NamedNode",),
        SH + "BlankNode": ("BlankNode",),
        SH + "Literal": ("Literal",),
        SH + "BlankNodeOrIRI": ("NamedNode", "BlankNode"),
        SH + "IRIOrLiteral": ("NamedNode", "Literal"),
        SH + "BlankNodeOrLiteral": ("BlankNode", "Literal"),
    }[kind]
    return name in allowed


def _lang_in(lang: str, ranges: tuple) -> bool:
    lang = lang.lower()
    return any(lang == r.lower() or lang.startswith(r.lower() + "-") for r in ranges)


def shape_problems_of(shapes: Shapes, triples, doctrine: Doctrine) -> list[tuple[str, str]]:
    """SHACL problems of a case's pyoxigraph triples, as (subject, message), sorted."""
    by_s: dict = defaultdict(lambda: defaultdict(list))
    types: dict[str, set[str]] = defaultdict(set)
    subjects = {}
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        key = str(s)
        subjects[key] = s
        by_s[key][p.value].append(o)
        if p.value == _RDF_TYPE and type(o).__name__ == "NamedNode":
            types[key].add(o.value)

    def classes(key: str) -> set[str]:
        found: set[str] = set()
        for cls in types.get(key, ()) or shapes.vocabulary_types.get(key, ()):
            found |= doctrine.ancestors.get(cls, {cls})
        return found

    def is_instance(term, cls: str) -> bool:
        key = str(term) if type(term).__name__ != "NamedNode" else term.value
        if type(term).__name__ == "NamedNode":
            own = types.get(str(term)) or shapes.vocabulary_types.get(key, ())
        else:
            own = types.get(str(term), ())
        return any(cls in doctrine.ancestors.get(c, {c}) for c in own)

    problems = []
    for key, subject in subjects.items():
        cls = classes(key)
        name = local_name(subject.value) if type(subject).__name__ == "NamedNode" else "a blank node"
        for shape in shapes.nodes:
            if not shape.targets & cls:
                continue
            if shape.node_kind and not _kind_ok(subject, shape.node_kind):
                problems.append((name, shape.message or "has the wrong node kind"))
            for ps in shape.properties:
                values = by_s[key].get(ps.path, [])
                for cname, arg in ps.constraints:
                    if not _satisfies(cname, arg, values, is_instance):
                        problems.append((name, ps.message))
    return sorted(set(problems))


def _satisfies(name: str, arg, values: list, is_instance) -> bool:
    literal = lambda v: type(v).__name__ == "Literal"  # noqa: E731
    if name == "minCount":
        return len(values) >= arg
    if name == "maxCount":
        return len(values) <= arg
    if name == "datatype":
        return all(literal(v) and v.datatype.value == arg for v in values)
    if name == "pattern":
        return all(type(v).__name__ != "BlankNode" and re.search(arg, v.value) for v in values)
    if name == "minLength":
        return all(type(v).__name__ != "BlankNode" and len(v.value) >= arg for v in values)
    if name == "languageIn":
        return all(literal(v) and v.language and _lang_in(v.language, arg) for v in values)
    if name == "uniqueLang":
        langs = [v.language.lower() for v in values if literal(v) and v.language]
        return not arg or len(langs) == len(set(langs))
    if name == "in":
        return all(type(v).__name__ == "NamedNode" and v.value in arg for v in values)
    if name == "nodeKind":
        return all(_kind_ok(v, arg) for v in values)
    if name == "class":
        return all(type(v).__name__ != "Literal" and is_instance(v, arg) for v in values)
    raise AssertionError(name)


# -- one case --------------------------------------------------------------------------

def case_head(triples) -> tuple[str, str]:
    """(dct:identifier, lex:jurisdiction IRI) of a case's triples, '' where missing."""
    ident, jurisdiction = "", ""
    for t in triples:
        p, o = t.predicate, t.object
        if p.value == "http://purl.org/dc/terms/identifier" and type(o).__name__ == "Literal":
            ident = ident or o.value
        elif p.value == "https://w3id.org/lexpath/ns#jurisdiction" and type(o).__name__ == "NamedNode":
            jurisdiction = jurisdiction or o.value
    return ident, jurisdiction


def check_case(path: Path, triples: list, shapes: Shapes, doctrine: Doctrine, terms: TermMap) -> tuple[Problem, ...]:
    """Every problem of one case given as pyoxigraph triples: the shapes first, then the structure."""
    found = shape_problems_of(shapes, triples, doctrine)
    if found:
        return tuple(Problem(str(path), subject, message) for subject, message in found)
    return structural_problems(terms.graph((t.subject, t.predicate, t.object) for t in triples), path, doctrine)

