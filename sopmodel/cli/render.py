"""`sop render OUT/` and `sop postbuild SITE/`: the site without MkDocs' hooks (issue 13).

`sop render` stages a plain docs tree (`sopmodel.site.stage`) that Zensical or MkDocs
builds; `sop postbuild` then adds what needs the built HTML (`sopmodel.site.postbuild`).
Both print the build log the MkDocs build prints, in its format ("WARNING -  ..."), with
the same exit codes as `mkdocs build --strict`: 1 when the content has errors (or, with
--strict, warnings), else 0.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopmodel.site.build import SiteBuild
from sopmodel.site.critical_css import StyleError
from sopmodel.site.pdf import PdfError
from sopmodel.site.postbuild import postbuild
from sopmodel.site.stage import StageError, stage_site

EXAMPLES_RENDER = """examples:
  sop render build/staged && cd build/staged && zensical build
  sop render build/staged --strict && cd build/staged && mkdocs build && sop postbuild site --project ../..
"""


def log(level: str, message: str) -> None:
    """Write one line as MkDocs writes it: 'WARNING -  message'."""
    sys.stderr.write(f"{level.upper():<8}-  {message}\n")


def content_log(build: SiteBuild) -> int:
    """Log the content problems and the history notice; return the number of warnings MkDocs counts."""
    counted = 0
    for issue in build.collection.issues:
        log("error" if issue.is_error else "warning", str(issue))
        counted += not issue.is_error
    if build.history.problem:
        log("warning", f"version history: {build.history.problem}")
    return counted


def review_log(build: SiteBuild) -> int:
    """Log the review lines; return how many count as warnings (only with overdue_fails_strict)."""
    counted = 0
    for line in build.log_lines():
        log(line.level, line.message)
        counted += line.level == "warning" and build.settings.overdue_fails_strict
    return counted


def run_render(args: argparse.Namespace) -> int:
    """Stage the site into OUT; log as the MkDocs build does."""
    project = Path(args.project).resolve()
    out = Path(args.out).resolve()
    if out == project or (project in out.parents and out.parent == project and out.name in {"docs", "sops"}):
        log("error", f"{args.out}: expected an output folder of its own, not the project's content.")
        return 2
    try:
        staged = stage_site(project, out, dict(os.environ))
    except StageError as error:
        if error.build is not None:
            content_log(error.build)
        log("error", str(error))
        return 1
    counted = content_log(staged.build)
    for warning in staged.warnings:
        log("warning", warning)
    counted += len(staged.warnings) + review_log(staged.build)
    log("info", f"Staged {staged.pages} pages and {staged.files} files in {args.out}: build it with zensical or mkdocs")
    if args.strict and counted:
        log("info", f"Aborted with {counted} warnings in strict mode!")
        return 1
    return 0


def run_postbuild(args: argparse.Namespace) -> int:
    """Finish a site built from the staged tree; log problems as the MkDocs build does."""
    site_dir = Path(args.site)
    if not (site_dir / "index.html").is_file():
        log("error", f"{args.site}: expected a built site (with index.html). Fix: build the staged tree first.")
        return 2
    try:
        done = postbuild(Path(args.project).resolve(), site_dir, dict(os.environ))
    except (StageError, StyleError, PdfError, RuntimeError) as error:
        log("error", str(error))
        return 1
    for warning in done.warnings:
        log("warning", warning)
    log(
        "info", f"Finished {done.pages} pages in {args.site}: search index, review report, {done.pdfs} SOP PDFs, styles"
    )
    return 1 if args.strict and done.warnings else 0


def register(commands: Any, sub: Callable[..., argparse.ArgumentParser]) -> None:
    """Add `sop render` and `sop postbuild` to the `sop` parser."""
    render = sub(
        commands,
        "render",
        "write a plain docs tree that zensical or mkdocs builds without hooks",
        "Write OUT/docs (every page with its metadata block, notices, resolved [[ID]] links and backlinks; the "
        "generated pages; redirects at the stable links), OUT/overrides, OUT/nav.yml and OUT/mkdocs.yml (the "
        "project's settings without hooks:). Prints the build log of 'mkdocs build'. Exit codes: 0 staged, "
        "1 content errors (or warnings with --strict), 2 bad usage.",
        EXAMPLES_RENDER,
    )
    render.add_argument("out", metavar="OUT", help="the folder to write (its docs/ is replaced)")
    render.add_argument("--strict", action="store_true", help="exit 1 on warnings, as 'mkdocs build --strict' does")
    render.set_defaults(handler=run_render)
    post = sub(
        commands,
        "postbuild",
        "add what needs the built HTML to a site built from 'sop render'",
        "Give every built page its search marks, table regions and OnePager parts, and write the search index, "
        "review-report.json, the SOP PDFs and the per-page styles into SITE. Exit codes: 0 done, 1 failed (or "
        "warnings with --strict), 2 SITE is no built site.",
        "examples:\n  sop postbuild build/staged/site\n",
    )
    post.add_argument("site", metavar="SITE", help="the built site folder")
    post.add_argument("--strict", action="store_true", help="exit 1 on warnings")
    post.set_defaults(handler=run_postbuild)
