"""No page loads anything from a host other than the site itself."""

from __future__ import annotations

from browser_support import open_page, open_search


def test_no_request_leaves_the_site(site, make_context, request_log):
    # Every page with JavaScript (and the search index), on top of whatever the other
    # browser tests of this session loaded: the log covers every context of the session.
    page = make_context().new_page()
    for path in site.paths:
        open_page(page, site.url(path))
    open_search(page, "results")
    page.wait_for_load_state("networkidle")
    page.close()
    assert request_log.foreign_urls() == []
    requested = set(request_log.urls)
    # The log works: it saw the pages, the theme's assets and the search index.
    assert site.url("/") in requested
    assert any(url.endswith("/search/pages.json") for url in requested)
    assert any(url.endswith("/assets/javascripts/a11y.js") for url in requested)
