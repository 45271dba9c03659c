/* The event map: country outlines (static/world.json) and clustered event markers drawn
 * as SVG in an equirectangular projection; wheel or buttons zoom, drag pans. */
"use strict";
(function () {
  const K = window.khabar;
  const W = 1000, H = 500, CELL_PX = 18;
  const svgEl = document.getElementById("map");
  const gCountries = document.getElementById("countries");
  const gMarkers = document.getElementById("markers");
  const panel = document.getElementById("panel");
  let view = { x: 0, y: 0, w: W, h: H };
  let points = [];
  const outlines = new Map();  // ISO alpha-3 → the country's <path>

  function project(lat, lon) { return [(lon + 180) / 360 * W, (90 - lat) / 180 * H]; }

  function setView() {
    svgEl.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map((n) => n.toFixed(3)).join(" "));
    svgEl.setAttribute("data-zoom", (W / view.w).toFixed(3));
    drawScale();
    showLabels();
  }

  /* Place labels (static/places.json, built from the gazetteer by khabar.web.labels): each
   * is shown from its min_zoom on, at a constant on-screen size. */
  function drawLabels(data) {
    const g = document.getElementById("labels");
    for (const lb of data.labels) {
      const [x, y] = project(lb.lat, lb.lon);
      const item = K.svg("g", { class: "place", "data-name": lb.name, "data-min-zoom": lb.min_zoom,
        "data-lat": lb.lat, "data-lon": lb.lon }, g);
      K.svg("circle", { cx: x.toFixed(2), cy: y.toFixed(2), r: 1 }, item);
      K.svg("text", { x: x.toFixed(2), y: y.toFixed(2) }, item).textContent = lb.name;
    }
    showLabels();
    svgEl.setAttribute("data-labels", String(data.labels.length));
  }

  function showLabels() {
    const g = document.getElementById("labels");
    const px = svgEl.getBoundingClientRect().width;
    if (!g || !px) return;
    const zoom = W / view.w, unit = view.w / px;  // SVG units per screen pixel
    g.setAttribute("font-size", (11 * unit).toFixed(3));
    for (const item of g.children) {
      const shown = zoom >= +item.dataset.minZoom;
      item.style.display = shown ? "" : "none";
      if (!shown) continue;
      const [c, t] = item.children;
      c.setAttribute("r", (2 * unit).toFixed(3));
      t.setAttribute("dx", (4 * unit).toFixed(3));
      t.setAttribute("dy", (-3 * unit).toFixed(3));
    }
  }

  /* A scale bar for the view's centre latitude (east-west distances in an equirectangular
   * projection shrink with cos(latitude)): the longest round distance (1, 2 or 5 × 10^n km)
   * that fits in about 120 screen pixels. */
  function drawScale() {
    const bar = document.getElementById("scale-bar"), text = document.getElementById("scale-text");
    const px = svgEl.getBoundingClientRect().width;
    if (!bar || !px) return;
    const lat = Math.max(-85, Math.min(85, 90 - (view.y + view.h / 2) / H * 180));
    const kmPerUnit = 360 / W * 111.32 * Math.cos(lat * Math.PI / 180);
    const kmPerPx = kmPerUnit * view.w / px;
    const target = 120 * kmPerPx;
    const base = Math.pow(10, Math.floor(Math.log10(target)));
    const km = [5, 2, 1].map((m) => m * base).find((v) => v <= target) || base;
    bar.style.width = (km / kmPerPx).toFixed(1) + "px";
    text.textContent = km >= 1 ? km.toLocaleString("en") + " km" : Math.round(km * 1000) + " m";
    svgEl.setAttribute("data-scale-km", String(km));
    svgEl.setAttribute("data-scale-px", (km / kmPerPx).toFixed(1));
  }

  function drawCountries(geo) {
    for (const f of geo.features) {
      let d = "";
      for (const poly of f.geometry.coordinates) {
        for (const ring of poly) {
          d += "M" + ring.map(([lon, lat]) => project(lat, lon).map((n) => n.toFixed(1)).join(",")).join("L") + "Z";
        }
      }
      const path = K.svg("path", { d: d, class: "country", "data-iso": f.id || "" }, gCountries);
      K.svg("title", {}, path).textContent = (f.properties && f.properties.name) || "";
      if (f.id) outlines.set(f.id, path);
    }
  }

  function label(p) {
    return p.type + (p.date ? " · " + p.date : "") + (p.place ? " · " + p.place : "");
  }

  function openPanel(pts) {
    document.getElementById("panel-title").textContent =
      pts.length === 1 ? "1 event" : pts.length + " events here";
    const list = document.getElementById("panel-list");
    list.replaceChildren();
    for (const p of pts.slice(0, 200)) {
      const li = K.el("li", null, list, "fact-" + p.factuality);
      const a = K.el("a", p.type, li);
      a.href = p.article_id
        ? "/articles/" + encodeURIComponent(p.article_id) + "?event=" + encodeURIComponent(p.id) + "#event-" + encodeURIComponent(p.id)
        : "/events/" + encodeURIComponent(p.id);
      a.className = "event-link";
      K.el("span", " " + [p.date || "undated", p.place || "", p.factuality].filter(Boolean).join(" · ") + " ", li);
      const more = K.el("a", "details & sources", li);
      more.href = "/events/" + encodeURIComponent(p.id);
      more.className = "event-details";
    }
    if (pts.length > 200) K.el("li", "… and " + (pts.length - 200) + " more", list);
    panel.hidden = false;
  }

  /* Group markers that fall in the same CELL_PX screen cell at the current zoom. */
  /* Places known only to the country are no points: their country is shaded (colour of
   * the commonest quad class) and a click lists its events. */
  function drawAreas() {
    for (const path of outlines.values()) {
      path.setAttribute("class", "country");
      path.removeAttribute("data-count");
    }
    const byCountry = new Map();
    for (const p of points) {
      if (p.precision === "country" && p.country && outlines.has(p.country)) {
        if (!byCountry.has(p.country)) byCountry.set(p.country, []);
        byCountry.get(p.country).push(p);
      }
    }
    for (const [iso, pts] of byCountry) {
      const path = outlines.get(iso);
      const counts = {};
      for (const p of pts) { const q = (p.quad_class || "NONE").toUpperCase(); counts[q] = (counts[q] || 0) + 1; }
      const quad = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
      path.setAttribute("class", "country area q-" + quad);
      path.setAttribute("data-count", pts.length);
      path.querySelector("title").textContent = path.querySelector("title").textContent.split(" (")[0] +
        " (" + pts.length + " events placed only in the country)";
      path.onclick = (e) => { e.stopPropagation(); openPanel(pts); };
    }
    return byCountry;
  }

  function drawMarkers() {
    gMarkers.replaceChildren();
    const areas = drawAreas();
    const k = W / view.w;
    const cell = CELL_PX / k;
    const groups = new Map();
    for (const p of points) {
      if (p.precision === "country" && areas.has(p.country)) continue;
      const [x, y] = project(p.lat, p.lon);
      const key = Math.floor(x / cell) + ":" + Math.floor(y / cell);
      let g = groups.get(key);
      if (!g) { g = { pts: [], x: 0, y: 0 }; groups.set(key, g); }
      g.pts.push(p); g.x += x; g.y += y;
    }
    for (const g of groups.values()) {
      const n = g.pts.length;
      const cx = g.x / n, cy = g.y / n;
      const counts = {};
      for (const p of g.pts) {
        const q = (p.quad_class || "NONE").toUpperCase();
        counts[q] = (counts[q] || 0) + 1;
      }
      const quad = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
      const broad = g.pts.every((p) => p.precision === "admin1" || p.precision === "country");
      const r = (broad ? 14 : n === 1 ? 4 : 6 + 2.5 * Math.log2(n)) / k;
      const grp = K.svg("g", { class: "marker q-" + quad + (broad ? " broad" : ""), "data-count": n, tabindex: 0, role: "button" }, gMarkers);
      if (n === 1) {
        grp.setAttribute("data-id", g.pts[0].id);
        grp.setAttribute("data-lat", g.pts[0].lat);
        grp.setAttribute("data-lon", g.pts[0].lon);
        grp.setAttribute("data-type", g.pts[0].type);
      }
      K.svg("circle", { cx: cx.toFixed(3), cy: cy.toFixed(3), r: r.toFixed(3) }, grp);
      if (n > 1) {
        K.svg("text", { x: cx.toFixed(3), y: (cy + 3.5 / k).toFixed(3), "font-size": (10 / k).toFixed(3) }, grp)
          .textContent = String(n);
      }
      K.svg("title", {}, grp).textContent = n === 1 ? label(g.pts[0]) : n + " events";
      grp.addEventListener("click", (e) => { e.stopPropagation(); openPanel(g.pts); });
      grp.addEventListener("keydown", (e) => { if (e.key === "Enter") openPanel(g.pts); });
    }
  }

  function svgPoint(clientX, clientY) {
    const m = svgEl.getScreenCTM().inverse();
    const pt = new DOMPoint(clientX, clientY).matrixTransform(m);
    return [pt.x, pt.y];
  }

  let redraw = null;
  function zoom(factor, cx, cy) {
    const w = Math.min(W * 1.5, Math.max(W / 64, view.w / factor));
    const f = view.w / w;
    view = { x: cx - (cx - view.x) / f, y: cy - (cy - view.y) / f, w: w, h: w * H / W };
    setView();
    clearTimeout(redraw);
    redraw = setTimeout(drawMarkers, 60);
  }

  svgEl.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x, y] = svgPoint(e.clientX, e.clientY);
    zoom(e.deltaY < 0 ? 1.4 : 1 / 1.4, x, y);
  }, { passive: false });

  let drag = null;
  svgEl.addEventListener("pointerdown", (e) => {
    if (e.target.closest(".marker")) return;
    drag = { start: svgPoint(e.clientX, e.clientY), view: { ...view } };
    svgEl.setPointerCapture(e.pointerId);
  });
  svgEl.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const [x, y] = svgPoint(e.clientX, e.clientY);
    view.x -= x - drag.start[0];
    view.y -= y - drag.start[1];
    setView();
  });
  svgEl.addEventListener("pointerup", () => { drag = null; });

  const centre = () => [view.x + view.w / 2, view.y + view.h / 2];
  document.getElementById("zoom-in").addEventListener("click", () => zoom(2, ...centre()));
  document.getElementById("zoom-out").addEventListener("click", () => zoom(0.5, ...centre()));
  document.getElementById("zoom-reset").addEventListener("click", () => {
    view = { x: 0, y: 0, w: W, h: H }; setView(); drawMarkers();
  });
  document.getElementById("panel-close").addEventListener("click", () => { panel.hidden = true; });

  async function load() {
    const status = document.getElementById("map-status");
    try {
      const [geo, data, all] = await Promise.all([
        K.getJSON("/static/world.json"),
        K.getJSON("/api/map?" + K.apiQuery()),
        K.getJSON("/api/events?" + K.apiQuery({ limit: 1 })),
      ]);
      drawCountries(geo);
      K.getJSON("/static/places.json").then(drawLabels).catch(() => {});  // labels are optional
      points = data.points;
      drawMarkers();
      status.textContent = data.total + " of " + all.total + " matching events have a place on the map" +
        (data.truncated ? " (the newest " + data.points.length + " are drawn; narrow the filters to see the rest)" : "");
      svgEl.setAttribute("data-ready", "1");
    } catch (err) {
      status.textContent = "";
      K.showError(err);
      svgEl.setAttribute("data-ready", "error");
    }
  }

  window.addEventListener("resize", () => { drawScale(); showLabels(); });
  window.khabarMap = { project: project };
  setView();
  load();
})();
