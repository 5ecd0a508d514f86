"""Shared helpers for the browser tests (imported by conftest.py and the test modules).

Nothing here downloads a browser: Playwright launches Debian's /usr/bin/chromium and
axe-core comes from the npm package pinned in package-lock.json.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
REPORT_FILE = ROOT / "docs" / "assets" / "accessibility-check.json"
DEVIATIONS_FILE = ROOT / "docs" / "assets" / "accessibility-deviations.yml"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
LOCAL_SCHEMES = {"data", "blob", "about"}
STYLE_ELEMENT = re.compile(r"<style>.*?</style>", re.S)
DESKTOP = {"width": 1280, "height": 1024}
MOBILE = {"width": 320, "height": 640}


@dataclasses.dataclass(frozen=True)
class Site:
    """The built site and the address it is served on."""

    root: Path
    base_url: str

    @functools.cached_property
    def paths(self) -> list[str]:
        """Every HTML page of the built site as a URL path ("/", "/sops/ct-sop-01/", "/404.html")."""
        found = []
        for html in sorted(self.root.rglob("*.html")):
            relative = html.relative_to(self.root).as_posix()
            if relative == "index.html":
                found.append("/")
            elif relative.endswith("/index.html"):
                found.append("/" + relative.removesuffix("index.html"))
            else:
                found.append("/" + relative)
        return found

    @functools.cached_property
    def sop_paths(self) -> list[str]:
        """The SOP pages: those with the SOP metadata block (wherever their URL is)."""
        return [path for path in self.paths if 'class="sop-meta"' in self.html(path)]

    def find(self, marker: str) -> list[str]:
        """Pages whose built HTML contains `marker`."""
        return [path for path in self.paths if marker in self.html(path)]

    def url(self, path: str) -> str:
        return self.base_url + path

    def html(self, path: str) -> str:
        """The built HTML of a page, by URL path, with its <style> elements emptied.

        Every page holds the site's stylesheets (sopmodel/critical_css.py), and with them
        every class name of the site: a test that looks for the pages with, say,
        "sop-notice" means the elements, not the CSS.
        """
        file = self.root / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        return STYLE_ELEMENT.sub("<style></style>", file.read_text(encoding="utf-8"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the built site, without a log line per request."""

    def log_message(self, format, *args):
        pass


def review_counts(site_root: Path) -> dict[str, int]:
    """Return the number of SOPs per review status in the built site's review register."""
    report = json.loads((site_root / "review-report.json").read_text(encoding="utf-8"))
    counts = dict.fromkeys(("overdue", "due_soon", "current", "not_applicable"), 0)
    for sop in report["sops"]:
        counts[sop["review_status"]] += 1
    return counts


def build_site(target: Path) -> subprocess.CompletedProcess:
    """Build the site from the repository's own content, as `make site` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def is_local(url: str) -> bool:
    """True for the test server and for data:, blob: and about: URLs.

    >>> is_local("http://127.0.0.1:8000/assets/x.css"), is_local("https://api.github.com/repos/x")
    (True, False)
    """
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname == "127.0.0.1"


class RequestLog:
    """Every request the pages made; requests to any other host are recorded and refused."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.refused: list[str] = []

    def attach(self, context) -> None:
        context.on("request", lambda request: self.urls.append(request.url))
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort("blockedbyclient")

    def foreign_urls(self) -> list[str]:
        """Requested URLs whose host is not the test server, in order, without repeats."""
        return list(dict.fromkeys([*self.refused, *(url for url in self.urls if not is_local(url))]))


def open_page(page, url: str, javascript: bool = True) -> None:
    """Load a page and, with JavaScript on, wait until Material's JavaScript has set it up."""
    response = page.goto(url, wait_until="load")
    assert response is not None, f"{url}: no response"
    assert response.ok or url.endswith("/404.html"), f"{url}: HTTP {response.status}"
    if javascript:
        # The scripts start after the first paint (overrides/partials/after-paint.html);
        # then two animation frames: Material's components mount right after they run.
        page.evaluate("() => window.sopScripts")
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
  }));
}"""


def run_axe(page) -> list[dict]:
    """Run axe-core on the page as it is now; return the violations (id, impact, help, nodes)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(_AXE_RUN, AXE_TAGS)


def format_violations(found: dict[str, list[dict]]) -> str:
    """One readable block per page and rule, for assertion messages."""
    lines = []
    for where, violations in found.items():
        for violation in violations:
            lines.append(f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                summary = " ".join(node["summary"].split())[:300]
                lines.append(f"    {node['target']}  --  {summary}")
            if len(violation["nodes"]) > 5:
                lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


_SEARCH_READY = """(want) => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const meta = document.querySelector('.md-search-result__meta');
  const items = document.querySelectorAll('.md-search-result__item').length;
  if (!document.getElementById('__search').checked || !meta) return false;
  const text = meta.textContent.trim();
  if (want === 'empty') return text === config.translations['search.result.placeholder'];
  if (want === 'none') return text === config.translations['search.result.none'] && items === 0;
  return items > 0;
}"""

SEARCH_STATES = {
    # state: query typed into the search box
    "open-empty": "",
    "results": "prosedyre",
    "no-results": "xqzvyk",
}


def open_search(page, state: str) -> None:
    """Open the search dialog with the keyboard and bring it to `state` (see SEARCH_STATES)."""
    # Not with "/": single-key shortcuts are off outside text fields (WCAG 2.1.4).
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    button = page.locator("button[data-a11y-toggle='__search']")
    if button.is_visible():
        button.click()
    else:
        page.focus(".md-search__input")
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)
    page.wait_for_function(_SEARCH_READY, arg="empty", timeout=10000)
    query = SEARCH_STATES[state]
    if query:
        page.keyboard.type(query)
        page.wait_for_function(_SEARCH_READY, arg="none" if state == "no-results" else "results", timeout=10000)
    settle(page)


def settle(page) -> None:
    """Wait until running CSS transitions and animations (e.g. the dialog fading in) end,
    so that axe measures colours as they end up, not half-way."""
    page.evaluate(
        """() => Promise.all(document.getAnimations()
             .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
             .map(a => a.finished.catch(() => null)))
           .then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"""
    )


def write_report(record: dict) -> None:
    """Write the axe results of this run for the accessibility statement (UPDATE_A11Y_REPORT=1)."""
    import datetime
    import json

    from sopmodel.site import accessibility

    report = accessibility.make_report(record, checked_on=datetime.date.today())  # noqa: DTZ011 - a local date
    REPORT_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    statement = ROOT / "docs" / "tilgjengelighet.md"
    if statement.exists():
        text = statement.read_text(encoding="utf-8")
        statement.write_text(accessibility.fill_results(text, report), encoding="utf-8")
        accessibility.update_statement(statement, DEVIATIONS_FILE)
