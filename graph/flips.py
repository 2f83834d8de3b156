"""The smallest sets of fact changes that bring a conclusion to a wanted value, each with its certificate.

A flip is a set of changes {fact: new value} under which the target takes the wanted value; it is
minimal when no proper subset of its changes does. Only facts the case marks open to change
(`lex:openToChange`, true unless stated false) may change; `keep` holds more of them fixed.

The search is Reiter's hitting-set tree, breadth first. At a node (a set of changes that does not
reach the target yet) a *conflict* is read off the evaluation: a set of the still-free facts such
that, while they keep their values, the target cannot take the wanted value whatever the other
facts become. Every flip extending the node must change one of them, so the node branches only on
those facts. Conflicts come from strong-Kleene monotonicity: a decided value that survives when
everything else turns unknown survives every refinement. The tree never branches on a fact
outside the target's ancestors, never extends a node that already reaches the target or contains
a flip found before, and, for a decided wanted value, never sets a fact to unknown (a flip that
does is never minimal, by monotonicity). Breadth first, every flip of size k is checked against
all minimal flips smaller than k, so the answer is exactly the minimal flips up to the bound.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from math import comb

import networkx as nx

from .doctrine import AllOf, AtLeast, Doctrine, Not, Unless
from .errors import BadBoundError
from .evaluate import Evaluation, evaluate, expr_value, update
from .explain import _tree_lines, justification
from .frozen import FrozenMap
from .ground import Match, stated
from .load import Case
from .logic import Value, negate
from .whatif import change_text, conclusion_node, fact_labels, fact_names, fact_node

__all__ = ["Flip", "Flips", "default_wanted", "conflict", "minimal_flips", "open_to_change", "flips", "flips_text"]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
Changes = frozenset  # of (proposition node, new value) pairs


@dataclass(frozen=True, slots=True)
class Flip:
    """A minimal set of fact changes, by fact name, and the target's justification under them."""

    changes: Mapping[str, Value]
    justification: Mapping


@dataclass(frozen=True, slots=True)
class Flips:
    """Every minimal flip of one target up to a size, smallest first, and what the search cost."""

    case: str
    target: str
    before: Value
    wanted: Value
    max_size: int
    flips: tuple[Flip, ...]
    evaluations: int  # evaluations of the target the search made (the first, unchanged, included)
    brute_force: int  # change sets of size <= max_size over the facts open to change
    labels: Mapping[str, Mapping[str, str]] = FrozenMap()  # fact name -> what it says, for the text

    def to_json(self) -> dict:
        """The documented JSON object (schema/flips.schema.json)."""
        return {
            "case": self.case,
            "target": self.target,
            "from": self.before.value,
            "to": self.wanted.value,
            "max_size": self.max_size,
            "flips": [
                {"changes": {k: v.value for k, v in f.changes.items()}, "justification": f.justification}
                for f in self.flips
            ],
            "evaluations": self.evaluations,
            "brute_force": self.brute_force,
        }


def default_wanted(value: Value) -> Value:
    """The value a flip aims at by default: the opposite decided value; established for unknown.

    >>> default_wanted(Value.UNKNOWN)
    <Value.ESTABLISHED: 'established'>
    """
    return F if value is T else T


# -- conflicts -------------------------------------------------------------------------------

def _smallest(options: Iterable[frozenset | None]) -> frozenset | None:
    found = [o for o in options if o is not None]
    return min(found, key=len) if found else None


def _union(parts: Iterable[frozenset | None]) -> frozenset | None:
    out: set = set()
    for p in parts:
        if p is None:
            return None
        out |= p
    return frozenset(out)


class _Conflicts:
    """Conflicts under one assignment: sets of free facts that, kept, hold the target off a value.

    avoid(x, w): kept at their values, x is never w (w decided), whatever the other free facts.
    keep(x): with every other free fact unknown, x keeps its decided value (so in every refinement).
    None means no such set exists (the value is already there).
    """

    def __init__(self, G: nx.DiGraph, values: Mapping[str, Value], free: Collection[str]) -> None:
        self.G, self.values, self.free = G, values, free
        self.memo: dict = {}

    def val(self, expr) -> Value:
        return expr_value(expr, self.values)

    def node(self, n: str, how) -> frozenset | None:
        key = (n, how)
        if key not in self.memo:
            attrs = self.G.nodes[n]
            if attrs["kind"] == "Proposition":
                self.memo[key] = frozenset({n}) if n in self.free else frozenset()
            else:
                self.memo[key] = self.rule(attrs, how)
        return self.memo[key]

    def rule(self, attrs, how) -> frozenset | None:
        """Ordered conditions, read from the default upwards: the suffix from i on must behave."""
        conds = attrs["conditions"]
        vals = [self.val(c.expr) for c in conds]
        suffix = [attrs["default"]]
        for v, c in zip(reversed(vals), reversed(conds)):
            r = suffix[-1]
            suffix.append(c.decides if v is T else r if v is F else r if c.decides is r else U)
        suffix.reverse()  # suffix[i]: the value of conditions i.. and the default
        if how == "keep":
            want = suffix[0]
            if want is U:
                return None
            acc = frozenset() if attrs["default"] is want else None
            for i in reversed(range(len(conds))):
                if suffix[i] is not want:
                    acc = None
                elif conds[i].decides is want:
                    acc = _smallest([acc if suffix[i + 1] is want else None, self.keep(conds[i].expr) if vals[i] is T else None])
                else:  # this condition must stay refuted
                    acc = _union([self.keep(conds[i].expr), acc])
            return acc
        w = how
        acc = None if attrs["default"] is w else frozenset()
        for i in reversed(range(len(conds))):
            if suffix[i] is w:
                acc = None
            elif conds[i].decides is w:  # it must never hold, and the rest must never give w
                acc = _union([self.avoid(conds[i].expr, T), acc])
            else:  # it holding blocks w; else the rest must never give w
                acc = _smallest([self.avoid(conds[i].expr, F) if vals[i] is not F else None, acc if suffix[i + 1] is not w else None])
        return acc

    def avoid(self, expr, w: Value) -> frozenset | None:
        if self.val(expr) is w:
            return None
        if isinstance(expr, Match):
            if w is T:
                return _union(self.node(n, T) for n in expr.nodes)
            return _smallest(self.node(n, F) for n in expr.nodes if self.values[n] is not F)
        if isinstance(expr, Not):
            return self.avoid(expr.item, negate(w))
        if isinstance(expr, Unless):
            return self.avoid(AllOf((expr.holds, Not(expr.exception))), w)
        items = expr.items
        if isinstance(expr, AtLeast):
            # never T: n-k+1 items never T; never F: k items never F
            need = len(items) - expr.k + 1 if w is T else expr.k
            options = sorted((o for o in (self.avoid(x, w) for x in items) if o is not None), key=len)
            if need <= 0:
                return frozenset()
            return _union(options[:need]) if len(options) >= need else None
        every = isinstance(expr, AllOf) is (w is F)  # AllOf never F / AnyOf never T: every item
        if every:
            return _union(self.avoid(x, w) for x in items)
        return _smallest(self.avoid(x, w) for x in items)

    def keep(self, expr) -> frozenset | None:
        value = self.val(expr)
        if value is U:
            return None
        if isinstance(expr, Match):
            if value is T:
                return _smallest(self.node(n, "keep") for n in expr.nodes if self.values[n] is T)
            return _union(self.node(n, "keep") for n in expr.nodes)
        if isinstance(expr, Not):
            return self.keep(expr.item)
        if isinstance(expr, Unless):
            return self.keep(AllOf((expr.holds, Not(expr.exception))))
        items = expr.items
        same = [x for x in items if self.val(x) is value]
        if isinstance(expr, AtLeast):  # T: k established items; F: n-k+1 refuted ones
            need = expr.k if value is T else len(items) - expr.k + 1
            options = sorted((o for o in (self.keep(x) for x in same) if o is not None), key=len)
            return frozenset() if need <= 0 else _union(options[:need]) if len(options) >= need else None
        every = isinstance(expr, AllOf) is (value is T)
        if every:
            return _union(self.keep(x) for x in items)
        return _smallest(self.keep(x) for x in same)


def conflict(G: nx.DiGraph, values: Mapping[str, Value], target: str, wanted: Value, free: Collection[str]) -> frozenset | None:
    """Free facts of which every change set bringing target to wanted must change one; None if it is there."""
    c = _Conflicts(G, values, free)
    return c.node(target, wanted) if wanted is not U else c.node(target, "keep")


# -- the search --------------------------------------------------------------------------------

def minimal_flips(
    G: nx.DiGraph,
    facts: Mapping[str, Value],
    target: str,
    wanted: Value,
    free: Collection[str],
    max_size: int = 3,
) -> tuple[list[dict[str, Value]], int]:
    """Every subset-minimal set of changes to the free propositions, up to max_size, bringing target to wanted.

    Returns the flips (proposition node -> new value), smallest first and in a stable order, and
    the number of evaluations made. The empty set is the one flip when target already has wanted.
    """
    cone = nx.ancestors(G, target) | {target}
    base = evaluate(G, facts).values
    original = {n: base[n] for n in free if n in cone}
    alternatives = {
        n: [v for v in (T, F, U) if v is not was and (wanted is U or v is not U)] for n, was in original.items()
    }
    level: dict[Changes, Mapping[str, Value]] = {frozenset(): base}
    found: list[Changes] = []
    evaluations = 1
    for size in range(max_size + 1):
        following: dict[Changes, Mapping[str, Value]] = {}
        for S in sorted(level, key=_order):
            values = level[S]
            if values[target] is wanted:
                if not any(f <= S for f in found):
                    found.append(S)
                continue
            if size == max_size:
                continue
            changed = {n for n, _ in S}
            J = conflict(G, values, target, wanted, original.keys() - changed)
            for n in sorted(J or ()):
                for v in alternatives[n]:
                    child = S | {(n, v)}
                    if child in following or any(f <= child for f in found):
                        continue
                    following[child] = update(G, values, {n: v}, cone)
                    evaluations += 1
        level = following
    return [dict(sorted(S)) for S in found], evaluations


def open_to_change(G: nx.DiGraph) -> list[str]:
    """The proposition nodes a flip may change: stated, open to change, and not a doctrine's premise."""
    return [
        n for n, a in G.nodes(data=True)
        if a.get("fact") is not None and a["fact"].open_to_change and a.get("premise") is None
    ]


def _order(S: Changes) -> list:
    return sorted((n, v.value) for n, v in S)


def flips(
    G: nx.DiGraph,
    case: Case,
    doctrine: Doctrine,
    target: str,
    wanted: Value | None = None,
    max_size: int = 3,
    keep: Collection[str] = (),
) -> Flips:
    """The minimal flips of a conclusion of the case, by fact id, each with its certificate.

    target is a grounded node id; wanted defaults to default_wanted(its value); keep names facts
    (fact or node ids) that must not change. Facts not open to change never change, and neither
    do propositions the case leaves unstated (use whatif for those).
    """
    node = conclusion_node(G, case, target)
    if max_size < 1:
        raise BadBoundError("--max-size", str(max_size), "must be at least 1")
    held = {fact_node(G, case, ref) for ref in keep}
    facts = stated(G)
    open_facts = open_to_change(G)
    free = [n for n in open_facts if n not in held]
    ev = evaluate(G, facts)
    before = ev[node]
    wanted = default_wanted(before) if wanted is None else wanted
    names = fact_names(G)
    found: list[Flip] = []
    evaluations = 1
    if before is not wanted:
        sets, evaluations = minimal_flips(G, facts, node, wanted, free, max_size)
        for changes in sets:
            after = Evaluation(FrozenMap(update(G, ev.values, changes)))
            named = sorted((names[n], v) for n, v in changes.items())
            found.append(Flip(FrozenMap(named), justification(G, after, node, doctrine)))
    brute = sum(comb(len(free), k) * 2**k for k in range(1, max_size + 1))
    named = {f for flip in found for f in flip.changes}
    changed = [n for n, name in fact_names(G).items() if name in named]
    return Flips(case.id, node, before, wanted, max_size, tuple(found), evaluations, brute, fact_labels(G, doctrine, changed))


# -- text ----------------------------------------------------------------------------------------

WORDS = {
    "en": {T: "established", F: "refuted", U: "unknown",
           "head": "{target}: {before} -> {wanted}",
           "already": "{target} is already {wanted}: nothing to change.",
           "none": "No flip of size <= {n}: no set of at most {n} changes to the facts open to change makes {target} {wanted}.",
           "flip": "Flip {i} ({k} change{s}): {changes}", "semi": "; ",
           "cost": "{e} evaluations; brute force over the open facts: {b} ({share:.3%})"},
    "zh": {T: "成立", F: "不成立", U: "未知",
           "head": "{target}：{before} -> {wanted}",
           "already": "{target} 已经{wanted}：无需改变。",
           "none": "没有规模 <= {n} 的翻转：改变至多 {n} 项可改变的事实都不能使 {target} {wanted}。",
           "flip": "翻转 {i}（{k} 项改变）：{changes}", "semi": "；",
           "cost": "评估 {e} 次；对可改变事实穷举需 {b} 次（{share:.3%}）"},
}


def flips_text(result: Flips, lang: str = "en") -> str:
    """The flips as text: each set of changes, then the target's new justification."""
    w = WORDS[lang]
    words = dict(target=result.target, before=w[result.before], wanted=w[result.wanted], n=result.max_size)
    if result.before is result.wanted:
        return w["already"].format(**words) + "\n"
    out = [w["head"].format(**words)]
    if not result.flips:
        out.append(w["none"].format(**words))
    for i, flip in enumerate(result.flips, 1):
        k = len(flip.changes)
        changes = w["semi"].join(change_text(f, v, result.labels, lang) for f, v in flip.changes.items())
        out += ["", w["flip"].format(i=i, k=k, s="" if k == 1 else "s", changes=changes)]
        for child in flip.justification.get("children", ()):
            out += _tree_lines(child, lang, 1, "")
    share = result.evaluations / result.brute_force if result.brute_force else 0.0
    out += ["", w["cost"].format(e=result.evaluations, b=result.brute_force, share=share)]
    return "\n".join(out) + "\n"
