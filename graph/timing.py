"""Facts in time: derive timing propositions from dated facts, and check that dates keep their order.

A fact may carry the date of the event it states (lex:date); the suit's date is the case's filing
date. A proposition with a lex:timing is a relation in time between two events (the notified items
removed within a day of the notice, measures taken before the suit): where the case dates both
events, its value follows from the dates, so every later step (explain, what-if, the page's
evaluator, SPARQL over a store) reads it as an ordinary fact, tagged inferred. A case may state
such a proposition itself (a court that says "the same day" without dates); then the dates, if
given, must agree with it. A proposition that lex:answers another (a removal answers a notice)
cannot be dated before it.

Inputs are plain values, so the loader and the corpus reader can both call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .doctrine import Doctrine, local_name
from .logic import Value
from .terms import LEX

__all__ = ["Derived", "derive_timings", "timing_problems"]

SUIT = str(LEX.suit)


@dataclass(frozen=True, slots=True)
class Derived:
    """A timing proposition's value, derived from the dates of the facts it relates."""

    proposition: str
    about: tuple[str, ...]
    value: Value
    sources: tuple[str, ...]  # the ids of the facts it was derived from
    locator: str


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _derive_one(timing, about, by_key, filed: str) -> tuple[Value, tuple] | None:
    """The value one timing takes for the entities `about`, or None where the facts do not decide it."""
    days, stated = [], []
    for end in (timing.start, timing.end):
        if end == SUIT:  # the suit is dated by the case's filing
            if not _day(filed):
                return None
            days.append(_day(filed))
        else:
            fact = by_key.get((end, about))
            if fact is None:
                return None
            stated.append(fact)
            days.append(_day(fact.date))
    if any(e.value is Value.REFUTED for e in stated):  # an event that did not happen: the relation fails
        return Value.REFUTED, tuple(e for e in stated if e.value is Value.REFUTED)
    if any(e.value is Value.UNKNOWN for e in stated):
        return None
    first, last = days
    if first is None or last is None:
        return None
    days = (last - first).days
    holds = days >= 0 and (timing.within_days is None or days <= timing.within_days)
    return (Value.ESTABLISHED if holds else Value.REFUTED), tuple(stated)


def derive_timings(events: Iterable, filed: str, doctrine: Doctrine) -> tuple[Derived, ...]:
    """The timing propositions the dates decide, for every entity tuple the related facts are about.

    events are the case's facts: anything with id, proposition, about, value, locator and date (load.Fact).

    One the case states itself is left to the case (timing_problems checks that the two agree).
    """
    events = tuple(events)
    by_key = {(e.proposition, e.about): e for e in events}
    stated = set(by_key)
    found = []
    for st in doctrine.statements.values():
        if st.timing is None:
            continue
        abouts = {e.about for e in events if e.proposition in (st.timing.start, st.timing.end)}
        for about in sorted(abouts):
            if (st.iri, about) in stated:
                continue
            result = _derive_one(st.timing, about, by_key, filed)
            if result is not None:
                value, used = result
                found.append(Derived(st.iri, about, value, tuple(e.id for e in used),
                                     "; ".join(dict.fromkeys(e.locator for e in used))))
    return tuple(found)


def timing_problems(events: Iterable, filed: str, doctrine: Doctrine) -> list[tuple[str, str]]:
    """(fact id, message) for each date that breaks an order the vocabulary declares."""
    events = tuple(events)
    by_key = {(e.proposition, e.about): e for e in events}
    problems = []
    for e in events:
        if e.date and _day(e.date) is None:
            problems.append((e.id, f"lex:date {e.date!r} is not a date (YYYY-MM-DD)"))
    for e in events:
        st = doctrine.statements.get(e.proposition)
        if st is None or st.answers is None or not _day(e.date):
            continue
        earlier = by_key.get((st.answers, e.about))
        if earlier is not None and _day(earlier.date) and _day(e.date) < _day(earlier.date):
            problems.append((e.id, f"dated {e.date}, before the {local_name(st.answers)} it answers ({earlier.id}, {earlier.date})"))
    for e in events:
        st = doctrine.statements.get(e.proposition)
        if st is None or st.timing is None or e.value is Value.UNKNOWN:
            continue
        result = _derive_one(st.timing, e.about, by_key, filed)
        if result is not None and result[0] is not e.value:
            problems.append((e.id, f"says {e.value.value}, but the dates of {', '.join(f.id for f in result[1]) or 'the suit'} make it {result[0].value}"))
    return problems

