"""The search dialog in the real browser (issues 15 and 17): nothing loaded before search is
opened, the result count announced, named results, focus on Escape and the mobile dialog."""

from __future__ import annotations

import re

import pytest

SEARCH_PATHS = ("/pagefind/", "/search/", "/assets/javascripts/sop-search")
FOCUS_ON_FIELD = "() => document.activeElement.classList.contains('md-search__input')"
RESULTS = "() => document.querySelectorAll('.md-search-result__list a.md-search-result__link').length > 0"


def _search_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if any(part in url for part in SEARCH_PATHS)]


@pytest.fixture()
def context_with_log(playwright_chromium):
    """A fresh context (nothing cached) and the list of every URL it requests."""
    made = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 1024})
        context = playwright_chromium.new_context(service_workers="block", **options)
        urls: list[str] = []
        context.on("request", lambda request: urls.append(request.url))
        made.append(context)
        return context, urls

    yield make
    for context in made:
        context.close()


@pytest.mark.parametrize("path", ["/", "/sop/ct-sop-07/", "/sok/"])
def test_page_view_without_search_loads_nothing_for_search(search_site, context_with_log, path):
    context, urls = context_with_log()
    page = context.new_page()
    page.goto(search_site.url(path), wait_until="networkidle")
    page.evaluate("() => window.sopScripts")  # scripts start after the first paint
    page.wait_for_timeout(500)
    assert search_site.url(path) in urls  # the log works
    # The search page loads its own form script, and nothing of the search itself.
    expected = [search_site.url("/assets/javascripts/sop-search-page.js")] if path == "/sok/" else []
    assert _search_requests(urls) == expected


def test_focus_preloads_the_engine_and_typing_finds(search_site, context_with_log):
    context, urls = context_with_log()
    page = context.new_page()
    page.goto(search_site.url("/"), wait_until="networkidle")
    page.evaluate("() => window.sopScripts")  # scripts start after the first paint
    assert _search_requests(urls) == []
    page.focus(".md-search__input")
    # Focus starts the worker, which loads Pagefind while the reader types: each language's
    # module and wasm come in their own order, so wait for the Norwegian one itself (up to 10 s).
    for _ in range(100):
        if any(url.endswith("/pagefind/wasm.nb.pagefind") for url in urls):
            break
        page.wait_for_timeout(100)
    requested = _search_requests(urls)
    assert any(url.endswith("/pagefind/wasm.nb.pagefind") for url in requested)
    assert any(url.endswith("/assets/javascripts/sop-search.js") for url in requested)
    assert any(url.endswith("/assets/javascripts/sop-search-ui.js") for url in requested)
    assert any("/pagefind/pagefind.js" in url for url in requested)
    assert not any(url.endswith("/search/search_index.json") for url in urls)  # answered by the page
    page.keyboard.type("samtykke")
    page.wait_for_function(RESULTS)


@pytest.fixture()
def dialog(search_site, context_with_log):
    """The home page at 1280 px with search focused (the worker and the fixes loaded)."""
    context, _ = context_with_log()
    page = context.new_page()
    page.goto(search_site.url("/"), wait_until="networkidle")
    page.evaluate("() => window.sopScripts")  # scripts start after the first paint
    page.focus(".md-search__input")
    page.wait_for_function("() => document.querySelector('[data-sop-search-status]') !== null")
    return page


def test_result_count_is_announced_in_a_live_region(dialog):
    dialog.keyboard.type("samtykke")
    dialog.wait_for_function(RESULTS)
    status = dialog.locator("[data-sop-search-status]")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    meta = dialog.locator(".md-search-result__meta").inner_text().strip()
    assert re.fullmatch(r"\d+ .+", meta), meta
    dialog.wait_for_function(
        "(text) => document.querySelector('[data-sop-search-status]').textContent === text", arg=meta
    )


def test_result_links_are_named_by_their_title_and_are_no_headings(dialog):
    dialog.keyboard.type("CT-SOP-07")
    dialog.wait_for_function(RESULTS)
    dialog.wait_for_timeout(100)
    links = dialog.locator(".md-search-result__list").get_by_role("link", name=re.compile(r"^CT-SOP-07 Datahåndtering"))
    assert links.count() == 1
    assert dialog.locator(".md-search-result__list").get_by_role("heading").count() == 0


def test_escape_from_field_or_result_returns_focus_to_the_field_on_desktop(dialog):
    dialog.keyboard.type("samtykke")
    dialog.wait_for_function(RESULTS)
    dialog.keyboard.press("Escape")
    dialog.wait_for_function(FOCUS_ON_FIELD)
    assert not dialog.evaluate("() => document.getElementById('__search').checked")
    # From a result: the field again, not <body>.
    dialog.keyboard.type(" barn")
    dialog.wait_for_function("() => document.getElementById('__search').checked")
    dialog.wait_for_timeout(500)  # the answer to the whole query
    dialog.wait_for_function(RESULTS)
    dialog.keyboard.press("ArrowDown")
    assert dialog.evaluate("() => document.activeElement.classList.contains('md-search-result__link')")
    dialog.keyboard.press("Escape")
    dialog.wait_for_function(FOCUS_ON_FIELD)
    assert not dialog.evaluate("() => document.getElementById('__search').checked")


def test_reset_button_is_in_the_tab_order(dialog):
    reset = dialog.locator(".md-search__options button[type=reset]")
    assert reset.get_attribute("tabindex") is None
    assert reset.get_attribute("aria-label") == "Nullstill"
    dialog.keyboard.type("samtykke")
    dialog.keyboard.press("Tab")
    assert dialog.evaluate("() => document.activeElement.getAttribute('type')") == "reset"


@pytest.fixture()
def mobile(search_site, context_with_log):
    context, _ = context_with_log(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(search_site.url("/sop/ct-sop-07/"), wait_until="networkidle")
    page.evaluate("() => window.sopScripts")  # scripts start after the first paint
    return page


def _opener(page):
    return page.locator("[data-a11y-toggle='__search']:visible, label.md-header__button[for='__search']:visible").first


def test_tab_after_the_search_button_skips_the_closed_field_below_960(mobile):
    opener = _opener(mobile)
    opener.focus() if opener.evaluate("e => e.tabIndex >= 0") else mobile.focus("[data-a11y-toggle='__search']")
    mobile.keyboard.press("Tab")
    assert not mobile.evaluate("() => document.activeElement.classList.contains('md-search__input')")
    assert not mobile.evaluate("() => document.getElementById('__search').checked")


def test_mobile_close_is_a_named_button_reached_by_tab(mobile):
    _opener(mobile).click()
    mobile.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    mobile.wait_for_function("() => document.querySelector('[data-sop-search-status]') !== null")
    close = mobile.get_by_role("button", name="Lukk søket")
    assert close.is_visible()
    mobile.keyboard.press("Tab")
    assert mobile.evaluate("() => document.activeElement.classList.contains('sop-search-close')")
    assert mobile.evaluate("() => document.getElementById('__search').checked")  # Tab did not close it
    # Tab and Shift+Tab stay in the open dialog.
    for key in ("Shift+Tab", "Shift+Tab", "Tab", "Tab", "Tab", "Tab"):
        mobile.keyboard.press(key)
        assert mobile.evaluate("() => document.querySelector('.md-search__inner').contains(document.activeElement)"), (
            key
        )
    mobile.focus(".sop-search-close")
    mobile.keyboard.press("Enter")
    assert not mobile.evaluate("() => document.getElementById('__search').checked")
    assert not mobile.evaluate("() => document.activeElement === document.body")
