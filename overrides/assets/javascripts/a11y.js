/*
 * Accessibility fixes on top of Material for MkDocs' JavaScript. Each one is an
 * enhancement: without JavaScript the pages still work (see tests/browser).
 *
 * 1. Menu and search openers: real buttons instead of labels (keyboard, aria-expanded).
 * 2. Escape closes the navigation drawer and returns focus to the menu button.
 * 3. Tables that scroll sideways become named, focusable regions (WCAG 2.1.1).
 * 4. Material's code-block toolbar and the tag lists in search results are not landmarks.
 * 5. Printing shows the full address of every link.
 */
(function () {
  "use strict";

  var english = (document.documentElement.lang || "").slice(0, 2) === "en";
  var words = english
    ? { table: "Table", scroll: "scrolls sideways" }
    : { table: "Tabell", scroll: "kan rulles sidelengs" };

  /* 1. Openers */
  function setupToggles() {
    var buttons = document.querySelectorAll("button[data-a11y-toggle]");
    Array.prototype.forEach.call(buttons, function (button) {
      var toggle = document.getElementById(button.getAttribute("data-a11y-toggle"));
      if (!toggle) return;
      var label = button.previousElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = true;
      button.hidden = false;
      var sync = function () {
        button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
      };
      button.addEventListener("click", function () {
        toggle.click();
        sync();
        // Opening the search moves the focus into the search box.
        if (toggle.id === "__search" && toggle.checked) {
          var input = document.querySelector(".md-search__input");
          if (input) window.setTimeout(function () { input.focus(); }, 0);
        }
      });
      toggle.addEventListener("change", function () {
        sync();
        // Closed (e.g. with Escape) while the focus was inside: back to the button.
        if (!toggle.checked && button.offsetParent !== null) {
          var active = document.activeElement;
          var inside = toggle.id === "__search" ? ".md-search" : ".md-sidebar--primary";
          if (!active || active === document.body || active.closest(inside)) button.focus();
        }
      });
      sync();
    });
  }

  /* 2. Escape closes the drawer */
  function setupDrawerEscape() {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector("button[data-a11y-toggle='__drawer']");
    if (!drawer) return;
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        if (button && button.offsetParent !== null) button.focus();
      }
    });
  }

  /* 3. Scrolling tables */
  var seenNames = {};

  function tableName(wrap) {
    var table = wrap.querySelector("table");
    if (!table) return words.table;
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    }).filter(Boolean);
    return words.table + (heads.length ? ": " + heads.slice(0, 3).join(", ") : "");
  }

  function uniqueName(name) {
    seenNames[name] = (seenNames[name] || 0) + 1;
    return seenNames[name] === 1 ? name : name + " (" + seenNames[name] + ")";
  }

  function fixTables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset table:not([class])");
    Array.prototype.forEach.call(wraps, function (el) {
      // A table Material has wrapped is handled through its wrapper; a generated
      // .sop-table region already is a named, focusable scroll container.
      if (el.tagName === "TABLE" && el.closest(".md-typeset__scrollwrap")) return;
      if (el.closest(".sop-table[tabindex]")) return;
      var scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls) {
        if (!el.hasAttribute("data-a11y-name")) el.setAttribute("data-a11y-name", uniqueName(tableName(el)));
        el.setAttribute("role", el.tagName === "TABLE" ? "table" : "region");
        el.setAttribute("aria-label", el.getAttribute("data-a11y-name") + " (" + words.scroll + ")");
        el.setAttribute("tabindex", "0");
      } else if (el.getAttribute("tabindex") === "0") {
        el.removeAttribute("tabindex");
        el.removeAttribute("aria-label");
        if (el.tagName !== "TABLE") el.removeAttribute("role");
      }
    });
  }

  /* 4. Not landmarks */
  function fixLandmarks() {
    var navs = document.querySelectorAll("nav.md-code__nav:not([role]), .md-search-result nav.md-tags:not([role])");
    Array.prototype.forEach.call(navs, function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  /* 5. Print link targets */
  function markLinks() {
    var links = document.querySelectorAll(".md-content a[href]:not([data-print-href])");
    Array.prototype.forEach.call(links, function (a) {
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#" || a.classList.contains("headerlink")) return;
      a.setAttribute("data-print-href", a.href);
    });
  }

  var scheduled = false;
  function fixAll() {
    scheduled = false;
    fixTables();
    fixLandmarks();
    markLinks();
  }
  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(fixAll);
    }
  }

  function start() {
    setupToggles();
    setupDrawerEscape();
    fixAll();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", schedule);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
