"""Synthetic cases for tests and benchmarks, drawn from the doctrine's own data.

Everything comes from the compiled doctrine: the kinds of entity are the most specific classes
that can fill its role variables, the relations between them are the ones its bindings name, the
facts are random values of its base propositions about entities that fit their roles (a few left
unknown, some left unstated), and the holdings are the doctrine's own conclusions for the case
with a few flipped, so agreement over a corpus is high but not total. Every case passes
`lexpath validate`. The same seed gives the same files.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from .doctrine import Doctrine, local_name
from .errors import OutputError
from .frozen import FrozenMap
from .load import Case, Entity, Fact, bundled_doctrines, doctrine_for
from .logic import Value

__all__ = ["entity_kinds", "generate_cast", "generate_case", "generate_corpus"]

_OA = "http://www.w3.org/ns/oa#"
_VALUES = {Value.ESTABLISHED: "lex:established", Value.REFUTED: "lex:refuted", Value.UNKNOWN: "lex:unknown"}


def entity_kinds(doctrine: Doctrine) -> list[str]:
    """The most specific classes that fill some role variable of the doctrine, sorted."""
    wanted = {c for rv in doctrine.role_vars.values() for c in rv.classes}
    below = {c for c, ups in doctrine.ancestors.items() if ups & wanted}
    has_sub = {up for c in below for up in doctrine.ancestors[c] if up != c}
    return sorted(c for c in below if c not in has_sub)


def _ttl_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate_cast(doctrine: Doctrine, rng: random.Random) -> tuple[dict[str, Entity], set[tuple[str, str, str]]]:
    """A random cast: entities of each kind, and the relations the doctrine's bindings read."""
    kinds = entity_kinds(doctrine)
    entities: dict[str, Entity] = {}
    for kind in kinds:
        for k in range(1, rng.choice((1, 1, 1, 2)) + 1):
            eid = f"{local_name(kind).lower()}-{k}"
            entities[eid] = Entity(eid, f"#{eid}", FrozenMap(), frozenset(doctrine.ancestors.get(kind, {kind})))
    relations: set[tuple[str, str, str]] = set()
    bindings = {b for st in doctrine.statements.values() for b in st.bindings}
    for b in sorted(bindings, key=lambda b: (b.subject, b.relation, b.object)):
        spec = doctrine.relations[b.relation]
        props = sorted(spec.properties - {b.relation}) or [b.relation]
        for s in _fits(doctrine, entities, b.subject):
            for o in _fits(doctrine, entities, b.object):
                if s != o and rng.random() < 0.6:
                    relations.add((s, rng.choice(props), o))
    return entities, relations


def _fits(doctrine: Doctrine, entities, var: str) -> list[str]:
    classes = doctrine.role_vars[var].classes
    return [e.id for e in entities.values() if e.classes & classes]


def generate_case(doctrine: Doctrine, rng: random.Random, case_id: str, evaluator, cast) -> str:
    """One valid synthetic case as Turtle text, over a cast from generate_cast."""
    kinds = entity_kinds(doctrine)
    entities, relations = cast

    def fits(var: str) -> list[str]:
        return _fits(doctrine, entities, var)

    facts: list[Fact] = []
    n = 0
    for st in sorted(doctrine.statements.values(), key=lambda s: s.iri):
        if st.kind != "Proposition" or len(st.roles) != 1:
            continue
        for eid in fits(st.roles[0]):
            if rng.random() < 0.55:
                continue  # unstated
            n += 1
            roll = rng.random()
            value = Value.UNKNOWN if roll < 0.05 else Value.ESTABLISHED if roll < 0.55 else Value.REFUTED
            facts.append(Fact(f"f-{n}", st.iri, (eid,), value, f"G{n}", rng.choice(("found", "found", "reported", "inferred")), True))
    facts = _timings_kept(doctrine, facts)
    case = Case(case_id, "", "#case", FrozenMap(), FrozenMap(), "", "", "", doctrine.jurisdiction, "", FrozenMap(), FrozenMap(entities), frozenset(relations), tuple(facts), ())
    values = evaluator(doctrine, case)
    decided = [(st, args, v) for (st, args), v in values.items() if v is not Value.UNKNOWN and doctrine.statements[st].kind == "Conclusion"]
    rng.shuffle(decided)
    holdings = []
    for k, (st, args, v) in enumerate(sorted(decided[: rng.randint(2, 6)], key=lambda x: (x[0], x[1])), 1):
        if rng.random() < 0.1:
            v = Value.REFUTED if v is Value.ESTABLISHED else Value.ESTABLISHED
        holdings.append((f"h-{k}", st, args, v))
    return _turtle(doctrine, case_id, entities, kinds, relations, facts, holdings, rng)


def _timings_kept(doctrine: Doctrine, facts: list[Fact]) -> list[Fact]:
    """The facts less any timing stated established although one of its two events is refuted.

    Such a timing contradicts its events (a removal within a day of a notice that never came), and
    validation rejects it; the generator dates nothing, so it keeps every other combination.
    """
    refuted = {(f.proposition, f.about) for f in facts if f.value is Value.REFUTED}

    def contradicts(f: Fact) -> bool:
        timing = doctrine.statements[f.proposition].timing
        return (timing is not None and f.value is not Value.REFUTED
                and any((event, f.about) in refuted for event in (timing.start, timing.end)))

    return [f for f in facts if not contradicts(f)]


def _turtle(doctrine, case_id, entities, kinds, relations, facts, holdings, rng) -> str:
    kind_of = {}
    for kind in kinds:
        for e in entities.values():
            if kind in e.classes:
                kind_of[e.id] = kind
    out = [
        f"@prefix : <https://w3id.org/lexpath/case/{case_id}#> .",
        "@prefix dct: <http://purl.org/dc/terms/> .",
        "@prefix lex: <https://w3id.org/lexpath/ns#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "",
        ":case a lex:Case ;",
        f'    dct:identifier "{case_id}" ;',
        f'    dct:title "合成案例 {case_id}"@zh , "Synthetic case {case_id}"@en ;',
        f"    lex:jurisdiction <{doctrine.jurisdiction}> ;",
        "    dct:source :judgment .",
        "",
        ':judgment a lex:Source ; dct:title "合成判决"@zh , "a synthetic judgment"@en ; dct:publisher "lexpath" .',
        "",
    ]
    keys = sorted({fact.locator for fact in facts} | {f"H{hid[2:]}" for hid, *_ in holdings})
    out += [f':p-{k} a <{_OA}SpecificResource> ; rdfs:label "{k}" ; <{_OA}hasSource> :judgment ; '
            f'<{_OA}hasSelector> [ a <{_OA}TextQuoteSelector> ; <{_OA}exact> "synthetic passage {k}" ] .' for k in keys]
    for e in entities.values():
        zh = doctrine.labels.get(kind_of[e.id], {}).get("zh", local_name(kind_of[e.id]))
        en = doctrine.labels.get(kind_of[e.id], {}).get("en", local_name(kind_of[e.id]))
        n = e.id.rsplit("-", 1)[-1]
        out.append(f":{e.id} a <{kind_of[e.id]}> ; rdfs:label {_ttl_string(f'{zh}{n}')}@zh , {_ttl_string(f'{en} {n}')}@en .")
    for s, p, o in sorted(relations):
        out.append(f":{s} <{p}> :{o} .")
    out.append("")
    for fact in facts:
        out.append(
            f":{fact.id} a lex:Fact ; lex:states <{fact.proposition}> ; lex:about :{fact.about[0]} ; "
            f'lex:value {_VALUES[fact.value]} ; lex:locator :p-{fact.locator} ; lex:tag lex:{fact.tag} .'
        )
    for hid, st, args, v in holdings:
        about = f":{args[0]}" if len(args) == 1 else "( " + " ".join(f":{a}" for a in args) + " )"
        out.append(
            f":{hid} a lex:Holding ; lex:on <{st}> ; lex:about {about} ; "
            f'lex:value {_VALUES[v]} ; lex:locator :p-H{hid[2:]} ; lex:tag lex:{rng.choice(("found", "reported"))} .'
        )
    return "\n".join(out) + "\n"


def generate_corpus(n: int, seed: int, out_dir: str, doctrine_ref: str | None = None) -> list[Path]:
    """Write n synthetic cases to out_dir (created when missing); return their paths."""
    from .compiled import run, value_at
    from .corpus import Evaluator

    doctrine = doctrine_for(doctrine_ref, "") if doctrine_ref else next(iter(bundled_doctrines().values()))
    evaluator = Evaluator(doctrine_ref)

    def values(doctrine: Doctrine, case: Case) -> dict:
        _, structure = evaluator.structure(doctrine, case)
        program = structure.program
        stated = []
        for fact in case.facts:
            i = program.props.get((fact.proposition, fact.about))
            if i is not None:
                stated.append((i, 1, int(fact.value is Value.ESTABLISHED), int(fact.value is Value.REFUTED)))
        t, f = run(program, stated, 1)
        return {program.statement_of[i]: value_at(t[i], f[i], 0) for i in range(len(program.nodes))}

    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(out_dir, "directory", f"cannot be created ({err.strerror})") from err
    rng = random.Random(seed)
    casts = [generate_cast(doctrine, rng) for _ in range(max(1, min(24, n // 4)))]
    paths = []
    width = max(4, len(str(n)))
    for k in range(n):
        case_id = f"gen-{seed}-{k:0{width}d}"
        path = folder / f"{case_id}.ttl"
        text = generate_case(doctrine, rng, case_id, values, rng.choice(casts))
        try:
            tmp = path.with_suffix(".ttl.part")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        except OSError as err:
            raise OutputError(path, "file", f"cannot be written ({err.strerror})") from err
        paths.append(path)
    return paths
