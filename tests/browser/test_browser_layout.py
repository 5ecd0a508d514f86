"""Reflow at 320 CSS px, language of every page, images with text alternatives, print."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml
from browser_support import ROOT, open_page, review_counts


def test_no_page_scrolls_sideways_at_320px(mobile_crawl):
    wide = {
        path: f"page is {result['layout']['scrollWidth']} px wide in a {result['layout']['clientWidth']} px window"
        for path, result in mobile_crawl.items()
        if result["layout"]["scrollWidth"] > result["layout"]["clientWidth"]
    }
    assert wide == {}


def test_wide_tables_scroll_in_their_own_focusable_named_region_at_320px(mobile_crawl):
    scrolling_tables = 0
    bad = {}
    for path, result in mobile_crawl.items():
        for scroller in result["layout"]["scrollers"]:
            if scroller["hasTable"]:
                scrolling_tables += 1
            if scroller["tabindex"] != "0" or scroller["role"] not in {"region", "table"} or not scroller["name"]:
                bad.setdefault(path, []).append(scroller)
    assert bad == {}
    # The site has wide tables (dashboard, SOP tables): the check above must have seen some.
    assert scrolling_tables > 0


# --- language -------------------------------------------------------------------------


class _Heading(HTMLParser):
    """Text of the first <h1> (without the permalink) and the <html lang>."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.h1 = None
        self._in_h1 = False
        self._skip = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "h1" and self.h1 is None:
            self._in_h1 = True
        elif self._in_h1 and tag == "a" and "headerlink" in (attrs.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.h1 = " ".join("".join(self._text).split())

    def handle_data(self, data):
        if self._in_h1 and not self._skip:
            self._text.append(data)


def _source_languages() -> dict[str, str]:
    """Title -> language for every Markdown source whose front matter sets `language`."""
    found = {}
    for folder in ("docs", "sops", "onepagers"):
        for file in sorted((ROOT / folder).rglob("*.md")):
            text = file.read_text(encoding="utf-8")
            match = re.match(r"---\n(.*?)\n---\n", text, re.S)
            if not match:
                continue
            meta = yaml.safe_load(match.group(1)) or {}
            if not isinstance(meta, dict) or meta.get("language") not in {"nb", "nn", "en"}:
                continue
            title = meta.get("title")
            if not title:
                heading = re.search(r"^# (.+)$", text[match.end() :], re.M)
                title = heading.group(1).strip() if heading else None
            if title:
                found[str(title)] = meta["language"]
    return found


def test_every_page_has_the_language_of_its_content(site):
    by_title = _source_languages()
    assert "en" in by_title.values(), "the site has English pages (e.g. GEN-SOP-02-EN)"
    wrong = {}
    seen = {"nb": 0, "nn": 0, "en": 0}
    for path in site.paths:
        parser = _Heading()
        parser.feed(site.html(path))
        expected = "nb"
        for title, language in by_title.items():
            if parser.h1 and (parser.h1 == title or parser.h1.endswith(" " + title)):
                expected = language
        if parser.lang != expected:
            wrong[path] = f"lang={parser.lang!r}, expected {expected!r} (h1: {parser.h1!r})"
        seen[parser.lang] = seen.get(parser.lang, 0) + 1
    assert wrong == {}
    assert seen["en"] >= 1 and seen["nb"] >= 1


def test_english_pages_have_english_interface_strings(site):
    english = [path for path in site.paths if '<html lang="en"' in site.html(path)]
    assert english
    for path in english:
        html = site.html(path)
        assert re.search(r'class="md-skip">\s*Skip to content\s*<', html), path
        assert 'placeholder="Search"' in html, path
        assert 'aria-label="Switch to dark mode"' in html, path
        assert "Gå til innhold" not in html and 'placeholder="Søk"' not in html, path


def test_norwegian_pages_have_norwegian_interface_strings(site):
    html = site.html("/")
    assert '<html lang="nb"' in html
    assert re.search(r'class="md-skip">\s*Gå til innhold\s*<', html)
    assert 'placeholder="Søk"' in html and 'aria-label="Søk"' in html
    assert 'aria-label="Bytt til mørk modus"' in html


# --- images ---------------------------------------------------------------------------


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.missing: list[str] = []
        self.count = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.count += 1
            attrs = dict(attrs)
            if "alt" not in attrs:
                self.missing.append(attrs.get("src") or "?")


def test_every_image_has_a_text_alternative(site):
    missing = {}
    for path in site.paths:
        parser = _Images()
        parser.feed(site.html(path))
        if parser.missing:
            missing[path] = parser.missing
    assert missing == {}


def test_images_in_the_browser_have_alt_text(site, desktop_page):
    for path in ["/", *site.sop_paths[:3], *site.find("<img")[:5]]:
        open_page(desktop_page, site.url(path))
        without = desktop_page.evaluate(
            "() => [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).map(i => i.src)"
        )
        assert without == [], path


# --- print ----------------------------------------------------------------------------

_PRINT_STATE = """() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].some(el => {
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
  });
  const link = [...document.querySelectorAll('.md-content a[href]')].find(a =>
    !a.getAttribute('href').startsWith('#') && !a.classList.contains('headerlink'));
  return {
    header: shown('.md-header'), nav: shown('.md-sidebar--primary'), toc: shown('.md-sidebar--secondary'),
    search: shown('.md-search'), footer: shown('.md-footer'),
    meta: shown('.sop-meta'), notice: shown('.sop-notice'), title: shown('h1'),
    linkHref: link ? link.href : null, linkAfter: link ? getComputedStyle(link, '::after').content : null,
  };
}"""


def test_sop_pages_print_cleanly(site, make_context):
    with_notice = [path for path in site.sop_paths if "sop-notice" in site.html(path)]
    # The real content on the real date: notices exist exactly when the register says so.
    counts = review_counts(site.root)
    assert bool(with_notice) == bool(counts["overdue"] + counts["due_soon"] + counts["not_applicable"]), counts
    page = make_context().new_page()
    page.emulate_media(media="print")
    for path in [*with_notice[:1], site.sop_paths[0]]:
        open_page(page, site.url(path))
        state = page.evaluate(_PRINT_STATE)
        assert not state["header"] and not state["nav"] and not state["toc"], (path, state)
        assert not state["search"] and not state["footer"], (path, state)
        assert state["meta"] and state["title"], (path, state)
        if path == with_notice[0]:
            assert state["notice"], (path, state)
        assert state["linkHref"] and state["linkHref"] in state["linkAfter"], (path, state)
    page.close()
