// The projector page: the current item in large type, the countdown, the live chart (unless
// kept hidden until answering closes), the leaderboard, the join address and its QR code.
// The facilitator signs in with the PIN (or the server's key, given after # in the address).
"use strict";

const CODE = location.pathname.split("/").filter(Boolean)[0] || "";
const SAVED = "playbook:projector:" + CODE;
const state = { token: sessionStorage.getItem(SAVED), ws: null, board: null, offset: 0, retry: 0, lost: false };

function plural(n, word, many) {
  return `${n.toLocaleString("en")} ${n === 1 ? word : many || word + "s"}`;
}

async function signIn(body) {
  const reply = await fetch(`/api/workshops/${CODE}/facilitate`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await reply.json().catch(() => ({ error: "The server sent something unexpected." }));
  if (!reply.ok) throw new Error(data.error || reply.statusText);
  state.token = data.token;
  sessionStorage.setItem(SAVED, data.token);
}

async function start() {
  const key = new URLSearchParams(location.hash.slice(1)).get("key");
  if (key) {
    history.replaceState(null, "", location.pathname);  // the key does not stay on screen
    try { await signIn({ key }); } catch (problem) { askPin(problem.message); return; }
  }
  if (state.token) connect(); else askPin();
}

function askPin(message) {
  $("signin").hidden = false;
  $("screen").hidden = true;
  $("signin-error").textContent = message || "";
  $("pin").focus();
}

$("signin-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await signIn({ pin: $("pin").value });
    $("pin").value = "";
    $("signin").hidden = true;
    connect();
  } catch (problem) {
    $("signin-error").textContent = problem.message;
  }
});

function connect() {
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
  state.ws = ws;
  ws.onopen = () => ws.send(JSON.stringify({ type: "hello", role: "projector", code: CODE, token: state.token }));
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === "welcome") {
      if (state.lost) banner("");
      state.lost = false;
      state.retry = 0;
    } else if (message.type === "board") {
      state.offset = Date.parse(message.now) - Date.now();
      draw(message.board);
    } else if (message.type === "gone") {
      state.token = null;
      sessionStorage.removeItem(SAVED);
      askPin(message.reason);
    }
  };
  ws.onclose = (event) => {
    if (state.ws !== ws || !state.token || event.code === 4401) return;
    state.lost = true;
    banner("Connection lost: reconnecting…");
    setTimeout(connect, Math.min(10, 0.5 * 2 ** state.retry++) * 1000);
  };
}

function banner(text) {
  $("connection").textContent = text;
  $("connection").hidden = !text;
}

function draw(board) {
  state.board = board;
  $("signin").hidden = true;
  $("screen").hidden = false;
  const s = board.session;
  const item = board.item;
  const url = `${location.origin}/${board.room.code}`;
  $("join-url").textContent = url.replace(/^https?:\/\//, "");
  if (!$("qr").getAttribute("src")) $("qr").setAttribute("src", `/${board.room.code}/qr.svg`);
  $("code").textContent = `${board.room.code.slice(0, 3)}-${board.room.code.slice(3)}`;
  document.title = `${board.room.title} · Projector`;
  const kinds = { question: "Question", discussion: "Discussion", poll: "Poll" };
  $("kind").textContent = s.phase === "lobby" ? `${board.room.title} · ${plural(board.joined, "person", "people")} joined`
    : s.phase === "ended" ? board.room.title
    : `Item ${s.index + 1} of ${s.item_count} · ${item ? kinds[item.kind] : ""}`;
  $("headline").textContent = s.phase === "lobby" ? "Join now: the workshop starts soon"
    : s.phase === "ended" ? "The workshop has ended" : item ? item.title : "";
  const options = $("options");
  options.replaceChildren();
  const card = item && item.card;
  if (card && ["single", "multiple", "true_false", "ordering"].includes(card.kind) && s.phase !== "revealed") {
    options.replaceChildren(...card.options.map((o) => el("li", { text: o.text })));
  }
  if (card && card.kind === "scale" && s.phase !== "revealed") {
    options.replaceChildren(el("li", { text: `1: ${card.low || "low"} … 5: ${card.high || "high"}` }));
  }
  $("answered").textContent = card && s.phase !== "waiting" ? `${board.answered} of ${plural(board.joined, "person", "people")} answered` : "";
  $("chart").replaceChildren(...(board.chart ? chartParts(board.chart) : []));
  $("right").textContent = board.reveal ? "Right answer: " + board.reveal.right_answer : "";
  $("why").textContent = board.reveal ? board.reveal.explanation : "";
  $("prompts").replaceChildren(...(item && item.kind === "discussion" ? item.prompts : []).map((t) => el("li", { text: t })));
  const podium = $("podium");
  podium.replaceChildren();
  if (board.podium.length) {
    const places = ["1st", "2nd", "3rd"];
    podium.append(el("h3", { text: "Podium" }), el("ol", { class: "podium" },
      ...board.podium.map((p) => el("li", { text: `${places[p.rank - 1] || p.rank}: ${p.name}, ${p.points.toLocaleString("en")} points` }))));
  }
  const leaders = $("leaders");
  const rows = board.room.team_mode ? board.teams.map((t) => `${t.team}: ${t.points.toLocaleString("en")}`)
    : board.standings.filter((p) => p.points).map((p) => `${p.name}: ${p.points.toLocaleString("en")}`);
  $("leaders-heading").hidden = !board.room.leaderboard;
  leaders.hidden = !board.room.leaderboard;
  leaders.replaceChildren(...rows.map((text) => el("li", { text })));
  tick();
}

function chartParts(chart) {
  if (chart.hidden) return [el("p", { class: "muted", text: `${plural(chart.answered, "answer")} so far: the chart shows when answering closes.` })];
  const parts = [];
  if (chart.bars.length) {
    const top = Math.max(1, ...chart.bars.map((b) => b.count));
    parts.push(el("ul", { class: "bars" }, ...chart.bars.map((b) => {
      const li = el("li", { class: b.right ? "right" : "" }, el("span", { class: "label", text: b.label }),
        el("span", { class: "count", text: `${b.count} · ${Math.round(b.share * 100)}%` }),
        el("span", { class: "track", "aria-hidden": "true" }, el("span", { class: "fill" })));
      li.querySelector(".fill").style.width = `${(100 * b.count) / top}%`;
      return li;
    })));
  }
  if (chart.mean !== null && chart.mean !== undefined) parts.push(el("p", { text: `Mean ${chart.mean.toFixed(1)} of 5` }));
  if (chart.words.length) parts.push(el("p", { class: "words", text: "Words used most: " + chart.words.map((w) => `${w.word} (${w.count})`).join(", ") }));
  if (chart.wall.length) parts.push(el("ul", { class: "wall" }, ...chart.wall.filter((e) => !e.hidden).map((e) => el("li", { text: e.text }))));
  return parts;
}

function tick() {
  const board = state.board;
  const clock = $("clock");
  if (!board || board.session.phase !== "open") { clock.textContent = board && board.session.phase === "closed" ? "Answering is closed" : ""; return; }
  if (!board.session.deadline) { clock.textContent = "Answering is open"; return; }
  const left = Math.ceil((Date.parse(board.session.deadline) - (Date.now() + state.offset)) / 1000);
  clock.textContent = left > 0 ? `${left} s` : "Time is up";
  clock.classList.toggle("low", left <= 5);
}
setInterval(tick, 250);

start();
