// Events: a filterable, sortable table; each row links to its event and evidence.
"use strict";

const FILTERS = [
  ["actor", "Actor code", "RUS"],
  ["recipient", "Recipient code", "UKR"],
  ["root", "CAMEO root", "19"],
  ["plover", "PLOVER type", "ASSAULT"],
  ["modality", "Modality", ""],
  ["since", "Since", "YYYY-MM-DD"],
  ["until", "Until", "YYYY-MM-DD"],
  ["text", "Words", ""],
];
const PAGE = 100;
const COLUMNS = [
  ["Date", (r) => eventDate(r)],
  ["Actor", (r) => side(r.actor)],
  ["Event", (r) => `${r.cameo.code} ${r.cameo.name}`],
  ["Recipient", (r) => side(r.recipient)],
  ["Modality", (r) => r.modality],
  ["Goldstein", (r) => r.cameo.goldstein],
  ["Place", (r) => (r.location ? r.location.name : "")],
  ["Mentions", (r) => r.num_mentions],
];

start(async () => {
  const query = new URLSearchParams(window.location.search);
  const offset = Number(query.get("offset") || 0);
  const filters = {};
  for (const [name] of FILTERS) if (query.get(name)) filters[name] = query.get(name);
  const page = await api("/api/events", { ...filters, limit: PAGE, offset });
  status("");
  const form = el(
    "form",
    { class: "filters", method: "get", action: "/events" },
    FILTERS.map(([name, label, hint]) => {
      const input =
        name === "modality"
          ? el("select", { name }, ["", "asserted", "alleged", "intended", "hypothetical", "negated"].map((m) => el("option", { value: m, selected: m === (filters[name] || "") }, m || "any")))
          : el("input", { name, value: filters[name] || "", placeholder: hint, size: 10 });
      return el("label", {}, label, input);
    }),
    el("button", { type: "submit" }, "Filter"),
  );
  const sorted = { column: 0, descending: false };
  const body = el("tbody");
  const render = () => {
    const key = COLUMNS[sorted.column][1];
    const rows = [...page.events].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return sorted.descending ? -order : order;
    });
    body.replaceChildren(
      ...rows.map((r) =>
        el(
          "tr",
          { class: `event-row quad-row-${r.cameo.quad_class}` },
          el("td", {}, eventLink(r, eventDate(r))),
          el("td", {}, side(r.actor)),
          el("td", {}, `${r.cameo.code} ${r.cameo.name}`),
          el("td", {}, side(r.recipient)),
          el("td", {}, modality(r.modality)),
          el("td", { class: "num" }, r.cameo.goldstein),
          el("td", {}, r.location ? r.location.name : ""),
          el("td", { class: "num" }, r.num_mentions),
        ),
      ),
    );
  };
  const head = el(
    "tr",
    {},
    COLUMNS.map(([label], index) =>
      el(
        "th",
        { scope: "col" },
        el(
          "button",
          {
            class: "sort",
            type: "button",
            onclick: () => {
              sorted.descending = sorted.column === index ? !sorted.descending : false;
              sorted.column = index;
              render();
            },
          },
          label,
        ),
      ),
    ),
  );
  render();
  const pager = el("p", { class: "pager" });
  if (offset > 0) pager.append(el("a", { href: href("/events", { ...filters, offset: Math.max(0, offset - PAGE) }) }, "← previous"), " ");
  pager.append(`${page.total ? offset + 1 : 0}–${offset + page.events.length} of ${page.total}`);
  if (offset + page.events.length < page.total) pager.append(" ", el("a", { href: href("/events", { ...filters, offset: offset + PAGE }) }, "next →"));
  content().append(form, pager, el("table", { class: "grid", id: "events-table" }, el("thead", {}, head), body));
});
