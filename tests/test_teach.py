"""The classroom page: its quiz matches flips, and in a real browser its JavaScript evaluator
agrees with the Python one under every bundled doctrine, for every case and many assignments."""

from __future__ import annotations

import json
import random
import re

import pytest

from conftest import lexpath, one_line_error, open_page
from lexpath.evaluate import evaluate
from lexpath.explain import justification
from lexpath.flips import flips
from lexpath.ground import ground, stated
from lexpath.load import bundled_cases, bundled_doctrines, load_case
from lexpath.logic import Value
from lexpath.render import teach_page

HANGZHOU = "hangzhou-ultraman-lora"
VALUES = [v.value for v in Value]


def view_json(page: str) -> dict:
    return json.loads(re.search(r'id="lexpath-view">(.*?)</script>', page, re.S).group(1))


def tree_nodes(tree: dict) -> set[str]:
    return {tree["node"]}.union(*(tree_nodes(c) for c in tree.get("children", ())))


def test_quiz_answers_are_the_single_flips():
    view = teach_page(HANGZHOU)
    for data, teach in zip(view.data["graphs"], view.data["teach"]):
        case, doctrine = load_case(HANGZHOU, data["doctrine"]["id"])
        G = ground(doctrine, case)
        assert teach["quiz"], data["doctrine"]["id"]
        for q in teach["quiz"]:
            result = flips(G, case, doctrine, q["target"], Value(q["to"]), max_size=1)
            by_node = {G.nodes[n]["fact"].id: n for n in G if G.nodes[n].get("fact") is not None}
            expected = [{"node": by_node[f], "value": v.value} for flip in result.flips for f, v in flip.changes.items()]
            assert sorted(q["answers"], key=str) == sorted(expected, key=str)
            assert all(a in q["options"] for a in q["answers"])


def test_teach_bad_input(tmp_path):
    one_line_error(lexpath("teach", HANGZHOU, "-o", str(tmp_path / "no" / "x.html")), "does not exist")
    one_line_error(lexpath("teach", HANGZHOU, "-o", str(tmp_path / "x.html"), "--doctrine", "cn,xx"), "xx", "cn, us")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """A teaching page per bundled case, each with every bundled doctrine."""
    folder = tmp_path_factory.mktemp("teach")
    out = {}
    for cid in bundled_cases():
        path = folder / f"{cid}.html"
        r = lexpath("teach", cid, "-o", str(path))
        assert r.returncode == 0, r.stderr
        out[cid] = path
    return out


def assignments(G, rng: random.Random, n_random: int) -> list[dict[str, str]]:
    """Every single-fact change of what the case states, then random assignments of every proposition."""
    base = {k: v.value for k, v in stated(G).items()}
    props = [n for n in G.graph["order"] if G.nodes[n]["kind"] == "Proposition"]
    out = [dict(base)]
    for p in props:
        now = base.get(p, G.nodes[p]["unstated"].value)
        out += [{**base, p: v} for v in VALUES if v != now]
    out += [{p: rng.choice(VALUES) for p in props} for _ in range(n_random)]
    return out


@pytest.mark.parametrize("cid", list(bundled_cases()))
def test_javascript_agrees_with_python(browser, pages, cid):
    open_page(browser, pages[cid])
    rng = random.Random(cid)
    ids = browser.execute_script("return window.lexpath.view.graphs.map(g => g.doctrine.id)")
    assert ids[0] == load_case(cid)[1].id and sorted(ids) == sorted(bundled_doctrines())
    for i, did in enumerate(ids):
        case, doctrine = load_case(cid, did)
        G = ground(doctrine, case)
        batch = assignments(G, rng, 300 if cid == HANGZHOU else 60)
        targets = [n for n in G if G.nodes[n]["kind"] == "Conclusion"]
        js = browser.execute_script(
            """const [i, batch, targets] = arguments, L = LexpathLogic, g = window.lexpath.view.graphs[i];
               return batch.map((facts, k) => {
                 const values = L.evaluate(g, facts), t = targets[k % targets.length];
                 return [values, [...L.pathOf(L.justification(g, values, t)).nodes].sort()];
               });""",
            i, batch, targets)
        for k, (facts, (values, path)) in enumerate(zip(batch, js)):
            ev = evaluate(G, {n: Value(v) for n, v in facts.items()})
            assert values == {n: v.value for n, v in ev.values.items()}, (did, k)
            assert path == sorted(tree_nodes(justification(G, ev, targets[k % len(targets)], doctrine))), (did, k)
        assert js[0][0] == {n: v.value for n, v in evaluate(G).values.items()}  # the case as stated


def test_toggles_predict_and_quiz_in_the_page(browser, pages):
    open_page(browser, pages[HANGZHOU])
    case, doctrine = load_case(HANGZHOU)
    G = ground(doctrine, case)
    target = "CopyrightLiability(platform)"
    label = browser.execute_script("return window.lexpath.graph() && document.querySelector('#teach') && "
                                   "window.lexpath.view.graphs[0].nodes.length")
    assert label == len(G)
    masked = browser.execute_script("return window.lexpath.mask(window.lexpath.graph().byId[arguments[0]])", target)
    assert masked is True
    legend = browser.execute_script("return document.getElementById('legend').textContent")
    assert browser.execute_script("return window.lexpath.w('masked')") in legend  # the … of a hidden outcome
    browser.execute_script("document.getElementById('reveal').click()")
    assert browser.execute_script("return window.lexpath.mask(window.lexpath.graph().byId[arguments[0]])", target) is False

    quiz = view_json(pages[HANGZHOU].read_text(encoding="utf-8"))["teach"][0]["quiz"]
    first = quiz[0]
    answer = first["answers"][0]
    browser.execute_script(
        "document.querySelector(`#teach button[data-node='${arguments[0]}'][data-value='${arguments[1]}']`).click()",
        answer["node"], answer["value"])
    after = browser.execute_script("return window.lexpath.values()")
    ev = evaluate(G, {**stated(G), answer["node"]: Value(answer["value"])})
    assert after == {n: v.value for n, v in ev.values.items()}
    assert after[first["target"]] == first["to"]
    browser.execute_script("document.getElementById('reset').click()")
    assert browser.execute_script("return window.lexpath.values()") == {n: v.value for n, v in evaluate(G).values.items()}

    buttons = browser.execute_script("return [...document.querySelectorAll('#teach button[data-quiz=\"0\"]')].map(b => b.textContent)")
    assert len(buttons) == len(first["options"])
    right = first["options"].index(answer)
    browser.execute_script(f"document.querySelectorAll('#teach button[data-quiz=\"0\"]')[{right}].click()")
    assert browser.execute_script("return document.querySelector('#teach .question .result').textContent").startswith("Right")
