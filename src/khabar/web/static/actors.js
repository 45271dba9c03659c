/* The actor graph: the most active actors on a circle, an arrow from actor to recipient
 * for each pair, its width growing with the number of events. */
"use strict";
(function () {
  const K = window.khabar;
  const svgEl = document.getElementById("graph");
  const gEdges = document.getElementById("edges");
  const gNodes = document.getElementById("nodes");
  const CX = 500, CY = 380, R = 300;

  function draw(data) {
    const totals = new Map(data.actors.map((a) => [a.name, a.total]));
    /* actors with an edge, in name order (the same actor sits at the same place whatever
     * the counts); actors without one only with ?isolated=1 */
    const names = [];
    for (const d of data.dyads) for (const n of [d.actor, d.recipient]) if (!names.includes(n)) names.push(n);
    if (new URLSearchParams(location.search).get("isolated") === "1") {
      for (const a of data.actors) if (names.length < 40 && !names.includes(a.name)) names.push(a.name);
    }
    names.sort((a, b) => a.localeCompare(b));
    const hidden = data.actors.filter((a) => !names.includes(a.name)).length;
    const note = document.getElementById("graph-hidden");
    if (note) note.textContent = hidden ? hidden + " actors without a pair are hidden" : "";
    const pos = new Map();
    names.forEach((n, i) => {
      const t = 2 * Math.PI * i / Math.max(1, names.length) - Math.PI / 2;
      pos.set(n, [CX + R * Math.cos(t), CY + R * Math.sin(t), t]);
    });
    const radius = (n) => 5 + 2.5 * Math.sqrt(totals.get(n) || 1);
    const maxCount = Math.max(1, ...data.dyads.map((d) => d.count));
    for (const d of data.dyads) {
      if (d.actor === d.recipient) continue;
      const [x1, y1] = pos.get(d.actor), [x2, y2] = pos.get(d.recipient);
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const ra = radius(d.actor), rb = radius(d.recipient) + 2;
      const line = K.svg("line", {
        x1: (x1 + (x2 - x1) * ra / len).toFixed(1), y1: (y1 + (y2 - y1) * ra / len).toFixed(1),
        x2: (x2 - (x2 - x1) * rb / len).toFixed(1), y2: (y2 - (y2 - y1) * rb / len).toFixed(1),
        "stroke-width": (1 + 7 * d.count / maxCount).toFixed(2), "marker-end": "url(#arrow)",
        class: "edge q-" + (d.quad_class || "NONE").toUpperCase(), "data-quad": d.quad_class || "",
        "data-actor": d.actor, "data-recipient": d.recipient, "data-count": d.count,
      }, gEdges);
      K.svg("title", {}, line).textContent = d.actor + " → " + d.recipient + ": " + d.count + " events"
        + (d.quad_class ? " (mostly " + d.quad_class.replace("_", " ") + ")" : "");
    }
    for (const n of names) {
      const [x, y, t] = pos.get(n);
      const g = K.svg("g", { class: "node", tabindex: 0, role: "link", "data-name": n }, gNodes);
      K.svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: radius(n).toFixed(1) }, g);
      const right = Math.cos(t) >= 0;
      K.svg("text", {
        x: (x + (right ? 1 : -1) * (radius(n) + 4)).toFixed(1), y: (y + 4).toFixed(1),
        class: right ? "label" : "label end",
      }, g).textContent = n;
      K.svg("title", {}, g).textContent = n + ": " + (totals.get(n) || 0) + " events";
      const go = () => K.navigate({ actor: n }, "/");
      g.addEventListener("click", go);
      g.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
    }
    const body = document.getElementById("dyads");
    for (const d of data.dyads) {
      const tr = K.el("tr", null, body);
      K.el("td", d.actor, tr); K.el("td", d.recipient, tr); K.el("td", d.count, tr);
    }
    svgEl.setAttribute("data-ready", "1");
  }

  K.getJSON("/api/actors?" + K.apiQuery({ top: 40, count: K.countUnit() })).then(draw).catch((err) => {
    K.showError(err);
    svgEl.setAttribute("data-ready", "error");
  });
})();
