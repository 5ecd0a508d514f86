"""Generated pages and page parts that help readers find their way through the collection.

Backlinks ("Referert fra"), the feedback links, the attachments page ("Maler og
sjekklister"), the phase overview ("Hvilken SOP gjelder når"), redirect pages for
stable links, and Markdown checklists rendered as real, labelled checkboxes.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from html import escape
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.meta import DocStatus
from sopmodel.site.navigation import NO_PHASE, PHASES
from sopmodel.site.render import Linker, format_size, status_badge

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
    items = "".join(
        f'<li><a href="{escape(link(other.path))}"><span class="sop-id">{escape(other.id)}</span> '
        f'<span lang="{escape(other.language)}">{escape(other.title)}</span></a></li>'
        for other in referrers
    )
    return (
        f'<section class="sop-referrers" aria-labelledby="sop-referrers-title">\n'
        f'<h2 id="sop-referrers-title">{escape(words["referrers"])}</h2>\n<ul>{items}</ul>\n</section>\n'
    )


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
    links = []
    if settings.repo_url:
        repo = settings.repo_url.rstrip("/")
        query = urlencode({"title": subject, "body": body, "labels": "tilbakemelding"}, quote_via=quote)
        links.append(f'<li><a href="{escape(repo)}/issues/new?{escape(query)}">{escape(words["issue"])}</a></li>')
    if settings.email:
        query = urlencode({"subject": subject, "body": body}, quote_via=quote)
        links.append(f'<li><a href="mailto:{escape(settings.email)}?{escape(query)}">{escape(words["email"])}</a></li>')
    if settings.repo_url and settings.edit_uri:
        edit = f"{settings.repo_url.rstrip('/')}/{settings.edit_uri.strip('/')}/{quote(sop.path)}"
        links.append(f'<li><a href="{escape(edit)}">{escape(words["edit"])}</a></li>')
    if not links:
        return ""
    return (
        '<section class="sop-feedback" aria-labelledby="sop-feedback-title">\n'
        f'<h2 id="sop-feedback-title">{escape(words["feedback"])}</h2>\n'
        f"<p>{escape(words['feedback_intro'])}</p>\n<ul>{''.join(links)}</ul>\n</section>\n"
    )


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
    rows = []
    for path in sorted(collection.attachments, key=lambda p: _attachment_title(p, collection).casefold()):
        users = ", ".join(
            f'<a href="{escape(link(sop.path))}">{escape(sop.id)}</a>'
            for sop in sorted(collection.attachments[path], key=lambda s: s.id)
        )
        suffix = PurePosixPath(path).suffix.removeprefix(".").upper() or "?"
        rows.append(
            f'<tr><td><a href="{escape(link(path))}">{escape(_attachment_title(path, collection))}</a></td>'
            f"<td>{escape(suffix)}</td><td>{escape(format_size(sizes.get(path, 0), 'nb'))}</td><td>{users}</td></tr>"
        )
    table = (
        '<div class="sop-table" role="region" aria-labelledby="attachments-caption" tabindex="0">\n'
        '<table>\n<caption id="attachments-caption">Alle vedlegg og SOP-ene som bruker dem</caption>\n'
        '<thead><tr><th scope="col">Vedlegg</th><th scope="col">Filtype</th><th scope="col">Størrelse</th>'
        '<th scope="col">Brukes i</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    )
    return (
        "# Maler og sjekklister\n\n"
        "Maler, sjekklister, skjemaer og logger som hører til prosedyrene. Vedleggene er praktiske "
        "hjelpemidler som tilpasses hver studie.\n\n" + (table if rows else "Ingen vedlegg ennå.\n")
    )


def render_phase_page(collection: Collection, link: Linker) -> str:
    """Return "Hvilken SOP gjelder når": the trial phases in order with their SOPs and attachments."""
    by_phase: dict[str, list[Sop]] = {}
    for sop in collection.sops:
        if sop.status is DocStatus.ACTIVE:
            by_phase.setdefault((sop.meta.phase or ""), []).append(sop)
    parts = [
        "# Hvilken SOP gjelder når?\n\n",
        "Fasene i en klinisk studie i rekkefølge, med prosedyrene og vedleggene som gjelder i hver fase.\n\n",
        '<ol class="sop-phases">\n',
    ]
    for phase in [*PHASES, ""]:
        sops = sorted(by_phase.get(phase, []), key=lambda s: s.id)
        if not sops:
            continue
        name = PHASES.get(phase, NO_PHASE)
        parts.append(f'<li><h2 id="fase-{escape(phase or "uten")}">{escape(name)}</h2>\n<ul>\n')
        for sop in sops:
            attachments = "".join(
                f'<li><a href="{escape(link(attachment_path(sop, item.file)))}">{escape(item.title)}</a></li>'
                for item in sop.meta.attachments
            )
            parts.append(
                f'<li><a href="{escape(link(sop.path))}"><span class="sop-id">{escape(sop.id)}</span> '
                f'<span lang="{escape(sop.language)}">{escape(sop.title)}</span></a> '
                f"{status_badge(sop.review.status, 'nb')}"
                + (f'\n<ul class="sop-phase-attachments">{attachments}</ul>' if attachments else "")
                + "</li>\n"
            )
        parts.append("</ul></li>\n")
    parts.append("</ol>\n")
    return "".join(parts)


def render_redirect(target: str, title: str) -> str:
    """Return a static page that sends the reader on to `target` (works without JavaScript)."""
    href = escape(target)
    return (
        '<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={href}">\n<link rel="canonical" href="{href}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<main><p>Prosedyren er flyttet: <a href="{href}">{escape(title)}</a>.</p></main>\n</body>\n</html>\n'
    )


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
    counter = 0
    in_list = False
    for line in markdown.split("\n"):
        match = _TASK.match(line)
        if match:
            if not in_list:
                output.append('<ul class="sop-checklist">')
                in_list = True
            counter += 1
            checked = " checked" if match.group("mark") in "xX" else ""
            box_id = f"{prefix}-{counter}"
            output.append(
                f'<li><input type="checkbox" id="{box_id}"{checked}> '
                f'<label for="{box_id}">{escape(match.group("text").strip())}</label></li>'
            )
            continue
        if in_list:
            output.append("</ul>\n")
            in_list = False
        output.append(line)
    if in_list:
        output.append("</ul>\n")
    return "\n".join(output)


def checklist_download(source_name: str, href: str) -> str:
    """Return the download link offered above a checklist page."""
    return (
        f'<p class="sop-download"><a href="{escape(href)}" download="{escape(source_name)}">'
        f"Last ned sjekklisten ({escape(source_name)})</a></p>\n\n"
    )
