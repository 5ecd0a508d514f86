"""`sop review --implementation`: what each hospital has not implemented, in every `sop review` format."""

from __future__ import annotations

import datetime as dt
import json

import icalendar

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.implementation import HOSPITALS, Cell, Implementations
from sopmodel.model.labels import format_date
from sopmodel.model.reminders import new_calendar
from sopmodel.model.text import escape_markdown, rows_to_csv

Gaps = dict[str, list[tuple[Sop, Cell]]]
_CSV_FIELDS = [
    "hospital", "id", "title", "current_version", "effective_date", "implemented_version", "implemented_on", "state",
]  # fmt: skip


def _state_en(sop: Sop, cell: Cell) -> str:
    if cell.implementation is None:
        return "not recorded"
    return f"has {cell.implementation.version}, current is {sop.meta.version}"


def _state_nb(sop: Sop, cell: Cell) -> str:
    if cell.implementation is None:
        return "ikke registrert"
    return f"har {cell.implementation.version}, gjeldende er {sop.meta.version}"


def _records(gaps: Gaps) -> list[dict[str, object]]:
    return [
        {
            "hospital": hospital,
            "id": sop.id,
            "title": sop.title,
            "current_version": str(sop.meta.version),
            "effective_date": sop.meta.effective_date.isoformat(),
            "implemented_version": str(cell.implementation.version) if cell.implementation else None,
            "implemented_on": cell.implementation.implemented_on.isoformat() if cell.implementation else None,
            "state": cell.state,
        }
        for hospital, items in gaps.items()
        for sop, cell in items
    ]


def render_gaps(collection: Collection, implementations: Implementations, fmt: str) -> str:
    """Return the gaps per hospital in format `fmt` (table, json, csv, ics or markdown)."""
    gaps = implementations.gaps(collection)
    if fmt == "json":
        return (
            json.dumps({"today": collection.today.isoformat(), "gaps": _records(gaps)}, indent=2, ensure_ascii=False)
            + "\n"
        )
    if fmt == "csv":
        return rows_to_csv(_CSV_FIELDS, _records(gaps))
    if fmt == "ics":
        return _ics(collection, gaps)
    if fmt == "markdown":
        return _markdown(collection, gaps)
    return _table(collection, gaps)


def _table(collection: Collection, gaps: Gaps) -> str:
    total = sum(len(items) for items in gaps.values())
    out = [f"SOP implementation gaps on {collection.today.isoformat()}: {total} in {len(gaps)} hospitals."]
    for hospital, items in gaps.items():
        out += ["", f"{HOSPITALS[hospital]} ({len(items)})"]
        out += [f"  {sop.id}  {_state_en(sop, cell)}  {sop.title}" for sop, cell in items]
    return "\n".join(out) + "\n"


def _markdown(collection: Collection, gaps: Gaps) -> str:
    total = sum(len(items) for items in gaps.values())
    out = [f"Implementering per {format_date(collection.today, 'nb')}: {total} mangler ved {len(gaps)} sykehus."]
    for hospital, items in gaps.items():
        out += ["", f"## {HOSPITALS[hospital]}", "", "| SOP | Tittel | Status |", "|---|---|---|"]
        out += [f"| {sop.id} | {escape_markdown(sop.title)} | {_state_nb(sop, cell)} |" for sop, cell in items]
    return "\n".join(out) + "\n"


def _ics(collection: Collection, gaps: Gaps) -> str:
    """One all-day event per gap, on the day the current version took effect (a reminder to implement it)."""
    calendar, stamp = new_calendar("SOP-implementering", "NorCRIN SOP: implementering", collection.today)
    for hospital, items in gaps.items():
        for sop, cell in items:
            event = icalendar.Event()
            event.add("uid", f"{sop.id.lower()}-{sop.meta.version}-{hospital}@sop.norcrin.no")
            event.add("dtstamp", stamp)
            event.add("dtstart", sop.meta.effective_date)
            event.add("dtend", sop.meta.effective_date + dt.timedelta(days=1))
            event.add("summary", f"Implementer {sop.id} {sop.meta.version} ved {hospital.upper()}")
            event.add("description", f"{sop.title}\n{HOSPITALS[hospital]}: {_state_nb(sop, cell)}.")
            calendar.add_component(event)
    return str(calendar.to_ical(), "utf-8")
