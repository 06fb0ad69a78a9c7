// Actor network: who acts on whom; edges coloured by cooperation (green) or conflict (red).
"use strict";

start(async () => {
  const { nodes, edges } = await api("/api/network", { limit: 60 });
  status("");
  const chart = chartBox("network");
  chart.classList.add("tall");
  const rows = edges.map((e) =>
    el(
      "tr",
      { class: "edge-row" },
      el("td", {}, el("a", { href: href("/dyad", { a: e.actor, b: e.recipient }) }, `${e.actor} → ${e.recipient}`)),
      el("td", { class: "num" }, e.events),
      el("td", { class: "num coop" }, e.cooperative),
      el("td", { class: "num conflict" }, e.conflictual),
      el("td", { class: "num" }, e.mean_goldstein.toFixed(2)),
    ),
  );
  content().append(
    section("Who acts on whom", el("p", { class: "legend" }, el("span", { class: "swatch coop" }, "cooperation"), " ", el("span", { class: "swatch conflict" }, "conflict"), " · width: events · arrows point to the recipient"), chart),
    section("Edges", rows.length ? table(["Dyad", "Events", "Cooperative", "Conflictual", "Mean Goldstein"], rows) : el("p", { class: "empty" }, "No dyads yet.")),
  );
  if (!nodes.length) return;
  const position = new Map();
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    position.set(n.code, [Math.cos(angle), Math.sin(angle)]);
  });
  const most = Math.max(...edges.map((e) => e.events));
  const annotations = edges.map((e) => {
    const [x0, y0] = position.get(e.actor);
    const [x1, y1] = position.get(e.recipient);
    const cooperative = e.cooperative >= e.conflictual;
    return {
      x: x1, y: y1, ax: x0, ay: y0, xref: "x", yref: "y", axref: "x", ayref: "y",
      showarrow: true, arrowhead: 2, arrowsize: 1, standoff: 10, startstandoff: 10,
      arrowwidth: 1 + (4 * e.events) / most, arrowcolor: cooperative ? "rgba(35,139,69,0.7)" : "rgba(203,24,29,0.7)",
      text: "",
    };
  });
  const trace = {
    type: "scatter",
    mode: "markers+text",
    x: nodes.map((n) => position.get(n.code)[0]),
    y: nodes.map((n) => position.get(n.code)[1]),
    text: nodes.map((n) => plain(n.code)),
    textposition: "top center",
    hovertext: nodes.map((n) => plain(`${n.code}: acts in ${n.as_actor}, receives ${n.as_recipient}`)),
    hoverinfo: "text",
    marker: { size: nodes.map((n) => 10 + Math.sqrt(n.as_actor + n.as_recipient) * 3), color: "#4c6ef5" },
  };
  const axis = { visible: false, range: [-1.3, 1.3] };
  Plotly.newPlot(chart, [trace], { ...CHART_LAYOUT, showlegend: false, xaxis: axis, yaxis: { ...axis, scaleanchor: "x" }, annotations }, CHART_CONFIG);
});
