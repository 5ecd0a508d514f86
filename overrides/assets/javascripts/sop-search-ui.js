/*
 * Keyboard and screen-reader fixes for Material's search dialog (issues 15 and 17),
 * loaded when the reader first opens search (overrides/partials/search.html):
 * - the result count is announced in a live region, once the reader stops typing;
 * - each result link is named by its title (not an empty name), and titles are no h1;
 * - Escape from the field or a result, and the mobile close button, return focus to
 *   where search was opened: the "Søk" button below 960 px, the search field on desktop
 *   (without opening the dialog again; typing there opens it);
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

  // Result links named by their title; the title and article are no heading or landmark.
  let counter = 0;
  const fix = () => {
    for (const link of list.querySelectorAll("a.md-search-result__link:not([aria-labelledby])")) {
      const article = link.querySelector("article");
      const title = link.querySelector("h1, h2");
      if (!title) continue;
      title.id = title.id || `sop-search-title-${++counter}`;
      title.setAttribute("role", "none");
      if (article) article.setAttribute("role", "none");
      link.setAttribute("aria-labelledby", title.id);
      const text = link.querySelector("p");
      if (text && text.textContent.trim()) {
        text.id = text.id || `sop-search-text-${counter}`;
        link.setAttribute("aria-describedby", text.id);
      }
    }
  };
  new MutationObserver(fix).observe(list, {childList: true, subtree: true});
  fix();

  // Focus back to the opener; on desktop the field, whose focus would open the dialog again.
  let quiet = false;
  window.addEventListener("focus", (event) => {
    if (quiet && event.target === input) event.stopImmediatePropagation();
  }, true);
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
      if (!toggle.checked && (document.activeElement === document.body || !document.activeElement)) returnFocus();
    }, 0);
  }, true);
  const openDialog = () => { if (!toggle.checked) toggle.click(); };
  input.addEventListener("input", openDialog);
  input.addEventListener("click", openDialog);
  if (close) close.addEventListener("click", () => {
    if (toggle.checked) toggle.click();
    returnFocus();
  });

  // The search page gets the query.
  if (more) {
    const base = more.getAttribute("href").split("?")[0];
    input.addEventListener("input", () => {
      const query = input.value.trim();
      more.setAttribute("href", query ? `${base}?q=${encodeURIComponent(query)}` : base);
    });
  }
})();
