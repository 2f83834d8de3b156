"""Write a small case file from a few lines of Python: actors, relations and facts.

The scenario tests state each case in full, so that what a rule decides is visible in the test;
anything a case leaves out takes the doctrine's burden default, as a court would decide it.
"""

from __future__ import annotations

from pathlib import Path

HEAD = """@prefix : <https://example.org/scenario#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix lex: <https://w3id.org/lexpath/ns#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix p: <https://w3id.org/lexpath/prop#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix us: <https://w3id.org/lexpath/doctrine/us#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

:case a lex:Case ; dct:identifier "{id}" ; dct:title "情景"@zh , "scenario"@en ;
    lex:jurisdiction lex:{jurisdiction} ; lex:filed "{filed}"^^xsd:date ; dct:source :source .
:source a lex:Source ; dct:title "测试情景"@zh , "a test scenario"@en ; dct:publisher "lexpath" .
:s a oa:SpecificResource ; rdfs:label "S" ; oa:hasSource :source ;
    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "the scenario as the test states it" ] .
"""

VALUES = {True: "lex:established", False: "lex:refuted", None: "lex:unknown"}


def case_text(case_id: str, actors: dict[str, str], relations: list[tuple[str, str, str]],
              facts: list[tuple], filed: str = "2024-06-01", jurisdiction: str = "China") -> str:
    """Turtle for one case.

    actors: id -> class local name in lex: (User, GenerativeAIPlatform, RightsHolder, Work, …);
    relations: (subject, property local name in lex:, object); facts: (proposition local name,
    about id (a tuple of ids for a proposition about a pair), True | False | None) or the same with a
    fourth item, an ISO date; jurisdiction: China
    or UnitedStates. A fact about a proposition of the us doctrine names it as "us:Name".
    """
    out = [HEAD.format(id=case_id, filed=filed, jurisdiction=jurisdiction)]
    for eid, cls in actors.items():
        out.append(f':{eid} a lex:{cls} ; rdfs:label "{eid}"@zh , "{eid}"@en .')
    for s, prop, o in relations:
        out.append(f":{s} lex:{prop} :{o} .")
    for i, fact in enumerate(facts, 1):
        prop, about, value, *date = fact
        dated = f' ; lex:date "{date[0]}"^^xsd:date' if date else ""
        name = prop if ":" in prop else f"p:{prop}"
        about = f"( {' '.join(':' + a for a in about)} )" if isinstance(about, tuple) else f":{about}"
        out.append(f":f{i} a lex:Fact ; lex:states {name} ; lex:about {about} ; lex:value {VALUES[value]} ; "
                   f'lex:locator :s ; lex:tag lex:found{dated} .')
    return "\n".join(out) + "\n"


def write_case(folder: Path, case_id: str, *args, **kwargs) -> Path:
    path = folder / f"{case_id}.ttl"
    path.write_text(case_text(case_id, *args, **kwargs), encoding="utf-8")
    return path
