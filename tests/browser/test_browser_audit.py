"""Findings of the manual audit (issue 17) outside the keyboard: no JavaScript, language
of parts, 400 % zoom, forced colours and print.
"""

from __future__ import annotations

import io
import re

import pdfplumber
from browser_support import DESKTOP, open_page, settle

from sopmodel.model.labels import LABELS

# ---- Without JavaScript ----

_NOJS_STOPS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rect = el.getBoundingClientRect();
  return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + (el.getAttribute('aria-label')
            || el.textContent.replace(/\\s+/g, ' ').trim()).slice(0, 40),
          size: [Math.round(rect.width), Math.round(rect.height)], id: el.id,
          inMenu: !!el.closest('.md-sidebar--primary'),
          visible: rect.width >= 1 && rect.height >= 1 && getComputedStyle(el).visibility === 'visible'};
}"""


def _nojs_tab_stops(page, limit=40):
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(_NOJS_STOPS))
    return stops


def test_without_javascript_the_header_offers_the_list_of_all_procedures(site, make_context):
    page = make_context(java_script_enabled=False).new_page()
    open_page(page, site.url("/"), javascript=False)
    link = page.locator(".md-header a.a11y-nojs-search")
    assert link.is_visible()
    assert link.inner_text() == "Alle prosedyrer"
    assert link.get_attribute("href") in ("sops/", "sok/")
    page.close()


def test_without_javascript_no_tab_stop_is_invisible(site, make_context):
    page = make_context(java_script_enabled=False).new_page()
    open_page(page, site.url("/"), javascript=False)
    stops = _nojs_tab_stops(page, limit=8)
    page.close()
    assert [stop["what"] for stop in stops if stop and not stop["visible"] and stop["id"] != "__drawer"] == []


def test_without_javascript_the_menu_opens_with_the_keyboard_below_1220px(site, make_context):
    page = make_context(java_script_enabled=False, viewport={"width": 1000, "height": 800}).new_page()
    open_page(page, site.url(site.sop_paths[0]), javascript=False)
    stops = _nojs_tab_stops(page, limit=6)
    assert any(stop and stop["id"] == "__drawer" for stop in stops), [stop and stop["what"] for stop in stops]
    assert page.get_attribute("#__drawer", "aria-label") == "Navigasjon"
    page.focus("#__drawer")
    outline = page.evaluate(
        "() => getComputedStyle(document.querySelector('.md-header label[for=__drawer]')).outlineStyle"
    )
    assert outline != "none"
    page.keyboard.press("Space")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    # Without JavaScript no script in the page can report the end of the drawer's CSS
    # transition (animation frames never run), so this one wait is a fixed time.
    page.wait_for_timeout(400)
    for _ in range(10):
        page.keyboard.press("Tab")
        stop = page.evaluate(_NOJS_STOPS)
        if stop and stop["inMenu"]:
            break
    assert stop and stop["inMenu"] and stop["visible"], stop
    page.close()


# ---- Language of parts (3.1.2) ----

_LANGS = """() => {
  const langOf = el => (el.closest('[lang]') || document.documentElement).getAttribute('lang');
  const out = {page: document.documentElement.lang, nav: [], refs: [],
               description: document.querySelector('meta[name=description]').content};
  for (const a of document.querySelectorAll('.md-nav--primary a[href*="sop/"]')) {
    const text = a.querySelector('.md-ellipsis');
    const titled = text && text.querySelector('[lang]') || text;
    out.nav.push({href: a.getAttribute('href'), lang: titled ? langOf(titled) : langOf(a)});
  }
  const refs = 'article a.sop-ref, .sop-referrers a, .sop-list a, table a[href*="sop/"]';
  for (const a of document.querySelectorAll(refs)) {
    // [[ID|own words]] is in the words of the page that links, not in the SOP's.
    if (a.matches('.sop-ref') && !/^[A-Z]+-SOP-[0-9]+ /.test(a.textContent)) continue;
    const titled = a.querySelector('[lang]') || a;
    out.refs.push({href: a.getAttribute('href'), lang: langOf(titled)});
  }
  return out;
}"""


def _sop_languages(site) -> dict[str, str]:
    """Each SOP's address (/sop/<id>/) and language, from its built page."""
    found = {}
    for path in site.sop_paths:
        match = re.search(r'<html lang="([a-z]+)"', site.html(path))
        found[path] = match.group(1)
    return found


def _resolve(base: str, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin("http://x" + base, href).removeprefix("http://x").split("#")[0]


def test_every_sop_title_has_its_sops_language_wherever_it_appears(site, desktop_page):
    languages = _sop_languages(site)
    english = next(path for path, lang in languages.items() if lang == "en")
    referring = [path for path in site.sop_paths if "sop-ref" in site.html(path)][:3]
    pages = [english, "/", "/sops/", "/revisjonsoversikt/", *referring]
    wrong = []
    checked = 0
    for path in dict.fromkeys(pages):
        open_page(desktop_page, site.url(path))
        state = desktop_page.evaluate(_LANGS)
        for item in state["nav"] + state["refs"]:
            target = _resolve(path, item["href"])
            if target in languages:
                checked += 1
                if item["lang"] != languages[target]:
                    wrong.append(f"{path}: link to {target} is lang={item['lang']}, the SOP is {languages[target]}")
    assert checked > 30
    assert wrong == []


def test_english_pages_mark_norwegian_labels_and_have_an_english_description(site, desktop_page):
    english = next(path for path, lang in _sop_languages(site).items() if lang == "en")
    open_page(desktop_page, site.url(english))
    state = desktop_page.evaluate(_LANGS)
    assert state["page"] == "en"
    assert state["description"].startswith("National standard operating procedures")
    unmarked = desktop_page.evaluate(
        """() => [...document.querySelectorAll('.md-nav--primary .md-ellipsis')]
          .filter(el => ['Hjem', 'Prosedyrer (SOP)', 'Revisjonsoversikt', 'Ordliste'].includes(el.textContent.trim()))
          .filter(el => (el.closest('[lang]') || document.documentElement).lang !== 'nb'
                        && !el.querySelector('[lang=nb]'))
          .map(el => el.textContent.trim())"""
    )
    assert unmarked == []


def test_home_page_english_paragraph_is_marked_english(site, desktop_page):
    open_page(desktop_page, site.url("/"))
    lang = desktop_page.evaluate(
        """() => { const p = [...document.querySelectorAll('article p')].find(p => p.textContent.startsWith('English'));
                   return p && (p.closest('[lang]') || document.documentElement).lang; }"""
    )
    assert lang == "en"


# ---- 400 % zoom: a 1280 px window at 400 % is 320 x 256 CSS pixels ----

_COVER = """() => {
  let covered = 0;
  for (const el of document.querySelectorAll('.md-header, .md-top, .md-tabs')) {
    const style = getComputedStyle(el);
    if (!['fixed', 'sticky'].includes(style.position)) continue;
    if (style.visibility === 'hidden' || +style.opacity === 0) continue;
    const rect = el.getBoundingClientRect();
    covered += Math.max(0, Math.min(rect.bottom, innerHeight) - Math.max(rect.top, 0));
  }
  return covered;
}"""


def test_at_400_percent_zoom_header_and_back_to_top_cover_little(site, make_context):
    page = make_context(viewport={"width": 320, "height": 256}).new_page()
    open_page(page, site.url(max(site.sop_paths, key=lambda p: len(site.html(p)))))
    page.mouse.move(160, 128)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => scrollY > 0", timeout=3000)
    page.mouse.wheel(0, -400)  # scrolling up shows the back-to-top button
    page.wait_for_function("() => !document.querySelector('.md-top').hidden", timeout=3000)
    settle(page)
    covered = page.evaluate(_COVER)
    page.close()
    assert covered <= 256 * 0.2, f"{covered} of 256 px covered"


# ---- Forced colours (Windows high contrast) ----

_FORCED = """() => {
  const probe = document.createElement('span');
  probe.style.color = 'CanvasText';
  document.body.append(probe);
  const text = getComputedStyle(probe).color;
  probe.remove();
  const icon = document.querySelector('.md-typeset .admonition-title');
  const header = getComputedStyle(document.querySelector('.md-header'));
  const form = getComputedStyle(document.querySelector('.md-search__form'));
  const navIcon = document.querySelector('.md-nav__icon');
  return {
    canvasText: text,
    notice: icon ? getComputedStyle(icon, '::before').backgroundColor : null,
    navIcon: navIcon ? getComputedStyle(navIcon, '::after').backgroundColor : null,
    header: parseFloat(header.borderBottomWidth), search: parseFloat(form.borderTopWidth),
  };
}"""


def test_forced_colours_keep_icons_and_borders(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    page.emulate_media(forced_colors="active")
    notice = next(path for path in site.sop_paths if "sop-notice" in site.html(path))
    open_page(page, site.url(notice))
    state = page.evaluate(_FORCED)
    page.close()
    assert state["notice"] == state["canvasText"], state
    assert state["navIcon"] == state["canvasText"], state
    assert state["header"] >= 1 and state["search"] >= 1, state


# ---- Print ----


def _pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.within_bbox(page.bbox).extract_text() or "" for page in document.pages)


def test_dashboard_prints_every_rows_status_on_a4(site, make_context):
    page = make_context(viewport=DESKTOP).new_page()
    dashboard = next(path for path in site.find('class="sop-table"') if "sop-status--" in site.html(path))
    open_page(page, site.url(dashboard))
    page.emulate_media(media="print")
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.sop-table tbody tr')]
          .filter(tr => tr.querySelector('.sop-status'))
          .map(tr => [tr.cells[0].innerText.trim(), tr.querySelector('.sop-status').innerText.trim()])"""
    )
    text = _pdf_text(page.pdf(format="A4", print_background=False))
    page.close()
    words = {LABELS["nb"][key] for key in ("overdue", "due_soon", "current", "not_applicable")}
    assert len(rows) >= 10 and {status for _, status in rows} <= words
    lines = text.splitlines()
    missing = [
        f"{first} {status}" for first, status in rows if not any(first in line and status in line for line in lines)
    ]
    assert missing == []
    for word in words:
        on_screen = sum(status == word for _, status in rows)
        assert len(re.findall(re.escape(word), text)) >= on_screen, word
