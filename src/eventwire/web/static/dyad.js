// Dyad: counts by quad class and mean Goldstein over time, A→B and B→A, with the events behind
// each point (click a bar) and every event of the dyad below.
"use strict";

function periodEnd(start, by) {
  const day = new Date(`${start}T00:00:00Z`);
  if (by === "week") day.setUTCDate(day.getUTCDate() + 6);
  else day.setUTCMonth(day.getUTCMonth() + 1, 0);
  return day.toISOString().slice(0, 10);
}

function meanGoldstein(counts) {
  const totals = new Map();
  for (const c of counts) {
    const t = totals.get(c.period) || { n: 0, sum: 0 };
    t.n += c.events;
    t.sum += c.mean_goldstein * c.events;
    totals.set(c.period, t);
  }
  const periods = [...totals.keys()].sort();
  return { x: periods, y: periods.map((p) => totals.get(p).sum / totals.get(p).n) };
}

function eventRows(records) {
  return records.map((r) =>
    el(
      "tr",
      { class: `event-row quad-row-${r.cameo.quad_class}` },
      el("td", {}, eventLink(r, eventDate(r))),
      el("td", {}, side(r.actor)),
      el("td", {}, `${r.cameo.code} ${r.cameo.name}`),
      el("td", {}, side(r.recipient)),
      el("td", {}, quadLabel(r.cameo.quad_class)),
      el("td", {}, modality(r.modality)),
      el("td", { class: "num" }, r.cameo.goldstein),
    ),
  );
}

const EVENT_COLUMNS = ["Date", "Actor", "Event", "Recipient", "Quad class", "Modality", "Goldstein"];

start(async () => {
  const a = (param("a") || "").trim().toUpperCase();
  const b = (param("b") || "").trim().toUpperCase();
  const by = param("by") === "week" ? "week" : "month";
  if (!a || !b) throw new Error("name both sides: /dyad?a=RUS&b=UKR");
  title(`${a} ↔ ${b}`);
  const [dyad, forward, backward] = await Promise.all([
    api("/api/dyad", { a, b, by }),
    api("/api/events", { actor: a, recipient: b, limit: 500 }),
    api("/api/events", { actor: b, recipient: a, limit: 500 }),
  ]);
  status("");
  const picked = el("div", { id: "point-events" }, el("p", { class: "hint" }, "Click a bar to list the events behind it."));
  const switcher = el(
    "p",
    { class: "switch" },
    "Per ",
    by === "month" ? el("strong", {}, "month") : el("a", { href: href("/dyad", { a, b, by: "month" }) }, "month"),
    " · ",
    by === "week" ? el("strong", {}, "week") : el("a", { href: href("/dyad", { a, b, by: "week" }) }, "week"),
    " · ",
    el("a", { href: href("/dyad", { a: b, b: a, by }) }, "swap sides"),
  );
  const all = [...forward.events, ...backward.events].sort((x, y) => eventDate(x).localeCompare(eventDate(y)));
  content().append(
    switcher,
    el(
      "div",
      { class: "columns" },
      section(`${a} → ${b}`, el("p", { class: "counts" }, `${forward.total} events`), chartBox("chart-forward")),
      section(`${b} → ${a}`, el("p", { class: "counts" }, `${backward.total} events`), chartBox("chart-backward")),
    ),
    section("Events behind the point", picked),
    section(
      `All events between ${a} and ${b}`,
      all.length ? table(EVENT_COLUMNS, eventRows(all)) : el("p", { class: "empty" }, "No events between them."),
    ),
  );
  const draw = (id, counts, actor, recipient) => {
    const node = document.getElementById(id);
    if (!counts.length) return noData(node, `No dated events of ${actor} towards ${recipient}.`);
    const traces = [1, 2, 3, 4].map((quad) => {
      const rows = counts.filter((c) => c.quad_class === quad);
      return {
        type: "bar",
        name: QUADS[quad].name,
        marker: { color: QUADS[quad].color },
        x: rows.map((r) => r.period),
        y: rows.map((r) => r.events),
        customdata: rows.map(() => quad),
      };
    });
    const mean = meanGoldstein(counts);
    traces.push({ type: "scatter", mode: "lines+markers", name: "Mean Goldstein", x: mean.x, y: mean.y, yaxis: "y2", line: { color: "#333" } });
    const layout = {
      ...CHART_LAYOUT,
      barmode: "stack",
      xaxis: timeAxis(by, counts.map((c) => c.period)),
      yaxis: { title: { text: "events" } },
      yaxis2: { title: { text: "Goldstein" }, overlaying: "y", side: "right", range: [-10, 10], dtick: 5, showgrid: false },
    };
    Plotly.newPlot(node, traces, layout, CHART_CONFIG);
    node.on("plotly_click", async (data) => {
      const point = data.points[0];
      const start = point.x;
      const quad = point.customdata;
      const found = await api("/api/events", { actor, recipient, since: start, until: periodEnd(start, by), limit: 500 });
      const rows = found.events.filter((r) => quad === undefined || r.cameo.quad_class === quad);
      picked.replaceChildren(
        el("p", {}, `${actor} → ${recipient}, ${by} of ${start}${quad ? `, ${QUADS[quad].name}` : ""}: ${rows.length} events`),
        table(EVENT_COLUMNS, eventRows(rows)),
      );
    });
  };
  draw("chart-forward", dyad.forward, a, b);
  draw("chart-backward", dyad.backward, b, a);
});
