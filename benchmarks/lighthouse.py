"""Lighthouse accessibility score of the home page, an SOP page and the dashboard.

Builds the site (SOP_TODAY fixed), serves it on 127.0.0.1 and runs Lighthouse 12.2.3 with
Debian's Chromium (CHROME_PATH=/usr/bin/chromium; nothing downloads a browser). Lighthouse
is not a test dependency: install it once outside the repository, e.g.

    npm install --prefix /tmp/lh lighthouse@12.2.3
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse .venv/bin/python benchmarks/lighthouse.py

Without LIGHTHOUSE the script runs `npx --yes lighthouse@12.2.3`. Reports go to
benchmarks/out/lighthouse/ (ignored by git). Exit status 1 when a score is below 100.

`--performance` runs the mobile performance audit instead (Lighthouse's default: a
Moto G class phone on simulated slow 4G) on the first SOP page, `--runs` times, and
prints the median performance score, First and Largest Contentful Paint (issue 17:
goal performance >= 98, FCP <= 1.8 s). Run it on the commit before a change and after
it, with the same settings, and compare.
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


def run_performance(url: str, runs: int) -> None:
    """Print the median mobile performance score, FCP and LCP of `url`.

    (Lighthouse 12.2.3's render-blocking audit fails with this Chromium's traces, so it
    is not reported.)
    """
    scores, fcps, lcps = [], [], []
    for number in range(runs):
        data = lighthouse(url, OUT / f"performance-{number}.json", "performance")
        scores.append(round(data["categories"]["performance"]["score"] * 100))
        fcps.append(data["audits"]["first-contentful-paint"]["numericValue"] / 1000)
        lcps.append(data["audits"]["largest-contentful-paint"]["numericValue"] / 1000)
        print(f"run {number + 1}: performance {scores[-1]}, FCP {fcps[-1]:.2f} s, LCP {lcps[-1]:.2f} s")
    print(
        f"median of {runs}: performance {statistics.median(scores):g}, FCP {statistics.median(fcps):.2f} s, "
        f"LCP {statistics.median(lcps):.2f} s  {url}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--performance", action="store_true", help="mobile performance of an SOP page")
    parser.add_argument("--runs", type=int, default=3, help="runs for --performance (median)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="lighthouse-site-"))
    try:
        result = build_site(target / "site")
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 2
        handler = functools.partial(QuietHandler, directory=str(target / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        site = Site(target / "site", f"http://127.0.0.1:{server.server_address[1]}")
        if args.performance:
            run_performance(site.url(site.sop_paths[0]), args.runs)
            server.shutdown()
            return 0
        dashboard = next(path for path in site.find('class="sop-table"') if "sop-status--" in site.html(path))
        pages = {"home": "/", "sop": site.sop_paths[0], "dashboard": dashboard}
        scores = {name: run(site.url(path), name) for name, path in pages.items()}
        server.shutdown()
        return 0 if all(score == 100 for score in scores.values()) else 1
    finally:
        shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
