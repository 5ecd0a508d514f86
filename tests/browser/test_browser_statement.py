"""The accessibility statement shows the committed result of the latest automated check."""

from __future__ import annotations

import json

from browser_support import REPORT_FILE, ROOT

from sopmodel import accessibility


def test_statement_shows_the_committed_check_result():
    report = json.loads(REPORT_FILE.read_text(encoding="utf-8"))
    page = (ROOT / "docs" / "tilgjengelighet.md").read_text(encoding="utf-8")
    assert accessibility.START in page and accessibility.END in page
    assert accessibility.fill_results(page, report) == page, (
        "docs/tilgjengelighet.md is out of date with docs/assets/accessibility-check.json: "
        "run `UPDATE_A11Y_REPORT=1 make test`"
    )
    assert report["standard"] == "WCAG 2.1 AA"
    assert report["pages_checked"] > 0 and report["violations_total"] == 0


def test_statement_is_linked_from_every_page(site):
    missing = [path for path in site.paths if 'class="a11y-statement-link"' not in site.html(path)]
    assert missing == []
    assert "Tilgjengelighetserklæring" in site.html("/tilgjengelighet/")
