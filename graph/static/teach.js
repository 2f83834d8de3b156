// teach.js: the classroom page. Facts as toggles (true / false / unknown) that re-evaluate the graph
// at once with evaluate.js; predict-then-reveal (outcomes hidden until the class commits); and a
// quiz from the flips the Python side computed ("which single change brings this conclusion to …?").
"use strict";

(() => {
  const P = window.lexpath, L = LexpathLogic, el = P.el, pick = P.pick, keys = P.keys;
  const WORDS = {
    en: {
      facts: "Facts of the case", unstated: "Not stated in the case", reset: "Back to the case",
      predict: "Predict before you see", outcomes: "Outcomes", reveal: "Reveal", right: "right", wrong: "wrong",
      yourGuess: "your prediction", quiz: "Quiz", check: "Check",
      question: "Which single change of fact would make “{target}” {to}?",
      correct: "Right: this change alone does it.", incorrect: "Not this one: with it, the conclusion is {value}.",
      show: "Show it in the graph", changed: "changed", locked: "the court's characterisation of law, not a fact: locked", toggleTrue: "true", toggleFalse: "false", toggleUnknown: "unknown",
    },
    zh: {
      facts: "案件事实", unstated: "案件未陈述", reset: "恢复案件原状",
      predict: "先预测再揭晓", outcomes: "结论", reveal: "揭晓", right: "正确", wrong: "错误",
      yourGuess: "你的预测", quiz: "测验", check: "检查",
      question: "改变哪一项事实，就能使“{target}”{to}？",
      correct: "正确：仅此一项改变即可。", incorrect: "不是这一项：改变后该结论为{value}。",
      show: "在图中显示", changed: "已改变", locked: "法院对法律问题的定性，不是事实：已锁定", toggleTrue: "是", toggleFalse: "否", toggleUnknown: "未知",
    },
  };
  const t = (key) => WORDS[P.state.lang][key];
  const teach = () => P.view.teach[P.state.graph];
  const node = (id) => P.graph().byId[id];
  const st = (a) => P.graph().statements[a.statement];
  const nameOf = (a) => `${pick(st(a).label)} (${a.actors.map((x) => pick(P.view.actors[x]) || x).join(" → ")})`;
  const VALUES = [L.T, L.F, L.U];
  const ui = { predict: true, revealed: false, guesses: {} };

  function facts() { return P.state.facts || L.stated(P.graph()); }

  function setFact(id, value) {
    const next = { ...facts(), [id]: value };
    ui.revealed = false;
    P.setFacts(next);
  }

  function toggles(id) {
    const a = node(id), now = facts()[id] === undefined ? a.unstated : facts()[id];
    const stated = L.stated(P.graph())[id];
    const row = el("div", null, "fact" + (stated !== undefined && now !== stated ? " changed" : ""));
    const label = el("div", nameOf(a));
    if (a.fact) label.appendChild(el("div", [a.fact.id, keys(a.fact.passages), a.fact.open ? "" : t("locked")].filter(Boolean).join(" · "), "meta"));
    row.appendChild(label);
    const box = el("div", null, "toggles");
    for (const v of VALUES) {
      const b = el("button", t(v === L.T ? "toggleTrue" : v === L.F ? "toggleFalse" : "toggleUnknown"));
      b.type = "button";
      b.dataset.node = id; b.dataset.value = v;
      b.setAttribute("aria-pressed", String(now === v));
      b.disabled = !!(a.fact && !a.fact.open) || !!a.premise;
      b.addEventListener("click", () => setFact(id, v));
      box.appendChild(b);
    }
    row.appendChild(box);
    return row;
  }

  function outcomes(panel) {
    panel.appendChild(el("h3", t("outcomes")));
    const guess = el("label");
    const check = el("input"); check.type = "checkbox"; check.checked = ui.predict; check.id = "predict";
    check.addEventListener("change", () => { ui.predict = check.checked; P.restyle(); });
    guess.append(check, el("span", " " + t("predict")));
    panel.appendChild(guess);
    for (const id of teach().outcomes) {
      const a = node(id), v = P.state.values[id];
      const row = el("div", null, "outcome");
      row.appendChild(el("div", nameOf(a)));
      if (ui.predict && !ui.revealed) {
        for (const g of [L.T, L.F, L.U]) {
          const b = el("button", P.w(g)); b.type = "button";
          b.setAttribute("aria-pressed", String(ui.guesses[id] === g));
          b.addEventListener("click", () => { ui.guesses[id] = g; P.restyle(); });
          row.appendChild(b);
        }
      } else {
        row.appendChild(P.valueBadge(v));
        if (ui.predict && ui.guesses[id]) {
          const ok = ui.guesses[id] === v;
          row.appendChild(el("strong", ` ${t("yourGuess")}: ${P.w(ui.guesses[id])} · ${ok ? t("right") : t("wrong")}`, ok ? "agrees" : "disagrees"));
        }
      }
      panel.appendChild(row);
    }
    if (ui.predict && !ui.revealed) {
      const b = el("button", t("reveal")); b.type = "button"; b.id = "reveal";
      b.addEventListener("click", () => { ui.revealed = true; P.restyle(); });
      panel.appendChild(b);
    }
  }

  function quiz(panel) {
    if (!teach().quiz.length) return;
    panel.appendChild(el("h3", t("quiz")));
    teach().quiz.forEach((q, qi) => {
      const box = el("div", null, "question");
      box.appendChild(el("p", t("question").replace("{target}", nameOf(node(q.target))).replace("{to}", P.w(q.to))));
      const result = el("p", "", "result");
      for (const opt of q.options) {
        const b = el("button", `${nameOf(node(opt.node))} → ${P.w(opt.value)}`, "link");
        b.type = "button"; b.dataset.quiz = String(qi);
        b.addEventListener("click", () => {
          const right = q.answers.some((x) => x.node === opt.node && x.value === opt.value);
          const after = L.evaluate(P.graph(), { ...L.stated(P.graph()), [opt.node]: opt.value })[q.target];
          result.replaceChildren(el("strong", right ? t("correct") : t("incorrect").replace("{value}", P.w(after)), right ? "agrees" : "disagrees"));
          const show = el("button", t("show")); show.type = "button";
          show.addEventListener("click", () => { ui.revealed = true; P.setFacts({ ...L.stated(P.graph()), [opt.node]: opt.value }); P.focus(q.target); });
          result.appendChild(show);
        });
        box.appendChild(b);
        box.appendChild(el("br"));
      }
      box.appendChild(result);
      panel.appendChild(box);
    });
  }

  function render() {
    const panel = document.getElementById("teach");
    panel.replaceChildren();
    outcomes(panel);
    const reset = el("button", t("reset")); reset.type = "button"; reset.id = "reset";
    reset.addEventListener("click", () => { ui.revealed = false; P.setFacts(null); });
    panel.appendChild(el("h3", t("facts")));
    panel.appendChild(reset);
    for (const id of teach().stated) panel.appendChild(toggles(id));
    panel.appendChild(el("h3", t("unstated")));
    for (const id of teach().unstated) panel.appendChild(toggles(id));
    quiz(panel);
  }

  P.mask = (a) => ui.predict && !ui.revealed && a.kind !== "Proposition";
  P.legend();  // now with the mark of a hidden outcome
  P.onRefresh.push(render);
  P.onDoctrine.push(() => { ui.revealed = false; ui.guesses = {}; render(); });
  P.teach = { ui, setFact, render };
  P.restyle();
})();
