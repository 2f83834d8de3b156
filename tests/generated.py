"""Small random grounded graphs, for checking the searches against brute force."""

from __future__ import annotations

import itertools
import random

import networkx as nx

from lexpath.doctrine import AllOf, AnyOf, AtLeast, Condition, Not, Unless
from lexpath.evaluate import evaluate
from lexpath.ground import Match
from lexpath.logic import Value

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN


def _expr(rng: random.Random, below: list[str], depth: int = 0):
    kind = rng.choice(["match", "match", "all", "any", "atleast", "not", "unless"] if depth < 2 else ["match"])
    if kind == "match":
        return Match(tuple(rng.sample(below, rng.choice([1, 1, 1, 2]))))
    if kind == "not":
        return Not(_expr(rng, below, depth + 1))
    if kind == "unless":
        return Unless(_expr(rng, below, depth + 1), _expr(rng, below, depth + 1))
    items = tuple(_expr(rng, below, depth + 1) for _ in range(rng.randint(1, 3)))
    if kind == "atleast":
        return AtLeast(rng.randint(1, len(items)), items)
    return (AllOf if kind == "all" else AnyOf)(items)


def random_graph(seed: int, props: int = 6, rules: int = 5) -> tuple[nx.DiGraph, dict[str, Value], str]:
    """A grounded-shaped DiGraph, the stated values of its propositions, and its top rule."""
    rng = random.Random(seed)
    G = nx.DiGraph()
    names = [f"p{i}" for i in range(props)]
    facts = {}
    for n in names:
        G.add_node(n, kind="Proposition", unstated=rng.choice([U, F]), fact=None, burden=None)
        if rng.random() < 0.8:
            facts[n] = rng.choice([T, F, U])
    below = list(names)
    for i in range(rules):
        n = f"r{i}"
        conds = tuple(
            Condition(rng.choice([T, F]), _expr(rng, below)) for _ in range(rng.choice([1, 1, 2, 3]))
        )
        G.add_node(n, kind="Conclusion", conditions=conds, default=rng.choice([F, F, T]))
        for c in conds:
            for m in _matches(c.expr):
                G.add_edge(m, n)
        below.append(n)
    G.graph["order"] = tuple(nx.topological_sort(G))
    return G, facts, below[-1]


def _matches(expr):
    if isinstance(expr, Match):
        yield from expr.nodes
    elif isinstance(expr, (AllOf, AnyOf, AtLeast)):
        for x in expr.items:
            yield from _matches(x)
    elif isinstance(expr, Not):
        yield from _matches(expr.item)
    else:
        yield from _matches(expr.holds)
        yield from _matches(expr.exception)


def brute_flips(G, facts, target, wanted, free, max_size):
    """Every change set up to max_size (any other value, unknown included), minimal ones kept."""
    base = evaluate(G, facts)
    hits = []
    for k in range(0, max_size + 1):
        for nodes in itertools.combinations(sorted(free), k):
            for values in itertools.product(*([v for v in (T, F, U) if v is not base[n]] for n in nodes)):
                changes = dict(zip(nodes, values))
                if evaluate(G, {**facts, **changes})[target] is wanted:
                    hits.append(frozenset(changes.items()))
    return {h for h in hits if not any(o < h for o in hits)}
