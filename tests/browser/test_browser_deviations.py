"""The search findings of the manual audit (issue 17), and how known deviations are kept honest.

A finding that is not fixed yet is a test here marked with `deviation("<id>")`
(``xfail(strict=True)``) and an entry in docs/assets/accessibility-deviations.yml, so it
must fail: when a fix makes it pass, the run fails until the marker and the entry are
removed, and the statement page no longer lists it (test_browser_statement.py keeps the
three in step). The six search findings were listed this way until the search work fixed
them; their tests now guard the fixes.
"""

from __future__ import annotations

import re

import pytest
from browser_support import DESKTOP, open_page, settle


def deviation(entry_id: str):
    """Mark a test as the check of a known deviation (an entry in accessibility-deviations.yml)."""
    return pytest.mark.xfail(strict=True, reason=f"known deviation: {entry_id}")


PHONE = {"width": 390, "height": 844}


def _search_with_results(page, query="prosedyre"):
    page.focus(".md-search__input")
    page.keyboard.type(query)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=10000)


def test_escape_from_search_returns_the_focus_to_the_search_field(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    open_page(page, site.url("/"))
    _search_with_results(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked", timeout=3000)
    # Back to a control in the header (the search field), not to the top of the page.
    assert page.evaluate("() => !!document.activeElement.closest('.md-header')")


def test_search_result_count_is_announced_in_a_live_region(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    open_page(page, site.url("/"))
    _search_with_results(page)
    # The count is announced once the reader pauses (the region is updated after a short delay).
    page.wait_for_function(
        """() => /\\d/.test([...document.querySelectorAll('.md-search [aria-live], .md-search [role=status]')]
          .map(el => el.textContent.trim()).join(' '))""",
        timeout=5000,
    )


def test_search_results_are_named_links_without_h1(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    open_page(page, site.url("/"))
    _search_with_results(page)
    results = page.locator(".md-search-result__list")
    links = page.locator(".md-search-result__list a").count()
    named = results.get_by_role("link", name=re.compile(r"\w")).count()
    assert links > 0 and named == links
    # No result is a heading for assistive technology (an h1 may stay, with role=none).
    assert page.locator(".md-search-result__list h1:not([role=none])").count() == 0


def test_search_reset_button_is_a_tab_stop(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    open_page(page, site.url("/"))
    _search_with_results(page)
    assert page.evaluate("() => document.querySelector('.md-search__form button[type=reset]').tabIndex") >= 0


def test_mobile_search_has_a_named_close_button(site, make_context):
    page = make_context(viewport=PHONE).new_page()
    open_page(page, site.url("/"))
    page.click("button[data-a11y-toggle='__search']")
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=3000)
    close = page.evaluate(
        """() => [...document.querySelectorAll('.md-search__form [for="__search"], .md-search__form button')]
          .filter(el => el.type !== 'reset' && el.getClientRects().length)
          .map(el => ({tab: el.tabIndex, role: el.getAttribute('role') || el.tagName.toLowerCase(),
                       name: el.getAttribute('aria-label') || ''}))"""
    )
    assert any(item["tab"] >= 0 and item["role"] == "button" and item["name"] for item in close), close


def test_tab_after_the_mobile_search_button_does_not_open_search(site, make_context):
    page = make_context(viewport=PHONE).new_page()
    open_page(page, site.url("/"))
    page.focus("button[data-a11y-toggle='__search']")
    page.keyboard.press("Tab")
    settle(page)  # a dialog the key opened would have faded in by now
    assert not page.evaluate("() => document.getElementById('__search').checked")
