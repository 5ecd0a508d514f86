"""The site's navigation and SOP overview pages, derived from the collection.

The navigation groups SOPs by category (family). Material writes the navigation into
every page, so a section with hundreds of SOPs would make the build grow with the
square of the collection: a section larger than `nav_max_sops` lists only its overview
page, which lists its SOPs.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.labels import labels_for
from sopmodel.model.review import ReviewStatus
from sopmodel.site.render import Linker, status_badge
from sopmodel.site.templating import render

UNCATEGORISED = "Andre"
ARCHIVE_KEY = "arkiv"
ARCHIVE_TITLE = "Arkiv: utgåtte prosedyrer"
ARCHIVED = frozenset({"withdrawn", "superseded"})
PHASES = {
    "planning": "Planlegging",
    "start-up": "Oppstart",
    "conduct": "Gjennomføring",
    "completion": "Avslutning",
    "general": "Gjelder alle faser",
}
"""Trial phases in order, with their Norwegian names."""
NO_PHASE = "Uten fase"


@dataclasses.dataclass(frozen=True)
class NavSection:
    """A group of SOPs in the navigation, with its generated overview page."""

    key: str
    title: str
    sops: list[Sop]

    @property
    def slug(self) -> str:
        """URL-safe name of the section, e.g. ``ct`` or ``generelt``."""
        return re.sub(r"[^a-z0-9]+", "-", self.key.casefold()).strip("-") or "andre"


def group_by_category(collection: Collection, titles: dict[str, str]) -> list[NavSection]:
    """Return the navigation sections: configured categories first, in their order.

    Withdrawn and superseded SOPs go to a last section, the archive, so that they leave
    the main sections but keep their pages.
    """
    groups: dict[str, list[Sop]] = {}
    archive = [sop for sop in collection.sops if sop.status.is_archived]
    for sop in collection.sops:
        if not sop.status.is_archived:
            groups.setdefault((sop.meta.category or UNCATEGORISED), []).append(sop)
    order = [key for key in titles if key in groups] + sorted(key for key in groups if key not in titles)
    sections = [NavSection(key, titles.get(key, key), sorted(groups[key], key=lambda s: s.id)) for key in order]
    if archive:
        sections.append(NavSection(ARCHIVE_KEY, ARCHIVE_TITLE, sorted(archive, key=lambda s: s.id)))
    return sections


def section_page(sops_dir: str, section: NavSection) -> str:
    """Return the source path of a section's generated overview page."""
    return f"{sops_dir}/{section.slug}/index.md"


def expand_nav(
    nav: list[Any],
    index_page: str,
    sections: list[tuple[str, list[str]]],
    extra: dict[str, list[str]],
) -> list[Any]:
    """Return `nav` with the SOP index entry expanded into category sections.

    Args:
        nav: The ``nav`` list from mkdocs.yml (titles mapped to paths or lists).
        index_page: The generated SOP index page, e.g. ``sops/index.md``.
        sections: (title, pages) of each SOP section; the first page is its overview.
        extra: Other index pages to expand into their pages, e.g. the OnePagers.
    """
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == index_page:
                children: list[Any] = [index_page, *({name: pages} for name, pages in sections)]
                expanded.append({title: children})
                continue
            if isinstance(value, str) and value in extra:
                expanded.append({title: [value, *extra[value]]})
                continue
            if isinstance(value, list):
                expanded.append({title: expand_nav(value, index_page, sections, extra)})
                continue
        expanded.append(item)
    return expanded


def nav_sections(sections: list[NavSection], sops_dir: str, max_sops: int) -> list[tuple[str, list[str]]]:
    """Return (title, pages) per section: its overview, then its SOPs if there are few enough."""
    return [
        (
            section.title,
            [section_page(sops_dir, section)]
            + ([sop.path for sop in section.sops] if len(section.sops) <= max_sops else []),
        )
        for section in sections
    ]


def render_sop_index(sections: list[NavSection], sops_dir: str, link: Linker, dashboard: str) -> str:
    """Return the SOP overview page: every SOP by category, with status in words."""
    items = [
        {
            "title": section.title,
            "href": link(section_page(sops_dir, section)),
            "sops": [
                {"sop": sop, "href": link(sop.path), "badge": status_badge(sop.review.status, "nb")}
                for sop in section.sops
            ],
        }
        for section in sections
    ]
    return render("sop_index.html", dashboard_href=link(dashboard), sections=items)


def render_section_page(section: NavSection, link: Linker) -> str:
    """Return a family's overview page: its SOPs by trial phase, with version and next review."""
    words = labels_for("nb")
    by_phase: dict[str, list[Sop]] = {}
    for sop in section.sops:
        by_phase.setdefault((sop.meta.phase or ""), []).append(sop)
    order = [phase for phase in PHASES if phase in by_phase] + ([""] if "" in by_phase else [])
    phases = []
    for phase in order:
        name = PHASES.get(phase, NO_PHASE)
        rows = [
            {
                "sop": sop,
                "href": link(sop.path),
                "status": words[str(sop.status)],
                "next_review": ""
                if sop.review.status is ReviewStatus.NOT_APPLICABLE
                else sop.review.review_by.isoformat(),
                "badge": status_badge(sop.review.status, "nb"),
            }
            for sop in by_phase[phase]
        ]
        caption = f"{section.title}: {name}" if len(order) > 1 else section.title
        phases.append({"name": name, "caption": caption, "rows": rows})
    return render("section_page.html", title=section.title, phases=phases)
