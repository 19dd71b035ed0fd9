(function () {
  "use strict";
  var tip = document.getElementById("tip");
  function explain(mark) {
    // A mark names, for each finding on it, its note (category, rule, words) and then its explanation.
    var ids = (mark.getAttribute("aria-describedby") || "").split(" ");
    var parts = [];
    ids.forEach(function (id) {
      var node = id && document.getElementById(id);
      if (!node) { return; }
      var copy = (node.querySelector(".x") || node).cloneNode(true);
      copy.querySelectorAll(".why").forEach(function (link) { link.remove(); });
      var text = copy.textContent.trim();
      if (id.charAt(0) === "x" && parts.length) { parts[parts.length - 1] += "\n" + text; } else { parts.push(text); }
    });
    return parts.join("\n\n");
  }
  function show(mark) {
    tip.textContent = explain(mark);
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  function hide() { tip.hidden = true; }
  function markOf(node) { return node && node.closest ? node.closest("mark.f") : null; }
  document.addEventListener("mouseover", function (e) { var m = markOf(e.target); if (m) { show(m); } });
  document.addEventListener("mouseout", function (e) { if (markOf(e.target) && !markOf(e.relatedTarget)) { hide(); } });
  document.addEventListener("focusin", function (e) { var m = markOf(e.target); if (m) { show(m); } else { hide(); } });
  document.addEventListener("focusout", function (e) { if (markOf(e.target)) { hide(); } });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });

  var outlet = document.getElementById("pick-outlet");
  var event = document.getElementById("pick-event");
  var count = document.getElementById("shown-count");
  function filter() {
    var o = outlet ? outlet.value : "";
    var v = event ? event.value : "";
    var shown = 0;
    document.querySelectorAll("article.doc").forEach(function (doc) {
      var keep = (!o || doc.dataset.outlet === o) && (!v || doc.dataset.event === v);
      doc.hidden = !keep;
      if (keep) { shown += 1; }
    });
    document.querySelectorAll(".browse aside li[data-doc]").forEach(function (item) {
      var doc = document.getElementById(item.dataset.doc);
      item.hidden = doc ? doc.hidden : false;
    });
    if (count) { count.textContent = String(shown); }
  }
  if (outlet) { outlet.addEventListener("change", filter); }
  if (event) { event.addEventListener("change", filter); }
  document.documentElement.classList.add("js");
  filter();
})();
