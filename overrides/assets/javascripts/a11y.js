/*
 * Accessibility fixes on top of Material for MkDocs' JavaScript. Each one is an
 * enhancement: without JavaScript the pages still work (see tests/browser).
 *
 * 1. Menu and search openers: real buttons instead of labels (keyboard, aria-expanded).
 * 2. Escape closes the navigation drawer and returns focus to the menu button.
 * 3. Tables that scroll sideways become named, focusable regions (WCAG 2.1.1).
 * 4. Material's code-block toolbar, the tag lists in search results and the search
 *    form's lone reset button are not landmarks.
 * 5. Printing shows the full address of every link.
 * 6. No single-key shortcuts outside text fields (WCAG 2.1.4).
 * 7. Navigation toggles and "back" titles are real buttons: role, state, Space (4.1.2).
 * 8. The open mobile menu holds the focus and gives it back on close (2.4.3).
 * 9. The colour scheme switch is one named switch with a checked state (4.1.2).
 * 10. The back-to-top button never covers the focused element (2.4.11).
 */
(function () {
  "use strict";

  var english = (document.documentElement.lang || "").slice(0, 2) === "en";
  var words = english
    ? { table: "Table", scroll: "scrolls sideways", back: "Back", close: "Close menu", dark: "Dark mode" }
    : { table: "Tabell", scroll: "kan rulles sidelengs", back: "Tilbake", close: "Lukk menyen", dark: "Mørk modus" };
  var mobileMenu = window.matchMedia("(max-width: 76.234375em)");

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
    // Material's search form wraps its single reset button in a navigation landmark.
    var options = document.querySelector("nav.md-search__options:not([role])");
    if (options && options.querySelectorAll("a, button").length <= 1) {
      options.removeAttribute("aria-label");
      options.setAttribute("role", "none");
    }
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

  /* 6. Single-key shortcuts. Material listens on window for n, p, ".", ",", s, f and
     "/" and acts on them wherever the focus is, so a speech-input user who says a word
     beginning with "n" leaves the page. Stopping an unmodified character key at the
     document (after it reached its target, before window) keeps typing, Space on
     buttons and every shortcut inside the open search dialog. */
  function isTextField(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable) return true;
    if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset|image|range|color|file)$/.test(el.type);
  }

  function setupShortcutGuard() {
    var search = document.getElementById("__search");
    document.addEventListener("keydown", function (event) {
      if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
      if (search && search.checked) return;
      if (isTextField(event.target)) return;
      event.stopPropagation();
    });
  }

  /* 7. Toggles. Material's section toggles and the titles of the mobile menu's panels
     are <label> elements for a hidden checkbox: no role, no state, no Space. Each
     becomes a <button> with the same classes and content (and the `for` attribute,
     which Material's stylesheet selects on); it clicks the checkbox. */
  function toggleLabels() {
    return document.querySelectorAll(".md-nav--primary label.md-nav__link[for], .md-nav--primary label.md-nav__title[for]");
  }

  function labelToButton(label) {
    var button = document.createElement("button");
    button.type = "button";
    Array.prototype.forEach.call(label.attributes, function (attribute) {
      if (attribute.name !== "tabindex") button.setAttribute(attribute.name, attribute.value);
    });
    while (label.firstChild) button.appendChild(label.firstChild);
    label.parentNode.replaceChild(button, label);
    return button;
  }

  function setupNavToggles() {
    Array.prototype.forEach.call(toggleLabels(), function (label) {
      var toggle = document.getElementById(label.getAttribute("for"));
      if (!toggle) return;
      // A section heading without a toggle (navigation.sections) is no control.
      if (label.classList.contains("md-nav__link") && label.getAttribute("tabindex") === "") return;
      var button = labelToButton(label);
      if (button.classList.contains("md-nav__title")) {
        // A Tab stop only in the mobile menu; on wide screens the title is no control.
        var place = function () { button.tabIndex = mobileMenu.matches ? 0 : -1; };
        mobileMenu.addEventListener("change", place);
        place();
        var title = button.textContent.replace(/\s+/g, " ").trim();
        button.setAttribute("aria-label", (toggle.id === "__drawer" ? words.close : words.back) + ": " + title);
      } else {
        var sync = function () { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
        toggle.addEventListener("change", sync);
        sync();
      }
      button.addEventListener("click", function () {
        toggle.click();
        focusAfterToggle(button, toggle);
      });
    });
  }

  // After a panel opens or closes in the mobile menu, the control that was used may be
  // behind the panel now shown: move the focus to that panel's title.
  function focusAfterToggle(label, toggle) {
    if (!mobileMenu.matches || toggle.id === "__drawer") return;
    var item = toggle.parentNode;
    var target = null;
    if (label.classList.contains("md-nav__title")) {
      target = item.querySelector(":scope > .md-nav__link[for], :scope > .md-nav__container > .md-nav__link[for]");
    } else if (toggle.checked) {
      target = item.querySelector(":scope > .md-nav > .md-nav__title");
    }
    if (target) window.setTimeout(function () { target.focus(); }, 300);
  }

  /* 8. The mobile menu: focus into it on open, kept inside while open. */
  function isShown(el) {
    if (!el.getClientRects().length) return false;
    return getComputedStyle(el).visibility === "visible";
  }

  function menuStops() {
    var drawer = document.querySelector(".md-sidebar--primary");
    if (!drawer) return [];
    var all = drawer.querySelectorAll("a[href], button, input:not([type=hidden]), [tabindex]");
    return Array.prototype.filter.call(all, function (el) {
      return el.tabIndex >= 0 && !el.disabled && isShown(el);
    });
  }

  function setupMenuFocus() {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector("button[data-a11y-toggle='__drawer']");
    if (!drawer || !button) return;
    drawer.addEventListener("change", function () {
      if (!drawer.checked || !mobileMenu.matches) return;
      // The drawer slides in; its links become visible at the end of the transition.
      window.setTimeout(function () {
        var stops = menuStops();
        var current = stops.filter(function (el) { return el.getAttribute("aria-current") === "page"; })[0];
        if (stops.length) (current || stops[0]).focus();
      }, 260);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Tab" || !drawer.checked || !mobileMenu.matches) return;
      var stops = menuStops();
      if (!stops.length) return;
      var index = stops.indexOf(document.activeElement);
      var next = index + (event.shiftKey ? -1 : 1);
      if (index === -1) next = event.shiftKey ? stops.length - 1 : 0;
      event.preventDefault();
      stops[(next + stops.length) % stops.length].focus();
    });
  }

  /* 9. The colour scheme switch. Material shows a label for one of two visually hidden
     radio buttons, which assistive technology reads as two unchecked radios. One
     switch replaces them; it clicks Material's label, so Material still does the work. */
  function setupPaletteSwitch() {
    var form = document.querySelector("form[data-md-component='palette']");
    if (!form) return;
    var inputs = form.querySelectorAll("input.md-option");
    var labels = form.querySelectorAll("label");
    if (inputs.length !== 2 || labels.length !== 2) return;
    var dark = form.querySelector("input.md-option[data-md-color-scheme='slate']");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon a11y-palette-switch";
    button.setAttribute("role", "switch");
    button.setAttribute("aria-label", words.dark);
    Array.prototype.forEach.call(inputs, function (input) {
      input.setAttribute("tabindex", "-1");
      input.setAttribute("aria-hidden", "true");
    });
    Array.prototype.forEach.call(labels, function (label) { label.setAttribute("aria-hidden", "true"); });
    form.classList.add("a11y-palette");
    // After the form, not in it: Material's own Enter handler on the form would
    // switch the scheme a second time and move the focus to a radio button.
    form.parentNode.insertBefore(button, form.nextSibling);
    var sync = function () {
      var shown = Array.prototype.filter.call(labels, function (label) { return !label.hidden; })[0];
      button.setAttribute("aria-checked", dark && document.body.getAttribute("data-md-color-scheme") === "slate" ? "true" : "false");
      if (shown) {
        button.innerHTML = shown.innerHTML;
        button.title = shown.title;
      }
    };
    button.addEventListener("click", function () {
      var shown = Array.prototype.filter.call(labels, function (label) { return !label.hidden; })[0];
      if (!shown) return;
      shown.click();
      // A click on a label focuses its radio button: the focus stays on the switch.
      button.focus();
    });
    new MutationObserver(sync).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    Array.prototype.forEach.call(labels, function (label) {
      new MutationObserver(sync).observe(label, { attributes: true, attributeFilter: ["hidden"] });
    });
    sync();
  }

  /* 10. Back to top: out of the way while the focus is elsewhere (2.4.11), back when
     the page is scrolled with a wheel or a finger. */
  function setupTopButton() {
    var top = document.querySelector(".md-top");
    if (!top) return;
    document.addEventListener("focusin", function (event) {
      top.classList.toggle("a11y-top-away", event.target !== top);
    });
    var back = function () { top.classList.remove("a11y-top-away"); };
    window.addEventListener("wheel", back, { passive: true });
    window.addEventListener("touchmove", back, { passive: true });
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
    setupShortcutGuard();
    setupNavToggles();
    setupMenuFocus();
    setupPaletteSwitch();
    setupTopButton();
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
