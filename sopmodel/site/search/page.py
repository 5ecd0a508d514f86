"""The full search page /sok/ (issue 15): filters, and an A-Z list that needs no JavaScript.

With JavaScript, the page's search form (``overrides/assets/javascripts/sop-search-page.js``)
searches the Pagefind index with filters for status, owner, phase, language, family and
kind, with counts, and keeps the query and the chosen filters in the address. Without
it, the form stays hidden and the reader gets every SOP and attachment by id and title,
grouped by family: any procedure is two steps away.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2

from sopmodel.model.labels import labels_for
from sopmodel.site.navigation import PHASES
from sopmodel.site.pages import attachment_path
from sopmodel.site.templating import finalize

LANGUAGES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "Engelsk"}
KIND_LABELS = {"sop": "SOP", "template": "Mal eller sjekkliste", "onepager": "OnePager", "page": "Side"}
FACET_LABELS = {
    "status": "Status",
    "owner": "Eier (arbeidspakke)",
    "phase": "Fase",
    "language": "Språk",
    "family": "Område",
    "kind": "Type",
}
SCRIPT = "assets/javascripts/sop-search-page.js"


@dataclasses.dataclass(frozen=True)
class FacetValue:
    """One checkbox: the filter value as indexed, and its label."""

    code: str
    label: str


@dataclasses.dataclass(frozen=True)
class Facet:
    """One group of checkboxes (a fieldset)."""

    key: str
    label: str
    values: list[FacetValue]


@dataclasses.dataclass(frozen=True)
class ListedAttachment:
    """An attachment in the A-Z list."""

    title: str
    url: str


@dataclasses.dataclass(frozen=True)
class ListedSop:
    """An SOP in the A-Z list, with its attachments."""

    id: str
    title: str
    language: str
    url: str
    status: str
    status_label: str
    attachments: list[ListedAttachment]


@dataclasses.dataclass(frozen=True)
class ListedFamily:
    """A family (category) of the A-Z list."""

    title: str
    slug: str
    sops: list[ListedSop]


@functools.cache
def _environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(Path(__file__).with_name("templates"))
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        finalize=finalize,  # the page is Markdown: a title's "[" must not open a link
    )


def _listed_sop(sop: Any, link: Callable[[str], str]) -> ListedSop:
    status = str(sop.status)
    attachments = [
        ListedAttachment(item.title or item.file, link(attachment_path(sop, item.file)))
        for item in sop.meta.attachments
    ]
    return ListedSop(
        sop.id,
        sop.title,
        sop.language,
        link(sop.path),
        status,
        labels_for("nb").get(status, status),
        sorted(attachments, key=lambda a: a.title.casefold()),
    )


def _value(sop: Any, field: str) -> Any:
    """Return a filter's value of an SOP: its status on the site's day, or a front-matter field."""
    return sop.status.value if field == "status" else getattr(sop.meta, field, None)


def facets(sops: Iterable[Any], family_titles: dict[str, str]) -> list[Facet]:
    """Return the filters of the search page, each value the SOPs have, in a fixed order."""
    sops = list(sops)
    words = labels_for("nb")

    def values(field: str, order: Iterable[str], label: Callable[[str], str]) -> list[FacetValue]:
        found = {str(_value(sop, field)) for sop in sops if _value(sop, field)}
        known = [code for code in order if code in found]
        return [FacetValue(code, label(code)) for code in [*known, *sorted(found - set(known))]]

    return [
        Facet(
            "status",
            FACET_LABELS["status"],
            values("status", ("active", "draft", "superseded", "withdrawn"), lambda c: words.get(c, c)),
        ),
        Facet("owner", FACET_LABELS["owner"], values("owner", (), str)),
        Facet("phase", FACET_LABELS["phase"], values("phase", PHASES, lambda c: PHASES.get(c, c))),
        Facet("language", FACET_LABELS["language"], values("language", LANGUAGES, lambda c: LANGUAGES.get(c, c))),
        Facet("family", FACET_LABELS["family"], values("category", family_titles, lambda c: family_titles.get(c, c))),
        Facet("kind", FACET_LABELS["kind"], [FacetValue(code, label) for code, label in KIND_LABELS.items()]),
    ]


def render_search_page(sections: Iterable[Any], link: Callable[[str], str]) -> str:
    """Return the Markdown of /sok/: the search form with filters and the A-Z list.

    Args:
        sections: The navigation sections (families) with their SOPs (`NavSection`).
        link: Source path -> link from the search page.
    """
    sections = list(sections)
    sops = [sop for section in sections for sop in section.sops]
    titles = {
        section.key: section.title
        for section in sections
        if any(sop.meta.category == section.key for sop in section.sops)
    }
    # By family, withdrawn and superseded SOPs too (the navigation puts them in an archive).
    groups: dict[str, list[Any]] = {}
    for sop in sops:
        groups.setdefault(sop.meta.category or "", []).append(sop)
    order = [key for key in titles if key in groups] + sorted(key for key in groups if key not in titles)
    families = [
        ListedFamily(
            titles.get(key, key or "Andre"),
            f"familie-{index}",
            [_listed_sop(sop, link) for sop in sorted(groups[key], key=lambda s: s.id)],
        )
        for index, key in enumerate(order, start=1)
    ]
    html = (
        _environment()
        .get_template("sok.html")
        .render(
            families=families,
            facets=facets(sops, titles),
            script=link(SCRIPT),
        )
    )
    return "# Søk\n\n" + html
