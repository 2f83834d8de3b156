"""The bundled case base at a glance: each case's court, date and outcome per actor, and lexpath's agreement.

An outcome is a holding (or a variant's expectation) on a conclusion that no other conclusion
of the doctrine rests on: liability, not the elements that lead to it. Each case is read with
its own jurisdiction's doctrine, so a court is compared with the law it applied.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .doctrine import Doctrine, Text
from .evaluate import evaluate
from .explain import rows
from .frozen import FrozenMap
from .ground import ground, outline, stated
from .load import bundled_cases, load_case
from .logic import Value

__all__ = ["Outcome", "Entry", "case_base", "to_text", "to_json"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A holding on a final conclusion, with the value lexpath derives for it."""

    actors: tuple[str, ...]
    label: Text
    held: Value
    by_court: bool
    lexpath: Value


@dataclass(frozen=True, slots=True)
class Entry:
    """One bundled case: what it is, where it was decided, and how its actors came out."""

    id: str
    variant_of: str  # the base case's id for a teaching variant, "" for a judgment
    title: Text
    court: Text
    number: str
    decided: str
    appeal: Text
    names: FrozenMap  # actor id -> label
    outcomes: tuple[Outcome, ...]
    agree: int
    disagree: int
    undecided: int


def final_conclusions(doctrine: Doctrine) -> frozenset[str]:
    """The doctrine's conclusions that no other conclusion rests on (statement IRIs)."""
    O = outline(doctrine)
    kind = {n: doctrine.statements[O.nodes[n]["statement"]].kind for n in O}
    return frozenset(
        O.nodes[n]["statement"] for n in O
        if kind[n] == "Conclusion" and not any(kind[m] == "Conclusion" for m in O.successors(n))
    )


def case_base() -> list[Entry]:
    """Every bundled case, judgments first, each read with its own jurisdiction's doctrine."""
    entries = []
    for cid in bundled_cases():
        case, doctrine = load_case(cid)
        G = ground(doctrine, case)
        ev = evaluate(G, stated(G))
        every = rows(G, ev, case, doctrine)
        final = final_conclusions(doctrine)
        held = [r for r in every if r.holding is not None]
        entries.append(Entry(
            id=case.id,
            variant_of=case.variant_of.split("#")[0].rsplit("/", 1)[-1] if case.variant_of else "",
            title=case.title,
            court=case.court,
            number=case.number,
            decided=case.decided,
            appeal=case.appeal,
            names=FrozenMap({e.id: e.label for e in case.entities.values()}),
            outcomes=tuple(
                Outcome(r.actors, doctrine.statements[r.statement].label, r.holding.value, r.holding.by_court, r.value)
                for r in held if r.statement in final
            ),
            agree=sum(r.agrees is True for r in held),
            disagree=sum(r.agrees is False for r in held),
            undecided=sum(r.agrees is None for r in held),
        ))
    return sorted(entries, key=lambda e: (bool(e.variant_of), e.id))


WORDS = {
    "en": {"judgment": "judgment", "variant": "variant of {base}", "court": "court", "expected": "expected",
           "agree": "agrees", "disagree": "DISAGREES", "unknown": "left unknown",
           "tally": "{agree} of {n} holdings agree, {disagree} disagree, {undecided} left unknown by lexpath",
           Value.ESTABLISHED: "established", Value.REFUTED: "refuted", Value.UNKNOWN: "unknown", "colon": ": ", "sep": " · ", "list": ", "},
    "zh": {"judgment": "判决", "variant": "教学变体（改编自 {base}）", "court": "法院", "expected": "预期",
           "agree": "一致", "disagree": "不一致", "unknown": "未能确定",
           "tally": "{n} 项认定中一致 {agree}，不一致 {disagree}，lexpath 未能确定 {undecided}",
           Value.ESTABLISHED: "成立", Value.REFUTED: "不成立", Value.UNKNOWN: "未知", "colon": "：", "sep": " · ", "list": "、"},
}


def _pick(text, lang: str) -> str:
    return text.get(lang) or text.get("en") or text.get("zh") or ""


def to_text(entries: list[Entry], lang: str = "en") -> str:
    """Per case: a heading line, the title, the appeal, each outcome and the agreement tally."""
    w = WORDS[lang]
    out = []
    for e in entries:
        kind = w["variant"].format(base=e.variant_of) if e.variant_of else w["judgment"]
        where = w["sep"].join(x for x in (_pick(e.court, lang), e.number, e.decided) if x)
        out += [f"{e.id}  [{kind}]{'  ' + where if where else ''}", f"    {_pick(e.title, lang)}"]
        if e.appeal:
            out.append(f"    {_pick(e.appeal, lang)}")
        for o in e.outcomes:
            who = w["list"].join(_pick(e.names.get(a, {}), lang) or a for a in o.actors)
            state = w["agree"] if o.lexpath is o.held else w["unknown"] if o.lexpath is Value.UNKNOWN else w["disagree"]
            out.append(f"    - {who}{w['colon']}{_pick(o.label, lang)}{w['colon']}{w['court' if o.by_court else 'expected']} "
                       f"{w[o.held]}, lexpath {w[o.lexpath]} ({state})")
        n = e.agree + e.disagree + e.undecided
        out += [f"    {w['tally'].format(n=n, agree=e.agree, disagree=e.disagree, undecided=e.undecided)}", ""]
    return "\n".join(out)


def to_json(entries: list[Entry]) -> str:
    """The case base as JSON: one object per case."""
    return json.dumps([
        {"id": e.id, "variant_of": e.variant_of or None, "title": dict(e.title), "court": dict(e.court), "number": e.number,
         "decided": e.decided, "appeal": dict(e.appeal) or None,
         "outcomes": [{"actors": list(o.actors), "label": dict(o.label), "held": o.held.value, "by_court": o.by_court,
                       "lexpath": o.lexpath.value} for o in e.outcomes],
         "agreement": {"agree": e.agree, "disagree": e.disagree, "undecided": e.undecided}}
        for e in entries
    ], ensure_ascii=False, indent=1)
