from rdflib import Graph

from lexpath.load import data_dir
from lexpath.terms import LEX


def test_lex_namespace_equals_core_ttl():
    graph = Graph().parse(data_dir("ontology") / "core.ttl")
    ns = str(LEX._NS)
    declared = {str(s)[len(ns):] for s in graph.subjects() if str(s).startswith(ns) and str(s) != ns}
    in_python = set(LEX.__annotations__) | set(LEX._extras)
    assert declared == in_python


def test_a_typo_fails():
    try:
        LEX.acceptif
    except AttributeError:
        return
    raise AssertionError("LEX.acceptif should not exist")
