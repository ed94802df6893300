// The health-check survey: score each statement 1-5, comment by area, send; anonymous.
// The device keeps a random key so it answers once and can correct itself; no name is
// asked for. Everything from the server goes in as text (textContent), never as HTML.
"use strict";

const CODE = location.pathname.split("/").filter(Boolean)[1] || "";
const KEY_NAME = "playbook:health:" + CODE;
const VIEWS = ["loading", "gone-view", "survey", "thanks-view", "closed-view"];
let check = null;

function show(id) {
  for (const view of VIEWS) $(view).hidden = view !== id;
}

function deviceKey() {
  let key = localStorage.getItem(KEY_NAME);
  if (!key) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    key = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem(KEY_NAME, key);
  }
  return key;
}

// The shared api() (dom.js) as [ok, data]: here a refusal is shown beside the form.
async function outcome(path, body) {
  try { return [true, await api(path, body)]; }
  catch (problem) { return [false, problem.data || { error: problem.message }]; }
}

function choice(name, value, label, id) {
  const input = el("input", { type: "radio", name, value, id });
  return el("label", { class: "choice", for: id }, input, el("span", { text: label }));
}

function build() {
  const sides = $("sides");
  sides.replaceChildren(
    choice("side", "ours", check.organisations.ours, "side-ours"),
    choice("side", "partner", check.organisations.partner, "side-partner"));
  const areas = $("areas");
  areas.replaceChildren();
  for (const area of check.areas) {
    const section = el("section", { class: "area" }, el("h2", { text: area.title }));
    for (const statement of area.statements) {
      const group = el("fieldset", { class: "scale", id: "s-" + statement.id },
        el("legend", { text: statement.text }));
      const row = el("div", { class: "choices" });
      for (let n = 1; n <= 5; n++) {
        const c = choice(statement.id, String(n), String(n), `${statement.id}-${n}`);
        c.querySelector("input").setAttribute("aria-label", `${n} of 5: ${statement.text}`);
        row.append(c);
      }
      group.append(row, el("div", { class: "ends", "aria-hidden": "true" },
        el("span", { text: "1: disagree" }), el("span", { text: "5: agree" })));
      section.append(group);
    }
    const id = "c-" + area.id;
    section.append(el("label", { for: id, text: `A comment on ${area.title.toLowerCase()} (optional)` }),
      el("textarea", { id, maxlength: "1000", rows: "3" }));
    areas.append(section);
  }
}

function fill(mine) {
  const side = document.querySelector(`input[name=side][value="${mine.side}"]`);
  if (side) side.checked = true;
  for (const [sid, score] of Object.entries(mine.scores)) {
    const input = document.querySelector(`input[name="${CSS.escape(sid)}"][value="${score}"]`);
    if (input) input.checked = true;
  }
  for (const [aid, text] of Object.entries(mine.comments)) {
    const box = $("c-" + aid);
    if (box) box.value = text;
  }
}

function gather() {
  const side = document.querySelector("input[name=side]:checked");
  const scores = {};
  const comments = {};
  let first = null;
  for (const area of check.areas) {
    for (const statement of area.statements) {
      const picked = document.querySelector(`input[name="${CSS.escape(statement.id)}"]:checked`);
      if (picked) scores[statement.id] = Number(picked.value);
      else if (!first) first = $("s-" + statement.id);
    }
    const text = $("c-" + area.id).value.trim();
    if (text) comments[area.id] = text;
  }
  return { side: side ? side.value : "", scores, comments, first };
}

async function send(event) {
  event.preventDefault();
  const answer = gather();
  $("error").textContent = "";
  if (!answer.side) {
    $("error").textContent = "Say which organisation you work for first.";
    $("side-box").scrollIntoView({ block: "center" });
    return;
  }
  if (answer.first) {
    $("error").textContent = "Some statements have no score yet: give each one from 1 to 5.";
    answer.first.scrollIntoView({ block: "center" });
    answer.first.querySelector("input").focus();
    return;
  }
  $("send").disabled = true;
  const [ok, data] = await outcome(`/api/checks/${CODE}/answer`, {
    key: deviceKey(), side: answer.side, scores: answer.scores, comments: answer.comments });
  $("send").disabled = false;
  if (ok) { show("thanks-view"); $("change").focus(); return; }
  if (/closed/.test(data.error || "")) { show("closed-view"); return; }
  $("error").textContent = data.error || "The answers could not be sent: try again.";
}

async function start() {
  const [ok, data] = await outcome(`/api/checks/${CODE}`);
  if (!ok) { $("gone-why").textContent = data.error || ""; show("gone-view"); return; }
  check = data;
  $("title").textContent = "Health check: " + check.alliance;
  $("where").textContent = `${check.organisations.ours} and ${check.organisations.partner} · ${check.display_code}`;
  if (!check.open) { show("closed-view"); return; }
  build();
  const [known, mine] = await outcome(`/api/checks/${CODE}/mine`, { key: deviceKey() });
  show("survey");
  if (known && mine.answered) { fill(mine); show("thanks-view"); }
}

$("survey").addEventListener("submit", send);
$("change").addEventListener("click", () => { show("survey"); $("side-ours").focus(); });
start();
