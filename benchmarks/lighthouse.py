"""Lighthouse accessibility score of the home page, an SOP page and the dashboard.

Builds the site (on the real date, as `make site` does), serves it on 127.0.0.1 and runs
Lighthouse 12.2.3 with Debian's Chromium (CHROME_PATH=/usr/bin/chromium; nothing
downloads a browser). Lighthouse is not a test dependency: install it once outside the
repository, e.g.

    npm install --prefix /tmp/lh lighthouse@12.2.3
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse .venv/bin/python benchmarks/lighthouse.py

Without LIGHTHOUSE the script runs `npx --yes lighthouse@12.2.3`. Reports go to
benchmarks/out/lighthouse/ (ignored by git). Exit status 1 when a score is below 100.

`--performance` runs the mobile performance audit instead (Lighthouse's default: a
Moto G class phone on simulated slow 4G) on the first SOP page, `--runs` times, and
prints the median performance score, First and Largest Contentful Paint, Total Blocking
Time and Cumulative Layout Shift (issue 17: goal performance >= 98, FCP <= 1.8 s).
Run it on the commit before a change and after it, with the same settings, and
compare: `--baseline REF` builds the site at git REF as well and measures the two in
turn in the same run, e.g. `--performance --baseline HEAD~1`.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_support import LAUNCH_ARGS, QuietHandler, Site, build_site  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "lighthouse"


def lighthouse_command() -> list[str]:
    if os.environ.get("LIGHTHOUSE"):
        return [os.environ["LIGHTHOUSE"]]
    return ["npx", "--yes", "lighthouse@12.2.3"]


def lighthouse(url: str, report: Path, category: str) -> dict:
    """Run Lighthouse once on `url` for one category; return its JSON report."""
    flags = " ".join(["--headless=new", *LAUNCH_ARGS])
    subprocess.run(
        [
            *lighthouse_command(),
            url,
            f"--only-categories={category}",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={flags}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def run(url: str, name: str) -> float:
    data = lighthouse(url, OUT / f"{name}.json", "accessibility")
    category = data["categories"]["accessibility"]
    failed = [
        audit_id
        for ref in category["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and data["audits"][audit_id]["score"] is not None
        and data["audits"][audit_id]["score"] < 1
    ]
    score = round(category["score"] * 100)
    print(f"{name:<12} {score:>3}  {url}" + (f"  failed: {', '.join(failed)}" if failed else ""))
    return score


def build_at(ref: str, target: Path) -> subprocess.CompletedProcess:
    """Build the site as it was at git `ref` (a copy of that commit, not the work tree)."""
    source = target / "source"
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target / "site")],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, Site]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, Site(directory, f"http://127.0.0.1:{server.server_address[1]}")


METRICS = {
    "fcp": ("first-contentful-paint", "FCP {:.2f} s", 1000),
    "lcp": ("largest-contentful-paint", "LCP {:.2f} s", 1000),
    "tbt": ("total-blocking-time", "TBT {:.0f} ms", 1),
    "cls": ("cumulative-layout-shift", "CLS {:.3f}", 1),
}


def describe(values: dict[str, float]) -> str:
    """One line of figures: performance score, FCP, LCP, TBT and CLS."""
    parts = [f"performance {values['score']:g}"]
    parts += [label.format(values[key]) for key, (_, label, _) in METRICS.items()]
    return ", ".join(parts)


def measure(url: str, report: Path) -> dict[str, float]:
    """One mobile performance run: the score and the metrics of METRICS."""
    data = lighthouse(url, report, "performance")
    values = {"score": round(data["categories"]["performance"]["score"] * 100)}
    for key, (audit, _, scale) in METRICS.items():
        values[key] = data["audits"][audit]["numericValue"] / scale
    return values


def run_performance(urls: dict[str, str], runs: int) -> None:
    """Print the mobile performance score, FCP, LCP, TBT and CLS of each URL, median of `runs`.

    With a baseline the two sites are measured in turn, run by run, so that both see the
    same load on the machine, and the ratios current/baseline are printed.
    (Lighthouse 12.2.3's render-blocking audit fails with this Chromium's traces, so it
    is not reported.)
    """
    found: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
    for number in range(runs):
        for name, url in urls.items():
            found[name].append(measure(url, OUT / f"performance-{name}-{number}.json"))
            print(f"run {number + 1} {name:<8}: {describe(found[name][-1])}")
    medians = {
        name: {key: statistics.median(run[key] for run in values) for key in values[0]}
        for name, values in found.items()
    }
    for name, values in medians.items():
        print(f"median of {runs} {name:<8}: {describe(values)}  {urls[name]}")
    if "baseline" in medians:
        base, current = medians["baseline"], medians["current"]
        ratios = [
            f"{key} {current[key] / base[key]:.3f}" if base[key] else f"{key} {current[key]:g} (baseline 0)"
            for key in base
        ]
        print("ratio current/baseline: " + ", ".join(ratios))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--performance", action="store_true", help="mobile performance of an SOP page")
    parser.add_argument("--runs", type=int, default=3, help="runs for --performance (median)")
    parser.add_argument("--baseline", metavar="REF", help="with --performance: also measure the site at git REF")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="lighthouse-site-"))
    servers = []
    try:
        result = build_site(target / "site")
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 2
        server, site = serve(target / "site")
        servers.append(server)
        if args.performance:
            urls = {"current": site.url(site.sop_paths[0])}
            if args.baseline:
                result = build_at(args.baseline, target / "baseline")
                if result.returncode != 0:
                    print(result.stderr, file=sys.stderr)
                    return 2
                server, baseline = serve(target / "baseline" / "site")
                servers.append(server)
                urls = {"baseline": baseline.url(site.sop_paths[0]), **urls}
            run_performance(urls, args.runs)
            return 0
        dashboard = next(path for path in site.find('class="sop-table"') if "sop-status--" in site.html(path))
        pages = {"home": "/", "sop": site.sop_paths[0], "dashboard": dashboard}
        scores = {name: run(site.url(path), name) for name, path in pages.items()}
        return 0 if all(score == 100 for score in scores.values()) else 1
    finally:
        for server in servers:
            server.shutdown()
        shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
