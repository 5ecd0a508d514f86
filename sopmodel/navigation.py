"""The site's navigation and SOP overview, derived from the collection."""

from __future__ import annotations

from html import escape
from typing import Any

from sopmodel.collection import Collection, Sop
from sopmodel.render import Linker, status_badge

UNCATEGORISED = "Andre"
ARCHIVE_TITLE = "Arkiv: utgåtte prosedyrer"
ARCHIVED = frozenset({"withdrawn", "superseded"})


def group_by_category(collection: Collection, titles: dict[str, str]) -> list[tuple[str, list[Sop]]]:
    """Return (section title, SOPs) pairs: configured categories first, in their order.

    Withdrawn and superseded SOPs go to a last section, the archive, so that they leave
    the main sections but keep their pages.
    """
    groups: dict[str, list[Sop]] = {}
    archive = [sop for sop in collection.sops if sop.meta["status"] in ARCHIVED]
    for sop in collection.sops:
        if sop.meta["status"] in ARCHIVED:
            continue
        category = str(sop.meta.get("category") or UNCATEGORISED)
        groups.setdefault(category, []).append(sop)
    order = [key for key in titles if key in groups] + sorted(key for key in groups if key not in titles)
    sections = [(titles.get(key, key), sorted(groups[key], key=lambda s: s.id)) for key in order]
    if archive:
        sections.append((ARCHIVE_TITLE, sorted(archive, key=lambda s: s.id)))
    return sections


def expand_nav(
    nav: list[Any], index_page: str, sections: list[tuple[str, list[Sop]]], extra: dict[str, list[str]]
) -> list[Any]:
    """Return `nav` with the SOP index entry expanded into category sections.

    Args:
        nav: The ``nav`` list from mkdocs.yml (titles mapped to paths or lists).
        index_page: The generated SOP index page, e.g. ``sops/index.md``.
        sections: The SOP categories and their SOPs.
        extra: Other index pages to expand into their pages, e.g. the OnePagers.
    """
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if value == index_page:
                children: list[Any] = [index_page]
                children += [{name: [sop.path for sop in sops]} for name, sops in sections]
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


def render_sop_index(collection: Collection, sections: list[tuple[str, list[Sop]]], link: Linker) -> str:
    """Return the SOP overview page: every SOP by category, with status in words."""
    parts = [
        "# Prosedyrer (SOP)\n\n",
        "Her er alle gjeldende nasjonale standard prosedyrer (SOP-er) fra NorCRIN, sortert etter område. "
        "Revisjonsstatus står i ord; se også [Revisjonsoversikt](../revisjonsoversikt.md).\n\n",
    ]
    for title, sops in sections:
        parts.append(f"## {escape(title)}\n\n<ul class=\"sop-list\">\n")
        for sop in sops:
            parts.append(
                f'<li><a href="{escape(link(sop.path))}" lang="{escape(str(sop.meta["language"]))}">'
                f"<span class=\"sop-id\">{escape(sop.id)}</span> {escape(sop.title)}</a> "
                f"{status_badge(sop.review.status, 'nb')}</li>\n"
            )
        parts.append("</ul>\n\n")
    return "".join(parts)
