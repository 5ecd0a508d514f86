"""`sop check`: every content file checked in one run, as text or as GitHub annotations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sopmodel.model import implementation, reminders, versioning
from sopmodel.model.collection import Collection
from sopmodel.model.implementation import load_implementations
from sopmodel.model.issues import Issue
from sopmodel.model.project import load_project as _load
from sopmodel.model.report import escape_annotation
from sopmodel.site.onepager_build import OnePagerBuild
from sopmodel.site.search import GLOSSARY_FILE, glossary_issues


def plural(count: int, word: str) -> str:
    """Return "1 problem", "2 problems"."""
    return f"{count} {word}{'s' if count != 1 else ''}"


def _annotation(level: str, path: str, line: int, title: str, message: str) -> str:
    where = f"file={escape_annotation(path, True)}" + (f",line={line}" if line else "")
    return f"::{level} {where},title={escape_annotation(title, True)}::{escape_annotation(message)}"


def run_check(args: argparse.Namespace) -> int:
    """Validate all SOPs (and with --since the version rule); return 1 if any error."""
    project, settings, _, collection = _load(args)
    wanted = {_relative(project, path) for path in args.paths}
    missing = [path for path in args.paths if not Path(path).exists()]
    for path in missing:
        sys.stderr.write(f"sop check: {path}: no such file.\n")
    folders = (f"{settings.sops_dir}/", f"{settings.onepagers_dir}/", f"{implementation.FOLDER}/")
    other = sorted(path for path in wanted - {GLOSSARY_FILE} if not path.startswith(folders))
    for path in other:
        sys.stderr.write(
            f"sop check: {path}: not content; it checks files under {', '.join(folders)} and {GLOSSARY_FILE}.\n"
        )
    if missing or other:
        return 2
    # OnePagers are content too: the build checks them, so does `sop check`.
    onepagers = OnePagerBuild.load(project, settings.onepagers_dir, collection.today)
    implementations = load_implementations(project, collection)
    content = [*onepagers.issues, *implementations.issues, *glossary_issues(project / GLOSSARY_FILE)]
    issues = sorted(set(collection.issues) | set(content))
    changed: list[str] = []
    if args.since:
        changed, version_issues = versioning.check_since(project, collection, args.since, settings.sops_dir)
        issues = sorted(set(issues) | set(version_issues))
    # A problem that names a wanted file concerns it too ("... which sops/ct-sop-07.md:2 also uses").
    issues = [issue for issue in issues if not wanted or issue.path in wanted or _names(issue, wanted)]
    for issue in issues:
        if args.format == "github":
            level = "error" if issue.is_error else "warning"
            message = _issue_text(issue)
            sys.stdout.write(f"{_annotation(level, issue.path, issue.line, 'sop check', message)}\n")
        else:
            sys.stdout.write(f"{issue}\n")
    if args.format == "github":
        _annotate_reviews(collection, set(changed))
    errors = [issue for issue in issues if issue.is_error]
    checked = collection.files_checked
    since = f", {len(changed)} changed since {args.since}" if args.since else ""
    if errors:
        files = len({issue.path for issue in errors})
        sys.stdout.write(
            f"{plural(len(errors), 'problem')} in {plural(files, 'file')} ({checked} SOP files checked{since}).\n"
        )
        return 1
    sys.stdout.write(f"OK: {checked} SOP files checked{since}, no problems.\n")
    return 0


def _names(issue: Issue, paths: set[str]) -> bool:
    """Whether the issue's message names one of `paths` with a line ("sops/a.md:2")."""
    return any(f"{path}:" in issue.message for path in paths)


def _issue_text(issue: Issue) -> str:
    """Return the issue without its path and line, for an annotation placed at them."""
    field = f"'{issue.key}': " if issue.key else ""
    fix = f" Fix: {issue.hint}" if issue.hint else ""
    return f"{field}{issue.message}{fix}"


def _annotate_reviews(collection: Collection, paths: set[str]) -> None:
    """Annotate changed SOPs whose review is overdue (warning) or due soon (notice)."""
    for sop in collection.sops:
        if sop.path not in paths or not (sop.review.is_overdue or sop.review.is_due_soon):
            continue
        key = "review_by" if sop.meta.review_by is not None else "last_reviewed_on"
        level, title = ("warning", "SOP review overdue") if sop.review.is_overdue else ("notice", "SOP review due soon")
        message = (
            f"{sop.id} is {reminders.describe_due(sop)} (review by {sop.review.review_by.isoformat()}, "
            f"owner: {sop.meta.owner}). After a review without changes: set last_reviewed_on to the day of the "
            "review and add a changelog item with the same version (or run "
            f"'sop bump {sop.id} --reviewed')."
        )
        sys.stdout.write(f"{_annotation(level, sop.path, sop.document.line_of((key,)), title, message)}\n")


def _relative(project: Path, path: str) -> str:
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(project).as_posix()
    except ValueError:
        return Path(path).as_posix()
