"""The whole build log of the repository's real site, line for line, on the real date.

The people who read build output for review deadlines must see only the review lines,
the summary and real problems. The expected review lines are worked out here from
the SOP files on their own (python-frontmatter and date arithmetic), not by the code
under test, so that the test fails if the build reports a deadline wrongly, reports
something else, or adds noise.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import frontmatter
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


def _plus_years(day: dt.date, years: int) -> dt.date:
    if day.month == 2 and day.day == 29 and (day.year + years) % 4 != 0:
        return dt.date(day.year + years, 2, 28)
    return day.replace(year=day.year + years)


def _numbers(version: str) -> tuple[int, ...]:
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _sop_files() -> list[Path]:
    folder = ROOT / "sops"
    return sorted(
        path
        for path in folder.rglob("*.md")
        if not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts)
        and not {"vedlegg", "attachments"} & set(path.relative_to(folder).parts[:-1])
        and path.relative_to(folder).parts != ("index.md",)
    )


def expected_review_lines(today: dt.date) -> list[str]:
    """The review part of the log, from the front matter alone."""
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    review = settings["extra"]["sop_review"]
    years, window = review.get("review_interval_years", 3), review.get("due_soon_days", 90)
    withdrawals, overdue, due_soon, counts = [], [], [], {"overdue": 0, "due": 0, "current": 0, "na": 0}
    metas = {path: frontmatter.load(path).metadata for path in _sop_files()}
    versions = {str(meta["id"]).casefold(): str(meta["version"]) for meta in metas.values()}
    translations = []
    for path, meta in metas.items():
        original, made_from = meta.get("translation_of"), meta.get("translated_from_version")
        if original and made_from and _numbers(versions[original.casefold()]) > _numbers(str(made_from)):
            translations.append(
                f"INFO    -  SOP translation behind: {path.relative_to(ROOT).as_posix()}: {meta['id']} "
                f"'{meta['title']}' translates {original} {made_from}, which is now "
                f"{versions[original.casefold()]} (owner: {meta['owner']})"
            )
    for path in _sop_files():
        meta = metas[path]
        relative = path.relative_to(ROOT).as_posix()
        status = meta["status"]
        withdrawn_on = _date(meta.get("withdrawn_on"))
        if withdrawn_on and withdrawn_on <= today and status in {"active", "draft"}:
            status = "withdrawn"
        what = f"{relative}: {meta['id']} '{meta['title']}'"
        owner = f"(owner: {meta['owner']})"
        if withdrawn_on and status in {"active", "draft"} and (withdrawn_on - today).days <= window:
            days = (withdrawn_on - today).days
            withdrawals.append(
                (
                    withdrawn_on,
                    f"INFO    -  SOP withdrawal soon: {what} will be withdrawn on {withdrawn_on}, "
                    f"in {days} day{'s' if days != 1 else ''} {owner}",
                )  # never 0: that day it is withdrawn
            )
        if status != "active":
            counts["na"] += 1
            continue
        due = _date(meta.get("review_by")) or _plus_years(
            _date(meta["last_reviewed_on"]), meta.get("review_interval_years") or years
        )
        days = (due - today).days
        if days < 0:
            counts["overdue"] += 1
            overdue.append((due, f"WARNING -  SOP review overdue: {what} was due for review on {due} {owner}"))
        elif days <= window:
            counts["due"] += 1
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            due_soon.append((due, f"INFO    -  SOP review due soon: {what} is due for review on {due}, {when} {owner}"))
        else:
            counts["current"] += 1
    total = sum(counts.values())
    summary = (
        f"INFO    -  SOP review on {today}: {total} SOP{'s' if total != 1 else ''}, {counts['overdue']} overdue, {counts['due']} due soon, "
        f"{counts['current']} current, {counts['na']} not applicable"
    )
    ordered = [line for _, line in sorted(withdrawals)] + translations + [line for _, line in sorted(overdue)]
    return [*ordered, *(line for _, line in sorted(due_soon)), summary]


SHALLOW = (
    "WARNING -  version history: this clone is shallow, so git does not have the older versions. Fix: fetch the "
    "whole history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)."
)


def _is_shallow_clone() -> bool:
    result = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() == "true"


def test_real_site_build_log_is_exactly_the_review_lines(repo_site):
    today = dt.date.fromisoformat(os.environ["SOP_TODAY"]) if os.environ.get("SOP_TODAY") else dt.date.today()  # noqa: DTZ011
    lines = repo_site.log.splitlines()
    # A shallow clone (CI's default) has no old versions to publish, and the build says so first.
    history = [line for line in lines if "version history:" in line]
    assert history == ([SHALLOW] if _is_shallow_clone() else [])
    lines = [line for line in lines if line not in history]
    assert lines[:2] == [
        "INFO    -  Cleaning site directory",
        f"INFO    -  Building documentation to directory: {repo_site.root}",
    ]
    assert re.fullmatch(r"INFO    -  Documentation built in \d+\.\d+ seconds", lines[-1]), lines[-1]
    assert lines[2:-1] == expected_review_lines(today)
