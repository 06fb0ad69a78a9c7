// Helpers shared by the dashboard pages. Data from the API only ever becomes text nodes
// (never innerHTML), so article text such as "<script>" shows as text and does not run.
"use strict";

const QUADS = {
  1: { name: "Verbal cooperation", color: "#74c476" },
  2: { name: "Material cooperation", color: "#238b45" },
  3: { name: "Verbal conflict", color: "#fd8d3c" },
  4: { name: "Material conflict", color: "#cb181d" },
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function param(name) {
  return new URLSearchParams(window.location.search).get(name);
}

function href(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

async function api(path, params) {
  const response = await fetch(href(path, params), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (error) {
    body = null;
  }
  if (!response.ok) {
    throw new Error((body && body.error) || `HTTP ${response.status}`);
  }
  return body;
}

function status(text) {
  const node = document.getElementById("status");
  node.textContent = text || "";
  node.hidden = !text;
}

function fail(error) {
  const node = document.getElementById("status");
  node.hidden = false;
  node.className = "status error";
  node.textContent = `Could not load: ${error.message}`;
}

function content() {
  return document.getElementById("content");
}

function title(text) {
  document.getElementById("title").textContent = text;
  document.title = `${text} · eventwire`;
}

// Plotly reads a few HTML-like tags in labels; escape data before it reaches a chart.
function plain(value) {
  return String(value ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function side(entities) {
  if (!entities || !entities.length) return "—";
  return entities.map((e) => (e.cameo || e.country || e.org ? `${e.name} (${e.cameo || e.country || e.org})` : e.name)).join(", ");
}

function modality(value) {
  return el("span", { class: `modality modality-${value}`, title: `modality: ${value}` }, value);
}

function quadLabel(quad) {
  return el("span", { class: `quad quad-${quad}` }, QUADS[quad] ? QUADS[quad].name : String(quad));
}

function eventDate(record) {
  return (record.date && record.date.value) || (record.article && record.article.published) || "undated";
}

function eventLink(record, text) {
  return el("a", { href: href("/event", { id: record.id }), class: "event-link" }, text);
}

function articleLink(id, text, eventId) {
  return el("a", { href: href("/article", { id, event: eventId }), class: "article-link" }, text);
}

function table(columns, rows) {
  const head = el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c)));
  return el("table", { class: "grid" }, el("thead", {}, head), el("tbody", {}, rows));
}

function section(heading, ...children) {
  return el("section", { class: "panel" }, el("h2", {}, heading), ...children);
}

function chartBox(id) {
  return el("div", { id, class: "chart" });
}

const CHART_LAYOUT = {
  margin: { l: 50, r: 20, t: 20, b: 40 },
  paper_bgcolor: "#ffffff",
  plot_bgcolor: "#ffffff",
  font: { family: "system-ui, sans-serif", size: 12 },
  legend: { orientation: "h", y: -0.2 },
};

// A date axis with a tick per period when the periods span two years or less.
function timeAxis(by, periods) {
  const sorted = [...periods].sort();
  const days = sorted.length ? (Date.parse(sorted[sorted.length - 1]) - Date.parse(sorted[0])) / 86400000 : 0;
  if (days > (by === "week" ? 26 * 7 : 730)) return { type: "date" };
  return by === "week"
    ? { type: "date", tickformat: "%d %b %Y", dtick: 7 * 86400000 }
    : { type: "date", tickformat: "%b %Y", dtick: "M1" };
}

function noData(node, text) {
  node.replaceChildren(el("p", { class: "empty" }, text));
  node.classList.add("blank");
}

const CHART_CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage"] };

function markCurrentNav() {
  const page = document.body.dataset.page;
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === page) link.setAttribute("aria-current", "page");
  }
}

function start(run) {
  markCurrentNav();
  run().then(
    () => {
      document.body.dataset.ready = "true";
    },
    (error) => {
      fail(error);
      document.body.dataset.ready = "error";
    },
  );
}
