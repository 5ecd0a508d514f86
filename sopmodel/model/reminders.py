"""Review reminders: which SOPs are due or overdue, grouped by owner, in five formats.

Every SOP is revised at least every 3 years, and nobody may miss a deadline
(issue 6): `sop review` prints this list for a person (table), a script (json,
csv), a calendar (ics, one all-day event per SOP on its review date) and a
reminder issue or e-mail (markdown).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable

import icalendar

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.labels import format_date, format_days
from sopmodel.model.report import in_days
from sopmodel.model.review import ReviewStatus
from sopmodel.model.text import escape_markdown, rows_to_csv

FORMATS = ("table", "json", "csv", "ics", "markdown")


@dataclasses.dataclass(frozen=True)
class OwnerGroup:
    """The SOPs of one owner that are due, soonest first."""

    owner: str
    sops: list[Sop]


@dataclasses.dataclass(frozen=True)
class ReviewListing:
    """The SOPs due for review as of one day.

    Attributes:
        today: The day the list is judged by.
        within_days: SOPs due within this many days are listed (None: every active SOP).
        groups: One group per owner, in owner order.
    """

    today: dt.date
    within_days: int | None
    groups: list[OwnerGroup]

    @property
    def sops(self) -> list[Sop]:
        """Every listed SOP, in group order."""
        return [sop for group in self.groups for sop in group.sops]

    @property
    def overdue(self) -> int:
        """How many listed SOPs are overdue."""
        return sum(sop.review.is_overdue for sop in self.sops)


def list_due(collection: Collection, within_days: int | None, owner: str | None = None) -> ReviewListing:
    """Return the active SOPs due within `within_days` days or overdue, grouped by owner.

    Args:
        collection: The checked SOPs.
        within_days: The look-ahead; None lists every active SOP, whatever its date.
        owner: Only SOPs of this owner (case-insensitive).
    """
    wanted = owner.casefold() if owner else None
    groups: dict[str, list[Sop]] = {}
    for sop in collection.sops:
        if sop.review.status is ReviewStatus.NOT_APPLICABLE:
            continue
        if within_days is not None and sop.review.days_left > within_days:
            continue
        name = sop.meta.owner
        if wanted and name.casefold() != wanted:
            continue
        groups.setdefault(name, []).append(sop)
    ordered = [
        OwnerGroup(name, sorted(sops, key=lambda s: (s.review.review_by, s.id)))
        for name, sops in sorted(groups.items(), key=lambda item: item[0].casefold())
    ]
    return ReviewListing(collection.today, within_days, ordered)


def describe_due(sop: Sop) -> str:
    """Return "overdue by 14 days", "due today" or "due in 30 days"."""
    days = sop.review.days_left
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    return f"due {in_days(days)}"


def _headline(listing: ReviewListing) -> str:
    count = len(listing.sops)
    scope = (
        "every active SOP" if listing.within_days is None else f"SOPs due within {listing.within_days} days or overdue"
    )
    return (
        f"SOP reviews on {listing.today.isoformat()} ({scope}): {count} SOP{'s' if count != 1 else ''}, "
        f"{listing.overdue} overdue."
    )


def listing_to_table(listing: ReviewListing) -> str:
    """Return the listing as a plain-text table per owner, for the terminal."""
    out = [_headline(listing)]
    for group in listing.groups:
        rows = [(sop.id, sop.review.review_by.isoformat(), describe_due(sop), sop.title) for sop in group.sops]
        header = ("ID", "REVIEW BY", "STATUS", "TITLE")
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(3)]
        out += ["", f"{group.owner} ({len(rows)})"]
        for row in (header, *rows):
            out.append(
                "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[3]
            )
    return "\n".join(out) + "\n"


def _sop_record(sop: Sop) -> dict[str, object]:
    return {
        "id": sop.id,
        "title": sop.title,
        "owner": sop.meta.owner,
        "path": sop.path,
        "version": str(sop.meta.version),
        "last_reviewed_on": sop.meta.last_reviewed_on.isoformat(),
        "review_by": sop.review.review_by.isoformat(),
        "days_left": sop.review.days_left,
        "review_status": sop.review.status.value,
    }


def listing_to_json(listing: ReviewListing) -> str:
    """Return the listing as indented JSON: ``today``, ``within_days`` and ``owners``."""
    data = {
        "today": listing.today.isoformat(),
        "within_days": listing.within_days,
        "owners": [{"owner": g.owner, "sops": [_sop_record(sop) for sop in g.sops]} for g in listing.groups],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def listing_to_csv(listing: ReviewListing) -> str:
    """Return the listing as CSV (RFC 4180, CRLF line ends), one row per SOP."""
    fields = ["owner", "id", "title", "review_by", "days_left", "review_status", "last_reviewed_on", "version", "path"]
    return rows_to_csv(fields, (_sop_record(sop) for sop in listing.sops))


def describe_due_nb(sop: Sop) -> str:
    """Return "frist passert for 14 dager siden", "frist i dag" or "frist om 30 dager"."""
    days = sop.review.days_left
    return f"frist {'passert ' if days < 0 else ''}{format_days(days, 'nb')}"


def _headline_nb(listing: ReviewListing) -> str:
    count = len(listing.sops)
    scope = (
        "alle gjeldende SOP-er"
        if listing.within_days is None
        else f"frist innen {listing.within_days} dager eller passert"
    )
    return (
        f"SOP-revisjoner per {format_date(listing.today, 'nb')} ({scope}): {count} SOP{'-er' if count != 1 else ''}, "
        f"{listing.overdue} med passert frist."
    )


HOW_TO_REVIEW_NB = (
    "Hver eier reviderer sine SOP-er før fristen nedenfor. I nettleseren (se CONTRIBUTING.md): åpne SOP-filen "
    "på GitHub og trykk blyanten («Edit this file»).\n\n"
    "- Revisjon uten endringer: sett `last_reviewed_on` til datoen for revisjonen og legg et punkt øverst i "
    "`changelog` med samme versjon; eller lag en pull request og skriv kommentaren `/sop review`.\n"
    "- Revisjon med endringer: skriv endringene, lag en pull request og skriv kommentaren "
    "`/sop bump minor: <hva som er endret>` (eller `major` for en større endring)."
)


def listing_to_markdown(listing: ReviewListing, link_base: str = "") -> str:
    """Return the listing as the text of the weekly reminder issue or an e-mail, in bokmål.

    Args:
        listing: The SOPs due.
        link_base: Prefix that turns a source path into a link, e.g.
            ``https://github.com/norcrin/sop/blob/main/``; without it paths are shown as code.
    """
    out = [_headline_nb(listing), ""]
    if not listing.sops:
        out.append("Ingenting å gjøre: ingen SOP har revisjonsfrist i denne perioden.")
        return "\n".join(out) + "\n"
    out.append(HOW_TO_REVIEW_NB)
    for group in listing.groups:
        out += ["", f"## {escape_markdown(group.owner)}", "", "| SOP | Tittel | Frist | Status |", "|---|---|---|---|"]
        for sop in group.sops:
            name = f"[{sop.id}]({link_base}{sop.path})" if link_base else f"{sop.id}"
            status = describe_due_nb(sop)
            if sop.review.is_overdue:
                status = f"**{status}**"
            out.append(f"| {name} | {escape_markdown(sop.title)} | {sop.review.review_by.isoformat()} | {status} |")
    return "\n".join(out) + "\n"


def new_calendar(product: str, name: str, today: dt.date) -> tuple[icalendar.Calendar, dt.datetime]:
    """Return an empty published calendar and the DTSTAMP of its events: `today` at midnight UTC.

    The stamp is the day, not the clock, so that the same content gives the same file.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//NorCRIN//{product}//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar, dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)


def listing_to_ics(listing: ReviewListing, uid_domain: str = "sop.norcrin.no") -> str:
    """Return an iCalendar file (bokmål) with one all-day event per SOP on its review date.

    Written with `icalendar`, which folds, escapes and encodes the lines (RFC 5545).
    The UID depends only on the SOP id, so a subscribed calendar moves the event when
    the review date moves; DTSTAMP is `today` at midnight UTC, not the clock, so the
    same content gives the same file.
    """
    calendar, stamp = new_calendar("SOP-revisjonsfrister", "NorCRIN SOP: revisjonsfrister", listing.today)
    for sop in listing.sops:
        event = icalendar.Event()
        event.add("uid", f"{sop.id.lower()}-review@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", sop.review.review_by)
        event.add("dtend", sop.review.review_by + dt.timedelta(days=1))
        event.add("summary", f"Revisjonsfrist: {sop.id} {sop.title}")
        event.add(
            "description",
            f"Eier: {sop.meta.owner}\nVersjon {sop.meta.version}, sist revidert "
            f"{format_date(sop.meta.last_reviewed_on, 'nb')}.\nFil: {sop.path}\n\n"
            "Etter revisjonen: sett last_reviewed_on til datoen og legg et punkt i changelog, eller skriv "
            "/sop review i en pull request (se CONTRIBUTING.md).",
        )
        event.add("categories", [sop.meta.owner])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return str(calendar.to_ical(), "utf-8")


def render_listing(listing: ReviewListing, fmt: str, link_base: str = "") -> str:
    """Return the listing in format `fmt`, one of `FORMATS`."""
    if fmt == "json":
        return listing_to_json(listing)
    if fmt == "csv":
        return listing_to_csv(listing)
    if fmt == "ics":
        return listing_to_ics(listing)
    if fmt == "markdown":
        return listing_to_markdown(listing, link_base)
    return listing_to_table(listing)


def known_owners(sops: Iterable[Sop]) -> list[str]:
    """Return the distinct owners of `sops`, sorted."""
    return sorted({sop.meta.owner for sop in sops}, key=str.casefold)
