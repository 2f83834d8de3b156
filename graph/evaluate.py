"""Evaluate a grounded graph bottom-up in one topological pass, in strong-Kleene logic.

Values live in the result, never on the graph: a what-if is `evaluate(G, {**stated(G), n: v})`.
A proposition the facts leave out takes the doctrine's burden default, else unknown.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import networkx as nx

from .doctrine import AllOf, AnyOf, AtLeast, Not, Unless
from .frozen import FrozenMap
from .ground import Match, stated
from .logic import Value, all_of, any_of, at_least, negate, ordered

__all__ = ["Evaluation", "evaluate", "expr_value", "update"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Every node's value after one pass."""

    values: Mapping[str, Value]

    def __getitem__(self, node: str) -> Value:
        return self.values[node]


def expr_value(expr, values: Mapping[str, Value]) -> Value:
    """The value of a grounded expression given the values of the nodes it names."""
    if isinstance(expr, Match):
        return any_of(values[n] for n in expr.nodes)
    if isinstance(expr, AllOf):
        return all_of(expr_value(x, values) for x in expr.items)
    if isinstance(expr, AnyOf):
        return any_of(expr_value(x, values) for x in expr.items)
    if isinstance(expr, AtLeast):
        return at_least(expr.k, [expr_value(x, values) for x in expr.items])
    if isinstance(expr, Not):
        return negate(expr_value(expr.item, values))
    if isinstance(expr, Unless):
        return all_of([expr_value(expr.holds, values), negate(expr_value(expr.exception, values))])
    raise TypeError(f"not a grounded expression: {expr!r}")


def evaluate(G: nx.DiGraph, facts: Mapping[str, Value] | None = None) -> Evaluation:
    """Evaluate every node; facts maps proposition nodes to values (default: what the case states)."""
    given = stated(G) if facts is None else facts
    values: dict[str, Value] = {}
    nodes = G.nodes
    for n in G.graph["order"]:
        attrs = nodes[n]
        if attrs["kind"] == "Proposition":
            values[n] = given.get(n, attrs["unstated"])
        else:
            values[n] = ordered(
                [(expr_value(c.expr, values), c.decides) for c in attrs["conditions"]], attrs["default"]
            )
    return Evaluation(FrozenMap(values))


_POSITIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _positions(G: nx.DiGraph) -> Mapping[str, int]:
    pos = _POSITIONS.get(G)
    if pos is None:
        pos = _POSITIONS[G] = {n: i for i, n in enumerate(G.graph["order"])}
    return pos


def update(
    G: nx.DiGraph, base: Mapping[str, Value], changes: Mapping[str, Value], within: Collection[str] | None = None
) -> dict[str, Value]:
    """The values after setting the propositions in changes, re-evaluating only what they reach.

    base holds the values before (of every node, or at least of `within`); within, when given,
    limits the work to those nodes (a target and its ancestors), leaving the others as in base.
    Equal to `evaluate(G, {...facts, **changes})` on every node it re-evaluates.
    """
    values = dict(base)
    seen = set(changes)
    todo = list(changes)
    while todo:
        for succ in G.successors(todo.pop()):
            if succ not in seen and (within is None or succ in within):
                seen.add(succ)
                todo.append(succ)
    pos = _positions(G)
    nodes = G.nodes
    for n in sorted(seen, key=pos.__getitem__):
        if n in changes:  # a proposition: nothing points into it
            values[n] = changes[n]
        else:
            attrs = nodes[n]
            values[n] = ordered([(expr_value(c.expr, values), c.decides) for c in attrs["conditions"]], attrs["default"])
    return values
