"""An IRAC brief in Markdown, built only from the doctrine's statements and the case's facts.

For each issue (a conclusion the court, or a variant's author, ruled on; every conclusion where
there is none): the issue as a question, the rule (its definition and legal basis), the
application (the justification path, each rule by what it means when it holds or fails, each
fact by its statement and source), the conclusion, and the holding. Every sentence ends with the
graph node or the case fact it comes from, in brackets, so a reader can trace it.

Sentences are the doctrine's own words: a proposition's label when it holds, its lex:denial when
it is refuted (what the refutation means, never the label behind a "not"), a rule's
lex:ifEstablished or lex:ifRefuted. Those speak of roles ("the provider", "the actor"), so each
rule sentence first names the actors of the case it is about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from .doctrine import Doctrine, local_name
from .evaluate import Evaluation
from .explain import assumption_lines, cited_sources, justification, passage_lines, report, rows, source_lines
from .load import Case
from .logic import Value

__all__ = ["brief"]

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
WORDS = {
    "en": {
        T: "established", F: "not established", U: "undetermined",
        "lead": {"found": "The court found that", "reported": "A secondary source reports that", "inferred": "On our reading of the judgment,",
                 "stipulated": "The variant assumes that"},
        "fact": "{lead} {text}.",
        "open_fact": {"found": "The court left open whether {label}.",
                      "reported": "A secondary source leaves open whether {label}.",
                      "inferred": "On our reading of the judgment, it remains open whether {label}.",
                      "stipulated": "The variant leaves open whether {label}."},
        "negated": "“{label}” does not hold",  # only for a proposition without lex:denial (the shapes require one)
        "burden": {T: "Nothing in the case shows that {denial}; the burden of proving it lies on {bearer}{basis}, so it is taken that {label}.",
                   F: "Nothing in the case shows that {label}; the burden of proving it lies on {bearer}{basis}, so it is taken as not established.",
                   U: "The case does not state whether {label}; the burden of proof lies on {bearer}{basis}, and the point is left open."},
        "unstated": "The case does not state whether {label}.",
        "assumed": {T: "Assume that {label}.", F: "Assume that {denial}.", U: "Assume it is unknown whether {label}."},
        "premise": "To read a case of another jurisdiction, doctrine `{doctrine}` assumes that {text}; this is a premise, not a fact of the case.",
        "premise_stated": " The case itself states this as {value} ({fact}).",
        "issue": "Is “{label}” established as to {actors}?", "open": "the facts found leave open whether “{label}” holds.",
        "who": "As to {actors}: ", "again": " (see above)", "paren": " ({})", "dot": "**{}.** ",
        "heading": "Issue {i}: {label} — {actors}", "I": "Issue", "R": "Rule", "A": "Application", "C": "Conclusion", "H": "Holding",
        "held": "The court held it {value} ({cite}).", "expected": "The expected outcome, an expectation stored with the case and not a court's holding, is that it is {value} ({cite}).",
        "agrees": "The reasoning above agrees.", "disagrees": "The reasoning above does not reach the same value.",
        "undecided": "The reasoning above leaves it undetermined.", "none": "There is no holding on this point.",
        "remedy": {T: "granted", F: "refused", U: "undetermined", "issue": "Should “{label}” be granted as to {actors}?",
                   "held": "The court {value} it ({cite})."},
        "intro": "An IRAC brief built from the doctrine `{doctrine}` and the facts of the case file; every sentence ends with the node of the graph or the fact it comes from.",
        "sep": ", ", "and": " and ", "semi": "; ", "space": " ", "end": ".", "basis_lead": " ({basis})", "comma": ", ",
        "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
        "date": "{d} {month} {y}",
    },
    "zh": {
        T: "成立", F: "不成立", U: "无法确定",
        "lead": {"found": "法院认定，", "reported": "据二手来源报道，", "inferred": "依我们对判决的理解，", "stipulated": "本变体假设"},
        "fact": "{lead}{text}。",
        "open_fact": {"found": "“{label}”是否属实，法院未作认定。",
                      "reported": "“{label}”是否属实，据二手来源报道尚无定论。",
                      "inferred": "“{label}”是否属实，依我们对判决的理解尚无法确定。",
                      "stipulated": "“{label}”是否属实，本变体未作假设。"},
        "negated": "“{label}”不成立",  # only for a proposition without lex:denial (the shapes require one)
        "burden": {T: "案件中没有证据证明{denial}；{basis}该事实应由{bearer}承担举证责任，故认定{label}。",
                   F: "案件中没有证据证明{label}；{basis}该事实应由{bearer}承担举证责任，故对该事实不予认定。",
                   U: "案件未载明“{label}”是否属实；{basis}举证责任在{bearer}，该点无法确定。"},
        "unstated": "案件未载明“{label}”是否属实。",
        "assumed": {T: "假设{label}。", F: "假设{denial}。", U: "假设“{label}”是否属实无法确定。"},
        "premise": "为审视另一法域的案件，适用法律 `{doctrine}` 假设{text}；这是推理的前提，不是案件事实。",
        "premise_stated": "案件本身对此的陈述为{value}（{fact}）。",
        "issue": "就{actors}而言，“{label}”是否成立？", "open": "“{label}”是否成立，现有事实不足以确定。",
        "who": "就{actors}而言，", "again": "（见上文）", "paren": "（{}）", "dot": "**{}**：",
        "heading": "争点{i}：{label}——{actors}", "I": "争点", "R": "规则", "A": "适用", "C": "结论", "H": "裁判",
        "held": "法院认定其{value}（{cite}）。", "expected": "案件文件所载预期结果（并非法院认定）为“{value}”（{cite}）。",
        "agrees": "上述推理与之一致。", "disagrees": "上述推理得出的结论与之不同。",
        "undecided": "上述推理无法确定该点。", "none": "对此没有裁判认定。",
        "remedy": {T: "予以支持", F: "不予支持", U: "无法确定", "issue": "就{actors}而言，“{label}”的请求是否应予支持？",
                   "held": "法院对此{value}（{cite}）。"},
        "intro": "本 IRAC 摘要仅依据适用法律 `{doctrine}` 的规则与案件文件所载事实生成；每句末尾注明其所依据的图谱节点或事实。",
        "sep": "、", "and": "与", "semi": "；", "space": "", "end": "。", "basis_lead": "依{basis}，", "comma": "，",
        "date": "{y}年{m}月{d}日",
    },
}
DIGITS = "零一二三四五六七八九"


def _pick(text: Mapping, lang: str) -> str:
    return text.get(lang) or text.get("en") or text.get("zh") or ""


def _number(i: int, lang: str) -> str:
    """An issue's number as the language writes it in a heading.

    >>> _number(7, "zh"), _number(10, "zh"), _number(17, "zh"), _number(42, "zh"), _number(17, "en")
    ('七', '十', '十七', '四十二', '17')
    """
    if lang != "zh" or not 0 < i < 100:
        return str(i)
    tens, ones = divmod(i, 10)
    return ("" if tens < 2 else DIGITS[tens]) + ("十" if tens else "") + (DIGITS[ones] if ones else "")


def _date(iso: str, lang: str) -> str:
    """A YYYY-MM-DD date as a reader of the language writes it; anything else unchanged.

    >>> _date("2024-09-25", "zh"), _date("2024-09-25", "en"), _date("2024", "en")
    ('2024年9月25日', '25 September 2024', '2024')
    """
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    y, m, d = (int(p) for p in parts)
    if not 1 <= m <= 12:
        return iso
    w = WORDS[lang]
    return w["date"].format(y=y, m=m, d=d, month=w["months"][m - 1] if "months" in w else m)


def _continued(text: str, lang: str) -> str:
    """A sentence that goes on after "As to …:", its first word lower-cased unless it starts a name.

    >>> _continued("The actor is a direct infringer.", "en"), _continued("Copyright Law governs.", "en")
    ('the actor is a direct infringer.', 'Copyright Law governs.')
    """
    words = text.split(" ", 2)
    first = words[0]
    if lang != "en" or not first[:1].isupper() or not (first[1:].islower() or len(first) == 1):
        return text
    if len(words) > 1 and words[1][:1].isupper():  # "Copyright Law …", "The Copyright Office …"
        return text
    return first[:1].lower() + text[1:]


@dataclass(frozen=True)
class _Writer:
    """What every sentence of one brief needs: the language, the graph, the doctrine, the names."""

    lang: str
    G: nx.DiGraph
    doctrine: Doctrine
    names: Mapping[str, str]  # entity id -> its label in lang
    tags: Mapping[str, str]  # tag id -> its label in lang

    @property
    def w(self) -> dict:
        return WORDS[self.lang]

    def sentence(self, text: str, tail: str = "") -> str:
        """text as one sentence with tail (a citation) before its closing full stop."""
        text = text.rstrip()
        if text.endswith((".", "。")):
            text = text[:-1]
        return f"{text}{tail}{self.w['end']}"

    def listing(self, items: list[str]) -> str:
        """Items in prose: "A and B", "A, B and C"; 甲与乙, 甲、乙与丙."""
        if len(items) < 2:
            return "".join(items)
        return self.w["sep"].join(items[:-1]) + self.w["and"] + items[-1]

    def join(self, ids) -> str:
        """Entities by name, in prose."""
        return self.listing([self.names.get(i, i) for i in ids])

    def basis(self, sources) -> str:
        return self.w["semi"].join(_pick(s["label"], self.lang) for s in sources)

    def cite(self, sources) -> str:
        basis = self.basis(sources)
        return self.w["paren"].format(basis) if basis else ""

    def statement(self, node: dict):
        return self.doctrine.statements[self.G.nodes[node["node"]]["statement"]]

    def proposition(self, node: dict, value: Value) -> str:
        """What a proposition says about its entities when it has value: its label or its denial."""
        label = _pick(node["label"], self.lang)
        if value is not F:
            return label
        return _pick(self.statement(node).denial, self.lang) or self.w["negated"].format(label=label)

    def fact(self, node: dict) -> str:
        w = self.w
        label = _pick(node["label"], self.lang)
        value = Value(node["value"])
        src = node["source"]
        if src["kind"] == "stated":
            tag = src["tag"] if src["tag"] in w["lead"] else "found"
            if value is U:
                text = w["open_fact"][tag].format(label=label)
            else:
                text = w["fact"].format(lead=w["lead"][tag], text=self.proposition(node, value))
            keys = src["locator"].replace("; ", w["semi"])
            return f"{text} [" + " · ".join(x for x in (src["fact"], keys, self.tags.get(src["tag"], src["tag"])) if x) + "]"
        if src["kind"] == "burden":
            basis = self.listing([_pick(s["label"], self.lang) for s in src["legal_basis"]])
            basis = w["basis_lead"].format(basis=basis) if basis else ""
            text = w["burden"][value].format(label=label, denial=self.proposition(node, F), basis=basis,
                                             bearer=_pick(src["bearer"]["label"], self.lang))
        elif src["kind"] == "premise":
            text = w["premise"].format(doctrine=self.doctrine.id, text=self.proposition(node, value))
            if src["stated"] is not None:
                text += w["premise_stated"].format(value=w[Value(src["stated"]["value"])], fact=src["stated"]["fact"])
        elif src["kind"] == "assumed":
            text = w["assumed"][value].format(label=label, denial=self.proposition(node, F))
        else:
            text = w["unstated"].format(label=label)
        return f"{text} [{node['node']}]"

    def says(self, node: dict) -> str:
        """What a rule means with its value, in the doctrine's words (a repeated node has none stored)."""
        value = Value(node["value"])
        if "says" in node:
            said = _pick(node["says"], self.lang)
        else:
            st = self.statement(node)
            said = _pick(st.if_established if value is T else st.if_refuted if value is F else {}, self.lang)
        return said or self.w["open"].format(label=_pick(node["label"], self.lang))

    def rule(self, node: dict) -> str:
        """A rule sentence: the actors it is about, what it means, and its basis (or "see above")."""
        tail = self.w["again"] if node.get("repeat") else self.cite(node.get("legal_basis", ()))
        who = self.w["who"].format(actors=self.join(node["actors"]))
        return f"{who}{self.sentence(_continued(self.says(node), self.lang), tail)} [{node['node']}]"

    def application(self, node: dict, depth: int) -> list[str]:
        pad = "  " * depth
        if node["kind"] == "proposition":
            return [f"{pad}- {self.fact(node)}"]
        lines = [f"{pad}- {self.rule(node)}"]
        for child in node.get("children", ()):
            lines += self.application(child, depth + 1)
        return lines


def brief(G: nx.DiGraph, ev: Evaluation, case: Case, doctrine: Doctrine, actor: str | None = None, lang: str = "en",
          full: bool = False) -> str:
    """The IRAC brief of the case (or of one actor's issues) in Markdown, in zh or en.

    full ends it with the words of every legal source the issues cite: official text and our translation.
    """
    w = WORDS[lang]
    rep = report(G, ev, case, doctrine, actor)  # checks the actor id
    names = {e.id: _pick(e.label, lang) or e.id for e in case.entities.values()}
    tags = {local_name(iri): _pick(text, lang) for iri, text in doctrine.labels.items()}
    writer = _Writer(lang, G, doctrine, names, tags)
    every = [r for r in rows(G, ev, case, doctrine) if actor is None or actor in r.actors]
    issues = [r for r in every if r.holding is not None] or every
    out = [f"# {_pick(case.title, lang)}", ""]
    meta = " · ".join(x for x in (_pick(case.court, lang), case.number, case.decided and _date(case.decided, lang)) if x)
    if meta:
        out += [meta, ""]
    if case.appeal:
        out += [_pick(case.appeal, lang), ""]
    if case.changes:
        out += [f"> {_pick(case.changes, lang)}", ""]
    out += [f"*{w['intro'].format(doctrine=doctrine.id)}*"]
    if rep["assumptions"]:
        out += ["", *assumption_lines(rep["assumptions"], doctrine.id, lang, "- ")]
    trees = []
    for i, r in enumerate(issues, 1):
        st = doctrine.statements[r.statement]
        ask = {**w, **w["remedy"]} if st.kind == "Remedy" else w  # a remedy is granted or refused, not established
        label = _pick(st.label, lang)
        actors = writer.join(r.actors)
        tree = justification(G, ev, r.node, doctrine)
        trees.append(tree)
        out += ["", f"## {w['heading'].format(i=_number(i, lang), label=label, actors=actors)}", ""]
        out += [f"{w['dot'].format(w['I'])}{ask['issue'].format(label=label, actors=actors)} [{r.node}]", ""]
        rule = writer.sentence(_pick(st.definition, lang), writer.cite(tree.get("legal_basis", ())))
        out += [f"{w['dot'].format(w['R'])}{rule} [{st.id}]", ""]
        out += [w["dot"].format(w["A"]).rstrip(), ""]
        for child in tree.get("children", ()):
            out += writer.application(child, 0)
        out += ["", f"{w['dot'].format(w['C'])}{writer.rule(tree)}", ""]
        h = r.holding
        if h is None:
            out.append(f"{w['dot'].format(w['H'])}{w['none']} [{r.node}]")
        else:
            said = ask["held" if h.by_court else "expected"].format(
                value=ask[h.value], cite=w["comma"].join(x for x in (h.locator.replace("; ", w["semi"]), tags.get(h.tag, h.tag)) if x)
            )
            verdict = w["undecided"] if r.agrees is None else w["agrees"] if r.agrees else w["disagrees"]
            out.append(f"{w['dot'].format(w['H'])}{said}{w['space']}{verdict} [{h.id}]")
    passages = passage_lines(rep, lang, "- ")
    if passages:
        head, *rest = passages
        out += ["", f"## {head.rstrip(':：')}", "", *rest]
    sources = cited_sources(trees, doctrine) if full else []
    if sources:
        head, *rest = source_lines(sources, lang, "- ")
        out += ["", f"## {head.rstrip(':：')}", "", *rest]
    return "\n".join(out) + "\n"
