// The participant page: join, follow the room over a websocket, answer every kind of
// question by touch or keyboard, see the reveal; reconnect by itself and say so.
// Everything shown that a person typed goes in as text (textContent), never as HTML.
"use strict";

const CODE = location.pathname.split("/").filter(Boolean)[0] || "";
const SAVED = "playbook:room:" + CODE;
const POINTS = { low: [333, 0], medium: [667, -667], high: [1000, -2000] };
const VIEWS = ["join-view", "wait-view", "discussion-view", "question-view", "reveal-view",
  "ended-view", "gone-view"];

const state = {
  info: null, token: null, ws: null, view: null, offset: 0, retry: 0, retryTimer: null,
  gone: false, lost: false, asked: null, sent: null, nextId: 1, pending: {},
};

function show(id) {
  for (const view of VIEWS) $(view).hidden = view !== id;
}

function plural(n, word, many) {
  return `${n.toLocaleString("en")} ${n === 1 ? word : many || word + "s"}`;
}

function deviceId() {
  let id = localStorage.getItem("playbook:device");
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    id = "web-" + [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    localStorage.setItem("playbook:device", id);
  }
  return id;
}

function saved() {
  try { return JSON.parse(localStorage.getItem(SAVED) || "null"); } catch { return null; }
}

// -- joining -------------------------------------------------------------------------------

async function start() {
  try {
    state.info = await api("/api/workshops/" + CODE);
  } catch (problem) {
    $("title").textContent = "Workshop " + CODE;
    show("join-view");
    $("join-form").hidden = true;
    $("join-about").textContent = problem.message;
    return;
  }
  $("title").textContent = state.info.title;
  document.title = state.info.title + " · Workshop";
  const mine = saved();
  if (mine && mine.token) {
    state.token = mine.token;
    connect();
  } else {
    askToJoin();
  }
}

function askToJoin(reason) {
  state.token = null;
  show("join-view");
  const info = state.info;
  $("join-form").hidden = info.phase === "ended";
  $("join-about").textContent = info.phase === "ended" ? "This workshop has ended."
    : reason || `Join code ${CODE.slice(0, 3)}-${CODE.slice(3)}` +
      (info.anonymous ? " · anonymous: the room will not see your name" : "");
  $("join-team-box").hidden = !info.team_mode;
  $("join-team").required = info.team_mode;
  const mine = saved();
  if (mine && mine.name && !$("join-name").value) $("join-name").value = mine.name;
  $("join-name").focus();
}

$("join-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = $("join-error");
  const name = $("join-name").value.trim();
  const team = $("join-team").value.trim();
  error.textContent = "";
  if (!name) { error.textContent = "Type your name first."; $("join-name").focus(); return; }
  if (state.info.team_mode && !team) {
    error.textContent = "This workshop plays in teams: type your team's name.";
    $("join-team").focus();
    return;
  }
  $("join-button").disabled = true;
  try {
    const me = await api(`/api/workshops/${CODE}/join`, {
      name, team, device: deviceId(), rejoin_key: $("join-key-box").hidden ? "" : $("join-key").value,
    });
    localStorage.setItem(SAVED, JSON.stringify({ token: me.token, name: me.name }));
    state.token = me.token;
    state.gone = false;
    connect();
  } catch (problem) {
    error.textContent = problem.message;
    if (problem.data && problem.data.kind === "name_taken") {
      $("join-key-box").hidden = false;
      $("join-key").focus();
    } else if (/team/.test(problem.message)) {
      $("join-team-box").hidden = false;
      $("join-team").focus();
    } else {
      $("join-name").focus();
    }
  } finally {
    $("join-button").disabled = false;
  }
});

$("join-again").addEventListener("click", () => askToJoin());

// -- the connection ------------------------------------------------------------------------

function connect() {
  clearTimeout(state.retryTimer);
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
  state.ws = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: "hello", role: "participant", token: state.token }));
  ws.onmessage = (event) => {
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    receive(message);
  };
  ws.onclose = (event) => {
    if (state.ws !== ws) return;
    state.ws = null;
    if (state.gone) return;
    if (event.code === 4401 || event.code === 4403) return;  // "gone" said why already
    lost();
  };
}

function lost() {
  state.lost = true;
  const wait = Math.min(10, 0.5 * 2 ** state.retry) * (0.8 + Math.random() * 0.4);
  state.retry += 1;
  banner(`Connection lost: reconnecting${state.retry > 1 ? ` (try ${state.retry})` : ""}…`);
  state.retryTimer = setTimeout(connect, wait * 1000);
}

window.addEventListener("online", () => { if (state.lost && state.token) connect(); });

function banner(text, ok) {
  const line = $("connection");
  line.textContent = text;
  line.hidden = !text;
  line.classList.toggle("ok", Boolean(ok));
}

function receive(message) {
  if (message.type === "welcome") {
    if (state.lost) {
      banner("Reconnected.", true);
      setTimeout(() => { if (!state.lost) banner(""); }, 3000);
    }
    state.lost = false;
    state.retry = 0;
  } else if (message.type === "view") {
    state.offset = Date.parse(message.now) - Date.now();
    render(message.view);
  } else if (message.type === "ack") {
    acknowledged(message);
  } else if (message.type === "gone") {
    state.gone = true;
    localStorage.removeItem(SAVED);
    show("gone-view");
    $("gone-reason").textContent = message.reason;
    $("score").textContent = "";
    $("join-again").focus();
  }
}

// -- drawing the view ----------------------------------------------------------------------

function render(view) {
  const before = state.view;
  state.view = view;
  const s = view.session;
  $("where").textContent = s.phase === "lobby" ? `${plural(view.people, "person", "people")} joined`
    : s.phase === "ended" ? "Ended" : `Item ${s.index + 1} of ${s.item_count}`;
  const rank = view.my_rank && view.my_points ? ` · rank ${view.my_rank}` : "";
  $("score").textContent = `${view.me.name}${view.me.team ? " (" + view.me.team + ")" : ""} · ` +
    `${view.my_points.toLocaleString("en")} points${rank}`;
  if (s.phase === "lobby") return lobby(view);
  if (s.phase === "ended") return ended(view);
  const item = view.item;
  if (!item) return;
  if (item.kind === "discussion") return discussion(item);
  if (!item.card) {
    show("question-view");
    showStatus(item.title, "This question is not in the server's content.");
    return;
  }
  const answering = s.phase === "open" && !view.mine;
  if (answering) return ask(view, before);
  if (s.phase === "revealed") return reveal(view, before);
  show("question-view");
  $("answer-form").hidden = true;
  if (view.mine) {
    showStatus(item.title, "✓ Answer received. Wait for the reveal.", "Your answer: " + view.mine.described);
  } else if (s.phase === "waiting") {
    showStatus(item.title, "Get ready: answering opens soon.");
  } else if (s.settled.includes(s.index)) {
    showStatus(item.title, "Answering is over for this item.");
  } else {
    showStatus(item.title, "Answering is closed for this question.");
  }
}

function showStatus(prompt, status, mine) {
  $("status-box").hidden = false;
  $("status-prompt").textContent = prompt;
  $("status").textContent = status;
  $("my-answer").textContent = mine || "";
  $("clock").textContent = "";
}

function lobby(view) {
  show("wait-view");
  $("wait-alias").textContent = view.room.anonymous
    ? `Anonymous workshop: the room sees you as ${view.me.shown_as}.` : "";
  const key = view.me.rejoin_key;
  $("wait-key").textContent = key
    ? `Rejoin key, for joining from another device: ${key.slice(0, 4)}-${key.slice(4)}` : "";
}

function discussion(item) {
  show("discussion-view");
  $("discussion-heading").textContent = item.stage_title || item.title;
  const list = $("discussion-prompts");
  list.replaceChildren(...item.prompts.map((text) => el("li", { text })));
}

function ended(view) {
  show("ended-view");
  const rank = view.my_rank ? `, rank ${view.my_rank}` : "";
  $("final-score").textContent = `You scored ${view.my_points.toLocaleString("en")} points${rank}.`;
  const box = $("podium");
  box.replaceChildren();
  if (view.podium.length) {
    const places = ["1st", "2nd", "3rd"];
    box.append(el("h3", { text: "Podium" }), el("ol", { class: "podium" },
      ...view.podium.map((p) => el("li", { text: `${places[p.rank - 1] || p.rank}: ${p.name}` +
        `${p.team ? " (" + p.team + ")" : ""}, ${p.points.toLocaleString("en")} points` }))));
  }
  if (view.teams.length) {
    box.append(el("h3", { text: "Teams" }), el("ol", {},
      ...view.teams.map((t) => el("li", { text: `${t.team}: ${t.points.toLocaleString("en")} points` +
        ` (${plural(t.members, "member")})` }))));
  }
}

// -- answering -----------------------------------------------------------------------------

function ask(view, before) {
  show("question-view");
  $("status-box").hidden = true;
  const form = $("answer-form");
  form.hidden = false;
  const card = view.item.card;
  const key = `${view.session.index}:${card.key}`;
  if (state.asked !== key) {
    state.asked = key;
    state.sent = null;
    $("status").textContent = "";
    $("prompt").textContent = card.prompt;
    $("prompt").tabIndex = -1;
    $("answer-error").textContent = "";
    $("answer-box").replaceChildren(build(card));
    const certain = view.room.certainty && !card.is_poll;
    $("certainty").hidden = !certain;
    $("certainty-choices").replaceChildren(...(certain ? certaintyChoices() : []));
    $("send").disabled = false;
    $("prompt").focus();
  }
  tick();
}

function choice(type, name, value, text, id) {
  const input = el("input", { type, name, value, id });
  return el("label", { class: "choice", for: id }, input, el("span", { text }));
}

function build(card) {
  const kind = card.kind;
  if (kind === "single" || kind === "true_false" || kind === "multiple") {
    const type = kind === "multiple" ? "checkbox" : "radio";
    const group = el("fieldset", {}, el("legend", { text: kind === "multiple"
      ? "Tick every answer you think is right" : "Pick one answer" }));
    group.append(el("div", { class: "choices" },
      ...card.options.map((o, n) => choice(type, "answer", o.id, o.text, `option-${n}`))));
    return group;
  }
  if (kind === "scale") {
    const group = el("fieldset", { class: "scale" }, el("legend", { text: "Pick a point from 1 to 5" }));
    group.append(el("div", { class: "choices" },
      ...card.options.map((o, n) => choice("radio", "answer", o.id, o.id, `option-${n}`))));
    group.append(el("div", { class: "ends", "aria-hidden": "true" },
      el("span", { text: "1: " + (card.low || "low") }), el("span", { text: "5: " + (card.high || "high") })));
    group.querySelectorAll("input").forEach((input, n) =>
      input.setAttribute("aria-label", card.options[n].text));
    return group;
  }
  if (kind === "ordering") {
    const box = el("div", {}, el("p", { class: "muted", id: "order-help",
      text: "Put them in order: move each item up or down with its buttons." }));
    const list = el("ol", { class: "order", id: "order", "aria-describedby": "order-help" });
    card.options.forEach((o) => list.append(orderItem(o.text)));
    box.append(list, el("p", { id: "order-said", class: "muted", "aria-live": "polite" }));
    numberOrder(list);
    return box;
  }
  if (kind === "matching") {
    const box = el("div", {}, el("p", { class: "muted", text: "Match each item with an option." }));
    card.lefts.forEach((left, n) => {
      const select = el("select", { id: `match-${n}`, "data-left": left },
        el("option", { value: "", text: "Choose…" }),
        ...card.options.map((o) => el("option", { value: o.id, text: o.text })));
      box.append(el("div", { class: "match" }, el("label", { for: `match-${n}`, text: left }), select));
    });
    return box;
  }
  if (kind === "numeric") {
    const input = el("input", { id: "typed", inputmode: "decimal", autocomplete: "off",
      maxlength: "60", "aria-describedby": "typed-help" });
    const row = el("div", { class: "unit-row" }, input, card.unit ? el("span", { text: card.unit }) : null);
    return el("div", {}, el("label", { for: "typed", text: "Your number" }), row,
      el("p", { class: "muted", id: "typed-help", text: "44,000, 7.4 and 44k all work." }));
  }
  if (kind === "open") {
    const area = el("textarea", { id: "typed", maxlength: String(card.longest || 200),
      "aria-describedby": "typed-help" });
    const help = el("p", { class: "muted", id: "typed-help",
      text: `A few words, up to ${card.longest || 200} characters, shown on the wall without your name.` });
    area.addEventListener("input", () => {
      help.textContent = `${area.value.length} of ${card.longest || 200} characters, shown on the wall without your name.`;
    });
    return el("div", {}, el("label", { for: "typed", text: "Your answer" }), area, help);
  }
  const input = el("input", { id: "typed", autocomplete: "off", maxlength: "200" });
  return el("div", {}, el("label", { for: "typed", text: "Your answer" }), input);
}

function orderItem(text) {
  const up = el("button", { type: "button", class: "small up", text: "↑" });
  const down = el("button", { type: "button", class: "small down", text: "↓" });
  const item = el("li", { "data-item": text }, el("span", { class: "place" }),
    el("span", { class: "text", text }), up, down);
  up.addEventListener("click", () => move(item, -1));
  down.addEventListener("click", () => move(item, 1));
  return item;
}

function numberOrder(list) {
  const items = [...list.children];
  items.forEach((li, n) => {
    li.querySelector(".place").textContent = `${n + 1}.`;
    const text = li.dataset.item;
    li.querySelector(".up").setAttribute("aria-label", `Move “${text}” up`);
    li.querySelector(".down").setAttribute("aria-label", `Move “${text}” down`);
    li.querySelector(".up").disabled = n === 0;
    li.querySelector(".down").disabled = n === items.length - 1;
  });
}

function move(item, step) {
  const list = item.parentElement;
  const items = [...list.children];
  const to = items.indexOf(item) + step;
  if (to < 0 || to >= items.length) return;
  if (step < 0) list.insertBefore(item, items[to]);
  else list.insertBefore(item, items[to].nextSibling);
  numberOrder(list);
  $("order-said").textContent = `“${item.dataset.item}” is now number ${to + 1}.`;
  const button = item.querySelector(step < 0 ? ".up" : ".down");
  (button.disabled ? item.querySelector(step < 0 ? ".down" : ".up") : button).focus();
}

function certaintyChoices() {
  return Object.entries(POINTS).map(([level, [right, wrong]], n) => {
    const label = choice("radio", "certainty", level, "", `certainty-${n}`);
    label.querySelector("span").replaceChildren(el("strong", { text: level }),
      el("br"), el("small", { text: `right +${right.toLocaleString("en")}, wrong ${wrong.toLocaleString("en")}` }));
    return label;
  });
}

function response(card) {
  const box = $("answer-box");
  const kind = card.kind;
  if (kind === "single" || kind === "true_false" || kind === "scale") {
    const picked = box.querySelector("input:checked");
    if (!picked) return [null, kind === "scale" ? "Pick a point from 1 to 5 first." : "Pick an answer first."];
    if (kind === "true_false") return [picked.value === "true"];
    if (kind === "scale") return [Number(picked.value)];
    return [picked.value];
  }
  if (kind === "multiple") {
    const picked = [...box.querySelectorAll("input:checked")].map((i) => i.value);
    return picked.length ? [picked] : [null, "Tick at least one answer first."];
  }
  if (kind === "ordering") return [[...box.querySelectorAll("li")].map((li) => li.dataset.item)];
  if (kind === "matching") {
    const pairs = {};
    for (const select of box.querySelectorAll("select")) {
      if (!select.value) { select.focus(); return [null, "Match every item first."]; }
      pairs[select.dataset.left] = select.value;
    }
    return [pairs];
  }
  const typed = box.querySelector("#typed").value;
  return typed.trim() ? [typed] : [null, "Type an answer first."];
}

$("answer-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const view = state.view;
  if (!view || !view.item || !view.item.card) return;
  const card = view.item.card;
  const [given, problem] = response(card);
  const error = $("answer-error");
  if (given === null) {
    error.textContent = problem;
    const first = $("answer-box").querySelector("input, select, textarea");
    if (first && !document.activeElement.closest("#answer-box")) first.focus();
    return;
  }
  let confidence = null;
  if (!$("certainty").hidden) {
    const picked = document.querySelector("#certainty input:checked");
    if (!picked) {
      error.textContent = "Say how sure you are first.";
      document.querySelector("#certainty input").focus();
      return;
    }
    confidence = picked.value;
  }
  error.textContent = "";
  $("send").disabled = true;
  const message = { type: "answer", id: state.nextId++, item: view.session.index, response: given, confidence };
  state.pending[message.id] = message;
  if (state.ws && state.ws.readyState === WebSocket.OPEN) {
    state.ws.send(JSON.stringify(message));
  } else {  // between reconnects: the same answer over plain HTTP
    api("/api/answer", message, state.token).then(
      (reply) => acknowledged({ ...reply, id: message.id }),
      (problem) => acknowledged({ id: message.id, ok: false, error: problem.message }));
  }
});

function acknowledged(message) {
  delete state.pending[message.id];
  if (message.ok) {
    $("answer-form").hidden = true;
    showStatus($("prompt").textContent, "✓ Answer received. Wait for the reveal.");
    $("status").focus?.();
    return;
  }
  $("send").disabled = false;
  $("answer-error").textContent = message.error || "Not saved: try again.";
}

// -- the reveal ----------------------------------------------------------------------------

function reveal(view, before) {
  show("reveal-view");
  const card = view.item.card;
  const mine = view.mine;
  const shown = view.reveal;
  const first = !before || before.session.phase !== "revealed" || before.session.index !== view.session.index;
  $("reveal-prompt").textContent = card.prompt;
  $("reveal-prompt").tabIndex = -1;
  const verdict = $("verdict");
  verdict.className = "verdict";
  if (card.is_poll) {
    verdict.textContent = mine ? "Thanks for your answer." : "You did not answer this one.";
  } else if (!mine) {
    verdict.textContent = "You did not answer this one.";
    verdict.classList.add("wrong");
  } else {
    const points = `${mine.points >= 0 ? "+" : ""}${mine.points.toLocaleString("en")} points`;
    if (mine.score >= 1) { verdict.textContent = `✓ Right. ${points}`; verdict.classList.add("right"); }
    else if (mine.score > 0) {
      verdict.textContent = `◐ Partly right (${Math.round(mine.score * 100)}%). ${points}`;
      verdict.classList.add("partly");
    } else { verdict.textContent = `✗ Not right. ${points}`; verdict.classList.add("wrong"); }
  }
  $("reveal-mine").textContent = mine ? "Your answer: " + mine.described : "";
  $("feedback").replaceChildren(...(mine ? mine.feedback : []).map((text) => el("li", { text })));
  $("right-answer").textContent = shown ? "Right answer: " + shown.right_answer : "";
  $("why").textContent = shown ? "Why: " + shown.explanation : "";
  $("room-heading").hidden = !view.chart;
  $("room-chart").replaceChildren(...(view.chart ? chartParts(view.chart) : []));
  if (first) $("reveal-prompt").focus();
}

function chartParts(chart) {
  const parts = [];
  if (chart.bars.length) {
    const top = Math.max(1, ...chart.bars.map((b) => b.count));
    parts.push(el("ul", { class: "bars" }, ...chart.bars.map((b) => {
      const li = el("li", { class: b.right ? "right" : "" },
        el("span", { class: "label", text: b.label }),
        el("span", { class: "count", text: `${plural(b.count, "person", "people")} · ${Math.round(b.share * 100)}%` }),
        el("span", { class: "track", "aria-hidden": "true" }, el("span", { class: "fill" })));
      li.querySelector(".fill").style.width = `${(100 * b.count) / top}%`;
      if (b.right) li.setAttribute("aria-label", `Right answer: ${b.label}, ${plural(b.count, "person", "people")}`);
      return li;
    })));
  }
  if (chart.mean !== null && chart.mean !== undefined) {
    parts.push(el("p", { text: `Mean: ${chart.mean.toFixed(1)} of 5, from ${plural(chart.answered, "answer")}.` }));
  }
  if (chart.words.length) {
    parts.push(el("p", { class: "words", text: "Words used most: " +
      chart.words.map((w) => `${w.word} (${w.count})`).join(", ") }));
  }
  if (chart.wall.length) {
    parts.push(el("ul", { class: "wall" }, ...chart.wall.map((e) => el("li", { text: e.text }))));
  }
  return parts;
}

// -- the clock -----------------------------------------------------------------------------

function tick() {
  const view = state.view;
  const clock = $("clock");
  if (!view || view.session.phase !== "open" || view.mine) { clock.textContent = ""; return; }
  if (!view.session.deadline) { clock.textContent = "Answering is open (no time limit)"; return; }
  const left = Math.ceil((Date.parse(view.session.deadline) - (Date.now() + state.offset)) / 1000);
  clock.textContent = left > 0 ? `${left} s left` : "Time is up";
  clock.classList.toggle("low", left <= 5);
  if (left <= 0) $("send").disabled = true;
}
setInterval(tick, 250);

start();
