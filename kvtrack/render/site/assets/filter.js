// Filter the table as one types: every word must occur (case and accents ignored), and the
// state and owner choices must hold. Without JavaScript the form stays hidden and the whole table
// is there.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("register");
  if (!form || !table) { return; }
  var fold = function (s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var text = rows.map(function (r) { return fold(r.textContent); });
  var q = document.getElementById("f-text");
  var st = document.getElementById("f-state");
  var ow = document.getElementById("f-owner");
  var count = document.getElementById("f-count");
  var template = count.getAttribute("data-template");
  var apply = function () {
    var words = fold(q.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!st.value || r.getAttribute("data-state") === st.value) &&
               (!ow.value || r.getAttribute("data-owner") === ow.value) &&
               words.every(function (w) { return text[i].indexOf(w) !== -1; });
      r.hidden = !ok;
      if (ok) { shown++; }
    }
    count.textContent = template.replace("{}", shown).replace("{}", rows.length);
  };
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  q.addEventListener("input", apply);
  st.addEventListener("change", apply);
  ow.addEventListener("change", apply);
  apply();
})();
