from hypothesis import given, settings
from hypothesis import strategies as st

from lexpath.evaluate import evaluate
from lexpath.ground import ground, stated
from lexpath.load import bundled_cases, bundled_doctrines, load_case
from lexpath.logic import Value

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
GRAPHS = {}


def grounded(case_id, doctrine_id=None):
    if (case_id, doctrine_id) not in GRAPHS:
        case, doctrine = load_case(case_id, doctrine_id)
        GRAPHS[case_id, doctrine_id] = ground(doctrine, case)
    return GRAPHS[case_id, doctrine_id]


class TestEvaluate:
    def test_values_live_in_the_result_not_on_the_graph(self):
        G = grounded("hangzhou-ultraman-lora")
        evaluate(G)
        assert not any("value" in a for _, a in G.nodes(data=True))

    def test_an_unstated_proposition_takes_the_burden_default_else_unknown(self):
        G = grounded("hangzhou-ultraman-lora")
        ev = evaluate(G)
        assert ev["KnewSpecificInfringement(platform)"] is F  # the claimant's burden: cn's default (CPL Interpretation art. 91)
        assert G.nodes["KnewSpecificInfringement(platform)"]["burden"].bearer.endswith("#Claimant")
        assert ev["LabelledAsStorage(platform)"] is F  # the defendant's burden (Regulation art. 22)
        assert G.nodes["LabelledAsStorage(platform)"]["burden"].bearer.endswith("#Defendant")
        us = grounded("hangzhou-ultraman-lora", "us")  # us has no doctrine-wide default
        assert us.nodes["LabelledAsStorage(platform)"]["burden"] is None
        assert evaluate(us)["LabelledAsStorage(platform)"] is U  # no burden declared

    def test_flipping_a_decisive_fact_changes_the_conclusion_it_carries(self):
        G = grounded("hangzhou-ultraman-lora")
        facts = stated(G)
        before = evaluate(G, facts)
        after = evaluate(G, {**facts, "MeasuresWithinADayOfFeaturingOrReport(platform)": T})
        node = "ContributoryInfringement(platform,trainers)"
        assert before[node] is T and after[node] is F
        assert after["ShouldHaveKnown(platform)"] is T  # what the fact does not carry stays

    def test_resolving_an_unknown_that_decides_settles_the_conclusion(self):
        G = grounded("hangzhou-ultraman-lora")
        facts = {**stated(G), "FeaturedProminently(platform)": U, "CuratedItemsOfWork(platform)": U}
        assert evaluate(G, facts)["ShouldHaveKnown(platform)"] is T  # obvious infringement, nothing to prevent it, still holds
        facts["InfringingContentVisible(platform)"] = U  # leaves the art. 9 routes open too
        assert evaluate(G, facts)["ShouldHaveKnown(platform)"] is U
        assert evaluate(G, {**facts, "FeaturedProminently(platform)": T})["ShouldHaveKnown(platform)"] is T


@st.composite
def partial_cases(draw):
    """A bundled case under a bundled doctrine, some stated facts forgotten, one unknown to resolve."""
    case_id = draw(st.sampled_from(sorted(bundled_cases())))
    G = grounded(case_id, draw(st.sampled_from(sorted(bundled_doctrines()))))
    facts = stated(G)
    forgotten = draw(st.sets(st.sampled_from(sorted(facts)), min_size=1, max_size=12))  # cn leaves nothing unstated unknown
    partial = {**facts, **{n: U for n in forgotten}}
    unknown = sorted(n for n, a in G.nodes(data=True) if a["kind"] == "Proposition" and partial.get(n, a["unstated"]) is U)
    return G, partial, draw(st.sampled_from(unknown))


@given(partial_cases(), st.sampled_from([T, F]))
@settings(deadline=None, max_examples=200)
def test_resolving_an_unknown_never_overturns_a_decided_conclusion(case, new):
    G, facts, node = case
    before, after = evaluate(G, facts), evaluate(G, {**facts, node: new})
    assert all(after[n] is v for n, v in before.values.items() if v is not U)
