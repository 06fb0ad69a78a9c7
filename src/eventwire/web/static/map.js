// Map of event locations over country outlines. The outlines come from /api/geo/world (GeoJSON
// read from the installed countryinfo package; nothing from a CDN) and are drawn as plain line
// traces on a longitude/latitude plane. Places are sized by events and coloured by mean Goldstein;
// a place known only by its country sits at that country's representative point. All places are
// listed below the map.
"use strict";

// One line trace for every ring of every country: rings separated by nulls, filled as land.
function outlineTrace(world) {
  const x = [];
  const y = [];
  for (const feature of world.features) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          x.push(lon);
          y.push(lat);
        }
        x.push(null);
        y.push(null);
      }
    }
  }
  return {
    type: "scatter",
    mode: "lines",
    name: "countries",
    x,
    y,
    fill: "toself",
    fillcolor: "#eef1f5",
    line: { color: "#9aa5b4", width: 0.7 },
    hoverinfo: "skip",
    connectgaps: false,
  };
}

// Where to draw a place: its own coordinates, else its country's representative point.
function placePoint(place, countries) {
  if (place.lat !== null && place.lon !== null) return { lat: place.lat, lon: place.lon, approximate: false };
  const country = place.country && countries.get(place.country);
  if (country && country.lat !== null && country.lon !== null) {
    return { lat: country.lat, lon: country.lon, approximate: true };
  }
  return null;
}

start(async () => {
  const [{ places }, world] = await Promise.all([api("/api/places"), api("/api/geo/world")]);
  status("");
  const countries = new Map(world.features.map((f) => [f.id, f.properties]));
  const shown = places.map((p) => ({ place: p, point: placePoint(p, countries) })).filter((s) => s.point !== null);
  const chart = chartBox("map");
  chart.classList.add("tall");
  const rows = places.map((p) =>
    el(
      "tr",
      { class: "place-row" },
      el("td", {}, p.name),
      el("td", {}, p.country ? (countries.get(p.country) || { name: p.country }).name : ""),
      el("td", { class: "num" }, p.lat === null ? "" : p.lat.toFixed(2)),
      el("td", { class: "num" }, p.lon === null ? "" : p.lon.toFixed(2)),
      el("td", { class: "num" }, p.events),
      el("td", { class: "num" }, p.mean_goldstein.toFixed(2)),
    ),
  );
  content().append(
    section(`${shown.length} places on the map`, chart),
    section("All places", rows.length ? table(["Place", "Country", "Lat", "Lon", "Events", "Mean Goldstein"], rows) : el("p", { class: "empty" }, "No places yet.")),
  );
  const hover = ({ place, point }) => {
    const country = place.country ? (countries.get(place.country) || { name: place.country }).name : "?";
    const where = point.approximate ? "<br>(country only: drawn at its centre)" : "";
    const events = place.events === 1 ? "1 event" : `${place.events} events`;
    return `<b>${plain(place.name)}</b> (${plain(country)})<br>${events}, mean Goldstein ${place.mean_goldstein.toFixed(2)}${where}`;
  };
  const points = {
    type: "scatter",
    mode: "markers+text",
    name: "places",
    x: shown.map((s) => s.point.lon),
    y: shown.map((s) => s.point.lat),
    text: shown.map((s) => plain(s.place.name)),
    textposition: "top center",
    hovertext: shown.map(hover),
    hoverinfo: "text",
    marker: {
      size: shown.map((s) => 8 + Math.sqrt(s.place.events) * 6),
      symbol: shown.map((s) => (s.point.approximate ? "diamond" : "circle")),
      color: shown.map((s) => s.place.mean_goldstein),
      cmin: -10,
      cmax: 10,
      colorscale: [[0, "#cb181d"], [0.5, "#f7f7f7"], [1, "#238b45"]],
      colorbar: { title: { text: "Goldstein" } },
      line: { color: "#333", width: 1 },
    },
  };
  const axis = { showgrid: true, gridcolor: "#e3e7ee", zeroline: false, dtick: 30 };
  Plotly.newPlot(
    chart,
    [outlineTrace(world), points],
    {
      ...CHART_LAYOUT,
      showlegend: false,
      hovermode: "closest",
      plot_bgcolor: "#f8fbff",
      xaxis: { ...axis, range: [-180, 180], title: { text: "longitude" } },
      yaxis: { ...axis, range: [-90, 90], title: { text: "latitude" }, scaleanchor: "x" },
    },
    CHART_CONFIG,
  );
});
