"""The IRAC brief: every part present, every sentence traced to a node or a fact, both languages."""

import re

import pytest

from lexpath.brief import brief
from lexpath.evaluate import evaluate
from lexpath.ground import ground
from lexpath.load import bundled_cases, load_case

from conftest import lexpath, one_line_error


def written(case_id, actor=None, lang="en"):
    case, doctrine = load_case(case_id)
    G = ground(doctrine, case)
    return brief(G, evaluate(G), case, doctrine, actor, lang), G, case


@pytest.mark.parametrize("case_id", sorted(bundled_cases()))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_sentence_ends_with_a_node_or_fact_of_the_graph(case_id, lang):
    text, G, case = written(case_id, lang=lang)
    known = set(G) | {f.id for f in case.facts} | {h.id for h in case.holdings} | {local for local in
             (G.nodes[n]["statement"].rsplit("#", 1)[-1] for n in G)}
    body = [line for line in text.splitlines() if line.startswith(("- ", "  ", "**"))]
    assert body
    for line in body:
        if line.rstrip().endswith((".**", "**：")):  # the Application heading
            continue
        ref = re.search(r"\[([^\]]+)\]$", line.rstrip())
        assert ref, line
        assert ref.group(1).split(" · ")[0] in known, line


def test_the_platform_brief_has_the_five_parts_and_the_courts_holding():
    text, _, _ = written("hangzhou-ultraman-lora", actor="platform")
    for part in ("**Issue.**", "**Rule.**", "**Application.**", "**Conclusion.**", "**Holding.**"):
        assert part in text
    assert "The court found that the provider featured the content on the home page or in other prominent positions. [f-homepage · F4 · found]" in text
    assert "The court held it established (R1, found). The reasoning above agrees. [h-platform-contributory]" in text
    assert "Civil Code art. 1197" in text


def test_chinese_brief_reads_in_chinese():
    text, _, _ = written("hangzhou-ultraman-lora", actor="platform", lang="zh")
    assert "**争点**：" in text and "法院认定" in text and "《民法典》第一千一百九十七条" in text


def test_cli_brief_and_unknown_actor():
    r = lexpath("brief", "variant-obscure-work", "--actor", "platform", "--lang", "zh")
    assert r.returncode == 0 and r.stdout.startswith("# 教学变体")
    one_line_error(lexpath("brief", "hangzhou-ultraman-lora", "--actor", "platfrom"), "did you mean platform")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_foreign_doctrines_premises_are_assumptions_never_unstated_facts(lang):
    """Issue 8: under us, the acts in the US are assumed; the brief says so where it uses them."""
    r = lexpath("brief", "hangzhou-ultraman-lora", "--doctrine", "us", "--actor", "trainers", "--lang", lang)
    assert r.returncode == 0, r.stderr
    premise_lines = [line for line in r.stdout.splitlines() if line.rstrip().endswith("[ActsInUnitedStates(trainers)]")]
    assert premise_lines and all(("assumes this" in line) if lang == "en" else ("作此假设" in line) for line in premise_lines)
    head = r.stdout.split("## ")[0]
    assert ("Assumed by doctrine us" if lang == "en" else "适用法律 us 为审视另一法域的案件所作的假设") in head
    assert "variant's author" not in r.stdout  # the judgment's expectations under us are our reading, not a variant's
