"""The result of the automated accessibility check, for the accessibility statement.

The browser tests (tests/browser) run axe-core on every page of the built site. With
UPDATE_A11Y_REPORT=1 they write the summary made by `make_report` to
docs/assets/accessibility-check.json and put the text made by `render_results` into
docs/tilgjengelighet.md between the two markers. `fill_results` can also be called at
build time (from a hook) so that the page always shows the committed JSON.
"""

from __future__ import annotations

import dataclasses
import datetime
import html as html_lib
import re
from pathlib import Path
from typing import Any

import yaml

from sopmodel.model.labels import format_date
from sopmodel.site.templating import wrap_table

START = "<!-- a11y-check:start -->"
END = "<!-- a11y-check:end -->"

# ruff: noqa: RUF001 - readers see check titles with the multiplication sign
CHECK_TITLES = {
    "pages 1280x1024-light": "Alle sider, 1280 × 1024 piksler, lyst fargetema",
    "pages 1280x1024-dark": "Alle sider, 1280 × 1024 piksler, mørkt fargetema",
    "pages 320x640-light": "Alle sider, 320 × 640 piksler (mobil), lyst fargetema",
    "search 1280x1024-light": "Søkedialogen åpen, med og uten treff, 1280 × 1024, lyst",
    "search 1280x1024-dark": "Søkedialogen åpen, med og uten treff, 1280 × 1024, mørkt",
    "search 320x640-light": "Søkedialogen åpen, med og uten treff, 320 × 640, lyst",
}


def make_report(record: dict[str, Any], checked_on: datetime.date) -> dict[str, Any]:
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
    checks: list[dict[str, Any]] = []
    pages: set[str] = set()
    for name, entry in record.items():
        if name == "_meta":
            continue
        checks.append(
            {"name": name, "runs": len(entry["pages"]), "violations": dict(sorted(entry["violations"].items()))}
        )
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
    return format_date(datetime.date.fromisoformat(iso), "nb")


def render_results(report: dict[str, Any]) -> str:
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


def fill_results(markdown: str, report: dict[str, Any]) -> str:
    r"""Replace the text between the markers in `markdown` with `render_results(report)`.

    >>> fill_results(f"a\n{START}\nold\n{END}\nb", {"checked_on": "2026-01-02", "standard": "", "tool": "t",
    ...     "browser": "b", "rule_tags": [], "pages_checked": 1, "runs": 1, "violations_total": 0,
    ...     "checks": []}).splitlines()[2][:40]
    'Siste automatiske kontroll ble kjørt **2'
    """
    return _replace_between(markdown, START, END, render_results(report))


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_TAG = re.compile(r"<[^>]+>")
_REGION_OPENED = re.compile(r'<div class="sop-table[^"]*" role="region"[^>]*>\s*\Z')


def wrap_tables(html: str, language: str = "nb") -> str:
    r"""Put every plain Markdown table in a named, focusable region that scrolls sideways.

    WCAG 2.1.1 and 1.4.10: at 320 px a wide table scrolls inside its own region, which
    keyboard users must be able to focus. Doing it in the HTML makes it work without
    JavaScript too (a11y.js does the same in the browser otherwise). The region is named
    after the table's first column headers; names on one page are unique.

    >>> wrapped = wrap_tables("<table><thead><tr><th>Rolle</th><th><em>Ansvar</em></th></tr></thead></table>")
    >>> print(wrapped.replace("><", ">\n<", 1))
    <div class="sop-table" role="region" aria-label="Tabell: Rolle, Ansvar" tabindex="0">
    <table><thead><tr><th>Rolle</th><th><em>Ansvar</em></th></tr></thead></table></div>
    >>> wrap_tables("<table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>", "en").count('"Table (2)"')
    1
    >>> wrap_tables("<table><tr><th>A &amp; B</th></tr></table>")[:81]
    '<div class="sop-table" role="region" aria-label="Tabell: A &amp; B" tabindex="0">'
    >>> wrap_tables('<table class="x"></table>')
    '<table class="x"></table>'

    A table that a generated page already put in a region stays as it is (one tab stop):

    >>> wrap_tables('<div class="sop-table" role="region" aria-label="T" tabindex="0">\n<table></table>\n</div>')
    '<div class="sop-table" role="region" aria-label="T" tabindex="0">\n<table></table>\n</div>'
    """
    word = "Table" if language == "en" else "Tabell"
    seen: dict[str, int] = {}

    def wrap(match: re.Match[str]) -> str:
        if _REGION_OPENED.search(html, max(0, match.start() - 300), match.start()):
            return match.group(0)
        heads = [
            " ".join(html_lib.unescape(_TAG.sub("", cell)).split()) for cell in _HEADER_CELL.findall(match.group(1))
        ]
        heads = [head for head in heads if head][:3]
        name = f"{word}: {', '.join(heads)}" if heads else word
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name} ({seen[name]})"
        return wrap_table(match.group(0), label=name)

    return _TABLE.sub(wrap, html)


# ---- Known deviations (issue 17) ----

DEVIATIONS_START = "<!-- a11y-deviations:start -->"
DEVIATIONS_END = "<!-- a11y-deviations:end -->"
_DEVIATION_FIELDS = ("id", "wcag", "title", "description", "found_on", "test")


@dataclasses.dataclass(frozen=True)
class Deviation:
    """A known deviation from the requirements, with the test that checks it.

    Attributes:
        id: Short name, also the reason of the test's xfail marker.
        wcag: The WCAG success criteria it fails ("2.4.3").
        title: What fails, in a few words (Norwegian).
        description: What a reader meets (Norwegian).
        found_on: When it was found.
        test: The pytest node id of the check that fails while the deviation lasts.
    """

    id: str
    wcag: tuple[str, ...]
    title: str
    description: str
    found_on: datetime.date
    test: str


class DeviationError(ValueError):
    """The deviations file is not as documented at its top."""


def load_deviations(path: Path) -> list[Deviation]:
    """Read the deviations file (docs/assets/accessibility-deviations.yml).

    Raises:
        DeviationError: naming the file and the entry when a field is missing or wrong.
    """
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise DeviationError(f"{path}: expected a list of deviations, got {type(entries).__name__}")
    found = []
    for number, entry in enumerate(entries, start=1):
        missing = [name for name in _DEVIATION_FIELDS if not isinstance(entry, dict) or entry.get(name) in (None, "")]
        if missing:
            raise DeviationError(f"{path}: deviation {number}: missing {', '.join(missing)}")
        if not isinstance(entry["found_on"], datetime.date):
            raise DeviationError(f"{path}: deviation {number}: 'found_on' must be a date like 2026-12-04")
        found.append(
            Deviation(
                str(entry["id"]),
                tuple(str(item) for item in entry["wcag"]),
                str(entry["title"]),
                " ".join(str(entry["description"]).split()),
                entry["found_on"],
                str(entry["test"]),
            )
        )
    return found


def render_deviations(deviations: list[Deviation]) -> str:
    """The Markdown list of known deviations (Norwegian) for the statement.

    >>> day = datetime.date(2026, 12, 4)
    >>> print(render_deviations([Deviation("a", ("2.4.3",), "Søk: fokus", "Fokus går til toppen.", day, "t")]))
    Disse avvikene er kjent og blir rettet. For hvert av dem feiler en automatisk test til det er rettet.
    <BLANKLINE>
    - **Søk: fokus** (WCAG 2.4.3, registrert 4. desember 2026): Fokus går til toppen.
    >>> render_deviations([])[:44]
    'Ingen avvik fra kravene står åpne nå (kjente'
    """
    if not deviations:
        return (
            "Ingen avvik fra kravene står åpne nå (kjente avvik føres i docs/assets/accessibility-deviations.yml). "
            "Den manuelle gjennomgangen 4. desember 2026 fant avvik som axe-core ikke ser; de er rettet, og hvert "
            "av dem kontrolleres nå av en egen test i nettleseren. Finner du en barriere, vil vi gjerne høre om den."
        )
    lines = [
        "Disse avvikene er kjent og blir rettet. For hvert av dem feiler en automatisk test til det er rettet.",
        "",
    ]
    for item in deviations:
        criteria = ", ".join(item.wcag)
        lines.append(
            f"- **{item.title}** (WCAG {criteria}, registrert {_date(item.found_on.isoformat())}): {item.description}"
        )
    return "\n".join(lines)


def _replace_between(markdown: str, start: str, end: str, text: str) -> str:
    """Replace what stands between the markers `start` and `end` with `text`; unchanged without them."""
    if start not in markdown or end not in markdown:
        return markdown
    head, rest = markdown.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{text}\n{end}{tail}"


def fill_deviations(markdown: str, deviations: list[Deviation]) -> str:
    """Replace the text between the deviation markers in `markdown` with `render_deviations`."""
    return _replace_between(markdown, DEVIATIONS_START, DEVIATIONS_END, render_deviations(deviations))


def update_statement(statement: Path, deviations_file: Path) -> bool:
    """Write the deviations of `deviations_file` into the statement page; True if it changed."""
    text = statement.read_text(encoding="utf-8")
    filled = fill_deviations(text, load_deviations(deviations_file))
    if filled != text:
        statement.write_text(filled, encoding="utf-8")
    return filled != text
