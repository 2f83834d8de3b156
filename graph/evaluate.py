"""Evaluate a grounded graph bottom-up in one topological pass, in strong-Kleene logic.

Values live in the result, never on the graph: a what-if is `evaluate(G, {**stated(G), n: v})`.
A proposition the facts leave out takes the doctrine's burden default, else unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from .doctrine import AllOf, AnyOf, AtLeast, Not, Unless
from .frozen import FrozenMap
from .ground import Match, stated
from .logic import Value, all_of, any_of, at_least, negate, ordered

__all__ = ["Evaluation", "evaluate", "expr_value"]


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
