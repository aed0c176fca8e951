// The students x gradients grid: sort, filter, page. It renders one page of rows at a time (never the whole class),
// from the compact data the server side wrote into #grid-data (IndexPage.grid).
(function () {
  "use strict";
  var PAGE = 50;
  var NAMES = { E: "EXACT", C: "CLOSE", W: "WRONG", S: "SHAPE", N: "NOT_IMPLEMENTED", R: "ERROR", T: "TIMEOUT",
    M: "MISSING", "-": "NOT_RUN", "?": "no result" };
  var CSS = { E: "st-exact", C: "st-close", W: "st-wrong", S: "st-shape", N: "st-not-implemented", R: "st-error",
    T: "st-timeout", M: "st-missing", "-": "st-not-run", "?": "st-unknown" };
  // Ascending order puts the students who need help first.
  var RANK = { "?": 0, R: 1, T: 2, W: 3, S: 4, N: 5, M: 6, "-": 7, C: 8, E: 9 };
  var data = JSON.parse(document.getElementById("grid-data").textContent);
  var rows = data.s, exercises = data.ex, names = data.g, codes = data.c;
  var starts = [], first = 0;
  exercises.forEach(function (e) { starts.push(first); first += e[2]; });
  var state = { ex: -1, sort: "id", dir: 1, page: 0, q: "", flagged: false };
  var $ = function (id) { return document.getElementById(id); };
  var table = $("grid-table"), view = rows;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function columns() {
    var cols = [];
    exercises.forEach(function (e, i) {
      if (state.ex < 0 || state.ex === i) {
        for (var k = 0; k < e[2]; k++) cols.push({ g: starts[i] + k, ex: i, start: k === 0 });
      }
    });
    return cols;
  }
  function key(row) {
    if (state.sort === "id") return row[0];
    if (state.sort === "score") return row[2] === null ? -1 : row[2];
    return RANK[row[4].charAt(state.sort)];
  }
  function compute() {
    var q = state.q.toLowerCase();
    view = rows.filter(function (r) {
      return (!q || r[0].toLowerCase().indexOf(q) >= 0) && (!state.flagged || r[5]);
    });
    view.sort(function (a, b) {
      var x = key(a), y = key(b);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return c !== 0 ? c * state.dir : (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    });
  }
  function sortAttr(k) {
    return state.sort === k ? ' aria-sort="' + (state.dir > 0 ? "ascending" : "descending") + '"' : "";
  }
  function render() {
    var cols = columns();
    var groups = '<tr><th colspan="2"></th>';
    exercises.forEach(function (e, i) {
      if (state.ex < 0 || state.ex === i) groups += '<th class="ex-start" colspan="' + e[2] + '">' + esc(e[0]) + "</th>";
    });
    var head = groups + '</tr><tr><th data-sort="id"' + sortAttr("id") + '>student</th><th data-sort="score" class="num"'
      + sortAttr("score") + ">score</th>";
    cols.forEach(function (c) {
      var ex = exercises[c.ex][0];
      head += '<th class="g' + (c.start ? " ex-start" : "") + '" data-sort="' + c.g + '" title="' + esc(ex) + "/"
        + esc(names[c.g]) + '"' + sortAttr(c.g) + ">" + esc(names[c.g]) + "</th>";
    });
    table.tHead.innerHTML = head + "</tr>";
    var from = Math.max(0, Math.min(state.page * PAGE, view.length - 1));
    from -= from % PAGE;
    state.page = from / PAGE;
    var body = "";
    view.slice(from, from + PAGE).forEach(function (r) {
      body += '<tr data-id="' + esc(r[0]) + '"><td><a href="submissions/' + r[1] + '">' + esc(r[0]) + "</a>"
        + (r[5] ? ' <span class="badge flag" title="' + esc(r[5]) + '">!</span>' : "") + '</td><td class="num">'
        + (r[2] === null ? "-" : r[2] + "/" + r[3]) + "</td>";
      cols.forEach(function (c) {
        var s = r[4].charAt(c.g), k = r[6].charCodeAt(c.g);
        var code = k === 46 ? "" : codes[k >= 97 ? k - 97 : k - 65 + 26];
        body += '<td class="c ' + CSS[s] + (c.start ? " ex-start" : "") + '" data-s="' + s + '" title="'
          + esc(r[0] + " · " + exercises[c.ex][0] + "/" + names[c.g] + ": " + NAMES[s] + (code ? " (" + code + ")" : ""))
          + '">' + s + "</td>";
      });
      body += "</tr>";
    });
    table.tBodies[0].innerHTML = body;
    $("grid-range").textContent = view.length === 0 ? "no students"
      : (from + 1) + "–" + Math.min(from + PAGE, view.length) + " of " + view.length;
    $("grid-prev").disabled = from === 0;
    $("grid-next").disabled = from + PAGE >= view.length;
  }
  function update(reset) {
    if (reset) state.page = 0;
    compute();
    render();
  }

  var select = $("grid-exercise");
  exercises.forEach(function (e, i) {
    var o = document.createElement("option");
    o.value = String(i);
    o.textContent = e[0];
    select.appendChild(o);
  });
  select.addEventListener("change", function () { state.ex = select.value === "" ? -1 : Number(select.value); update(false); });
  $("grid-search").addEventListener("input", function (e) { state.q = e.target.value; update(true); });
  $("grid-flagged").addEventListener("change", function (e) { state.flagged = e.target.checked; update(true); });
  $("grid-prev").addEventListener("click", function () { state.page--; render(); });
  $("grid-next").addEventListener("click", function () { state.page++; render(); });
  table.tHead.addEventListener("click", function (e) {
    var th = e.target.closest("th[data-sort]");
    if (!th) return;
    var k = th.getAttribute("data-sort");
    k = k === "id" || k === "score" ? k : Number(k);
    state.dir = state.sort === k ? -state.dir : 1;
    state.sort = k;
    update(true);
  });
  update(true);
  performance.mark("grid-rendered");
  table.setAttribute("data-ready", "true");
})();
