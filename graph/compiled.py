"""A grounded graph compiled once and applied to many cases together, as bit vectors.

Cases that share a structure (the same entities with the same classes and relations) ground to
the same graph; only their facts differ. Three values pack into two bit vectors per node, one bit
per case: `t` (established) and `f` (refuted); unknown is neither. Strong-Kleene connectives are
then a few integer operations per node for the whole group of cases, whatever its size:

    all of:  t = t1 & t2,  f = f1 | f2        not: swap t and f
    any of:  t = t1 | t2,  f = f1 & f2

and an ordered list of conditions is the nested if-then-else of logic.ordered, bit by bit. The
values equal evaluate.evaluate's node for node (a test holds them to it); the per-case
justification tree is still evaluate + explain on that one case, when someone asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from .doctrine import AllOf, AnyOf, AtLeast, Not, Unless
from .ground import Match
from .logic import Value

__all__ = ["Program", "compile_graph", "run", "value_at"]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN


@dataclass(frozen=True, slots=True)
class Program:
    """A grounded graph as straight-line code over node indices."""

    nodes: tuple[str, ...]  # grounded node ids, in topological order
    statement_of: tuple[tuple[str, tuple[str, ...]], ...]  # per node: (statement IRI, actor ids)
    props: Mapping[tuple[str, tuple[str, ...]], int]  # (proposition IRI, args) -> node index
    unstated: tuple[tuple[int, Value], ...]  # proposition nodes and their value when unstated
    premises: tuple[tuple[int, Value], ...]  # proposition nodes a foreign doctrine assumes, whatever is stated
    rules: tuple[tuple[int, tuple, Value], ...]  # (index, ((expr, decides), ...), default)


def _expr(expr, index: Mapping[str, int]):
    if isinstance(expr, Match):
        return ("any", tuple(("leaf", index[n]) for n in expr.nodes))
    if isinstance(expr, AllOf):
        return ("all", tuple(_expr(x, index) for x in expr.items))
    if isinstance(expr, AnyOf):
        return ("any", tuple(_expr(x, index) for x in expr.items))
    if isinstance(expr, AtLeast):
        return ("atleast", expr.k, tuple(_expr(x, index) for x in expr.items))
    if isinstance(expr, Not):
        return ("not", _expr(expr.item, index))
    if isinstance(expr, Unless):
        return ("all", (_expr(expr.holds, index), ("not", _expr(expr.exception, index))))
    raise TypeError(f"not a grounded expression: {expr!r}")


def compile_graph(G: nx.DiGraph) -> Program:
    """Compile a grounded graph (ground.ground) into a Program."""
    order = G.graph["order"]
    index = {n: i for i, n in enumerate(order)}
    props, unstated, premises, rules = {}, [], [], []
    for n in order:
        a = G.nodes[n]
        i = index[n]
        if a["kind"] == "Proposition":
            props[(a["statement"], a["args"])] = i
            unstated.append((i, a["unstated"]))
            if a.get("premise") is not None:
                premises.append((i, a["premise"].value))
        else:
            conds = tuple((_expr(c.expr, index), c.decides) for c in a["conditions"])
            rules.append((i, conds, a["default"]))
    statement_of = tuple((G.nodes[n]["statement"], G.nodes[n]["args"]) for n in order)
    return Program(tuple(order), statement_of, props, tuple(unstated), tuple(premises), tuple(rules))


def _eval(e, t: list, f: list, full: int) -> tuple[int, int]:
    op = e[0]
    if op == "leaf":
        return t[e[1]], f[e[1]]
    if op == "not":
        a, b = _eval(e[1], t, f, full)
        return b, a
    if op == "all":
        rt, rf = full, 0
        for x in e[1]:
            a, b = _eval(x, t, f, full)
            rt &= a
            rf |= b
        return rt, rf
    if op == "any":
        rt, rf = 0, full
        for x in e[1]:
            a, b = _eval(x, t, f, full)
            rt |= a
            rf &= b
        return rt, rf
    # at least k of n: ge[j] = cases where at least j items are established; the same for
    # "not refuted" (established or unknown) gives the upper bound.
    k, items = e[1], e[2]
    if k <= 0:
        return full, 0
    ge_t = [full] + [0] * k
    ge_maybe = [full] + [0] * k
    for x in items:
        a, b = _eval(x, t, f, full)
        maybe = full & ~b
        for j in range(k, 0, -1):
            ge_t[j] |= ge_t[j - 1] & a
            ge_maybe[j] |= ge_maybe[j - 1] & maybe
    return ge_t[k], full & ~ge_maybe[k]


def run(program: Program, stated: Sequence[tuple[int, int, int, int]], n: int) -> tuple[list[int], list[int]]:
    """Evaluate n cases at once; stated lists (node index, told, t bits, f bits) for stated facts.

    `told` has a bit for every case that states the fact, whatever its value (unknown included).

    Bit i of a node's t (f) vector is set when the node is established (refuted) in case i.
    """
    full = (1 << n) - 1
    t = [0] * len(program.nodes)
    f = [0] * len(program.nodes)
    for i, value in program.unstated:
        if value is T:
            t[i] = full
        elif value is F:
            f[i] = full
    for i, told, st, sf in stated:  # a stated fact replaces the default, unknown included
        t[i] = (t[i] & ~told) | st
        f[i] = (f[i] & ~told) | sf
    for i, value in program.premises:  # and a premise replaces both, as ground.stated has it
        t[i], f[i] = (full, 0) if value is T else (0, full) if value is F else (0, 0)
    for i, conds, default in program.rules:
        rt = full if default is T else 0
        rf = full if default is F else 0
        for e, decides in reversed(conds):
            ht, hf = _eval(e, t, f, full)
            if decides is T:  # holds -> T; unknown keeps T only where the rest gives T
                rt, rf = ht | rt, hf & rf
            else:
                rt, rf = hf & rt, ht | rf
        t[i], f[i] = rt, rf
    return t, f


def value_at(t: int, f: int, bit: int) -> Value:
    """The value of one case (bit) from a node's two vectors."""
    if (t >> bit) & 1:
        return T
    return F if (f >> bit) & 1 else U
