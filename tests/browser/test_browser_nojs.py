"""Review status, notices and the dashboard are understandable without colour and without JavaScript."""

from __future__ import annotations

from browser_support import open_page, review_counts

from sopmodel.model.labels import LABELS

STATUS_KEYS = ("overdue", "due_soon", "current", "not_applicable")
STATUS_WORDS = {LABELS[language][key] for language in LABELS for key in STATUS_KEYS}

_STATUS = """() => ({
  js: document.documentElement.classList.contains('js'),
  badges: [...document.querySelectorAll('.sop-status')].map(el => ({
    cls: el.className, text: el.innerText.replace(/\\s+/g, ' ').trim(),
    visible: el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden',
  })),
  notices: [...document.querySelectorAll('.sop-notice')].map(el => ({
    cls: el.className, title: (el.querySelector('.admonition-title') || {innerText: ''}).innerText.trim(),
    text: el.innerText.replace(/\\s+/g, ' ').trim(),
    visible: el.getClientRects().length > 0,
  })),
  tables: [...document.querySelectorAll('.sop-table')].map(el => ({
    name: el.getAttribute('aria-labelledby') && document.getElementById(el.getAttribute('aria-labelledby'))
      ? document.getElementById(el.getAttribute('aria-labelledby')).innerText.trim() : el.getAttribute('aria-label'),
    tabindex: el.getAttribute('tabindex'), rows: el.querySelectorAll('tbody tr').length,
  })),
})"""


def _status_problems(state) -> list[str]:
    problems = []
    for badge in state["badges"]:
        kind = next((key for key in STATUS_KEYS if f"sop-status--{key}" in badge["cls"]), None)
        words = {LABELS[language][kind] for language in LABELS} if kind else STATUS_WORDS
        if not badge["visible"] or badge["text"] not in words:
            problems.append(f"status badge {badge}")
    for notice in state["notices"]:
        if not notice["visible"] or not notice["title"] or len(notice["text"]) <= len(notice["title"]) + 10:
            problems.append(f"notice without words {notice}")
    return problems


def test_status_notices_and_dashboard_in_words_without_javascript(site, nojs_page):
    page = nojs_page
    checked = {"badges": 0, "notices": 0, "tables": 0}
    problems = {}
    for path in [*site.sop_paths, *site.find('class="sop-table"'), *site.find("sop-status")]:
        open_page(page, site.url(path), javascript=False)
        state = page.evaluate(_STATUS)
        assert state["js"] is False, "JavaScript must be off in this context"
        found = _status_problems(state)
        for table in state["tables"]:
            if not table["name"] or table["tabindex"] != "0" or table["rows"] == 0:
                found.append(f"dashboard table {table}")
        if found:
            problems[path] = found
        checked["badges"] += len(state["badges"])
        checked["notices"] += len(state["notices"])
        checked["tables"] += len(state["tables"])
    assert problems == {}
    # The real content on the real date: notices exist exactly when the register says so.
    counts = review_counts(site.root)
    expect_notices = counts["overdue"] + counts["due_soon"] + counts["not_applicable"] > 0
    assert checked["badges"] > 0 and checked["tables"] > 0 and (checked["notices"] > 0) == expect_notices, checked


def test_status_is_not_told_by_colour_alone(site, nojs_page):
    """Grey-scale rendering: every status still reads the same, because the words carry it."""
    page = nojs_page
    dashboard = next(path for path in site.find('class="sop-table"') if "sop-status--" in site.html(path))
    open_page(page, site.url(dashboard), javascript=False)
    before = page.evaluate(_STATUS)["badges"]
    # (add_style_tag would wait for a load event that never comes without JavaScript.)
    page.evaluate("""() => {
      const style = document.createElement('style');
      style.textContent = 'html { filter: grayscale(1) !important; }';
      document.head.append(style);
    }""")
    after = page.evaluate(_STATUS)["badges"]
    assert before and [badge["text"] for badge in before] == [badge["text"] for badge in after]
    kinds = {next(key for key in STATUS_KEYS if f"sop-status--{key}" in badge["cls"]) for badge in before}
    texts = {badge["text"] for badge in before}
    # One wording per status: two statuses never share the same words.
    assert len(texts) == len(kinds)
