"""axe-core finds no violations (WCAG 2.0/2.1/2.2 A and AA, best practice) on any page.

Every page of the built site is checked at 1280x1024 in the light and the dark colour
scheme and at 320x640 in the light scheme; the search dialog is checked open, with
results and without results. Rules are never turned off: fixes go in the theme.
"""

from __future__ import annotations

import pytest
from browser_support import (
    AXE_SCRIPT,
    AXE_TAGS,
    DESKTOP,
    MOBILE,
    SEARCH_STATES,
    format_violations,
    open_page,
    open_search,
    run_axe,
    settle,
)

MODES = {
    "1280x1024-light": {"viewport": DESKTOP, "color_scheme": "light"},
    "1280x1024-dark": {"viewport": DESKTOP, "color_scheme": "dark"},
    "320x640-light": {"viewport": MOBILE, "color_scheme": "light"},
}
# Material's palette switch sets this attribute on <body>; the same page load is
# checked in both schemes (test_browser_keyboard.py checks the switch itself).
SCHEMES = {"light": "default", "dark": "slate"}


def _record(axe_record, check: str, page, path: str, violations: list[dict]) -> None:
    entry = axe_record.setdefault(check, {"pages": [], "violations": {}})
    entry["pages"].append(path)
    for violation in violations:
        entry["violations"][violation["id"]] = entry["violations"].get(violation["id"], 0) + len(violation["nodes"])
    meta = axe_record.setdefault("_meta", {})
    if "axe" not in meta:
        meta["axe"] = page.evaluate("() => axe.version")
        meta["browser"] = page.context.browser.version
        meta["tags"] = AXE_TAGS


def _axe_page(make_context, **options):
    context = make_context(**options)
    context.add_init_script(path=str(AXE_SCRIPT))
    return context.new_page()


def _set_scheme(page, scheme: str) -> None:
    # As Material does: no colour transitions while switching, or axe measures mid-fade.
    page.evaluate(
        """(scheme) => {
          document.body.setAttribute('data-md-color-switching', '');
          document.body.setAttribute('data-md-color-scheme', scheme);
          return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
            document.body.removeAttribute('data-md-color-switching'); r();
          })));
        }""",
        SCHEMES[scheme],
    )


def test_no_axe_violations_on_any_page_1280_light_and_dark(site, make_context, axe_record):
    page = _axe_page(make_context, viewport=DESKTOP)
    found = {}
    for path in site.paths:
        open_page(page, site.url(path))
        for scheme in ("light", "dark"):
            _set_scheme(page, scheme)
            settle(page)
            violations = run_axe(page)
            _record(axe_record, f"pages 1280x1024-{scheme}", page, path, violations)
            if violations:
                found[f"1280x1024 {scheme} {path}"] = violations
    page.close()
    assert len(site.paths) >= 2
    if found:
        pytest.fail(f"axe-core violations on {len(found)} page checks:\n" + format_violations(found), pytrace=False)


def test_no_axe_violations_on_any_page_320(site, mobile_crawl, axe_record):
    found = {}
    for path, result in mobile_crawl.items():
        _record(axe_record, "pages 320x640-light", result["page"], path, result["violations"])
        if result["violations"]:
            found[f"320x640 light {path}"] = result["violations"]
    assert sorted(mobile_crawl) == sorted(site.paths)
    if found:
        pytest.fail(f"axe-core violations on {len(found)} pages at 320 px:\n" + format_violations(found), pytrace=False)


def test_dark_scheme_follows_the_system_setting(site, make_context):
    page = make_context(color_scheme="dark").new_page()
    open_page(page, site.url("/"))
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate"
    page.close()


SEARCH_MODES = {
    "1280x1024-light": ["/", "sop", "/revisjonsoversikt/"],
    "1280x1024-dark": ["/", "sop"],
    "320x640-light": ["/", "sop"],
}


@pytest.mark.parametrize("mode", SEARCH_MODES)
def test_no_axe_violations_with_search_dialog_open(site, make_context, axe_record, mode):
    options = MODES[mode]
    page = _axe_page(make_context, viewport=options["viewport"])
    paths = [site.sop_paths[0] if path == "sop" else path for path in SEARCH_MODES[mode]]
    found = {}
    for path in paths:
        for state in SEARCH_STATES:
            open_page(page, site.url(path))
            _set_scheme(page, options["color_scheme"])
            open_search(page, state)
            violations = run_axe(page)
            _record(axe_record, f"search {mode}", page, f"{path} {state}", violations)
            if violations:
                found[f"{mode} {path} search {state}"] = violations
    page.close()
    if found:
        pytest.fail("axe-core violations with the search dialog open:\n" + format_violations(found), pytrace=False)
