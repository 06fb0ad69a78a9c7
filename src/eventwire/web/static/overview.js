// Overview: events over time by quad class, the most active dyads, the latest articles.
"use strict";

start(async () => {
  const [stats, timeline, dyads, articles] = await Promise.all([
    api("/api/stats"),
    api("/api/timeline", { by: "month" }),
    api("/api/dyads", { limit: 15 }),
    api("/api/articles", { limit: 10 }),
  ]);
  status("");
  const counts = el(
    "p",
    { class: "counts", id: "counts" },
    `${stats.articles} articles · ${stats.events} events · ${stats.mentions} mentions · ${stats.quarantined} quarantined`,
  );
  const chart = chartBox("timeline");
  const dyadRows = dyads.dyads.map((d) =>
    el(
      "tr",
      { class: "dyad-row" },
      el("td", {}, el("a", { href: href("/dyad", { a: d.actor, b: d.recipient }), class: "dyad-link" }, `${d.actor} → ${d.recipient}`)),
      el("td", { class: "num" }, d.events),
      el("td", { class: "num coop" }, d.cooperative),
      el("td", { class: "num conflict" }, d.conflictual),
      el("td", { class: "num" }, d.mean_goldstein.toFixed(2)),
    ),
  );
  const articleRows = articles.articles.map((a) =>
    el(
      "tr",
      { class: "article-row" },
      el("td", {}, a.published || ""),
      el("td", {}, articleLink(a.id, a.title || a.id)),
      el("td", {}, a.outlet),
      el("td", { class: "num" }, a.events),
    ),
  );
  content().append(
    counts,
    section("Events over time by quad class", chart),
    el(
      "div",
      { class: "columns" },
      section(
        "Most active dyads",
        dyadRows.length
          ? table(["Dyad", "Events", "Cooperative", "Conflictual", "Mean Goldstein"], dyadRows)
          : el("p", { class: "empty" }, "No dyads yet."),
      ),
      section(
        "Latest articles",
        articleRows.length ? table(["Published", "Title", "Outlet", "Events"], articleRows) : el("p", { class: "empty" }, "No articles yet."),
      ),
    ),
  );
  const traces = [1, 2, 3, 4].map((quad) => {
    const rows = timeline.counts.filter((c) => c.quad_class === quad);
    return {
      type: "bar",
      name: QUADS[quad].name,
      marker: { color: QUADS[quad].color },
      x: rows.map((r) => r.period),
      y: rows.map((r) => r.events),
    };
  });
  if (!timeline.counts.length) return noData(chart, "No dated events yet.");
  const xaxis = timeAxis("month", timeline.counts.map((c) => c.period));
  Plotly.newPlot(chart, traces, { ...CHART_LAYOUT, barmode: "stack", xaxis, yaxis: { title: { text: "events" } } }, CHART_CONFIG);
});
