"""Navigation widgets, landmarks and headings as assistive technology sees them (issue 17).

- section toggles are buttons with a state and a name of their own, and Space works;
- the current page has aria-current and a marker that is not colour;
- each SOP status in the navigation has its own icon and a name in words;
- the colour scheme switch is one named switch with a checked state;
- landmarks: the header's navigation is named in Norwegian, no navigation landmark
  inside another, the sidebars outside <main>; headings do not end in "¶" and the
  permalinks are no Tab stops.
"""

from __future__ import annotations

from browser_support import DESKTOP, open_page

_TOGGLES = """() => [...document.querySelectorAll('.md-nav--primary .md-nav__link[for]')]
  .filter(el => el.tabIndex >= 0 && el.getClientRects().length && getComputedStyle(el).visibility === 'visible')
  .map(el => {
    const link = el.parentElement.querySelector(':scope > a');
    return {
      id: el.id, role: el.getAttribute('role') || (el.tagName === 'BUTTON' ? 'button' : null),
      expanded: el.getAttribute('aria-expanded'),
      checked: document.getElementById(el.getAttribute('for')).checked,
      name: el.innerText.trim() || el.textContent.replace(/\\s+/g, ' ').trim(),
      linkName: link ? link.textContent.replace(/\\s+/g, ' ').trim() : null,
    };
  })"""


def test_section_toggles_are_buttons_with_state_and_own_name(site, desktop_page):
    page = desktop_page
    open_page(page, site.url(site.sop_paths[0]))
    toggles = page.evaluate(_TOGGLES)
    assert len(toggles) >= 2
    for toggle in toggles:
        assert toggle["role"] == "button", toggle
        assert toggle["expanded"] == ("true" if toggle["checked"] else "false"), toggle
        assert toggle["name"] and toggle["name"] != toggle["linkName"], toggle
    # Space closes an open section and opens it again.
    toggle = f"#{toggles[-1]['id']}"
    page.focus(toggle)
    page.keyboard.press("Space")
    assert page.get_attribute(toggle, "aria-expanded") == "false"
    page.keyboard.press("Space")
    assert page.get_attribute(toggle, "aria-expanded") == "true"


_CURRENT = """() => {
  const current = [...document.querySelectorAll('.md-nav--primary a[aria-current="page"]')];
  const other = document.querySelector('.md-nav--primary a.md-nav__link:not([aria-current])');
  const style = el => { const s = getComputedStyle(el); return {weight: +s.fontWeight, line: s.textDecorationLine}; };
  return {count: current.length, href: current[0] && current[0].getAttribute('href'),
          current: current[0] && style(current[0]), other: other && style(other)};
}"""


def test_current_page_has_aria_current_and_a_marker_that_is_not_colour(site, desktop_page):
    page = desktop_page
    problems = {}
    for path in [site.sop_paths[0], "/om/", "/revisjonsoversikt/"]:
        open_page(page, site.url(path))
        state = page.evaluate(_CURRENT)
        if state["count"] != 1:
            problems[path] = f"{state['count']} links with aria-current"
        elif state["current"] == state["other"] or state["current"]["weight"] < 700:
            problems[path] = f"current page marked by colour only: {state}"
    assert problems == {}


_STATUS_ICONS = """() => {
  const found = {};
  for (const el of document.querySelectorAll('.md-nav--primary a .md-status')) {
    const type = [...el.classList].find(c => c.startsWith('md-status--')).slice(11);
    found[type] = {icon: getComputedStyle(el, '::after').maskImage || getComputedStyle(el, '::after').webkitMaskImage,
                   name: el.closest('a').textContent.replace(/\\s+/g, ' ').trim()};
  }
  return found;
}"""


def test_sop_status_icons_differ_per_status_and_are_named(site, desktop_page):
    page = desktop_page
    draft = next(p for p in site.sop_paths if "md-status--draft" in site.html(p))
    open_page(page, site.url(draft))
    icons = page.evaluate(_STATUS_ICONS)
    assert {"draft", "active"} <= icons.keys()
    assert icons["draft"]["icon"] != icons["active"]["icon"]
    assert icons["draft"]["name"].endswith("(Utkast)"), icons["draft"]
    assert icons["active"]["name"].endswith("(Gjeldende)"), icons["active"]


def test_colour_scheme_switch_is_one_named_switch_with_a_state(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    open_page(page, site.url("/"))
    tree = page.locator(".md-header").aria_snapshot()
    assert "radio" not in tree
    switch = page.get_by_role("switch", name="Mørk modus")
    assert switch.get_attribute("aria-checked") == "false"
    switch.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'", timeout=3000)
    assert switch.get_attribute("aria-checked") == "true"
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "switch"
    page.keyboard.press("Space")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'", timeout=3000)
    assert switch.get_attribute("aria-checked") == "false"
    page.close()


_LANDMARKS = """() => {
  const navs = [...document.querySelectorAll('nav, [role=navigation]')]
    .filter(el => !el.getAttribute('role') || el.getAttribute('role') === 'navigation');
  const nested = navs.filter(el => el.parentElement.closest('nav:not([role]), [role=navigation]'));
  const main = document.querySelector('main, [role=main]');
  return {
    header: document.querySelector('.md-header nav').getAttribute('aria-label'),
    nested: nested.map(el => el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.className),
    sidebarsInMain: main ? main.querySelectorAll('.md-sidebar').length : -1,
    mains: document.querySelectorAll('main, [role=main]').length,
  };
}"""


def test_landmarks_are_named_in_norwegian_and_not_nested(site, desktop_page):
    page = desktop_page
    problems = {}
    for path in ["/", site.sop_paths[0]]:
        open_page(page, site.url(path))
        state = page.evaluate(_LANDMARKS)
        if state != {"header": "Topptekst", "nested": [], "sidebarsInMain": 0, "mains": 1}:
            problems[path] = state
    assert problems == {}


_HEADINGS = """() => ({
  names: [...document.querySelectorAll('article h1, article h2, article h3')].map(h => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll('[aria-hidden=true]').forEach(el => el.remove());
    return copy.textContent.trim();
  }),
  tabStops: [...document.querySelectorAll('a.headerlink')].filter(a => a.tabIndex >= 0).length,
})"""


def test_headings_do_not_end_in_pilcrow_and_permalinks_are_no_tab_stops(site, desktop_page):
    page = desktop_page
    open_page(page, site.url(site.sop_paths[0]))
    state = page.evaluate(_HEADINGS)
    assert len(state["names"]) >= 3
    assert [name for name in state["names"] if name.endswith("¶")] == []
    assert state["tabStops"] == 0
