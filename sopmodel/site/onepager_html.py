"""HTML of the OnePager pages and of their index table (issue 7).

The markup is in the ``onepager_*.html`` templates (autoescaped); the output goes into
the page as it is. The same HTML is printed by browsers and turned into the PDF (`sopmodel.site.pdf`),
so print-only parts (the NorCRIN heading, the page's address) are marked with classes
that `docs/assets/print.css` shows or hides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from sopmodel.model.collection import Sop
from sopmodel.model.labels import format_date
from sopmodel.model.onepagers import PERIOD_ORDER, MergedPackage, OnePager, OnePagerSet
from sopmodel.site.render import Linker
from sopmodel.site.templating import render

INDEX_MARKER = "<!-- onepagers:table -->"
"""Where the index page wants the table; without it the table goes at the end."""

DASH = "\u2013"
"""The en dash of Norwegian typography, between names and in year ranges."""

BRAND = f"NorCRIN {DASH} Norwegian Clinical Research Infrastructure Network"

PHASES = {
    "development": "Utvikling (prosjektmidler fra Forskningsrådet)",
    "operation": "Drift (egeninnsats fra partnerne)",
}
PERIODS = {"2015-2020": f"NorCRIN 1 (2015{DASH}2020)", "2021-2025": f"NorCRIN 2 (2021{DASH}2025)"}
GROUPS = {
    ("2015-2020",): f"NorCRIN 1 (2015{DASH}2020)",
    ("2015-2020", "2021-2025"): f"NorCRIN 1 og 2 (2015{DASH}2025)",
    ("2021-2025",): f"NorCRIN 2 (2021{DASH}2025)",
}
INACTIVE = frozenset({"withdrawn", "superseded"})
COMPACT_LIST_FROM = 24
"""With more owned SOPs than this, the printed list shows ids only (titles stay on screen)."""


def page_title(page: OnePager) -> str:
    """Return the page and PDF title: short name, en dash, title ("AP2 SOP - Prosedyrer ...")."""
    return f"{page.short_name} {DASH} {page.title}"


def _person(person: dict[str, Any], with_institution: bool = True) -> str:
    """Return "name, institution" (or whichever of them is given), as text."""
    name = person.get("name")
    institution = person.get("institution")
    if name and institution and with_institution:
        return f"{name}, {institution}"
    return str(name or institution or "")


def phase_text(page: OnePager) -> str:
    """Return the phase in words, e.g. "Drift (egeninnsats fra partnerne), prosjektmidler til 2017"."""
    text = PHASES[str(page.meta["phase"])]
    until = page.meta.get("project_funding_until")
    return f"{text}, prosjektmidler til {until}" if until else text


def _kicker(page: OnePager, pages: OnePagerSet) -> str:
    if page.parent_id is None:
        return "Arbeidspakke"
    parent = pages.by_id(page.parent_id)
    return f"Arbeidsgruppe under {parent.short_name if parent else page.parent_id}"


def render_onepager_header(page: OnePager, pages: OnePagerSet, pdf_href: str) -> str:
    """Return the top of a OnePager: NorCRIN heading, title, goal, facts and the PDF link.

    Args:
        page: The OnePager.
        pages: All OnePagers, to name a working group's package.
        pdf_href: Link from the page to its PDF.
    """
    meta = page.meta
    reviewed: dt.date = meta["last_reviewed_on"]
    return render(
        "onepager_header.html",
        brand=BRAND,
        kicker=_kicker(page, pages),
        page=page,
        phase=phase_text(page),
        periods=[PERIODS[period] for period in page.periods],
        lead=_person(meta["lead"]),
        deputy=_person(meta["deputy"]) if meta.get("deputy") else "",
        partners=", ".join(str(partner) for partner in meta["partners"]),
        contact=meta["contact"],
        merged=[item for item in pages.merged() if item.into is page],
        reviewed=reviewed,
        reviewed_text=format_date(reviewed, "nb"),
        pdf_href=pdf_href,
    )


def render_owned_sops(page: OnePager, pages: OnePagerSet, sops: Iterable[Sop], link: Linker) -> str:
    """Return the section "SOP-er som <package> eier": SOPs whose owner is the package.

    Withdrawn and superseded SOPs are left out; drafts are marked as such.
    """
    owned = [sop for sop in pages.owned_sops(page, sops) if sop.status.value not in INACTIVE]
    return render(
        "onepager_owned_sops.html",
        page=page,
        language=str(page.meta["language"]),
        sops=[{"sop": sop, "href": link(sop.path)} for sop in owned],
        compact=len(owned) > COMPACT_LIST_FROM,
    )


def render_onepager_footer(page: OnePager, pages: OnePagerSet, sops: Iterable[Sop], link: Linker, page_url: str) -> str:
    """Return the bottom of a OnePager: owned SOPs, related pages and (in print) its address.

    Args:
        page: The OnePager.
        pages: All OnePagers.
        sops: Every valid SOP of the site.
        link: Maps a source path (``onepagers/ap1.md``, ``onepagers/index.md``) to an href.
        page_url: The page's full address, printed at the bottom of the paper version.
    """
    parent = pages.by_id(page.parent_id) if page.parent_id else None
    return render(
        "onepager_footer.html",
        owned=Markup(render_owned_sops(page, pages, sops, link)),
        page=page,
        parent=parent,
        parent_href=link(parent.path) if parent else "",
        parent_title=page_title(parent) if parent else "",
        web_page=str(page.meta["web_page"]) if page.meta.get("web_page") else "",
        index_href=link(page.path.rsplit("/", 1)[0] + "/index.md"),
        page_url=page_url,
    )


def render_onepager_page(
    page: OnePager, pages: OnePagerSet, sops: Iterable[Sop], link: Linker, content: str, page_url: str
) -> str:
    """Return the whole OnePager page: header, the rendered Markdown `content` and footer."""
    return render(
        "onepager_page.html",
        language=str(page.meta["language"]),
        header=Markup(render_onepager_header(page, pages, link(f"{page.path.rsplit('/', 1)[0]}/{page.pdf_name}"))),
        content=Markup(content),
        footer=Markup(render_onepager_footer(page, pages, sops, link, page_url)),
    )


def _group(periods: tuple[str, ...]) -> str:
    return GROUPS[tuple(period for period in PERIOD_ORDER if period in periods)]


def _page_row(page: OnePager, link: Linker) -> dict[str, object]:
    return {
        "merged": False,
        "id": page.id,
        "href": link(page.path),
        "group": bool(page.parent_id),
        "short_name": page.short_name,
        "title": page.title,
        "phase": phase_text(page),
        "institution": str(page.meta["lead"]["institution"]),
    }


def _merged_row(item: MergedPackage, link: Linker) -> dict[str, object]:
    return {
        "merged": True,
        "id": item.id,
        "title": item.title,
        "href": link(item.into.path),
        "short_name": item.into.short_name,
        "when": item.when,
    }


def render_index_table(pages: OnePagerSet, link: Linker) -> str:
    """Return the table of all work packages and groups by funding period and phase, as table 1.1.

    Rows are grouped as in table 1.1 of the 2024 annual report (NorCRIN 1, NorCRIN 1
    and 2, NorCRIN 2); the phase is a column in words. Merged packages (AP4, AP5, AP6)
    keep a row in NorCRIN 1 that leads to the package they were merged into.
    """
    groups: dict[str, list[tuple[int, dict[str, object]]]] = {title: [] for title in GROUPS.values()}
    for page in pages.ordered():
        parent = pages.by_id(page.parent_id) if page.parent_id else None
        periods = (parent or page).periods
        groups[_group(periods)].append((page.number, _page_row(page, link)))
    for item in pages.merged():
        groups[GROUPS[("2015-2020",)]].append((int(item.id[2:]), _merged_row(item, link)))
    ordered = [
        {"title": title, "rows": [row for _, row in sorted(rows, key=lambda pair: pair[0])]}
        for title, rows in groups.items()
        if rows
    ]
    caption = "Arbeidspakker og arbeidsgrupper etter periode og fase (som tabell 1.1 i årsrapporten for 2024)"
    return render("onepager_index_table.html", caption=caption, groups=ordered, dash=DASH)


def insert_index_table(html: str, table: str) -> str:
    """Return the index page's HTML with `table` at the marker, or at the end without one."""
    if INDEX_MARKER in html:
        return html.replace(INDEX_MARKER, table, 1)
    return f"{html}\n{table}"


def merged_page_path(folder: str, item: MergedPackage) -> str:
    """Return the source path of the page an old id leads to, e.g. ``onepagers/ap6.md``."""
    return f"{folder}/{item.id.lower()}.md"


def render_merged_page(item: MergedPackage, link: Linker) -> str:
    """Return the Markdown of the small page at an old id: what it was and where it went."""
    target = item.into
    front_matter = f'---\ntitle: "{item.id} er slått sammen med {target.short_name}"\n---\n\n'
    body = render("onepager_merged.html", item=item, href=link(target.path), target_title=page_title(target))
    return front_matter + body
