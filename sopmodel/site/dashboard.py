"""The review dashboard page ("Revisjonsoversikt"), generated at build time."""

from __future__ import annotations

from collections import Counter

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.labels import format_date, labels_for
from sopmodel.model.report import status_counts
from sopmodel.model.review import ReviewStatus
from sopmodel.model.settings import ReviewSettings
from sopmodel.site.render import Linker, status_badge
from sopmodel.site.templating import render

_ORDER = [ReviewStatus.OVERDUE, ReviewStatus.DUE_SOON, ReviewStatus.CURRENT, ReviewStatus.NOT_APPLICABLE]


def dashboard_order(collection: Collection) -> list[Sop]:
    """Return SOPs by next review date; those the review does not apply to come last."""
    return sorted(
        collection.sops,
        key=lambda sop: (sop.review.status is ReviewStatus.NOT_APPLICABLE, sop.review.review_by, sop.id),
    )


def _within_days(days: int) -> str:
    """Return "innen 90 dager" in words that fit every setting (0 and 1 included)."""
    if days == 0:
        return "i dag"
    return f"innen {days} dag{'er' if days != 1 else ''}"


def render_dashboard(collection: Collection, link: Linker, settings: ReviewSettings, export_href: str) -> str:
    """Return the dashboard page as Markdown with HTML tables.

    Args:
        collection: The checked SOPs as of `collection.today`.
        link: Maps an SOP's source path to its href from the dashboard.
        settings: The review interval and the "due soon" window, for the introduction.
        export_href: Link to the JSON review register.
    """
    words = labels_for("nb")
    by_owner: dict[str, Counter[ReviewStatus]] = {}
    for sop in collection.sops:
        by_owner.setdefault(sop.meta.owner, Counter())[sop.review.status] += 1
    sop_rows = [
        {
            "sop": sop,
            "href": link(sop.path),
            "days": "" if sop.review.status is ReviewStatus.NOT_APPLICABLE else str(sop.review.days_left),
            "badge": status_badge(sop.review.status, "nb"),
        }
        for sop in dashboard_order(collection)
    ]
    return render(
        "dashboard.html",
        today=format_date(collection.today, "nb"),
        interval=settings.review_interval_years,
        within=_within_days(settings.due_soon_days),
        export_href=export_href,
        statuses=[(status, status_badge(status, "nb")) for status in _ORDER],
        status_names=[words[status.value] for status in _ORDER],
        counts=status_counts(collection),
        total=len(collection.sops),
        owners=sorted(by_owner.items(), key=lambda item: item[0].casefold()),
        sops=sop_rows,
        translations=_translations(collection, link),
    )


def _translations(collection: Collection, link: Linker) -> list[dict[str, object]]:
    """Return the rows of the translations table: made from which version, and whether it is in step."""
    rows: list[dict[str, object]] = []
    for sop in sorted(collection.sops, key=lambda s: s.id):
        original = collection.original_of(sop)
        if original is None:
            continue
        behind = collection.translation_behind(sop) is not None
        rows.append(
            {
                "sop": sop,
                "href": link(sop.path),
                "original": original,
                "original_href": link(original.path),
                "behind": behind,
            }
        )
    return rows
