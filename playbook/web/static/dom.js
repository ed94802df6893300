// What the pages share: an element by id, an element made with its properties and children
// (text goes in as textContent, never as HTML), and a JSON call to the server.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// A JSON request (POST when there is a body), with the participant's or seat's token if any.
// A refusal throws an Error with the server's message, its JSON as .data and .status.
async function api(path, body, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = "Bearer " + token;
  const reply = await fetch(path, { method: body ? "POST" : "GET", headers,
    body: body ? JSON.stringify(body) : undefined });
  let data = {};
  try { data = await reply.json(); } catch { data = { error: "The server sent something unexpected." }; }
  if (!reply.ok) {
    const problem = new Error(data.error || reply.statusText);
    problem.data = data; problem.status = reply.status;
    throw problem;
  }
  return data;
}
