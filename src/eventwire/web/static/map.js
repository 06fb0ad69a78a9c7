// Map of event locations: places with coordinates on a longitude/latitude plane (no tiles or
// topojson to fetch), sized by events and coloured by mean Goldstein; all places listed below.
"use strict";

start(async () => {
  const { places } = await api("/api/places");
  status("");
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  const chart = chartBox("map");
  chart.classList.add("tall");
  const rows = places.map((p) =>
    el(
      "tr",
      { class: "place-row" },
      el("td", {}, p.name),
      el("td", {}, p.country || ""),
      el("td", { class: "num" }, p.lat === null ? "" : p.lat.toFixed(2)),
      el("td", { class: "num" }, p.lon === null ? "" : p.lon.toFixed(2)),
      el("td", { class: "num" }, p.events),
      el("td", { class: "num" }, p.mean_goldstein.toFixed(2)),
    ),
  );
  content().append(
    section(`${located.length} places with coordinates`, chart),
    section("All places", rows.length ? table(["Place", "Country", "Lat", "Lon", "Events", "Mean Goldstein"], rows) : el("p", { class: "empty" }, "No places yet.")),
  );
  const trace = {
    type: "scatter",
    mode: "markers+text",
    x: located.map((p) => p.lon),
    y: located.map((p) => p.lat),
    text: located.map((p) => plain(p.name)),
    textposition: "top center",
    hovertext: located.map((p) => plain(`${p.name} (${p.country || "?"}): ${p.events} events, mean Goldstein ${p.mean_goldstein.toFixed(2)}`)),
    hoverinfo: "text",
    marker: {
      size: located.map((p) => 8 + Math.sqrt(p.events) * 6),
      color: located.map((p) => p.mean_goldstein),
      cmin: -10,
      cmax: 10,
      colorscale: [[0, "#cb181d"], [0.5, "#f1f3f5"], [1, "#238b45"]],
      colorbar: { title: { text: "Goldstein" } },
      line: { color: "#333", width: 1 },
    },
  };
  const grid = { showgrid: true, gridcolor: "#e3e7ee", zeroline: true, zerolinecolor: "#b8c0cc" };
  Plotly.newPlot(
    chart,
    [trace],
    {
      ...CHART_LAYOUT,
      showlegend: false,
      xaxis: { ...grid, range: [-180, 180], dtick: 30, title: { text: "longitude" } },
      yaxis: { ...grid, range: [-90, 90], dtick: 30, title: { text: "latitude" }, scaleanchor: "x" },
    },
    CHART_CONFIG,
  );
});
