"""Check a case before reasoning: the SHACL shapes, then what SHACL cannot state.

Structural checks: exactly one case per file; every fact states a base proposition the doctrine
declares, about declared entities that fit its role; no two values for one fact; every holding on
a statement of the doctrine, about declared actors. Problems are data, one per line when printed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from .doctrine import Doctrine, local_name
from .load import ENTITY_ROOTS, bundled_doctrines, classes_of, doctrine_for, members, read_fact, read_turtle, resolve_case, shape_problems
from .terms import LEX
from .timing import timing_problems

__all__ = ["Problem", "structural_problems", "check_graph", "validate_case"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: printed as `file: subject: message`."""

    file: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.subject}: {self.message}"


def structural_problems(graph: Graph, path: Path, doctrine: Doctrine) -> tuple[Problem, ...]:
    """What the shapes cannot see, checked against the doctrine the case will be read with."""
    file = str(path)
    problems: list[Problem] = []

    def classes(node) -> set[str]:
        return classes_of(graph, node, doctrine)

    cases = [s for s in set(graph.subjects(RDF.type, None)) if str(LEX.Case) in classes(s)]
    if len(cases) != 1:
        problems.append(Problem(file, "file", f"a case file declares exactly one lex:Case, found {len(cases)}"))
    entities = {s: classes(s) for s in set(graph.subjects(RDF.type, None)) if classes(s) & set(ENTITY_ROOTS)}

    def check_about(subject, about, roles, what) -> None:
        named = members(graph, about)
        if len(named) != len(roles):
            problems.append(Problem(file, local_name(str(subject)), f"is about {len(named)} entities; {what} has {len(roles)} roles"))
            return
        for member, role in zip(named, roles):
            if member not in entities:
                problems.append(Problem(file, local_name(str(subject)), f"is about {local_name(str(member))}, which the case does not declare"))
            elif not entities[member] & doctrine.role_vars[role].classes:
                need = " or ".join(doctrine.label_of(c, "en") for c in sorted(doctrine.role_vars[role].classes))
                problems.append(Problem(file, local_name(str(subject)), f"is about {local_name(str(member))}, which is not a {need}"))

    seen: dict[tuple, list[tuple[str, object]]] = defaultdict(list)
    for fact in sorted(graph.subjects(RDF.type, LEX.Fact)):
        prop = graph.value(fact, LEX.states)
        statement = doctrine.statements.get(str(prop))
        if statement is None and _declared_elsewhere(str(prop), doctrine):
            continue  # another doctrine's own proposition: not an error, listed as unused by explain
        if statement is None or statement.kind != "Proposition":
            problems.append(Problem(file, local_name(str(fact)), f"states {local_name(str(prop))}, which the doctrine '{doctrine.id}' does not declare as a base proposition"))
            continue
        about = graph.value(fact, LEX.about)
        check_about(fact, about, statement.roles, statement.id)
        key = (str(prop), tuple(str(m) for m in members(graph, about)))
        seen[key].append((local_name(str(fact)), graph.value(fact, LEX.value)))
    for (prop, about), stated in seen.items():
        if len({value for _, value in stated}) > 1:
            said = ", ".join(f"{fid} says {local_name(str(value))}" for fid, value in stated)
            problems.append(Problem(file, stated[0][0], f"two values for one fact ({local_name(prop)} about {', '.join(local_name(a) for a in about)}): {said}"))

    namespace = doctrine.iri[: len(doctrine.iri) - len(local_name(doctrine.iri))]
    for kind in (LEX.Holding, LEX.Expectation):
        for holding in sorted(graph.subjects(RDF.type, kind)):
            on = graph.value(holding, LEX.on)
            statement = doctrine.statements.get(str(on))
            if statement is None or statement.kind == "Proposition":
                if str(on).startswith(namespace):  # a typo in this doctrine's terms; others' are not read
                    problems.append(Problem(file, local_name(str(holding)), f"is on {local_name(str(on))}, which is no rule of the doctrine '{doctrine.id}'"))
                continue
            check_about(holding, graph.value(holding, LEX.about), statement.roles, statement.id)
    if not problems and cases:
        problems += _timing_problems(graph, file, cases[0], doctrine)
    return tuple(problems)


def _timing_problems(graph: Graph, file: str, case, doctrine: Doctrine) -> list[Problem]:
    """Dates out of the order the vocabulary declares, and stated timings the dates contradict."""
    events = [read_fact(graph, f) for f in sorted(graph.subjects(RDF.type, LEX.Fact))]
    filed = str(graph.value(case, LEX.filed) or "")
    return [Problem(file, fid, message) for fid, message in timing_problems(events, filed, doctrine)]


def _declared_elsewhere(prop: str, doctrine: Doctrine) -> bool:
    """Whether a bundled doctrine other than this one declares prop as a base proposition."""
    return any(
        other.iri != doctrine.iri and prop in other.statements and other.statements[prop].kind == "Proposition"
        for other in bundled_doctrines().values()
    )


def check_graph(graph: Graph, path: Path, doctrine_ref: str | None = None) -> tuple[tuple[Problem, ...], Doctrine | None]:
    """Shapes first (they need no doctrine), then the structural checks against the doctrine."""
    shapes = tuple(Problem(str(path), subject, message) for subject, message in shape_problems(path, graph))
    if shapes:
        return shapes, None
    jurisdiction = next((str(o) for o in graph.objects(None, LEX.jurisdiction) if isinstance(o, URIRef)), "")
    doctrine = doctrine_for(doctrine_ref, jurisdiction)
    return structural_problems(graph, path, doctrine), doctrine


def validate_case(ref: str, doctrine_ref: str | None = None) -> tuple[Problem, ...]:
    """Every problem of one case, for `lexpath validate`; an unreadable file raises instead."""
    path = resolve_case(ref)
    return check_graph(read_turtle(path), path, doctrine_ref)[0]
