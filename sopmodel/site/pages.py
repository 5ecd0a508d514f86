"""Generated pages and page parts that help readers find their way through the collection.

Backlinks ("Referert fra"), the feedback links, the attachments page ("Maler og
sjekklister"), the phase overview ("Hvilken SOP gjelder når"), redirect pages for
stable links, and Markdown checklists rendered as real, labelled checkboxes.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.meta import DocStatus
from sopmodel.site.navigation import NO_PHASE, PHASES
from sopmodel.site.render import Linker, format_size, status_badge
from sopmodel.site.templating import render

FEEDBACK_WORDS = {
    "nb": {
        "referrers": "Referert fra",
        "feedback": "Foreslå endring",
        "feedback_intro": "Har du funnet en feil, eller har du forslag til forbedring av denne prosedyren?",
        "issue": "Foreslå endring (GitHub)",
        "email": "Send forslag på e-post",
        "edit": "Rediger filen (for redaktører)",
    },
    "en": {
        "referrers": "Referred to from",
        "feedback": "Suggest a change",
        "feedback_intro": "Found an error, or have a suggestion for this procedure?",
        "issue": "Suggest a change (GitHub)",
        "email": "Send a suggestion by e-mail",
        "edit": "Edit the file (for editors)",
    },
}


@dataclasses.dataclass(frozen=True)
class FeedbackSettings:
    """Where readers send suggestions.

    Attributes:
        repo_url: The repository, e.g. ``https://github.com/norcrin/sop``; "" for none.
        edit_uri: Path from `repo_url` to the editor of a file, e.g. ``edit/main/``.
        email: Address for readers without an account; "" for none.
        site_url: The site's public address, to put the page's address in suggestions.
    """

    repo_url: str = ""
    edit_uri: str = "edit/main/"
    email: str = ""
    site_url: str = ""


def render_referrers(sop: Sop, collection: Collection, link: Linker) -> str:
    """Return the "Referert fra" list of SOPs that link to `sop`, or ""."""
    referrers = collection.referrers_of(sop)
    if not referrers:
        return ""
    words = FEEDBACK_WORDS.get(sop.language, FEEDBACK_WORDS["nb"])
    items = [{"sop": other, "href": link(other.path)} for other in referrers]
    return render("sop_referrers.html", words=words, referrers=items)


def render_feedback(sop: Sop, page_url: str, settings: FeedbackSettings) -> str:
    """Return the "Foreslå endring" block: a prefilled issue, e-mail, and the editor's link.

    Args:
        sop: The SOP of the page.
        page_url: The page's address relative to the site root (e.g. ``sop/ct-sop-07/``).
        settings: Repository, e-mail and site address.
    """
    words = FEEDBACK_WORDS.get(sop.language, FEEDBACK_WORDS["nb"])
    address = settings.site_url.rstrip("/") + "/" + page_url if settings.site_url else "/" + page_url
    subject = f"{sop.id} versjon {sop.meta.version}: forslag til endring"
    body = f"Side: {address}\nSOP: {sop.id} {sop.title} (versjon {sop.meta.version})\n\nForslag:\n"
    issue_href = email_href = edit_href = ""
    if settings.repo_url:
        query = urlencode({"title": subject, "body": body, "labels": "tilbakemelding"}, quote_via=quote)
        issue_href = f"{settings.repo_url.rstrip('/')}/issues/new?{query}"
    if settings.email:
        email_href = f"mailto:{settings.email}?{urlencode({'subject': subject, 'body': body}, quote_via=quote)}"
    if settings.repo_url and settings.edit_uri:
        edit_href = f"{settings.repo_url.rstrip('/')}/{settings.edit_uri.strip('/')}/{quote(sop.path)}"
    if not (issue_href or email_href or edit_href):
        return ""
    return render("sop_feedback.html", words=words, issue_href=issue_href, email_href=email_href, edit_href=edit_href)


def attachment_path(sop: Sop, file: str) -> str:
    """Return the project-relative path of an attachment `file` listed by `sop`."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(sop.path), file))


def _attachment_title(path: str, collection: Collection) -> str:
    for sop in collection.attachments.get(path, []):
        for item in sop.meta.attachments:
            if attachment_path(sop, item.file) == path:
                return item.title
    return PurePosixPath(path).name


def render_attachments_page(collection: Collection, link: Linker, sizes: dict[str, int]) -> str:
    """Return "Maler og sjekklister": every attachment, its type and size, and the SOPs using it."""
    rows = [
        {
            "href": link(path),
            "title": _attachment_title(path, collection),
            "suffix": PurePosixPath(path).suffix.removeprefix(".").upper() or "?",
            "size": format_size(sizes.get(path, 0), "nb"),
            "users": [
                {"href": link(sop.path), "id": sop.id}
                for sop in sorted(collection.attachments[path], key=lambda s: s.id)
            ],
        }
        for path in sorted(collection.attachments, key=lambda p: _attachment_title(p, collection).casefold())
    ]
    return render("attachments_page.html", rows=rows)


def render_phase_page(collection: Collection, link: Linker) -> str:
    """Return "Hvilken SOP gjelder når": the trial phases in order with their SOPs and attachments."""
    by_phase: dict[str, list[Sop]] = {}
    for sop in collection.sops:
        if sop.status is DocStatus.ACTIVE:
            by_phase.setdefault((sop.meta.phase or ""), []).append(sop)
    phases = []
    for phase in [*PHASES, ""]:
        sops = sorted(by_phase.get(phase, []), key=lambda s: s.id)
        if not sops:
            continue
        items = [
            {
                "sop": sop,
                "href": link(sop.path),
                "badge": status_badge(sop.review.status, "nb"),
                "attachments": [
                    {"href": link(attachment_path(sop, item.file)), "title": item.title}
                    for item in sop.meta.attachments
                ],
            }
            for sop in sops
        ]
        phases.append({"key": phase, "name": PHASES.get(phase, NO_PHASE), "sops": items})
    return render("phase_page.html", phases=phases)


def render_redirect(target: str, title: str) -> str:
    """Return a static page that sends the reader on to `target` (works without JavaScript)."""
    return render("redirect.html", target=target, title=title)


_TASK = re.compile(r"^(?P<indent>\s*)[-*+] \[(?P<mark>[ xX])\] (?P<text>.+)$")


def is_checklist(markdown: str) -> bool:
    """Whether `markdown` has task-list items (``- [ ] ...``)."""
    return any(_TASK.match(line) for line in markdown.splitlines())


def checklist_to_html(markdown: str, prefix: str = "check") -> str:
    """Return `markdown` with each run of ``- [ ] item`` lines as labelled checkboxes.

    Screen readers announce each box with its text (a real <label for>), and the list
    prints with empty boxes to tick by hand.
    """
    output: list[str] = []
    items: list[dict[str, object]] = []
    counter = 0
    for line in markdown.split("\n"):
        match = _TASK.match(line)
        if match:
            counter += 1
            text = match.group("text").strip()
            items.append({"id": f"{prefix}-{counter}", "checked": match.group("mark") in "xX", "text": text})
            continue
        if items:
            output.append(render("checklist.html", items=items))
            items = []
        output.append(line)
    if items:
        output.append(render("checklist.html", items=items))
    return "\n".join(output)


def checklist_download(source_name: str, href: str) -> str:
    """Return the download link offered above a checklist page."""
    return render("checklist_download.html", href=href, name=source_name)
