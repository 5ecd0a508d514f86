/* "Hva gjaldt på en dato?": show only the versions in force on the day in ?dato=.
   Without this script the page lists every version with its dates (see the template). */
(function () {
  "use strict";
  var form = document.querySelector("[data-sop-on-date]");
  var table = document.querySelector("[data-sop-on-date-table]");
  var answer = document.querySelector("[data-sop-on-date-answer]");
  if (!form || !table || !answer) return;
  var input = form.querySelector("input[name=dato]");
  var day = new URLSearchParams(window.location.search).get("dato") || "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || isNaN(Date.parse(day))) {
    if (day) answer.textContent = "«" + day + "» er ikke en dato. Skriv den som dd.mm.åååå.";
    return;
  }
  input.value = day;
  var months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "desember"];
  var parts = day.split("-");
  var spoken = Number(parts[2]) + ". " + months[Number(parts[1]) - 1] + " " + parts[0];
  var inForce = {};
  var rows = table.querySelectorAll("tbody tr");
  rows.forEach(function (row) {
    if (row.hasAttribute("data-sop-none")) return;
    var from = row.getAttribute("data-from");
    var until = row.getAttribute("data-until");
    var shown = from <= day && (!until || day < until);
    row.hidden = !shown;
    if (shown) inForce[row.getAttribute("data-sop")] = true;
  });
  var none = 0;
  rows.forEach(function (row) {
    if (!row.hasAttribute("data-sop-none")) return;
    row.hidden = Boolean(inForce[row.getAttribute("data-sop")]);
    if (!row.hidden) none += 1;
  });
  var count = Object.keys(inForce).length;
  answer.textContent = spoken + ": " + count + (count === 1 ? " SOP" : " SOP-er") + " i kraft" +
    (none ? ", " + none + " uten gjeldende versjon." : ".");
})();
