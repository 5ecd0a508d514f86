"""HTML of the OnePager pages and of their index table (issue 7).

Everything taken from front matter is escaped here; the output goes into the page as
it is. The same HTML is printed by browsers and turned into the PDF (`sopmodel.site.pdf`),
so print-only parts (the NorCRIN heading, the page's address) are marked with classes
that `docs/assets/print.css` shows or hides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from sopmodel.model.collection import Sop
from sopmodel.model.labels import format_date
from sopmodel.model.onepagers import PERIOD_ORDER, MergedPackage, OnePager, OnePagerSet
from sopmodel.site.render import Linker

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


def _person(person: dict, with_institution: bool = True) -> str:
    name = person.get("name")
    institution = person.get("institution")
    if name and institution and with_institution:
        return f"{escape(str(name))}, {escape(str(institution))}"
    return escape(str(name or institution or ""))


def _contact(contact: dict) -> str:
    parts = [escape(str(contact["name"]))]
    if contact.get("role"):
        parts[0] += f" ({escape(str(contact['role']))})"
    if contact.get("institution"):
        parts.append(escape(str(contact["institution"])))
    if contact.get("email"):
        email = escape(str(contact["email"]))
        parts.append(f'<a href="mailto:{email}">{email}</a>')
    return ", ".join(parts)


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
    facts = [
        ("Fase", escape(phase_text(page))),
        ("Periode", " og ".join(escape(PERIODS[period]) for period in page.periods)),
        ("Leder", _person(meta["lead"])),
        ("Nestleder", _person(meta["deputy"]) if meta.get("deputy") else ""),
        ("Partnere", escape(", ".join(str(partner) for partner in meta["partners"]))),
        ("Kontakt", _contact(meta["contact"])),
    ]
    facts = [(name, value) for name, value in facts if value]
    merged = [item for item in pages.merged() if item.into is page]
    if merged:
        facts.append(
            ("Tidligere arbeidspakker", "; ".join(f"{escape(item.id)} {escape(item.title)}" for item in merged))
        )
    facts.append(("Sist gjennomgått", f'<time datetime="{reviewed.isoformat()}">{format_date(reviewed, "nb")}</time>'))
    rows = "\n".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in facts)
    return (
        f'<p class="onepager-brand">{escape(BRAND)}</p>\n'
        f'<p class="onepager-kicker">OnePager · {escape(_kicker(page, pages))}</p>\n'
        f'<h1 id="onepager-title"><span class="onepager-id">{escape(page.short_name)}</span> '
        f"{escape(page.title)}</h1>\n"
        f'<p class="onepager-goal"><strong>Mål:</strong> {escape(str(meta["goal"]))}</p>\n'
        f'<dl class="onepager-facts">\n{rows}\n</dl>\n'
        f'<p class="onepager-download"><a href="{escape(pdf_href)}" type="application/pdf">'
        f"Last ned OnePageren som PDF (én A4-side)</a></p>\n"
    )


def _title_in(sop: Sop, language: str) -> str:
    """Return the SOP's title, marked with its language where it differs from the page's."""
    title = f'<span class="onepager-sop-title">{escape(sop.title)}</span>'
    sop_language = sop.language
    return title if sop_language == language else title.replace("<span ", f'<span lang="{escape(sop_language)}" ', 1)


def render_owned_sops(page: OnePager, pages: OnePagerSet, sops: Iterable[Sop], link: Linker) -> str:
    """Return the section "SOP-er som <package> eier": SOPs whose owner is the package.

    Withdrawn and superseded SOPs are left out; drafts are marked as such.
    """
    owned = [sop for sop in pages.owned_sops(page, sops) if sop.status.value not in INACTIVE]
    heading = f"SOP-er som {escape(page.short_name)} eier"
    language = str(page.meta["language"])
    if owned:
        items = "\n".join(
            f'<li><a href="{escape(link(sop.path))}"><span class="sop-id">{escape(sop.id)}</span> '
            f"{_title_in(sop, language)}</a>{' (utkast)' if sop.status.value == 'draft' else ''}</li>"
            for sop in owned
        )
        # A long list prints as ids only, so that the OnePager stays on one page.
        compact = " onepager-sops__list--compact" if len(owned) > COMPACT_LIST_FROM else ""
        body = f'<ul class="onepager-sops__list{compact}">\n{items}\n</ul>'
    else:
        body = f"<p>{escape(page.short_name)} eier ingen prosedyrer på dette nettstedet.</p>"
    return (
        f'<section class="onepager-sops" aria-labelledby="onepager-sops-title">\n'
        f'<h2 id="onepager-sops-title">{heading}</h2>\n{body}\n</section>\n'
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
    related = []
    if page.parent_id:
        parent = pages.by_id(page.parent_id)
        if parent is not None:
            related.append(f'Gruppen hører til <a href="{escape(link(parent.path))}">{escape(page_title(parent))}</a>.')
    if page.meta.get("web_page"):
        address = escape(str(page.meta["web_page"]))
        related.append(f'Mer om {escape(page.short_name)} på <a href="{address}">{address}</a>.')
    index = page.path.rsplit("/", 1)[0] + "/index.md"
    related.append(f'<a href="{escape(link(index))}">Alle arbeidspakker og arbeidsgrupper i NorCRIN</a>.')
    return (
        render_owned_sops(page, pages, sops, link)
        + f'<p class="onepager-related">{" ".join(related)}</p>\n'
        + f'<p class="onepager-url">Nettside: <a href="{escape(page_url)}">{escape(page_url)}</a></p>\n'
    )


def render_onepager_page(
    page: OnePager, pages: OnePagerSet, sops: Iterable[Sop], link: Linker, content: str, page_url: str
) -> str:
    """Return the whole OnePager page: header, the rendered Markdown `content` and footer."""
    language = str(page.meta["language"])
    lang = f' lang="{escape(language)}"' if language != "nb" else ""
    return (
        f'<div class="onepager"{lang}>\n'
        + render_onepager_header(page, pages, link(f"{page.path.rsplit('/', 1)[0]}/{page.pdf_name}"))
        + f'<div class="onepager-body">\n{content}\n</div>\n'
        + render_onepager_footer(page, pages, sops, link, page_url)
        + "</div>\n"
    )


def _group(periods: tuple[str, ...]) -> str:
    return GROUPS[tuple(period for period in PERIOD_ORDER if period in periods)]


def _page_row(page: OnePager, pages: OnePagerSet, link: Linker) -> str:
    name = f'<a href="{escape(link(page.path))}">{escape(page.short_name)} {DASH} {escape(page.title)}</a>'
    if page.parent_id:
        name = f'<a href="{escape(link(page.path))}">{escape(page.title)}</a> (arbeidsgruppe)'
    lead = page.meta["lead"]
    return (
        f'<tr><th scope="row">{escape(page.id)}</th><td>{name}</td>'
        f"<td>{escape(phase_text(page))}</td><td>{escape(str(lead['institution']))}</td></tr>"
    )


def _merged_row(item: MergedPackage, link: Linker) -> str:
    when = f" {escape(item.when)}" if item.when else ""
    target = f'<a href="{escape(link(item.into.path))}">{escape(item.into.short_name)}</a>'
    return (
        f'<tr><th scope="row">{escape(item.id)}</th><td>{escape(item.title)}</td>'
        f'<td colspan="2">Slått sammen med {target}{when}</td></tr>'
    )


def render_index_table(pages: OnePagerSet, link: Linker) -> str:
    """Return the table of all work packages and groups by funding period and phase, as table 1.1.

    Rows are grouped as in table 1.1 of the 2024 annual report (NorCRIN 1, NorCRIN 1
    and 2, NorCRIN 2); the phase is a column in words. Merged packages (AP4, AP5, AP6)
    keep a row in NorCRIN 1 that leads to the package they were merged into.
    """
    groups: dict[str, list[tuple[int, str]]] = {title: [] for title in GROUPS.values()}
    for page in pages.ordered():
        parent = pages.by_id(page.parent_id) if page.parent_id else None
        periods = (parent or page).periods
        groups[_group(periods)].append((page.number, _page_row(page, pages, link)))
    for item in pages.merged():
        groups[GROUPS[("2015-2020",)]].append((int(item.id[2:]), _merged_row(item, link)))
    bodies = []
    for title, rows in groups.items():
        if not rows:
            continue
        ordered = "\n".join(row for _, row in sorted(rows, key=lambda pair: pair[0]))
        bodies.append(f'<tbody>\n<tr><th scope="rowgroup" colspan="4">{escape(title)}</th></tr>\n{ordered}\n</tbody>')
    caption = "Arbeidspakker og arbeidsgrupper etter periode og fase (som tabell 1.1 i årsrapporten for 2024)"
    return (
        '<div class="sop-table onepager-index" role="region" aria-labelledby="onepager-index-caption" tabindex="0">\n'
        '<table>\n<caption id="onepager-index-caption">' + escape(caption) + "</caption>\n"
        '<thead><tr><th scope="col">AP</th><th scope="col">Arbeidspakke eller arbeidsgruppe</th>'
        '<th scope="col">Fase</th><th scope="col">Ledes fra</th></tr></thead>\n'
        + "\n".join(bodies)
        + "\n</table>\n</div>\n"
    )


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
    when = f" {escape(item.when)}" if item.when else ""
    target = item.into
    return (
        f'---\ntitle: "{item.id} er slått sammen med {target.short_name}"\n---\n\n'
        f"# {escape(item.id)} er slått sammen med {escape(target.short_name)}\n\n"
        f"<p>Arbeidspakken {escape(item.id)} «{escape(item.title)}» ble slått sammen med "
        f"{escape(target.short_name)}{when}. Arbeidet videreføres der.</p>\n\n"
        f'<p><a href="{escape(link(target.path))}">Gå til OnePageren for {escape(page_title(target))}</a></p>\n'
    )
