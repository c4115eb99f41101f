(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.filter.call(body.rows, function (r) { return r.classList.contains("finding"); });
  var noMatch = document.getElementById("no-match");
  var texts = rows.map(function (r) { return r.textContent.toLowerCase().replace(/\s+/g, " "); });
  rows.forEach(function (r, i) { r.setAttribute("data-order", String(i)); });

  /* sorting: click a column header; again to reverse */
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sortValue(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(v) : v.toLowerCase();
  }
  function sortBy(col, direction) {
    var numeric = headers[col].getAttribute("data-sort-type") === "number";
    var keyed = rows.map(function (r) {
      return { row: r, key: sortValue(r, col, numeric), order: +r.getAttribute("data-order") };
    });
    keyed.sort(function (a, b) {
      var c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return c * direction || a.order - b.order;
    });
    keyed.forEach(function (k) { body.insertBefore(k.row, noMatch); });
    headers.forEach(function (h, i) {
      h.setAttribute("aria-sort", i === col ? (direction > 0 ? "ascending" : "descending") : "none");
    });
  }
  headers.forEach(function (h, col) {
    var button = h.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      sortBy(col, h.getAttribute("aria-sort") === "ascending" ? -1 : 1);
    });
  });

  /* filtering: free text (all words must appear) and one select per field */
  var text = document.getElementById("filter-text");
  var selects = ["severity", "rule", "category", "status"].map(function (name) {
    return { name: name, el: document.getElementById("filter-" + name) };
  }).filter(function (s) { return s.el; });
  var count = document.getElementById("filter-count");
  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = selects.every(function (s) { return !s.el.value || r.getAttribute("data-" + s.name) === s.el.value; })
        && words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    noMatch.hidden = shown > 0;
    count.textContent = shown + " of " + rows.length + " shown";
  }
  text.addEventListener("input", apply);
  selects.forEach(function (s) { s.el.addEventListener("change", apply); });
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("filters").addEventListener("reset", function () { setTimeout(apply, 0); });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if (e.key === "/" && tag !== "INPUT" && tag !== "SELECT" && tag !== "TEXTAREA") {
      e.preventDefault();
      text.focus();
    }
  });

  /* links elsewhere in the page that set a filter: severity cards, rules, articles */
  function setFilter(name, value) {
    text.value = "";
    selects.forEach(function (s) { s.el.value = ""; });
    if (name === "text") { text.value = value; }
    selects.forEach(function (s) { if (s.name === name) { s.el.value = value; } });
    apply();
  }
  Array.prototype.forEach.call(document.querySelectorAll("a[href='#findings']"), function (a) {
    ["severity", "rule", "category", "status", "text"].forEach(function (name) {
      var value = a.getAttribute("data-filter-" + name);
      if (value !== null) {
        a.addEventListener("click", function () { setFilter(name, value); });
      }
    });
  });
  apply();
}());
