/*
 * The search page /sok/ (issue 15): the site search with filters, in the page.
 *
 * The form (sopmodel/search/templates/sok.html) is hidden until this script runs, so a
 * reader without JavaScript gets the A–Å list under it. The query and the chosen filters
 * live in the address (?s=samtykke&status=active&language=en; not q, which Material's dialog
 * takes), so a search can be shared;
 * each filter is a checkbox with its label and, in words, the number of results it would
 * give; the result count is announced in a live region. The search itself is the site's
 * search worker (sop-search.js), asked with the filters; it is started when the reader
 * focuses the form or arrives with a query in the address.
 */
"use strict";
(() => {
  const root = document.querySelector("[data-sop-search-page]");
  if (!root) return;
  const form = root.querySelector(".sop-search-form");
  const field = form.querySelector("input[type=search]");
  const boxes = [...form.querySelectorAll(".sop-facet input[type=checkbox]")];
  const status = root.querySelector(".sop-search-count");
  const list = root.querySelector(".sop-search-results");
  const clear = form.querySelector(".sop-search-clear");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const DEBOUNCE_MS = 150;
  form.hidden = false;

  // The address holds the query and the filters.
  const params = new URLSearchParams(location.search);
  field.value = params.get("s") || "";
  for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);

  const filters = () => {
    const chosen = {};
    for (const box of boxes) {
      chosen[box.name] = chosen[box.name] || [];
      if (box.checked) chosen[box.name].push(box.value);
    }
    return chosen;
  };
  const writeAddress = () => {
    const next = new URLSearchParams();
    if (field.value.trim()) next.set("s", field.value.trim());
    for (const box of boxes) if (box.checked) next.append(box.name, box.value);
    const search = next.toString();
    // Keep the fragment (the skip link's #__main, a shared #anchor): only the query changes.
    history.replaceState(null, "", (search ? `?${search}` : location.pathname) + location.hash);
  };

  const worker = new Worker(new URL(config.search, base));
  let asked = "";
  const ask = () => {
    writeAddress();
    asked = JSON.stringify([field.value, filters()]);
    worker.postMessage({type: 2, data: field.value, filters: filters()});
  };
  worker.addEventListener("message", (event) => {
    const message = event.data || {};
    if (message.type !== 3 || JSON.stringify([message.data.query, filters()]) !== asked) return;
    show(message.data);
  });

  const show = ({items = [], total = 0, facets = {}}) => {
    for (const box of boxes) {
      const count = (facets[box.name] || {})[box.value] || 0;
      box.closest(".sop-facet__option").querySelector("[data-count]").textContent = `(${count})`;
    }
    const chosen = boxes.filter((box) => box.checked).length;
    const words = total === 0 ? "Ingen treff" : total === 1 ? "1 treff" : `${total} treff`;
    status.textContent = chosen ? `${words} med ${chosen === 1 ? "1 filter" : `${chosen} filtre`}` : words;
    list.replaceChildren(...items.map(([item]) => {
      const entry = document.createElement("li");
      const link = document.createElement("a");
      link.href = new URL(item.location, base).href;
      // The worker escapes every title and excerpt; excerpts keep only <mark>.
      link.innerHTML = item.title;
      entry.append(link);
      if (item.text) {
        const text = document.createElement("p");
        text.innerHTML = item.text;
        entry.append(text);
      }
      return entry;
    }));
  };

  let timer = 0;
  field.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(ask, DEBOUNCE_MS); });
  form.addEventListener("change", (event) => { if (event.target.type === "checkbox") ask(); });
  form.addEventListener("submit", (event) => { event.preventDefault(); ask(); });
  clear.addEventListener("click", () => { for (const box of boxes) box.checked = false; ask(); });
  // Counts once the reader turns to the form; at once when the address holds a search.
  let started = false;
  form.addEventListener("focusin", () => { if (!started) { started = true; ask(); } });
  if (params.toString()) { started = true; ask(); }
})();
