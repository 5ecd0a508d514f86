/*
 * Keyboard and screen-reader fixes for Material's search dialog (issues 15 and 17),
 * loaded when the reader first opens search (overrides/partials/search.html):
 * - the result count is announced in a live region, once the reader stops typing;
 * - each result link is named by its text, title first (not an empty name); titles are no h1;
 * - Escape from the field or a result, and the mobile close button, return focus to
 *   where search was opened: the "Søk" button below 960 px, the search field on desktop
 *   (without opening the dialog again; typing there opens it);
 * - below 960 px the open dialog covers the page: Tab moves through it (Material would close
 *   it) and wraps around, so the close button is reachable and focus never goes behind it;
 * - the link to the search page /sok/ carries the query.
 */
"use strict";
(() => {
  const toggle = document.getElementById("__search");
  const dialog = document.querySelector(".md-search");
  if (!toggle || !dialog) return;
  const input = dialog.querySelector(".md-search__input");
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const more = dialog.querySelector("[data-sop-search-more]");
  const close = dialog.querySelector(".sop-search-close");
  const ANNOUNCE_MS = 600;

  // The live region: Material rewrites the count on every keystroke; announce it once.
  const status = document.createElement("p");
  status.className = "sop-visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("aria-atomic", "true");
  status.dataset.sopSearchStatus = "";
  dialog.querySelector(".md-search__inner").append(status);
  let timer = 0;
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      status.textContent = input.value.trim() ? meta.textContent.trim() : "";
    }, ANNOUNCE_MS);
  }).observe(meta, {childList: true, characterData: true, subtree: true});

  // Result links: the title and the article are no heading or landmark, so that each link
  // is named by its text (title first, then the excerpt).
  const fix = () => {
    for (const node of list.querySelectorAll("a.md-search-result__link :is(article, h1, h2):not([role])")) {
      node.setAttribute("role", "none");
    }
  };
  new MutationObserver(fix).observe(list, {childList: true, subtree: true});
  fix();

  // Focus back to the opener; on desktop the field, whose focus would open the dialog again.
  let quiet = false;
  // Material opens the dialog when focus enters the field (focusin on <body>): not this time.
  for (const type of ["focusin", "focusout"]) {
    window.addEventListener(type, (event) => { if (quiet) event.stopImmediatePropagation(); }, true);
  }
  const opener = () => [...document.querySelectorAll("[data-a11y-toggle='__search'], .md-header__button[for='__search']")]
    .find((element) => element.offsetParent !== null && element.tabIndex >= 0);
  const returnFocus = () => {
    const target = opener();
    if (target) return target.focus();
    quiet = true;
    input.focus();
    quiet = false;
  };
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked || !dialog.contains(document.activeElement)) return;
    setTimeout(() => {
      // Focus left on <body>, or on a result the closed dialog hides.
      const left = document.activeElement;
      const lost = !left || left === document.body || Boolean(left.closest(".md-search__output"));
      if (!toggle.checked && lost) returnFocus();
    }, 0);
  }, true);
  const openDialog = () => { if (!toggle.checked) toggle.click(); };
  input.addEventListener("input", openDialog);
  input.addEventListener("click", openDialog);
  if (close) close.addEventListener("click", () => {
    if (toggle.checked) toggle.click();
    returnFocus();
  });

  // The full-screen dialog below 960 px keeps Tab inside.
  const narrow = matchMedia("(max-width: 59.984375em)");
  const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta"]);
  document.addEventListener("keydown", (event) => {
    // Material sends focus back to the field on any other key, Shift of Shift+Tab too.
    if (MODIFIERS.has(event.key) && toggle.checked) return event.stopImmediatePropagation();
    if (event.key !== "Tab" || !toggle.checked || !narrow.matches) return;
    event.stopImmediatePropagation();
    const inner = dialog.querySelector(".md-search__inner");
    const stops = [...inner.querySelectorAll("input, button, [href], [tabindex]:not([tabindex='-1'])")]
      .filter((element) => element.getClientRects().length && getComputedStyle(element).visibility !== "hidden");
    if (!stops.length) return;
    const at = stops.indexOf(document.activeElement);
    const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : (at === stops.length - 1 || at < 0 ? 0 : at + 1);
    event.preventDefault();
    stops[next].focus();
  }, true);

  // The search page gets the query.
  if (more) {
    const base = more.getAttribute("href").split("?")[0];
    input.addEventListener("input", () => {
      const query = input.value.trim();
      more.setAttribute("href", query ? `${base}?s=${encodeURIComponent(query)}` : base);
    });
  }
})();
