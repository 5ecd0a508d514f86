"""Measure the PDF tools for OnePagers (issue 7): WeasyPrint against headless Chromium.

Both tools print the same standalone HTML of every OnePager (the page's HTML as the
build makes it, with docs/assets/print.css) in one run. Chromium (Debian's
/usr/bin/chromium through Playwright) is the baseline; WeasyPrint's numbers are
printed as ratios to it.

    .venv/bin/python benchmarks/onepager_pdf.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

import markdown
import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sopmodel.model.collection import load_collection  # noqa: E402
from sopmodel.model.onepagers import OnePager, load_onepagers  # noqa: E402
from sopmodel.model.settings import settings_from_mkdocs_yml  # noqa: E402
from sopmodel.site.onepager_html import page_title, render_onepager_page  # noqa: E402
from sopmodel.site.pdf import html_to_pdf, print_document  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
PRINT_CSS = ROOT / "docs" / "assets" / "print.css"
PUBLIC_URL = "https://sop.example.org/"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]


def documents() -> list[tuple[OnePager, str]]:
    """Return every OnePager with its standalone print document."""
    settings = settings_from_mkdocs_yml(ROOT / "mkdocs.yml")
    today = settings.resolve_today()
    sops = load_collection(ROOT, settings, today).sops
    pages = load_onepagers(ROOT, settings.onepagers_dir, today)
    found = []
    for page in pages.ordered():
        body = markdown.markdown(page.document.body, extensions=["attr_list", "tables", "def_list"])
        url = f"{PUBLIC_URL}onepagers/{page.id.lower()}/"
        html = render_onepager_page(page, pages, sops, lambda source: PUBLIC_URL + source, body, url)
        found.append((page, print_document(html, page_title(page), str(page.meta["language"]))))
    return found


def describe(data: bytes, page: OnePager) -> dict[str, object]:
    """Return what matters about one PDF: pages, size, tags, title, language, text."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
        catalog = pdf.doc.catalog
        return {
            "pages": len(pdf.pages),
            "bytes": len(data),
            "tagged": "StructTreeRoot" in catalog,
            "lang": catalog.get("Lang", b"").decode() if isinstance(catalog.get("Lang"), bytes) else "",
            "title": (pdf.metadata.get("Title") or "") == page_title(page),
            "text": page.title in text and " ".join(str(page.meta["goal"]).split()) in text,
        }


def run_weasyprint(docs, repeat: int, site: Path) -> tuple[list[float], list[dict]]:
    times, facts = [], []
    for page, html in docs:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = html_to_pdf(html, f"{PUBLIC_URL}onepagers/{page.id.lower()}/", [PRINT_CSS], site, PUBLIC_URL)
            runs.append(time.perf_counter() - start)
        times.append(min(runs))
        facts.append(describe(result.data, page))
    return times, facts


def run_chromium(docs, repeat: int) -> tuple[float, list[float], list[dict]]:
    from playwright.sync_api import sync_playwright

    css = PRINT_CSS.read_text(encoding="utf-8")
    times, facts = [], []
    with sync_playwright() as playwright:
        start = time.perf_counter()
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        tab = browser.new_page()
        launch = time.perf_counter() - start
        for page, html in docs:
            runs = []
            for _ in range(repeat):
                start = time.perf_counter()
                tab.set_content(html)
                tab.add_style_tag(content=css)
                data = tab.pdf(prefer_css_page_size=True, tagged=True)
                runs.append(time.perf_counter() - start)
            times.append(min(runs))
            facts.append(describe(data, page))
        browser.close()
    return launch, times, facts


def summary(name: str, times: list[float], facts: list[dict]) -> dict[str, float]:
    one_page = sum(fact["pages"] == 1 for fact in facts)
    size = statistics.mean(fact["bytes"] for fact in facts)
    print(
        f"{name:<11} {statistics.mean(times) * 1000:7.0f} ms/PDF  {sum(times):6.2f} s total  "
        f"{size / 1000:6.1f} kB/PDF  one page: {one_page}/{len(facts)}  "
        f"tagged: {sum(f['tagged'] for f in facts)}/{len(facts)}  "
        f"lang: {sorted({f['lang'] for f in facts})}  title: {sum(f['title'] for f in facts)}/{len(facts)}  "
        f"title+goal in text: {sum(f['text'] for f in facts)}/{len(facts)}"
    )
    return {"time": statistics.mean(times), "size": size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per PDF; the fastest counts (default 3)")
    args = parser.parse_args()
    docs = documents()
    print(f"{len(docs)} OnePagers, fastest of {args.repeat} runs each\n")
    with tempfile.TemporaryDirectory() as site:
        # One untimed run: WeasyPrint loads fonts and its CSS defaults on first use.
        html_to_pdf(docs[0][1], PUBLIC_URL, [PRINT_CSS], Path(site), PUBLIC_URL)
        weasy_times, weasy_facts = run_weasyprint(docs, args.repeat, Path(site))
    if not CHROMIUM.exists():
        summary("WeasyPrint", weasy_times, weasy_facts)
        print(f"\n{CHROMIUM} is missing: no baseline, no ratios.")
        return 1
    launch, chrome_times, chrome_facts = run_chromium(docs, args.repeat)
    base = summary("Chromium", chrome_times, chrome_facts)
    print(f"{'':<11} + {launch * 1000:.0f} ms to launch the browser once per build")
    weasy = summary("WeasyPrint", weasy_times, weasy_facts)
    print(
        f"\nWeasyPrint / Chromium: time per PDF {weasy['time'] / base['time']:.2f}x, "
        f"time for all incl. launch {sum(weasy_times) / (sum(chrome_times) + launch):.2f}x, "
        f"size {weasy['size'] / base['size']:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
