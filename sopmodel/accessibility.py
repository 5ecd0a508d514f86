"""The result of the automated accessibility check, for the accessibility statement.

The browser tests (tests/browser) run axe-core on every page of the built site. With
UPDATE_A11Y_REPORT=1 they write the summary made by `make_report` to
docs/assets/accessibility-check.json and put the text made by `render_results` into
docs/tilgjengelighet.md between the two markers. `fill_results` can also be called at
build time (from a hook) so that the page always shows the committed JSON.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

START = "<!-- a11y-check:start -->"
END = "<!-- a11y-check:end -->"

CHECK_TITLES = {
    "pages 1280x1024-light": "Alle sider, 1280 × 1024 piksler, lyst fargetema",
    "pages 1280x1024-dark": "Alle sider, 1280 × 1024 piksler, mørkt fargetema",
    "pages 320x640-light": "Alle sider, 320 × 640 piksler (mobil), lyst fargetema",
    "search 1280x1024-light": "Søkedialogen åpen, med og uten treff, 1280 × 1024, lyst",
    "search 1280x1024-dark": "Søkedialogen åpen, med og uten treff, 1280 × 1024, mørkt",
    "search 320x640-light": "Søkedialogen åpen, med og uten treff, 320 × 640, lyst",
}

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def make_report(record: dict, checked_on: datetime.date) -> dict:
    """Summarise the axe results of one test run.

    `record` maps a check name to {"pages": [checked page or state, ...], "violations":
    {rule: number of failing elements}}; the key "_meta" holds tool versions.

    >>> record = {"_meta": {"axe": "4.14.1", "browser": "156", "tags": ["wcag2a"]},
    ...           "pages 1280x1024-light": {"pages": ["/", "/om/"], "violations": {}},
    ...           "search 1280x1024-light": {"pages": ["/ results"], "violations": {"color-contrast": 2}}}
    >>> report = make_report(record, datetime.date(2026, 11, 26))
    >>> report["pages_checked"], report["runs"], report["violations_total"]
    (2, 3, 2)
    >>> report["checks"][1]
    {'name': 'search 1280x1024-light', 'runs': 1, 'violations': {'color-contrast': 2}}
    """
    meta = record.get("_meta", {})
    checks = []
    pages: set[str] = set()
    for name, entry in record.items():
        if name == "_meta":
            continue
        checks.append({"name": name, "runs": len(entry["pages"]), "violations": dict(sorted(entry["violations"].items()))})
        if name.startswith("pages "):
            pages.update(entry["pages"])
    return {
        "checked_on": checked_on.isoformat(),
        "standard": "WCAG 2.1 AA",
        "tool": f"axe-core {meta.get('axe', '?')}",
        "browser": f"Chromium {meta.get('browser', '?')} (headless)",
        "rule_tags": list(meta.get("tags", [])),
        "pages_checked": len(pages),
        "runs": sum(check["runs"] for check in checks),
        "violations_total": sum(sum(check["violations"].values()) for check in checks),
        "checks": checks,
    }


def _date(iso: str) -> str:
    """A date in Norwegian words.

    >>> _date("2026-11-26")
    '26. november 2026'
    """
    day = datetime.date.fromisoformat(iso)
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def render_results(report: dict) -> str:
    """The Markdown (in Norwegian) shown on the accessibility statement.

    >>> text = render_results({"checked_on": "2026-11-26", "standard": "WCAG 2.1 AA", "tool": "axe-core 4.14.1",
    ...     "browser": "Chromium 156", "rule_tags": ["wcag2a"], "pages_checked": 25, "runs": 75,
    ...     "violations_total": 0, "checks": [{"name": "pages 320x640-light", "runs": 25, "violations": {}}]})
    >>> "Ingen brudd" in text and "25 sider" in text
    True
    """
    total = report["violations_total"]
    verdict = (
        "**Ingen brudd** ble funnet."
        if total == 0
        else f"**{total} brudd** ble funnet; de er listet i tabellen og blir rettet."
    )
    rows = []
    for check in report["checks"]:
        found = ", ".join(f"`{rule}`: {count}" for rule, count in check["violations"].items()) or "ingen"
        rows.append(f"| {CHECK_TITLES.get(check['name'], check['name'])} | {check['runs']} | {found} |")
    tags = ", ".join(f"`{tag}`" for tag in report["rule_tags"])
    return "\n".join(
        [
            f"Siste automatiske kontroll ble kjørt **{_date(report['checked_on'])}** med {report['tool']} i "
            f"{report['browser']}. Den kontrollerte alle {report['pages_checked']} sider på nettstedet, "
            f"i {report['runs']} kjøringer, mot reglene merket {tags}. {verdict}",
            "",
            "| Kontroll | Kjøringer | Brudd (regel: antall elementer) |",
            "| --- | ---: | --- |",
            *rows,
        ]
    )


def fill_results(markdown: str, report: dict) -> str:
    """Replace the text between the markers in `markdown` with `render_results(report)`.

    >>> fill_results(f"a\\n{START}\\nold\\n{END}\\nb", {"checked_on": "2026-01-02", "standard": "", "tool": "t",
    ...     "browser": "b", "rule_tags": [], "pages_checked": 1, "runs": 1, "violations_total": 0,
    ...     "checks": []}).splitlines()[2][:40]
    'Siste automatiske kontroll ble kjørt **2'
    """
    if START not in markdown or END not in markdown:
        return markdown
    head, rest = markdown.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render_results(report)}\n{END}{tail}"


def fill_from_file(markdown: str, report_file: Path) -> str:
    """`fill_results` with the report read from a JSON file; `markdown` unchanged if it is missing."""
    if not report_file.is_file():
        return markdown
    return fill_results(markdown, json.loads(report_file.read_text(encoding="utf-8")))
