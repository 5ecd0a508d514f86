"""Local implementation: which version of each SOP each university hospital has put in force.

Each hospital's local editors keep one file, ``implementering/<hospital>.yml``::

    implementations:
      - sop: CT-SOP-07
        version: "3.1"
        implemented_on: 2025-04-01
        local_document: https://ehandbok.example.no/document/1234   # optional

This module reads and checks the files (known hospital, known SOP, a version that
existed on that date, a safe link) and answers which hospital lags which SOP.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

from sopmodel.model import fields
from sopmodel.model.collection import Collection, Sop
from sopmodel.model.document import Document, field_label, read_text, text_to_document
from sopmodel.model.issues import Issue
from sopmodel.model.meta import Version, parse_date
from sopmodel.model.schema_errors import describe_bad_date

HOSPITALS: dict[str, str] = {
    "ous": "Oslo universitetssykehus (OUS)",
    "hus": "Helse Bergen, Haukeland universitetssjukehus (HUS)",
    "stolav": "St. Olavs hospital",
    "unn": "Universitetssykehuset Nord-Norge (UNN)",
    "sus": "Helse Stavanger, Stavanger universitetssjukehus (SUS)",
    "ahus": "Akershus universitetssykehus (Ahus)",
}
"""The six university hospitals of NorCRIN, by the name of their file."""

FOLDER = "implementering"


@dataclasses.dataclass(frozen=True)
class Implementation:
    """One hospital's implementation of one version of an SOP."""

    hospital: str
    sop_id: str
    version: Version
    implemented_on: dt.date
    local_document: str | None = None


@dataclasses.dataclass(frozen=True)
class Cell:
    """Where one hospital stands with one SOP.

    Attributes:
        implementation: The newest implementation recorded, or None.
        lags: Whether the SOP has a newer version than the one implemented.
    """

    implementation: Implementation | None
    lags: bool

    @property
    def state(self) -> str:
        """``missing``, ``behind`` or ``current``."""
        if self.implementation is None:
            return "missing"
        return "behind" if self.lags else "current"


@dataclasses.dataclass
class Implementations:
    """Every hospital's implementations, and the problems in the files."""

    records: list[Implementation]
    issues: list[Issue]

    @functools.cached_property
    def _newest(self) -> dict[tuple[str, str], Implementation]:
        """The newest implementation per (hospital, SOP id), computed once (the matrix asks per cell)."""
        newest: dict[tuple[str, str], Implementation] = {}
        for record in sorted(self.records, key=lambda r: (r.version, r.implemented_on)):
            newest[(record.hospital, record.sop_id.casefold())] = record
        return newest

    def cell(self, hospital: str, sop: Sop) -> Cell:
        """Return where `hospital` stands with `sop` (its newest recorded implementation)."""
        newest = self._newest.get((hospital, sop.id.casefold()))
        return Cell(newest, newest is not None and sop.meta.version > newest.version)

    def gaps(self, collection: Collection) -> dict[str, list[tuple[Sop, Cell]]]:
        """Return, per hospital, the active SOPs it has not implemented in their current version."""
        result: dict[str, list[tuple[Sop, Cell]]] = {}
        for hospital in HOSPITALS:
            for sop in active_sops(collection):
                cell = self.cell(hospital, sop)
                if cell.state != "current":
                    result.setdefault(hospital, []).append((sop, cell))
        return result


def active_sops(collection: Collection) -> list[Sop]:
    """The SOPs in force, by id (what hospitals implement)."""
    return sorted((sop for sop in collection.sops if sop.status.value == "active"), key=lambda s: s.id)


def version_dates(sop: Sop) -> dict[Version, dt.date]:
    """Return the first day each version of `sop` existed: its changelog items and its effective date."""
    dates: dict[Version, dt.date] = {}
    for item in sop.meta.changelog:
        dates[item.version] = min(dates.get(item.version, item.date), item.date)
    current = sop.meta.version
    dates[current] = min(dates.get(current, sop.meta.effective_date), sop.meta.effective_date)
    return dates


def load_implementations(project_dir: Path, collection: Collection) -> Implementations:
    """Read and check every hospital file in ``implementering/``."""
    records: list[Implementation] = []
    issues: list[Issue] = []
    folder = project_dir / FOLDER
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        relative = path.relative_to(project_dir).as_posix()
        hospital = path.stem.casefold()
        if hospital not in HOSPITALS:
            issues.append(
                Issue(
                    relative,
                    0,
                    "",
                    f"expected a file named after a hospital, got '{path.name}'.",
                    f"name it one of: {', '.join(f'{key}.yml' for key in HOSPITALS)}.",
                )
            )
            continue
        text, unreadable = read_text(path, relative)
        issues.extend(unreadable)
        if text is None:
            continue
        # The same reader as front matter: lines, clear YAML errors, no tracebacks.
        document, read_problems = text_to_document(f"---\n{text}\n---\n", relative)
        issues.extend(_one_line_up(read_problems))
        listed: dict[str, int] = {}
        for index, item in enumerate(fields.items(document.meta, "implementations")):
            record, problems = _record(hospital, item, index, document, collection)
            problems += _repeated_sop(record, index, listed, document)
            issues.extend(_one_line_up(problems))
            if record is not None:
                records.append(record)
        if not read_problems and not isinstance(document.meta.get("implementations"), list):
            issues.append(
                Issue(
                    relative,
                    1,
                    "implementations",
                    "expected a list of implementations, found none.",
                    "start the file with 'implementations:' and one '- sop: ...' item per SOP.",
                )
            )
    return Implementations(records, issues)


def _one_line_up(problems: list[Issue]) -> list[Issue]:
    """The file was read as front matter after an added '---' line: give each problem its real line."""
    return [dataclasses.replace(problem, line=max(problem.line - 1, 0)) for problem in problems]


def _local_document_problems(link: object, document: Document, label: str, where: tuple[str | int, ...]) -> list[Issue]:
    """Return the problem of a ``local_document`` that is not a web address ([] when it is, or is absent)."""
    if link is None or (
        isinstance(link, str) and link.startswith(("https://", "http://")) and not fields.unsafe_scheme(link)
    ):
        return []
    return [
        Issue(
            document.path,
            document.line_of(where),
            f"{label}.local_document",
            f"expected a web address, got {link!r}.",
            "write the https:// address of the local document.",
        )
    ]


def _record(
    hospital: str, item: object, index: int, document: Document, collection: Collection
) -> tuple[Implementation | None, list[Issue]]:
    """Check one item of a hospital file; return it as a record when it is right."""
    where = ("implementations", index)
    line = document.line_of(where)
    label = f"implementations[{index}]"
    if not isinstance(item, dict):
        return None, [
            Issue(
                document.path,
                line,
                label,
                "expected 'sop', 'version' and 'implemented_on'.",
                "write e.g. '- sop: CT-SOP-07' with 'version' and 'implemented_on' under it.",
            )
        ]
    sop_id, version_text = item.get("sop"), item.get("version")
    day = parse_date(item.get("implemented_on"))
    sop = collection.by_id(sop_id) if isinstance(sop_id, str) else None
    problems = _unknown_fields(item, document, where)
    if sop is None:
        problems.append(
            Issue(
                document.path,
                line,
                f"{label}.sop",
                f"expected the id of an SOP, got {sop_id!r}.",
                "use the id as on the SOP's page, e.g. CT-SOP-07.",
            )
        )
    problems += _day_problems(item, day, document, where, collection.today)
    version = Version(version_text) if isinstance(version_text, str) and _is_version(version_text) else None
    if sop is not None:
        existed = version_dates(sop).get(version) if version is not None else None
        written = document.written.get((*where, "version"), str(version_text))
        shown = repr(version_text) if isinstance(version_text, str) else "nothing" if version_text is None else written
        when = f"that existed on {day.isoformat()}" if day is not None else "from its changelog"
        if existed is None or (day is not None and existed > day):
            problems.append(
                Issue(
                    document.path,
                    document.line_of((*where, "version")),
                    f"{label}.version",
                    f"expected a version of {sop.id} {when}, got {shown}.",
                    f"use the version in force that day (see the SOP's changelog); now {sop.meta.version}."
                    if isinstance(version_text, str) or version_text is None
                    else f'put the version in quotes, e.g. version: "{written}".',
                )
            )
    link = item.get("local_document")
    problems += _local_document_problems(link, document, label, (*where, "local_document"))
    if problems or sop is None or day is None or version is None:
        return None, problems
    return Implementation(hospital, sop.id, version, day, link if isinstance(link, str) else None), []


def _day_problems(
    item: dict[str, object], day: dt.date | None, document: Document, where: tuple[str | int, ...], today: dt.date
) -> list[Issue]:
    """The problem of an item's ``implemented_on``: not a date, or a day still to come."""
    if day is not None and day <= today:
        return []
    at = (document.path, document.line_of((*where, "implemented_on")), field_label((*where, "implemented_on")))
    if "implemented_on" not in item:
        return [Issue(*at, "required field is missing.", "add 'implemented_on: YYYY-MM-DD', the day it took effect.")]
    written = document.written.get((*where, "implemented_on"), str(item.get("implemented_on")))
    if day is None:  # the same answers as for an SOP's dates ("14.09.2025": "write it as 2025-09-14")
        return [Issue(*at, *describe_bad_date(written))]
    return [
        Issue(
            *at,
            f"expected the date it was put in force, on or before today ({today.isoformat()}), "
            f"got {written}, a day still to come.",
            "add the item once the version is in force.",
        )
    ]


ITEM_FIELDS = ("sop", "version", "implemented_on", "local_document")
"""The fields of one implementation item, in the order they are written."""


def _unknown_fields(item: dict[str, object], document: Document, where: tuple[str | int, ...]) -> list[Issue]:
    """One problem per field of an item that is none of `ITEM_FIELDS`: nothing is dropped unseen."""
    return [
        Issue(
            document.path,
            document.line_of((*where, str(name))),
            field_label((*where, str(name))),
            "unknown field.",
            f"remove it, or use one of: {', '.join(ITEM_FIELDS)}.",
        )
        for name in item
        if name not in ITEM_FIELDS
    ]


def _repeated_sop(record: Implementation | None, index: int, listed: dict[str, int], document: Document) -> list[Issue]:
    """The problem of an SOP the hospital file already lists (`listed`: id -> first item)."""
    if record is None:
        return []
    if record.sop_id not in listed:
        listed[record.sop_id] = index
        return []
    return [
        Issue(
            document.path,
            document.line_of(("implementations", index, "sop")),
            field_label(("implementations", index, "sop")),
            f"expected each SOP once, got {record.sop_id} again (first in item {listed[record.sop_id] + 1}).",
            "keep one item per SOP, with the version in force now.",
        )
    ]


def _is_version(text: str) -> bool:
    return all(part.isdigit() for part in text.split(".")) and 1 <= len(text.split(".")) <= 3
