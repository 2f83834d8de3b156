"""Strong-Kleene three-valued logic: the values and the combinators every evaluator shares.

Unknown stays open wherever a known value could still go either way, which is why resolving an
unknown fact never overturns an established or refuted conclusion (the semantics is monotone).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

__all__ = ["Value", "all_of", "any_of", "at_least", "negate", "ordered"]


class Value(enum.Enum):
    """A truth value: established, refuted or unknown."""

    ESTABLISHED = "established"
    REFUTED = "refuted"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, text: str) -> "Value":
        """Read 'established'/'true', 'refuted'/'false' or 'unknown'.

        >>> Value.parse("true")
        <Value.ESTABLISHED: 'established'>
        """
        key = text.strip().lower()
        aliases = {"true": cls.ESTABLISHED, "false": cls.REFUTED}
        if key in aliases:
            return aliases[key]
        return cls(key)


T, F, U = Value.ESTABLISHED, Value.REFUTED, Value.UNKNOWN


def negate(value: Value) -> Value:
    """Swap established and refuted; unknown stays unknown.

    >>> negate(Value.UNKNOWN)
    <Value.UNKNOWN: 'unknown'>
    """
    return {T: F, F: T, U: U}[value]


def all_of(values: Iterable[Value]) -> Value:
    """Strong-Kleene conjunction: one refuted decides, else any unknown keeps it open.

    >>> all_of([Value.ESTABLISHED, Value.UNKNOWN])
    <Value.UNKNOWN: 'unknown'>
    """
    seen = set(values)
    if F in seen:
        return F
    return U if U in seen else T


def any_of(values: Iterable[Value]) -> Value:
    """Strong-Kleene disjunction: one established decides; the empty disjunction is refuted.

    >>> any_of([Value.REFUTED, Value.UNKNOWN])
    <Value.UNKNOWN: 'unknown'>
    >>> any_of([])
    <Value.REFUTED: 'refuted'>
    """
    seen = set(values)
    if T in seen:
        return T
    return U if U in seen else F


def at_least(k: int, values: Sequence[Value]) -> Value:
    """At least k of the values hold: settled only when the unknowns could not change the count.

    >>> at_least(2, [Value.ESTABLISHED, Value.UNKNOWN, Value.REFUTED])
    <Value.UNKNOWN: 'unknown'>
    """
    yes = sum(v is T for v in values)
    maybe = sum(v is U for v in values)
    if yes >= k:
        return T
    return F if yes + maybe < k else U


def ordered(decisions: Sequence[tuple[Value, Value]], default: Value) -> Value:
    """Ordered accept/reject conditions read as nested if-then-else; the first that holds decides.

    Each item is (the condition's value, the value it decides). A condition that is unknown leaves
    the result decided only where both branches, it holds or it does not, give the same value.

    >>> ordered([(Value.UNKNOWN, Value.REFUTED), (Value.REFUTED, Value.ESTABLISHED)], Value.REFUTED)
    <Value.REFUTED: 'refuted'>
    """
    result = default
    for holds, decides in reversed(decisions):
        if holds is T:
            result = decides
        elif holds is U and decides is not result:
            result = U
    return result
