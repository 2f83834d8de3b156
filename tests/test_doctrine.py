"""A doctrine is data: a user's doctrine from a path runs unchanged; a broken one fails in one line."""

import json

import pytest

from rdflib import RDF

from lexpath.doctrine import natural_key
from lexpath.load import bundled_doctrines, data_dir, read_turtle
from lexpath.render import doctrine_page
from lexpath.terms import LEX

from conftest import TINY_HEAD as HEAD, lexpath, one_line_error, write



def rule(name, condition, kind="Conclusion"):
    return f"""t:{name} a lex:{kind} ; rdfs:label "{name}"@zh , "{name}"@en ;
    skos:definition "d"@zh , "d"@en ; lex:roles ( p:provider ) ; lex:acceptIf {condition} ;
    lex:legalBasis t:art1 ; lex:ifEstablished "y"@zh , "y"@en ; lex:ifRefuted "n"@zh , "n"@en .
"""


# A proposition only this doctrine reads: it cites the source that makes it matter.
OWN = """t:Own a lex:Proposition ; rdfs:label "Own"@zh , "own"@en ; skos:definition "d"@zh , "d"@en ;
    lex:roles ( p:provider ) ; lex:legalBasis t:art1 ; lex:question "q"@zh , "q"@en ;
    lex:denial "非己"@zh , "not own"@en .
"""


def test_a_user_doctrine_from_a_path_runs_unchanged(tmp_path):
    text = HEAD + rule("Promoter", "[ lex:anyOf ( p:FeaturedProminently p:IPCategory ) ]")
    path = write(tmp_path, "tiny.ttl", text)
    r = lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(path), "--actor", "platform")
    assert r.returncode == 0, r.stderr
    assert "[+] Promoter (platform): established" in r.stdout


@pytest.mark.parametrize(
    "body, words",
    [
        (rule("A", "t:B") + rule("B", "t:A"), ["cycle", "A -> B -> A"]),
        (rule("A", "[ lex:allOf ( p:WorkFamous t:Nothing ) ]"), ["A", "Nothing", "no statement"]),
        (rule("A", "[ lex:frobnicate p:WorkFamous ]"), ["A", "names nothing"]),
        (rule("A", "[ lex:node p:WorkFamous ; lex:of ( p:provider ) ]"), ["A", "cannot fill the role"]),
        (rule("A", "p:WorkFamous").replace('rdfs:label "A"@zh , ', "rdfs:label "), ["A", "rdfs:label"]),
        (rule("A", "t:Own") + OWN.replace("lex:legalBasis t:art1 ; ", ""), ["Own", "lex:legalBasis"]),
        (rule("A", "t:Own") + OWN.replace("t:art1", "t:art2"), ["Own", "lex:LegalSource"]),
    ],
    ids=["cycle", "unknown-statement", "names-nothing", "role-mismatch", "breaks-shapes",
         "proposition-without-basis", "proposition-basis-no-source"],
)
def test_a_broken_doctrine_is_one_line(tmp_path, body, words):
    path = write(tmp_path, "bad.ttl", HEAD + body)
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(path)), str(path), *words)


def shared_propositions() -> set[str]:
    """The facts vocabulary every doctrine reads (propositions.ttl): no one doctrine's basis."""
    graph = read_turtle(data_dir("ontology") / "propositions.ttl")
    return {str(s) for s in graph.subjects(RDF.type, LEX.Proposition)}


@pytest.mark.parametrize(
    "k, words",
    [
        ('"two"', ['"two"']),
        ("0", ["found 0"]),
        ("-1", ["found -1"]),
        ("1.5", ["found 1.5"]),
        ("true", ["found true"]),
        ("p:WorkFamous", ["found p:WorkFamous"]),
        ("4", ["lex:atLeast 4 of 3", "can never hold"]),
    ],
    ids=["word", "zero", "negative", "fraction", "boolean", "not-a-literal", "more-than-among"],
)
def test_at_least_needs_a_whole_number_from_one_to_the_number_of_items(tmp_path, k, words):
    among = f"[ lex:atLeast {k} ; lex:among ( p:FeaturedProminently p:IPCategory p:EarnsFromUse ) ]"
    path = write(tmp_path, "k.ttl", HEAD + rule("Promoter", among))
    needs = "positive whole number" if "can never hold" not in words else "lex:atLeast"
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(path)), str(path), "Promoter", needs, *words)


@pytest.mark.parametrize("k, value", [("5", "refuted"), ('"3"^^xsd:integer', "established"), ("1", "established")])
def test_at_least_from_one_to_all_of_the_items_runs(tmp_path, k, value):
    among = f"[ lex:atLeast {k} ; lex:among ( p:FeaturedProminently p:IPCategory p:EarnsFromUse p:AdaptedModels p:GeneralModelsOnly ) ]"
    text = HEAD.replace("@prefix t:", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix t:")
    path = write(tmp_path, "k.ttl", text + rule("Promoter", among))
    r = lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(path), "--actor", "platform")
    assert r.returncode == 0, r.stderr
    assert f"Promoter (platform): {value}" in r.stdout


def test_every_statement_a_bundled_doctrine_declares_cites_a_legal_basis_and_speaks_both_languages():
    shared = shared_propositions()
    for doctrine in bundled_doctrines().values():
        for st in doctrine.statements.values():
            assert st.label.get("zh") and st.label.get("en"), st.id
            if st.kind != "Proposition":
                assert st.legal_basis and st.if_established.get("zh") and st.if_refuted.get("en"), st.id
            elif st.iri not in shared:  # a proposition only this doctrine reads
                assert st.legal_basis, st.id
            assert all(doctrine.label_of(s, "en") != s.rsplit("#", 1)[-1] for s in st.legal_basis), st.id


def test_the_doctrine_page_shows_the_basis_of_every_statement_a_doctrine_declares():
    shared = shared_propositions()
    for did, doctrine in bundled_doctrines().items():
        graph = doctrine_page([did]).data["graphs"][0]
        statements, sources = graph["statements"], graph["sources"]
        for st in doctrine.statements.values():
            basis = statements[st.id]["basis"]  # source ids, labelled once in the graph's sources
            assert basis == [s.rsplit("#", 1)[-1] for s in st.legal_basis]
            assert basis or st.iri in shared, (did, st.id)
            assert all(sources[b]["en"] and sources[b]["zh"] for b in basis)


def test_natural_order_of_articles():
    assert sorted(["art-12", "art-9", "art-10"], key=natural_key) == ["art-9", "art-10", "art-12"]


def test_a_doctrine_given_as_a_folder_reads_every_file(tmp_path):
    folder = tmp_path / "tiny-law"
    (folder / "rules").mkdir(parents=True)
    write(folder, "head.ttl", HEAD)
    write(folder / "rules", "promoter.ttl", HEAD.split("t:doctrine")[0] + rule("Promoter", "p:IPCategory"))
    r = lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(folder), "--actor", "platform")
    assert r.returncode == 0, r.stderr
    assert "[+] Promoter (platform): established" in r.stdout


def test_an_empty_folder_is_one_line(tmp_path):
    (tmp_path / "empty").mkdir()
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(tmp_path / "empty")), "no .ttl file")


def test_a_doctrine_path_that_does_not_parse_is_one_line(tmp_path):
    path = write(tmp_path, "broken.ttl", HEAD + "t:A a lex:Conclusion ; rdfs:label \"unterminated .")
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(path)), str(path), "not valid Turtle")


# A small doctrine of another area of law, negligence, as a closed world: every absent factor false.
NEGLIGENCE = """@prefix dct: <http://purl.org/dc/terms/> .
@prefix lex: <https://w3id.org/lexpath/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix n: <https://example.org/negligence#> .

n:doctrine a lex:Doctrine ; dct:identifier "negligence" ; lex:jurisdiction lex:UnitedStates ;
    rdfs:label "过失"@zh , "negligence"@en ; skos:definition "过失侵权"@zh , "the tort of negligence"@en ;
    lex:burden [ lex:whenUnstated lex:refuted ; lex:bearer lex:Claimant ; lex:legalBasis n:tort ] .
n:tort a lex:LegalSource ; rdfs:label "侵权法"@zh , "law of torts"@en ; skos:definition "侵权"@zh , "torts"@en .
n:defendant a lex:RoleVariable ; rdfs:label "被告"@zh , "defendant"@en ; skos:definition "被告"@zh , "the defendant"@en ;
    lex:role lex:User .
""" + "".join(
    f"""n:{name} a lex:Proposition ; rdfs:label "{name}"@zh , "{name}"@en ; skos:definition "d"@zh , "d"@en ;
    lex:roles ( n:defendant ) ; lex:legalBasis n:tort ; lex:question "{name}?"@zh , "{name}?"@en ;
    lex:denial "not {name}"@zh , "not {name}"@en .
"""
    for name in ("OwedDuty", "Breached", "Caused", "Harmed")
) + """n:Negligence a lex:Conclusion ; rdfs:label "过失责任"@zh , "negligence liability"@en ;
    skos:definition "d"@zh , "d"@en ; lex:roles ( n:defendant ) ;
    lex:acceptIf [ lex:allOf ( n:OwedDuty n:Breached n:Caused n:Harmed ) ] ; lex:legalBasis n:tort ;
    lex:ifEstablished "y"@zh , "liable"@en ; lex:ifRefuted "n"@zh , "not liable"@en .
"""

CRASH = """@prefix : <https://example.org/crash#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix lex: <https://w3id.org/lexpath/ns#> .
@prefix n: <https://example.org/negligence#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
:case a lex:Case ; dct:identifier "crash" ; dct:title "撞车"@zh , "the crash"@en ;
    lex:jurisdiction lex:UnitedStates ; dct:source :report .
:report a lex:Source ; dct:title "the accident report" ; dct:publisher "the police" .
:p1 a oa:SpecificResource ; rdfs:label "p. 1" ; oa:hasSource :report ;
    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "the driver owed a duty, breached it and caused the crash" ] .
:p2 a oa:SpecificResource ; rdfs:label "p. 2" ; oa:hasSource :report ;
    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "the pedestrian was hurt" ] .
:driver a lex:User ; rdfs:label "司机"@zh , "the driver"@en .
""" + "".join(
    f""":f-{name} a lex:Fact ; lex:states n:{name} ; lex:about :driver ; lex:value lex:established ;
    lex:locator :p1 ; lex:tag lex:found .
"""
    for name in ("OwedDuty", "Breached", "Caused")
)


def test_a_negligence_doctrine_as_a_closed_world_via_a_doctrine_wide_burden(tmp_path):
    law = write(tmp_path, "negligence.ttl", NEGLIGENCE)
    case = write(tmp_path, "crash.ttl", CRASH)
    r = lexpath("explain", str(case), "--doctrine", str(law), "--format", "json")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    (c,) = [c for c in rep["conclusions"] if c["statement"] == "Negligence"]
    assert c["value"] == "refuted"  # harm is absent, so false: the claimant has not proved it
    (leaf,) = c["justification"]["children"]
    assert leaf["statement"] == "Harmed" and leaf["source"]["kind"] == "burden"
    assert leaf["source"]["bearer"]["id"] == "Claimant"
    text = lexpath("explain", str(case), "--doctrine", str(law)).stdout
    assert "not stated: refuted by default, the burden being on the claimant (law of torts)" in text

    harmed = CRASH + """:f-Harmed a lex:Fact ; lex:states n:Harmed ; lex:about :driver ; lex:value lex:established ;
    lex:locator :p2 ; lex:tag lex:found .
"""
    case = write(tmp_path, "crash.ttl", harmed)
    assert "[+] negligence liability (driver): established" in lexpath("explain", str(case), "--doctrine", str(law)).stdout


def test_two_doctrine_wide_burdens_are_one_line(tmp_path):
    text = NEGLIGENCE.replace("lex:burden [", "lex:burden [ lex:whenUnstated lex:unknown ] , [")
    law = write(tmp_path, "negligence.ttl", text)
    one_line_error(lexpath("explain", str(write(tmp_path, "crash.ttl", CRASH)), "--doctrine", str(law)), "at most one")


def test_a_doctrine_declares_propositions_of_its_own():
    us = bundled_doctrines()["us"]
    own = [st for st in us.statements.values() if st.kind == "Proposition" and st.iri.startswith("https://w3id.org/lexpath/doctrine/us#")]
    assert len(own) >= 10
    assert all(st.question.get("zh") and st.question.get("en") for st in own)
    assert not any(st.iri in bundled_doctrines()["cn"].statements for st in own)


def test_a_case_fact_the_doctrine_does_not_use_is_listed_not_an_error():
    r = lexpath("explain", "hangzhou-ultraman-lora", "--format", "json")
    facts = {f["id"]: f for f in json.loads(r.stdout)["facts"]}
    assert facts["f-platform-not-tailored"]["used"] is False  # a US-only proposition, read under cn
    (unused,) = [line for line in lexpath("explain", "hangzhou-ultraman-lora").stdout.splitlines() if line.startswith("facts this doctrine does not use")]
    assert "f-platform-not-tailored" in unused


def test_a_fact_on_a_proposition_no_doctrine_declares_is_still_an_error(tmp_path, hangzhou_text):
    text = hangzhou_text.replace("us:LacksSubstantialNoninfringingUses", "us:LacksSubstantialNonInfringingUses")
    path = write(tmp_path, "typo.ttl", text)
    one_line_error(lexpath("explain", str(path)), "f-platform-not-tailored", "does not declare")


def test_corresponding_conclusions_are_linked_in_the_data():
    us, cn = bundled_doctrines()["us"], bundled_doctrines()["cn"]
    linked = {m for st in us.statements.values() for m in st.close_match}
    assert linked and linked <= set(cn.statements)
    for name in ("DirectInfringement", "ContributoryInfringement", "SafeHarbour", "CopyrightLiability"):
        assert f"{cn.iri.rsplit('#', 1)[0]}#{name}" in linked


def test_every_legal_source_of_us_names_its_court_or_section():
    us = bundled_doctrines()["us"]
    sources = {s for st in us.statements.values() for s in st.legal_basis}
    assert sources
    for s in sources:
        label = us.label_of(s, "en")
        assert "§" in label or "(" in label or "territoriality" in label, label  # section, or court and year
        assert us.label_of(s, "zh") != label
