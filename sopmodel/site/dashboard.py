"""The review dashboard page ("Revisjonsoversikt"), generated at build time."""

from __future__ import annotations

from collections import Counter
from html import escape

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.labels import format_date, labels_for
from sopmodel.model.report import status_counts
from sopmodel.model.review import ReviewStatus
from sopmodel.model.settings import ReviewSettings
from sopmodel.site.render import Linker, status_badge

_ORDER = [ReviewStatus.OVERDUE, ReviewStatus.DUE_SOON, ReviewStatus.CURRENT, ReviewStatus.NOT_APPLICABLE]


def dashboard_order(collection: Collection) -> list[Sop]:
    """Return SOPs by next review date; those the review does not apply to come last."""
    return sorted(
        collection.sops,
        key=lambda sop: (sop.review.status is ReviewStatus.NOT_APPLICABLE, sop.review.review_by, sop.id),
    )


def _region(table_id: str, caption: str, head: list[str], rows: list[list[str]]) -> str:
    """Return a table in a focusable region that scrolls on its own on narrow screens."""
    header = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in head)
    body = "\n".join("<tr>" + "".join(row) + "</tr>" for row in rows)
    return (
        f'<div class="sop-table" role="region" aria-labelledby="{table_id}-caption" tabindex="0">\n'
        f'<table id="{table_id}">\n<caption id="{table_id}-caption">{escape(caption)}</caption>\n'
        f"<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>"
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
    counts = status_counts(collection)
    today = format_date(collection.today, "nb")
    intro = (
        "# Revisjonsoversikt\n\n"
        f"Oversikten viser når hver prosedyre (SOP) skal revideres, per {today}. "
        f"Hver SOP skal revideres minst hvert {settings.review_interval_years}. år. "
        "Forfalt betyr at fristen for revisjon er passert; «revisjon snart» betyr at fristen er "
        f"{_within_days(settings.due_soon_days)}. "
        f'Oversikten finnes også som <a href="{escape(export_href)}">maskinlesbart register (JSON)</a>.\n\n'
    )
    status_rows = [[f"<td>{status_badge(status, 'nb')}</td>", f"<td>{counts[status]}</td>"] for status in _ORDER]
    status_rows.append(["<td>Totalt</td>", f"<td>{len(collection.sops)}</td>"])
    by_owner: dict[str, Counter[ReviewStatus]] = {}
    for sop in collection.sops:
        by_owner.setdefault(sop.meta.owner, Counter())[sop.review.status] += 1
    owner_rows = [
        [f'<th scope="row">{escape(owner)}</th>']
        + [f"<td>{owner_counts[status]}</td>" for status in _ORDER]
        + [f"<td>{sum(owner_counts.values())}</td>"]
        for owner, owner_counts in sorted(by_owner.items(), key=lambda item: item[0].casefold())
    ]
    sop_rows = []
    for sop in dashboard_order(collection):
        review = sop.review
        days = "" if review.status is ReviewStatus.NOT_APPLICABLE else str(review.days_left)
        sop_rows.append(
            [
                f"<td>{escape(sop.id)}</td>",
                f'<td><a href="{escape(link(sop.path))}" lang="{escape(sop.language)}">{escape(sop.title)}</a></td>',
                f"<td>{escape(sop.meta.owner)}</td>",
                f'<td><time datetime="{sop.meta.last_reviewed_on.isoformat()}">'
                f"{sop.meta.last_reviewed_on.isoformat()}</time></td>",
                f'<td><time datetime="{review.review_by.isoformat()}">{review.review_by.isoformat()}</time></td>',
                f"<td>{days}</td>",
                f"<td>{status_badge(review.status, 'nb')}</td>",
            ]
        )
    status_names = [words[status.value] for status in _ORDER]
    return (
        intro
        + "## Antall per status\n\n"
        + _region("sop-status-counts", "Antall SOP-er per revisjonsstatus", ["Status", "Antall"], status_rows)
        + "\n\n## Antall per eier\n\n"
        + _region("sop-owner-counts", "Antall SOP-er per eier og status", ["Eier", *status_names, "Totalt"], owner_rows)
        + "\n\n## Alle prosedyrer\n\n"
        + _region(
            "sop-review-table",
            f"Alle SOP-er sortert etter neste revisjon, per {today}",
            ["ID", "Tittel", "Eier", "Sist revidert", "Neste revisjon", "Dager igjen", "Status"],
            sop_rows,
        )
        + _translations(collection, link)
        + "\n"
    )


def _translations(collection: Collection, link: Linker) -> str:
    """Return the table of translations: made from which version, and whether it is in step."""
    rows = []
    for sop in sorted(collection.sops, key=lambda s: s.id):
        original = collection.original_of(sop)
        if original is None:
            continue
        behind = collection.translation_behind(sop)
        state = "Ikke oppdatert" if behind else "I takt"
        rows.append(
            [
                f'<td><a href="{escape(link(sop.path))}" lang="{escape(sop.language)}">{escape(sop.id)}</a></td>',
                f'<td><a href="{escape(link(original.path))}" lang="{escape(original.language)}">'
                f"{escape(original.id)}</a></td>",
                f"<td>{escape(str(sop.meta.translated_from_version or ''))}</td>",
                f"<td>{escape(str(original.meta.version))}</td>",
                f'<td><span class="sop-translation sop-translation--{"behind" if behind else "current"}">'
                f"{state}</span></td>",
            ]
        )
    if not rows:
        return ""
    headers = ["Oversettelse", "Original", "Oversatt fra versjon", "Originalens versjon", "Oversettelsen"]
    return "\n\n## Oversettelser\n\n" + _region(
        "sop-translations", "Oversettelser og versjonen de er laget fra", headers, rows
    )
