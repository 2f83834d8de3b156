"""A doctrine compiled from Turtle into plain frozen data: statements, roles, conditions, burdens.

Input is one rdflib graph holding the core vocabulary, the shared base propositions and one
doctrine's rules. Compiling checks what only the doctrine can get wrong (a condition naming no
statement, a role that does not fit, a cycle) and raises DoctrineError naming the statement.
The result is picklable, so load.py caches it and a run does not re-parse the law.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from .frozen import FrozenMap
from typing import Union

import networkx as nx
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SKOS

from .errors import DoctrineError
from .logic import Value
from .terms import LEX

__all__ = [
    "Text",
    "RoleVar",
    "Binding",
    "Leaf",
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Not",
    "Unless",
    "Expr",
    "Condition",
    "Timing",
    "SourceText",
    "Statement",
    "Burden",
    "Premise",
    "Relation",
    "Doctrine",
    "compile_doctrine",
    "local_name",
    "natural_key",
    "leaves",
]

KINDS = ("Proposition", "Factor", "Element", "Issue", "Conclusion", "Remedy")
Text = Mapping[str, str]  # language tag -> text


def natural_key(text: str) -> tuple:
    """Sort numbers by value, so that 'x-9' comes before 'x-10'.

    >>> sorted(["SPC-10", "SPC-9"], key=natural_key)
    ['SPC-9', 'SPC-10']
    """
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'.

    >>> local_name("https://example.org/terms#Term")
    'Term'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class RoleVar:
    """A role variable: which classes of entity can fill it."""

    iri: str
    classes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Binding:
    """subject --relation--> object must hold between the entities filling two role variables."""

    subject: str
    relation: str
    object: str


@dataclass(frozen=True, slots=True)
class Leaf:
    """Names a statement; args are the role variables that fill its roles, in order."""

    node: str
    args: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple["Expr", ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple["Expr", ...]


@dataclass(frozen=True, slots=True)
class AtLeast:
    k: int
    items: tuple["Expr", ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: "Expr"


@dataclass(frozen=True, slots=True)
class Unless:
    """holds, and the exception does not."""

    holds: "Expr"
    exception: "Expr"


Expr = Union[Leaf, AllOf, AnyOf, AtLeast, Not, Unless]


@dataclass(frozen=True, slots=True)
class Condition:
    """One ordered condition: when expr holds, the statement takes `decides`."""

    decides: Value
    expr: Expr


@dataclass(frozen=True, slots=True)
class Timing:
    """A proposition that relates two events in time: end no earlier than start, within_days at most."""

    start: str  # a proposition's IRI, or lex:suit
    end: str
    within_days: int | None


@dataclass(frozen=True, slots=True)
class SourceText:
    """A legal source's own words (official, in its language) and our translation into the other."""

    official: Text
    translation: Text
    taken_from: str


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of the doctrine: a base proposition, or a rule with its acceptance condition."""

    iri: str
    kind: str
    roles: tuple[str, ...]
    bindings: tuple[Binding, ...]
    conditions: tuple[Condition, ...]
    default: Value
    ordered: bool  # False: written as one lex:acceptIf
    label: Text
    definition: Text
    if_established: Text
    if_refuted: Text
    question: Text
    denial: Text  # a base proposition's negation in prose, for when it is refuted; {} for a rule
    legal_basis: tuple[str, ...]
    close_match: tuple[str, ...] = ()  # statements of other doctrines that correspond (skos:closeMatch)
    timing: Timing | None = None  # a base proposition derived from the dates of two events
    answers: str | None = None  # a base proposition whose event cannot come before this one's

    @property
    def id(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True, slots=True)
class Burden:
    """What an unstated base proposition counts as, and whose burden that is."""

    value: Value
    bearer: str
    legal_basis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Premise:
    """What a doctrine assumes of a proposition when it reads a case from another jurisdiction."""

    iri: str
    proposition: str
    value: Value
    label: Text
    definition: Text
    legal_basis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation a binding may name: the properties that state it, and whether it chains."""

    properties: frozenset[str]
    transitive: bool


@dataclass(frozen=True, slots=True)
class Doctrine:
    """One doctrine, compiled: everything grounding, evaluation and explanation read."""

    iri: str
    id: str
    label: Text
    jurisdiction: str
    sources: tuple[str, ...]
    statements: Mapping[str, Statement]
    role_vars: Mapping[str, RoleVar]
    burdens: Mapping[str, Burden]  # every proposition with a default, the doctrine-wide one included
    premises: tuple[Premise, ...]
    relations: Mapping[str, Relation]
    ancestors: Mapping[str, frozenset[str]]  # class -> itself and every superclass
    labels: Mapping[str, Text]  # any labelled term: classes, legal sources, values, tags
    files: tuple[str, ...]
    texts: Mapping[str, SourceText] = FrozenMap()  # legal source -> its words, where the doctrine gives them

    def label_of(self, iri: str, lang: str) -> str:
        """A term's label in lang, else in the other language, else its local name."""
        text = self.labels.get(iri, {})
        return text.get(lang) or next(iter(text.values()), None) or local_name(iri)


def _texts(graph: Graph, subject, predicate) -> dict[str, str]:
    return {o.language or "": str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def _list(graph: Graph, head, where: str) -> list:
    if head == RDF.nil:
        return []
    if not isinstance(head, BNode) or (head, RDF.first, None) not in graph:
        raise DoctrineError(where, "list", f"expected an RDF list, found {head}")
    return list(Collection(graph, head))


def _value(node, where: str) -> Value:
    names = {LEX.established: Value.ESTABLISHED, LEX.refuted: Value.REFUTED, LEX.unknown: Value.UNKNOWN}
    if node not in names:
        raise DoctrineError(where, "value", f"{node} is not lex:established, lex:refuted or lex:unknown")
    return names[node]


class _Compiler:
    def __init__(self, graph: Graph, files: tuple[str, ...]) -> None:
        self.g, self.files = graph, files
        self.where = files[-1] if files else "<doctrine>"

    def fail(self, subject, problem: str):
        raise DoctrineError(self.where, local_name(str(subject)), problem)

    # -- expressions ---------------------------------------------------------
    def expr(self, node, owner) -> Expr:
        g = self.g
        if isinstance(node, URIRef):
            return self.leaf(node, None, owner)
        if not isinstance(node, BNode):
            self.fail(owner, f"a condition must be a statement or a blank node, found {node!r}")
        keys = {p for p, _ in g.predicate_objects(node)}
        if LEX.node in keys:
            target = g.value(node, LEX.node)
            args = g.value(node, LEX.of)
            arg_list = None if args is None else (_list(g, args, self.where) if isinstance(args, BNode) else [args])
            return self.leaf(target, arg_list, owner)
        if LEX.allOf in keys:
            return AllOf(tuple(self.expr(x, owner) for x in _list(g, g.value(node, LEX.allOf), self.where)))
        if LEX.anyOf in keys:
            return AnyOf(tuple(self.expr(x, owner) for x in _list(g, g.value(node, LEX.anyOf), self.where)))
        if LEX.atLeast in keys:
            among = g.value(node, LEX.among)
            if among is None:
                self.fail(owner, "lex:atLeast needs lex:among")
            items = tuple(self.expr(x, owner) for x in _list(g, among, self.where))
            return AtLeast(self.threshold(g.value(node, LEX.atLeast), len(items), owner), items)
        if LEX["not"] in keys:
            return Not(self.expr(g.value(node, LEX["not"]), owner))
        if LEX.unless in keys:
            if LEX.holds not in keys:
                self.fail(owner, "lex:unless needs lex:holds")
            return Unless(self.expr(g.value(node, LEX.holds), owner), self.expr(g.value(node, LEX.unless), owner))
        self.fail(owner, "a condition names nothing (expected lex:node, allOf, anyOf, atLeast, not or unless)")

    def threshold(self, k, n: int, owner) -> int:
        """The k of `lex:atLeast k ; lex:among (n items)`: a whole number from 1 to n.

        0 would always hold and k above n never could, so either is a mistake in the doctrine,
        not a test; k equal to n is allowed (all of them).
        """
        value = k.toPython() if isinstance(k, Literal) else None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            plain = isinstance(k, Literal) and k.datatype is not None and not k.ill_typed  # 0, 1.5, true
            self.fail(owner, f"lex:atLeast needs a positive whole number, found {k if plain else k.n3(self.g.namespace_manager)}")
        if value > n:
            self.fail(owner, f"lex:atLeast {value} of {n} lex:among items can never hold; k is at most the number of items")
        return value

    def leaf(self, target, args, owner) -> Leaf:
        if target is None or (target, RDF.type, None) not in self.g or self._kind(target) is None:
            self.fail(owner, f"its condition names {target}, which is no statement of the doctrine")
        roles = self._roles(target)
        args = roles if args is None else [str(a) for a in args]
        if len(args) != len(roles):
            self.fail(owner, f"names {local_name(str(target))} with {len(args)} roles; it has {len(roles)}")
        return Leaf(str(target), tuple(str(a) for a in args))

    # -- statements ----------------------------------------------------------
    def _kind(self, subject) -> str | None:
        types = set(self.g.objects(subject, RDF.type))
        for kind in reversed(KINDS):  # the most specific first (Remedy before Conclusion)
            if LEX[kind] in types:
                return kind
        return None

    def _roles(self, subject) -> list[str]:
        head = self.g.value(subject, LEX.roles)
        if head is None:
            self.fail(subject, "has no lex:roles")
        return [str(x) for x in _list(self.g, head, self.where)]

    def statement(self, subject, kind: str) -> Statement:
        g = self.g
        roles = self._roles(subject)
        bindings = []
        for b in g.objects(subject, LEX.binding):
            parts = [g.value(b, LEX.subject), g.value(b, LEX.relation), g.value(b, LEX.object)]
            if None in parts:
                self.fail(subject, "a lex:binding needs lex:subject, lex:relation and lex:object")
            bindings.append(Binding(*(str(x) for x in parts)))
        accept_if = g.value(subject, LEX.acceptIf)
        cond_list = g.value(subject, LEX.conditions)
        conditions: list[Condition] = []
        if kind != "Proposition":
            if (accept_if is None) == (cond_list is None):
                self.fail(subject, "needs exactly one of lex:acceptIf or lex:conditions")
            if accept_if is not None:
                conditions.append(Condition(Value.ESTABLISHED, self.expr(accept_if, subject)))
            else:
                for item in _list(g, cond_list, self.where):
                    accept, reject = g.value(item, LEX.accept), g.value(item, LEX.reject)
                    if (accept is None) == (reject is None):
                        self.fail(subject, "each ordered condition needs exactly one of lex:accept or lex:reject")
                    decides = Value.ESTABLISHED if accept is not None else Value.REFUTED
                    conditions.append(Condition(decides, self.expr(accept if accept is not None else reject, subject)))
        default = g.value(subject, LEX.default)
        return Statement(
            iri=str(subject),
            kind=kind,
            roles=tuple(roles),
            bindings=tuple(bindings),
            conditions=tuple(conditions),
            default=Value.REFUTED if default is None else _value(default, self.where),
            ordered=cond_list is not None,
            label=FrozenMap(_texts(g, subject, RDFS.label)),
            definition=FrozenMap(_texts(g, subject, SKOS.definition)),
            if_established=FrozenMap(_texts(g, subject, LEX.ifEstablished)),
            if_refuted=FrozenMap(_texts(g, subject, LEX.ifRefuted)),
            question=FrozenMap(_texts(g, subject, LEX.question)),
            denial=FrozenMap(_texts(g, subject, LEX.denial)),
            legal_basis=tuple(sorted((str(x) for x in g.objects(subject, LEX.legalBasis)), key=natural_key)),
            close_match=tuple(sorted({str(x) for x in g.objects(subject, SKOS.closeMatch)}
                                     | {str(x) for x in g.subjects(SKOS.closeMatch, subject)})),
            timing=self.timing(subject) if kind == "Proposition" else None,
            answers=self.event(subject, g.value(subject, LEX.answers)) if g.value(subject, LEX.answers) is not None else None,
        )

    def event(self, subject, node) -> str:
        """An event a timing or lex:answers names: lex:suit, or a base proposition."""
        if node == LEX.suit or (node, RDF.type, LEX.Proposition) in self.g:
            return str(node)
        self.fail(subject, f"its timing names {node}, which is neither lex:suit nor a base proposition")

    def timing(self, subject) -> Timing | None:
        node = self.g.value(subject, LEX.timing)
        if node is None:
            return None
        start, end, within = (self.g.value(node, p) for p in (LEX.start, LEX.end, LEX.withinDays))
        if start is None or end is None:
            self.fail(subject, "a lex:timing needs lex:start and lex:end")
        days = within.toPython() if isinstance(within, Literal) else None
        if within is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 0):
            self.fail(subject, f"lex:withinDays needs a whole number of days, found {within}")
        return Timing(self.event(subject, start), self.event(subject, end), days)

    # -- the whole doctrine ---------------------------------------------------
    def ancestors(self) -> dict[str, frozenset[str]]:
        parents: dict[str, set[str]] = {}
        for sub, sup in self.g.subject_objects(RDFS.subClassOf):
            parents.setdefault(str(sub), set()).add(str(sup))
        classes = set(parents) | {str(c) for c in self.g.subjects(RDF.type, OWL.Class)}
        result = {}
        for cls in classes:
            seen, todo = {cls}, [cls]
            while todo:
                for sup in parents.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            result[cls] = frozenset(seen)
        return result

    def relation(self, prop: str) -> Relation:
        children: dict[str, set[str]] = {}
        for sub, sup in self.g.subject_objects(RDFS.subPropertyOf):
            children.setdefault(str(sup), set()).add(str(sub))
        props, todo = {prop}, [prop]
        while todo:
            for sub in children.get(todo.pop(), ()):
                if sub not in props:
                    props.add(sub)
                    todo.append(sub)
        return Relation(frozenset(props), (URIRef(prop), RDF.type, OWL.TransitiveProperty) in self.g)

    def compile(self) -> Doctrine:
        g = self.g
        heads = list(g.subjects(RDF.type, LEX.Doctrine))
        if len(heads) != 1:
            self.fail("lex:Doctrine", f"a doctrine file declares exactly one lex:Doctrine, found {len(heads)}")
        head = heads[0]
        ident = g.value(head, DCTERMS.identifier)
        if ident is None:
            self.fail(head, "the lex:Doctrine needs a dct:identifier")
        ancestors = self.ancestors()
        role_vars = {
            str(v): RoleVar(str(v), frozenset(str(c) for c in g.objects(v, LEX.role)))
            for v in g.subjects(RDF.type, LEX.RoleVariable)
        }
        statements = {}
        for kind in KINDS:
            for subject in g.subjects(RDF.type, LEX[kind]):
                if isinstance(subject, URIRef) and self._kind(subject) == kind:
                    statements[str(subject)] = self.statement(subject, kind)
        for st in statements.values():
            self.check_roles(st, statements, role_vars, ancestors)
        self.check_acyclic(statements)
        self.check_kinds(statements)
        burdens, everywhere = {}, []
        for b in g.objects(head, LEX.burden):
            prop, value = g.value(b, LEX.proposition), g.value(b, LEX.whenUnstated)
            if value is None or (prop is not None and (str(prop) not in statements or statements[str(prop)].kind != "Proposition")):
                self.fail(b, "a lex:burden needs lex:whenUnstated and, if it names one, a declared lex:proposition")
            burden = Burden(
                _value(value, self.where),
                str(g.value(b, LEX.bearer) or ""),
                tuple(sorted((str(x) for x in g.objects(b, LEX.legalBasis)), key=natural_key)),
            )
            if prop is None:
                everywhere.append(burden)
            else:
                burdens[str(prop)] = burden
        if len(everywhere) > 1:
            self.fail(head, "at most one lex:burden may name no proposition (the doctrine-wide default)")
        for st in statements.values():  # a burden naming no proposition covers every other one
            if everywhere and st.kind == "Proposition" and st.iri not in burdens:
                burdens[st.iri] = everywhere[0]
        premises = []
        for pr in sorted(g.objects(head, LEX.assumes), key=str):
            prop, value = g.value(pr, LEX.proposition), g.value(pr, LEX.value)
            if prop is None or value is None or str(prop) not in statements or statements[str(prop)].kind != "Proposition":
                self.fail(pr, "a lex:Premise needs lex:proposition (a declared proposition) and lex:value")
            premises.append(Premise(
                str(pr), str(prop), _value(value, self.where),
                FrozenMap(_texts(g, pr, RDFS.label)), FrozenMap(_texts(g, pr, SKOS.definition)),
                tuple(sorted((str(x) for x in g.objects(pr, LEX.legalBasis)), key=natural_key)),
            ))
        relations = {b.relation: self.relation(b.relation) for st in statements.values() for b in st.bindings}
        texts = {
            str(s): SourceText(FrozenMap(_texts(g, s, LEX.officialText)), FrozenMap(_texts(g, s, LEX.translation)),
                               str(g.value(s, LEX.textFrom) or ""))
            for s in g.subjects(RDF.type, LEX.LegalSource)
            if isinstance(s, URIRef) and (s, LEX.officialText, None) in g
        }
        labels = {}
        for subject in set(g.subjects(RDFS.label)):
            if isinstance(subject, URIRef):
                labels[str(subject)] = FrozenMap(_texts(g, subject, RDFS.label))
        return Doctrine(
            iri=str(head),
            id=str(ident),
            label=FrozenMap(_texts(g, head, RDFS.label)),
            jurisdiction=str(g.value(head, LEX.jurisdiction) or ""),
            sources=tuple(sorted(str(s) for s in g.objects(head, DCTERMS.source))),
            statements=FrozenMap(statements),
            role_vars=FrozenMap(role_vars),
            burdens=FrozenMap(burdens),
            premises=tuple(premises),
            relations=FrozenMap(relations),
            ancestors=FrozenMap(ancestors),
            labels=FrozenMap(labels),
            files=self.files,
            texts=FrozenMap(texts),
        )

    def check_roles(self, st: Statement, statements, role_vars, ancestors) -> None:
        def fits(a: str, b: str) -> bool:  # some class of a and some class of b can meet
            ca, cb = role_vars[a].classes, role_vars[b].classes
            return any(y in ancestors.get(x, {x}) or x in ancestors.get(y, {y}) for x in ca for y in cb)

        for var in st.roles + tuple(v for b in st.bindings for v in (b.subject, b.object)):
            if var not in role_vars:
                self.fail(st.iri, f"{local_name(var)} is not a declared lex:RoleVariable")
        for cond in st.conditions:
            for leaf in leaves(cond.expr):
                target = statements.get(leaf.node)
                if target is None:
                    self.fail(st.iri, f"its condition names {local_name(leaf.node)}, which is no statement")
                for arg, role in zip(leaf.args, target.roles):
                    if arg not in role_vars:
                        self.fail(st.iri, f"{local_name(arg)} is not a declared lex:RoleVariable")
                    if not fits(arg, role):
                        self.fail(st.iri, f"{local_name(arg)} cannot fill the role {local_name(role)} of {target.id}")

    def check_kinds(self, statements) -> None:
        """A rule rests only on statements of its own kind or an earlier one (facts, factors, elements,
        issues, conclusions, remedies): the order the page draws left to right."""
        rank = {kind: i for i, kind in enumerate(KINDS)}
        for st in statements.values():
            for cond in st.conditions:
                for leaf in leaves(cond.expr):
                    child = statements[leaf.node]
                    if rank[child.kind] > rank[st.kind]:
                        self.fail(st.iri, f"a {st.kind} cannot rest on {child.id}, a {child.kind}: a rule rests on its own kind or an earlier one ({', '.join(KINDS)})")

    def check_acyclic(self, statements) -> None:
        deps = nx.DiGraph()
        for st in statements.values():
            for cond in st.conditions:
                for leaf in leaves(cond.expr):
                    deps.add_edge(st.iri, leaf.node)
        try:
            cycle = nx.find_cycle(deps)
        except nx.NetworkXNoCycle:
            return
        path = " -> ".join(local_name(u) for u, _ in cycle) + " -> " + local_name(cycle[0][0])
        self.fail(cycle[0][0], f"the doctrine has a cycle: {path}")


def leaves(expr: Expr):
    """Every Leaf of an expression, left to right."""
    if isinstance(expr, Leaf):
        yield expr
    elif isinstance(expr, (AllOf, AnyOf, AtLeast)):
        for item in expr.items:
            yield from leaves(item)
    elif isinstance(expr, Not):
        yield from leaves(expr.item)
    elif isinstance(expr, Unless):
        yield from leaves(expr.holds)
        yield from leaves(expr.exception)


def compile_doctrine(graph: Graph, files: tuple[str, ...] = ()) -> Doctrine:
    """Compile the doctrine in graph (core, propositions and one doctrine's rules, merged)."""
    return _Compiler(graph, files).compile()
