/* khabar UI helpers shared by every page. Plain JS, no dependencies.
 * Rule: text from the database reaches the page only through textContent or
 * setAttribute, never through innerHTML. */
"use strict";
window.khabar = (function () {
  const FILTERS = ["type", "actor", "country", "since", "until", "factuality", "cluster",
    "near_lat", "near_lon", "near_km", "actor_country", "sector", "outlet", "min_confidence",
    "text", "review"];
  const SVG_NS = "http://www.w3.org/2000/svg";

  /* The API query string for the filters in this page's URL (empty values dropped). */
  function apiQuery(extra) {
    const out = new URLSearchParams();
    for (const [k, v] of new URLSearchParams(location.search)) {
      if (FILTERS.includes(k) && v) out.append(k, v);
    }
    for (const k in extra || {}) out.set(k, extra[k]);
    return out.toString();
  }

  /* ?count=events in the page URL: aggregates count each cross-source event once. */
  function countUnit() {
    return new URLSearchParams(location.search).get("count") === "events" ? "events" : "mentions";
  }

  function describe(detail) {
    if (Array.isArray(detail)) {
      return detail.map((d) => (d.loc || []).slice(1).join(".") + ": " + d.msg).join("; ");
    }
    return String(detail);
  }

  async function getJSON(path) {
    const r = await fetch(path, { headers: { Accept: "application/json" } });
    if (!r.ok) {
      let msg = r.status + " " + r.statusText;
      try { msg = describe((await r.json()).detail); } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    return r.json();
  }

  function showError(err) {
    const el = document.getElementById("error");
    el.textContent = "Could not load events: " + (err && err.message ? err.message : err);
    el.hidden = false;
  }

  function svg(tag, attrs, parent) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const k in attrs || {}) el.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(el);
    return el;
  }

  function el(tag, text, parent, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  /* Change some URL parameters and reload the page (the URL holds the filter state). */
  function navigate(changes, path) {
    const p = new URLSearchParams(location.search);
    for (const k in changes) {
      if (changes[k] === null || changes[k] === "") p.delete(k);
      else p.set(k, changes[k]);
    }
    location.assign((path || location.pathname) + "?" + p.toString());
  }

  /* Empty filter fields are left out of the URL instead of being sent as "". */
  function tidyForm() {
    const form = document.getElementById("filters");
    if (!form) return;
    form.addEventListener("submit", () => {
      for (const input of form.querySelectorAll("input, select")) {
        if (!input.value) input.disabled = true;
      }
    });
  }
  tidyForm();

  return { countUnit, apiQuery, getJSON, showError, svg, el, navigate };
})();
