"""One case's facts under two doctrines, side by side: corresponding conclusions, what each rests on.

Conclusions correspond when the data links them (skos:closeMatch, in either doctrine's file); a
group of linked statements, grounded for the same actors, is one row. For each side the row gives
the value, the holding or expectation it is compared with (a court's holding only under the
court's own doctrine), and the facts its justification rests on; then the facts one side rests on
that the other ignores (reads nowhere) or weighs otherwise (reads, but not for this answer); and,
for an unknown value, the unknown facts whose setting decides it. Premises a doctrine assumes to
read a case of another jurisdiction are listed as assumptions, never as facts.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import networkx as nx
from rdflib import URIRef

from .doctrine import Doctrine
from .errors import ContrastError, InvalidCaseError
from .evaluate import Evaluation, evaluate, expr_value
from .explain import MARK, WORDS, _both, _pick, assumption_lines, report
from .ground import ground, stated
from .load import bundled_doctrines, doctrine_for, parse_case, read_case_graph, resolve_case, shape_problems
from .logic import Value, ordered
from .terms import LEX

__all__ = ["Probe", "contrast", "deciders", "to_text", "to_markdown"]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
MAX_PAIR_CANDIDATES = 10  # pairs of unknowns are searched only for conclusions with at most this many


def _doctrines(refs: Sequence[str] | None, jurisdiction: str, path: str) -> list[Doctrine]:
    if refs:
        chosen = [doctrine_for(ref, jurisdiction) for ref in refs]
    else:
        own = doctrine_for(None, jurisdiction)
        others = [d for d in bundled_doctrines().values() if d.iri != own.iri]
        if not others:
            raise ContrastError(path, "doctrines", f"only one bundled doctrine ({own.id}); name another with --doctrines")
        chosen = [own, others[0]]
    if len(chosen) != 2:
        raise ContrastError(path, "doctrines", f"contrast takes two doctrines, got {len(chosen)}: {', '.join(refs or ())}")
    if chosen[0].iri == chosen[1].iri:
        raise ContrastError(path, "doctrines", f"cannot contrast the doctrine '{chosen[0].id}' with itself; name two different doctrines")
    return chosen


class Probe:
    """Re-evaluate a grounded graph with some facts changed, recomputing only what they reach.

    Same semantics as evaluate() (one topological pass), restricted to the descendants of the
    changed facts; results are cached, so the rows of a contrast share their what-ifs.
    """

    def __init__(self, G: nx.DiGraph, ev: Evaluation) -> None:
        self.G, self.base = G, ev.values
        self.pos = {n: i for i, n in enumerate(G.graph["order"])}
        self.below: dict[str, set[str]] = {}
        self.cache: dict[tuple, dict[str, Value]] = {}

    def values(self, changes: tuple[tuple[str, Value], ...]) -> dict[str, Value]:
        key = tuple(sorted(changes, key=lambda c: c[0]))
        if key not in self.cache:
            vals = dict(self.base)
            vals.update(key)
            reached: set[str] = set()
            for n, _ in key:
                if n not in self.below:
                    self.below[n] = nx.descendants(self.G, n)
                reached |= self.below[n]
            nodes = self.G.nodes
            for n in sorted(reached, key=self.pos.__getitem__):
                a = nodes[n]
                vals[n] = ordered([(expr_value(c.expr, vals), c.decides) for c in a["conditions"]], a["default"])
            self.cache[key] = vals
        return self.cache[key]


def deciders(G: nx.DiGraph, ev: Evaluation, node: str, probe: Probe | None = None) -> list[dict]:
    """The unknown facts that decide an unknown node: each single one, else each pair (exact search).

    Setting a fact that is unknown can only settle an unknown conclusion, never overturn a decided
    one (the semantics is monotone), so only unknown nodes are searched. A single fact is listed
    with the value the node takes when it is set true and when it is set false (only when one of
    them decides); pairs are tried only when no single fact decides and the candidates are few.
    """
    if ev[node] is not U:
        return []
    probe = Probe(G, ev) if probe is None else probe
    candidates = sorted(
        n for n in nx.ancestors(G, node) if G.nodes[n]["kind"] == "Proposition" and ev[n] is U
    )
    found = []
    for n in candidates:
        outcome = {v: probe.values(((n, v),))[node] for v in (T, F)}
        if outcome[T] is not U or outcome[F] is not U:
            found.append({"facts": [n], "if_true": outcome[T].value, "if_false": outcome[F].value})
    if found or len(candidates) > MAX_PAIR_CANDIDATES:
        return found
    for a, b in itertools.combinations(candidates, 2):
        settings = {}
        for va, vb in itertools.product((T, F), repeat=2):
            value = probe.values(((a, va), (b, vb)))[node]
            if value is not U:
                settings[f"{va.value},{vb.value}"] = value.value
        if settings:
            found.append({"facts": [a, b], "settings": settings})
    return found


def _rests_on(tree: dict) -> list[dict]:
    """The base propositions at the leaves of a justification tree, in order, without repeats."""
    out: dict[str, dict] = {}

    def walk(node: dict) -> None:
        if node["kind"] == "proposition":
            src = node["source"]
            out.setdefault(node["node"], {
                "node": node["node"],
                "label": node["label"],
                "value": node["value"],
                "source": src["kind"],
                "fact": src.get("fact") or (src.get("stated") or {}).get("fact"),
            })
        for child in node.get("children", ()):
            walk(child)

    walk(tree)
    return list(out.values())


def _groups(a: Doctrine, b: Doctrine) -> list[list[str]]:
    """Statements of a and b linked by skos:closeMatch (connected groups), then unlinked conclusions."""
    links = nx.Graph()
    for one, other in ((a, b), (b, a)):
        for st in one.statements.values():
            for match in st.close_match:
                if match in other.statements:
                    links.add_edge(st.iri, match)
    groups = [sorted(c) for c in nx.connected_components(links)]
    linked = set(links)
    for d in (a, b):
        for st in d.statements.values():
            if st.kind in ("Conclusion", "Remedy") and st.iri not in linked:
                groups.append([st.iri])
    return groups


def contrast(case_ref: str, doctrines: Sequence[str] | None = None) -> dict:
    """The case under two doctrines as the documented JSON object (schema/contrast.schema.json)."""
    from .validate import Problem, structural_problems  # validate imports load

    path = resolve_case(case_ref)
    graph, files = read_case_graph(path)
    shapes = shape_problems(files, graph)
    if shapes:
        raise InvalidCaseError(path, shapes[0][0], shapes[0][1])
    jurisdiction = next((str(o) for o in graph.objects(None, LEX.jurisdiction) if isinstance(o, URIRef)), "")
    pair = _doctrines(doctrines, jurisdiction, str(path))
    sides = []
    for d in pair:
        problems: tuple[Problem, ...] = structural_problems(graph, path, d)
        if problems:
            first = problems[0]
            raise InvalidCaseError(first.file, first.subject, first.message)
        case = parse_case(graph, path, d, tuple(str(f) for f in files[1:]))
        G = ground(d, case)
        ev = evaluate(G, stated(G))
        rep = report(G, ev, case, d)
        sides.append((d, case, G, Probe(G, ev), ev, rep))
    (da, case, Ga, _, _, repa), (db, _, Gb, _, _, repb) = sides
    by_node = [{c["id"]: c for c in rep["conclusions"]} for rep in (repa, repb)]
    grounded = [{} for _ in sides]  # statement -> args -> node
    for i, (_, _, G, _, _, _) in enumerate(sides):
        for n, attrs in G.nodes(data=True):
            grounded[i].setdefault(attrs["statement"], {})[attrs["args"]] = n

    rows = []
    for group in _groups(da, db):
        args_seen = sorted({args for i in (0, 1) for st in group for args in grounded[i].get(st, {})})
        for args in args_seen:
            entries = []
            for i, (d, _, G, probe, ev, rep) in enumerate(sides):
                for st in group:
                    n = grounded[i].get(st, {}).get(args)
                    if n is None:
                        continue
                    entries.append(_entry(d, G, ev, probe, n, by_node[i].get(n)))
            rows.append({"actor": args[0], "actors": list(args), "entries": entries})
    for row in rows:
        row["differences"] = _differences(row["entries"], (da, db), (Ga, Gb))
    order = {c["id"]: k for k, c in enumerate(repa["conclusions"] + repb["conclusions"])}
    weight = {a["id"]: k for k, a in enumerate(_actor_order(repa))}
    rows.sort(key=lambda r: (weight.get(r["actor"], len(weight)), r["actor"],
                             len({e["doctrine"] for e in r["entries"]}) < 2,  # corresponding rows first
                             min(order.get(e["node"], len(order)) for e in r["entries"])))
    rows = [r for r in rows if r["entries"]]
    used = [{f["id"] for f in rep["facts"] if f["used"]} for rep in (repa, repb)]
    return {
        "case": case.id,
        "title": _both(case.title),
        "doctrines": [{"id": d.id, "label": _both(d.label), "jurisdiction": d.label_of(d.jurisdiction, "en"),
                       "own": d.jurisdiction == case.jurisdiction} for d in pair],
        "assumptions": {d.id: rep["assumptions"] for d, *_, rep in sides},
        "actors": [a for a in repa["actors"] if a["id"] in {r["actor"] for r in rows}],
        "rows": rows,
        "facts_used_by_one": {
            da.id: sorted(used[0] - used[1]),
            db.id: sorted(used[1] - used[0]),
        },
        "unused_by_both": sorted({f["id"] for f in repa["facts"]} - used[0] - used[1]),
    }


def _actor_order(rep: dict) -> list[dict]:
    seen, out = set(), []
    for c in rep["conclusions"]:
        if c["actor"] not in seen:
            seen.add(c["actor"])
            out.append({"id": c["actor"]})
    return out


def _entry(d: Doctrine, G: nx.DiGraph, ev: Evaluation, probe: Probe, node: str, concl: dict | None) -> dict:
    from .explain import justification

    st = d.statements[G.nodes[node]["statement"]]
    tree = concl["justification"] if concl else justification(G, ev, node, d)
    held = None
    if concl and concl["holding"] is not None:
        held = {"id": concl["holding"]["id"], "by": "court" if concl["court"] is not None else "expected",
                "value": concl["court"] or concl["expected"], "agrees": concl["agrees"]}
    decided_by = []
    for item in deciders(G, ev, node, probe):
        item["labels"] = [_both(d.statements[G.nodes[n]["statement"]].label) for n in item["facts"]]
        decided_by.append(item)
    return {
        "doctrine": d.id,
        "node": node,
        "statement": st.id,
        "kind": st.kind.lower(),
        "label": _both(st.label),
        "value": ev[node].value,
        "holding": held,
        "rests_on": _rests_on(tree),
        "decided_by": decided_by,
    }


def _differences(entries: list[dict], doctrines, graphs) -> list[dict]:
    """Per side, the facts it rests on that the other side ignores or weighs otherwise."""
    out = []
    for i, (d, other, G_other) in enumerate(((doctrines[0], doctrines[1], graphs[1]), (doctrines[1], doctrines[0], graphs[0]))):
        mine = {f["node"]: f for e in entries if e["doctrine"] == d.id for f in e["rests_on"]}
        theirs = {f["node"]: f for e in entries if e["doctrine"] == other.id for f in e["rests_on"]}
        if not any(e["doctrine"] == other.id for e in entries):
            continue
        for n, f in mine.items():
            if f["source"] == "premise":
                continue
            if n in theirs:
                if theirs[n]["value"] != f["value"] and i == 0:  # the same fact, counted differently
                    out.append({"doctrine": d.id, "other": other.id, "node": n, "label": f["label"], "fact": f["fact"],
                                "value": f["value"], "other_value": theirs[n]["value"], "other_reads": "counts otherwise"})
                continue
            reads = n in G_other and G_other.out_degree(n) > 0
            out.append({"doctrine": d.id, "other": other.id, "node": n, "label": f["label"], "fact": f["fact"],
                        "value": f["value"], "other_value": None, "other_reads": "weighs otherwise" if reads else "ignores"})
    return out


# -- text and Markdown ------------------------------------------------------------------

CWORDS = {
    "en": {"contrast": "Contrast", "rests": "rests on", "nothing": "(nothing stated)", "ignores": "ignores",
           "weighs otherwise": "weighs otherwise", "only": "{d} relies on, {o} {how}", "decided": "decided by",
           "true": "true", "false": "false", "pair": "together", "used_by_one": "Facts only {d} reads",
           "none": "none", "no_counterpart": "no counterpart", "own": "the case's own doctrine",
           "default": "default", "assumed": "assumed", "unstated": "not stated", "only_one": "only", "unused_both": "Facts neither doctrine reads",
           "counts otherwise": "counts otherwise", "counts": "{n}: {d} counts it {v}, {o} {ov}",
           ":": ": ", "(": " (", ")": ")", ",": ", "},
    "zh": {"contrast": "对照", "rests": "依据事实", "nothing": "（无陈述事实）", "ignores": "不考虑",
           "weighs otherwise": "另作权衡", "only": "{d} 依赖而 {o} {how}", "decided": "决定于",
           "true": "真", "false": "假", "pair": "共同", "used_by_one": "仅 {d} 读取的事实",
           "none": "无", "no_counterpart": "无对应结论", "own": "案件本身法域的法律",
           "default": "默认", "assumed": "假设", "unstated": "未陈述", "only_one": "独有", "unused_both": "两套法律规则均未读取的事实",
           "counts otherwise": "另作认定", "counts": "{n}：{d} 认定为{v}，{o} 认定为{ov}",
           ":": "：", "(": "（", ")": "）", ",": "，"},
}


def _fact_short(f: dict, lang: str) -> str:
    c = CWORDS[lang]
    mark = MARK[Value(f["value"])]
    if f["source"] == "stated":
        return f"{f['fact']} {mark}"
    note = {"burden": c["default"], "premise": c["assumed"]}.get(f["source"], c["unstated"])
    return f"{f['node']} {mark}{c['(']}{note}{c[')']}"


def _decider_lines(item: dict, lang: str, pad: str) -> str:
    c = CWORDS[lang]
    w = WORDS[lang]
    names = " + ".join(f"{n}{c['(']}{_pick(l, lang)}{c[')']}" for n, l in zip(item["facts"], item["labels"]))
    if len(item["facts"]) == 1:
        return f"{pad}{c['decided']}{c[':']}{names}{c[':']}{c['true']} → {w[Value(item['if_true'])]}{c[',']}{c['false']} → {w[Value(item['if_false'])]}"
    settings = "; ".join(f"{k.replace('established', c['true']).replace('refuted', c['false'])} → {w[Value(v)]}"
                         for k, v in item["settings"].items())
    return f"{pad}{c['decided']}{c['(']}{c['pair']}{c[')']}{c[':']}{names}{c[':']}{settings}"


def _row_lines(row: dict, rep: dict, lang: str, bullet: str) -> list[str]:
    w, c = WORDS[lang], CWORDS[lang]
    present = {e["doctrine"] for e in row["entries"]}
    if len(present) == 1:  # a conclusion only one doctrine has: one line
        e = row["entries"][0]
        return [f"{e['doctrine']} {c['only_one']}{c[':']}{MARK[Value(e['value'])]} {_pick(e['label'], lang)} "
                f"{c['('].lstrip()}{', '.join(row['actors'])}{c[')']}{c[':']}{w[Value(e['value'])]}",
                *(_decider_lines(item, lang, "      ") for item in e["decided_by"])]
    labels = " / ".join(dict.fromkeys(_pick(e["label"], lang) for e in row["entries"]))
    lines = [f"{labels}{c['(']}{', '.join(row['actors'])}{c[')']}"]
    several = len(row["entries"]) > 2
    for e in row["entries"]:
        verdict = ""
        if e["holding"] is not None:
            who = w["court"] if e["holding"]["by"] == "court" else w["expected"]
            state = w["agrees"] if e["holding"]["agrees"] else w["disagrees"] if e["holding"]["agrees"] is False else w[U]
            verdict = f" · {who}{c[':']}{w[Value(e['holding']['value'])]} · {state}"
        name = f"{c['(']}{_pick(e['label'], lang)}{c[')']}" if several else ""
        lines.append(f"  {bullet}{e['doctrine']:<3} {MARK[Value(e['value'])]} {w[Value(e['value'])]}{name}{verdict}")
        rests = ", ".join(_fact_short(f, lang) for f in e["rests_on"]) or c["nothing"]
        lines.append(f"      {c['rests']}{c[':']}{rests}")
        for item in e["decided_by"]:
            lines.append(_decider_lines(item, lang, "      "))
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for diff in row["differences"]:
        key = (diff["doctrine"], diff["other"], diff["other_reads"])
        grouped.setdefault(key, []).append(diff["fact"] or diff["node"])
    for (d, o, how), names in grouped.items():
        if how == "counts otherwise":
            continue
        lines.append(f"  {bullet}{c['only'].format(d=d, o=o, how=c[how])}{c[':']}{', '.join(names)}")
    for diff in row["differences"]:
        if diff["other_reads"] == "counts otherwise":
            lines.append(f"  {bullet}{c['counts'].format(n=diff['node'], d=diff['doctrine'], v=w[Value(diff['value'])], o=diff['other'], ov=w[Value(diff['other_value'])])}")
    return lines


def _header(rep: dict, lang: str) -> list[str]:
    c = CWORDS[lang]
    parts = []
    for d in rep["doctrines"]:
        own = f"{c['(']}{c['own']}{c[')']}" if d["own"] else ""
        parts.append(f"{d['id']}{c[':']}{_pick(d['label'], lang)}{own}")
    return [_pick(rep["title"], lang), f"{c['contrast']}{c[':']}" + " | ".join(parts)]


def _footer(rep: dict, lang: str, bullet: str) -> list[str]:
    c = CWORDS[lang]
    lines = []
    for d, ids in rep["facts_used_by_one"].items():
        lines.append(f"{bullet}{c['used_by_one'].format(d=d)}: {', '.join(ids) or c['none']}")
    if rep["unused_by_both"]:
        lines.append(f"{bullet}{c['unused_both']}: {', '.join(rep['unused_by_both'])}")
    return lines


def to_text(rep: dict, lang: str = "en") -> str:
    """The contrast as text: assumptions, then actor by actor the corresponding conclusions."""
    out = _header(rep, lang)
    for d, items in rep["assumptions"].items():
        if items:
            out += ["", *assumption_lines(items, d, lang, "")]
    labels = {a["id"]: a for a in rep["actors"]}
    current = None
    for row in rep["rows"]:
        if row["actor"] != current:
            current = row["actor"]
            actor = labels.get(current)
            name = _pick(actor["label"], lang) if actor else current
            out += ["", f"== {name} [{current}] =="]
        out += ["", *_row_lines(row, rep, lang, "")]
    out += ["", *_footer(rep, lang, "")]
    return "\n".join(out) + "\n"


def to_markdown(rep: dict, lang: str = "en") -> str:
    """The contrast as Markdown: a section per actor, a list per corresponding conclusion."""
    title, sub = _header(rep, lang)
    out = [f"# {title}", "", sub]
    for d, items in rep["assumptions"].items():
        if items:
            out += ["", *assumption_lines(items, d, lang, "- ")]
    labels = {a["id"]: a for a in rep["actors"]}
    current = None
    for row in rep["rows"]:
        if row["actor"] != current:
            current = row["actor"]
            actor = labels.get(current)
            out += ["", f"## {_pick(actor['label'], lang) if actor else current} (`{current}`)"]
        first, *rest = _row_lines(row, rep, lang, "- ")
        out += ["", f"### {first}", "", *[line[2:] if line.startswith("  - ") else "  " + line.strip() for line in rest]]
    out += ["", *_footer(rep, lang, "- ")]
    return "\n".join(out) + "\n"
