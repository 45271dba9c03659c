/* The article view: hovering an event lights up its spans; clicking a marked piece of
 * text brings its event into view. The marking itself is rendered on the server. */
"use strict";
(function () {
  const text = document.getElementById("text");
  const spansOf = (id) => text.querySelectorAll("span.seg");
  function light(id, on) {
    for (const s of spansOf(id)) {
      if ((s.getAttribute("data-events") || "").split(" ").includes(id)) s.classList.toggle("lit", on);
    }
  }
  for (const li of document.querySelectorAll("li.event")) {
    const id = li.getAttribute("data-event");
    li.addEventListener("mouseenter", () => light(id, true));
    li.addEventListener("mouseleave", () => light(id, false));
  }
  text.addEventListener("click", (e) => {
    const seg = e.target.closest("span.seg");
    if (!seg) return;
    const id = (seg.getAttribute("data-events") || "").split(" ")[0];
    const li = id && document.getElementById("event-" + id);
    if (li) li.scrollIntoView({ block: "nearest" });
  });
  const focus = document.getElementById("article").getAttribute("data-focus");
  const li = focus && document.getElementById("event-" + focus);
  if (li) li.scrollIntoView({ block: "center" });
})();
