"""Cases side by side: facts, factors and conclusions, and the distinctions that explain different outcomes.

Rows are keyed by grounded node id (`Statement(entity)`), so cases whose fact ids differ still
line up. Where a conclusion's value differs, the distinctions are, in the manner of CATO, the facts
on one case's justification path whose value differs in the other case.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .doctrine import Doctrine, Text
from .errors import CompareError
from .evaluate import Evaluation, evaluate
from .explain import assumption_lines, assumptions, justification
from .load import Case
from .logic import Value

__all__ = ["Row", "Distinction", "Comparison", "compare", "compare_text"]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
SECTIONS = {"facts": ("Proposition",), "factors": ("Factor", "Element", "Issue"), "conclusions": ("Conclusion", "Remedy")}


@dataclass(frozen=True, slots=True)
class Row:
    """One node across the cases: its value in each (None where the case has no such node)."""

    node: str
    label: Text
    values: tuple[Value | None, ...]
    facts: tuple[str | None, ...]  # the fact id each case states it with, if any

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


@dataclass(frozen=True, slots=True)
class Distinction:
    """Why a conclusion differs: facts on case `on`'s path whose value differs in case `other`."""

    conclusion: str
    on: int
    other: int
    facts: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Facts (those some case states), factors and conclusions of several cases, and distinctions."""

    cases: tuple[str, ...]
    facts: tuple[Row, ...]
    factors: tuple[Row, ...]
    conclusions: tuple[Row, ...]
    distinctions: tuple[Distinction, ...]
    doctrines: tuple[str, ...] = ()  # the doctrine each case was read with
    assumptions: tuple[tuple[dict, ...], ...] = ()  # per case: its doctrine's premises (explain.assumptions)

    def to_json(self) -> dict:
        """The documented JSON object (schema/compare.schema.json)."""
        def rows(rs):
            return [
                {"node": r.node, "label": dict(r.label), "values": [v.value if v else None for v in r.values],
                 "facts": list(r.facts), "differs": r.differs}
                for r in rs
            ]

        return {
            "cases": list(self.cases),
            "facts": rows(self.facts),
            "factors": rows(self.factors),
            "conclusions": rows(self.conclusions),
            "distinctions": [
                {"conclusion": d.conclusion, "on": self.cases[d.on], "other": self.cases[d.other],
                 "facts": [r.node for r in d.facts]}
                for d in self.distinctions
            ],
            "doctrines": list(self.doctrines),
            "assumptions": [list(items) for items in self.assumptions],
        }


def _path_facts(tree: Mapping, differs: Callable[[str], bool]) -> list[str]:
    """The proposition nodes of a justification tree reached through nodes whose value differs.

    A fact that differs only under a part of the path both cases agree on (a refuted branch in
    both) does not account for the different outcome, so the walk does not go below such a part.
    """
    whole: dict[str, Mapping] = {}  # a node repeated "as above" is walked as where it was shown in full
    todo = [tree]
    while todo:
        node = todo.pop()
        if not node.get("repeat"):
            whole.setdefault(node["node"], node)
        todo.extend(node.get("children", ()))
    found: dict[str, None] = {}
    todo, seen = [tree], set()
    while todo:
        node = whole[todo.pop(0)["node"]]
        if node["node"] in seen:
            continue
        seen.add(node["node"])
        if node["kind"] == "proposition":
            found.setdefault(node["node"])
        todo[:0] = [child for child in node.get("children", ()) if differs(child["node"])]
    return list(found)


def compare(cases: Sequence[tuple[nx.DiGraph, Case, Doctrine]]) -> Comparison:
    """Compare grounded cases, the first against each of the others; a file given twice is an error."""
    if len(cases) < 2:
        raise CompareError(cases[0][1].path if cases else "compare", "compare", "needs at least two cases")
    paths = [Path(c.path).resolve() for _, c, _ in cases]
    for i, p in enumerate(paths):
        if p in paths[:i]:
            raise CompareError(cases[i][1].path, "compare", "the same case is given twice; compare it with another case")
    evs: list[Evaluation] = [evaluate(G) for G, _, _ in cases]
    statement_of = {}
    for G, _, doctrine in cases:
        for n, a in G.nodes(data=True):
            statement_of.setdefault(n, (doctrine.statements[a["statement"]], a["kind"]))

    def row(n: str) -> Row:
        values = tuple(ev.values.get(n) for ev in evs)
        facts = tuple((G.nodes[n].get("fact").id if n in G and G.nodes[n].get("fact") else None) for G, _, _ in cases)
        return Row(n, statement_of[n][0].label, values, facts)

    sections = {}
    for name, kinds in SECTIONS.items():
        nodes = sorted(n for n, (_, kind) in statement_of.items() if kind in kinds)
        rows = [row(n) for n in nodes]
        if name == "facts":
            rows = [r for r in rows if any(r.facts)]
        sections[name] = tuple(rows)
    by_node = {r.node: r for rs in sections.values() for r in rs}
    distinctions = []
    for r in sections["conclusions"]:
        for k in range(1, len(cases)):
            if r.values[0] is r.values[k] or r.values[0] is None or r.values[k] is None:
                continue
            for on, other in ((0, k), (k, 0)):
                G, _, doctrine = cases[on]
                tree = justification(G, evs[on], r.node, doctrine)

                def differs(n: str, on: int = on, other: int = other) -> bool:
                    return evs[other].values.get(n) is not evs[on][n]

                differing = [by_node.get(n) or row(n) for n in _path_facts(tree, differs)]
                distinctions.append(Distinction(r.node, on, other, tuple(differing)))
    return Comparison(
        tuple(c.id for _, c, _ in cases), sections["facts"], sections["factors"], sections["conclusions"], tuple(distinctions),
        tuple(d.id for _, _, d in cases), tuple(tuple(assumptions(G, d)) for G, _, d in cases),
    )


# -- text ---------------------------------------------------------------------------------------

MARK = {T: "[+]", F: "[-]", U: "[?]", None: " — "}
WORDS = {
    "en": {"facts": "Facts", "factors": "Factors and elements", "conclusions": "Conclusions",
           "same": "… and {n} more with the same value in every case",
           "why": "Why the outcomes differ (facts on one case's path whose value differs in the other):",
           "on": "on the path in {on}, different in {other}:", "nothing": "no fact on this path differs (the difference lies elsewhere in the other case)",
           "alike": "The cases reach the same value on every conclusion.", ":": ": "},
    "zh": {"facts": "事实", "factors": "因素与要件", "conclusions": "结论",
           "same": "……另有 {n} 项在各案中取值相同",
           "why": "结论不同的原因（一案论证路径上、在另一案中取值不同的事实）：",
           "on": "{on} 的路径上、在 {other} 中不同的事实：", "nothing": "此路径上没有事实不同（差异在另一案的其他部分）",
           "alike": "各案所有结论取值相同。", ":": "："},
}


def _cell(r: Row, i: int) -> str:
    fact = f" {r.facts[i]}" if r.facts[i] else ""
    return f"{MARK[r.values[i]]}{fact}"


def compare_text(result: Comparison, lang: str = "en") -> str:
    """The comparison as text: rows that differ in full, the others counted; then the distinctions."""
    w = WORDS[lang]
    width = max([len(r.node) for rs in (result.facts, result.factors, result.conclusions) for r in rs] + [10])
    cols = [max(len(c), 28) for c in result.cases]
    out = []
    for case, doctrine, items in zip(result.cases, result.doctrines, result.assumptions):
        if items:
            out += [case + w[":"].rstrip(), *assumption_lines(list(items), doctrine, lang, ""), ""]
    out.append(" " * (width + 2) + "  ".join(c.ljust(n) for c, n in zip(result.cases, cols)))
    for name in ("facts", "factors", "conclusions"):
        rows = getattr(result, name)
        out += ["", w[name] + w[":"].rstrip()]
        for r in rows:
            if r.differs:
                out.append(f"  {r.node.ljust(width)}" + "  ".join(_cell(r, i).ljust(n) for i, n in enumerate(cols)).rstrip())
        same = sum(not r.differs for r in rows)
        if same:
            out.append("  " + w["same"].format(n=same))
    out.append("")
    if not result.distinctions:
        out.append(w["alike"])
        return "\n".join(out) + "\n"
    out.append(w["why"])
    current = None
    for d in result.distinctions:
        row = next(r for r in result.conclusions if r.node == d.conclusion)
        if d.conclusion != current:
            current = d.conclusion
            values = ", ".join(f"{MARK[v]} {c}" for v, c in zip(row.values, result.cases))
            out.append(f"  {d.conclusion}{w[':']}{values}")
        out.append("    " + w["on"].format(on=result.cases[d.on], other=result.cases[d.other]))
        if not d.facts:
            out.append("      " + w["nothing"])
        for r in d.facts:
            out.append(f"      {r.node}: {_cell(r, d.on)} vs {_cell(r, d.other)}")
    return "\n".join(out) + "\n"
