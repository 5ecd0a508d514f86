"""Keyboard use with real key presses: skip link, focus order, visible focus, no trap."""

from __future__ import annotations

import contextlib

import pytest
from browser_support import DESKTOP, MOBILE, open_page, open_search, settle
from playwright.sync_api import TimeoutError as PlaywrightTimeout

_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  // The palette switch is a visually hidden radio: its focus is drawn on the icon after it.
  const shown = el.classList.contains('md-option') ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const rect = shown.getBoundingClientRect();
  const labelled = el.getAttribute('aria-labelledby');
  const name = (el.getAttribute('aria-label') || (labelled && document.getElementById(labelled)
    ? document.getElementById(labelled).textContent : '') || el.textContent || el.getAttribute('placeholder')
    || el.title || '').replace(/\\s+/g, ' ').trim().slice(0, 60);
  const article = document.getElementById('__main');
  return {
    what: `${el.tagName.toLowerCase()}${el.getAttribute('role') ? '[' + el.getAttribute('role') + ']' : ''} "${name}"`,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1,
    inViewport: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0
      && rect.top < innerHeight && rect.left < innerWidth,
    inMain: !!article && (article.contains(el)
      || !!(article.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)),
    isSkip: el.classList.contains('md-skip'),
    isRegion: el.getAttribute('role') === 'region' && el.tabIndex === 0,
    id: el.id, cls: String(el.className),
  };
}"""


# Resolves once the element has not changed for 300 ms (a state, not a fixed sleep), or
# rejects after 10 s of constant change.
_QUIET = """(selector) => new Promise((resolve, reject) => {
  const target = document.querySelector(selector);
  if (!target) { reject(new Error(selector + ' not found')); return; }
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, 300); });
  const done = () => { observer.disconnect(); clearTimeout(limit); resolve(); };
  const limit = setTimeout(() => { observer.disconnect(); reject(new Error(selector + ' kept changing')); }, 10000);
  let timer = setTimeout(done, 300);
  observer.observe(target, {childList: true, subtree: true, characterData: true});
})"""


def focused(page):
    return page.evaluate(_FOCUS)


# When the focus lands on the search field, Material opens the search dialog a moment
# later and the search's own script loads (it loads on focus); the next key is pressed
# once both have happened, as a person would.
_SETTLED = """() => !document.activeElement.matches('.md-search__input')
  || (document.getElementById('__search').checked && !!document.querySelector('[data-sop-search-status]'))"""


def tab(page, key="Tab"):
    page.keyboard.press(key)
    # The field may be focused without opening the dialog (focus returned after Escape).
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(_SETTLED, timeout=1500)
    return focused(page)


def tab_through(page, limit=600):
    """Press Tab from the top of the page until the focus leaves the page; return every stop."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops = []
    for _ in range(limit):
        info = tab(page)
        if info is None or (stops and info["isSkip"]):
            return stops, True
        stops.append(info)
    return stops, False


def test_skip_link_is_first_and_reaches_the_main_content_on_every_page(site, desktop_page):
    page = desktop_page
    failures = {}
    for path in site.paths:
        open_page(page, site.url(path))
        first = tab(page)
        if not first or not first["isSkip"] or not first["outline"] or not first["inViewport"]:
            failures[path] = f"first Tab stop is {first}"
            continue
        page.keyboard.press("Enter")
        after = tab(page)
        if page.evaluate("() => location.hash") != "#__main" or after is None or not after["inMain"]:
            failures[path] = f"after the skip link, Tab went to {after}"
    assert failures == {}


# The first controls of the home page at 1280 px, in Tab order. A change to the header
# or navigation must be a deliberate one: update this list when it is.
HOME_ORDER_DESKTOP = [
    'a "Gå til innhold"',
    'a "NorCRIN SOP"',
    'button[switch] "Mørk modus"',
    'input "Søk"',
    'a "GitHub"',
    'a "Hjem"',
]


def test_focus_order_of_the_home_page(site, desktop_page):
    open_page(desktop_page, site.url("/"))
    stops, _ = tab_through(desktop_page, limit=len(HOME_ORDER_DESKTOP))
    assert [stop["what"] for stop in stops] == HOME_ORDER_DESKTOP


def _check_stops(path, stops, ended):
    problems = []
    if not ended:
        problems.append("focus never left the page: keyboard trap or endless Tab order")
    for stop in stops:
        if not stop["outline"]:
            problems.append(f"no visible focus indicator on {stop['what']} ({stop['cls']})")
        if not stop["inViewport"]:
            problems.append(f"focus on {stop['what']} ({stop['cls']}) is outside the window")
    return problems


@pytest.mark.parametrize("viewport", ["1280x1024", "320x640"])
def test_every_stop_has_visible_focus_and_tab_leaves_the_page(site, make_context, viewport):
    page = make_context(viewport=DESKTOP if viewport == "1280x1024" else MOBILE).new_page()
    paths = ["/", site.sop_paths[0], site.find('class="sop-table"')[0]]
    problems = {}
    for path in paths:
        open_page(page, site.url(path))
        stops, ended = tab_through(page)
        found = _check_stops(path, stops, ended)
        if len(stops) < 3:
            found.append(f"only {len(stops)} Tab stops")
        if found:
            problems[path] = found
    page.close()
    assert problems == {}


def test_shift_tab_goes_back(site, desktop_page):
    open_page(desktop_page, site.url("/"))
    stops, _ = tab_through(desktop_page, limit=4)
    back = tab(desktop_page, "Shift+Tab")
    assert back["what"] == stops[2]["what"]


def test_dashboard_tables_are_reachable_and_scroll_with_arrow_keys(site, make_context):
    dashboard = site.find('class="sop-table"')[0]
    page = make_context(viewport=MOBILE).new_page()
    open_page(page, site.url(dashboard))
    regions = page.evaluate("() => document.querySelectorAll('.sop-table[tabindex=\"0\"][role=region]').length")
    stops, ended = tab_through(page)
    reached = [stop for stop in stops if stop["isRegion"] and "sop-table" in stop["cls"]]
    assert ended and regions >= 1 and len(reached) == regions
    # Focus the first region that scrolls sideways and scroll it with the arrow key.
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    scrolled = None
    for _ in range(len(stops)):
        info = tab(page)
        if info["isRegion"] and page.evaluate(
            "() => document.activeElement.scrollWidth > document.activeElement.clientWidth"
        ):
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=3000)
            scrolled = page.evaluate("() => document.activeElement.scrollLeft")
            break
    page.close()
    assert scrolled is not None and scrolled > 0


def _tab_to(page, predicate, limit=80):
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(limit):
        info = tab(page)
        if info and predicate(info):
            return info
    raise AssertionError("control not reached with Tab")


def test_palette_switch_works_with_the_keyboard(site, make_context):
    page = make_context().new_page()
    open_page(page, site.url("/"))
    scheme = "() => document.body.dataset.mdColorScheme"
    assert page.evaluate(scheme) == "default"
    _tab_to(page, lambda info: info["what"] == 'button[switch] "Mørk modus"')
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'", timeout=3000)
    assert focused(page)["what"] == 'button[switch] "Mørk modus"'
    assert page.evaluate("() => document.activeElement.getAttribute('aria-checked')") == "true"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'", timeout=3000)
    page.close()


def test_search_with_the_keyboard_at_1280(site, desktop_page):
    page = desktop_page
    open_page(page, site.url("/"))
    _tab_to(page, lambda info: info["what"] == 'input "Søk"')
    page.keyboard.type("prosedyre")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=10000)
    # Material's search works like a combo box: arrow keys move through the hits,
    # Enter follows one, Tab and Escape close the dialog (so the focus is never trapped).
    page.keyboard.press("ArrowDown")
    hit = focused(page)
    assert hit["outline"] and hit["inViewport"], hit
    assert page.evaluate("() => !!document.activeElement.closest('.md-search-result__item')"), hit
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")
    page.keyboard.press("Tab")
    assert page.evaluate("() => !document.getElementById('__search').checked")
    assert not page.evaluate("() => document.activeElement.matches('.md-search__input')")
    _tab_to(page, lambda info: info["what"] == 'input "Søk"')
    page.keyboard.type("prosedyre")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=10000)
    # On a busy machine the answers to the query's first letters can still arrive and
    # redraw the list (taking the focus from a hit): wait until the list stops changing.
    page.evaluate(_QUIET, ".md-search-result__list")
    page.keyboard.press("ArrowDown")
    target = page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target.split("#")[0] + "**", timeout=5000)
    open_page(page, site.url("/"))
    _tab_to(page, lambda info: info["what"] == 'input "Søk"')
    # Focus opens the dialog (Material does it a moment later): Escape then closes it.
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked", timeout=3000)


def test_search_and_menu_buttons_at_320(site, make_context):
    page = make_context(viewport=MOBILE).new_page()
    open_page(page, site.url(site.sop_paths[0]))
    # Search: a real button, announced as expanded, opens the dialog with the focus in the box.
    button = _tab_to(page, lambda info: info["what"] == 'button "Søk"')
    assert button["outline"]
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=3000)
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")
    assert page.get_attribute("button[data-a11y-toggle='__search']", "aria-expanded") == "true"
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked", timeout=3000)
    # Menu: opens the drawer, its links are reachable and visible, Escape closes it.
    _tab_to(page, lambda info: info["what"] == 'button "Navigasjon"')
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked", timeout=3000)
    assert page.get_attribute("button[data-a11y-toggle='__drawer']", "aria-expanded") == "true"
    settle(page)  # the drawer has slid in
    nav_link = None
    for _ in range(40):
        info = tab(page)
        if info and page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"):
            nav_link = info
            break
    assert nav_link is not None and nav_link["inViewport"] and nav_link["outline"], nav_link
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked", timeout=3000)
    assert focused(page)["what"] == 'button "Navigasjon"'
    page.close()


def test_search_dialog_states_are_reachable(site, desktop_page):
    open_page(desktop_page, site.url("/"))
    open_search(desktop_page, "no-results")
    assert desktop_page.evaluate("() => document.activeElement.matches('.md-search__input')")
