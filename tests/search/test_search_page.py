"""The search page /sok/ (issue 15) in the real browser: filters with counts, the filters in
the address, the A-Z list without JavaScript, and axe with the filters in use."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
from browser_support import AXE_SCRIPT, format_violations, run_axe, settle

RESULTS = "() => document.querySelectorAll('.sop-search-results li').length > 0"


@pytest.fixture()
def page_at(search_site, playwright_chromium):
    """page_at(address, **context options) -> a page of a fresh context at that address."""
    contexts = []

    def open_at(address: str, **options):
        options.setdefault("viewport", {"width": 1280, "height": 1024})
        context = playwright_chromium.new_context(service_workers="block", **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(search_site.url(address), wait_until="networkidle")
        return page

    yield open_at
    for context in contexts:
        context.close()


def _status(page) -> str:
    return page.locator(".sop-search-count").inner_text().strip()


def _hrefs(page) -> list[str]:
    return page.eval_on_selector_all(".sop-search-results a", "links => links.map(a => new URL(a.href).pathname)")


def _count(page, facet: str, value: str) -> str:
    return page.locator(f"input[name={facet}][value='{value}'] + label [data-count]").inner_text()


def test_filters_are_labelled_checkboxes_with_counts(page_at):
    page = page_at("/sok/")
    page.focus("#sop-search-q")  # the counts come once the reader turns to the form
    page.wait_for_function("() => document.querySelector('.sop-search-count').textContent !== ''")
    # Every SOP of the site, by status and family (19 SOPs: 3 not active).
    assert _count(page, "kind", "sop") == "(19)"
    assert _count(page, "status", "withdrawn") == "(1)"
    assert _count(page, "status", "superseded") == "(1)"
    assert _count(page, "owner", "AP8 DATA") == "(1)"
    assert _count(page, "language", "en") == "(5)"
    label = page.get_by_role("checkbox", name=re.compile(r"^Trukket tilbake \(1\)$"))
    assert label.count() == 1
    assert page.locator(".sop-search-count").get_attribute("role") == "status"


def test_filter_narrows_the_results_and_updates_the_counts_and_the_address(page_at):
    page = page_at("/sok/")
    page.fill("#sop-search-q", "samtykke")
    page.wait_for_function(RESULTS)
    assert "/sop/gen-sop-02/" in _hrefs(page)
    assert "/sop/gen-sop-02-en/" in _hrefs(page)
    page.get_by_role("checkbox", name=re.compile(r"^Engelsk")).check()
    page.wait_for_function("() => document.querySelector('.sop-search-count').textContent.includes('1 filter')")
    hrefs = _hrefs(page)
    assert hrefs[0] == "/sop/gen-sop-02-en/"
    assert "/sop/gen-sop-02/" not in hrefs
    assert re.fullmatch(r"\d+ treff med 1 filter", _status(page)), _status(page)
    assert page.evaluate("() => location.search") == "?s=samtykke&language=en"


def test_address_with_filters_opens_the_same_search(page_at):
    page = page_at("/sok/?owner=AP8+DATA&kind=sop")
    page.wait_for_function(RESULTS)
    assert page.locator("input[name=owner][value='AP8 DATA']").is_checked()
    assert page.locator("input[name=kind][value=sop]").is_checked()
    assert _hrefs(page) == ["/sop/ct-sop-07/"]
    assert _status(page) == "1 treff med 2 filtre"
    page.get_by_role("button", name="Fjern alle filtre").click()
    page.wait_for_function("() => location.search === ''")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("kildedataverifikasjon", "/sop/ct-sop-04/"), ("protokollmal", "/sop/ct-sop-02/")],
)
def test_search_page_finds_compounds(page_at, query, expected):
    page = page_at(f"/sok/?s={query}")
    page.wait_for_function(RESULTS)
    assert page.locator("#sop-search-q").input_value() == query
    assert _hrefs(page)[0] == expected


def test_without_javascript_the_page_lists_every_sop_and_attachment_by_family(search_site, page_at):
    page = page_at("/sok/", java_script_enabled=False)
    assert page.locator(".sop-search-form").is_hidden()
    families = page.locator("h3").all_inner_texts()
    assert "CT – legemiddelstudier (CTR)" in families
    assert "MU – medisinsk utstyr" in families
    links = page.eval_on_selector_all(".sop-az > li > a", "links => links.map(a => new URL(a.href).pathname)")
    sops = {f"/sop/{path.strip('/').split('/')[-1]}/" for path in search_site.sop_paths}
    assert set(links) == sops  # every SOP, withdrawn and superseded ones too
    ct = page.locator("h3#familie-2 + ul.sop-az")
    assert ct.locator("> li > a .sop-id").all_inner_texts()[:3] == ["CT-SOP-01", "CT-SOP-02", "CT-SOP-03"]
    item = page.locator(".sop-az > li", has=page.locator(".sop-id", has_text="CT-SOP-11"))
    assert "(Trukket tilbake)" in item.inner_text()  # status in words
    attachments = page.eval_on_selector_all(".sop-az ul a", "links => links.map(a => a.textContent)")
    assert "Checklist for SUSAR reporting" in " ".join(attachments)
    # The header's search field is replaced by a link to this page.
    home = page_at("/", java_script_enabled=False)
    assert home.get_by_role("link", name="Søk", exact=True).first.get_attribute("href") == "sok/"


@pytest.mark.parametrize(
    "mode",
    [("light", 1280), ("dark", 1280), ("light", 320)],
    ids=["1280-light", "1280-dark", "320-light"],
)
def test_search_page_with_filters_in_use_passes_axe(page_at, mode):
    scheme, width = mode
    page = page_at("/sok/?s=samtykke&status=active", viewport={"width": width, "height": 800}, color_scheme=scheme)
    page.add_script_tag(path=str(AXE_SCRIPT))
    page.wait_for_function(RESULTS)
    if scheme == "dark":
        page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    settle(page)
    violations = run_axe(page)
    assert violations == [], format_violations({f"/sok/ {scheme} {width}": violations})
