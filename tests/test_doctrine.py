"""A doctrine is data: a user's doctrine from a path runs unchanged; a broken one fails in one line."""

import pytest

from lexpath.doctrine import natural_key
from lexpath.load import bundled_doctrines

from conftest import lexpath, one_line_error, write

HEAD = """@prefix dct: <http://purl.org/dc/terms/> .
@prefix lex: <https://w3id.org/lexpath/ns#> .
@prefix p: <https://w3id.org/lexpath/prop#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix t: <https://example.org/tiny#> .

t:doctrine a lex:Doctrine ; dct:identifier "tiny" ; lex:jurisdiction lex:China ;
    rdfs:label "小"@zh , "tiny"@en ; skos:definition "测试"@zh , "a test doctrine"@en .
t:art1 a lex:LegalSource ; rdfs:label "第一条"@zh , "art. 1"@en ; skos:definition "一"@zh , "one"@en .
"""


def rule(name, condition, kind="Conclusion"):
    return f"""t:{name} a lex:{kind} ; rdfs:label "{name}"@zh , "{name}"@en ;
    skos:definition "d"@zh , "d"@en ; lex:roles ( p:provider ) ; lex:acceptIf {condition} ;
    lex:legalBasis t:art1 ; lex:ifEstablished "y"@zh , "y"@en ; lex:ifRefuted "n"@zh , "n"@en .
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
    ],
    ids=["cycle", "unknown-statement", "names-nothing", "role-mismatch", "breaks-shapes"],
)
def test_a_broken_doctrine_is_one_line(tmp_path, body, words):
    path = write(tmp_path, "bad.ttl", HEAD + body)
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(path)), str(path), *words)


def test_every_rule_of_the_bundled_doctrine_cites_a_legal_basis_and_speaks_both_languages():
    for doctrine in bundled_doctrines().values():
        for st in doctrine.statements.values():
            assert st.label.get("zh") and st.label.get("en"), st.id
            if st.kind != "Proposition":
                assert st.legal_basis and st.if_established.get("zh") and st.if_refuted.get("en"), st.id


def test_natural_order_of_articles():
    assert sorted(["art-12", "art-9", "art-10"], key=natural_key) == ["art-9", "art-10", "art-12"]
