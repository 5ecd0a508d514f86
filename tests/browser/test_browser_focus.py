"""Keyboard findings of the manual audit (issue 17) that axe-core does not see.

- 2.1.4: single-key shortcuts do nothing outside text fields;
- 2.4.3 / 2.4.7: the mobile menu takes the focus, keeps it while open, shows every stop
  and gives the focus back to its button;
- 2.4.11: a focused element is never under the sticky header (Shift+Tab through an SOP).
"""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, open_page

PHONE = {"width": 390, "height": 844}

# Where the focus is and whether it can be seen: on screen, and not covered by another
# element (the element at the centre of its box is itself or inside it).
_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rect = el.getBoundingClientRect();
  // A link that wraps onto two lines: test the centre of its first line.
  const part = el.getClientRects()[0] || rect;
  const x = Math.min(Math.max(part.left + part.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(part.top + part.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const header = document.querySelector('.md-header');
  const headerBottom = header && getComputedStyle(header).position === 'sticky'
    ? header.getBoundingClientRect().bottom : 0;
  const name = (el.getAttribute('aria-label') || el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 50);
  return {
    what: `${el.tagName.toLowerCase()}${el.getAttribute('role') ? '[' + el.getAttribute('role') + ']' : ''} "${name}"`,
    onScreen: rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.left >= 0
      && rect.bottom <= innerHeight && rect.right <= innerWidth,
    covered: !(hit && (hit === el || el.contains(hit))),
    coveredBy: hit && hit !== el && !el.contains(hit) ? hit.tagName.toLowerCase() + '.' + hit.className : '',
    inHeader: !!el.closest('.md-header'),
    underHeader: !el.closest('.md-header') && rect.top < headerBottom - 1,
    inMenu: !!el.closest('.md-sidebar--primary'),
    isMenuButton: el.matches("button[data-a11y-toggle='__drawer']"),
    isSkip: el.classList.contains('md-skip'),
    key: el.tagName + '|' + (el.getAttribute('href') || el.id || el.getAttribute('for') || name),
  };
}"""


def stop(page):
    return page.evaluate(_STOP)


SHORTCUTS = ["n", "p", ".", ",", "s", "f", "/"]


def test_single_key_shortcuts_do_nothing_outside_text_fields(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    # An SOP page in the middle of the navigation: it has both a next and a previous page.
    path = next(p for p in site.sop_paths if 'rel="next"' in site.html(p) and 'rel="prev"' in site.html(p))
    open_page(page, site.url(path))
    changed = []
    for key in SHORTCUTS:
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
        page.keyboard.press(key)
        page.wait_for_timeout(300)
        state = page.evaluate("() => [location.pathname, document.getElementById('__search').checked]")
        if state != [path, False]:
            changed.append(f"{key!r}: page {state[0]}, search open {state[1]}")
            open_page(page, site.url(path))
    assert changed == []
    # In the search field the same keys are text.
    page.focus(".md-search__input")
    page.keyboard.type("n.s/")
    assert page.input_value(".md-search__input") == "n.s/"
    assert page.evaluate("() => location.pathname") == path
    page.close()


def _open_menu(page):
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(20):
        page.keyboard.press("Tab")
        if stop(page)["isMenuButton"]:
            break
    else:
        raise AssertionError("menu button not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=3000)
    page.wait_for_timeout(600)  # the drawer slides in


def _menu_cycle(page, limit=80):
    """Tab from where the focus is until it comes back to the first stop; return the stops."""
    first = stop(page)
    stops = [first]
    for _ in range(limit):
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)
        info = stop(page)
        if info and info["key"] == first["key"]:
            return stops, True
        stops.append(info)
    return stops, False


def _stop_problems(stops):
    problems = []
    for info in stops:
        if info is None:
            problems.append("focus on <body>")
        elif not info["inMenu"]:
            problems.append(f"focus left the open menu: {info['what']}")
        elif not info["onScreen"] or info["covered"]:
            where = f"on screen {info['onScreen']}, covered by {info['coveredBy']}"
            problems.append(f"{info['what']} not visible ({where})")
    return problems


def test_mobile_menu_holds_the_focus_and_every_stop_is_visible(site, make_context):
    page = make_context(viewport=PHONE).new_page()
    path = site.sop_paths[0]
    open_page(page, site.url(path))
    _open_menu(page)
    assert stop(page)["inMenu"], f"opening the menu left the focus on {stop(page)['what']}"
    stops, cycled = _menu_cycle(page)
    assert cycled, "Tab never came back to the first stop of the menu (no focus trap)"
    assert _stop_problems(stops) == []
    names = [info["what"] for info in stops]
    # The current level's "back" control is reachable.
    assert any(name.startswith('button "Tilbake:') for name in names), names
    # Shift+Tab cycles the other way.
    page.keyboard.press("Shift+Tab")
    assert stop(page)["key"] == stops[-1]["key"]
    # Back to the parent level: its stops are then the visible ones.
    page.evaluate("() => document.activeElement.blur()")
    back = page.locator(".md-nav--primary button.md-nav__title:visible").last
    back.focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(600)
    parent_stops, cycled = _menu_cycle(page)
    assert cycled and _stop_problems(parent_stops) == []
    assert {info["key"] for info in parent_stops} != {info["key"] for info in stops}
    # Escape closes the menu and gives the focus back to its button.
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked", timeout=3000)
    assert stop(page)["isMenuButton"]
    page.close()


def test_mobile_menu_table_of_contents_panel_shows_its_links(site, make_context):
    page = make_context(viewport=PHONE).new_page()
    path = max(site.sop_paths, key=lambda p: site.html(p).count('class="headerlink"'))
    open_page(page, site.url(path))
    _open_menu(page)
    toc = page.locator(".md-nav--primary .md-nav__link[for='__toc']")
    assert toc.evaluate("el => el.tagName") == "BUTTON" and toc.get_attribute("aria-expanded") == "false"
    toc.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(600)
    assert toc.get_attribute("aria-expanded") == "true"
    stops, cycled = _menu_cycle(page)
    assert cycled and _stop_problems(stops) == []
    assert sum(1 for info in stops if info["key"].startswith("A|#")) >= 3, [info["what"] for info in stops]
    page.close()


@pytest.mark.parametrize("viewport", ["1280x1024", "390x844"])
def test_focus_is_never_under_the_sticky_header_with_shift_tab(site, make_context, viewport):
    page = make_context(viewport=DESKTOP if viewport == "1280x1024" else PHONE).new_page()
    path = max(site.sop_paths, key=lambda p: len(site.html(p)))
    open_page(page, site.url(path))
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    hidden = []
    seen = 0
    for _ in range(400):
        page.keyboard.press("Shift+Tab")
        info = stop(page)
        if info is None or info["isSkip"]:
            break
        seen += 1
        if info["inHeader"] or (info["inMenu"] and viewport != "1280x1024"):
            continue
        if info["underHeader"] or info["covered"]:
            hidden.append(f"{info['what']} (covered by {info['coveredBy'] or 'the header'})")
    page.close()
    assert seen > 10
    assert hidden == []
