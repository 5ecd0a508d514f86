"""SOP front matter as a typed, frozen object, built once after validation.

The JSON Schema (`sop.schema.json`) is the one validator; `SopMeta.from_validated`
turns front matter that passed it into typed values: dates are `datetime.date`, the
version is a `Version`, the status is a `DocStatus`. Everything after validation
(rendering, review, search, the CLI, the git version rule) reads this object.

Dates: a date may be written bare (``2024-05-31``) or quoted (``"2024-05-31"``); both
mean the same day, in every date field. YAML reads the first as a date and the
second as text, so the rule lives here, in `parse_date`, and nowhere else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import re
from collections.abc import Mapping
from typing import Any

ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
"""A date as the schema accepts it: YYYY-MM-DD."""


def parse_date(value: Any) -> dt.date | None:
    """Return `value` as a date when it is one, bare or quoted; else None.

    Example:
        >>> parse_date("2022-09-14"), parse_date(dt.date(2022, 9, 14)), parse_date("14.09.2022")
        (datetime.date(2022, 9, 14), datetime.date(2022, 9, 14), None)
    """
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class DocStatus(enum.StrEnum):
    """An SOP's document status as written in its front matter."""

    DRAFT = "draft"
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"

    @property
    def is_archived(self) -> bool:
        """Whether the SOP no longer applies (withdrawn or superseded)."""
        return self in {DocStatus.WITHDRAWN, DocStatus.SUPERSEDED}


@functools.total_ordering
@dataclasses.dataclass(frozen=True)
class Version:
    """A version number such as 3.1; compares numerically (3.10 > 3.9, 3.1 == 3.1.0).

    Attributes:
        text: The version as written, e.g. ``"3.1"``.
    """

    text: str

    @property
    def parts(self) -> tuple[int, ...]:
        """The numbers of the version, e.g. ``(3, 1)``."""
        return tuple(int(part) for part in self.text.split("."))

    def _key(self) -> tuple[int, ...]:
        parts = list(self.parts)
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        return tuple(parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.text


@dataclasses.dataclass(frozen=True)
class Attachment:
    """A template, checklist or form listed by an SOP; `file` is relative to the SOP file."""

    title: str
    file: str


@dataclasses.dataclass(frozen=True)
class ChangeEntry:
    """One item of an SOP's changelog."""

    version: Version
    date: dt.date
    summary: str


@dataclasses.dataclass(frozen=True)
class Source:
    """Provenance written by the PDF converter."""

    file: str
    sha256: str
    pages: int
    converter: str
    output_sha256: str | None = None
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class SopMeta:
    """The validated front matter of one SOP: one attribute per schema field."""

    # Identity
    id: str
    title: str
    language: str
    # Version and status
    version: Version
    status: DocStatus
    owner: str
    effective_date: dt.date
    last_reviewed_on: dt.date
    approved_by: str | None = None
    # Review
    review_interval_years: int | None = None
    review_by: dt.date | None = None
    # Grouping
    category: str | None = None
    phase: str | None = None
    tags: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    changelog: tuple[ChangeEntry, ...] = ()
    # Relations
    translation_of: str | None = None
    translated_from_version: Version | None = None
    superseded_by: str | None = None
    withdrawn_on: dt.date | None = None
    aliases: tuple[str, ...] = ()
    source: Source | None = None

    @classmethod
    def from_validated(cls, meta: Mapping[str, Any]) -> SopMeta:
        """Return the typed front matter of `meta`, which passed the schema.

        Raises:
            ValueError: when `meta` did not pass the schema (a bug in the caller).
        """
        try:
            return cls(
                id=str(meta["id"]),
                title=str(meta["title"]),
                language=str(meta["language"]),
                version=Version(str(meta["version"])),
                status=DocStatus(meta["status"]),
                owner=str(meta["owner"]),
                effective_date=_required_date(meta, "effective_date"),
                last_reviewed_on=_required_date(meta, "last_reviewed_on"),
                approved_by=_optional_str(meta, "approved_by"),
                review_interval_years=meta.get("review_interval_years"),
                review_by=parse_date(meta.get("review_by")),
                category=_optional_str(meta, "category"),
                phase=_optional_str(meta, "phase"),
                tags=tuple(str(tag) for tag in meta.get("tags") or ()),
                attachments=tuple(Attachment(str(a["title"]), str(a["file"])) for a in meta.get("attachments") or ()),
                changelog=tuple(
                    ChangeEntry(Version(str(item["version"])), _required_date(item, "date"), str(item["summary"]))
                    for item in meta.get("changelog") or ()
                ),
                translation_of=_optional_str(meta, "translation_of"),
                translated_from_version=(
                    Version(str(meta["translated_from_version"])) if meta.get("translated_from_version") else None
                ),
                superseded_by=_optional_str(meta, "superseded_by"),
                withdrawn_on=parse_date(meta.get("withdrawn_on")),
                aliases=tuple(str(alias) for alias in meta.get("aliases") or ()),
                source=_source(meta.get("source")),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"front matter did not pass the schema: {error!r}") from error

    def to_front_matter(self) -> dict[str, Any]:
        """Return the fields that are set, as the schema sees them (dates as ISO text).

        `SopMeta.from_validated(meta).to_front_matter()` equals the JSON view of `meta`
        (`sopmodel.model.document.to_json_value`): no field is lost on the way in. The
        property tests check this for generated front matter.
        """
        out: dict[str, Any] = {}
        for field in dataclasses.fields(self):
            value = _plain(getattr(self, field.name))
            if value is not None and value != []:
                out[field.name] = value
        return out

    def effective_status(self, today: dt.date) -> DocStatus:
        """Return the status on `today`: withdrawn once `withdrawn_on` has come.

        The front matter is never changed; this is derived state.
        """
        if (
            self.withdrawn_on is not None
            and self.withdrawn_on <= today
            and self.status
            in {
                DocStatus.ACTIVE,
                DocStatus.DRAFT,
            }
        ):
            return DocStatus.WITHDRAWN
        return self.status

    @property
    def family(self) -> str:
        """The id of the SOP this one translates, or its own id (case-folded)."""
        return (self.translation_of or self.id).casefold()


def _plain(value: Any) -> Any:
    """Return a typed value as plain JSON data (the inverse of `SopMeta.from_validated`)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Version):
        return value.text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Source):
        data = {"file": value.file, "sha256": value.sha256, "pages": value.pages, "converter": value.converter}
        if value.output_sha256 is not None:
            data["output_sha256"] = value.output_sha256
        return data | dict(value.extra)
    if dataclasses.is_dataclass(value):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    return value


def _required_date(meta: Mapping[str, Any], key: str) -> dt.date:
    value = parse_date(meta[key])
    if value is None:
        raise TypeError(f"{key} is not a date")
    return value


def _optional_str(meta: Mapping[str, Any], key: str) -> str | None:
    value = meta.get(key)
    return None if value is None else str(value)


def _source(value: Any) -> Source | None:
    if not isinstance(value, Mapping):
        return None
    known = {"file", "sha256", "pages", "converter", "output_sha256"}
    return Source(
        str(value["file"]),
        str(value["sha256"]),
        int(value["pages"]),
        str(value["converter"]),
        _optional_str(value, "output_sha256"),
        {key: item for key, item in value.items() if key not in known},
    )
