"""Render a case as one offline HTML page: the grounded graph drawn with the vendored vis-network.

The page carries the graph as data (statements, conditions, facts, holdings, positions) in one
JSON block and evaluates it with static/evaluate.js, the JavaScript mirror of evaluate.py and
explain.py; the browser tests hold the two to the same values and paths. Everything the page
needs is inlined, so it opens from a USB stick in a classroom with no network. Text from case and
doctrine files reaches the page only as JSON data and is inserted with textContent.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx

from . import __version__
from .doctrine import AllOf, AnyOf, AtLeast, Doctrine, Not, Unless, local_name, natural_key
from .errors import UnknownIdError
from .ground import Match
from .load import Case, Holding
from .logic import Value
from .terms import LEX

__all__ = ["View", "expr_data", "node_sizes", "layout", "graph_data", "view_edges", "statement_data", "case_view", "case_page", "doctrine_page", "teach_data", "teach_page", "page", "write_page"]

KINDS = ("Proposition", "Factor", "Element", "Issue", "Conclusion", "Remedy")
COLUMN, ROW, LANE = 320, 96, 250  # px between layers, between nodes of a lane, between lanes
LANE_ROWS, MAX_LANES = 30, 4  # a layer longer than LANE_ROWS nodes folds into up to MAX_LANES lanes
STATIC = ("vis-network.min.js", "evaluate.js", "page.js")


def expr_data(expr) -> dict:
    """A grounded expression as the JSON the page's evaluator reads."""
    if isinstance(expr, Match):
        return {"m": list(expr.nodes)}
    if isinstance(expr, AllOf):
        return {"all": [expr_data(x) for x in expr.items]}
    if isinstance(expr, AnyOf):
        return {"any": [expr_data(x) for x in expr.items]}
    if isinstance(expr, AtLeast):
        return {"atLeast": expr.k, "of": [expr_data(x) for x in expr.items]}
    if isinstance(expr, Not):
        return {"not": expr_data(expr.item)}
    if isinstance(expr, Unless):
        return {"holds": expr_data(expr.holds), "unless": expr_data(expr.exception)}
    raise TypeError(f"not a grounded expression: {expr!r}")


def _layers(G: nx.DiGraph) -> dict[str, int]:
    """Kinds left to right; within a kind, as many sub-layers as its own chains need."""
    layer: dict[str, int] = {}
    floor = 0
    for kind in KINDS:
        members = [n for n in G.graph["order"] if G.nodes[n]["kind"] == kind]
        for n in members:
            layer[n] = max([floor, *(layer[c] + 1 for c in G.predecessors(n))])
        if members:
            floor = max(layer[n] for n in members) + 1
    return layer


# What page.js draws, for estimating each node's box: its label is "⊕ ✔ statement\nactor → actor"
# in 14 px type, wrapped by vis-network at 230 px (nodeItem's font and widthConstraint), with
# 5 px margins. getBoundingBox adds a box's corner radius on every side (page.js SHAPES); an
# ellipse (Factor, Remedy) is twice its text's height, a database (Issue) a square.
LINE, WRAP, MARGIN, GAP = 14, 230, 10, 16  # px: line height, wrap width, margins, between boxes
SHAPE_OF = {"Proposition": ("box", 0), "Factor": ("ellipse", 0), "Element": ("box", 14), "Issue": ("database", 0),
            "Conclusion": ("box", 6), "Remedy": ("ellipse", 0)}
_WIDTHS = ((4.7, "ijlIJ.,:;'|\\/ "), (5.8, "frt()[]-!"), (7.7, '"*_`?szc'), (9.0, "LFkvxyPaeoTYEbdghnpquS$0123456789{}"),
           (11.0, "ABCDGHKNOQRUVXZ&"))


def _char_width(ch: str) -> float:
    """At least the width of ch in 14 px DejaVu Sans, a wide font (Chromium's system-ui on Linux);
    CJK at 1 em, as the CJK fonts set it."""
    for width, chars in _WIDTHS:
        if ch in chars:
            return width
    return 14.0


def _width(text: str) -> float:
    return sum(map(_char_width, text))


def _wrapped(text: str, wrap: float = WRAP) -> tuple[int, float]:
    """Lines and widest line of text as vis-network 9 wraps it (LabelSplitter.splitStringIntoLines).

    Its quirks count: a space is measured three times over while fitting words, a word too long
    for a line breaks one character past the width, and may leave an empty line behind.
    """
    lines: list[float] = []
    for para in text.split("\n"):
        tokens = re.sub(r"([^\r][^ ]*)( +)", "\\1\r\\2\r", re.sub(r"^( +)", "\\1\r", para)).split("\r")
        while tokens:
            fit, joined = 0, ""
            while fit < len(tokens):
                candidate = joined + ("" if joined == "" else " ") + tokens[fit]
                if _width(candidate) > wrap:
                    break
                joined, fit = candidate, fit + 1
            if fit == 0:  # one word longer than the line
                word, k = tokens[0], 0
                while k < len(word) and _width(word[:k]) <= wrap:
                    k += 1
                lines.append(_width(word[:k]))
                tokens[0] = word[k:]
            else:
                end = fit
                if tokens[fit - 1] == " ":
                    fit -= 1
                elif end < len(tokens) and tokens[end] == " ":
                    end += 1
                lines.append(_width("".join(tokens[:fit])))
                tokens = tokens[end:]
    wrapped = len(lines) > text.count("\n") + 1  # then a line may be as wide as vis-network lets it
    return len(lines), max([*lines, wrap + _char_width("中")] if wrapped else lines, default=0.0)


def node_sizes(G: nx.DiGraph, doctrine: Doctrine, actors: Mapping[str, Mapping[str, str]]) -> dict[str, tuple[float, float]]:
    """Each node's (width, height) as the page draws it, at most: the larger of its two languages.

    The page switches language without moving nodes, so each needs room for its longer label,
    folded (⊕) or not.
    """
    sizes = {}
    for n, a in G.nodes(data=True):
        st = doctrine.statements[a["statement"]]
        shape, radius = SHAPE_OF[st.kind]
        w = h = 0.0
        for lang in ("en", "zh"):
            names = " → ".join(_both(actors.get(x, {})).get(lang) or x for x in a["args"])
            lines, widest = _wrapped(f"⊕\u00a0✔\u00a0{_both(st.label)[lang]}\n{names}")
            if shape == "ellipse":
                size = (widest + lines * LINE, 2 * lines * LINE)
            elif shape == "database":
                size = (widest + MARGIN,) * 2
            else:
                size = (widest + MARGIN + 2 * radius, lines * LINE + MARGIN + 2 * radius)
            w, h = max(w, size[0]), max(h, size[1])
        sizes[n] = (w, h)
    return sizes


def layout(G: nx.DiGraph, sizes: Mapping[str, tuple[float, float]] | None = None) -> dict[str, tuple[int, int]]:
    """Positions for a left-to-right drawing: facts on the left, conclusions on the right.

    Layers are ordered right to left by the mean position of each node's parents (conclusions
    grouped by actor), then placed left to right at the mean height of each node's children,
    kept at least one row apart, so that support flows in nearly straight lines. A long layer
    (the facts) folds into staggered lanes, so the drawing stays about as wide as it is tall.
    sizes (node_sizes) keeps the boxes of one lane GAP apart however tall their labels wrap;
    without it every node counts as one row high.
    """
    layer = _layers(G)
    by_layer: dict[int, list[str]] = {}
    for n in sorted(G, key=natural_key):
        by_layer.setdefault(layer[n], []).append(n)
    depth = max(by_layer, default=0)
    rank: dict[str, float] = {}
    for L in range(depth, -1, -1):
        nodes = by_layer.get(L, [])
        if L == depth:
            nodes.sort(key=lambda n: (G.nodes[n]["args"], natural_key(n)))
        else:
            def key(n):
                ups = [rank[p] for p in G.successors(n)]
                return (sum(ups) / len(ups) if ups else 2.0, natural_key(n))
            nodes.sort(key=key)
        for i, n in enumerate(nodes):
            rank[n] = i / max(len(nodes) - 1, 1)
    height = {n: (sizes[n][1] if sizes else ROW - GAP) for n in G}
    wide = [max((sizes[n][0] if sizes else LANE - GAP for n in by_layer.get(L, [])), default=0) for L in range(depth + 2)]
    pos: dict[str, tuple[int, int]] = {}
    x = 0
    for L in range(depth + 1):
        nodes = by_layer.get(L, [])
        lanes = max(1, min(MAX_LANES, -(-len(nodes) // LANE_ROWS)))  # long layers fold into lanes
        lane = max(LANE, round(wide[L] + GAP))  # lanes and layers wide enough for their widest box
        last = None
        above: list[str | None] = [None] * lanes  # the node last placed in each lane
        for i, n in enumerate(nodes):
            downs = [pos[c][1] for c in G.predecessors(n)]
            y = round(sum(downs) / len(downs)) if downs else (0 if last is None else last + ROW // lanes)
            if last is not None:
                y = max(y, last + ROW // lanes)
            up = above[i % lanes]
            if up is not None:  # clear of the box above it in its lane
                y = max(y, pos[up][1] + -(-(height[up] + height[n] + 2 * GAP) // 2))
            pos[n] = (x + (lanes - 1 - i % lanes) * lane, int(y))
            last, above[i % lanes] = int(y), n
        x += (lanes - 1) * lane + max(COLUMN, round((wide[L] + wide[L + 1]) / 2 + 3 * GAP))
    return pos


def _both(text: Mapping[str, str]) -> dict:
    return {"en": text.get("en") or text.get("zh", ""), "zh": text.get("zh") or text.get("en", "")}


def _term(doctrine: Doctrine, iri: str) -> dict:
    return {"id": local_name(iri), "label": {lang: doctrine.label_of(iri, lang) for lang in ("en", "zh")}}


def graph_data(G: nx.DiGraph, doctrine: Doctrine, holdings: Sequence[Holding] = (),
               actors: Mapping[str, Mapping[str, str]] | None = None) -> dict:
    """One doctrine's grounded graph as page data: each statement once, each node with its own part.

    actors labels the entities (or, drawing the law alone, the role variables) the nodes are
    about, as the page shows them: their length decides how far apart the nodes are laid out.

    What every node of a statement shares (kind, legal basis, burden, premise, default) is said
    once, on the statement; legal sources are named by id and labelled once, in `sources`, and
    quoted once, in `texts` (official text and our translation); edges
    are not listed, since a node's conditions name its children. evaluate.js's indexed() fills
    each node in from its statement and derives the edges, so the page sees whole nodes.
    """
    held = {(h.statement, h.about): h for h in holdings}
    pos = layout(G, node_sizes(G, doctrine, actors or {}))
    sources: dict[str, dict] = {}
    statements: dict[str, dict] = {}
    nodes = []
    for n in G.graph["order"]:
        a = G.nodes[n]
        st = doctrine.statements[a["statement"]]
        if st.id not in statements:
            statements[st.id] = statement_data(st, doctrine, sources)
            if a.get("burden") is not None:
                b = a["burden"]
                statements[st.id]["burden"] = {"value": b.value.value, "bearer": _source(doctrine, b.bearer, sources),
                                               "basis": [_source(doctrine, x, sources) for x in b.legal_basis]}
            if a.get("premise") is not None:  # a doctrine reading a foreign case: every node of it
                pr = a["premise"]
                statements[st.id]["premise"] = {"value": pr.value.value, "label": _both(pr.label),
                                                "basis": [_source(doctrine, x, sources) for x in pr.legal_basis]}
        item = {"id": n, "statement": st.id, "actors": list(a["args"]), "x": pos[n][0], "y": pos[n][1]}
        if st.kind == "Proposition":
            fact = a["fact"]
            if fact is not None:
                item["fact"] = {"id": fact.id, "value": fact.value.value, "tag": fact.tag, "open": fact.open_to_change,
                                "passages": list(fact.passages)}
        else:
            item["conditions"] = [{"decides": c.decides.value, "expr": expr_data(c.expr)} for c in a["conditions"]]
        h = held.get((a["statement"], a["args"]))
        if h is not None:
            item["holding"] = {"id": h.id, "value": h.value.value, "by_court": h.by_court,
                               "passages": list(h.passages), "tag": h.tag}
        nodes.append(item)
    return {
        "doctrine": {"id": doctrine.id, "label": _both(doctrine.label),
                     "jurisdiction": _term(doctrine, doctrine.jurisdiction)},
        "sources": {k: v for k, (_, v) in sources.items()},
        "texts": {k: {"official": dict(doctrine.texts[iri].official), "translation": dict(doctrine.texts[iri].translation)}
                  for k, (iri, _) in sources.items() if iri in doctrine.texts},
        "statements": statements,
        "nodes": nodes,
    }


def view_edges(g: Mapping) -> list[tuple[str, str]]:
    """The edges (child, parent) of one graph of the page data: every node a condition names."""
    def leaves(expr):
        if "m" in expr:
            yield from expr["m"]
        for key in ("all", "any", "of"):
            for x in expr.get(key, ()):
                yield from leaves(x)
        for key in ("not", "holds", "unless"):
            if key in expr:
                yield from leaves(expr[key])
    return list(dict.fromkeys((c, n["id"]) for n in g["nodes"] for cond in n.get("conditions", ()) for c in leaves(cond["expr"])))


def _source(doctrine: Doctrine, iri: str, sources: dict[str, tuple[str, dict]]) -> str:
    """The id under which a legal source (or any labelled term) is listed once in `sources`."""
    key = local_name(iri)
    if sources.setdefault(key, (iri, None))[0] != iri:  # two namespaces, one local name: keep both
        key = iri
        sources.setdefault(key, (iri, None))
    if sources[key][1] is None:
        sources[key] = (iri, {lang: doctrine.label_of(iri, lang) for lang in ("en", "zh")})
    return key


def statement_data(st, doctrine: Doctrine, sources: dict[str, tuple[str, dict]]) -> dict:
    """What the page shows of a doctrine statement, whichever actors it is grounded for."""
    out = {"kind": st.kind, "label": _both(st.label), "basis": [_source(doctrine, s, sources) for s in st.legal_basis]}
    if any(_sentence(st.definition.get(lang, "")) != _sentence(st.label.get(lang, "")) for lang in ("en", "zh")):
        out["definition"] = _both(st.definition)  # a proposition's definition mostly restates its label: said once
    if st.kind == "Proposition":
        out["question"] = _both(st.question)
    else:
        out["ordered"] = st.ordered
        out["default"] = st.default.value
        out["says"] = {"established": _both(st.if_established), "refuted": _both(st.if_refuted)}
    return out


def _sentence(text: str) -> str:
    """text without its closing full stop and initial capital, to compare a definition with a label.

    >>> _sentence("The work is famous.") == _sentence("the work is famous")
    True
    """
    text = text.rstrip("。.")
    return text[:1].lower() + text[1:]


def _tag_label(doctrine: Doctrine, tag: str) -> dict:
    return {lang: doctrine.label_of(str(LEX[tag]), lang) for lang in ("en", "zh")}


@dataclass(frozen=True, slots=True)
class View:
    """What a page shows, as JSON-able data; renders to HTML, inline in Jupyter, or to pyvis."""

    data: Mapping
    values: tuple[Mapping[str, str], ...] = ()  # the Python evaluator's values, per graph

    def html(self) -> str:
        """The self-contained page."""
        return page(self.data)

    def _repr_html_(self) -> str:
        """Jupyter shows the page in an iframe; srcdoc keeps it apart from the notebook's own page.

        The sandbox lets the page run its scripts, save its PNG and print (print() is a modal).
        """
        return (
            f'<iframe srcdoc="{html.escape(self.html(), quote=True)}" '
            'style="width:100%;height:640px;border:1px solid #ccc" sandbox="allow-scripts allow-downloads allow-modals"></iframe>'
        )

    def to_pyvis(self, graph: int = 0):
        """The same graph as a pyvis Network (extra `lexpath[notebook]`), for people who use pyvis.

        Only the drawing carries over (labels, colours by the Python value, positions); the page
        from html() stays the one to hand out, since pyvis pages load vis from a CDN.
        """
        from pyvis.network import Network

        g = self.data["graphs"][graph]
        lang = self.data["lang"]
        net = Network(directed=True, height="640px", width="100%", cdn_resources="remote")
        net.toggle_physics(False)
        for n in g["nodes"]:
            value = self.values[graph][n["id"]]
            label = g["statements"][n["statement"]]["label"][lang]
            kind = g["statements"][n["statement"]]["kind"]
            net.add_node(n["id"], label=label, x=n["x"], y=n["y"], shape=SHAPES[kind],
                         color=COLOURS[value], title=f"{label}: {value}")
        for child, parent in view_edges(g):
            net.add_edge(child, parent)
        return net


SHAPES = {"Proposition": "box", "Factor": "ellipse", "Element": "ellipse", "Issue": "box",
          "Conclusion": "box", "Remedy": "box"}
COLOURS = {"established": "#c8e6c9", "refuted": "#ffcdd2", "unknown": "#eeeeee"}


def case_view(
    graphs: Sequence[tuple[nx.DiGraph, Case, Doctrine]],
    values: Sequence[Mapping[str, str]],
    lang: str = "en",
    focus: str | None = None,
    actor: str | None = None,
) -> View:
    """The page data for a case under one or more doctrines (the first is shown first).

    Each graph comes with the case as read under its doctrine (the holdings it compares with).
    values holds the Python evaluator's value of every node, per graph: kept beside the page data
    (the page computes its own, and the browser tests compare the two); pyvis draws them. focus names a node of the first graph whose
    justification the page opens highlighted and framed; actor keeps the statements about that
    actor and all they rest on, and the page opens on that actor's conclusions.
    """
    from .explain import suggest

    case = graphs[0][1]
    if actor is not None and actor not in case.entities:
        known = sorted(case.entities)
        raise UnknownIdError(case.path, actor, f"no entity has this id; known: {', '.join(known)}{suggest(actor, known)}")
    labels = {e.id: _both(e.label) for e in sorted(case.entities.values(), key=lambda e: e.id)}
    datas = []
    for G, read, doctrine in graphs:
        if actor is not None:
            own = [n for n in G if actor in G.nodes[n]["args"]]
            keep = set(own).union(*(nx.ancestors(G, n) for n in own))
            G = G.subgraph(keep).copy()
            G.graph["order"] = tuple(n for n in G.graph["order"] if n in keep)
        datas.append(graph_data(G, doctrine, read.holdings, labels))
    first = {n["id"] for n in datas[0]["nodes"]}
    if focus is not None and focus not in first and focus in graphs[0][0]:
        raise UnknownIdError(case.path, focus, f"left out by --actor {actor} (not about {actor}, and nothing about "
                             f"{actor} rests on it); drop --actor, or focus on a conclusion about {actor}")
    if focus is not None and focus not in first:
        kinds = datas[0]["statements"]
        conclusions = [n["id"] for n in datas[0]["nodes"] if kinds[n["statement"]]["kind"] in ("Conclusion", "Remedy")]
        near = [c for c in conclusions if focus.lower() in c.lower()][:3]
        hint = f"; did you mean {', '.join(near)}?" if near else suggest(focus, conclusions)
        raise UnknownIdError(case.path, focus, f"no conclusion has this id{hint}")
    doctrine = graphs[0][2]
    return View({
        "lexpath": __version__,
        "lang": lang,
        "focus": focus,
        "actor": actor,
        "case": {
            "id": case.id,
            "title": _both(case.title),
            "court": _both(case.court),
            "number": case.number,
            "decided": case.decided,
            "changes": _both(case.changes) if case.changes else None,
            "passages": {p.id: {"key": p.key, "exact": p.exact, "document": p.source} for p in case.passages.values()
                         if p.id in {x for f in (*case.facts, *case.holdings) for x in f.passages}},
            "documents": {d.id: {"title": _both(d.title), "publisher": _both(d.publisher), "date": d.date,
                                 "address": d.address, "official": d.official} for d in case.sources.values()},
        },
        "actors": labels,
        "tags": {t: _tag_label(doctrine, t) for t in sorted({f.tag for f in case.facts} | {h.tag for h in case.holdings}) if t},
        "graphs": datas,
    }, tuple({n["id"]: v[n["id"]] for n in d["nodes"]} for d, v in zip(datas, values)))


def _graphs(case_ref: str, doctrine_refs: Sequence[str] | None):
    """The case grounded and evaluated under each doctrine named (default: the case's own, then
    every other bundled doctrine, for the page's doctrine switch)."""
    from .evaluate import evaluate
    from .ground import ground
    from .load import bundled_doctrines, load_case

    case, own = load_case(case_ref, doctrine_refs[0] if doctrine_refs else None)
    refs = list(doctrine_refs or [own.id, *(d for d in bundled_doctrines() if d != own.id)])
    graphs, values = [], []
    for ref in refs:
        case, doctrine = (case, own) if ref == refs[0] else load_case(case_ref, ref)
        G = ground(doctrine, case)
        graphs.append((G, case, doctrine))
        values.append({n: v.value for n, v in evaluate(G).values.items()})
    return graphs, values


def case_page(
    case_ref: str,
    doctrine_refs: Sequence[str] | None = None,
    lang: str = "en",
    focus: str | None = None,
    actor: str | None = None,
) -> View:
    """The interactive graph of a case under each doctrine named (see _graphs)."""
    graphs, values = _graphs(case_ref, doctrine_refs)
    return case_view(graphs, values, lang, focus, actor)


def teach_page(case_ref: str, doctrine_refs: Sequence[str] | None = None, lang: str = "en") -> View:
    """The classroom page: the case's graph with fact toggles, predict-then-reveal and a quiz."""
    graphs, values = _graphs(case_ref, doctrine_refs)
    view = case_view(graphs, values, lang)
    data = dict(view.data, teach=[teach_data(G, case, doctrine) for G, case, doctrine in graphs])
    return View(data, view.values)


def doctrine_page(doctrine_refs: Sequence[str], lang: str = "en") -> View:
    """The law drawn alone: each doctrine named as an outline of its tests, before any facts."""
    from .evaluate import evaluate
    from .ground import outline
    from .load import doctrine_for

    doctrines = [doctrine_for(ref, "") for ref in doctrine_refs]
    actors = {local_name(r): {lang: d.label_of(r, lang) for lang in ("en", "zh")} for d in doctrines for r in d.role_vars}
    datas, values = [], []
    for doctrine in doctrines:
        G = outline(doctrine)
        datas.append(graph_data(G, doctrine, (), actors))
        values.append({n: v.value for n, v in evaluate(G).values.items()})
    return View({"lexpath": __version__, "lang": lang, "focus": None, "actor": None, "case": None, "actors": dict(sorted(actors.items())),
                 "tags": {}, "graphs": datas}, tuple(values))


QUIZ_SIZE, QUIZ_OPTIONS = 6, 6  # questions per doctrine, options per question


def _tree_nodes(tree: Mapping) -> set[str]:
    return {tree["node"]}.union(*(_tree_nodes(c) for c in tree.get("children", ())))


def teach_data(G: nx.DiGraph, case: Case, doctrine: Doctrine) -> dict:
    """What the classroom page adds to a graph: the facts to toggle, and a quiz from the flips.

    Each question asks which single change of an open fact brings a conclusion the court (or a
    variant) ruled on to the other value; the answers are the flips of size one (flips.py), the
    options every open fact under the conclusion, changed to its opposite value.
    """
    from .evaluate import Evaluation, evaluate
    from .explain import justification
    from .flips import default_wanted, minimal_flips, open_to_change
    from .ground import stated

    facts = stated(G)
    values = evaluate(G, facts).values
    free = open_to_change(G)
    held = {(h.statement, h.about) for h in case.holdings}
    depth = {n: len(nx.ancestors(G, n)) for n in G}
    targets = sorted(
        (n for n, a in G.nodes(data=True) if a["kind"] == "Conclusion" and (a["statement"], a["args"]) in held),
        key=lambda n: (-depth[n], n),
    )
    quiz = []
    for target in targets:
        wanted = default_wanted(values[target])
        found, _ = minimal_flips(G, facts, target, wanted, free, max_size=1)
        if not found:
            continue
        answers = [{"node": n, "value": v.value} for flip in found for n, v in flip.items()]
        on_path = _tree_nodes(justification(G, Evaluation(values), target, doctrine))
        decoys = [
            {"node": n, "value": (Value.REFUTED if values[n] is Value.ESTABLISHED else Value.ESTABLISHED).value}
            for n in free if n in on_path and values[n] is not Value.UNKNOWN
        ]
        decoys = [d for d in decoys if d not in answers][: max(QUIZ_OPTIONS - len(answers), 2)]
        options = sorted(answers + decoys, key=lambda o: o["node"])
        quiz.append({"target": target, "from": values[target].value, "to": wanted.value,
                     "options": options, "answers": answers})
        if len(quiz) == QUIZ_SIZE:
            break
    toggles = [n for n in G.graph["order"] if G.nodes[n]["kind"] == "Proposition" and G.out_degree(n)]
    return {
        "stated": [n for n in toggles if n in facts],
        "unstated": [n for n in toggles if n not in facts],
        "outcomes": targets or [n for n in G if G.nodes[n]["kind"] == "Conclusion" and not G.out_degree(n)],
        "quiz": quiz,
    }


@cache
def _static(name: str) -> str:
    text = resources.files("lexpath").joinpath("static", name).read_text(encoding="utf-8")
    if "</script" in text.lower():  # would end the inline script early
        raise ValueError(f"static/{name} contains '</script'")
    return text


def page(data: Mapping, template: str = "page.html.jinja") -> str:
    """Fill the page template with the view data and the inlined scripts and stylesheet."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("lexpath", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False, "separators": (",", ":")}
    lang = data["lang"]
    title = data["case"]["title"][lang] if data.get("case") else data["graphs"][0]["doctrine"]["label"][lang]
    return env.get_template(template).render(
        view=data,
        lang=lang,
        title=title,
        css=_static("page.css"),
        teach="teach" in data,
        scripts=[_static(name) for name in STATIC + (("teach.js",) if "teach" in data else ())],
    )


def write_page(view: View, path: str | Path) -> Path:
    """Write the view's page to path, whole or not at all."""
    from .output import write_output

    return write_output(path, view.html())
