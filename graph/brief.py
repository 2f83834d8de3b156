"""An IRAC brief in Markdown, built only from the doctrine's statements and the case's facts.

For each issue (a conclusion the court, or a variant's author, ruled on; every conclusion where
there is none): the issue as a question, the rule (its definition and legal basis), the
application (the justification path, each rule by what it means when it holds or fails, each
fact by its statement and source), the conclusion, and the holding. Every sentence ends with the
graph node or the case fact it comes from, in brackets, so a reader can trace it.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from .doctrine import Doctrine, local_name
from .evaluate import Evaluation
from .explain import assumption_lines, justification, report, rows
from .load import Case
from .logic import Value

__all__ = ["brief"]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
WORDS = {
    "en": {
        T: "established", F: "not established", U: "undetermined",
        "lead": {"found": "The court found that", "reported": "A secondary source reports that", "inferred": "On our reading of the judgment,"},
        "fact_T": "{lead} {label}.", "fact_F": "{lead} it is not the case that {label}.",
        "fact_U": "{lead} it cannot be determined whether {label}.",
        "burden": "Nothing in the case shows that {label}; the burden of proving it lies on {bearer} ({basis}), so it is taken as {value}.",
        "unstated": "The case does not state whether {label}.", "assumed": "Assume that {label} is {value}.",
        "premise": "Doctrine `{doctrine}` assumes this to read a case of another jurisdiction, not as a fact of the case: {label}.",
        "premise_stated": " The case itself states {value} ({fact}).",
        "issue": "Is “{label}” established as to {actors}?", "open": "Whether “{label}” holds, the facts leave open.", "paren": " ({})", "dot": "**{}.**",
        "heading": "Issue {i}: {label} ({actors})", "I": "Issue", "R": "Rule", "A": "Application", "C": "Conclusion", "H": "Holding",
        "held": "The court held it {value} ({locator}, {tag}).", "expected": "The expected outcome, an expectation stored with the case and not a court's holding, is that it is {value} ({locator}, {tag}).",
        "agrees": "The reasoning above agrees.", "disagrees": "The reasoning above does not reach the same value.",
        "undecided": "The reasoning above leaves it undetermined.", "none": "There is no holding on this point.",
        "as_above": "As shown above:", "basis": "basis",
        "intro": "An IRAC brief built from the doctrine `{doctrine}` and the facts of the case file; every sentence ends with the node of the graph or the fact it comes from.",
        "sep": ", ",
    },
    "zh": {
        T: "成立", F: "不成立", U: "无法确定",
        "lead": {"found": "法院认定，", "reported": "据二手来源报道，", "inferred": "依我们对判决的理解，"},
        "fact_T": "{lead}{label}。", "fact_F": "{lead}并非{label}。", "fact_U": "{lead}无法确定是否{label}。",
        "burden": "案件中没有证据表明{label}；该事实的举证责任在{bearer}（{basis}），故视为{value}。",
        "unstated": "案件未陈述是否{label}。", "assumed": "假设“{label}”为{value}。",
        "premise": "适用法律 `{doctrine}` 为审视另一法域的案件作此假设，并非案件事实：{label}。",
        "premise_stated": "案件本身陈述为{value}（{fact}）。",
        "issue": "就{actors}而言，“{label}”是否成立？", "open": "“{label}”是否成立，现有事实不足以确定。", "paren": "（{}）", "dot": "**{}**：",
        "heading": "争点 {i}：{label}（{actors}）", "I": "争点", "R": "规则", "A": "适用", "C": "结论", "H": "裁判",
        "held": "法院认定其{value}（{locator}，{tag}）。", "expected": "案件文件所载预期（并非法院认定）：{value}（{locator}，{tag}）。",
        "agrees": "上述推理与之一致。", "disagrees": "上述推理得出的结论与之不同。",
        "undecided": "上述推理无法确定该点。", "none": "对此没有裁判认定。",
        "as_above": "如上所述：", "basis": "依据",
        "intro": "本 IRAC 摘要仅依据适用法律 `{doctrine}` 的规则与案件文件所载事实生成；每句末尾注明其所依据的图谱节点或事实。",
        "sep": "、",
    },
}


def _pick(text: Mapping, lang: str) -> str:
    return text.get(lang) or text.get("en") or text.get("zh") or ""


def _basis(node: dict, lang: str) -> str:
    return "; ".join(_pick(s["label"], lang) for s in node.get("legal_basis", ()))


def _fact_sentence(node: dict, lang: str, tag_labels: Mapping[str, str], doctrine: str) -> str:
    w = WORDS[lang]
    label = _pick(node["label"], lang)
    value = Value(node["value"])
    src = node["source"]
    if src["kind"] == "stated":
        lead = w["lead"].get(src["tag"], w["lead"]["found"])
        text = w[{T: "fact_T", F: "fact_F", U: "fact_U"}[value]].format(lead=lead, label=label)
        return f"{text} [{src['fact']} · {src['locator']} · {tag_labels.get(src['tag'], src['tag'])}]"
    if src["kind"] == "burden":
        basis = "; ".join(_pick(s["label"], lang) for s in src["legal_basis"])
        text = w["burden"].format(label=label, bearer=_pick(src["bearer"]["label"], lang), basis=basis, value=w[value])
    elif src["kind"] == "premise":
        text = w["premise"].format(doctrine=doctrine, label=_pick(src["label"], lang))
        if src["stated"] is not None:
            text += w["premise_stated"].format(value=w[Value(src["stated"]["value"])], fact=src["stated"]["fact"])
    elif src["kind"] == "assumed":
        text = w["assumed"].format(label=label, value=w[value])
    else:
        text = w["unstated"].format(label=label)
    return f"{text} [{node['node']}]"


def _rule_sentence(node: dict, lang: str) -> str:
    w = WORDS[lang]
    says = _pick(node.get("says", {}), lang) or w["open"].format(label=_pick(node["label"], lang))
    basis = _basis(node, lang)
    return f"{says}{w['paren'].format(basis) if basis else ''} [{node['node']}]"


def _application(node: dict, lang: str, depth: int, tag_labels, doctrine: str) -> list[str]:
    pad = "  " * depth
    if node["kind"] == "proposition":
        return [f"{pad}- {_fact_sentence(node, lang, tag_labels, doctrine)}"]
    if node.get("repeat"):
        return [f"{pad}- {WORDS[lang]['as_above']} {_pick(node['label'], lang)} [{node['node']}]"]
    lines = [f"{pad}- {_rule_sentence(node, lang)}"]
    for child in node.get("children", ()):
        lines += _application(child, lang, depth + 1, tag_labels, doctrine)
    return lines


def brief(G: nx.DiGraph, ev: Evaluation, case: Case, doctrine: Doctrine, actor: str | None = None, lang: str = "en") -> str:
    """The IRAC brief of the case (or of one actor's issues) in Markdown, in zh or en."""
    w = WORDS[lang]
    rep = report(G, ev, case, doctrine, actor)  # checks the actor id
    labels = {a["id"]: _pick(a["label"], lang) for a in rep["actors"]}
    tag_labels = {local_name(iri): _pick(text, lang) for iri, text in doctrine.labels.items()}
    every = [r for r in rows(G, ev, case, doctrine) if actor is None or actor in r.actors]
    issues = [r for r in every if r.holding is not None] or every
    out = [f"# {_pick(case.title, lang)}", ""]
    meta = " · ".join(x for x in (_pick(case.court, lang), case.number, case.decided) if x)
    if meta:
        out += [meta, ""]
    if case.changes:
        out += [f"> {_pick(case.changes, lang)}", ""]
    out += [f"*{w['intro'].format(doctrine=doctrine.id)}*"]
    if rep["assumptions"]:
        out += ["", *assumption_lines(rep["assumptions"], doctrine.id, lang, "- ")]
    for i, r in enumerate(issues, 1):
        st = doctrine.statements[r.statement]
        actors = w["sep"].join(labels.get(a, a) for a in r.actors)
        tree = justification(G, ev, r.node, doctrine)
        basis = _basis(tree, lang)
        out += ["", f"## {w['heading'].format(i=i, label=_pick(st.label, lang), actors=actors)}", ""]
        out += [f"{w['dot'].format(w['I'])} {w['issue'].format(label=_pick(st.label, lang), actors=actors)} [{r.node}]", ""]
        out += [f"{w['dot'].format(w['R'])} {_pick(st.definition, lang)}{w['paren'].format(basis) if basis else ''} [{st.id}]", ""]
        out += [f"{w['dot'].format(w['A'])}", ""]
        for child in tree.get("children", ()):
            out += _application(child, lang, 0, tag_labels, doctrine.id)
        out += ["", f"{w['dot'].format(w['C'])} {_rule_sentence(tree, lang)}", ""]
        h = r.holding
        if h is None:
            out.append(f"{w['dot'].format(w['H'])} {w['none']} [{r.node}]")
        else:
            said = w["held" if h.by_court else "expected"].format(
                value=w[h.value], locator=h.locator, tag=tag_labels.get(h.tag, h.tag)
            )
            verdict = w["undecided"] if r.agrees is None else w["agrees"] if r.agrees else w["disagrees"]
            out.append(f"{w['dot'].format(w['H'])} {said} {verdict} [{h.id}]")
    return "\n".join(out) + "\n"
