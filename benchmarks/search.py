"""Search benchmark (issues 5 and 15): the query sets through the site's real search in Chromium.

In one run, for the real site and for a copy with 1,000 synthetic SOPs, each built with
compound splitting on and off (SOP_SEARCH_DECOMPOUND=0): serves the site on 127.0.0.1,
types every query of search/queries.yml (tuned on), search/queries-unseen.yml (written
before the tuning), search/queries-heldout.yml (written after it) and
search/queries-fresh.yml (written before the second round of ranking changes; none of
the three tuned on) into Material's search dialog in headless Debian Chromium, and prints
recall@1, recall@5 and MRR@5 overall and per kind; the bytes a page view without a search
downloads for search; the bytes and the time from the last keystroke to the first result
on a cold page (typed at once, and at 80 ms a key); and the index size.

    .venv/bin/python benchmarks/search.py                    # real site and 1,000 SOPs, on and off
    .venv/bin/python benchmarks/search.py --sops 0 --no-off  # only the real site, splitting on
    .venv/bin/python benchmarks/search.py --site DIR          # an already built site
    .venv/bin/python benchmarks/search.py --json             # one JSON object instead of tables
"""

from __future__ import annotations

import argparse
import datetime
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

QUERY_SETS = {
    # Tuned on.
    "tuned": ROOT / "search" / "queries.yml",
    # Written before the tuning of issue 15, never tuned on (its misses are never shown).
    "early": ROOT / "search" / "queries-unseen.yml",
    # Written after the tuning, measured once with no change after.
    "heldout": ROOT / "search" / "queries-heldout.yml",
    # Written before the second round of ranking changes, measured before and after them.
    "fresh": ROOT / "search" / "queries-fresh.yml",
    # Written before the third round (2026-12-07), run once after it.
    "round3": ROOT / "search" / "queries-round3.yml",
    # Written on 2026-12-07 by a helper who never saw the search code, the glossary or the
    # other query sets, from the SOPs' content alone; measured before the fourth round.
    "round4": ROOT / "search" / "queries-round4.yml",
    # Written on 2026-12-07 like round4, by another helper, before the fourth round's
    # changes; run once, after them. Never tuned on.
    "round5": ROOT / "search" / "queries-round5.yml",
    # Written on 2026-12-07 like round4 and round5, by a third helper, after the fourth
    # round's changes; run once. Never tuned on.
    "round6": ROOT / "search" / "queries-round6.yml",
    # Written on 2026-12-07 like the others, by a fourth helper; run once (round7 results), then
    # tuned on from the next session.
    "round7": ROOT / "search" / "queries-round7.yml",
    # Written on 2026-12-07 (late) like the others, by a fifth helper, before this session's
    # search changes; run once on main at c596988 (round8 results), then tuned on from 2026-12-08.
    "round8": ROOT / "search" / "queries-round8.yml",
    # Written on 2026-12-08 like the others, by a sixth helper, after this session's search
    # changes; run once on the final state (round9 results), then tuned on from the next session.
    "round9": ROOT / "search" / "queries-round9.yml",
    # Written on 2026-12-08 like the others, by a seventh helper, before this session's search
    # changes; run before and after them, its misses never shown. Never tuned on.
    "round10": ROOT / "search" / "queries-round10.yml",
    # Written on 2026-12-08 (stop 26) like the others, by an eighth helper, before that session's
    # glossary changes; run before and after them, its misses never shown. Never tuned on.
    "round11": ROOT / "search" / "queries-round11.yml",
}
# Sets whose misses may be shown: early, heldout and fresh were tuned on from 2026-12-07
# (their untuned figures: benchmarks/results/search-2026-12-07-before-round3.md).
TUNED_SETS = (
    "tuned",
    "early",
    "heldout",
    "fresh",
    "round4",
    "round5",
    "round6",
    "round7",
    "round8",
    "round9",
)
COLD_QUERIES = ("samtykke", "CT-SOP-07", "monitoring plan")
IDLE_PAGES = ("/", "/sop/ct-sop-07/")
KEY_DELAY_MS = 80
# The day of the run: the real SOPs are reviewed on real dates (a fixed day went stale).
TODAY = datetime.datetime.now(tz=datetime.UTC).date().isoformat()
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
SEARCH_FILES = ("pagefind/", "search/", "assets/javascripts/sop-search")
UNUSED_PAGEFIND = (
    "pagefind-ui",
    "pagefind-component-ui",
    "pagefind-modular-ui",
    "pagefind-highlight",
    "pagefind-worker",
)

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


def build(project: Path, target: Path, strict: bool = True, decompound: bool = True) -> float:
    """Build `project` into `target` (`--strict` for the real site); return seconds."""
    env = {**os.environ, "SOP_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env["SOP_SEARCH_DECOMPOUND"] = "1" if decompound else "0"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-d", str(target)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start


def scaled_project(workdir: Path, count: int) -> Path:
    """Return a copy of the project with `count` synthetic SOPs beside the real ones."""
    project = workdir / "project"
    project.mkdir()
    for name in ("docs", "overrides", "onepagers", "sops", "implementering"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("hooks.py", "mkdocs.yml", "glossary.yml"):
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
        path for path in (site / "pagefind").rglob("*") if path.is_file() and not path.name.startswith(UNUSED_PAGEFIND)
    ]
    files += [path for path in (site / "search").glob("*.json") if path.name != "search_index.json"]
    files += sorted((site / "assets" / "javascripts").glob("sop-search*.js"))
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
    # The page's scripts start after the first paint (overrides/partials/after-paint.html);
    # a reader cannot focus the field before then either.
    page.evaluate("() => window.sopScripts")
    # Focus on the field, as a click or Tab gives it ("/" is no shortcut: WCAG 2.1.4).
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.focus(".md-search__input")
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)


def search_bytes(site: Path, site_url: str, urls: list[str]) -> tuple[int, int]:
    """Gzip bytes and number of the search files among the requested `urls`."""
    paths = [unquote(urlsplit(url).path).lstrip("/") for url in urls if url.startswith(site_url)]
    files = []
    for path in dict.fromkeys(paths):
        file = site / path
        files.append(file / "index.html" if file.is_dir() else file)
    found = [file for file in files if file.is_file() and file.relative_to(site).as_posix().startswith(SEARCH_FILES)]
    return sum(gzip_size(file) for file in found), len(found)


def idle_page_views(browser, site_url: str, site: Path) -> list[dict]:
    """Page views without a search: what each downloads for search (should be nothing)."""
    views = []
    for path in IDLE_PAGES:
        context = browser.new_context()
        requested: list[str] = []
        context.on("request", lambda request, log=requested: log.append(request.url))
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.wait_for_timeout(1000)
        context.close()
        size, count = search_bytes(site, site_url, requested)
        views.append({"page": path, "search_download_gzip": size, "search_requests": count})
    return views


def cold_first_result(browser, site_url: str, site: Path, query: str, delay: float = 0) -> dict:
    """Fresh context, home page: bytes downloaded and ms from the last keystroke to the first result."""
    context = browser.new_context()
    context.add_init_script(_WATCH_WORKER)
    fetched: list[str] = []
    context.on("requestfinished", lambda request: fetched.append(request.url))
    page = context.new_page()
    page.goto(site_url + "/", wait_until="load")
    page.evaluate(_WATCH)
    open_search(page)
    page.keyboard.type(query, delay=delay)
    page.wait_for_function(f"() => window.__search.answered === {json.dumps(query)}", timeout=30000)
    timing = page.evaluate("() => ({lastKey: window.__bench.lastKey, firstResult: window.__search.answeredAt})")
    page.wait_for_load_state("networkidle")
    context.close()
    size, count = search_bytes(site, site_url, fetched)
    return {
        "query": query,
        "key_delay_ms": delay,
        "ms_after_last_key": round(timing["firstResult"] - timing["lastKey"], 1),
        "search_download_gzip": size,
        "search_requests": count,
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
        expected = [str(item) if str(item).startswith("/") else str(item).upper() for item in query["expect"]]
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


def measure(browser, site: Path, query_sets: dict[str, list[dict]], full: bool) -> dict:
    """Serve `site` and measure it: the query sets, and with `full` the bytes and cold timings."""
    server, url = serve(site)
    try:
        report: dict = {"html_pages": len(list(site.rglob("*.html"))), "index": index_size(site)}
        if full:
            report["idle"] = idle_page_views(browser, url, site)
            report["cold"] = [
                cold_first_result(browser, url, site, q, d) for d in (0, KEY_DELAY_MS) for q in COLD_QUERIES
            ]
        every: list[dict] = []
        for name, queries in query_sets.items():
            rows = run_queries(browser, url, queries)
            every.extend(rows)
            report[name] = {
                **score(rows),
                "by_kind": by_kind(rows),
                "median_query_seconds": statistics.median(row["seconds"] for row in rows),
                "misses": [
                    {"q": row["q"], "expect": row["expect"], "rank": row["rank"], "found": row["found"]}
                    for row in rows
                    if row["rank"] != 1
                ],
            }
        # Every set together, by kind: a kind has 3 to 12 queries in one set, too few for a
        # per-kind figure on its own.
        report["all"] = {**score(every), "by_kind": by_kind(every)}
    finally:
        server.shutdown()
    return report


def by_kind(rows: list[dict]) -> dict[str, dict[str, float]]:
    """`score` of each kind of query among `rows`."""
    kinds = sorted({row["kind"] for row in rows})
    return {kind: score([row for row in rows if row["kind"] == kind]) for kind in kinds}


def print_report(runs: list[dict], show_misses: bool) -> None:
    """The figures as tables, one block per site and compound setting."""
    out = sys.stdout.write
    for run in runs:
        label = "on" if run["decompound"] else "off"
        built = f", built in {run['build_seconds']:.1f} s" if run["build_seconds"] else ""
        out(f"\n== {run['sops_added']} synthetic SOPs added, compound splitting {label}: ")
        out(f"{run['html_pages']} pages{built}\n")
        for name in [name for name in [*QUERY_SETS, "all"] if name in run]:
            figures = run[name]
            out(f"{name:<7} n={figures['n']:<4} recall@1 {figures['recall@1']:.3f}  ")
            out(f"recall@5 {figures['recall@5']:.3f}  MRR@5 {figures['mrr@5']:.3f}")
            median = figures.get("median_query_seconds")
            out(f"  median {median * 1000:.0f} ms a query\n" if median else "  (every set above, by kind)\n")
            for kind, f in figures["by_kind"].items():
                out(f"    {kind:<13} n={f['n']:<3} recall@1 {f['recall@1']:.2f}  ")
                out(f"recall@5 {f['recall@5']:.2f}  MRR@5 {f['mrr@5']:.2f}\n")
            # Only the sets already tuned on show their misses (round3: never).
            if show_misses and name in TUNED_SETS:
                for miss in figures["misses"]:
                    out(f"    miss: {miss['q']!r} expected {miss['expect']} rank {miss['rank']} got {miss['found']}\n")
        index = run["index"]
        out(f"Index: {index['files']} files, {index['raw'] / 1024:.0f} KiB raw, {index['gzip'] / 1024:.0f} KiB gzip\n")
        for view in run.get("idle", []):
            out(f"Page view without search, {view['page']}: {view['search_download_gzip']} bytes gzip for search ")
            out(f"({view['search_requests']} requests)\n")
        for cold in run.get("cold", []):
            out(f"Cold page, {cold['query']!r} typed at {cold['key_delay_ms']:.0f} ms a key: first result ")
            out(f"{cold['ms_after_last_key']:.0f} ms after the last key; ")
            out(f"{cold['search_download_gzip'] / 1024:.0f} KiB gzip ")
            out(f"for search ({cold['search_requests']} files)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sops", type=int, nargs="+", default=[0, 1000], help="synthetic SOPs to add (0: the real site)"
    )
    parser.add_argument("--no-off", action="store_true", help="skip the builds without compound splitting")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--show-misses", action="store_true", help="list tuned queries not answered first")
    parser.add_argument("--sets", nargs="+", choices=list(QUERY_SETS), default=list(QUERY_SETS), help="query sets")
    args = parser.parse_args()
    query_sets = {name: yaml.safe_load(QUERY_SETS[name].read_text(encoding="utf-8")) for name in args.sets}
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    runs = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        if args.site:
            runs.append(
                {"sops_added": None, "decompound": True, "build_seconds": None}
                | measure(browser, args.site, query_sets, True)
            )
        for count in [] if args.site else args.sops:
            for decompound in (True,) if args.no_off else (True, False):
                work = Path(tmp) / f"{count}-{decompound}"
                work.mkdir()
                project = scaled_project(work, count) if count else ROOT
                site = work / "site"
                seconds = build(project, site, strict=not count, decompound=decompound)
                run = {"sops_added": count, "decompound": decompound, "build_seconds": seconds}
                runs.append(run | measure(browser, site, query_sets, decompound))
                shutil.rmtree(work)
        browser.close()
    if args.json:
        sys.stdout.write(json.dumps(runs, ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(runs, args.show_misses)


if __name__ == "__main__":
    main()
