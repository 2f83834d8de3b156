"""render.py: the offline page, its escaping and bad input; in a real browser, what it draws."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from conftest import lexpath, one_line_error, open_page, write
from lexpath.evaluate import evaluate
from lexpath.explain import justification
from lexpath.ground import ground, outline
from lexpath.load import bundled_cases, bundled_doctrines, load_case
from lexpath.render import STATIC, case_page, layout, node_sizes, view_edges

HANGZHOU = "hangzhou-ultraman-lora"
FOCUS = "ContributoryInfringement(platform,trainers)"
HARBOURED = "SecondaryDamagesLiability(platform,trainers)"  # accept if #1: abetting; reject if #2: the harbour; accept if #3
SCRIPT = "</script><script>window.__xss=1</script>"
IMG = "<img src=x onerror=window.__xss=2>"


def view_json(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="lexpath-view">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def path_nodes(tree: dict) -> set[str]:
    return {tree["node"]}.union(*(path_nodes(c) for c in tree.get("children", ())))


@pytest.fixture(scope="module")
def hangzhou_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "hangzhou.html"
    r = lexpath("render", HANGZHOU, "-o", str(out), "--focus", FOCUS)
    assert r.returncode == 0, r.stderr
    return out


class TestPage:
    def test_offline_and_small(self, hangzhou_page):
        page = hangzhou_page.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*https?:""", page, re.I)
        assert not re.search(r"""@import[^;]*https?:|url\(\s*["']?https?:""", page, re.I)
        assert "<link" not in page
        assert len(page.encode("utf-8")) <= 1_250_000  # 1 MB, and the words of every article the page cites (~0.12 MB)
        assert "网络服务提供者知道或者应当知道网络用户利用其网络服务侵害他人民事权益" in page

    def test_the_view_carries_every_node_of_each_doctrine(self, hangzhou_page):
        view = view_json(hangzhou_page.read_text(encoding="utf-8"))
        assert [g["doctrine"]["id"] for g in view["graphs"]] == ["cn", *sorted(set(bundled_doctrines()) - {"cn"})]
        case, doctrine = load_case(HANGZHOU)
        G = ground(doctrine, case)
        assert {n["id"] for n in view["graphs"][0]["nodes"]} == set(G)
        assert set(view_edges(view["graphs"][0])) == set(G.edges)
        assert view["focus"] == FOCUS

    def test_layout_puts_every_child_left_of_its_parent(self):
        case, doctrine = load_case(HANGZHOU)
        G = ground(doctrine, case)
        pos = layout(G)
        assert all(pos[c][0] < pos[p][0] for c, p in G.edges)
        assert len(set(pos.values())) == len(pos)  # no two nodes on one spot

    @pytest.mark.parametrize("did", sorted(bundled_doctrines()))
    def test_layout_keeps_estimated_boxes_apart(self, did):
        """The browser test checks the boxes drawn; this, every bundled case without a browser."""
        for cid in bundled_cases():
            case, doctrine = load_case(cid, did)
            G = ground(doctrine, case)
            sizes = node_sizes(G, doctrine, {e.id: e.label for e in case.entities.values()})
            pos = layout(G, sizes)
            assert overlaps({n: box(pos[n], sizes[n]) for n in G}) == [], (cid, did)

    @pytest.mark.parametrize("command", ["render", "teach"])
    def test_two_renders_are_byte_identical(self, tmp_path, command):
        """Different hash seeds, as two runs get: nothing set-ordered may reach the page."""
        pages = []
        for seed in ("1", "2"):
            out = tmp_path / f"{seed}.html"
            env = {**os.environ, "PYTHONHASHSEED": seed}
            r = subprocess.run([sys.executable, "-m", "lexpath", command, HANGZHOU, "-o", str(out)],
                               capture_output=True, encoding="utf-8", env=env)
            assert r.returncode == 0, r.stderr
            pages.append(out.read_bytes())
        assert pages[0] == pages[1]

    def test_vendored_files_match_their_record(self):
        static = resources.files("lexpath").joinpath("static")
        record = static.joinpath("VENDORED.md").read_text(encoding="utf-8")
        rows = re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", record, re.M)
        assert rows
        for name, digest in rows:
            assert hashlib.sha256(static.joinpath(name).read_bytes()).hexdigest() == digest, name
        for name in ("LICENSE-APACHE-2.0", "LICENSE-MIT"):
            assert static.joinpath(name).is_file()

    def test_hostile_labels_stay_data(self, tmp_path, hangzhou_text):
        path = write(tmp_path, "xss.ttl", hostile(hangzhou_text))
        out = tmp_path / "xss.html"
        r = lexpath("render", str(path), "-o", str(out))
        assert r.returncode == 0, r.stderr
        page = out.read_text(encoding="utf-8")
        assert page.lower().count("</script") == page.lower().count("<script") == 1 + len(STATIC)  # only our own
        assert "<img" not in page
        view = view_json(page)
        assert SCRIPT in view["case"]["title"]["en"] and IMG in view["actors"]["platform"]["en"]

    def test_jupyter_shows_the_page_in_an_iframe(self):
        view = case_page(HANGZHOU, ["cn"])
        shown = view._repr_html_()
        assert shown.startswith("<iframe srcdoc=")
        assert html.unescape(re.search(r'srcdoc="([^"]*)"', shown).group(1)) == view.html()

    def test_pyvis_network_from_the_same_view(self):
        pytest.importorskip("pyvis")
        view = case_page(HANGZHOU, ["cn"])
        net = view.to_pyvis()
        assert len(net.nodes) == len(view.data["graphs"][0]["nodes"])
        assert len(net.edges) == len(view_edges(view.data["graphs"][0]))

    def test_actor_keeps_what_its_statements_rest_on(self):
        case, doctrine = load_case(HANGZHOU)
        G = ground(doctrine, case)
        view = case_page(HANGZHOU, ["cn"], actor="oss-providers")
        ids = {n["id"] for n in view.data["graphs"][0]["nodes"]}
        assert "CopyrightLiability(oss-providers)" in ids and "CopyrightLiability(platform)" not in ids
        assert all(set(G.predecessors(n)) <= ids for n in ids)


def box(centre, size) -> tuple[float, float, float, float]:
    (x, y), (w, h) = centre, size
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def overlaps(boxes: dict[str, tuple[float, float, float, float]]) -> list[tuple[str, str]]:
    """The pairs of boxes (left, top, right, bottom) that overlap."""
    items = sorted(boxes.items(), key=lambda kv: kv[1][0])
    found = []
    for i, (a, (l1, t1, r1, b1)) in enumerate(items):
        for b, (l2, t2, r2, b2) in items[i + 1:]:
            if l2 >= r1:
                break
            if t2 < b1 and t1 < b2:
                found.append((a, b))
    return found


def hostile(text: str) -> str:
    """The Hangzhou case with script and markup in its title, an actor's label, a passage's key and its quotation."""
    text = text.replace(
        '"The Ultraman LoRA case: copyright infringement and unfair competition"@en',
        f'"{SCRIPT}"@en', 1)
    text = re.sub(r'(:platform\s.*?rdfs:label "[^"]*"@zh , ")[^"]*("@en)', rf"\g<1>{IMG}\g<2>", text, count=1, flags=re.S)
    text = re.sub(r'(\n:p-F4\n.*?oa:exact ")[^"]*"', rf'\g<1>{IMG}"', text, count=1, flags=re.S)  # a passage beside a fact
    return re.sub(r'(\n:p-F4\n.*?rdfs:label ")F4"', rf'\g<1>{IMG}"', text, count=1, flags=re.S)


class TestBadInput:
    def test_unknown_focus_suggests(self, tmp_path):
        r = lexpath("render", HANGZHOU, "-o", str(tmp_path / "x.html"), "--focus", "Contributory")
        one_line_error(r, "Contributory", "did you mean ContributoryInfringement(")
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("where", ["missing/x.html", "."])
    def test_output_that_cannot_be_written(self, tmp_path, where):
        r = lexpath("render", HANGZHOU, "-o", str(tmp_path / where), "--doctrine", "cn")
        one_line_error(r, "output")
        assert list(tmp_path.iterdir()) == []

    def test_unwritable_directory_leaves_nothing(self, tmp_path):
        import os

        if os.geteuid() == 0:
            target = Path("/proc/lexpath.html")  # even root cannot create files here
        else:
            tmp_path.chmod(0o500)
            target = tmp_path / "x.html"
        r = lexpath("render", HANGZHOU, "-o", str(target), "--doctrine", "cn")
        one_line_error(r, "cannot write")
        assert not target.exists() and not target.with_name(target.name + ".part").exists()

    def test_unknown_actor(self, tmp_path):
        one_line_error(lexpath("render", HANGZHOU, "-o", str(tmp_path / "x.html"), "--actor", "platfrom"), "platform")

    def test_focus_left_out_by_actor_says_so(self, tmp_path):
        r = lexpath("render", HANGZHOU, "-o", str(tmp_path / "x.html"), "--actor", "oss-providers",
                    "--focus", "CopyrightLiability(platform)")
        one_line_error(r, "CopyrightLiability(platform)", "left out by --actor oss-providers")
        assert "no conclusion has this id" not in r.stderr and list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("flag", [["--focus", "CopyrightLiability(platform)"], ["--actor", "platform"]])
    def test_focus_or_actor_without_a_case_is_a_usage_error(self, tmp_path, flag):
        r = lexpath("render", "--doctrine", "cn", "-o", str(tmp_path / "x.html"), *flag)
        assert r.returncode == 2 and f"{flag[0]} needs a CASE" in r.stderr and "Traceback" not in r.stderr
        assert list(tmp_path.iterdir()) == []

    def test_neither_case_nor_doctrine_is_a_usage_error(self, tmp_path):
        r = lexpath("render", "-o", str(tmp_path / "x.html"))
        assert r.returncode == 2 and "CASE" in r.stderr


class TestDoctrineAlone:
    def test_each_statement_once(self, tmp_path):
        for did, doctrine in bundled_doctrines().items():
            G = outline(doctrine)
            assert {G.nodes[n]["statement"] for n in G} == set(doctrine.statements)
            out = tmp_path / f"{did}.html"
            assert lexpath("render", "--doctrine", did, "-o", str(out)).returncode == 0
            view = view_json(out.read_text(encoding="utf-8"))
            assert view["case"] is None and len(view["graphs"][0]["nodes"]) == len(doctrine.statements)


# -- in a real browser ------------------------------------------------------------------

def errors(log: list[dict]) -> list[dict]:
    return [m for m in log if m["level"] == "SEVERE"]


class TestInBrowser:
    def test_draws_every_node_and_edge_with_no_errors(self, browser, hangzhou_page, tmp_path):
        log = open_page(browser, hangzhou_page)
        assert errors(log) == []
        case, doctrine = load_case(HANGZHOU)
        G = ground(doctrine, case)
        drawn = browser.execute_script("return window.lexpath.drawn()")
        assert drawn == {"nodes": len(G), "edges": G.number_of_edges(),
                         "visibleNodes": len(G), "visibleEdges": G.number_of_edges()}
        browser.save_screenshot(str(tmp_path / "hangzhou.png"))
        assert (tmp_path / "hangzhou.png").stat().st_size > 10_000

    def test_no_two_boxes_overlap_in_either_language(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        for i, did in enumerate(browser.execute_script("return window.lexpath.view.graphs.map(g => g.doctrine.id)")):
            browser.execute_script(f"window.lexpath.setDoctrine({i})")
            for lang in ("en", "zh", "en"):
                boxes = browser.execute_script(
                    """const P = window.lexpath, net = P.network();
                       P.setLang(arguments[0]); net.redraw();  // bounding boxes follow the new labels when drawn
                       return Object.fromEntries(P.graph().nodes.map(a => {
                         const b = net.getBoundingBox(a.id); return [a.id, [b.left, b.top, b.right, b.bottom]]; }));""",
                    lang)
                assert len(boxes) == len(browser.execute_script("return window.lexpath.graph().nodes"))
                assert overlaps(boxes) == [], (did, lang)

    @pytest.mark.parametrize("flags, shown", [
        ([], "CopyrightLiability(platform)"),  # the actor the court said most about
        (["--focus", "CopyrightLiability(platform)"], "CopyrightLiability(platform)"),
        (["--actor", "oss-providers"], "CopyrightLiability(oss-providers)"),
    ])
    def test_opens_with_readable_labels_on_the_conclusion(self, browser, tmp_path, flags, shown):
        """vis-network draws no label under 5 px: fitting all 210 nodes (scale ~0.2) showed blank boxes."""
        out = tmp_path / "page.html"
        assert lexpath("render", HANGZHOU, "-o", str(out), *flags).returncode == 0
        open_page(browser, out)
        seen = browser.execute_script(
            """const net = window.lexpath.network(), b = net.getBoundingBox(arguments[0]);
               const canvas = document.querySelector('#graph canvas');
               const tl = net.canvasToDOM({x: b.left, y: b.top}), br = net.canvasToDOM({x: b.right, y: b.bottom});
               return {scale: net.getScale(), inside: tl.x >= 0 && tl.y >= 0 && br.x <= canvas.clientWidth && br.y <= canvas.clientHeight};""",
            shown)
        assert seen["inside"] and 14 * seen["scale"] >= 11, seen  # 14 px labels at 11 px or more
        browser.execute_script("document.getElementById('fit').click()")
        assert browser.execute_script("return window.lexpath.network().getScale()") < seen["scale"]  # the whole graph

    def test_focus_lights_exactly_the_justification(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        case, doctrine = load_case(HANGZHOU)
        G = ground(doctrine, case)
        expected = path_nodes(justification(G, evaluate(G), FOCUS, doctrine))
        assert set(browser.execute_script("return window.lexpath.highlighted()")) == expected
        browser.execute_script("window.lexpath.focus(null)")
        assert browser.execute_script("return window.lexpath.highlighted()") == []

    def test_values_agree_with_python_under_each_doctrine(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        for i, did in enumerate(browser.execute_script("return window.lexpath.view.graphs.map(g => g.doctrine.id)")):
            browser.execute_script(f"window.lexpath.setDoctrine({i})")
            case, doctrine = load_case(HANGZHOU, did)
            G = ground(doctrine, case)
            python = {n: v.value for n, v in evaluate(G).values.items()}
            assert browser.execute_script("return window.lexpath.values()") == python, did
            assert browser.execute_script("return window.lexpath.drawn().nodes") == len(G)

    def test_search_language_and_folding(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        assert browser.execute_script("return window.lexpath.find('帮助侵权')").startswith("ContributoryInfringement(")
        browser.execute_script("window.lexpath.setLang('zh')")
        assert browser.execute_script("return document.getElementById('collapse').textContent") == "全部折叠"
        assert browser.execute_script("return document.getElementById('doctrine-label').textContent") == "适用法律"  # not 学说, academic theory
        browser.execute_script("document.getElementById('collapse').click()")
        shown = browser.execute_script("return window.lexpath.drawn().visibleNodes")
        sinks = browser.execute_script("const g = window.lexpath.graph(); return g.nodes.filter(a => !g.parents[a.id].length).length")
        assert shown == sinks
        browser.execute_script("document.getElementById('expand').click()")
        assert browser.execute_script("return window.lexpath.drawn().visibleNodes") == browser.execute_script("return window.lexpath.drawn().nodes")

    def test_panel_and_png(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        browser.execute_script("window.lexpath.setLang('en'); window.lexpath.showPanel('DirectInfringement(platform)')")
        panel = browser.execute_script("return document.getElementById('panel').textContent")
        assert "Court's holding" in panel and "lexpath agrees" in panel
        assert browser.execute_script("return window.lexpath.savePng()").startswith("data:image/png;base64,")

    def test_panel_shows_the_rule_in_order_and_what_decided(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        expected = {"en": ["accept if #1", "✘ does not hold", "reject if #2", "accept if #3", "✔ holds", "← this decides: established",
                           "otherwise: refuted", "safe harbour"],
                    "zh": ["成立条件 #1", "✘ 不满足", "排除条件 #2", "成立条件 #3", "✔ 满足", "← 据此认定为成立", "否则：不成立", "避风港规则"]}
        for lang, words in expected.items():
            browser.execute_script(f"window.lexpath.setLang('{lang}'); window.lexpath.showPanel('{HARBOURED}')")
            text = browser.execute_script("return document.getElementById('panel').innerText")
            positions = [text.find(x) for x in words[:-1]]
            assert all(p >= 0 for p in positions) and positions == sorted(positions), (lang, text)
            assert words[-1] in text
            fired = browser.execute_script("return document.querySelector('#panel .condition.fired .cond-head').textContent")
            assert fired.startswith(words[3]), fired

    def test_reject_and_negated_edges_are_drawn_apart(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        edge = ("const e = window.lexpath.network().body.data.edges.get(arguments[0] + '\\u0000' + arguments[1]);"
                "return {arrows: e.arrows, color: e.color, dashes: e.dashes}")
        reject = browser.execute_script(edge, "SafeHarbour(platform,trainers)", HARBOURED)  # reject if #2: the safe harbour
        support = browser.execute_script(edge, FOCUS, HARBOURED)
        assert reject["arrows"]["to"]["type"] == "bar" and support["arrows"]["to"]["type"] == "arrow"
        assert reject["color"]["color"] != support["color"]["color"] and not reject["dashes"] and not support["dashes"]
        negated = browser.execute_script(
            "const g = window.lexpath.graph(); return Object.keys(g.uses).filter(k => g.uses[k].every(u => u.negated))"
            ".map(k => window.lexpath.network().body.data.edges.get(k).dashes)")
        assert negated and all(negated)

    @pytest.mark.parametrize("lang", ["en", "zh"])
    def test_legend_explains_every_mark(self, browser, hangzhou_page, lang):
        open_page(browser, hangzhou_page)
        keys = ["established", "refuted", "unknown", "Proposition", "Factor", "Element", "Issue", "Conclusion", "Remedy",
                "acceptEdge", "rejectEdge", "negEdge", "onPath", "dimmed", "folded"]
        browser.execute_script(f"window.lexpath.setLang('{lang}')")
        legend = browser.execute_script("return document.getElementById('legend').textContent")
        for key in keys:
            assert browser.execute_script(f"return window.lexpath.w('{key}')") in legend, key
        assert "⊕" in legend and browser.execute_script("return window.lexpath.w('masked')") not in legend  # not a teaching page

    def test_conclusions_by_actor_a_click_away(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)  # opens on the focus; its back link lists the conclusions
        browser.execute_script("document.querySelector('#panel button.back').click()")
        groups = browser.execute_script("return [...document.querySelectorAll('#panel section.actor')].map(s => s.dataset.actor)")
        assert groups[0] == "platform" and "oss-providers" in groups  # the actor the court said most about first
        listed = browser.execute_script(
            "return [...document.querySelectorAll('#panel section.actor[data-actor=\"oss-providers\"] li')].map(li => li.textContent)")
        assert listed[0].startswith("✘ refutedliable for copyright infringement") and "court:" not in listed[0]  # not a party
        held = browser.execute_script(
            "return [...document.querySelectorAll('#panel section.actor[data-actor=\"platform\"] li')].map(li => li.textContent)")
        assert any(item.startswith("✔ establishedliable for copyright infringement") and "court: established" in item for item in held)
        browser.execute_script("document.querySelector('#panel button[data-node=\"CopyrightLiability(oss-providers)\"]').click()")
        assert browser.execute_script("return window.lexpath.state.focus") == "CopyrightLiability(oss-providers)"
        assert browser.execute_script("return document.querySelector('#panel h2').textContent") == "liable for copyright infringement"
        browser.execute_script("window.lexpath.setLang('zh'); window.lexpath.showHome()")
        assert "各方结论" in browser.execute_script("return document.getElementById('panel').textContent")

    @pytest.mark.parametrize("query, found", [
        ("a Hangzhou AI company", "CopyrightLiability(platform)"),  # an actor's name: its conclusions
        ("杭州某人工智能公司", "CopyrightLiability(platform)"),
        ("open-source model providers", "CopyrightLiability(oss-providers)"),
        ("copyright liability oss", "CopyrightLiability(oss-providers)"),  # words of a statement and an actor
        ("帮助侵权", "ContributoryInfringement(platform,trainers)"),  # a statement: the one the court ruled on
    ])
    def test_search_finds_actors_by_name(self, browser, hangzhou_page, query, found):
        open_page(browser, hangzhou_page)
        assert browser.execute_script("return window.lexpath.find(arguments[0])", query) == found
        if found == "CopyrightLiability(platform)":
            shown = browser.execute_script("return [...document.querySelectorAll('#panel section.actor')].map(s => s.dataset.actor)")
            assert shown == ["platform"]

    def test_a_fact_shows_the_passage_it_rests_on(self, browser, hangzhou_page):
        open_page(browser, hangzhou_page)
        browser.execute_script("window.lexpath.showPanel('FeaturedProminently(platform)')")
        quotes = browser.execute_script("return [...document.querySelectorAll('#panel blockquote.passage')].map(q => q.textContent)")
        assert len(quotes) == 2 and quotes[0].startswith("F4: “该平台首页及“推荐”“IP作品”项下")
        assert "《法人》" in quotes[0] and "2025-03-21" in quotes[0] and "secondary source" in quotes[0]
        link = browser.execute_script("return document.querySelector('#panel blockquote.passage a').getAttribute('href')")
        assert link.startswith("http://www.farennews.com/")  # opens only when clicked: the page itself loads nothing

    def test_hostile_labels_run_no_code(self, browser, tmp_path, hangzhou_text):
        path = write(tmp_path, "xss.ttl", hostile(hangzhou_text))
        out = tmp_path / "xss.html"
        assert lexpath("render", str(path), "-o", str(out)).returncode == 0
        log = open_page(browser, out)
        assert errors(log) == []
        assert browser.execute_script("return window.__xss") is None
        assert browser.execute_script("return document.getElementById('title').textContent") == SCRIPT
        browser.execute_script("window.lexpath.showPanel('FeaturedProminently(platform)')")
        assert browser.execute_script("return document.querySelectorAll('#panel img, #panel script').length") == 0
        assert browser.execute_script("return document.querySelector('#panel blockquote.passage').textContent").startswith(f"{IMG}: “{IMG}”")
        assert browser.execute_script("return window.lexpath.find(arguments[0])", IMG).startswith("CopyrightLiability(")
        assert IMG in browser.execute_script("return document.getElementById('panel').textContent")  # the actor's list
        assert browser.execute_script("return document.querySelectorAll('#panel img, #panel script').length") == 0
        assert browser.execute_script("return window.__xss") is None
        browser.save_screenshot(str(tmp_path / "xss.png"))
