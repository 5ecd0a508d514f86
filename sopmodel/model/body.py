"""Rules for the Markdown body of content files: required sections and safe links."""

from __future__ import annotations

import datetime as dt
import re

from sopmodel.model import fields
from sopmodel.model.crossrefs import lines_outside_code
from sopmodel.model.document import Document
from sopmodel.model.issues import Issue
from sopmodel.model.meta import DocStatus, parse_date
from sopmodel.model.text import CONTROL_CHARACTER

PURPOSE_SECTION: dict[str, tuple[str, ...]] = {
    "nb": ("Formål", "Hensikt"),
    "nn": ("Føremål", "Formål", "Hensikt"),
    "en": ("Purpose", "Objective", "Aim"),
}
"""The names of the purpose section, per language; the first is the one to write.

The rule for an active SOP: a purpose section with text, and at least one more
section with text (the procedure itself, whatever the SOP calls it: legacy SOPs say
"Fremgangsmåte", "Beskrivelse", "Randomisering" ...). Without them a published
"Gjeldende" SOP tells a reader nothing. A heading counts when it starts with the name
("1 Formål og omfang" is a purpose section).
"""

EMPTY_ALT = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]+)")
"""A Markdown image without a description: ``![](figur.png)``; group 1 is its address."""
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")
_NUMBERING = re.compile(r"^[\d.\s]+")
# Link targets: [text](target), ![alt](target), [label]: target, <scheme:...>, and
# href=/src=/action= in HTML (quoted with " or ', or bare). Group "image" marks images.
_LINK_TARGETS = (
    re.compile(r"(?P<image>!?)\[[^\]\n]*\]\(\s*<?(?P<bare>[^)>\s]*)"),
    re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(?P<bare>\S+?)>?(?:\s|$)"),
    re.compile(r"<(?P<bare>[A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>"),
    re.compile(
        r"""(?i)\b(?P<attribute>href|src|action|formaction|xlink:href)\s*=\s*"""
        r"""(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+))"""
    ),
)


# Elements that run a script, load another site or restyle the page (<svg> and <math> can
# animate a link into javascript:, <meta> can redirect, <base> can move every link).
_SCRIPT_ELEMENT = re.compile(
    r"<\s*(?P<element>script|iframe|object|embed|frame|frameset|meta|link|base|style|svg|math)\b(?P<event>)", re.I
)
_EVENT_ATTRIBUTE = re.compile(r"<[A-Za-z][^>]*?[\s/\"'](?P<event>on[a-z]+)\s*=(?P<element>)", re.I)
# Attribute lists (the attr_list extension): "{: onmouseover=... }" after a paragraph, heading or link.
_EVENT_IN_ATTR_LIST = re.compile(r"\{:?[^}\n]*?(?<![\w-])(?P<event>on[a-z]+)\s*=(?P<element>)", re.I)


def _address(match: re.Match[str]) -> tuple[str, bool]:
    """Return the address a link pattern matched, and whether it is an image's."""
    groups = match.groupdict()
    address = next(groups[name] for name in ("double", "single", "bare") if groups.get(name) is not None)
    return address, bool(groups.get("image")) or (groups.get("attribute") or "").casefold() == "src"


def check_body(document: Document, today: dt.date, required_sections: bool = True) -> list[Issue]:
    """Return the problems of a content file's body.

    Args:
        document: The parsed file; its front matter may have failed the schema.
        today: The day the status is judged by (an SOP past `withdrawn_on` is no longer active).
        required_sections: Whether an active SOP must have the sections of `REQUIRED_SECTIONS`.
    """
    issues = find_unsafe_links(document) + find_empty_alt(document) + find_control_characters(document)
    if required_sections and _is_active(document, today):
        issues.extend(_missing_sections(document))
    return issues


def _is_active(document: Document, today: dt.date) -> bool:
    if fields.text(document.meta, "status") != DocStatus.ACTIVE.value:
        return False
    withdrawn_on = parse_date(document.meta.get("withdrawn_on"))
    return withdrawn_on is None or withdrawn_on > today


def _blank_lines(match: re.Match[str]) -> str:
    """The comment's line breaks alone, so that the lines after it keep their numbers."""
    return "\n" * match[0].count("\n")


def _section_name(title: str) -> str:
    return _NUMBERING.sub("", title).rstrip(" :.").casefold()


def _missing_sections(document: Document) -> list[Issue]:
    """Report an active SOP without a purpose section or without a further section with text."""
    language = fields.text(document.meta, "language") or "nb"
    purpose_names = PURPOSE_SECTION.get(language, PURPOSE_SECTION["nb"])
    filled: list[str] = []
    current = None
    # A comment is no text: "<!-- Skriv formålet her -->" is what `sop new` leaves to fill in.
    for _, line, _ in lines_outside_code(_HTML_COMMENT.sub(_blank_lines, document.body)):
        heading = _HEADING.match(line)
        if heading:
            current = _section_name(heading.group(2))
        elif current is not None and line.strip() and current not in filled:
            filled.append(current)
    has_purpose = any(name.startswith(purpose.casefold()) for name in filled for purpose in purpose_names)
    if has_purpose and len(filled) >= 2:
        return []
    purpose = purpose_names[0]
    procedure = "Procedure" if language == "en" else "Fremgangsmåte"
    first_line = document.body_line
    if not document.body.strip():
        message = "expected the text of an active SOP, got an empty body."
    elif not has_purpose:
        message = f"expected a section '{purpose}' with text in an active SOP, found none."
    else:
        message = f"expected, besides '{purpose}', at least one more section with text (the procedure), found none."
    hint = (
        f"an active SOP needs at least '## {purpose}' and a section such as '## {procedure}', each with text "
        "under it; or set 'status: draft' until the text is written."
    )
    return [Issue(document.path, first_line, "", message, hint)]


def find_unsafe_links(document: Document) -> list[Issue]:
    """Report every script: a ``javascript:``, ``vbscript:`` or ``data:`` address, or raw HTML that runs one.

    Raw HTML runs a script with a ``<script>``, ``<iframe>``, ``<object>`` or ``<embed>``
    element, or an ``onload=``-style event attribute. A ``data:image/…`` address is allowed
    in an image (``![alt](data:image/png;…)``).
    """
    first = document.body_line
    issues = []
    for index, line, spans in lines_outside_code(document.body):
        for what in _scripts_in(line, spans):
            issues.append(
                Issue(
                    document.path,
                    first + index,
                    "",
                    f"expected text, Markdown or plain HTML, got {what}: content runs no script, loads "
                    "nothing from other sites and keeps the site's style.",
                    "remove it; link to a video, form or page with an https:// address instead.",
                )
            )
        for scheme, address in _unsafe_addresses(line, spans):
            issues.append(
                Issue(
                    document.path,
                    first + index,
                    "",
                    f"expected a web address or a file, got a '{scheme}' address ('{address[:60]}').",
                    "link to an https:// address, an SOP with [[ID]], or a file; remove the script.",
                )
            )
    return issues


def _scripts_in(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """Name each script element or event attribute of raw HTML in `line`, outside code `spans`."""
    found = []
    matches = (*_SCRIPT_ELEMENT.finditer(line), *_EVENT_ATTRIBUTE.finditer(line), *_EVENT_IN_ATTR_LIST.finditer(line))
    for match in sorted(matches, key=lambda m: m.start()):
        if any(start <= match.start() < end for start, end in spans):
            continue
        element = match["element"].lower()
        article = "an" if element[:1] in "aeio" else "a"
        found.append(f"{article} <{element}> element" if element else f"an '{match['event']}' attribute")
    return found


def _unsafe_addresses(line: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """The (scheme, address) of each link or image in `line` that would run a script."""
    found = []
    for pattern in _LINK_TARGETS:
        for match in pattern.finditer(line):
            address, image = _address(match)
            if any(start <= match.start() < end for start, end in spans):
                continue
            scheme = fields.unsafe_scheme(address)
            if scheme is None or (image and scheme == "data:" and _is_image_data(address)):
                continue
            found.append((scheme, address))
    return found


def find_empty_alt(document: Document) -> list[Issue]:
    """Report every Markdown image without a description (``![](figur.png)``), with its line.

    Markdown makes an empty alt "decorative"; in an SOP it is far more often a description the
    editor has yet to write, and a screen reader then says nothing (universal design).
    """
    first = document.body_line
    return [
        Issue(
            document.path,
            first + index,
            "",
            f"expected a description of the image '{match.group(1)}', got an empty alt text.",
            f"describe the image in ![description]({match.group(1)}).",
        )
        for index, line, spans in lines_outside_code(document.body)
        for match in EMPTY_ALT.finditer(line)
        if not any(start <= match.start() < end for start, end in spans)
    ]


def _is_image_data(address: str) -> bool:
    return address.strip().casefold().startswith("data:image/") and "svg" not in address.casefold()


def find_control_characters(document: Document) -> list[Issue]:
    """Report each body line holding an invisible control character (NUL, BEL, ESC ...), with its line."""
    first = document.body_line
    return [
        Issue(
            document.path,
            first + index,
            "",
            f"expected text, got the invisible character U+{ord(match[0]):04X}.",
            "delete the character (retype the line); it often comes from copying out of a PDF.",
        )
        for index, line in enumerate(document.body.split("\n"))
        if (match := CONTROL_CHARACTER.search(line))
    ]
