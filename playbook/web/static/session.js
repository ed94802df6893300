// The partner session page: open a seat with its key, answer the partner sheet's questions
// from your side (drafts saved as typed, each failing answer said at its question), submit,
// and once both sides are in, see where they differ.
// Everything shown that a person typed goes in as text (textContent), never as HTML.
"use strict";

const CODE = location.pathname.split("/").filter(Boolean)[1] || "";
const SAVED = "playbook:session:" + CODE;
const VIEWS = ["key-view", "answer-view", "done-view", "gap-view", "gone-view"];
const POLL_MS = 3000;
const state = { token: null, view: null, built: false, touched: new Set(), showAll: false,
  saveTimer: null, pollTimer: null };

function show(id) {
  for (const view of VIEWS) $(view).hidden = view !== id;
}

// -- opening a seat -------------------------------------------------------------------------

async function start() {
  const key = new URLSearchParams(location.hash.slice(1)).get("key");
  if (key) history.replaceState(null, "", location.pathname);  // the key leaves the address bar
  try {
    await api(`/api/sessions/${CODE}`);
  } catch (problem) {
    show("gone-view");
    $("gone-reason").textContent = problem.message;
    return;
  }
  if (key) { await claim(key); return; }
  try { state.token = (JSON.parse(localStorage.getItem(SAVED) || "null") || {}).token; } catch { state.token = null; }
  if (state.token && await load()) return;
  askKey("");
}

function askKey(message) {
  show("key-view");
  $("key-error").textContent = message;
  $("key").focus();
}

async function claim(key) {
  try {
    const opened = await api(`/api/sessions/${CODE}/claim`, { key });
    state.token = opened.token;
    localStorage.setItem(SAVED, JSON.stringify({ token: opened.token }));
    await load();
  } catch (problem) {
    askKey(problem.message);
  }
}

$("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const key = $("key").value.trim();
  if (!key) { askKey("Type the key from the message you were sent."); return; }
  claim(key);
});

// -- the seat's view ------------------------------------------------------------------------

async function load() {
  try {
    const data = await api(`/api/sessions/${CODE}/me`, null, state.token);
    render(data.view);
    return true;
  } catch (problem) {
    if (problem.status === 403 || problem.status === 401) {
      localStorage.removeItem(SAVED);
      state.token = null;
      askKey("Open your side again with its key.");
    }
    return false;
  }
}

function poll() {
  clearTimeout(state.pollTimer);
  state.pollTimer = setTimeout(async () => {
    await load();
    if (state.view && !state.view.gap) poll();
  }, POLL_MS);
}

function otherWords(view) {
  if (view.other.submitted) return `${view.them} has submitted.`;
  if (view.other.claimed) return `${view.them} is answering.`;
  return `${view.them} has not opened their side yet.`;
}

function render(view) {
  state.view = view;
  $("title").textContent = view.alliance;
  $("where").textContent = `Session ${view.display_code} · you answer for ${view.us}`;
  $("other-status").textContent = otherWords(view);
  if (view.gap) { showGap(view); return; }
  if (view.submitted) {
    show("done-view");
    $("done-status").textContent = `${otherWords(view)} Both sides see where they differ ` +
      "once both have submitted: this page shows it by itself.";
    poll();
    return;
  }
  if (!state.built) build(view);
  showProblems(view.problems);
  show("answer-view");
  poll();
}

// -- the questions --------------------------------------------------------------------------

const STAGES = { "north-star": "The goal, and what each side brings and gets",
  "vibe-check": "How you see us, and both cultures", "divorce-papers": "The exit terms" };

function fieldId(q) { return `${q.stage}.${q.id}`; }
function domId(q, part = "") { return `q-${q.stage}-${q.id}${part ? "-" + part : ""}`; }

function build(view) {
  state.built = true;
  $("answer-heading").textContent = `${view.us}'s side`;
  $("answer-about").textContent = `Answer from ${view.us}'s point of view ("we" is ` +
    `${view.us}, "they" is ${view.them}). ${view.them} sees none of it until both sides ` +
    "have submitted. Your draft is saved as you type.";
  const box = $("questions");
  box.replaceChildren();
  let stage = null;
  for (const q of view.questions) {
    if (q.stage !== stage) {
      stage = q.stage;
      box.append(el("h3", { class: "stage", text: STAGES[stage] || stage }));
    }
    const value = (view.draft[q.stage] || {})[q.id];
    box.append(question(q, value, view));
  }
}

function question(q, value, view) {
  const wrap = el("fieldset", { class: "question", id: domId(q, "box") });
  const problem = el("p", { class: "problem", id: domId(q, "problem"), role: "alert" });
  const about = [el("p", { class: "prompt", text: q.prompt })];
  if (q.hint) about.push(el("p", { class: "hint", text: q.hint }));
  const legend = el("legend", { text: q.label + (q.required ? "" : " (optional)") });
  wrap.append(legend, ...about);
  wrap.setAttribute("aria-describedby", domId(q, "problem"));
  if (q.kind === "score") wrap.append(...score(q, value || {}, view));
  else if (q.kind === "compare") wrap.append(...compare(q, value || {}, view));
  else if (q.kind === "multi") wrap.append(options(q, "checkbox", value || [], domId(q)));
  else if (q.kind === "choice") wrap.append(options(q, "radio", value ? [value] : [], domId(q)));
  else {
    const area = el("textarea", { id: domId(q), "aria-label": q.label });
    area.value = Array.isArray(value) ? value.join("\n") : (value == null ? "" : String(value));
    if (q.kind === "text" || q.kind === "date") area.rows = 2;
    wrap.append(area);
  }
  wrap.append(problem);
  wrap.addEventListener("input", () => touched(q));
  wrap.addEventListener("change", () => touched(q));
  return wrap;
}

function options(q, type, chosen, name, labels = q.options) {
  const box = el("div", { class: "choices" + (q.kind === "score" ? " anchors" : "") });
  for (const [id, label] of labels) {
    const input = el("input", { type, name, value: id });
    input.checked = chosen.map(String).includes(String(id));
    const text = q.kind === "score" ? [el("b", { text: id }), el("span", { text: label })]
      : [el("span", { text: label })];
    box.append(el("label", { class: "choice" }, input, ...text));
  }
  return box;
}

function score(q, value, view) {
  const evidence = el("textarea", { id: domId(q, "evidence") });
  evidence.value = value.evidence || "";
  return [
    options(q, "radio", value.score ? [value.score] : [], domId(q, "score")),
    el("label", { for: domId(q, "evidence"), text: "Evidence: what you saw or heard" }),
    evidence,
    el("p", { class: "hint", text: "Where it comes from" }),
    options({ ...q, kind: "sources" }, "checkbox", value.sources || [], domId(q, "sources"),
      view.sources),
  ];
}

function compare(q, value, view) {
  const [low, high] = q.poles;
  const points = [1, 2, 3, 4, 5].map((n) => [String(n), String(n)]);
  const row = (side, company) => el("div", { class: "scale" },
    el("p", { class: "hint", text: `Where ${company} sits (1 ${low}, 5 ${high})` }),
    options({ ...q, kind: "compare" }, "radio", value[side] ? [value[side]] : [], domId(q, side),
      points));
  return [row("us", view.us), row("them", view.them)];
}

function checked(name) {
  return [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

function collect() {
  const answers = {};
  for (const q of state.view.questions) {
    let value;
    if (q.kind === "score") {
      const [n] = checked(domId(q, "score"));
      value = { score: n ? Number(n) : null, evidence: $(domId(q, "evidence")).value,
        sources: checked(domId(q, "sources")) };
    } else if (q.kind === "compare") {
      const [us] = checked(domId(q, "us")), [them] = checked(domId(q, "them"));
      value = { us: us ? Number(us) : null, them: them ? Number(them) : null };
    } else if (q.kind === "multi") {
      value = checked(domId(q));
    } else if (q.kind === "choice") {
      value = checked(domId(q))[0] || null;
    } else {
      const text = $(domId(q)).value;
      value = text.trim() ? text : null;
    }
    (answers[q.stage] = answers[q.stage] || {})[q.id] = value;
  }
  return answers;
}

function showProblems(problems) {
  for (const q of state.view.questions) {
    const said = problems[fieldId(q)] || [];
    const shown = state.showAll || state.touched.has(fieldId(q)) ? said : [];
    $(domId(q, "problem")).textContent = shown.join(" ");
    $(domId(q, "box")).classList.toggle("failing", shown.length > 0);
  }
}

// -- saving and submitting ------------------------------------------------------------------

function touched(q) {
  state.touched.add(fieldId(q));
  $("saved").textContent = "Not saved yet…";
  clearTimeout(state.saveTimer);
  state.saveTimer = setTimeout(save, 800);
}

async function save() {
  clearTimeout(state.saveTimer);
  try {
    const reply = await api(`/api/sessions/${CODE}/draft`, { answers: collect() }, state.token);
    $("saved").textContent = "Draft saved.";
    $("form-error").textContent = "";
    showProblems(reply.problems);
  } catch (problem) {
    $("form-error").textContent = problem.message;
  }
}

$("save").addEventListener("click", save);

$("answer-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  clearTimeout(state.saveTimer);
  $("submit").disabled = true;
  try {
    await api(`/api/sessions/${CODE}/submit`, { answers: collect() }, state.token);
    await load();
  } catch (problem) {
    $("form-error").textContent = problem.message;
    if (problem.data && problem.data.problems) {
      state.showAll = true;
      showProblems(problem.data.problems);
      const first = state.view.questions.find((q) => problem.data.problems[fieldId(q)]);
      if (first) {
        const box = $(domId(first, "box"));
        box.scrollIntoView({ block: "center" });
        const input = box.querySelector("input, textarea");
        if (input) input.focus({ preventScroll: true });
      }
    }
  } finally {
    $("submit").disabled = false;
  }
});

// -- the gap, once both are in ---------------------------------------------------------------

function part(title, ...children) {
  return el("section", { class: "gap-part" }, el("h3", { text: title }), ...children);
}

function named(list) {
  const items = el("ul");
  for (const [company, things] of list.named) {
    for (const thing of things) items.append(el("li", { text: `Only ${company} named: ${thing}` }));
  }
  for (const thing of list.both) items.append(el("li", { text: `Both named: ${thing}` }));
  if (!items.children.length) items.append(el("li", { class: "muted", text: "Nothing named yet." }));
  return items;
}

function showGap(view) {
  clearTimeout(state.pollTimer);
  const gap = view.gap, box = $("gap");
  box.replaceChildren();
  const goal = el("p", { class: "goal" });
  for (const run of gap.goal.runs) {
    const who = run.who ? ` [${run.who === view.us ? "you" : run.who}: ${run.words}]` : ` ${run.words}`;
    goal.append(el("span", { class: run.who ? (run.who === view.us ? "ours" : "theirs") : "", text: who }));
  }
  if (gap.goal.same) goal.append(el("span", { class: "muted", text: " (the same words)" }));
  box.append(part("The goal, word by word", goal));
  for (const list of gap.lists) box.append(part(list.heading, named(list)));
  const scores = el("ul");
  for (const s of gap.scores) {
    const apart = s.gap == null ? "not scored by both" : `${s.gap} point${s.gap === 1 ? "" : "s"} apart`;
    scores.append(el("li", { text: `${s.label}: ${apart} (you gave ${s.yours ?? "no score"})` }));
  }
  box.append(part("How each side scores the other", scores));
  const cultures = el("ul");
  for (const c of gap.cultures) {
    if (c.gap) cultures.append(el("li", { text: `${c.label}: ${c.gap} point${c.gap === 1 ? "" : "s"} apart` }));
  }
  if (!cultures.children.length) cultures.append(el("li", { class: "muted", text: "You see both cultures alike." }));
  box.append(part("Both cultures", cultures));
  box.append(part("Exit triggers", named(gap.triggers)));
  const open = el("ul", { id: "open-items" });
  for (const item of gap.open) open.append(el("li", { text: item }));
  if (!gap.open.length) open.append(el("li", { class: "muted", text: "None: no gap to talk through." }));
  box.append(part(`Open items to agree: ${gap.open.length}`, open));
  show("gap-view");
}

start();
