"""HTML shown on every SOP page: title, status notice and metadata block.

Everything that comes from front matter is escaped here; the output is inserted into
the page as it is. Status is given in words and with an icon, never by colour alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from html import escape

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.labels import LANGUAGE_NAMES, ORIGINAL_NAMES, format_date, format_days, labels_for
from sopmodel.model.review import ReviewStatus

Linker = Callable[[str], str]
"""Maps a project-relative source path (``sops/ct-sop-07.md``) to an href from the page."""

# Decorative icons (aria-hidden): the words beside them carry the meaning.
ICONS = {
    "overdue": '<path d="M12 2 1 21h22L12 2zm1 16h-2v-2h2v2zm0-4h-2v-4h2v4z"/>',
    "due_soon": '<path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 11h-5v-2h3V6h2v7z"/>',
    "current": '<path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2z"/>',
    "not_applicable": '<path d="M19 13H5v-2h14v2z"/>',
}


def icon(name: str) -> str:
    """Return an inline, decorative SVG icon."""
    return (
        f'<svg class="sop-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" '
        f'focusable="false">{ICONS[name]}</svg>'
    )


def status_badge(status: ReviewStatus, language: str) -> str:
    """Return the review status as icon and words, e.g. for tables."""
    words = labels_for(language)[status.value]
    return f'<span class="sop-status sop-status--{status.value}">{icon(status.value)} {escape(words)}</span>'


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


def _time(day, language: str) -> str:
    return f'<time datetime="{day.isoformat()}">{escape(format_date(day, language))}</time>'


def render_notice(sop: Sop, collection: Collection, link: Linker) -> str:
    """Return the notice for an overdue, due-soon, draft, withdrawn or superseded SOP, or ""."""
    language = sop.language
    words = labels_for(language)
    status = str(sop.status)
    review = sop.review
    as_of = escape(words["as_of"].format(date=format_date(collection.today, language)))
    if status in {"withdrawn", "superseded"}:
        kind, title, css = status, words[status], "failure"
        text = escape(words[f"notice_{status}"])
        successor = collection.by_id(sop.meta.superseded_by or "")
        if successor is not None:
            anchor = f'<a href="{escape(link(successor.path))}">{escape(successor.id)} {escape(successor.title)}</a>'
            text += " " + escape(words["notice_superseded_by"]).replace("{link}", anchor)
        icon_name = "not_applicable"
    elif status == "draft":
        kind, title, css, icon_name = "draft", words["draft"], "note", "not_applicable"
        text = escape(words["notice_draft"])
    elif review.is_overdue:
        kind, title, css, icon_name = "overdue", words["overdue"], "danger", "overdue"
        text = escape(
            words["notice_overdue"].format(date=format_date(review.review_by, language), owner=sop.meta.owner)
        )
        text += " " + as_of
    elif review.is_due_soon:
        kind, title, css, icon_name = "due_soon", words["due_soon"], "warning", "due_soon"
        text = escape(
            words["notice_due_soon"].format(
                date=format_date(review.review_by, language), days=format_days(review.days_left, language)
            )
        )
        text += " " + as_of
    else:
        return ""
    return (
        f'<div class="admonition {css} sop-notice sop-notice--{kind}">\n'
        f'<p class="admonition-title">{icon(icon_name)} {escape(title)}</p>\n'
        f"<p>{text}</p>\n</div>\n"
    )


def render_meta(sop: Sop, collection: Collection, link: Linker, attachments: list[AttachmentInfo]) -> str:
    """Return the metadata block: id, version, status, dates, owner, approval, attachments, languages."""
    meta = sop.meta
    language = sop.language
    words = labels_for(language)
    review = sop.review
    rows = [
        ("id", escape(sop.id)),
        ("version", escape(str(meta.version))),
        ("status", escape(words[str(sop.status)])),
        ("effective_date", _time(meta.effective_date, language)),
        ("last_reviewed_on", _time(meta.last_reviewed_on, language)),
    ]
    if review.status is ReviewStatus.NOT_APPLICABLE:
        rows.append(("review_by", f"{_time(review.review_by, language)} {status_badge(review.status, language)}"))
    else:
        rows.append(
            (
                "review_by",
                f"{_time(review.review_by, language)} ({escape(format_days(review.days_left, language))}) "
                f"{status_badge(review.status, language)}",
            )
        )
    rows.append(("owner", escape(meta.owner)))
    approved = meta.approved_by
    rows.append(("approved_by", escape(str(approved)) if approved else escape(words["not_given"])))
    if attachments:
        items = "".join(
            f'<li><a href="{escape(item.href)}">{escape(item.title)}</a> '
            f"({escape(item.file_type)}, {escape(format_size(item.size_bytes, language))})</li>"
            for item in attachments
        )
        rows.append(("attachments", f'<ul class="sop-meta__files">{items}</ul>'))
    translations = collection.translations_of(sop)
    if translations:
        items = "".join(
            f'<li><a href="{escape(link(other.path))}" hreflang="{escape(other.language)}">'
            f"{escape(LANGUAGE_NAMES[other.language])}: "
            f'<span lang="{escape(other.language)}">{escape(other.title)}</span></a></li>'
            for other in translations
        )
        rows.append(("languages", f'<ul class="sop-meta__languages">{items}</ul>'))
    body = "\n".join(f"<div><dt>{escape(words[key])}</dt><dd>{value}</dd></div>" for key, value in rows)
    return (
        f'<section class="sop-meta" aria-labelledby="sop-meta-title">\n'
        f'<h2 class="sop-meta__title" id="sop-meta-title">{escape(words["meta"])}</h2>\n'
        f'<dl class="sop-meta__list">\n{body}\n</dl>\n</section>\n'
    )


def render_translation_notice(sop: Sop, collection: Collection, link: Linker) -> str:
    """Return the notice of a translation whose original has a newer version, in the translation's language."""
    behind = collection.translation_behind(sop)
    if behind is None:
        return ""
    original, made_from = behind
    words = labels_for(sop.language)
    name = ORIGINAL_NAMES.get(sop.language, ORIGINAL_NAMES["nb"]).get(original.language, original.id)
    anchor = f'<a href="{escape(link(original.path))}" hreflang="{escape(original.language)}">{escape(name)}</a>'
    text = escape(words["notice_translation_behind"]).replace(escape("{original}"), anchor)
    text = text.replace("{old}", escape(str(made_from))).replace("{new}", escape(str(original.meta.version)))
    return (
        '<div class="admonition warning sop-notice sop-notice--translation">\n'
        f'<p class="admonition-title">{icon("due_soon")} {escape(words["translation_behind"])}</p>\n'
        f"<p>{text}</p>\n</div>\n"
    )


def render_sop_header(sop: Sop, collection: Collection, link: Linker, attachments: list[AttachmentInfo]) -> str:
    """Return the HTML placed above the SOP's body: heading, notices and metadata block."""
    heading = f'<h1 id="sop-title"><span class="sop-id">{escape(sop.id)}</span> {escape(sop.title)}</h1>\n'
    notices = render_notice(sop, collection, link) + render_translation_notice(sop, collection, link)
    return heading + notices + render_meta(sop, collection, link, attachments)
