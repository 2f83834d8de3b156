"""graph/timing.py and the checks around it: timings derived from dates, dates out of order, the law's own words."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from conftest import TINY_HEAD, lexpath, one_line_error, write
from lexpath.errors import DoctrineError
from lexpath.load import Fact, bundled_doctrines, data_dir, load_case, read_turtle, require_source_texts
from lexpath.logic import Value
from lexpath.timing import derive_timings, timing_problems
from scenario import write_case

T, F = Value.ESTABLISHED, Value.REFUTED
P = "https://w3id.org/lexpath/prop#"


@pytest.fixture(scope="module")
def cn():
    return bundled_doctrines()["cn"]


def event(fid, prop, value=T, date="", about=("platform",)):
    return Fact(fid, P + prop, about, value, fid.upper(), "found", True, date)


class TestDeriveTimings:
    def derived(self, cn, *events, filed="2024-06-01"):
        return {d.proposition[len(P):]: d for d in derive_timings(events, filed, cn)}

    def test_a_removal_the_next_day_is_within_a_day_of_the_notice_and_before_the_suit(self, cn):
        d = self.derived(cn, event("n", "NoticeReceived", date="2024-03-01"), event("r", "RemovedNotifiedItems", date="2024-03-02"))
        assert d["RemovedWithinADayOfNotice"].value is T and d["RemovedBeforeSuit"].value is T
        assert d["RemovedWithinADayOfNotice"].sources == ("n", "r") and d["RemovedWithinADayOfNotice"].locator == "N; R"

    def test_three_days_is_not_within_a_day(self, cn):
        d = self.derived(cn, event("n", "NoticeReceived", date="2024-03-01"), event("r", "RemovedNotifiedItems", date="2024-03-04"))
        assert d["RemovedWithinADayOfNotice"].value is F

    def test_a_removal_that_never_happened_fails_every_timing_it_ends(self, cn):
        d = self.derived(cn, event("n", "NoticeReceived", date="2024-03-01"), event("r", "RemovedNotifiedItems", F))
        assert d["RemovedWithinADayOfNotice"].value is F and d["RemovedWithinADayOfNotice"].sources == ("r",)

    def test_undated_events_decide_nothing(self, cn):
        d = self.derived(cn, event("n", "NoticeReceived"), event("r", "RemovedNotifiedItems"))
        assert d == {}

    def test_the_suit_is_dated_by_the_filing(self, cn):
        d = self.derived(cn, event("m", "TookMeasures", date="2024-07-01"))
        assert d["MeasuresAfterSuit"].value is T and d["MeasuresBeforeSuit"].value is F
        assert self.derived(cn, event("m", "TookMeasures", date="2024-07-01"), filed="") == {}

    def test_a_timing_the_case_states_is_left_to_the_case(self, cn):
        d = self.derived(cn, event("n", "NoticeReceived", date="2024-03-01"), event("r", "RemovedNotifiedItems", date="2024-03-02"),
                         event("w", "RemovedWithinADayOfNotice"))
        assert "RemovedWithinADayOfNotice" not in d


class TestTimingProblems:
    def test_a_removal_dated_before_its_notice(self, cn):
        found = timing_problems([event("n", "NoticeReceived", date="2024-03-05"), event("r", "RemovedNotifiedItems", date="2024-03-01")],
                                "2024-06-01", cn)
        assert found == [("r", "dated 2024-03-01, before the NoticeReceived it answers (n, 2024-03-05)")]

    def test_a_stated_timing_the_dates_contradict(self, cn):
        found = timing_problems([event("n", "NoticeReceived", date="2024-03-01"), event("r", "RemovedNotifiedItems", date="2024-03-09"),
                                 event("w", "RemovedWithinADayOfNotice")], "2024-06-01", cn)
        assert found == [("w", "says established, but the dates of n, r make it refuted")]

    def test_ordered_dates_are_no_problem(self, cn):
        assert timing_problems([event("n", "NoticeReceived", date="2024-03-01"), event("r", "RemovedNotifiedItems", date="2024-03-01")],
                               "2024-06-01", cn) == []


CAST = {"platform": "GenerativeAIPlatform", "user": "User", "work": "Work"}
TIES = [("user", "usesServiceOf", "platform")]


def test_a_case_derives_its_timings_as_inferred_facts(tmp_path):
    path = write_case(tmp_path, "dated", CAST, TIES, [("NoticeReceived", "platform", True, "2024-03-01"),
                                                      ("RemovedNotifiedItems", "platform", True, "2024-03-02")])
    case, _ = load_case(str(path))
    fact = next(f for f in case.facts if f.proposition == P + "RemovedWithinADayOfNotice")
    assert (fact.id, fact.value, fact.tag, fact.derived_from) == ("dated-RemovedWithinADayOfNotice-platform", T, "inferred", ("f1", "f2"))


def test_a_removal_before_the_notice_it_answers_is_one_line_and_exit_1(tmp_path):
    path = write_case(tmp_path, "backwards", CAST, TIES, [("NoticeReceived", "platform", True, "2024-03-05"),
                                                          ("RemovedNotifiedItems", "platform", True, "2024-03-01")])
    for command in ("validate", "explain"):
        one_line_error(lexpath(command, str(path)), "backwards.ttl", "f2", "before the NoticeReceived it answers (f1, 2024-03-05)")


def test_a_date_that_is_no_date_breaks_the_shapes(tmp_path):
    text = write_case(tmp_path, "baddate", CAST, TIES, [("NoticeReceived", "platform", True, "2024-13-45")]).read_text(encoding="utf-8")
    path = write(tmp_path, "baddate.ttl", text)
    r = lexpath("validate", str(path))
    assert r.returncode == 1 and "lex:date" in r.stdout + r.stderr


class TestTheLawsOwnWords:
    def test_every_article_of_a_bundled_doctrine_carries_its_text_and_our_translation(self):
        for doctrine in bundled_doctrines().values():
            graph = Graph()
            for f in doctrine.files:
                read_turtle(data_dir("ontology") / f.rsplit("/", 1)[-1], into=graph)
            require_source_texts(graph, data_dir("ontology") / "x.ttl")  # raises on the first without
            assert doctrine.texts, doctrine.id

    def test_the_chinese_texts_are_official_and_the_english_ours(self):
        cn = bundled_doctrines()["cn"]
        text = cn.texts["https://w3id.org/lexpath/doctrine/cn#CivilCode-1197"]
        assert set(text.official) == {"zh"} and set(text.translation) == {"en"}
        assert text.official["zh"].startswith("网络服务提供者知道或者应当知道网络用户利用其网络服务侵害他人民事权益")

    def test_a_source_without_text_in_both_languages_is_refused(self, tmp_path):
        graph = read_turtle(write(tmp_path, "d.ttl", TINY_HEAD + 't:art1 lex:officialText "第一条"@zh .\n'))
        with pytest.raises(DoctrineError, match="art1: a bundled doctrine's legal source needs lex:officialText"):
            require_source_texts(graph, tmp_path / "d.ttl")


def test_a_rule_citing_an_undeclared_legal_source_is_one_line_and_exit_1(tmp_path):
    doctrine = write(tmp_path, "tiny.ttl", TINY_HEAD + """
t:Rule a lex:Conclusion ; rdfs:label "规则"@zh , "rule"@en ; skos:definition "规则"@zh , "a rule"@en ;
    lex:roles ( p:provider ) ; lex:acceptIf p:HostsUserContent ; lex:legalBasis t:nowhere ;
    lex:ifEstablished "是"@zh , "yes"@en ; lex:ifRefuted "否"@zh , "no"@en .
""")
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(doctrine)), "tiny.ttl", "Rule", "lex:LegalSource")


def test_a_rule_resting_on_a_later_kind_is_one_line_and_exit_1(tmp_path):
    doctrine = write(tmp_path, "tiny.ttl", TINY_HEAD + """
t:Late a lex:Conclusion ; rdfs:label "结论"@zh , "late"@en ; skos:definition "结论"@zh , "late"@en ;
    lex:roles ( p:provider ) ; lex:acceptIf p:HostsUserContent ; lex:legalBasis t:art1 ;
    lex:ifEstablished "是"@zh , "yes"@en ; lex:ifRefuted "否"@zh , "no"@en .
t:Early a lex:Factor ; rdfs:label "因素"@zh , "early"@en ; skos:definition "因素"@zh , "early"@en ;
    lex:roles ( p:provider ) ; lex:acceptIf t:Late ; lex:legalBasis t:art1 ;
    lex:ifEstablished "是"@zh , "yes"@en ; lex:ifRefuted "否"@zh , "no"@en .
""")
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", str(doctrine)), "tiny.ttl", "Early", "cannot rest on Late")


def test_the_bundled_cases_load_into_a_store_with_their_dates(tmp_path):
    """The corpus checker counts triples: a fact written twice, or a date it cannot read, would skip a case."""
    r = lexpath("corpus", "load", "--store", str(tmp_path / "store"), "--jobs", "1", str(data_dir("cases")))
    n = len(list(data_dir("cases").glob("*.ttl")))
    assert r.returncode == 0 and f"{n} cases loaded from {n} files, 0 skipped" in r.stdout, r.stdout + r.stderr


def test_whatif_derives_the_timings_of_an_event_it_changes():
    r = lexpath("whatif", "variant-prompt-takedown", "--set", "f-removed-next-day=false", "--format", "json")
    assert r.returncode == 0, r.stderr
    changes = json.loads(r.stdout)["changes"]
    assert changes["dated-RemovedWithinADayOfNotice-platform"] == {"before": "established", "after": "refuted"}
    assert changes["f-removed-next-day"] == {"before": "established", "after": "refuted"}
