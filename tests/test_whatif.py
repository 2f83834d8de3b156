"""What-if against a re-evaluation of an edited copy of the case; relevance against brute-force completion."""

import json
from pathlib import Path

import pytest

import lexpath as package
from lexpath.evaluate import evaluate, update
from lexpath.ground import ground, stated
from lexpath.load import bundled_cases, load_case
from lexpath.logic import Value
from lexpath.whatif import relevance, whatif

from conftest import follows_schema, lexpath, one_line_error, write
from generated import random_graph

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
SCHEMAS = Path(package.__file__).parent / "schema"
MEASURES = "lex:states p:MeasuresWithinADayOfFeaturingOrReport ;\n    lex:about :platform ;\n    lex:value lex:refuted ;"


def loaded(ref):
    case, doctrine = load_case(ref)
    return ground(doctrine, case), case, doctrine


class TestWhatIf:
    def test_equals_evaluating_an_edited_copy_of_the_case(self, tmp_path, hangzhou_text):
        G, case, doctrine = loaded("hangzhou-ultraman-lora")
        result = whatif(G, case, doctrine, {"f-no-prompt-measures": T})
        edited = write(tmp_path, "edited.ttl", hangzhou_text.replace(MEASURES, MEASURES.replace("refuted", "established")))
        G2, _, _ = loaded(str(edited))
        before, after = evaluate(G), evaluate(G2)
        moved = {n for n in after.values if after[n] is not before[n] and G.nodes[n]["kind"] in ("Conclusion", "Remedy")}
        assert {d.node for d in result.changed} >= moved and moved
        for d in result.changed:
            assert (d.before, d.after) == (before[d.node], after[d.node])
            assert d.justification["value"] == d.after.value
        assert result.changes == {"f-no-prompt-measures": (F, T)}

    def test_an_unstated_proposition_is_named_by_its_node(self):
        G, case, doctrine = loaded("variant-obscure-work")
        result = whatif(G, case, doctrine, {"NoticeReceived(platform)": T})
        assert "NoticeReceived(platform)" in result.changes

    def test_values_never_land_on_the_graph(self):
        G, case, doctrine = loaded("hangzhou-ultraman-lora")
        whatif(G, case, doctrine, {"f-homepage": F})
        assert not any("value" in a for _, a in G.nodes(data=True))


class TestUpdate:
    @pytest.mark.parametrize("seed", range(40))
    def test_incremental_equals_a_full_pass(self, seed):
        G, facts, _ = random_graph(seed, props=6, rules=8)
        base = evaluate(G, facts)
        changes = {f"p{seed % 6}": [T, F, U][seed % 3], f"p{(seed + 2) % 6}": [U, T, F][seed % 3]}
        assert update(G, base.values, changes) == dict(evaluate(G, {**facts, **changes}).values)


class TestRelevance:
    @pytest.mark.parametrize("doctrine_ref", [None, "us"])
    @pytest.mark.parametrize("case_id", sorted(bundled_cases()))
    def test_against_brute_force_completion(self, case_id, doctrine_ref):
        import itertools

        import networkx as nx

        case, doctrine = load_case(case_id, doctrine_ref)
        G = ground(doctrine, case)
        facts = stated(G)
        base = evaluate(G, facts)
        targets = [n for n, a in G.nodes(data=True) if a["kind"] in ("Conclusion", "Remedy")]
        for target in targets:
            r = relevance(G, case, doctrine, target)
            cone = nx.ancestors(G, target)
            unknown = sorted(n for n in cone if G.nodes[n]["kind"] == "Proposition" and base[n] is U)
            if len(unknown) > 10:  # the brute force below is the slow half; the search itself is exact
                continue
            seen = {}
            for combo in itertools.product((T, F), repeat=len(unknown)):
                seen[combo] = evaluate(G, {**facts, **dict(zip(unknown, combo))})[target]
            assert r.outcomes == frozenset(seen.values()), target
            assert r.settled is (len(set(seen.values())) == 1 and base[target] is not U)
            for i, u in enumerate(sorted(r.unknowns, key=lambda u: unknown.index(u.node))):
                flips_it = any(seen[c] is not seen[c[:i] + (T,) + c[i + 1:]] for c in seen if c[i] is F)
                assert u.relevant is flips_it, (target, u.node)

    def test_chunks_of_completions_give_what_one_chunk_gives(self, monkeypatch):
        """The bit-parallel table split into many small chunks (high unknowns index chunks) agrees."""
        import lexpath.whatif as whatif_module

        case, doctrine = load_case("hangzhou-ultraman-lora", "us")
        G = ground(doctrine, case)
        targets = [n for n, a in G.nodes(data=True) if a["kind"] in ("Conclusion", "Remedy")]
        whole = {t: relevance(G, case, doctrine, t) for t in targets}
        whole = {t: r for t, r in whole.items() if len(r.unknowns) <= 12}  # 2**9 chunks at most below
        assert sum(len(r.unknowns) > 4 and not r.settled for r in whole.values()) >= 3
        monkeypatch.setattr(whatif_module, "CHUNK", 3)
        for t, r in whole.items():
            assert relevance(G, case, doctrine, t) == r, t

    def test_a_burden_default_is_not_unknown(self):
        G, case, doctrine = loaded("hangzhou-ultraman-lora")
        r = relevance(G, case, doctrine, "ContributoryInfringement(platform,trainers)")
        assert r.settled and "KnewSpecificInfringement(platform)" not in {u.node for u in r.unknowns}

    def test_an_undecided_conclusion_names_what_it_turns_on(self, tmp_path, hangzhou_text):
        # Under cn the claimant bears what it leaves unstated, so the question is left open by a fact stated unknown.
        open_fact = (":f-generators-publish-open\n    a lex:Fact ;\n    lex:states p:PublishedContent ;\n    lex:about :generators ;\n"
                     "    lex:value lex:unknown ;\n    lex:locator :p-F6 ;\n    lex:tag lex:inferred .\n\n")
        text = hangzhou_text.replace(":f-generators-no-upload\n", open_fact + ":f-generators-no-upload\n", 1)
        G, case, doctrine = loaded(str(write(tmp_path, "open.ttl", text)))
        assert "f-generators-publish-open" in {f.id for f in case.facts}
        r = relevance(G, case, doctrine, "DisseminationInfringement(generators)")
        assert not r.settled and r.outcomes == {T, F}
        assert [u.node for u in r.unknowns if u.relevant] == ["PublishedContent(generators)"]


def test_whatif_json_follows_its_schema():
    jsonschema = pytest.importorskip("jsonschema")
    r = lexpath("whatif", "hangzhou-ultraman-lora", "--set", "f-no-prompt-measures=true", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    jsonschema.validate(out, json.loads((SCHEMAS / "whatif.schema.json").read_text(encoding="utf-8")))
    explain = json.loads((SCHEMAS / "explain.schema.json").read_text(encoding="utf-8"))
    for c in out["changed"]:
        jsonschema.validate(c["justification"], {"$ref": "#/$defs/justification", "$defs": explain["$defs"]})
    assert {"node": "ContributoryInfringement(platform,trainers)", "before": "established", "after": "refuted"}.items() <= next(
        c for c in out["changed"] if c["node"] == "ContributoryInfringement(platform,trainers)").items()


def test_whatif_text_shows_before_and_after_and_a_tally():
    r = lexpath("whatif", "hangzhou-ultraman-lora", "--set", "f-no-prompt-measures=true")
    assert r.returncode == 0, r.stderr
    assert "[+] -> [-] ContributoryInfringement(platform,trainers): established -> refuted" in r.stdout
    assert "Unchanged:" in r.stdout


def test_relevance_json_follows_its_schema():
    r = lexpath("relevance", "hangzhou-ultraman-lora", "--target", "AdaptationInfringement(generators)", "--format", "json")
    assert r.returncode == 0, r.stderr
    follows_schema(json.loads(r.stdout), "relevance")


def test_relevance_under_a_foreign_doctrine_names_its_assumptions():
    """Issue 8: premises are shown as assumptions in every output, never silently."""
    args = ("relevance", "hangzhou-ultraman-lora", "--doctrine", "us", "--target", "ContributoryInfringement(platform,generators)")
    out = json.loads(lexpath(*args, "--format", "json").stdout)
    follows_schema(out, "relevance")
    assert out["doctrine"] == "us" and out["assumptions"]
    assumed = {a["proposition"] for a in out["assumptions"]}
    assert not assumed & {u["node"].split("(")[0] for u in out["unknowns"]}
    text = lexpath(*args).stdout
    assert text.startswith("Assumed by doctrine us")
    assert lexpath("relevance", "hangzhou-ultraman-lora", "--target", "AdaptationInfringement(generators)").stdout.find("Assumed") == -1


@pytest.mark.parametrize(
    "args, needles",
    [
        (["whatif", "--set", "f-homepag=false"], ["f-homepag", "did you mean f-homepage"]),
        (["whatif", "--set", "f-homepage=maybe"], ["'maybe' is not a value"]),
        (["whatif", "--set", "f-homepage"], ["expected FACT=true|false|unknown"]),
        (["relevance", "--target", "Falt(platform)"], ["Falt(platform)", "did you mean Fault(platform)"]),
        (["whatif", "--set", "f-famous=false", "--set", "f-famous=true"], ["f-famous", "is set twice"]),
        (["whatif", "--set", "f-famous=false", "--set", "WorkFamous(ultraman)=true"], ["names one fact twice"]),
        (["whatif", "--set", "CopyrightLiability(platform)=false"], ["is a conclusion", "not a fact"]),
        (["relevance", "--target", "f-famous"], ["is a fact of the case, not a conclusion"]),
    ],
    ids=["unknown-fact", "bad-value", "no-value", "unknown-target", "set-twice", "same-fact-twice", "conclusion-as-fact", "fact-as-target"],
)
def test_bad_input_is_one_line(args, needles):
    one_line_error(lexpath(args[0], "hangzhou-ultraman-lora", *args[1:]), *needles)
