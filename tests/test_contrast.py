"""One case under two doctrines: corresponding conclusions, assumptions, and the facts that decide them."""

import json
from pathlib import Path

import pytest

import lexpath as package
from lexpath.contrast import Probe, contrast, deciders, to_markdown, to_text
from lexpath.evaluate import evaluate
from lexpath.ground import ground, stated
from lexpath.load import bundled_cases, bundled_doctrines, data_dir, load_case
from lexpath.logic import Value

from conftest import lexpath, one_line_error

SCHEMAS = Path(package.__file__).parent / "schema"
CONTRASTS = {}


def contrasted(case_id):
    if case_id not in CONTRASTS:
        CONTRASTS[case_id] = contrast(case_id)
    return CONTRASTS[case_id]


def value(rep, doctrine, node):
    found = [e["value"] for r in rep["rows"] for e in r["entries"] if e["doctrine"] == doctrine and e["node"] == node]
    assert found, (doctrine, node)
    return found[0]


def test_the_done_when_of_issue_8_through_the_cli():
    """Users liable under both, open-source providers under neither, the platform liable in China but
    unknown in the US, with the unstated facts that decide it named."""
    r = lexpath("contrast", "hangzhou-ultraman-lora", "--format", "json")
    assert r.returncode == 0, r.stderr
    rep = json.loads(r.stdout)
    for users in ("trainers", "generators"):
        assert value(rep, "cn", f"CopyrightLiability({users})") == "established"
        assert value(rep, "us", f"CopyrightLiability({users})") == "established"
    assert value(rep, "cn", "CopyrightLiability(oss-providers)") == "refuted"
    assert value(rep, "us", "CopyrightLiability(oss-providers)") == "refuted"
    assert value(rep, "cn", "CopyrightLiability(platform)") == "established"
    assert value(rep, "us", "CopyrightLiability(platform)") == "unknown"
    row = next(r for r in rep["rows"] if any(e["node"] == "CopyrightLiability(platform)" for e in r["entries"]))
    us = next(e for e in row["entries"] if e["doctrine"] == "us")
    deciding = {f for d in us["decided_by"] for f in d["facts"]}
    assert {"ChargesPerItem(platform)", "InfringementDrewUsers(platform)"} <= deciding  # what vicarious liability turns on

    text = lexpath("contrast", "hangzhou-ultraman-lora").stdout
    assert "decided by: InfringementDrewUsers(platform)" in text
    assert text.index("Assumed by doctrine us") < text.index("== ")  # assumptions come first, never hidden


def test_default_doctrines_are_the_cases_own_then_the_other():
    rep = contrasted("hangzhou-ultraman-lora")
    assert [d["id"] for d in rep["doctrines"]] == ["cn", "us"]
    assert [d["own"] for d in rep["doctrines"]] == [True, False]
    assert rep["assumptions"]["cn"] == []
    premises = {a["proposition"] for a in rep["assumptions"]["us"]}
    assert premises == {"ActsInUnitedStates", "HoldsExclusiveRights"}
    swapped = contrast("hangzhou-ultraman-lora", ["us", "cn"])
    assert [d["id"] for d in swapped["doctrines"]] == ["us", "cn"]


def test_a_courts_holding_is_compared_only_under_its_own_doctrine():
    rep = contrasted("hangzhou-ultraman-lora")
    held = [e for r in rep["rows"] for e in r["entries"] if e["holding"] is not None]
    assert {e["holding"]["by"] for e in held if e["doctrine"] == "cn"} == {"court"}
    assert {e["holding"]["by"] for e in held if e["doctrine"] == "us"} == {"expected"}


@pytest.mark.parametrize("case_id", sorted(bundled_cases()))
def test_contrast_of_every_case_follows_its_schema_and_the_evaluator(case_id):
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    explain_schema = json.loads((SCHEMAS / "explain.schema.json").read_text(encoding="utf-8"))
    schema = json.loads((SCHEMAS / "contrast.schema.json").read_text(encoding="utf-8"))
    registry = referencing.Registry().with_resource(explain_schema["$id"], referencing.Resource.from_contents(explain_schema))
    rep = contrasted(case_id)
    jsonschema.Draft202012Validator(schema, registry=registry).validate(json.loads(json.dumps(rep)))
    for d in rep["doctrines"]:
        case, doctrine = load_case(case_id, d["id"])
        G = ground(doctrine, case)
        ev = evaluate(G)
        facts = stated(G)
        for row in rep["rows"]:
            for e in row["entries"]:
                if e["doctrine"] != d["id"]:
                    continue
                assert e["value"] == ev[e["node"]].value, e["node"]
                for item in e["decided_by"]:  # each named fact really decides, by a full evaluation
                    if len(item["facts"]) == 1:
                        (n,) = item["facts"]
                        assert evaluate(G, {**facts, n: Value.ESTABLISHED})[e["node"]].value == item["if_true"]
                        assert evaluate(G, {**facts, n: Value.REFUTED})[e["node"]].value == item["if_false"]
                        assert {item["if_true"], item["if_false"]} != {"unknown"}
    assert to_text(rep).count("\n") > 10 and to_markdown(rep, "zh").startswith("# ")


def test_only_unknown_conclusions_have_deciders_and_each_decides():
    case, doctrine = load_case("hangzhou-ultraman-lora", "us")
    G = ground(doctrine, case)
    ev = evaluate(G)
    probe = Probe(G, ev)
    unknown = [n for n in G if G.nodes[n]["kind"] == "Conclusion" and ev[n] is Value.UNKNOWN]
    decided = [n for n in G if G.nodes[n]["kind"] == "Conclusion" and ev[n] is not Value.UNKNOWN]
    assert unknown and decided
    assert all(deciders(G, ev, n, probe) == [] for n in decided)
    assert deciders(G, ev, "VicariousInfringement(platform,trainers)", probe)[0]["facts"] == ["ChargesPerItem(platform)"]  # us-law §3: draw or a charge tied to the work
    for n in unknown:  # the probe's incremental re-evaluation equals a full one
        for item in deciders(G, ev, n, probe):
            changes = dict(zip(item["facts"], [Value.ESTABLISHED] * len(item["facts"])))
            assert probe.values(tuple(changes.items()))[n] is evaluate(G, {**stated(G), **changes})[n]


def test_facts_one_doctrine_reads_and_the_other_ignores():
    rep = contrasted("hangzhou-ultraman-lora")
    assert "f-platform-not-tailored" in rep["facts_used_by_one"]["us"]  # a US-only proposition
    assert "f-copyright-governs" in rep["facts_used_by_one"]["cn"]  # the AUCL gate (SPC AUCL Interpretation art. 1), China only
    assert "f-membership-revenue" in rep["facts_used_by_one"]["us"]  # a general fee: no direct benefit in China
    assert "f-no-review-clause" in rep["unused_by_both"]  # neutral in both (SPC art. 8; section 512(m))
    hows = {d["other_reads"] for r in rep["rows"] for d in r["differences"]}
    assert {"ignores", "weighs otherwise"} <= hows


def test_chinese_and_markdown_output():
    r = lexpath("contrast", "hangzhou-ultraman-lora", "--lang", "zh", "--format", "md")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# 奥特曼LoRA模型著作权侵权及不正当竞争纠纷案")
    assert "假设行为发生在美国" in r.stdout and "决定于" in r.stdout


@pytest.mark.parametrize("doctrines", ["cn,cn", "us,us", "cn,{path}"])
def test_a_doctrine_contrasted_with_itself_is_one_line(doctrines):
    path = str(data_dir("ontology") / "doctrine.ttl")
    one_line_error(lexpath("contrast", "hangzhou-ultraman-lora", "--doctrines", doctrines.format(path=path)), "itself")


def test_contrast_needs_two_doctrines_and_known_ids():
    one_line_error(lexpath("contrast", "hangzhou-ultraman-lora", "--doctrines", "cn"), "two doctrines")
    one_line_error(lexpath("contrast", "hangzhou-ultraman-lora", "--doctrines", "cn,mars"), "mars", "known: cn, us")
    one_line_error(lexpath("contrast", "no-such-case"), "no-such-case")


def test_bundled_doctrines_are_cn_and_us():
    assert list(bundled_doctrines()) == ["cn", "us"]


def test_a_broken_doctrine_in_a_contrast_is_one_line(tmp_path):
    from test_doctrine import HEAD, rule

    path = tmp_path / "cyclic.ttl"
    path.write_text(HEAD + rule("A", "t:B") + rule("B", "t:A"), encoding="utf-8")
    one_line_error(lexpath("contrast", "hangzhou-ultraman-lora", "--doctrines", f"cn,{path}"), str(path), "cycle")
