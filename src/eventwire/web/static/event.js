// Event: one stored event's record, its mentions, and links to the evidence in each article.
"use strict";

function field(label, ...value) {
  return [el("dt", {}, label), el("dd", {}, ...value)];
}

start(async () => {
  const id = param("id");
  if (!id) throw new Error("no event id");
  const r = await api(`/api/events/${encodeURIComponent(id)}`);
  status("");
  title(`${r.cameo.code} ${r.cameo.name}`);
  const place = r.location ? `${r.location.name}${r.location.country ? ` (${r.location.country})` : ""}` : "—";
  const summary = el(
    "dl",
    { class: "record", id: "event-summary" },
    field("Actor", side(r.actor)),
    field("Event", `${r.cameo.code} ${r.cameo.name}`),
    field("Recipient", side(r.recipient)),
    field("Quad class", quadLabel(r.cameo.quad_class)),
    field("Goldstein", String(r.cameo.goldstein)),
    field("PLOVER", `${r.plover.event}${r.plover.mode ? ` (${r.plover.mode})` : ""}`),
    field("Modality", modality(r.modality)),
    field("Claimed by", r.attribution ? r.attribution.name : "—"),
    field("Date", `${eventDate(r)}${r.date.text ? ` (“${r.date.text}”)` : ""}`),
    field("Place", place),
    field("Confidence", r.confidence.toFixed(2)),
    field("Reports", `${r.num_mentions} mentions in ${r.num_articles} articles from ${r.num_sources} sources`),
  );
  const evidence = el("blockquote", { class: "evidence", id: "event-sentence" }, r.sentence.text);
  const mentions = r.mentions.map((m) =>
    el(
      "li",
      { class: "mention" },
      articleLink(m.article, m.article === r.article.id && r.article.title ? r.article.title : m.article, r.id),
      " — sentence ",
      String(m.sentence + 1),
      ", ",
      modality(m.modality),
      `, confidence ${m.confidence.toFixed(2)}`,
    ),
  );
  content().append(
    section("Record", summary),
    section("Evidence", evidence, el("p", {}, articleLink(r.article.id, "Read it in the article", r.id))),
    section("Mentions", el("ul", { class: "mentions" }, mentions)),
    section("JSON record", el("pre", { class: "json" }, JSON.stringify(r, null, 2))),
  );
});
