// evaluate.js: the page's evaluator, the JavaScript mirror of logic.py, evaluate.py and the
// justification of explain.py, name for name. A graph is the page data of one doctrine
// (render.graph_data), filled in by indexed(); values map node ids to "established" | "refuted" | "unknown".
// The browser tests hold this file and the Python evaluator to the same values and paths.
"use strict";

const LexpathLogic = (() => {
  const T = "established", F = "refuted", U = "unknown";

  function negate(v) { return v === T ? F : v === F ? T : U; }

  function allOf(values) {            // strong-Kleene conjunction
    if (values.includes(F)) return F;
    return values.includes(U) ? U : T;
  }

  function anyOf(values) {            // strong-Kleene disjunction; empty: refuted
    if (values.includes(T)) return T;
    return values.includes(U) ? U : F;
  }

  function atLeast(k, values) {
    const yes = values.filter((v) => v === T).length;
    const maybe = values.filter((v) => v === U).length;
    if (yes >= k) return T;
    return yes + maybe < k ? F : U;
  }

  function ordered(decisions, dflt) {  // [[holds, decides], ...]: nested if-then-else
    let result = dflt;
    for (let i = decisions.length - 1; i >= 0; i--) {
      const [holds, decides] = decisions[i];
      if (holds === T) result = decides;
      else if (holds === U && decides !== result) result = U;
    }
    return result;
  }

  function exprValue(expr, values) {
    if ("m" in expr) return anyOf(expr.m.map((n) => values[n]));
    if ("all" in expr) return allOf(expr.all.map((x) => exprValue(x, values)));
    if ("any" in expr) return anyOf(expr.any.map((x) => exprValue(x, values)));
    if ("atLeast" in expr) return atLeast(expr.atLeast, expr.of.map((x) => exprValue(x, values)));
    if ("not" in expr) return negate(exprValue(expr.not, values));
    if ("holds" in expr) return allOf([exprValue(expr.holds, values), negate(exprValue(expr.unless, values))]);
    throw new Error("not a grounded expression");
  }

  // What the case states of a proposition node, with the doctrine's premise in its place.
  function statedValue(a) {
    return a.premise ? a.premise.value : a.fact ? a.fact.value : undefined;
  }

  // The value of every node; facts maps proposition ids to values (default: what the case states).
  // graph.nodes are in topological order.
  function evaluate(graph, facts) {
    const values = {};
    for (const a of graph.nodes) {
      if (a.kind === "Proposition") {
        const given = facts ? facts[a.id] : statedValue(a);
        values[a.id] = given === undefined ? a.unstated : given;
      } else {
        values[a.id] = ordered(a.conditions.map((c) => [exprValue(c.expr, values), c.decides]), a.default);
      }
    }
    return values;
  }

  // The values the case states, by proposition node.
  function stated(graph) {
    const out = {};
    for (const a of graph.nodes) if (statedValue(a) !== undefined) out[a.id] = statedValue(a);
    return out;
  }

  // The nodes that make expr take the value `want`, each as [node, negated].
  function support(expr, want, values, negated = false) {
    if ("m" in expr) return expr.m.filter((n) => want === F || values[n] === want).map((n) => [n, negated]);
    if ("not" in expr) return support(expr.not, negate(want), values, !negated);
    if ("holds" in expr) {
      const parts = [[expr.holds, exprValue(expr.holds, values), false], [expr.unless, exprValue(expr.unless, values), true]];
      const out = [];
      for (const [sub, val, flipped] of parts) {
        const eff = flipped ? negate(val) : val;
        if (want === T || eff === want) out.push(...support(sub, val, values, negated !== flipped));
      }
      return out;
    }
    const list = "all" in expr ? expr.all : "any" in expr ? expr.any : expr.of;
    const items = list.map((x) => [x, exprValue(x, values)]);
    const chosen = ("all" in expr && want === T) || ("any" in expr && want === F)
      ? items : items.filter(([, v]) => v === want);
    return chosen.flatMap(([x, v]) => support(x, v, values, negated));
  }

  // The justification tree of node: {node, value, children, negated?, repeat?, via?}, as explain.py.
  function justification(graph, values, node, seen = new Set()) {
    const a = graph.byId[node];
    const value = values[node];
    const out = { node, value, children: [] };
    if (a.kind === "Proposition") return out;
    if (seen.has(node)) { out.repeat = true; return out; }
    seen.add(node);
    const vals = a.conditions.map((c) => exprValue(c.expr, values));
    const decided = vals.indexOf(T);
    let chosen;
    if (value === U) chosen = vals.flatMap((v, i) => (v === U ? [i] : []));
    else if (decided >= 0 && a.conditions[decided].decides === value) chosen = vals.slice(0, decided + 1).map((_, i) => i);
    else chosen = vals.map((_, i) => i);
    for (const i of chosen) {
      const once = new Map();
      for (const [child, negated] of support(a.conditions[i].expr, vals[i], values)) {
        const key = child + "\u0000" + negated;
        if (!once.has(key)) once.set(key, [child, negated]);
      }
      for (const [child, negated] of once.values()) {
        const sub = justification(graph, values, child, seen);
        if (negated) sub.negated = true;
        if (graph.statements[a.statement].ordered) sub.via = { condition: i + 1, decides: a.conditions[i].decides, holds: vals[i] };
        out.children.push(sub);
      }
    }
    return out;
  }

  // Every node and edge on a justification tree: what the page highlights.
  function pathOf(tree) {
    const nodes = new Set(), edges = new Set();
    (function walk(t) {
      nodes.add(t.node);
      for (const c of t.children) { edges.add(c.node + "\u0000" + t.node); walk(c); }
    })(tree);
    return { nodes, edges };
  }

  function leaves(expr, out) {
    if ("m" in expr) out.push(...expr.m);
    else if ("not" in expr) leaves(expr.not, out);
    else if ("holds" in expr) { leaves(expr.holds, out); leaves(expr.unless, out); }
    else for (const x of expr.all || expr.any || expr.of) leaves(x, out);
    return out;
  }

  // Index the nodes of a graph by id, fill each node in with what it shares with its statement
  // (render.graph_data says that once), and list the edges child -> parent its conditions name.
  function indexed(graph) {
    graph.byId = {};
    const edges = new Map();
    for (const a of graph.nodes) {
      const s = graph.statements[a.statement];
      graph.byId[a.id] = a;
      a.kind = s.kind;
      if (a.kind === "Proposition") {
        a.fact = a.fact || null; a.burden = s.burden || null; a.premise = s.premise || null;
        a.unstated = s.burden ? s.burden.value : U;
      } else {
        a.default = s.default;
        for (const c of a.conditions) for (const n of leaves(c.expr, [])) edges.set(n + "\u0000" + a.id, { from: n, to: a.id });
      }
    }
    graph.edges = [...edges.values()];
    return graph;
  }

  return { T, F, U, negate, allOf, anyOf, atLeast, ordered, exprValue, evaluate, stated, statedValue, support, justification, pathOf, indexed };
})();
