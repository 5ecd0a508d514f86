"""The "Nylig endret" page and its Atom feed: the newest changelog items of all SOPs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable

from sopmodel.model.collection import Collection
from sopmodel.model.generated import CHANGES_PAGE, FEED_FILE
from sopmodel.model.labels import MONTHS
from sopmodel.model.meta import Version
from sopmodel.site.templating import render

__all__ = ["CHANGES_PAGE", "FEED_FILE", "ChangeEntry", "recent_changes", "render_atom_feed", "render_recent_changes"]


@dataclasses.dataclass(frozen=True)
class ChangeEntry:
    """One changelog item of one SOP, for the "Nylig endret" page and feed."""

    sop_id: str
    title: str
    path: str
    language: str
    version: str
    date: dt.date
    summary: str


def recent_changes(collection: Collection, limit: int = 50) -> list[ChangeEntry]:
    """Return the newest changelog items of all SOPs, newest first (then by id).

    Items dated after the collection's day are left out: they are planned, not made.
    """
    entries = []
    for sop in collection.sops:
        for item in sop.meta.changelog:
            if item.date > collection.today:
                continue
            entries.append(
                ChangeEntry(sop.id, sop.title, sop.path, sop.language, str(item.version), item.date, item.summary)
            )
    entries.sort(key=lambda e: (-e.date.toordinal(), e.sop_id, Version(e.version)))
    return entries[:limit]


def render_recent_changes(entries: list[ChangeEntry], link: Callable[[str], str], feed_url: str) -> str:
    """Return the Markdown of the "Nylig endret" page: changes grouped by month, newest first.

    Args:
        entries: From `recent_changes`.
        link: Returns the relative URL of a source path from this page.
        feed_url: Relative URL of the Atom feed.
    """
    months: list[tuple[str, list[dict[str, object]]]] = []
    for entry in entries:
        name = f"{MONTHS['nb'][entry.date.month - 1].capitalize()} {entry.date.year}"
        if not months or months[-1][0] != name:
            months.append((name, []))
        months[-1][1].append({**dataclasses.asdict(entry), "href": link(entry.path)})
    return render("recent_changes.html", feed_url=feed_url, months=[{"name": n, "entries": e} for n, e in months])


ATOM = "http://www.w3.org/2005/Atom"


def render_atom_feed(
    entries: list[ChangeEntry], site_name: str, site_url: str, page_url: Callable[[str], str], feed_path: str
) -> str:
    """Return an Atom 1.0 feed of `entries`.

    Args:
        entries: From `recent_changes`, newest first.
        site_name: The feed's title prefix.
        site_url: The site's absolute URL (``site_url`` in mkdocs.yml), or "" to use
            links relative to the feed.
        page_url: Returns the site-relative URL of a source path, e.g. ``sops/ct-sop-07/``.
        feed_path: The feed's site-relative path, e.g. ``feed.xml``.

    Entry ids are tag URIs made of id, version and date, so they never change; the
    feed's ``updated`` is the newest entry's date, never the clock.
    """
    ET.register_namespace("", ATOM)
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed = ET.Element(f"{{{ATOM}}}feed")
    if base:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", base)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}{feed_path}" if base else "tag:norcrin.no,2024:sop/changes"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{site_name}: nylig endret"
    newest = entries[0].date if entries else dt.date(2024, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{newest.isoformat()}T00:00:00Z"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}{feed_path}" if base else feed_path)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base or "./")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = site_name
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(
            item, f"{{{ATOM}}}id"
        ).text = f"tag:norcrin.no,2024:sop/{entry.sop_id}/{entry.version}/{entry.date.isoformat()}"
        ET.SubElement(item, f"{{{ATOM}}}title").text = f"{entry.sop_id} {entry.title}, versjon {entry.version}"
        ET.SubElement(item, f"{{{ATOM}}}updated").text = f"{entry.date.isoformat()}T00:00:00Z"
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=f"{base}{page_url(entry.path)}")
        summary = ET.SubElement(item, f"{{{ATOM}}}summary")
        summary.text = entry.summary
        if entry.language:
            item.set("{http://www.w3.org/XML/1998/namespace}lang", entry.language)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
