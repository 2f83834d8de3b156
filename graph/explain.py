"""Explain each conclusion as the path that carries it: why it holds, or why not, down to the facts.

The justification of a node is the part of its condition that decided its value: for an ordered
rule, the earlier conditions that did not fire and the one that did (or the default); for a
combinator, the children that settle it (all of them for a conjunction that holds, the refuted
ones for one that fails, the unknown ones for one left open). Every node carries its legal basis;
every fact its locator in the judgment and its tag, or the burden default it came from, or the
premise its doctrine assumed to read a case of another jurisdiction (listed first, as assumptions).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from .doctrine import AllOf, AnyOf, Doctrine, Not, Unless, local_name
from .errors import UnknownIdError
from .evaluate import Evaluation, expr_value
from .ground import Match
from .load import Case, Holding
from .logic import Value, negate

__all__ = ["Row", "rows", "support", "justification", "assumptions", "assumption_lines", "report", "cited_sources",
           "source_lines", "to_text", "to_markdown", "suggest"]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
MARK = {T: "[+]", F: "[-]", U: "[?]"}
WORDS = {
    "en": {T: "established", F: "refuted", U: "unknown", "court": "court", "expected": "expected (our reading)",
           "agrees": "agrees", "disagrees": "DISAGREES", "accept": "accept if", "reject": "reject if",
           "default": "otherwise", "seen": "(as above)", "not": "NOT ", "unstated": "not stated in the case",
           "burden": "not stated: {value} by default, the burden being on {bearer} ({basis})",
           "basis": "basis", "agreement": "Agreement with the {who}: {agree} agree, {disagree} disagree, {undecided} left unknown by lexpath, {none} conclusions without one",
           "holdings": "Holdings and expectations", "facts": "Facts", "doctrine": "doctrine", "variant": "teaching variant of", "unused": "facts this doctrine does not use",
           "premise": "ASSUMED: {label}", "premise_stated": "; the case states {value} ({fact})",
           "assumptions": "Assumed by doctrine {doctrine} to read a case of another jurisdiction (premises, not facts of the case)",
           "stated": "the case states {value} ({fact})", "unstated_short": "the case is silent",
           "colon": ": ", "dash": " — ", "semi": "; ",
           "sources": "Legal sources quoted", "official": "official text", "ours": "our translation", "from": "text from",
           "found": "found", "reported": "reported", "inferred": "inferred", "stipulated": "stipulated",
           "passages": "Passages the facts rest on", "official_doc": "official", "secondary": "secondary source",
           "contradicted": "contradicted by", "not_read": "holdings on conclusions this doctrine does not have",
           "appeal": "appeal"},
    "zh": {T: "成立", F: "不成立", U: "未知", "court": "法院", "expected": "预期（我们的解读）",
           "agrees": "一致", "disagrees": "不一致", "accept": "成立条件", "reject": "排除条件",
           "default": "否则", "seen": "（同上）", "not": "并非 ", "unstated": "案件未载明",
           "burden": "未载明：默认{value}，举证责任在{bearer}（{basis}）",
           "basis": "依据", "agreement": "与{who}的一致性：一致 {agree}，不一致 {disagree}，lexpath 未能确定 {undecided}，无认定的结论 {none}",
           "holdings": "认定与预期", "facts": "事实", "doctrine": "适用法律", "variant": "教学变体，改编自", "unused": "所适用法律未使用的事实",
           "premise": "假设：{label}", "premise_stated": "；案件陈述为{value}（{fact}）",
           "assumptions": "适用法律 {doctrine} 为审视另一法域的案件所作的假设（前提，不是案件事实）",
           "stated": "案件陈述为{value}（{fact}）", "unstated_short": "案件未提及",
           "colon": "：", "dash": "——", "semi": "；",
           "sources": "所引法律依据原文", "official": "正式文本", "ours": "本项目译文", "from": "文本出处",
           "found": "法院认定", "reported": "报道", "inferred": "推断", "stipulated": "假设",
           "passages": "事实所据的来源段落", "official_doc": "官方文件", "secondary": "二手来源",
           "contradicted": "相反来源", "not_read": "所适用法律没有相应结论的认定",
           "appeal": "上诉情况"},
}


@dataclass(frozen=True, slots=True)
class Row:
    """A conclusion of the case: a grounded statement, its value and the holding on it, if any."""

    node: str
    statement: str
    actors: tuple[str, ...]
    value: Value
    holding: Holding | None

    @property
    def agrees(self) -> bool | None:
        """None where there is no holding, or the reasoner leaves a decided point unknown.

        An expectation may itself be unknown (the law leaves the point open): lexpath agrees with
        it only by saying unknown too.
        """
        if self.holding is None or (self.value is U and self.holding.value is not U):
            return None
        return self.holding.value is self.value


def rows(G: nx.DiGraph, ev: Evaluation, case: Case, doctrine: Doctrine) -> list[Row]:
    """Every conclusion (and every statement a holding is on), actors with holdings first."""
    held = {(h.statement, h.about): h for h in case.holdings}
    found = []
    for n, a in G.nodes(data=True):
        holding = held.get((a["statement"], a["args"]))
        if a["kind"] in ("Conclusion", "Remedy") or holding is not None:
            found.append(Row(n, a["statement"], a["args"], ev[n], holding))
    weight = Counter(h.about[0] for h in case.holdings)
    depth = _depths(G)
    found.sort(key=lambda r: (-weight[r.actors[0]], r.actors[0], -depth[r.node], r.node))
    return found


def _depths(G: nx.DiGraph) -> dict[str, int]:
    depth: dict[str, int] = {}
    for n in G.graph["order"]:
        depth[n] = 1 + max((depth[p] for p in G.predecessors(n)), default=-1)
    return depth


def support(expr, want: Value, values, negated: bool = False) -> list[tuple[str, bool]]:
    """The nodes that make expr take the value `want`, each with whether it counts negated."""
    if isinstance(expr, Match):
        return [(n, negated) for n in expr.nodes if want is F or values[n] is want]
    if isinstance(expr, Not):
        return support(expr.item, negate(want), values, not negated)
    if isinstance(expr, Unless):
        parts = [(expr.holds, expr_value(expr.holds, values), False), (expr.exception, expr_value(expr.exception, values), True)]
        out = []
        for sub, val, flipped in parts:
            eff = negate(val) if flipped else val
            if want is T or eff is want:
                out += support(sub, val, values, negated ^ flipped)
        return out
    items = [(x, expr_value(x, values)) for x in expr.items]
    if isinstance(expr, AllOf) and want is T or isinstance(expr, AnyOf) and want is F:
        chosen = items
    else:
        chosen = [(x, v) for x, v in items if v is want]
    return [pair for x, v in chosen for pair in support(x, v, values, negated)]


def justification(G: nx.DiGraph, ev: Evaluation, node: str, doctrine: Doctrine, seen: set | None = None) -> dict:
    """The justification tree of node, as plain data (the JSON contract's `justification`).

    A rule already explained higher up the same tree appears again as a stub with `"repeat": true`.
    """
    seen = set() if seen is None else seen
    a = G.nodes[node]
    st = doctrine.statements[a["statement"]]
    value = ev[node]
    out = {
        "node": node,
        "statement": st.id,
        "kind": st.kind.lower(),
        "actors": list(a["args"]),
        "label": _both(st.label),
        "value": value.value,
    }
    if st.kind == "Proposition":
        fact = a["fact"]
        premise = a.get("premise")
        if premise is not None and premise.value is value:
            out["source"] = {"kind": "premise", "premise": local_name(premise.iri), "label": _both(premise.label),
                             "stated": None if fact is None else {"fact": fact.id, "value": fact.value.value}}
        elif fact is not None and fact.value is value:
            out["source"] = {"kind": "stated", "fact": fact.id, "locator": fact.locator, "tag": fact.tag, "passages": list(fact.passages)}
        elif fact is not None:
            out["source"] = {"kind": "assumed", "fact": fact.id, "stated": fact.value.value}
        elif a["burden"] is not None and value is a["unstated"]:
            b = a["burden"]
            out["source"] = {"kind": "burden", "bearer": _source(doctrine, b.bearer),
                             "legal_basis": [_source(doctrine, s) for s in b.legal_basis]}
        else:
            out["source"] = {"kind": "assumed" if value is not U else "unstated"}
        return out
    if node in seen:
        out["repeat"] = True
        return out
    seen.add(node)
    says = st.if_established if value is T else st.if_refuted if value is F else {}
    out["says"] = _both(says)
    out["legal_basis"] = [_source(doctrine, s) for s in st.legal_basis]
    out["rule"] = "ordered" if st.ordered else "accept_if"
    children = []
    conds = a["conditions"]
    vals = [expr_value(c.expr, ev.values) for c in conds]
    decided = next((i for i, v in enumerate(vals) if v is T), None)
    if value is U:
        chosen = [i for i, v in enumerate(vals) if v is U]
    elif decided is not None and conds[decided].decides is value:
        chosen = list(range(decided + 1))
    else:
        chosen = list(range(len(conds)))
    out["decided_by"] = (
        {"condition": decided + 1, "decides": conds[decided].decides.value}
        if value is not U and decided is not None and conds[decided].decides is value
        else ({"default": st.default.value} if value is not U else None)
    )
    for i in chosen:
        for child, negated in dict.fromkeys(support(conds[i].expr, vals[i], ev.values)):
            sub = justification(G, ev, child, doctrine, seen)
            if negated:
                sub["negated"] = True
            if st.ordered:
                sub["via"] = {"condition": i + 1, "decides": conds[i].decides.value, "holds": vals[i].value}
            children.append(sub)
    out["children"] = children
    return out


def _both(text) -> dict:
    return {"en": text.get("en", ""), "zh": text.get("zh", "")}


def _source(doctrine: Doctrine, iri: str) -> dict:
    return {"id": local_name(iri), "label": {"en": doctrine.label_of(iri, "en"), "zh": doctrine.label_of(iri, "zh")}}


def cited_sources(trees, doctrine: Doctrine) -> list[dict]:
    """The words of every legal source the justification trees cite (burden defaults included), in order cited.

    Each: its id and label, the official text (in its own language), our translation (in the
    other) and where the text was taken from; a source the doctrine gives no words for is left out.
    """
    by_id = {local_name(iri): iri for iri in doctrine.texts}
    seen: dict[str, None] = {}

    def walk(node: dict) -> None:
        for s in node.get("legal_basis", ()):
            seen.setdefault(s["id"])
        source = node.get("source") or {}
        for s in source.get("legal_basis", ()):
            seen.setdefault(s["id"])
        for child in node.get("children", ()):
            walk(child)

    for tree in trees:
        walk(tree)
    found = []
    for sid in seen:
        iri = by_id.get(sid)
        if iri is None:
            continue
        text = doctrine.texts[iri]
        found.append({"id": sid, "label": _source(doctrine, iri)["label"], "official": dict(text.official),
                      "translation": dict(text.translation), "from": text.taken_from})
    return found


def suggest(word: str, known) -> str:
    """'; did you mean …' for the nearest known ids, or ''."""
    close = difflib.get_close_matches(word, list(known), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else ""


def report(G: nx.DiGraph, ev: Evaluation, case: Case, doctrine: Doctrine, actor: str | None = None) -> dict:
    """The explanation of a case as the documented JSON object (schema/explain.schema.json)."""
    every = rows(G, ev, case, doctrine)
    in_rows = {a for r in every for a in r.actors}
    if actor is not None and actor not in case.entities:
        actors = sorted(in_rows)
        raise UnknownIdError(case.path, actor, f"no actor has this id; known: {', '.join(actors)}{suggest(actor, actors)}")
    used = {n for n in G if G.nodes[n]["kind"] == "Proposition" and G.out_degree(n)}
    node_of = {f.id: f"{local_name(f.proposition)}({','.join(f.about)})" for f in case.facts}
    read = {f.id for f in case.facts if node_of[f.id] in used}
    read |= {src for f in case.facts if f.id in read for src in f.derived_from}  # the dates a used timing came from
    facts = []
    for f in case.facts:
        st = doctrine.statements.get(f.proposition)
        facts.append({
            "id": f.id,
            "proposition": local_name(f.proposition),
            "about": list(f.about),
            "label": _both(st.label if st else {}),
            "value": f.value.value,
            "source": {"locator": f.locator, "tag": f.tag, "passages": list(f.passages),
                       "contradicted_by": list(f.contradicted_by)},
            "open_to_change": f.open_to_change,
            "used": f.id in read,
        })
    conclusions, tally = [], Counter()
    for r in every:
        if actor is not None and actor not in r.actors:
            continue
        tally["no_holding" if r.holding is None else "undecided" if r.agrees is None else "agree" if r.agrees else "disagree"] += 1
        st = doctrine.statements[r.statement]
        h = r.holding
        conclusions.append({
            "id": r.node,
            "statement": st.id,
            "actor": r.actors[0],
            "actors": list(r.actors),
            "label": _both(st.label),
            "value": r.value.value,
            "court": h.value.value if h is not None and h.by_court else None,
            "expected": h.value.value if h is not None and not h.by_court else None,
            "holding": None if h is None else {"id": h.id, "locator": h.locator, "tag": h.tag, "passages": list(h.passages)},
            "agrees": r.agrees,
            "justification": justification(G, ev, r.node, doctrine),
        })
    return {
        "case": case.id,
        "assumptions": assumptions(G, doctrine),
        "title": _both(case.title),
        "court": _both(case.court),
        "case_number": case.number,
        "doctrine": doctrine.id,
        "variant_of": case.variant_of.split("#")[0].rsplit("/", 1)[-1] if case.variant_of else None,
        "changes": _both(case.changes) if case.changes else None,
        "appeal": _both(case.appeal) if case.appeal else None,
        "actors": [
            {"id": e.id, "label": _both(e.label), "roles": _roles(e.classes, doctrine)}
            for e in sorted(case.entities.values(), key=lambda e: e.id)
            if e.id in in_rows
        ],
        "facts": facts,
        "conclusions": conclusions,
        "agreement": {k: tally[k] for k in ("agree", "disagree", "undecided", "no_holding")},
        "sources": cited_sources((c["justification"] for c in conclusions), doctrine),
        "documents": [
            {"id": d.id, "title": _both(d.title), "publisher": _both(d.publisher), "date": d.date,
             "address": d.address, "official": d.official}
            for d in case.sources.values()
        ],
        "passages": [
            {"id": p.id, "key": p.key, "document": p.source, "exact": p.exact, "prefix": p.prefix, "suffix": p.suffix}
            for p in case.passages.values()
        ],
        "not_read": [{"id": h.id, "statement": local_name(h.statement)} for h in case.unread],
    }


def assumptions(G: nx.DiGraph, doctrine: Doctrine) -> list[dict]:
    """The premises the doctrine assumed to read a case of another jurisdiction, one per premise.

    Each names the entities it was applied to and what the case itself states there, so that no
    output presents an assumption as a fact of the case.
    """
    found: dict[str, dict] = {}
    for n, a in G.nodes(data=True):
        premise = a.get("premise")
        if premise is None:
            continue
        item = found.setdefault(premise.iri, {
            "premise": local_name(premise.iri),
            "label": _both(premise.label),
            "definition": _both(premise.definition),
            "proposition": local_name(premise.proposition),
            "value": premise.value.value,
            "legal_basis": [_source(doctrine, s) for s in premise.legal_basis],
            "about": [],
        })
        fact = a["fact"]
        item["about"].append({"actors": list(a["args"]), "node": n,
                              "stated": None if fact is None else {"fact": fact.id, "value": fact.value.value}})
    for item in found.values():
        item["about"].sort(key=lambda x: x["node"])
    return sorted(found.values(), key=lambda x: x["premise"])


def _roles(classes, doctrine: Doctrine) -> list[str]:
    """The most specific classes: those no other class of the entity lies below."""
    return sorted(
        local_name(c)
        for c in classes
        if c in doctrine.labels and not any(c != o and c in doctrine.ancestors.get(o, ()) for o in classes)
    )


# -- text and Markdown ------------------------------------------------------------------

def _pick(text: dict, lang: str) -> str:
    return text.get(lang) or text.get("en") or text.get("zh") or ""


def _fact_note(source: dict, lang: str, value: str) -> str:
    w = WORDS[lang]
    kind = source["kind"]
    if kind == "stated":
        return "[" + " · ".join(x for x in (source["fact"], source["locator"], w.get(source["tag"], source["tag"])) if x) + "]"
    if kind == "burden":
        basis = "; ".join(_pick(s["label"], lang) for s in source["legal_basis"])
        bearer = _pick(source["bearer"]["label"], lang)
        return "[" + w["burden"].format(value=w[Value(value)], bearer=bearer, basis=basis) + "]"
    if kind == "premise":
        said = source["stated"]
        note = w["premise"].format(label=_pick(source["label"], lang))
        if said is not None:
            note += w["premise_stated"].format(fact=said["fact"], value=w[Value(said["value"])])
        return f"[{note}]"
    if kind == "assumed":
        return "[what-if]"
    return f"[{w['unstated']}]"


def assumption_lines(items: list[dict], doctrine: str, lang: str, bullet: str) -> list[str]:
    """The premises a doctrine assumed, as lines: a heading, then one line per premise and entity."""
    w = WORDS[lang]
    colon = w["colon"]
    lines = [f"{w['assumptions'].format(doctrine=doctrine)}{colon.rstrip()}"]
    for item in items:
        basis = w["semi"].join(_pick(s["label"], lang) for s in item["legal_basis"])
        lines.append(f"  {bullet}{_pick(item['label'], lang)}{colon}{w[Value(item['value'])]}" + (f"{w['dash']}{basis}" if basis else ""))
        for about in item["about"]:
            said = about["stated"]
            note = w["stated"].format(value=w[Value(said["value"])], fact=said["fact"]) if said else w["unstated_short"]
            lines.append(f"      {bullet}{about['node']}{colon}{note}")
    return lines


def _line(node: dict, lang: str) -> str:
    args = ", ".join(node["actors"])
    text = f"{MARK[Value(node['value'])]} {_pick(node['label'], lang)} ({args})"
    if node["kind"] == "proposition":
        return f"{text} {_fact_note(node['source'], lang, node['value'])}"
    basis = "; ".join(_pick(s["label"], lang) for s in node["legal_basis"])
    return f"{text} — {basis}" if basis else text


def _tree_lines(node: dict, lang: str, depth: int, bullet: str) -> list[str]:
    w = WORDS[lang]
    via = node.get("via")
    prefix = ""
    if via is not None:
        prefix = f"{w['accept'] if via['decides'] == 'established' else w['reject']} #{via['condition']}: "
    if node.get("negated"):
        prefix += w["not"]
    pad = "    " * depth
    if node.get("repeat"):
        return [f"{pad}{bullet}{prefix}{MARK[Value(node['value'])]} {_pick(node['label'], lang)} ({', '.join(node['actors'])}) {w['seen']}"]
    lines = [f"{pad}{bullet}{prefix}{_line(node, lang)}"]
    for child in node.get("children", ()):
        lines += _tree_lines(child, lang, depth + 1, bullet)
    if node.get("rule") == "ordered" and node.get("decided_by") and "default" in node["decided_by"]:
        lines.append(f"{pad}    {bullet}{w['default']}: {w[Value(node['decided_by']['default'])]}")
    return lines


def _verdict(c: dict, lang: str) -> str:
    w = WORDS[lang]
    held = c["court"] or c["expected"]
    if held is None:
        return ""
    who = w["court"] if c["court"] is not None else w["expected"]
    state = w["agrees"] if c["agrees"] else w["disagrees"] if c["agrees"] is False else w[U]
    return f" · {who}: {w[Value(held)]} · {state}"


def _groups(rep: dict):
    labels = {a["id"]: a for a in rep["actors"]}
    current = None
    for c in rep["conclusions"]:
        if c["actor"] != current:
            current = c["actor"]
            yield labels[current], []
        yield None, c


def _header(rep: dict, lang: str) -> str:
    parts = [" ".join(x for x in (_pick(rep["court"], lang), rep["case_number"]) if x)]
    if rep["variant_of"]:
        parts.append(f"{WORDS[lang]['variant']}: {rep['variant_of']}")
    parts.append(f"{WORDS[lang]['doctrine']}: {rep['doctrine']}")
    return " · ".join(p for p in parts if p)


def source_lines(sources: list[dict], lang: str, bullet: str = "") -> list[str]:
    """The cited legal sources quoted: each label, its official text, then our translation."""
    w = WORDS[lang]
    lines = [f"{w['sources']}{w['colon'].rstrip()}"]
    for s in sources:
        lines.append(f"{bullet}{_pick(s['label'], lang)} [{s['id']}]")
        for key, name in (("official", w["official"]), ("translation", w["ours"])):
            for tag, text in s[key].items():
                lines.append(f"    {name} ({tag}){w['colon']}" + text.replace("\n", "\n      "))
        if s["from"]:
            lines.append(f"    {w['from']}{w['colon']}{s['from']}")
    return lines


def passage_lines(rep: dict, lang: str, bullet: str = "") -> list[str]:
    """The passages the facts and holdings shown rest on, by document: the document once, then each quotation."""
    w = WORDS[lang]
    cited = {p for f in rep["facts"] for p in f["source"]["passages"] + f["source"]["contradicted_by"]}
    cited |= {p for c in rep["conclusions"] if c["holding"] for p in c["holding"]["passages"]}
    by_document: dict[str, list[dict]] = {}
    for p in sorted((p for p in rep["passages"] if p["id"] in cited), key=lambda p: _natural(p["key"])):
        by_document.setdefault(p["document"], []).append(p)
    lines = []
    for d in sorted((d for d in rep["documents"] if d["id"] in by_document), key=lambda d: _natural(by_document[d["id"]][0]["key"])):
        about = w["semi"].join(x for x in (_pick(d["publisher"], lang), d["date"], w["official_doc"] if d["official"] else w["secondary"]) if x)
        title = _pick(d["title"], lang)
        lines.append(f"{bullet}{title} ({about})" if title else f"{bullet}({about})")
        if d["address"]:
            lines.append(f"    {d['address']}")
        lines += [f"    {p['key']}{w['colon']}“{p['exact']}”" for p in by_document[d["id"]]]
    return [f"{w['passages']}{w['colon'].rstrip()}", *lines] if lines else []


def _natural(key: str) -> tuple:
    """F2 before F10: digits compared as numbers."""
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", key))


def to_text(rep: dict, lang: str = "en", full: bool = False) -> str:
    """The explanation as an indented text tree, grouped by actor; full quotes the legal sources cited."""
    w = WORDS[lang]
    out = [f"{_pick(rep['title'], lang)}", _header(rep, lang)]
    if rep["appeal"]:
        out.append(f"{w['appeal']}{w['colon']}{_pick(rep['appeal'], lang)}")
    if rep["changes"]:
        out.append(_pick(rep["changes"], lang))
    if rep["assumptions"]:
        out += ["", *assumption_lines(rep["assumptions"], rep["doctrine"], lang, "")]
    for actor, c in _groups(rep):
        if actor is not None:
            out += ["", f"== {_pick(actor['label'], lang)} [{actor['id']}] =="]
            continue
        j = c["justification"]
        out.append("")
        out.append(f"{MARK[Value(c['value'])]} {_pick(c['label'], lang)} ({', '.join(c['actors'])}): {w[Value(c['value'])]}{_verdict(c, lang)}")
        if _pick(j.get("says", {}), lang):
            out.append(f"    {_pick(j['says'], lang)}")
        basis = "; ".join(_pick(s["label"], lang) for s in j.get("legal_basis", ()))
        if basis:
            out.append(f"    {w['basis']}: {basis}")
        for child in j.get("children", ()):
            out += _tree_lines(child, lang, 1, "")
    out += ["", *_summary(rep, lang)]
    passages = passage_lines(rep, lang)
    if passages:
        out += ["", *passages]
    if full and rep["sources"]:
        out += ["", *source_lines(rep["sources"], lang)]
    return "\n".join(out) + "\n"


def _summary(rep: dict, lang: str) -> list[str]:
    w = WORDS[lang]
    held = [c for c in rep["conclusions"] if c["holding"] is not None]
    who = w["court"] if any(c["court"] is not None for c in held) else w["expected"]
    lines = [f"{w['holdings']}:"]
    for c in held:
        state = w["agrees"] if c["agrees"] else w["disagrees"] if c["agrees"] is False else w[U]
        lines.append(f"  {state:<9} {c['holding']['id']} · {_pick(c['label'], lang)} ({', '.join(c['actors'])}): "
                     f"{w[Value(c['court'] or c['expected'])]} / lexpath {w[Value(c['value'])]}")
    a = rep["agreement"]
    lines.append(w["agreement"].format(who=who, agree=a["agree"], disagree=a["disagree"], undecided=a["undecided"], none=a["no_holding"]))
    if rep["not_read"]:
        lines.append(f"{w['not_read']}: {', '.join(h['id'] for h in rep['not_read'])}")
    unused = [f["id"] for f in rep["facts"] if not f["used"]]
    if unused:
        lines.append(f"{w['unused']}: {', '.join(unused)}")
    return lines


def to_markdown(rep: dict, lang: str = "en", full: bool = False) -> str:
    """The explanation as Markdown: a section per actor, a nested list per conclusion; full quotes the sources."""
    w = WORDS[lang]
    out = [f"# {_pick(rep['title'], lang)}", "", _header(rep, lang)]
    if rep["appeal"]:
        out += ["", f"{w['appeal']}{w['colon']}{_pick(rep['appeal'], lang)}"]
    if rep["changes"]:
        out += ["", f"> {_pick(rep['changes'], lang)}"]
    if rep["assumptions"]:
        out += ["", *assumption_lines(rep["assumptions"], rep["doctrine"], lang, "- ")]
    for actor, c in _groups(rep):
        if actor is not None:
            out += ["", f"## {_pick(actor['label'], lang)} (`{actor['id']}`)"]
            continue
        j = c["justification"]
        out += ["", f"### {MARK[Value(c['value'])]} {_pick(c['label'], lang)} ({', '.join(c['actors'])}): **{w[Value(c['value'])]}**{_verdict(c, lang)}"]
        if _pick(j.get("says", {}), lang):
            out += ["", _pick(j["says"], lang)]
        basis = "; ".join(_pick(s["label"], lang) for s in j.get("legal_basis", ()))
        if basis:
            out += ["", f"*{w['basis']}:* {basis}"]
        out.append("")
        for child in j.get("children", ()):
            out += [line.replace("    ", "  ") for line in _tree_lines(child, lang, 0, "- ")]
    out += ["", *(f"- {line.strip()}" if i else f"## {line.rstrip(':')}" for i, line in enumerate(_summary(rep, lang)))]
    passages = passage_lines(rep, lang, "- ")
    if passages:
        head, *rest = passages
        out += ["", f"## {head.rstrip(':：')}", "", *rest]
    if full and rep["sources"]:
        head, *rest = source_lines(rep["sources"], lang, "- ")
        out += ["", f"## {head.rstrip(':：')}", "", *rest]
    return "\n".join(out) + "\n"
