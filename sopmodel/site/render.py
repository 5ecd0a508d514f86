"""HTML shown on every SOP page: title, status notice and metadata block.

The markup is in the templates `sop_title.html`, `sop_notice.html`,
`sop_translation_notice.html` and `sop_meta.html` (autoescaped); the output is inserted
into the page as it is. Status is given in words and with an icon, never by colour alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from markupsafe import Markup

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.labels import LANGUAGE_NAMES, ORIGINAL_NAMES, format_date, format_days, labels_for
from sopmodel.model.review import ReviewStatus
from sopmodel.site.templating import render

Linker = Callable[[str], str]
"""Maps a project-relative source path (``sops/ct-sop-07.md``) to an href from the page."""


def icon(name: str) -> Markup:
    """Return an inline, decorative SVG icon (``overdue``, ``due_soon``, ``current``, ``not_applicable``)."""
    return Markup(render("icon.html", name=name))


def status_badge(status: ReviewStatus, language: str) -> Markup:
    """Return the review status as icon and words, e.g. for tables."""
    return Markup(render("status_badge.html", status=status.value, words=labels_for(language)[status.value]))


@dataclasses.dataclass(frozen=True)
class AttachmentInfo:
    """An attachment as listed on the page."""

    title: str
    href: str
    file_type: str
    size_bytes: int


def format_size(size: int, language: str) -> str:
    """Return a file size for readers, e.g. "34 kB" or "1,2 MB" (decimal comma in Norwegian)."""
    if size < 1000:
        text = f"{size} B"
    elif size < 1_000_000:
        text = f"{round(size / 1000)} kB"
    else:
        text = f"{size / 1_000_000:.1f} MB"
    return text if language == "en" else text.replace(".", ",")


def _time(day: dt.date, language: str) -> Markup:
    return Markup(render("time.html", day=day, text=format_date(day, language)))


def _notice_kind(sop: Sop) -> tuple[str, str, str] | None:
    """Return (kind, admonition class, icon) of the SOP's notice, or None when it needs none."""
    status = str(sop.status)
    if status in {"withdrawn", "superseded"}:
        return status, "failure", "not_applicable"
    if status == "draft":
        return "draft", "note", "not_applicable"
    if sop.review.is_overdue:
        return "overdue", "danger", "overdue"
    if sop.review.is_due_soon:
        return "due_soon", "warning", "due_soon"
    return None


def render_notice(sop: Sop, collection: Collection, link: Linker) -> str:
    """Return the notice for an overdue, due-soon, draft, withdrawn or superseded SOP, or ""."""
    found = _notice_kind(sop)
    if found is None:
        return ""
    kind, css, icon_name = found
    language = sop.language
    words = labels_for(language)
    review = sop.review
    as_of = words["as_of"].format(date=format_date(collection.today, language))
    successor = None
    if kind in {"withdrawn", "superseded"}:
        text, as_of = words[f"notice_{kind}"], ""
        successor = collection.by_id(sop.meta.superseded_by or "")
    elif kind == "draft":
        text, as_of = words["notice_draft"], ""
    elif kind == "overdue":
        text = words["notice_overdue"].format(date=format_date(review.review_by, language), owner=sop.meta.owner)
    else:
        days = format_days(review.days_left, language)
        text = words["notice_due_soon"].format(date=format_date(review.review_by, language), days=days)
    return render(
        "sop_notice.html",
        kind=kind,
        css=css,
        icon_name=icon_name,
        title=words[kind],
        text=text,
        as_of=as_of,
        words=words,
        successor=successor,
        successor_href=link(successor.path) if successor else "",
    )


def render_meta(sop: Sop, collection: Collection, link: Linker, attachments: list[AttachmentInfo]) -> str:
    """Return the metadata block: id, version, status, dates, owner, approval, attachments, languages."""
    meta = sop.meta
    language = sop.language
    review = sop.review
    applies = review.status is not ReviewStatus.NOT_APPLICABLE
    translations = [
        {
            "href": link(other.path),
            "language": other.language,
            "language_name": LANGUAGE_NAMES[other.language],
            "title": other.title,
        }
        for other in collection.translations_of(sop)
    ]
    files = [
        {
            "href": item.href,
            "title": item.title,
            "file_type": item.file_type,
            "size": format_size(item.size_bytes, language),
        }
        for item in attachments
    ]
    return render(
        "sop_meta.html",
        sop=sop,
        words=labels_for(language),
        status=str(sop.status),
        effective_date=_time(meta.effective_date, language),
        last_reviewed_on=_time(meta.last_reviewed_on, language),
        review_by=_time(review.review_by, language),
        days_left=format_days(review.days_left, language) if applies else "",
        badge=status_badge(review.status, language),
        attachments=files,
        translations=translations,
    )


def render_translation_notice(sop: Sop, collection: Collection, link: Linker) -> str:
    """Return the notice of a translation whose original has a newer version, in the translation's language."""
    behind = collection.translation_behind(sop)
    if behind is None:
        return ""
    original, made_from = behind
    name = ORIGINAL_NAMES.get(sop.language, ORIGINAL_NAMES["nb"]).get(original.language, original.id)
    return render(
        "sop_translation_notice.html",
        words=labels_for(sop.language),
        original=original,
        original_href=link(original.path),
        name=name,
        old=str(made_from),
        new=str(original.meta.version),
    )


def render_sop_header(sop: Sop, collection: Collection, link: Linker, attachments: list[AttachmentInfo]) -> str:
    """Return the HTML placed above the SOP's body: heading, notices and metadata block."""
    heading = render("sop_title.html", sop=sop)
    notices = render_notice(sop, collection, link) + render_translation_notice(sop, collection, link)
    return heading + notices + render_meta(sop, collection, link, attachments)
