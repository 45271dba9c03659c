/* The timeline: stacked bars of events per day (or week, over long spans) by type.
 * Dragging across it filters every view to those dates; clicking a bar to its day/week;
 * clicking a type in the legend filters by that type. */
"use strict";
(function () {
  const K = window.khabar;
  const svgEl = document.getElementById("timeline");
  const legend = document.getElementById("type-legend");
  const W = 1000, H = 160, PAD = 18, DAY = 86400000;
  const PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
    "#666666", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#ff7f00", "#6a3d9a", "#b15928", "#17becf"];

  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const parse = (s) => Date.parse(s + "T00:00:00Z");

  function draw(data) {
    svgEl.replaceChildren();
    legend.replaceChildren();
    const rows = data.buckets;
    if (!rows.length) {
      K.svg("text", { x: W / 2, y: H / 2, class: "empty" }, svgEl).textContent = "no dated events";
      svgEl.setAttribute("data-ready", "1");
      return;
    }
    const stepDays = data.bucket === "week" ? 7 : data.bucket === "month" ? 31 : 1;
    const t0 = parse(rows[0].start);
    const t1 = parse(rows[rows.length - 1].start) + stepDays * DAY;
    const x = (t) => PAD + (t - t0) / (t1 - t0) * (W - 2 * PAD);
    const types = [...new Set(rows.map((r) => r.type))].sort();
    /* one colour per PLOVER type in every view and under every filter: the index of the
     * type in the ontology's list (the page's data-types), not among the types shown */
    const all = (document.body.dataset.types || "").split(" ");
    const colour = (t) => PALETTE[(all.includes(t) ? all.indexOf(t) : types.indexOf(t)) % PALETTE.length];
    const byStart = new Map();
    for (const r of rows) {
      if (!byStart.has(r.start)) byStart.set(r.start, []);
      byStart.get(r.start).push(r);
    }
    let max = 1;
    for (const list of byStart.values()) max = Math.max(max, list.reduce((s, r) => s + r.count, 0));
    const barW = Math.max(3, x(t0 + stepDays * DAY) - x(t0) - 1);
    for (const [start, list] of byStart) {
      let y = H - PAD;
      const g = K.svg("g", { class: "bar", "data-start": start, "data-step": stepDays }, svgEl);
      for (const r of list) {
        const h = r.count / max * (H - 2 * PAD);
        y -= h;
        K.svg("rect", { x: x(parse(start)).toFixed(2), y: y.toFixed(2), width: barW.toFixed(2),
          height: h.toFixed(2), fill: colour(r.type), "data-type": r.type, "data-count": r.count }, g);
      }
      K.svg("title", {}, g).textContent = start + ": " + list.map((r) => r.type + " " + r.count).join(", ");
    }
    K.svg("line", { x1: PAD, x2: W - PAD, y1: H - PAD, y2: H - PAD, class: "axis" }, svgEl);
    K.svg("text", { x: PAD, y: H - 4, class: "tick" }, svgEl).textContent = iso(t0);
    K.svg("text", { x: W - PAD, y: H - 4, class: "tick end" }, svgEl).textContent = iso(t1 - DAY);
    K.svg("text", { x: PAD, y: 12, class: "tick" }, svgEl).textContent = max + " events / " + data.bucket;
    for (const t of types) {
      const li = K.el("li", null, legend);
      const sw = K.el("span", null, li, "swatch");
      sw.setAttribute("data-colour", colour(t));
      const btn = K.el("button", t, li);
      btn.type = "button";
      btn.addEventListener("click", () => K.navigate({ type: t }));
      sw.appendChild(colourDot(colour(t)));
    }
    enableBrush(t0, t1, x);
    svgEl.setAttribute("data-ready", "1");
  }

  function colourDot(c) {
    const s = K.svg("svg", { width: 10, height: 10, viewBox: "0 0 10 10" });
    K.svg("rect", { width: 10, height: 10, fill: c }, s);
    return s;
  }

  function enableBrush(t0, t1, x) {
    const toX = (e) => { const r = svgEl.getBoundingClientRect(); return (e.clientX - r.left) / r.width * W; };
    const toTime = (px) => t0 + (px - PAD) / (W - 2 * PAD) * (t1 - t0);
    let start = null, brush = null, pressed = null;
    svgEl.addEventListener("pointerdown", (e) => {
      start = toX(e);
      pressed = e.target.closest ? e.target.closest(".bar") : null;
      brush = K.svg("rect", { class: "brush", x: start, y: 0, width: 0, height: H }, svgEl);
      svgEl.setPointerCapture(e.pointerId);
    });
    svgEl.addEventListener("pointermove", (e) => {
      if (start === null) return;
      const now = toX(e);
      brush.setAttribute("x", Math.min(start, now));
      brush.setAttribute("width", Math.abs(now - start));
    });
    svgEl.addEventListener("pointerup", (e) => {
      if (start === null) return;
      const end = toX(e);
      const target = pressed;
      if (Math.abs(end - start) < 4) {
        start = null; brush.remove();
        if (target) {
          const s = target.getAttribute("data-start");
          const step = Number(target.getAttribute("data-step"));
          const d = new Date(parse(s));
          const last = step === 31
            ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)
            : parse(s) + (step - 1) * DAY;
          K.navigate({ since: s, until: iso(last) });
        }
        return;
      }
      const a = Math.max(t0, toTime(Math.min(start, end)));
      const b = Math.min(t1 - DAY, toTime(Math.max(start, end)));
      start = null;
      K.navigate({ since: iso(a), until: iso(b) });
    });
  }

  async function load() {
    try {
      let data = await K.getJSON("/api/timeline?" + K.apiQuery({ bucket: "day", count: K.countUnit() }));
      const rows = data.buckets;
      const span = rows.length ? parse(rows[rows.length - 1].start) - parse(rows[0].start) : 0;
      if (span > 180 * DAY) {
        const bucket = span > 3 * 365 * DAY ? "month" : "week";
        data = await K.getJSON("/api/timeline?" + K.apiQuery({ bucket: bucket, count: K.countUnit() }));
      }
      draw(data);
    } catch (err) {
      K.showError(err);
      svgEl.setAttribute("data-ready", "error");
    }
  }
  load();
})();
