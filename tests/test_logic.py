from hypothesis import given, settings
from hypothesis import strategies as st

from lexpath.logic import Value, all_of, any_of, at_least, negate, ordered

T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN
values = st.sampled_from([T, F, U])


def refines(a: Value, b: Value) -> bool:
    """b is a as known as a, or more: unknown may become anything, a decided value stays."""
    return a is U or a is b


def resolutions(vs):
    """Every way of resolving one unknown in vs."""
    for i, v in enumerate(vs):
        if v is U:
            for w in (T, F):
                yield vs[:i] + [w] + vs[i + 1 :]


class TestCombinators:
    def test_all_of(self):
        assert all_of([T, T]) is T and all_of([T, F, U]) is F and all_of([T, U]) is U and all_of([]) is T

    def test_any_of(self):
        assert any_of([F, T]) is T and any_of([F, U]) is U and any_of([F]) is F and any_of([]) is F

    def test_at_least(self):
        assert at_least(2, [T, T, F]) is T
        assert at_least(2, [T, F, F]) is F
        assert at_least(2, [T, U, F]) is U

    def test_negate(self):
        assert [negate(v) for v in (T, F, U)] == [F, T, U]

    def test_parse(self):
        assert Value.parse("TRUE") is T and Value.parse("false") is F and Value.parse("unknown") is U


class TestOrdered:
    def test_first_that_holds_decides(self):
        assert ordered([(F, T), (T, F), (T, T)], T) is F

    def test_default_when_none_holds(self):
        assert ordered([(F, T), (F, F)], U) is U

    def test_unknown_condition_decides_only_when_both_branches_agree(self):
        assert ordered([(U, F), (F, T)], F) is F
        assert ordered([(U, F), (T, T)], F) is U


@given(st.lists(values, min_size=1, max_size=5), st.integers(0, 5), st.data())
@settings(deadline=None)
def test_combinators_are_monotone(vs, k, data):
    for new in resolutions(vs):
        for f in (all_of, any_of, lambda x: at_least(k, x)):
            assert refines(f(vs), f(new))


@given(st.lists(st.tuples(values, st.sampled_from([T, F])), max_size=4), st.sampled_from([T, F, U]))
@settings(deadline=None)
def test_ordered_is_monotone(decisions, default):
    before = ordered(decisions, default)
    conds = [c for c, _ in decisions]
    for new in resolutions(conds):
        after = ordered([(c, d) for c, (_, d) in zip(new, decisions)], default)
        assert refines(before, after)
