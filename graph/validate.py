"""Check a case before reasoning: the SHACL shapes, then what SHACL cannot state.

Structural checks: exactly one case per file; every fact states a base proposition the doctrine
declares, about declared entities that fit its role; no two values for one fact; every holding on
a statement of the doctrine, about declared actors. Problems are data, one per line when printed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from .doctrine import Doctrine, local_name
from .ground import ground, node_id
from .load import ENTITY_ROOTS, Case, bundled_doctrines, classes_of, doctrine_for, members, parse_case, read_case_graph, read_fact, resolve_case, shape_problems
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

    for kind in (LEX.Holding, LEX.Expectation):
        for holding in sorted(graph.subjects(RDF.type, kind)):
            on = graph.value(holding, LEX.on)
            statement = doctrine.statements.get(str(on))
            if statement is None or statement.kind == "Proposition":
                if not _concluded_elsewhere(str(on), doctrine):  # a typo, or a conclusion no doctrine has
                    problems.append(Problem(file, local_name(str(holding)), f"is on {local_name(str(on))}, which is no conclusion of the doctrine '{doctrine.id}' nor of any bundled doctrine"))
                continue
            check_about(holding, graph.value(holding, LEX.about), statement.roles, statement.id)
    problems += _sourcing_problems(graph, file, cases)
    if not problems and cases:
        problems += _timing_problems(graph, file, cases[0], doctrine)
    return tuple(problems)


def _sourcing_problems(graph: Graph, file: str, cases: list) -> list[Problem]:
    """A fact or holding rests on a passage of a source, unless a teaching variant stipulates it."""
    variant = any((c, RDF.type, LEX.TeachingVariant) in graph for c in cases)
    problems = []
    for kind in (LEX.Fact, LEX.Holding):  # an expectation is our reading: it cites no source
        for node in sorted(graph.subjects(RDF.type, kind)):
            stipulated = graph.value(node, LEX.tag) == LEX.stipulated
            if stipulated and not variant:
                problems.append(Problem(file, local_name(str(node)), "is tagged lex:stipulated, but only a teaching variant stipulates; a case's facts come from its sources"))
            elif not stipulated and graph.value(node, LEX.locator) is None:
                problems.append(Problem(file, local_name(str(node)), "cites no passage (lex:locator): what is not stipulated rests on a passage of one of the case's sources"))
    return problems


def _timing_problems(graph: Graph, file: str, case, doctrine: Doctrine) -> list[Problem]:
    """Dates out of the order the vocabulary declares, and stated timings the dates contradict."""
    events = [read_fact(graph, f) for f in sorted(graph.subjects(RDF.type, LEX.Fact))]
    filed = str(graph.value(case, LEX.filed) or "")
    return [Problem(file, fid, message) for fid, message in timing_problems(events, filed, doctrine)]


def _concluded_elsewhere(statement: str, doctrine: Doctrine) -> bool:
    """Whether a bundled doctrine other than this one has statement as a rule (a holding's lex:on)."""
    return any(
        other.iri != doctrine.iri and statement in other.statements and other.statements[statement].kind != "Proposition"
        for other in bundled_doctrines().values()
    )


def _declared_elsewhere(prop: str, doctrine: Doctrine) -> bool:
    """Whether a bundled doctrine other than this one declares prop as a base proposition."""
    return any(
        other.iri != doctrine.iri and prop in other.statements and other.statements[prop].kind == "Proposition"
        for other in bundled_doctrines().values()
    )


def check_graph(graph: Graph, files: Sequence[Path], doctrine_ref: str | None = None) -> tuple[tuple[Problem, ...], Doctrine | None]:
    """Shapes first (they need no doctrine), then the structural checks against the doctrine.

    files: the case file, then the files of the base cases a variant inherits from.
    """
    path = files[0]
    shapes = tuple(Problem(str(path), subject, message) for subject, message in shape_problems(files, graph))
    if shapes:
        return shapes, None
    jurisdiction = next((str(o) for o in graph.objects(None, LEX.jurisdiction) if isinstance(o, URIRef)), "")
    doctrine = doctrine_for(doctrine_ref, jurisdiction)
    problems = structural_problems(graph, path, doctrine)
    if not problems:
        problems = _unheld(parse_case(graph, path, doctrine), doctrine)
    return problems, doctrine


def _unheld(case: Case, doctrine: Doctrine) -> tuple[Problem, ...]:
    """Holdings the reasoner has no conclusion for: on actors the case does not relate so."""
    G = ground(doctrine, case)
    return tuple(
        Problem(case.path, h.id, f"is on {local_name(h.statement)} for ({', '.join(h.about)}), but the case does not relate "
                "these actors so that the doctrine reaches that conclusion: relate them (lex:claimsAgainst, lex:usesServiceOf, ...) or correct lex:about")
        for h in case.holdings
        if node_id(local_name(h.statement), h.about) not in G
    )


def validate_case(ref: str, doctrine_ref: str | None = None) -> tuple[Problem, ...]:
    """Every problem of one case, for `lexpath validate`; an unreadable file raises instead."""
    graph, files = read_case_graph(resolve_case(ref))
    return check_graph(graph, files, doctrine_ref)[0]
