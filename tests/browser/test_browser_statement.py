"""The accessibility statement shows the committed result of the latest automated check."""

from __future__ import annotations

import importlib
import json

from browser_support import DEVIATIONS_FILE, REPORT_FILE, ROOT

from sopmodel.site import accessibility


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


def _deviation_checks() -> dict[str, tuple[str, bool]]:
    """Every test in tests/browser marked as a known deviation: node id -> (deviation id, strict)."""
    found = {}
    for path in sorted((ROOT / "tests" / "browser").glob("test_*.py")):
        module = importlib.import_module(path.stem)
        for name, function in vars(module).items():
            for mark in getattr(function, "pytestmark", []) if name.startswith("test_") else []:
                reason = str(mark.kwargs.get("reason", ""))
                if mark.name == "xfail" and reason.startswith("known deviation: "):
                    node = f"{path.relative_to(ROOT).as_posix()}::{name}"
                    found[node] = (reason.removeprefix("known deviation: "), bool(mark.kwargs.get("strict")))
    return found


def test_statement_lists_the_known_deviations_in_step_with_the_failing_checks():
    deviations = accessibility.load_deviations(DEVIATIONS_FILE)
    page = (ROOT / "docs" / "tilgjengelighet.md").read_text(encoding="utf-8")
    assert accessibility.DEVIATIONS_START in page and accessibility.DEVIATIONS_END in page
    assert accessibility.fill_deviations(page, deviations) == page, (
        "docs/tilgjengelighet.md is out of date with docs/assets/accessibility-deviations.yml: run "
        ".venv/bin/python -c 'from pathlib import Path; from sopmodel import accessibility; "
        'accessibility.update_statement(Path("docs/tilgjengelighet.md"), '
        'Path("docs/assets/accessibility-deviations.yml"))\''
    )
    # Each deviation is a check that fails (strict xfail), and each such check is listed.
    assert {item.test: (item.id, True) for item in deviations} == _deviation_checks()
    assert len({item.id for item in deviations}) == len(deviations)


def test_statement_says_how_to_report_a_barrier_and_where_it_is_published(site):
    html = site.html("/tilgjengelighet/")
    assert 'href="mailto:sop@norcrin.no"' in html
    assert 'href="https://uustatus.no"' in html
    assert "Meld fra om en barriere" in html
    assert "Vi kjenner ikke til avvik" not in html
