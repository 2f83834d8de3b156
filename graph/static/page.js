// page.js: the interactive graph of a case. Reads the view (render.py) from the JSON block,
// evaluates it with evaluate.js, draws it with vis-network, and fills the side panel.
// Every text from the case or the doctrine goes in with textContent, never as HTML.
"use strict";

const LexpathPage = (() => {
  const L = LexpathLogic;
  const view = JSON.parse(document.getElementById("lexpath-view").textContent);
  const WORDS = {
    en: {
      established: "established", refuted: "refuted", unknown: "unknown", legend: "Legend",
      Proposition: "fact", Factor: "factor", Element: "element", Issue: "issue", Conclusion: "conclusion", Remedy: "remedy",
      search: "Find a node or an actor…", fit: "Whole graph", collapse: "Collapse all", expand: "Expand all", clear: "Clear focus",
      png: "Save PNG", print: "Print", language: "Language", doctrine: "Doctrine",
      definition: "Definition", means: "What this value means", basis: "Legal basis", source: "Source",
      rule: "How it is decided", holding: "Court's holding", expectation: "Expected outcome (our reading)",
      agrees: "lexpath agrees", disagrees: "lexpath disagrees", undecided: "lexpath leaves it unknown",
      stated: "stated in the case", locator: "passage", officialDoc: "official document", secondaryDoc: "secondary source", tag: "tag", fact: "fact",
      unstatedDefault: "not stated: {value} by default; burden on {bearer}", unstated: "not stated in the case",
      assumed: "set here, not as the case states it", premise: "ASSUMED by this doctrine to read a case of another jurisdiction", question: "Question for the class",
      path: "Show the path that carries it", actors: "about",
      hint: "Click a node for its statement, basis and source; click a conclusion to light up its path; double-click to fold or unfold what it rests on.",
      onPath: "the highlighted path: why the conclusion you clicked has its value", dimmed: "dimmed: not on that path", negEdge: "counts negated (not, unless)",
      folded: "folded: what it rests on is hidden; double-click to unfold", masked: "hidden until you reveal the outcomes",
      conclusions: "Conclusions, by actor", allActors: "← every actor", back: "← Conclusions, by actor", court: "court", expected: "expected", held: " · {who}: {value}",
      acceptIf: "accept if", rejectIf: "reject if", otherwise: "otherwise: {value}", firedMark: "← this decides: {value}",
      inOrder: "Tried in order: the first condition that holds decides; if none holds, the default does.",
      oneTest: "Established if the condition holds, otherwise the default.",
      holds: "holds", fails: "does not hold", open: "unknown", allOf: "all of", anyOf: "any of", atLeast: "at least {k} of",
      not: "NOT", unless: "unless", withException: "this, unless the exception holds", turnsOn: "Left unknown: a condition that could decide it is itself unknown (?).",
      acceptEdge: "supports it: part of an accept condition", rejectEdge: "blocks it: part of a reject condition",
      quote: "The article's words", official: "official text", ours: "our translation",
    },
    zh: {
      established: "成立", refuted: "不成立", unknown: "未知", legend: "图例",
      Proposition: "事实", Factor: "因素", Element: "要件", Issue: "争点", Conclusion: "结论", Remedy: "救济",
      search: "查找节点或当事方…", fit: "全图", collapse: "全部折叠", expand: "全部展开", clear: "取消聚焦",
      png: "保存 PNG", print: "打印", language: "语言", doctrine: "适用法律",
      definition: "定义", means: "此值的含义", basis: "法律依据", source: "来源",
      rule: "如何判定", holding: "法院认定", expectation: "预期结果（我们的解读）",
      agrees: "lexpath 与之一致", disagrees: "lexpath 与之不一致", undecided: "lexpath 未能确定",
      stated: "案件所述", locator: "段落", officialDoc: "官方文件", secondaryDoc: "二手来源", tag: "标记", fact: "事实",
      unstatedDefault: "案件未载明：默认{value}，举证责任在{bearer}", unstated: "案件未载明",
      assumed: "此处设定，并非案件所述", premise: "假设：适用此法律审理另一法域的案件时所作的前提，并非案件事实", question: "课堂提问",
      path: "显示支撑它的路径", actors: "涉及",
      hint: "单击节点查看其表述、依据和来源；单击结论以高亮其推理路径；双击折叠或展开其所依据的节点。",
      onPath: "高亮路径：所点击的结论为何得出此值", dimmed: "变淡：不在该路径上", negEdge: "以否定计入（并非、除非）",
      folded: "已折叠：其所依据的节点已隐藏，双击展开", masked: "揭晓结论前隐藏",
      conclusions: "各方结论", allActors: "← 全部当事方", back: "← 各方结论", court: "法院", expected: "预期", held: " · {who}：{value}",
      acceptIf: "成立条件", rejectIf: "排除条件", otherwise: "否则：{value}", firedMark: "← 据此认定为{value}",
      inOrder: "按顺序检验：第一个满足的条件决定结果；都不满足时，适用默认值。",
      oneTest: "条件满足即成立，否则适用默认值。",
      holds: "满足", fails: "不满足", open: "未知", allOf: "同时满足以下各项", anyOf: "满足以下任一项", atLeast: "至少满足以下{k}项",
      not: "并非", unless: "除非", withException: "满足前项，除非例外成立", turnsOn: "未能确定：可能决定结果的条件本身未知（?）。",
      acceptEdge: "支持：属于成立条件", rejectEdge: "阻却：属于排除条件",
      quote: "条文原文", official: "正式文本", ours: "本项目译文",
    },
  };
  const COLOURS = {
    established: { background: "#c8e6c9", border: "#2e7d32" },
    refuted: { background: "#ffcdd2", border: "#c62828" },
    unknown: { background: "#f1f1f1", border: "#8a8a8a" },
    masked: { background: "#ffffff", border: "#5b6bd6" },
  };
  const MARKS = { established: "✔", refuted: "✘", unknown: "?" };
  const SHAPES = {
    Proposition: { shape: "box", shapeProperties: { borderRadius: 0 } },
    Factor: { shape: "ellipse" },
    Element: { shape: "box", shapeProperties: { borderRadius: 14 } },
    Issue: { shape: "database" },
    Conclusion: { shape: "box", borderWidth: 3, font: { bold: true } },
    Remedy: { shape: "ellipse", borderWidth: 3 },
  };

  const state = {
    lang: view.lang, graph: 0, facts: null, values: null, focus: null,
    collapsed: new Set(), selected: null, home: null, drawnMs: null,
  };
  let network = null, nodesDS = null, edgesDS = null;
  const $ = (id) => document.getElementById(id);
  const graph = () => view.graphs[state.graph];
  const w = (key) => WORDS[state.lang][key];
  const pick = (text) => (text && (text[state.lang] || text.en || text.zh)) || "";
  const edgeId = (from, to) => from + "\u0000" + to;
  const sources = (ids) => ids.map((id) => pick(graph().sources[id]) || id).join("; ");  // legal sources, by id
  function quoted(id) {  // a legal source: its label, and its words folded beneath (official, then our translation)
    const li = el("li", `${sources([id])} (${id})`), text = (graph().texts || {})[id];
    if (!text) return li;
    const box = el("details", null, "quote");
    box.appendChild(el("summary", w("quote")));
    for (const [key, words] of [["official", w("official")], ["translation", w("ours")]]) {
      for (const [tag, body] of Object.entries(text[key])) box.appendChild(el("p", `${words} (${tag}): ${body}`, key));
    }
    li.appendChild(box);
    return li;
  }
  view.graphs.forEach((g) => {
    L.indexed(g);
    g.parents = {}; g.children = {}; g.uses = {};
    for (const a of g.nodes) { g.parents[a.id] = []; g.children[a.id] = []; }
    for (const e of g.edges) { g.parents[e.from].push(e.to); g.children[e.to].push(e.from); }
    for (const a of g.nodes) (a.conditions || []).forEach((c, i) => markUses(g, a.id, c.expr, false, i + 1, c.decides));
  });

  // Where each child counts in its parent's conditions: [{condition, decides, negated}] by edge.
  function markUses(g, parent, expr, neg, condition, decides) {
    if ("m" in expr) {
      for (const n of expr.m) {
        const key = edgeId(n, parent);
        (g.uses[key] = g.uses[key] || []).push({ condition, decides, negated: neg });
      }
    } else if ("not" in expr) markUses(g, parent, expr.not, !neg, condition, decides);
    else if ("holds" in expr) { markUses(g, parent, expr.holds, neg, condition, decides); markUses(g, parent, expr.unless, !neg, condition, decides); }
    else for (const x of expr.all || expr.any || expr.of) markUses(g, parent, x, neg, condition, decides);
  }

  function edgeKind(g, id) {  // negated: in every use; reject / accept: in some reject / accept condition
    const uses = g.uses[id] || [];
    return { negated: uses.length > 0 && uses.every((u) => u.negated),
             reject: uses.some((u) => u.decides === L.F), accept: uses.some((u) => u.decides === L.T) };
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  const st = (a) => graph().statements[a.statement];

  // The keys of passages, as printed beside a fact: "F9; K1".
  const keys = (ids) => (ids || []).map((id) => view.case.passages[id].key).join("; ");

  // A passage of a source beside the fact it supports: the quotation, then the document (a link opens only when clicked).
  function passage(id) {
    const p = view.case.passages[id], d = view.case.documents[p.document] || {};
    const box = el("blockquote", null, "passage");
    box.appendChild(el("p", `${p.key}: “${p.exact}”`));
    const cite = el("p", [pick(d.title || {}), pick(d.publisher || {}), d.date, w(d.official ? "officialDoc" : "secondaryDoc")].filter(Boolean).join(" · "), "meta");
    if (/^https?:\/\//.test(d.address || "")) {
      const a = el("a", " ↗");
      a.setAttribute("href", d.address);
      a.setAttribute("rel", "noopener noreferrer");
      a.setAttribute("target", "_blank");
      cite.appendChild(a);
    }
    box.appendChild(cite);
    return box;
  }

  function actorsText(a) { return a.actors.map((id) => pick(view.actors[id]) || id).join(" → "); }

  const masked = (a) => api.mask !== null && api.mask(a);  // the teaching page hides outcomes until revealed

  function nodeLabel(a) {  // no-break spaces keep the marks on the statement's first line
    const folded = state.collapsed.has(a.id) ? "⊕\u00a0" : "";
    return `${folded}${masked(a) ? "…" : MARKS[state.values[a.id]]}\u00a0${pick(st(a).label)}\n${actorsText(a)}`;
  }

  function tip(a) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", pick(st(a).label)));
    box.appendChild(el("div", `${w(a.kind)} · ${masked(a) ? "…" : w(state.values[a.id])} · ${actorsText(a)}`));
    if (st(a).basis.length) box.appendChild(el("div", sources(st(a).basis)));
    if (a.fact) box.appendChild(el("div", [a.fact.id, keys(a.fact.passages), pick(view.tags[a.fact.tag])].filter(Boolean).join(" · ")));
    return box;
  }

  function path() {
    if (!state.focus || !(state.focus in graph().byId)) return null;
    return L.pathOf(L.justification(graph(), state.values, state.focus));
  }

  function visible() {  // a node shows if a shown, unfolded node rests on it, or nothing does
    const g = graph(), shown = new Set();
    for (let i = g.nodes.length - 1; i >= 0; i--) {
      const id = g.nodes[i].id, ups = g.parents[id];
      if (!ups.length || ups.some((p) => shown.has(p) && !state.collapsed.has(p))) shown.add(id);
    }
    return shown;
  }

  function nodeItem(a, on, shown) {
    const v = masked(a) ? "masked" : state.values[a.id];
    const kind = SHAPES[a.kind];
    const dim = on && !on.nodes.has(a.id);
    return {
      id: a.id, x: a.x, y: a.y, label: nodeLabel(a), title: tip(a),
      shape: kind.shape, shapeProperties: { borderDashes: v === L.U ? [5, 4] : false, ...(kind.shapeProperties || {}) },
      borderWidth: on && !dim ? 4 : kind.borderWidth || 1.5,
      color: { ...COLOURS[v], highlight: COLOURS[v], hover: COLOURS[v] },
      font: { size: 14, face: "system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif", multi: false, ...(kind.font ? { bold: "bold 14px system-ui" } : {}) },
      opacity: dim ? 0.18 : 1, hidden: !shown.has(a.id),
      widthConstraint: { maximum: 230 },
    };
  }

  const REJECT = { color: "#b35900", lit: "#7a3d00" };  // brown-orange: neither a value's green nor its red
  const HEADS = {
    accept: { to: { enabled: true, type: "arrow" } },
    reject: { to: { enabled: true, type: "bar", scaleFactor: 1.2 } },  // ⊣: it blocks the conclusion
    both: { to: { enabled: true, type: "arrow" }, middle: { enabled: true, type: "bar", scaleFactor: 1.2 } },
  };
  const DASHES = [8, 5];

  function edgeTip(g, id, e) {
    const box = el("div", null, "tip");
    box.appendChild(el("strong", `${pick(st(g.byId[e.from]).label)} → ${pick(st(g.byId[e.to]).label)}`));
    for (const u of g.uses[id] || []) {
      box.appendChild(el("div", `${w(u.decides === L.T ? "acceptIf" : "rejectIf")} #${u.condition}${u.negated ? ` · ${w("not")}` : ""}`));
    }
    return box;
  }

  function edgeItem(e, on, shown) {
    const g = graph(), id = edgeId(e.from, e.to), k = edgeKind(g, id);
    const lit = on && on.edges.has(id);
    const head = k.reject ? (k.accept ? "both" : "reject") : "accept";
    const colour = head === "reject" ? (lit ? REJECT.lit : REJECT.color) : lit ? "#222" : "#9a9a9a";
    return {
      id, from: e.from, to: e.to, arrows: HEADS[head], title: edgeTip(g, id, e),
      dashes: k.negated ? DASHES : false, width: lit ? 3.5 : head === "accept" ? 1 : 1.6,
      color: { color: colour, highlight: colour, hover: colour, opacity: on && !lit ? 0.12 : 1 },
      hidden: !(shown.has(e.from) && shown.has(e.to)),
    };
  }

  function restyle() {  // values, focus, folding or language changed: update, keep the layout
    const on = path(), shown = visible(), g = graph();
    nodesDS.update(g.nodes.map((a) => nodeItem(a, on, shown)));
    edgesDS.update(g.edges.map((e) => edgeItem(e, on, shown)));
    if (state.selected) showPanel(state.selected); else showHome(state.home);
    for (const hook of api.onRefresh) hook();
  }

  function draw() {  // a new graph (first draw or doctrine switch)
    const g = graph();
    state.values = L.evaluate(g, state.facts);
    const on = path(), shown = visible();
    nodesDS = new vis.DataSet(g.nodes.map((a) => nodeItem(a, on, shown)));
    edgesDS = new vis.DataSet(g.edges.map((e) => edgeItem(e, on, shown)));
    const options = {
      physics: false,
      layout: { improvedLayout: false },
      interaction: { hover: true, tooltipDelay: 150, multiselect: false },
      edges: { smooth: { type: "cubicBezier", forceDirection: "horizontal", roundness: 0.4 } },
    };
    state.drawnMs = null;
    if (network) network.destroy();
    network = new vis.Network($("graph"), { nodes: nodesDS, edges: edgesDS }, options);
    network.once("afterDrawing", () => { state.drawnMs = performance.now(); document.body.dataset.drawn = String(state.graph); });
    network.on("click", (p) => {
      if (!p.nodes.length) return;
      const id = p.nodes[0];
      showPanel(id);
      const kind = graph().byId[id].kind;
      if (kind !== "Proposition") focus(id);
    });
    network.on("doubleClick", (p) => { if (p.nodes.length) toggle(p.nodes[0]); });
    fillSearch();
  }

  const READABLE = 0.85, CLOSEST = 1.25;  // scales: 14 px labels show at 12 px or more, and no larger than 17.5 px

  // The conclusions as explain lists them: per actor (the first one a conclusion is about), those
  // nothing rests on and those a holding is on, furthest from the facts first; actors with the most
  // holdings first. Computed once per graph.
  function conclusions(g) {
    if (g.conclusions) return g.conclusions;
    const depth = (g.depth = {}), weight = {}, by = {};
    for (const a of g.nodes) depth[a.id] = 1 + Math.max(-1, ...g.children[a.id].map((c) => depth[c]));
    for (const a of g.nodes) if (a.holding) weight[a.actors[0]] = (weight[a.actors[0]] || 0) + 1;
    for (const a of g.nodes) {
      if ((a.kind === "Conclusion" || a.kind === "Remedy") && (!g.parents[a.id].length || a.holding)) {
        (by[a.actors[0]] = by[a.actors[0]] || []).push(a.id);
      }
    }
    const order = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
    for (const ids of Object.values(by)) ids.sort((x, y) => depth[y] - depth[x] || order(x, y));
    const actors = Object.keys(by).sort((x, y) => (weight[y] || 0) - (weight[x] || 0) || order(x, y));
    return (g.conclusions = actors.map((actor) => ({ actor, ids: by[actor] })));
  }

  function leadActor() {  // --actor's, else the one the court said most about
    const groups = conclusions(graph());
    return (view.actor && groups.find((x) => x.actor === view.actor)) || groups[0] || null;
  }

  // What a page projected in class opens on: readable labels, not the whole graph at a fifth of
  // their size. With --focus, the justification path; else the conclusions of the lead actor.
  function firstView() {
    network.redraw();  // the boxes' sizes are known once drawn
    const on = path(), lead = leadActor();
    if (on) frame([...on.nodes], state.focus);
    else if (lead) frame(lead.ids, lead.ids[0]);
    else network.fit({ animation: false });
  }

  // Fit ids if their labels stay readable so; else, at a readable scale, the anchor near the right
  // edge with what it rests on to its left (a justification reads right to left), centred on the
  // ids in sight if they fit, else on the anchor.
  function frame(ids, anchor) {
    network.fit({ nodes: ids, animation: false, maxZoomLevel: CLOSEST });
    if (network.getScale() >= READABLE) return;
    const area = $("graph").getBoundingClientRect(), wide = area.width / READABLE, high = area.height / READABLE;
    const a = network.getBoundingBox(anchor);
    const x = Math.min(a.right + 30 / READABLE - wide / 2, (a.left + a.right) / 2);
    let top = Infinity, bottom = -Infinity;
    for (const id of ids) {
      const b = network.getBoundingBox(id);
      if (b.right > x - wide / 2 && b.left < x + wide / 2) { top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom); }
    }
    const y = bottom - top <= high - 40 ? (top + bottom) / 2 : (a.top + a.bottom) / 2;
    network.moveTo({ position: { x, y }, scale: READABLE, animation: false });
  }

  function focus(id) {
    state.focus = id;
    restyle();
  }

  function toggle(id) {
    if (state.collapsed.has(id)) state.collapsed.delete(id); else if (graph().children[id].length) state.collapsed.add(id);
    restyle();
  }

  function valueBadge(v) { return el("span", `${MARKS[v]} ${w(v)}`, `badge ${v}`); }

  function section(panel, title) { panel.appendChild(el("h3", title)); }

  function showPanel(id) {
    const g = graph(), a = g.byId[id], v = state.values[id];
    state.selected = id;
    const panel = $("panel");
    const back = el("button", w("back"), "link back");
    back.addEventListener("click", () => { network.unselectAll(); showHome(state.home); });
    panel.replaceChildren(back);
    panel.appendChild(el("h2", pick(st(a).label)));
    const other = state.lang === "en" ? "zh" : "en";
    panel.appendChild(el("div", st(a).label[other], "other-lang"));
    const meta = el("div", `${w(a.kind)} · ${w("actors")} ${actorsText(a)} · `, "meta");
    meta.appendChild(masked(a) ? el("span", "…", "badge") : valueBadge(v));
    panel.appendChild(meta);
    if (a.kind === "Proposition") {
      section(panel, w("source"));
      const f = a.fact;
      if (a.premise && v === a.premise.value && !(state.facts && a.id in state.facts && state.facts[a.id] !== a.premise.value)) {
        panel.appendChild(el("p", `${w("premise")}: ${pick(a.premise.label)} (${sources(a.premise.basis)})`, "premise"));
      } else if (f && v === f.value) {
        panel.appendChild(el("p", `${w("stated")}: ${w("fact")} ${f.id}${f.passages.length ? ` · ${w("locator")} ${keys(f.passages)}` : ""} · ${w("tag")} ${pick(view.tags[f.tag])}`));
        for (const id of f.passages || []) panel.appendChild(passage(id));
      }
      else if (state.facts && (f ? v !== f.value : v !== a.unstated)) panel.appendChild(el("p", w("assumed")));
      else if (a.burden && v === a.unstated) panel.appendChild(el("p", w("unstatedDefault").replace("{value}", w(v)).replace("{bearer}", sources([a.burden.bearer])) + " (" + sources(a.burden.basis) + ")"));
      else panel.appendChild(el("p", w("unstated")));
      if (pick(st(a).question)) { section(panel, w("question")); panel.appendChild(el("p", pick(st(a).question))); }
    }
    const s = st(a);
    if (pick(s.definition)) {
      section(panel, w("definition"));
      panel.appendChild(el("p", s.definition[state.lang]));
      panel.appendChild(el("p", s.definition[other], "other-lang"));
    }
    if (s.says && !masked(a) && pick(s.says[v])) { section(panel, w("means")); panel.appendChild(el("p", pick(s.says[v]))); }
    if (s.basis.length) {
      section(panel, w("basis"));
      const ul = el("ul");
      for (const id of s.basis) ul.appendChild(quoted(id));
      panel.appendChild(ul);
    }
    if (a.conditions) rule(panel, a, v);
    if (a.holding && !masked(a)) {
      const h = a.holding;
      section(panel, h.by_court ? w("holding") : w("expectation"));
      const p = el("p");
      p.appendChild(valueBadge(h.value));
      p.appendChild(el("span", ` ${h.passages.length ? `${w("locator")} ${keys(h.passages)} · ` : ""}${pick(view.tags[h.tag])} · `));
      const verdict = v === L.U ? "undecided" : v === h.value ? "agrees" : "disagrees";
      p.appendChild(el("strong", w(verdict), verdict));
      panel.appendChild(p);
    }
    if (a.kind !== "Proposition") {
      const b = el("button", w("path"));
      b.addEventListener("click", () => focus(id));
      panel.appendChild(b);
    }
  }

  // The rule of a node as explain's text tree words it: its conditions in order, the value each
  // takes, the one that decided (or the default), each child a link with its value.
  function rule(panel, a, v) {
    const hide = masked(a), s = st(a);
    section(panel, w("rule"));
    panel.appendChild(el("p", w(s.ordered ? "inOrder" : "oneTest"), "hint"));
    const vals = a.conditions.map((c) => L.exprValue(c.expr, state.values));
    const first = vals.indexOf(L.T);
    const fired = hide || v === L.U ? null : first >= 0 && a.conditions[first].decides === v ? first : -1;  // -1: the default
    const list = el("div", null, "conditions");
    a.conditions.forEach((c, i) => {
      const box = el("div", null, "condition" + (fired === i ? " fired" : ""));
      const head = el("div", null, "cond-head");
      head.appendChild(el("strong", `${w(c.decides === L.T ? "acceptIf" : "rejectIf")} #${i + 1}`, c.decides === L.T ? "accept" : "reject"));
      if (!hide) head.appendChild(holdsBadge(vals[i]));
      if (fired === i) head.appendChild(el("strong", w("firedMark").replace("{value}", w(v)), "fired-mark"));
      box.appendChild(head);
      const ul = el("ul", null, "expr");
      ul.appendChild(exprItem(c.expr, hide));
      box.appendChild(ul);
      list.appendChild(box);
    });
    const dflt = el("div", null, "condition default" + (fired === -1 ? " fired" : ""));
    const head = el("div", null, "cond-head");
    head.appendChild(el("strong", w("otherwise").replace("{value}", w(a.default))));
    if (fired === -1) head.appendChild(el("strong", w("firedMark").replace("{value}", w(v)), "fired-mark"));
    dflt.appendChild(head);
    list.appendChild(dflt);
    panel.appendChild(list);
    if (!hide && v === L.U) panel.appendChild(el("p", w("turnsOn"), "hint"));
  }

  function holdsBadge(v) { return el("span", `${MARKS[v]} ${w(v === L.T ? "holds" : v === L.F ? "fails" : "open")}`, `badge ${v}`); }

  function exprItem(expr, hide, negated = false) {  // one expression as a list item, nested
    const g = graph();
    if ("m" in expr && expr.m.length === 1) {
      const c = expr.m[0], li = el("li", null, "leaf");
      li.appendChild(masked(g.byId[c]) ? el("span", "…", "badge") : valueBadge(state.values[c]));
      if (negated) li.appendChild(el("strong", `${w("not")} `, "not"));
      const b = el("button", `${pick(st(g.byId[c]).label)} (${actorsText(g.byId[c])})`, "link");
      b.addEventListener("click", () => { network.selectNodes([c]); showPanel(c); });
      li.appendChild(b);
      return li;
    }
    if ("not" in expr) return exprItem(expr.not, hide, !negated);
    const li = el("li");
    const head = el("span", null, "op");
    if (negated) head.appendChild(el("strong", `${w("not")} `, "not"));
    let parts;
    if ("holds" in expr) {
      head.appendChild(document.createTextNode(w("withException")));
      parts = [[expr.holds, false], [expr.unless, true]];
    } else {
      const [word, items] = "m" in expr ? ["anyOf", expr.m.map((n) => ({ m: [n] }))] : "all" in expr ? ["allOf", expr.all]
        : "any" in expr ? ["anyOf", expr.any] : ["atLeast", expr.of];
      head.appendChild(document.createTextNode(w(word).replace("{k}", String(expr.atLeast))));
      parts = items.map((x) => [x, false]);
    }
    li.appendChild(head);
    if (!hide) { const v = L.exprValue(expr, state.values); li.appendChild(holdsBadge(negated ? L.negate(v) : v)); }
    const ul = el("ul", null, "expr");
    for (const [x, unless] of parts) {
      if (!unless) { ul.appendChild(exprItem(x, hide)); continue; }
      const u = el("li");
      u.appendChild(el("span", w("unless"), "op"));
      const inner = el("ul", null, "expr");
      inner.appendChild(exprItem(x, hide));
      u.appendChild(inner);
      ul.appendChild(u);
    }
    li.appendChild(ul);
    return li;
  }

  function legend() {
    const box = $("legend");
    box.replaceChildren(el("h3", w("legend")));
    for (const v of [L.T, L.F, L.U]) {
      const row = el("div", null, "row");
      const s = el("span", MARKS[v], `swatch ${v}`);
      row.append(s, el("span", w(v)));
      box.appendChild(row);
    }
    for (const k of Object.keys(SHAPES)) {
      const row = el("div", null, "row");
      row.append(el("span", "", `shape ${k}`), el("span", w(k)));
      box.appendChild(row);
    }
    const row = (mark, key) => { const r = el("div", null, "row"); r.append(mark, el("span", w(key))); box.appendChild(r); };
    for (const [cls, key] of [["edge accept", "acceptEdge"], ["edge reject", "rejectEdge"], ["edge accept neg", "negEdge"]]) {
      row(el("span", "", cls), key);
    }
    const lit = el("span", null, "mark");
    lit.append(el("span", "", "edge accept lit"), el("span", MARKS[L.T], `swatch ${L.T} lit`));
    row(lit, "onPath");
    row(el("span", MARKS[L.T], `swatch ${L.T} dim`), "dimmed");
    row(el("span", "⊕", "swatch folded"), "folded");
    if (api.mask) row(el("span", "…", "swatch masked"), "masked");
    box.appendChild(el("p", w("hint"), "hint"));
  }

  function header() {
    const c = view.case;
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    if (c) {
      $("title").textContent = pick(c.title);
      $("subtitle").textContent = [pick(c.court), c.number, c.decided, pick(graph().doctrine.label)].filter(Boolean).join(" · ");
      $("changes").textContent = c.changes ? pick(c.changes) : "";
    } else {
      $("title").textContent = pick(graph().doctrine.label);
      $("subtitle").textContent = pick(graph().doctrine.jurisdiction.label);
    }
    document.title = $("title").textContent;
    $("search").placeholder = w("search");
    for (const [id, key] of [["fit", "fit"], ["collapse", "collapse"], ["expand", "expand"], ["clear", "clear"], ["png", "png"], ["print", "print"]]) $(id).textContent = w(key);
    $("lang-label").textContent = w("language");
    $("doctrine-label").textContent = w("doctrine");
  }

  function fillSearch() {
    const list = $("search-list");
    list.replaceChildren();
    const option = (text) => { const o = document.createElement("option"); o.value = text; list.appendChild(o); };
    for (const { actor } of conclusions(graph())) for (const lang of ["en", "zh"]) option(view.actors[actor] ? view.actors[actor][lang] : actor);
    for (const a of graph().nodes) for (const lang of ["en", "zh"]) option(`${st(a).label[lang]} (${a.actors.join(",")})`);
  }

  // A node by its id or statement label; else an actor by its name or id (its conclusions); else
  // the node whose statement and actors' names hold every word. Of several, the one whose
  // statement holds the words, then one the court ruled on, of the actor it said most about.
  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    const g = graph(), groups = conclusions(g).map((x) => x.actor);
    const named = (x) => [x, ...(view.actors[x] ? [view.actors[x].en, view.actors[x].zh] : [])].join("\u0000").toLowerCase();
    const said = (a) => [a.statement, st(a).label.en, st(a).label.zh].join("\u0000").toLowerCase();
    const text = (a, lang) => `${st(a).label[lang]} (${a.actors.join(",")})`.toLowerCase();
    const words = q.split(/\s+/);
    const score = (a) => words.reduce((n, x) => n + (said(a).includes(x) ? 2 : named(a.actors[0]).includes(x) ? 1.5
      : a.actors.some((y) => named(y).includes(x)) ? 0.5 : 0), 0);
    const rank = (a) => [-score(a), a.holding ? 0 : 1, (groups.indexOf(a.actors[0]) + 1) || groups.length + 1, -g.depth[a.id]];
    const best = (nodes) => nodes.map((a) => [rank(a), a]).sort(([x], [y]) => {
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
      return 0;
    }).map(([, a]) => a)[0];
    let hit = g.nodes.find((a) => a.id.toLowerCase() === q || text(a, "en") === q || text(a, "zh") === q)
      || best(g.nodes.filter((a) => said(a).includes(q)));
    if (!hit) {
      const group = conclusions(g).find(({ actor }) => named(actor).includes(q));
      if (group) return showActor(group);
      hit = best(g.nodes.filter((a) => words.every((x) => said(a).includes(x) || a.actors.some((y) => named(y).includes(x)))));
    }
    if (!hit) return null;
    if (!visible().has(hit.id)) { state.collapsed.clear(); restyle(); }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.1, animation: false });
    showPanel(hit.id);
    return hit.id;
  }

  function showActor(group) {  // an actor found: its conclusions listed and framed
    if (!visible().has(group.ids[0])) { state.collapsed.clear(); restyle(); }
    showHome(group.actor);
    network.selectNodes(group.ids);
    frame(group.ids, group.ids[0]);
    return group.ids[0];
  }

  // With nothing selected, the panel lists each actor's conclusions with their values, each a link
  // that lights its path and frames it: how a teacher finds the platform, or the model providers.
  function showHome(only) {
    const g = graph(), panel = $("panel");
    state.selected = null; state.home = only || null;
    panel.replaceChildren(el("h2", w("conclusions")));
    if (only) {
      const all = el("button", w("allActors"), "link back");
      all.addEventListener("click", () => showHome());
      panel.appendChild(all);
    }
    for (const { actor, ids } of conclusions(g)) {
      if (only && actor !== only) continue;
      const box = el("section", null, "actor");
      box.dataset.actor = actor;
      box.appendChild(el("h3", pick(view.actors[actor]) || actor));
      const ul = el("ul", null, "outcomes");
      for (const id of ids) {
        const a = g.byId[id], li = el("li");
        li.appendChild(masked(a) ? el("span", "…", "badge") : valueBadge(state.values[id]));
        const others = a.actors.slice(1).map((x) => pick(view.actors[x]) || x);
        const b = el("button", pick(st(a).label) + (others.length ? ` → ${others.join(", ")}` : ""), "link");
        b.dataset.node = id;
        b.addEventListener("click", () => open(id));
        const what = el("span");
        what.appendChild(b);
        const h = a.holding;
        if (h && !masked(a)) what.appendChild(el("span", w("held").replace("{who}", w(h.by_court ? "court" : "expected")).replace("{value}", w(h.value)), "meta"));
        li.appendChild(what);
        ul.appendChild(li);
      }
      box.appendChild(ul);
      panel.appendChild(box);
    }
  }

  function open(id) {  // a conclusion from the list: its path lit and framed, its panel
    if (!visible().has(id)) state.collapsed.clear();
    network.selectNodes([id]);
    focus(id);
    showPanel(id);
    frame([...path().nodes], id);
  }

  function savePng() {
    const src = $("graph").querySelector("canvas");
    const out = document.createElement("canvas");
    out.width = src.width; out.height = src.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    const a = document.createElement("a");
    a.href = out.toDataURL("image/png");
    a.download = `${view.case ? view.case.id : graph().doctrine.id}.png`;
    a.click();
    return a.href;
  }

  function setLang(lang) { state.lang = lang; $("lang").value = lang; header(); legend(); restyle(); fillSearch(); }

  function setDoctrine(i) {
    state.graph = i; state.focus = null; state.selected = null; state.home = null; state.collapsed.clear(); state.facts = null;
    $("doctrine").value = String(i);
    header(); draw();
    showHome();
    firstView();
    for (const hook of api.onDoctrine) hook();
  }

  function wire() {
    const sel = $("doctrine");
    view.graphs.forEach((g, i) => { const o = el("option", `${g.doctrine.id} · ${pick(g.doctrine.label)}`); o.value = String(i); sel.appendChild(o); });
    $("doctrine-box").hidden = view.graphs.length < 2;
    sel.addEventListener("change", () => setDoctrine(Number(sel.value)));
    $("lang").value = state.lang;
    $("lang").addEventListener("change", () => setLang($("lang").value));
    $("search").addEventListener("change", () => find($("search").value));
    $("search").addEventListener("keydown", (e) => { if (e.key === "Enter") find($("search").value); });
    $("collapse").addEventListener("click", () => {
      for (const a of graph().nodes) if (graph().children[a.id].length && !graph().parents[a.id].length) state.collapsed.add(a.id);
      restyle();
    });
    $("expand").addEventListener("click", () => { state.collapsed.clear(); restyle(); });
    $("clear").addEventListener("click", () => focus(null));
    $("fit").addEventListener("click", () => network.fit({ animation: false }));
    $("png").addEventListener("click", savePng);
    $("print").addEventListener("click", () => window.print());
  }

  // The page's surface for the teaching page and for the browser tests.
  const api = {
    view, state, onRefresh: [], onDoctrine: [], mask: null,
    values: () => ({ ...state.values }),
    justification: (id) => L.justification(graph(), state.values, id),
    highlighted: () => nodesDS.get().filter((n) => !n.hidden && n.opacity === 1 && path()).map((n) => n.id).sort(),
    drawn: () => ({ nodes: Object.keys(network.body.nodes).length, edges: Object.keys(network.body.edges).length,
                    visibleNodes: network.body.nodeIndices.length, visibleEdges: network.body.edgeIndices.length }),
    drawnMs: () => state.drawnMs,
    network: () => network,
    conclusions: () => conclusions(graph()), firstView, frame,
    showHome, open,
    graph, focus, toggle, find, setLang, setDoctrine, savePng, restyle, showPanel, legend, w, pick, el, keys, valueBadge,
    setFacts(facts) { state.facts = facts; state.values = L.evaluate(graph(), facts); restyle(); },
  };

  window.lexpath = api;
  wire();
  header();
  legend();
  state.focus = view.focus;
  draw();
  if (state.focus) showPanel(state.focus); else showHome();
  firstView();
  return api;
})();
