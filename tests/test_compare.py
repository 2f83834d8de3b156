"""Cases side by side: rows line up by node, and the distinctions name the facts that decide."""

import json

import pytest

from lexpath.compare import compare
from lexpath.ground import ground
from lexpath.load import load_case

from conftest import follows_schema, lexpath, one_line_error


def loaded(ref):
    case, doctrine = load_case(ref)
    return ground(doctrine, case), case, doctrine


class TestCompare:
    def test_prompt_takedown_is_distinguished_by_the_measures_taken(self):
        result = compare([loaded("hangzhou-ultraman-lora"), loaded("variant-prompt-takedown")])
        d = next(d for d in result.distinctions if d.conclusion == "ContributoryInfringement(platform,trainers)" and d.on == 0)
        # Hangzhou: no deletion before the suit; the variant: deleted the day after the items were featured
        assert {r.node for r in d.facts} == {"MeasuresWithinADayOfFeaturingOrReport(platform)", "MeasuresBeforeSuit(platform)"}
        row = next(r for r in d.facts if r.node == "MeasuresWithinADayOfFeaturingOrReport(platform)")
        assert row.facts == ("f-no-prompt-measures", "dated-MeasuresWithinADayOfFeaturingOrReport-platform")  # derived from the dates

    def test_a_fact_under_a_part_both_cases_agree_on_is_no_distinction(self):
        """Prompt action on notice differs, but it sits only under the notice rule (a notice ignored), refuted in both."""
        result = compare([loaded("hangzhou-ultraman-lora"), loaded("variant-prompt-takedown")])
        mine = [d for d in result.distinctions if d.conclusion == "CopyrightLiability(platform)"]
        notice = {"NoticeReceived(platform)", "RemovedNotifiedItems(platform)", "RemovedWithinADayOfNotice(platform)"}
        assert mine and all(not notice & {r.node for r in d.facts} for d in mine)
        assert all({r.node for r in d.facts} <= {"MeasuresWithinADayOfFeaturingOrReport(platform)", "MeasuresBeforeSuit(platform)"} for d in mine)

    def test_a_part_shown_as_above_is_walked_where_it_was_shown_in_full(self):
        """Should-have-known is shown in full under the safe harbour (refuted in both) and 'as above' under fault."""
        result = compare([loaded("hangzhou-ultraman-lora"), loaded("variant-obscure-work")])
        d = next(d for d in result.distinctions if d.conclusion == "CopyrightLiability(platform)" and d.on == 0)
        assert {"WorkFamous(ultraman)", "FeaturedProminently(platform)"} <= {r.node for r in d.facts}

    def test_rows_line_up_by_node_not_fact_id(self):
        result = compare([loaded("hangzhou-ultraman-lora"), loaded("variant-obscure-work")])
        famous = next(r for r in result.facts if r.node == "WorkFamous(ultraman)")
        assert famous.facts == ("f-famous", "f-not-famous") and famous.differs

    def test_every_distinction_is_on_the_path_and_differs(self):
        result = compare([loaded("hangzhou-ultraman-lora"), loaded("variant-obscure-work"), loaded("variant-notice-ignored")])
        assert result.distinctions
        for d in result.distinctions:
            for r in d.facts:
                assert r.values[d.on] is not r.values[d.other]


def test_json_follows_its_schema():
    r = lexpath("compare", "hangzhou-ultraman-lora", "variant-platform-generates", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    follows_schema(out, "compare")
    assert out["doctrines"] == ["cn", "cn"] and out["assumptions"] == [[], []]


def test_under_a_foreign_doctrine_each_case_names_its_assumptions():
    args = ("compare", "hangzhou-ultraman-lora", "variant-platform-generates", "--doctrine", "us")
    out = json.loads(lexpath(*args, "--format", "json").stdout)
    follows_schema(out, "compare")
    assert out["doctrines"] == ["us", "us"] and all(items for items in out["assumptions"])
    text = lexpath(*args).stdout
    assert text.startswith("hangzhou-ultraman-lora:\nAssumed by doctrine us") and "variant-platform-generates:\nAssumed" in text


def test_text_shows_the_differing_rows_and_why():
    r = lexpath("compare", "hangzhou-ultraman-lora", "variant-prompt-takedown", "--lang", "zh")
    assert r.returncode == 0, r.stderr
    assert "MeasuresWithinADayOfFeaturingOrReport(platform)" in r.stdout and "结论不同的原因" in r.stdout


@pytest.mark.parametrize("args", [["hangzhou-ultraman-lora", "hangzhou-ultraman-lora"], ["hangzhou-ultraman-lora"]], ids=["itself", "alone"])
def test_a_case_with_itself_or_alone_is_one_line(args):
    one_line_error(lexpath("compare", *args), "compare")
