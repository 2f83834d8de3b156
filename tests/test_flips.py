"""Minimal flips: exact against brute force, every set minimal, every certificate valid."""

import itertools
import json
from pathlib import Path

import pytest

import lexpath as package
from lexpath.evaluate import evaluate
from lexpath.flips import conflict, flips, minimal_flips
from lexpath.ground import ground, stated
from lexpath.load import load_case
from lexpath.logic import Value

from conftest import lexpath, one_line_error
from generated import brute_flips, random_graph

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
SCHEMA = Path(package.__file__).parent / "schema" / "flips.schema.json"


class TestMinimalFlips:
    @pytest.mark.parametrize("seed", range(150))
    def test_exactly_the_brute_force_answer(self, seed):
        G, facts, target = random_graph(seed)
        free = [n for n in sorted(facts) if n != "p0"]  # p0 held, unstated ones never change
        before = evaluate(G, facts)[target]
        for wanted in (T, F, U):
            if wanted is before:
                continue
            found, evaluations = minimal_flips(G, facts, target, wanted, free, 3)
            assert {frozenset(f.items()) for f in found} == brute_flips(G, facts, target, wanted, free, 3), wanted
            assert [len(f) for f in found] == sorted(len(f) for f in found)

    def test_it_evaluates_far_fewer_sets_than_brute_force(self):
        case, doctrine = load_case("hangzhou-ultraman-lora")
        G = ground(doctrine, case)
        result = flips(G, case, doctrine, "ContributoryInfringement(platform,trainers)")
        assert result.evaluations < result.brute_force / 100


class TestConflict:
    @pytest.mark.parametrize("seed", range(60))
    def test_keeping_a_conflict_keeps_the_target_off_the_wanted_value(self, seed):
        G, facts, target = random_graph(seed + 1000)
        values = evaluate(G, facts)
        free = sorted(facts)
        for wanted in (T, F, U):
            J = conflict(G, values.values, target, wanted, free)
            if values[target] is wanted:
                assert J is None
                continue
            rest = [n for n in free if n not in J]
            for combo in itertools.product((T, F, U), repeat=len(rest)):
                assert evaluate(G, {**facts, **dict(zip(rest, combo))})[target] is not wanted


class TestFlipsOfTheCase:
    def setup_method(self):
        self.case, self.doctrine = load_case("hangzhou-ultraman-lora")
        self.G = ground(self.doctrine, self.case)

    def test_taking_necessary_measures_frees_the_platform(self):
        result = flips(self.G, self.case, self.doctrine, "ContributoryInfringement(platform,trainers)")
        assert result.before is T and result.wanted is F
        assert {"f-no-prompt-measures": T} in [dict(f.changes) for f in result.flips]  # deleted within a day of reason to know

    def test_every_certificate_is_valid_and_every_flip_minimal(self):
        result = flips(self.G, self.case, self.doctrine, "Damages(rights-holder,platform)")
        facts = stated(self.G)
        by_id = {a["fact"].id: n for n, a in self.G.nodes(data=True) if a.get("fact") is not None}
        assert result.flips
        for flip in result.flips:
            changes = {by_id[k]: v for k, v in flip.changes.items()}
            assert evaluate(self.G, {**facts, **changes})[result.target] is F
            assert flip.justification["value"] == "refuted" and flip.justification["node"] == result.target
            for k in range(len(changes)):
                for part in itertools.combinations(changes, k):
                    assert evaluate(self.G, {**facts, **{n: changes[n] for n in part}})[result.target] is not F

    def test_the_court_characterisations_never_change(self):
        target = "SafeHarbour(platform,trainers)"
        result = flips(self.G, self.case, self.doctrine, target, wanted=T)
        assert result.flips == ()
        every = [n for n, a in self.G.nodes(data=True) if a.get("fact") is not None]
        found, _ = minimal_flips(self.G, stated(self.G), target, T, every, 3)
        assert found and all("SearchOrLinkService(platform)" in f for f in found)  # f-not-linking: not open to change
        unfair = flips(self.G, self.case, self.doctrine, "UnfairCompetition(rights-holder,platform)", wanted=T)
        assert unfair.flips == ()  # barred by f-copyright-governs, not open to change; its elements are unstated

    def test_kept_facts_do_not_change(self):
        result = flips(self.G, self.case, self.doctrine, "ContributoryInfringement(platform,trainers)", keep=["f-no-prompt-measures"])
        assert result.flips and all("f-no-prompt-measures" not in f.changes for f in result.flips)

    def test_exact_against_brute_force_on_the_case_within_the_cone(self):
        import networkx as nx

        target = "DirectInfringement(trainers)"
        facts = stated(self.G)
        cone = nx.ancestors(self.G, target)
        free = [n for n, a in self.G.nodes(data=True) if a.get("fact") is not None and a["fact"].open_to_change]
        found, _ = minimal_flips(self.G, facts, target, F, free, 2)
        brute = brute_flips(self.G, facts, target, F, [n for n in free if n in cone], 2)
        assert {frozenset(f.items()) for f in found} == brute


def test_json_output_follows_its_schema():
    jsonschema = pytest.importorskip("jsonschema")
    r = lexpath("flips", "hangzhou-ultraman-lora", "--target", "ContributoryInfringement(platform,trainers)", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    jsonschema.validate(out, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert out["from"] == "established" and out["to"] == "refuted"
    assert {"f-no-prompt-measures": "established"} in [f["changes"] for f in out["flips"]]


def test_text_names_each_flip_and_its_certificate():
    r = lexpath("flips", "hangzhou-ultraman-lora", "--target", "ContributoryInfringement(platform,trainers)", "--max-size", "1")
    assert r.returncode == 0, r.stderr
    # what the fact says comes first: its id alone can read backwards (f-no-… = established)
    assert ("(1 change): the provider deleted or blocked the infringing content within a day of its being featured or reported "
            "(platform) = established [f-no-prompt-measures]") in r.stdout
    assert "[f-no-prompt-measures · F11; E2 · found]" not in r.stdout  # the fact is changed, shown as a what-if
    assert "[what-if]" in r.stdout


def test_no_flip_within_the_bound_is_said_plainly():
    r = lexpath("flips", "hangzhou-ultraman-lora", "--target", "UnfairCompetition(rights-holder,platform)")
    assert r.returncode == 0 and "No flip of size <= 3" in r.stdout


@pytest.mark.parametrize(
    "args, needles",
    [
        (["--target", "ContributoryInfringement(platform,trainer)"], ["ContributoryInfringement(platform,trainer)", "did you mean"]),
        (["--target", "Fault(platform)", "--max-size", "0"], ["--max-size", "at least 1"]),
        (["--target", "Fault(platform)", "--keep", "f-homepag"], ["f-homepag", "did you mean f-homepage"]),
    ],
    ids=["unknown-target", "max-size-0", "unknown-kept-fact"],
)
def test_bad_input_is_one_line(args, needles):
    one_line_error(lexpath("flips", "hangzhou-ultraman-lora", *args), *needles)


def test_a_value_other_than_the_three_is_a_usage_error():
    r = lexpath("flips", "hangzhou-ultraman-lora", "--target", "Fault(platform)", "--to", "maybe")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_a_target_already_at_the_value_is_a_plain_answer():
    r = lexpath("flips", "hangzhou-ultraman-lora", "--target", "Fault(platform)", "--to", "established")
    assert r.returncode == 0 and "already established: nothing to change" in r.stdout


def test_flipping_to_unknown_may_set_facts_unknown():
    case, doctrine = load_case("hangzhou-ultraman-lora")
    G = ground(doctrine, case)
    result = flips(G, case, doctrine, "NoNecessaryMeasures(platform)", wanted=U, max_size=1)
    assert [dict(f.changes) for f in result.flips] == [{"f-no-prompt-measures": U}]
