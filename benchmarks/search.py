"""Search benchmark (issue 5): the query set through the site's real search in Chromium.

Builds the site (or a copy with N extra synthetic SOPs), serves it on 127.0.0.1, types
every query of search/queries.yml into Material's search dialog in headless Debian
Chromium, and prints recall@1, recall@5 and MRR@5 (overall and per kind), the index
size (raw and gzip), what a reader downloads before the first result (gzip) and the
time from the last keystroke to the first result on a cold page.

    .venv/bin/python benchmarks/search.py               # the real site
    .venv/bin/python benchmarks/search.py --sops 1000   # plus 1,000 synthetic SOPs
    .venv/bin/python benchmarks/search.py --json        # one JSON object instead of a table
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from build import write_sops  # noqa: E402 - the synthetic SOP generator of the build benchmark

QUERIES = ROOT / "search" / "queries.yml"
TODAY = "2026-11-26"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEARCH_FILES = ("pagefind/", "search/", "assets/javascripts/sop-search.js")
UNUSED_PAGEFIND = ("pagefind-ui", "pagefind-component-ui", "pagefind-modular-ui", "pagefind-highlight", "pagefind-worker")

# Material sends every keystroke's query to the search worker, which answers only the
# newest (sop-search.js echoes it as `query`). A reader waits for the answer to the
# whole query: waiting for a quiet result list instead read an empty or stale list
# whenever one search took longer than the quiet time (all 1,000-SOP figures were 0).
_WATCH_WORKER = """(() => {
  const Native = window.Worker;
  const watch = window.__search = {posted: null, answered: null, answeredAt: null};
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const data = event.data || {};
        if (data.type === 3) { watch.answered = data.data.query; watch.answeredAt = performance.now(); }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { watch.posted = message.data; watch.answered = null; }
      return super.postMessage(message, ...rest);
    }
  };
})();"""
# Resolves with the result links once the worker has answered the query now in the box.
_ANSWERED = """async (query) => {
  const watch = window.__search;
  const start = performance.now();
  while (!(watch.posted === query && watch.answered === query)) {
    if (performance.now() - start > 30000) throw new Error(`no answer: ${JSON.stringify(watch)}`);
    await new Promise(r => setTimeout(r, 10));
  }
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 30)));
  const list = document.querySelector('.md-search-result__list');
  return [...list.querySelectorAll('a.md-search-result__link')].map(a => a.getAttribute('href'));
}"""
_WATCH = """() => {
  window.__bench = {lastKey: null};
  addEventListener('keydown', () => { window.__bench.lastKey = performance.now(); }, true);
}"""


def build(project: Path, target: Path, strict: bool = True) -> float:
    """Build `project` into `target` (`--strict` for the real site); return seconds."""
    env = {**os.environ, "SOP_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-d", str(target)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def scaled_project(workdir: Path, count: int) -> Path:
    """Return a copy of the project with `count` synthetic SOPs beside the real ones."""
    project = workdir / "project"
    project.mkdir()
    for name in ("docs", "overrides", "onepagers", "sops"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("hooks.py", "mkdocs.yml"):
        shutil.copy(ROOT / name, project)
    (project / "sopmodel").mkdir()  # only watched by `mkdocs serve`; the package is installed
    write_sops(project / "sops" / "benchmark", count)
    return project


def gzip_size(path: Path) -> int:
    """Size of `path` gzipped as a web server would (level 6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def index_size(site: Path) -> dict[str, int]:
    """Raw and gzip bytes of the files the search can load, and the number of files."""
    files = [
        path
        for path in (site / "pagefind").rglob("*")
        if path.is_file() and not path.name.startswith(UNUSED_PAGEFIND)
    ]
    files += [site / "search" / "vocabulary.json", site / "search" / "search_index.json"]
    files.append(site / "assets" / "javascripts" / "sop-search.js")
    return {
        "files": len(files),
        "raw": sum(path.stat().st_size for path in files),
        "gzip": sum(gzip_size(path) for path in files),
    }


def sop_of(href: str) -> str:
    """The SOP id of a result link ("../sop/ct-sop-07/?h=x" -> "CT-SOP-07"), else the path."""
    path = urlsplit(href).path
    parts = [part for part in path.split("/") if part and part != ".."]
    if len(parts) >= 2 and parts[-2] == "sop":
        return parts[-1].upper()
    return path


def open_search(page) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("/")
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)


def cold_first_result(browser, site_url: str, site: Path, query: str) -> dict:
    """Fresh context, home page: bytes downloaded and ms from the last keystroke to the first result."""
    context = browser.new_context()
    context.add_init_script(_WATCH_WORKER)
    fetched: list[str] = []
    context.on("requestfinished", lambda request: fetched.append(request.url))
    page = context.new_page()
    page.goto(site_url + "/", wait_until="load")
    page.evaluate(_WATCH)
    open_search(page)
    page.keyboard.type(query)
    page.wait_for_function(f"() => window.__search.answered === {json.dumps(query)}", timeout=30000)
    timing = page.evaluate("() => ({lastKey: window.__bench.lastKey, firstResult: window.__search.answeredAt})")
    page.wait_for_load_state("networkidle")
    context.close()
    paths = [unquote(urlsplit(url).path).lstrip("/") for url in fetched if url.startswith(site_url)]
    files = []
    for path in dict.fromkeys(paths):
        file = site / path
        files.append(file / "index.html" if file.is_dir() else file)
    search_files = [file for file in files if file.relative_to(site).as_posix().startswith(SEARCH_FILES)]
    return {
        "ms_after_last_key": round(timing["firstResult"] - timing["lastKey"], 1),
        "download_gzip": sum(gzip_size(file) for file in files if file.is_file()),
        "search_download_gzip": sum(gzip_size(file) for file in search_files if file.is_file()),
        "search_requests": len(search_files),
    }


def run_queries(browser, site_url: str, queries: list[dict]) -> list[dict]:
    """Type each query into the search dialog of one page; return the top-10 SOPs per query."""
    context = browser.new_context()
    context.add_init_script(_WATCH_WORKER)
    page = context.new_page()
    page.goto(site_url + "/", wait_until="load")
    open_search(page)
    page.keyboard.type("warm up")
    page.evaluate(_ANSWERED, "warm up")
    rows = []
    for query in queries:
        page.fill(".md-search__input", "")
        start = time.perf_counter()
        page.keyboard.type(query["q"])
        hrefs = page.evaluate(_ANSWERED, query["q"])
        seconds = time.perf_counter() - start
        found = [sop_of(href) for href in hrefs][:10]
        expected = [str(item).upper() for item in query["expect"]]
        rank = next((n for n, sop in enumerate(found, start=1) if sop in expected), None)
        rows.append({**query, "found": found[:5], "rank": rank, "seconds": seconds})
    context.close()
    return rows


def score(rows: list[dict]) -> dict[str, float]:
    """recall@1, recall@5 and MRR@5 of `rows`."""
    ranks = [row["rank"] for row in rows]
    return {
        "n": len(rows),
        "recall@1": sum(rank == 1 for rank in ranks) / len(rows),
        "recall@5": sum(rank is not None and rank <= 5 for rank in ranks) / len(rows),
        "mrr@5": sum(1 / rank for rank in ranks if rank is not None and rank <= 5) / len(rows),
    }


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sops", type=int, default=0, help="synthetic SOPs to add to the real ones")
    parser.add_argument("--site", type=Path, help="use this built site instead of building")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-misses", action="store_true", help="list queries not answered first")
    args = parser.parse_args()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        site, build_seconds = args.site, None
        if site is None:
            project = scaled_project(work, args.sops) if args.sops else ROOT
            site = work / "site"
            build_seconds = build(project, site, strict=not args.sops)
        server, url = serve(site)
        os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
                cold = [cold_first_result(browser, url, site, q) for q in ("samtykke", "CT-SOP-07", "monitoring plan")]
                rows = run_queries(browser, url, queries)
                browser.close()
        finally:
            server.shutdown()
        pages = len(list(site.rglob("*.html")))
        report = {
            "sops_added": args.sops,
            "html_pages": pages,
            "build_seconds": build_seconds,
            **score(rows),
            "by_kind": {kind: score([r for r in rows if r["kind"] == kind]) for kind in dict.fromkeys(r["kind"] for r in rows)},
            "index": index_size(site),
            "cold_first_result": cold,
            "median_query_seconds": statistics.median(row["seconds"] for row in rows),
            "misses": [
                {"q": row["q"], "expect": row["expect"], "rank": row["rank"], "found": row["found"]}
                for row in rows
                if row["rank"] != 1
            ],
        }
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        return
    out = sys.stdout.write
    out(f"Site: {pages} HTML pages ({args.sops} synthetic SOPs added)")
    out(f", built in {build_seconds:.1f} s\n" if build_seconds else "\n")
    out(f"Queries: {report['n']}  recall@1 {report['recall@1']:.3f}  recall@5 {report['recall@5']:.3f}  ")
    out(f"MRR@5 {report['mrr@5']:.3f}\n")
    for kind, figures in report["by_kind"].items():
        out(f"  {kind:<13} n={figures['n']:<3} recall@1 {figures['recall@1']:.2f}  recall@5 {figures['recall@5']:.2f}\n")
    index = report["index"]
    out(f"Index: {index['files']} files, {index['raw'] / 1024:.0f} KiB raw, {index['gzip'] / 1024:.0f} KiB gzip\n")
    for query, cold_run in zip(("samtykke", "CT-SOP-07", "monitoring plan"), cold, strict=True):
        out(
            f"Cold page, '{query}': first result {cold_run['ms_after_last_key']:.0f} ms after the last key; "
            f"downloaded {cold_run['download_gzip'] / 1024:.0f} KiB gzip in all, "
            f"{cold_run['search_download_gzip'] / 1024:.0f} KiB for search ({cold_run['search_requests']} files)\n"
        )
    out(f"Median time per query (typing included): {report['median_query_seconds'] * 1000:.0f} ms\n")
    if args.show_misses:
        for miss in report["misses"]:
            out(f"  miss: {miss['q']!r} expected {miss['expect']} rank {miss['rank']} got {miss['found']}\n")


if __name__ == "__main__":
    main()
