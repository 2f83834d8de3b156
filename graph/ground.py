"""Ground a general doctrine on one case: one node per rule and per tuple of actors playing its roles.

A rule's roles are filled by the case's entities whose classes fit; a binding (a provider and a
user it serves) keeps only the tuples the case relates. A condition naming a statement with a
role the rule does not bind ranges over every instance that fits (any user served by this
provider). The result is a networkx DiGraph, edges from what supports to what it supports
(facts on the left, conclusions on the right), with the grounded conditions on each node. A
doctrine reading a case of another jurisdiction marks the propositions its premises cover
(node attribute `premise`); stated() then gives them the premise's value.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from .doctrine import AllOf, AnyOf, AtLeast, Binding, Condition, Doctrine, Expr, Leaf, Not, Unless, local_name
from .load import Case
from .logic import Value

__all__ = ["Match", "node_id", "ground", "outline", "map_leaves", "stated"]


@dataclass(frozen=True, slots=True)
class Match:
    """A grounded leaf: the instances it names; it holds if any of them does (none: refuted)."""

    nodes: tuple[str, ...]


def node_id(statement_id: str, args: tuple[str, ...]) -> str:
    """The id of a grounded statement, as shown to users and taken by --actor and --set.

    >>> node_id("Assists", ("provider-a", "user-b"))
    'Assists(provider-a,user-b)'
    """
    return f"{statement_id}({','.join(args)})"


def _pairs(case: Case, doctrine: Doctrine, relation: str) -> set[tuple[str, str]]:
    spec = doctrine.relations[relation]
    pairs = {(s, o) for s, p, o in case.relations if p in spec.properties}
    if spec.transitive:
        closure = nx.transitive_closure(nx.DiGraph(pairs), reflexive=False)
        pairs = set(closure.edges)
    return pairs


def ground(doctrine: Doctrine, case: Case) -> nx.DiGraph:
    """Instantiate every statement of the doctrine for the case; see the module docstring."""
    fits: dict[str, list[str]] = {
        var: sorted(e.id for e in case.entities.values() if e.classes & rv.classes)
        for var, rv in doctrine.role_vars.items()
    }
    related = {rel: _pairs(case, doctrine, rel) for rel in doctrine.relations}

    def holds(bindings: tuple[Binding, ...], assignment: Mapping[str, str]) -> bool:
        return all(
            (assignment[b.subject], assignment[b.object]) in related[b.relation]
            for b in bindings
            if b.subject in assignment and b.object in assignment
        )

    instances: dict[str, list[tuple[str, ...]]] = {}
    for st in doctrine.statements.values():
        tuples = itertools.product(*(fits[var] for var in st.roles))
        instances[st.iri] = [
            args for args in tuples if len(set(args)) == len(args) and holds(st.bindings, dict(zip(st.roles, args)))
        ]

    facts = {(f.proposition, f.about): f for f in case.facts}
    # A doctrine reading a case of another jurisdiction assumes its premises (acts there, rights there).
    foreign = bool(case.jurisdiction) and case.jurisdiction != doctrine.jurisdiction
    premises = {pr.proposition: pr for pr in doctrine.premises} if foreign else {}
    G = nx.DiGraph(doctrine=doctrine.id, case=case.id, foreign=foreign)

    def match(leaf: Leaf, rule_bindings, assignment: dict[str, str]) -> Match:
        found = []
        target = doctrine.statements[leaf.node]
        for args in instances[leaf.node]:
            extended = dict(assignment)
            if all(extended.setdefault(var, ent) == ent for var, ent in zip(leaf.args, args)):
                if holds(rule_bindings, extended):
                    found.append(node_id(target.id, args))
        return Match(tuple(found))

    def bind(expr: Expr, rule_bindings, assignment) -> Expr:
        return map_leaves(expr, lambda leaf: match(leaf, rule_bindings, assignment))

    for st in doctrine.statements.values():
        for args in instances[st.iri]:
            nid = node_id(st.id, args)
            attrs = dict(statement=st.iri, kind=st.kind, args=args)
            if st.kind == "Proposition":
                fact = facts.get((st.iri, args))
                burden = doctrine.burdens.get(st.iri)
                attrs.update(
                    fact=fact,
                    unstated=burden.value if burden else Value.UNKNOWN,
                    burden=burden,
                    premise=premises.get(st.iri),
                )
            else:
                assignment = dict(zip(st.roles, args))
                attrs["conditions"] = tuple(
                    Condition(c.decides, bind(c.expr, st.bindings, assignment)) for c in st.conditions
                )
                attrs["default"] = st.default
            G.add_node(nid, **attrs)
    return _with_edges(G)


def _with_edges(G: nx.DiGraph) -> nx.DiGraph:
    """Add an edge child -> parent for every node a condition names, and the evaluation order."""
    for nid, attrs in list(G.nodes(data=True)):
        for cond in attrs.get("conditions", ()):
            for m in _matches(cond.expr):
                for child in m.nodes:
                    G.add_edge(child, nid)
    G.graph["order"] = tuple(nx.topological_sort(G))
    return G


def map_leaves(expr: Expr, fn) -> Expr:
    """The expression with each Leaf replaced by fn(leaf)."""
    if isinstance(expr, Leaf):
        return fn(expr)
    if isinstance(expr, (AllOf, AnyOf)):
        return type(expr)(tuple(map_leaves(x, fn) for x in expr.items))
    if isinstance(expr, AtLeast):
        return AtLeast(expr.k, tuple(map_leaves(x, fn) for x in expr.items))
    if isinstance(expr, Not):
        return Not(map_leaves(expr.item, fn))
    return Unless(map_leaves(expr.holds, fn), map_leaves(expr.exception, fn))


def outline(doctrine: Doctrine) -> nx.DiGraph:
    """The doctrine alone: each statement once, over its own role variables, with no facts.

    A leaf names the statement's one node whatever role variables fill it, so the graph shows the
    structure of the tests (what rests on what) before any case; evaluated, every proposition takes
    its burden default or unknown.
    """
    ids = {st.iri: node_id(st.id, tuple(local_name(r) for r in st.roles)) for st in doctrine.statements.values()}
    G = nx.DiGraph(doctrine=doctrine.id, case=None, foreign=False)
    for st in doctrine.statements.values():
        attrs = dict(statement=st.iri, kind=st.kind, args=tuple(local_name(r) for r in st.roles))
        if st.kind == "Proposition":
            burden = doctrine.burdens.get(st.iri)
            attrs.update(fact=None, unstated=burden.value if burden else Value.UNKNOWN, burden=burden, premise=None)
        else:
            attrs["conditions"] = tuple(
                Condition(c.decides, map_leaves(c.expr, lambda leaf: Match((ids[leaf.node],)))) for c in st.conditions
            )
            attrs["default"] = st.default
        G.add_node(ids[st.iri], **attrs)
    return _with_edges(G)


def _matches(expr):
    if isinstance(expr, Match):
        yield expr
    elif isinstance(expr, (AllOf, AnyOf, AtLeast)):
        for item in expr.items:
            yield from _matches(item)
    elif isinstance(expr, Not):
        yield from _matches(expr.item)
    elif isinstance(expr, Unless):
        yield from _matches(expr.holds)
        yield from _matches(expr.exception)


def stated(G: nx.DiGraph) -> dict[str, Value]:
    """The values the case states, by grounded proposition node, with the doctrine's premises assumed.

    A premise (a doctrine reading a case of another jurisdiction) takes the place of what the case
    states about that proposition; explanations show it as an assumption, never as a stated fact.
    """
    return {
        n: a["premise"].value if a.get("premise") is not None else a["fact"].value
        for n, a in G.nodes(data=True)
        if a.get("premise") is not None or a.get("fact") is not None
    }
