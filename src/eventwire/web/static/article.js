// Article reader: the text with actors, recipients, event triggers and evidence sentences
// highlighted; a trigger shows its event's record on click; modality is styled per kind.
// Offsets are in Unicode code points (as Python counts them), so the text is split with Array.from.
"use strict";

function spansOf(article, events) {
  const chars = Array.from(article.text || "");
  const spans = [];
  const add = (start, end, kind, record) => {
    if (Number.isInteger(start) && Number.isInteger(end) && start < end && end <= chars.length) {
      spans.push({ start, end, kind, record });
    }
  };
  for (const record of events) {
    if (record.article.id === article.id) {
      add(record.sentence.start, record.sentence.end, "evidence", record);
      add(record.trigger.start, record.trigger.end, "trigger", record);
      for (const e of record.actor) add(e.start, e.end, "actor", record);
      for (const e of record.recipient) add(e.start, e.end, "recipient", record);
      continue;
    }
    // Reported first by another article: this article's own sentence, and the trigger words in it.
    for (const m of record.mentions.filter((x) => x.article === article.id)) {
      add(m.start, m.end, "evidence", record);
      const sentence = chars.slice(m.start, m.end).join("");
      const at = sentence.indexOf(record.trigger.text);
      if (at >= 0) {
        const from = m.start + Array.from(sentence.slice(0, at)).length;
        add(from, from + Array.from(record.trigger.text).length, "trigger", record);
      }
    }
  }
  return { chars, spans };
}

function render(chars, spans, selected, show) {
  const cuts = new Set([0, chars.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const text = chars.slice(from, to).join("");
    const covering = spans.filter((s) => s.start <= from && s.end >= to);
    if (!covering.length) {
      nodes.push(document.createTextNode(text));
      continue;
    }
    const classes = new Set(["seg"]);
    let trigger = null;
    for (const s of covering) {
      classes.add(s.kind);
      if (s.kind === "trigger") {
        trigger = s.record;
        classes.add(`said-${s.record.modality}`);
      }
      if (s.kind === "evidence" && s.record.id === selected) classes.add("selected");
    }
    const attrs = { class: [...classes].join(" ") };
    if (trigger) {
      attrs.dataset = { event: trigger.id };
      attrs.title = `${trigger.cameo.code} ${trigger.cameo.name} (${trigger.modality})`;
      attrs.tabindex = "0";
      attrs.role = "button";
      attrs.onclick = () => show(trigger);
    }
    nodes.push(el("span", attrs, text));
  }
  return nodes;
}

start(async () => {
  const id = param("id");
  const selected = param("event");
  if (!id) throw new Error("no article id");
  const { article, events } = await api(`/api/articles/${encodeURIComponent(id)}`);
  status("");
  title(article.title || article.id);
  const record = el("div", { id: "event-record" }, el("p", { class: "hint" }, "Click a highlighted trigger to see its event."));
  const show = (r) => {
    record.replaceChildren(
      el("h3", {}, eventLink(r, `${r.cameo.code} ${r.cameo.name}`)),
      el("p", {}, side(r.actor), " → ", side(r.recipient), " · ", modality(r.modality), ` · Goldstein ${r.cameo.goldstein}`),
      el("pre", { class: "json" }, JSON.stringify(r, null, 2)),
    );
  };
  const meta = el(
    "p",
    { class: "meta" },
    article.published ? `Published ${article.published} · ` : "",
    `${article.outlet} · ${article.words} words · ${events.length} events`,
  );
  if (article.url && /^https?:\/\//i.test(article.url)) {
    meta.append(" · ", el("a", { href: article.url, rel: "noopener noreferrer nofollow" }, "source"));
  }
  let body;
  if (article.text === null || article.text === undefined) {
    body = el("p", { class: "empty" }, "This article was stored before texts were kept; its events are listed beside.");
  } else {
    const { chars, spans } = spansOf(article, events);
    body = el("div", { class: "article-text", id: "article-text" }, render(chars, spans, selected, show));
  }
  const legend = el(
    "p",
    { class: "legend" },
    el("span", { class: "seg actor" }, "actor"),
    " ",
    el("span", { class: "seg recipient" }, "recipient"),
    " ",
    ...["asserted", "alleged", "intended", "hypothetical", "negated"].flatMap((m) => [el("span", { class: `seg trigger said-${m}` }, m), " "]),
    el("span", { class: "seg evidence" }, "evidence"),
  );
  const list = el(
    "ol",
    { class: "article-events" },
    events.map((r) =>
      el("li", {}, el("button", { type: "button", class: "linkish", onclick: () => show(r) }, `${r.cameo.code} ${r.cameo.name}`), " ", modality(r.modality)),
    ),
  );
  content().append(meta, el("div", { class: "reader" }, el("article", {}, legend, body), el("aside", {}, section("Event", record), section("Events in this article", list))));
  if (selected) {
    const chosen = events.find((r) => r.id === selected);
    if (chosen) show(chosen);
    const first = document.querySelector(".evidence.selected");
    if (first) first.scrollIntoView({ block: "center" });
  }
});
