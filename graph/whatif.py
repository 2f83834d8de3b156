"""What if: set facts to other values, re-evaluate, and say what changed; which unknowns matter.

A fact is named by its id in the case file (`f-homepage`, as in `explain --format json`) or, for a
proposition the case leaves unstated, by its grounded node id (`Proposition(entity)`).
Values live in the results, never on the graph: a what-if is `evaluate(G, {**stated(G), n: v})`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

import networkx as nx

from .doctrine import Doctrine, local_name
from .errors import BadBoundError, UnknownIdError
from .evaluate import Evaluation, evaluate, update
from .explain import MARK, _tree_lines, assumption_lines, assumptions, justification, rows, suggest
from .frozen import FrozenMap
from .ground import node_id, stated
from .load import Case
from .logic import Value
from .timing import derive_timings

__all__ = [
    "Delta",
    "WhatIf",
    "Unknown",
    "Relevance",
    "fact_names",
    "fact_node",
    "conclusion_node",
    "parse_setting",
    "parse_settings",
    "whatif",
    "relevance",
    "whatif_text",
    "relevance_text",
    "MAX_UNKNOWNS",
]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
MAX_UNKNOWNS = 26  # unknowns under one target: 2**26 completions, 1024 chunks of 2**16 (a few seconds)


def fact_names(G: nx.DiGraph) -> dict[str, str]:
    """Proposition node -> the name users give it: the case's fact id, else the node id."""
    return {
        n: (a["fact"].id if a["fact"] is not None else n)
        for n, a in G.nodes(data=True)
        if a["kind"] == "Proposition"
    }


def fact_labels(G: nx.DiGraph, doctrine: Doctrine, nodes: Iterable[str]) -> FrozenMap:
    """Fact name -> {lang: "statement label (actors)"}: what a change means, beside its id."""
    names = fact_names(G)
    out = {}
    for n in nodes:
        a = G.nodes[n]
        label = doctrine.statements[a["statement"]].label
        args = ", ".join(a["args"])
        out[names[n]] = FrozenMap({lang: f"{text}（{args}）" if lang == "zh" else f"{text} ({args})" for lang, text in label.items()})
    return FrozenMap(out)


def change_text(name: str, value: Value, labels: Mapping, lang: str) -> str:
    """One fact change for people: what the fact says, its new value, and its id.

    The id alone misleads where it is worded negatively (f-detectable = established means the
    infringement was *undetectable*), so the proposition's label comes first.
    """
    label = labels.get(name, {})
    said = label.get(lang) or label.get("en") or ""
    return f"{said} = {WORDS[lang][value]} [{name}]" if said else f"{name} = {WORDS[lang][value]}"


def fact_node(G: nx.DiGraph, case: Case, ref: str) -> str:
    """The proposition node a fact id or a proposition node id names; else UnknownIdError."""
    names = fact_names(G)
    by_name = {name: n for n, name in names.items()} | {n: n for n in names}
    if ref in by_name:
        return by_name[ref]
    if ref in G:
        raise UnknownIdError(case.path, ref, "is a conclusion the rules derive, not a fact; set the facts it rests on")
    hint = suggest(ref, list(by_name)) or "; the fact ids are listed by explain --format json"
    raise UnknownIdError(case.path, ref, f"no fact or proposition has this id{hint}")


def conclusion_node(G: nx.DiGraph, case: Case, ref: str) -> str:
    """A grounded rule node (a conclusion, element, factor…) by id; else UnknownIdError."""
    if ref in G and G.nodes[ref]["kind"] != "Proposition":
        return ref
    if ref in G or ref in fact_names(G).values():
        raise UnknownIdError(case.path, ref, "is a fact of the case, not a conclusion; name a conclusion the rules derive")
    rules = [n for n, a in G.nodes(data=True) if a["kind"] != "Proposition"]
    raise UnknownIdError(case.path, ref, f"no conclusion has this id{suggest(ref, rules) or '; see the ids of explain --format json'}")


def parse_settings(texts: Iterable[str]) -> dict[str, Value]:
    """Several 'FACT=VALUE' settings; naming a fact twice is an error, not 'the last one wins'.

    >>> parse_settings(["f-homepage=false", "f-ip-tab=unknown"])["f-ip-tab"]
    <Value.UNKNOWN: 'unknown'>
    """
    out: dict[str, Value] = {}
    for text in texts:
        ref, value = parse_setting(text)
        if ref in out:
            raise UnknownIdError("--set", ref, "is set twice; set each fact once")
        out[ref] = value
    return out


def parse_setting(text: str) -> tuple[str, Value]:
    """'FACT=VALUE' -> (FACT, value); the values are true/false/unknown or established/refuted/unknown.

    >>> parse_setting("f-homepage=false")
    ('f-homepage', <Value.REFUTED: 'refuted'>)
    """
    ref, sep, raw = text.rpartition("=")
    if not sep or not ref:
        raise UnknownIdError("--set", text, "expected FACT=true|false|unknown")
    try:
        return ref, Value.parse(raw)
    except ValueError:
        raise UnknownIdError("--set", text, f"{raw!r} is not a value; use true, false or unknown") from None


# -- what if ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Delta:
    """One conclusion the changes moved: its value before and after, and its new justification."""

    node: str
    before: Value
    after: Value
    justification: Mapping


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The conclusions after a set of fact changes: those that moved, and a tally of the rest."""

    case: str
    changes: Mapping[str, tuple[Value, Value]]  # fact name -> (before, after)
    changed: tuple[Delta, ...]
    unchanged: Mapping[str, int]  # value -> how many conclusions kept it
    labels: Mapping[str, Mapping[str, str]] = FrozenMap()  # fact name -> what it says, for the text

    def to_json(self) -> dict:
        """The documented JSON object (schema/whatif.schema.json)."""
        return {
            "case": self.case,
            "changes": {k: {"before": b.value, "after": a.value} for k, (b, a) in self.changes.items()},
            "changed": [
                {"node": d.node, "before": d.before.value, "after": d.after.value, "justification": d.justification}
                for d in self.changed
            ],
            "unchanged": dict(self.unchanged),
        }


def whatif(G: nx.DiGraph, case: Case, doctrine: Doctrine, settings: Mapping[str, Value]) -> WhatIf:
    """Re-evaluate the case with the given facts (by fact or node id) set to new values.

    Only what the changed facts reach is re-evaluated (evaluate.update); every conclusion whose
    value moved comes back with its new justification, the others are counted by value.
    """
    facts = stated(G)
    names = fact_names(G)
    nodes = {fact_node(G, case, ref): value for ref, value in settings.items()}
    if len(nodes) < len(settings):
        raise UnknownIdError(case.path, ", ".join(settings), "names one fact twice (by its fact id and its node id); set each fact once")
    nodes = {**_timings_after(G, case, doctrine, nodes), **nodes}
    before = evaluate(G, facts)
    after = Evaluation(FrozenMap(update(G, before.values, nodes)))
    changed, kept = [], Counter()
    for r in rows(G, after, case, doctrine):
        if before[r.node] is r.value:
            kept[r.value.value] += 1
        else:
            changed.append(Delta(r.node, before[r.node], r.value, justification(G, after, r.node, doctrine)))
    return WhatIf(
        case=case.id,
        changes=FrozenMap({names[n]: (before[n], v) for n, v in nodes.items()}),
        changed=tuple(changed),
        unchanged=FrozenMap({v.value: kept[v.value] for v in (T, F, U)}),
        labels=fact_labels(G, doctrine, nodes),
    )


def _timings_after(G: nx.DiGraph, case: Case, doctrine: Doctrine, nodes: Mapping[str, Value]) -> dict[str, Value]:
    """The timing facts derived from a dated event the settings change, derived again from the new values.

    A timing no longer decided by the dates (an event set unknown) becomes unknown.
    """
    changed = {G.nodes[n]["fact"].id: v for n, v in nodes.items() if G.nodes[n].get("fact") is not None}
    touched = [f for f in case.facts if set(f.derived_from) & set(changed)]
    if not touched:
        return {}
    events = [replace(f, value=changed.get(f.id, f.value)) for f in case.facts if not f.derived_from]
    derived = {(d.proposition, d.about): d.value for d in derive_timings(events, case.filed, doctrine)}
    out = {}
    for f in touched:
        n = node_id(local_name(f.proposition), f.about)
        if n in G:
            out[n] = derived.get((f.proposition, f.about), U)
    return out


# -- relevance of unknowns --------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Unknown:
    """An unknown fact under a target: what the target can become when it is resolved each way."""

    fact: str
    node: str
    relevant: bool  # some resolution of the others makes this fact decide between two outcomes
    if_established: frozenset[Value]  # the target's outcomes over every completion with the fact true
    if_refuted: frozenset[Value]
    alone: Mapping[str, Value]  # 'established'/'refuted' -> the target when only this fact is resolved


@dataclass(frozen=True, slots=True)
class Relevance:
    """Whether a target is settled whatever its unknown facts turn out to be, and which ones matter."""

    case: str
    target: str
    value: Value
    settled: bool
    outcomes: frozenset[Value]  # the target's values over every completion of the unknowns
    unknowns: tuple[Unknown, ...]  # the unknown facts under the target, relevant ones first
    evaluations: int
    doctrine: str = ""
    assumptions: tuple[dict, ...] = ()  # the doctrine's premises, as explain.assumptions gives them

    def to_json(self) -> dict:
        """The documented JSON object (schema/relevance.schema.json)."""
        return {
            "case": self.case,
            "target": self.target,
            "value": self.value.value,
            "settled": self.settled,
            "outcomes": _sorted(self.outcomes),
            "unknowns": [
                {
                    "fact": u.fact,
                    "node": u.node,
                    "relevant": u.relevant,
                    "if_established": _sorted(u.if_established),
                    "if_refuted": _sorted(u.if_refuted),
                    "alone": {k: v.value for k, v in u.alone.items()},
                }
                for u in self.unknowns
            ],
            "evaluations": self.evaluations,
            "doctrine": self.doctrine,
            "assumptions": list(self.assumptions),
        }


def _sorted(values) -> list[str]:
    return [v.value for v in (T, F, U) if v in values]


def relevance(G: nx.DiGraph, case: Case, doctrine: Doctrine, target: str, facts: Mapping[str, Value] | None = None) -> Relevance:
    """Which unknown facts under target can still change it: exact, by enumerating completions.

    The unknown facts are the propositions under target whose value is unknown: stated unknown,
    or unstated with no burden default (an unstated proposition a burden settles is not unknown).
    Strong Kleene is monotone, so a decided target stays decided in every completion; an undecided
    one is evaluated over all 2**u completions of its u unknowns (at most MAX_UNKNOWNS), many at
    once as bit vectors (_completions). The premises a foreign doctrine assumes are not unknowns:
    the result names them as assumptions.
    """
    assumed = {"doctrine": doctrine.id, "assumptions": tuple(assumptions(G, doctrine))}
    node = conclusion_node(G, case, target)
    given = stated(G) if facts is None else facts
    base = evaluate(G, given)
    cone = nx.ancestors(G, node) | {node}
    names = fact_names(G)
    unknown = sorted(n for n in cone if G.nodes[n]["kind"] == "Proposition" and base[n] is U)
    value = base[node]
    if value is not U:
        unknowns = tuple(Unknown(names[n], n, False, frozenset({value}), frozenset({value}), FrozenMap({"established": value, "refuted": value})) for n in unknown)
        return Relevance(case.id, node, value, True, frozenset({value}), unknowns, 1, **assumed)
    if len(unknown) > MAX_UNKNOWNS:
        raise BadBoundError(case.path, node, f"{len(unknown)} unknown facts under it; relevance enumerates at most {MAX_UNKNOWNS}")
    completions = _completions(G, given, node, cone, unknown)
    found = []
    for k, n in enumerate(unknown):
        yes, no = completions.outcomes(k, True), completions.outcomes(k, False)
        alone = {v.value: update(G, base.values, {n: v}, cone)[node] for v in (T, F)}
        found.append(Unknown(names[n], n, completions.depends(k), frozenset(yes), frozenset(no), FrozenMap(alone)))
    found.sort(key=lambda u: (not u.relevant, u.fact))
    evaluations = 1 + (1 << len(unknown)) + 2 * len(unknown)
    return Relevance(case.id, node, value, False, frozenset(completions.outcomes()), tuple(found), evaluations, **assumed)


CHUNK = 16  # completions are evaluated 2**CHUNK at a time, one bit each


@dataclass(frozen=True, slots=True)
class _Table:
    """The target over every completion of u unknowns: per chunk of 2**CHUNK, its t and f vectors.

    Completion m sets unknown k to established where bit k of m is 1. Bits below CHUNK index a
    completion inside a chunk, the others the chunk.
    """

    chunks: tuple[tuple[int, int], ...]
    low: int  # bits per chunk (min(u, CHUNK))

    def outcomes(self, k: int | None = None, bit: bool = True) -> set[Value]:
        """The target's values over the completions (those where unknown k is `bit`, if k is given)."""
        found: set[Value] = set()
        mask = full = (1 << (1 << self.low)) - 1
        if k is not None and k < self.low:  # one mask for every chunk, built once
            mask = _pattern(k, self.low) if bit else full & ~_pattern(k, self.low)
        for c, (t, f) in enumerate(self.chunks):
            if k is not None and k >= self.low and bool(c >> (k - self.low) & 1) is not bit:
                continue
            found |= {v for v, bits in ((T, t & mask), (F, f & mask), (U, mask & ~(t | f))) if bits}
        return found

    def depends(self, k: int) -> bool:
        """Whether some completion of the others makes the target differ with unknown k."""
        if k < self.low:
            shift, zero = 1 << k, ((1 << (1 << self.low)) - 1) & ~_pattern(k, self.low)
            return any(((t ^ (t >> shift)) | (f ^ (f >> shift))) & zero for t, f in self.chunks)
        step = 1 << (k - self.low)
        return any(self.chunks[c] != self.chunks[c + step] for c in range(len(self.chunks)) if not c & step)


def _pattern(k: int, bits: int) -> int:
    """The vector over 2**bits completions with a 1 where unknown k is established (bit k of m)."""
    n = 1 << bits
    if bits < 3:
        return sum(1 << m for m in range(n) if m >> k & 1)
    if k < 3:
        return int.from_bytes(bytes([(0xAA, 0xCC, 0xF0)[k]]) * (n // 8), "little")
    run = 1 << (k - 3)
    return int.from_bytes((b"\x00" * run + b"\xff" * run) * (n // 8 // (2 * run)), "little")


def _completions(G: nx.DiGraph, given: Mapping[str, Value], target: str, cone: set[str], unknown: list[str]) -> _Table:
    """Evaluate the target for every completion of the unknowns, bit-parallel (compiled.py).

    Exact: every completion is evaluated, 2**CHUNK at once as the bits of two integers per node,
    which costs little more than one evaluation of the cone per chunk.
    """
    from .compiled import compile_graph, run

    H = G.subgraph(cone).copy()
    H.graph["order"] = [n for n in G.graph["order"] if n in cone]
    program = compile_graph(H)
    index = {n: i for i, n in enumerate(program.nodes)}
    low = min(len(unknown), CHUNK)
    n = 1 << low
    full = (1 << n) - 1
    fixed = [(index[m], full, full if v is T else 0, full if v is F else 0) for m, v in given.items() if m in index and m not in unknown]
    chunks = []
    for c in range(1 << (len(unknown) - low)):
        rows = list(fixed)
        for k, m in enumerate(unknown):
            bits = _pattern(k, low) if k < low else (full if c >> (k - low) & 1 else 0)
            rows.append((index[m], full, bits, full & ~bits))
        t, f = run(program, rows, n)
        chunks.append((t[index[target]], f[index[target]]))
    return _Table(tuple(chunks), low)


# -- text --------------------------------------------------------------------------------

WORDS = {
    "en": {T: "established", F: "refuted", U: "unknown",
           "set": "What if: ", "was": " (was {v})", "comma": ", ", "changed": "Conclusions that change", "none": "No conclusion changes.",
           "unchanged": "Unchanged: {n} conclusions ({detail})",
           "settled": "{target} is {value} and settled: no resolution of its {n} unknown facts can change it.",
           "open": "{target} is unknown; over every resolution of its {n} unknown facts it can be {outcomes}.",
           "relevant": "Unknown facts that can change it:", "irrelevant": "Unknown facts that cannot change it: {ids}",
           "if": "if {v}: {outcomes}", "alone": " (settled by this fact alone)", "or": " or ", "semi": "; ", ":": ": "},
    "zh": {T: "成立", F: "不成立", U: "未知",
           "set": "假如：", "was": "（原为{v}）", "comma": "，", "changed": "发生变化的结论", "none": "没有结论发生变化。",
           "unchanged": "未变化：{n} 个结论（{detail}）",
           "settled": "{target} {value}，且已确定：其 {n} 项未知事实无论如何认定都不会改变它。",
           "open": "{target} 未知；其 {n} 项未知事实的各种认定下，它可能{outcomes}。",
           "relevant": "可以改变它的未知事实：", "irrelevant": "不能改变它的未知事实：{ids}",
           "if": "若为{v}：{outcomes}", "alone": "（仅此一项即可确定）", "or": "或", "semi": "；", ":": "："},
}


def whatif_text(result: WhatIf, lang: str = "en") -> str:
    """The what-if as text: the changes, each moved conclusion with its new justification, a tally."""
    w = WORDS[lang]
    said = (change_text(k, a, result.labels, lang) + w["was"].format(v=w[b]) for k, (b, a) in result.changes.items())
    out = [w["set"] + w["semi"].join(said), ""]
    if result.changed:
        out.append(w["changed"] + w[":"].rstrip())
    else:
        out.append(w["none"])
    for d in result.changed:
        out.append(f"{MARK[d.before]} -> {MARK[d.after]} {d.node}{w[':']}{w[d.before]} -> {w[d.after]}")
        for child in d.justification.get("children", ()):
            out += _tree_lines(child, lang, 1, "")
    detail = w["comma"].join(f"{n} {w[Value(v)]}" for v, n in result.unchanged.items() if n)
    out += ["", w["unchanged"].format(n=sum(result.unchanged.values()), detail=detail)]
    return "\n".join(out) + "\n"


def relevance_text(result: Relevance, lang: str = "en") -> str:
    """The relevance of a target's unknowns as text."""
    w = WORDS[lang]
    n = len(result.unknowns)
    out = [*assumption_lines(list(result.assumptions), result.doctrine, lang, ""), ""] if result.assumptions else []
    if result.settled:
        out.append(w["settled"].format(target=result.target, value=w[result.value], n=n))
        return "\n".join(out) + "\n"
    either = w["or"].join(w[v] for v in (T, F, U) if v in result.outcomes)
    out.append(w["open"].format(target=result.target, n=n, outcomes=either))
    relevant = [u for u in result.unknowns if u.relevant]
    if relevant:
        out.append(w["relevant"])
    for u in relevant:
        parts = [
            w["if"].format(v=w[v], outcomes=w["or"].join(w[x] for x in (T, F, U) if x in outs))
            + (w["alone"] if u.alone[v.value] is not U else "")
            for v, outs in ((T, u.if_established), (F, u.if_refuted))
        ]
        out.append(f"  {u.fact}{w[':']}" + w["semi"].join(parts))
    rest = [u.fact for u in result.unknowns if not u.relevant]
    if rest:
        out.append(w["irrelevant"].format(ids=", ".join(rest)))
    return "\n".join(out) + "\n"
