"""The review register: build log lines, GitHub annotations and the JSON export."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.review import ReviewStatus


@dataclasses.dataclass(frozen=True)
class LogLine:
    """One line for the build log; `level` is ``warning`` or ``info``."""

    level: str
    message: str


def _describe(sop: Sop) -> str:
    return f"{sop.path}: {sop.id} '{sop.title}'"


def in_days(days: int) -> str:
    """Return "today", "in 1 day" or "in N days".

    Example:
        >>> in_days(0), in_days(1), in_days(45)
        ('today', 'in 1 day', 'in 45 days')
    """
    return "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"


def review_log_lines(collection: Collection) -> list[LogLine]:
    """Return one warning per overdue SOP, one info per SOP due soon, then a summary.

    The lines name the source file, id, title, review date (ISO) and owner, so that
    whoever reads the build log knows what to do and whom to ask.
    """
    lines = []
    for sop in sorted(collection.sops, key=lambda s: (s.review.review_by, s.path)):
        owner = sop.meta.owner
        if sop.review.is_overdue:
            lines.append(
                LogLine(
                    "warning",
                    f"SOP review overdue: {_describe(sop)} was due for review on "
                    f"{sop.review.review_by.isoformat()} (owner: {owner})",
                )
            )
        elif sop.review.is_due_soon:
            lines.append(
                LogLine(
                    "info",
                    f"SOP review due soon: {_describe(sop)} is due for review on "
                    f"{sop.review.review_by.isoformat()}, {in_days(sop.review.days_left)} (owner: {owner})",
                )
            )
    lines.append(LogLine("info", summary_line(collection)))
    return lines


def withdrawal_log_lines(collection: Collection, within_days: int) -> list[LogLine]:
    """Return one info line per SOP that its `withdrawn_on` date withdraws within `within_days`."""
    lines = []
    for sop in sorted(collection.sops, key=lambda s: (str(s.meta.withdrawn_on), s.path)):
        withdrawn_on = sop.meta.withdrawn_on
        if sop.withdrawn_automatically or withdrawn_on is None:
            continue
        days = (withdrawn_on - collection.today).days
        if 0 < days <= within_days:
            lines.append(
                LogLine(
                    "info",
                    f"SOP withdrawal soon: {_describe(sop)} will be withdrawn on {withdrawn_on.isoformat()}, "
                    f"{in_days(days)} (owner: {sop.meta.owner})",
                )
            )
    return lines


def translation_log_lines(collection: Collection) -> list[LogLine]:
    """Return one info line per translation whose original has a newer version."""
    lines = []
    for sop in sorted(collection.sops, key=lambda s: s.path):
        behind = collection.translation_behind(sop)
        if behind is not None:
            original, made_from = behind
            lines.append(
                LogLine(
                    "info",
                    f"SOP translation behind: {_describe(sop)} translates {original.id} {made_from}, which is now "
                    f"{original.meta.version} (owner: {sop.meta.owner})",
                )
            )
    return lines


def status_counts(collection: Collection) -> Counter[ReviewStatus]:
    """Return how many SOPs have each review status."""
    return Counter(sop.review.status for sop in collection.sops)


def summary_line(collection: Collection) -> str:
    """Return the one-line summary of the review state of the collection."""
    counts = status_counts(collection)
    total = len(collection.sops)
    return (
        f"SOP review on {collection.today.isoformat()}: {total} SOP{'s' if total != 1 else ''}, "
        f"{counts[ReviewStatus.OVERDUE]} overdue, {counts[ReviewStatus.DUE_SOON]} due soon, "
        f"{counts[ReviewStatus.CURRENT]} current, {counts[ReviewStatus.NOT_APPLICABLE]} not applicable"
    )


def escape_annotation(text: str, property_value: bool = False) -> str:
    """Escape text for a GitHub workflow command (data or property)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_annotations(collection: Collection) -> list[str]:
    """Return ``::warning`` workflow commands for overdue SOPs, at their review date line."""
    lines = []
    for sop in collection.sops:
        if not sop.review.is_overdue:
            continue
        key = "review_by" if sop.meta.review_by is not None else "last_reviewed_on"
        line = sop.document.line_of((key,))
        message = (
            f"{sop.id} '{sop.title}' was due for review on {sop.review.review_by.isoformat()} (owner: {sop.meta.owner})"
        )
        lines.append(
            f"::warning file={escape_annotation(sop.path, True)},line={line},"
            f"title=SOP review overdue::{escape_annotation(message)}"
        )
    return lines


def review_report(collection: Collection, url_for: Callable[[Sop], str]) -> dict[str, Any]:
    """Return the review register as a JSON-ready dict, sorted by review date.

    Args:
        collection: The checked SOPs.
        url_for: The SOP's URL relative to the site root (e.g. ``sops/ct-sop-07/``).
    """
    sops = sorted(collection.sops, key=lambda s: (s.review.review_by, s.id))
    return {
        "today": collection.today.isoformat(),
        "sops": [
            {
                "id": sop.id,
                "title": sop.title,
                "url": url_for(sop),
                "source": sop.path,
                "owner": sop.meta.owner,
                "version": str(sop.meta.version),
                "status": str(sop.status),
                "last_reviewed_on": sop.meta.last_reviewed_on.isoformat(),
                "review_by": sop.review.review_by.isoformat(),
                "review_status": sop.review.status.value,
                "days_until_review": sop.review.days_left,
            }
            for sop in sops
        ],
    }


def review_report_json(collection: Collection, url_for: Callable[[Sop], str]) -> str:
    """Return the review register as indented JSON text."""
    return json.dumps(review_report(collection, url_for), indent=2, ensure_ascii=False) + "\n"
