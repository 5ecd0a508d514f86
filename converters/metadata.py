"""Read an SOP's own header block or metadata table, in Norwegian or English wording.

Values are normalised to the front-matter schema's types (ISO dates, version strings);
what cannot be read is reported, never guessed (issue 3, "Metadata").
"""

from __future__ import annotations

import re
from datetime import date

# Label wording seen in NorCRIN and hospital SOP templates, lower case, without colon.
LABELS: dict[str, tuple[str, ...]] = {
    "id": (
        "dokumentnummer",
        "dokument nr",
        "dokumentnr",
        "dok.nr",
        "dok. nr",
        "dok nr",
        "document number",
        "document no",
        "doc. no",
        "doc no",
        "document id",
        "sop number",
        "sop no",
        "sop nr",
        "sop-nummer",
        "sop id",
        "id",
        "nummer",
        "number",
        "reference",
        "referanse",
        "dokument-id",
        "dokument id",
        "dokumentid",
        "dok-id",
        "dok.id",
        "document-id",
        "doc-id",
        "doc id",
        "dokumentnummer/id",
        "sop-id",
    ),
    "title": ("tittel", "title", "dokumenttittel", "document title", "navn", "name", "namn", "subject", "emne"),
    "version": (
        "versjon",
        "version",
        "versjonsnummer",
        "version number",
        "versjon nr",
        "version no",
        "utgave",
        "utgåve",
        "versjonsnr",
        "ver.",
        "ver",
    ),
    "status": ("status", "dokumentstatus", "document status"),
    "effective_date": (
        "gyldig fra",
        "date effective",
        "effective date",
        "effective from",
        "valid from",
        "i kraft fra",
        "ikrafttredelse",
        "gjelder fra",
        "dato gyldig fra",
        "effective",
        "gyldig frå",
        "gjeld frå",
        "i kraft frå",
        "dato gyldig frå",
        "gyldig fra dato",
        "gyldig frå dato",
        "giltig från",
        "ikraftsettelse",
        "vedtatt",
        "vedteke",
        "adopted",
    ),
    "last_reviewed_on": (
        "revidert",
        "revisjonsdato",
        "date updated",
        "last updated",
        "sist oppdatert",
        "sist revidert",
        "revision date",
        "date revised",
        "last revised",
        "review date",
        "date reviewed",
        "last reviewed",
        "revidert dato",
        "oppdatert",
        "updated",
        "sist endret",
        "sist endra",
        "revidert den",
        "sist revidert dato",
    ),
    "approved_by": ("godkjent av", "approved by", "godkjenner", "approver", "godkjent", "godkjend av", "godkjend"),
    # Persons who wrote the SOP: kept in source.author, never as the owner (issue 12).
    "author": (
        "utarbeidet av",
        "utarbeidd av",
        "forfatter",
        "forfattar",
        "author",
        "authors",
        "prepared by",
        "written by",
        "forfattere",
        "forfattarar",
        "skrevet av",
        "skrive av",
        "laget av",
        "laga av",
    ),
    "owner": (
        "owner",
        "eier",
        "eigar",
        "dokumenteier",
        "dokumenteigar",
        "document owner",
        "ansvarlig",
        "ansvarleg",
        "responsible",
        "ansvarlig enhet",
        "ansvarleg eining",
        "ansvarlig avdeling",
        "ansvarleg avdeling",
        "enhet",
        "eining",
        "avdeling",
        "seksjon",
        "department",
        "responsible unit",
        "prosesseier",
        "prosesseigar",
        "process owner",
        "eierenhet",
    ),
}
# A responsible unit names a work package, department, section, group or office; a person does not.
UNIT_WORDS = re.compile(
    r"\b(?:AP\s?\d+|WP\s?\d+|arbeidspakke\w*|work\s+package|avdeling\w*|seksjon\w*|enhet\w*|eining\w*|"
    r"department|dept|unit|section|klinikk\w*|senter\w*|cent(?:re|er)|kontor\w*|office|gruppe\w*|group|team|"
    r"utval\w*|utvalg\w*|komit\w*|committee|laborator\w*|lab|forskningspost\w*|sekretariat\w*|secretariat|"
    r"styre\w*|board|fagr[åa]d\w*|nettverk\w*|network|sop|norcrin|helse\s?\w+|sykehus\w*|sjukehus\w*|"
    r"hospital|universit\w*|[\w-]*(?:tjeneste|teneste)\w*|service|support|stab|direktorat\w*)\b",
    re.IGNORECASE,
)
PERSON = re.compile(
    r"^(?:[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?|[A-ZÆØÅ]\.)(?:\s+(?:[A-ZÆØÅ][a-zæøåéü]+(?:-[A-ZÆØÅ][a-zæøåéü]+)?|[A-ZÆØÅ]\.|von|van|de|af)){1,3}$"
)
# An SOP id as printed in running headers: CT-SOP-03, LM-SOP-12, SOP-77, KVA-PR-0012.
ID_IN_TEXT = re.compile(r"(?<![\w-])((?:[A-ZÆØÅ]{2,}-){1,2}\d{1,4}[A-Z]?)(?![\w-])")
ID_LABEL = re.compile(r"(?:dokument-?\s?id|dok\.?\s?(?:nr|id)|document\s+(?:id|no|number)|doc\.?\s?(?:no|id))\W*", re.I)
LABEL_TO_FIELD = {label: key for key, labels in LABELS.items() for label in labels}
LABELS_LONGEST_FIRST = sorted(LABEL_TO_FIELD, key=len, reverse=True)
VERSION_ONLY = re.compile(r"v?\d+(?:\.\d+){0,2}", re.IGNORECASE)
STATUS_WORDS = {
    "active": ("active", "aktiv", "gjeldende", "godkjent", "approved", "in force", "effective", "final", "endelig"),
    "draft": ("draft", "utkast", "under revisjon", "høring", "in review"),
    "withdrawn": ("withdrawn", "trukket", "utgått", "tilbaketrukket", "retired", "obsolete"),
    "superseded": ("superseded", "erstattet"),
}
MONTHS = {
    "jan": 1,
    "januar": 1,
    "january": 1,
    "feb": 2,
    "februar": 2,
    "february": 2,
    "mar": 3,
    "mars": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mai": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oct": 10,
    "oktober": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "des": 12,
    "dec": 12,
    "desember": 12,
    "december": 12,
    "maj": 5,
    "febr": 2,
}
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
NUMERIC_MONTH_YEAR = re.compile(r"(?<![\d./-])(\d{1,2})[./-](\d{4})\b")
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s*(?:of\s+)?([a-zæøå]+)\.?,?\s+(\d{4})\b", re.IGNORECASE)
MONTH_YEAR = re.compile(r"\b([a-zæøå]{3,9})\.?\s+(\d{4})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
VERSION = re.compile(r"\b(\d+(?:\.\d+){0,2})\b")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$")


def text_to_date(text: str) -> date | None:
    """Read a date written in any common form (2024-05-31, 31.05.2024, 31. mai 2024, May 31st, 2024).

    Numeric dates are read day first (Norwegian and European use); a first number
    above 12 with a second at most 12 is the same either way.

    Args:
        text: The cell or line holding the date.

    Returns:
        The date, or None when there is no readable date.
    """
    candidates = []
    if match := ISO_DATE.search(text):
        candidates.append((int(match[1]), int(match[2]), int(match[3])))
    if match := NUMERIC_DATE.search(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        day, month = (second, first) if second > 12 >= first else (first, second)
        candidates.append((year, month, day))
    if (match := DAY_MONTH_YEAR.search(text)) and (named := MONTHS.get(match[2].lower())):
        candidates.append((int(match[3]), named, int(match[1])))
    if (match := MONTH_DAY_YEAR.search(text)) and (named := MONTHS.get(match[1].lower())):
        candidates.append((int(match[3]), named, int(match[2])))
    for year, month, day in candidates:
        try:
            return date(year, month, day)
        except ValueError:
            continue
    # A month without a day ("okt. 2025", "October 2025") is read as the 1st of that month;
    # the converter warns about it (see `is_month_only`).
    if (match := MONTH_YEAR.search(text)) and (named := MONTHS.get(match[1].lower())):
        return date(int(match[2]), named, 1)
    if (match := NUMERIC_MONTH_YEAR.search(text)) and 1 <= int(match[1]) <= 12:
        return date(int(match[2]), int(match[1]), 1)
    return None


def is_month_only(text: str) -> bool:
    """True when the only date in `text` is a month and year ("okt. 2025")."""
    if ISO_DATE.search(text) or NUMERIC_DATE.search(text):
        return False
    for pattern, group in ((DAY_MONTH_YEAR, 2), (MONTH_DAY_YEAR, 1)):
        match = pattern.search(text)
        if match and MONTHS.get(match[group].lower()):
            return False
    match = MONTH_YEAR.search(text)
    if match and MONTHS.get(match[1].lower()):
        return True
    match = NUMERIC_MONTH_YEAR.search(text)
    return bool(match and 1 <= int(match[1]) <= 12)


def is_unit(text: str) -> bool:
    """True when `text` names a responsible unit (work package, department, section, group ...)."""
    return bool(UNIT_WORDS.search(text)) or bool(re.search(r"\b[A-ZÆØÅ]{2,}\d*\b", text))


def is_person(text: str) -> bool:
    """True when `text` looks like one person's name ("Kari Nordmann", "Ole K. Hansen")."""
    return bool(PERSON.match(" ".join(text.split()))) and not is_unit(text)


def text_to_id(text: str) -> str | None:
    """Return the SOP id printed in a running header or footer line, or None."""
    found = ID_IN_TEXT.findall(text)
    return found[0] if found else None


def label_to_field(label: str) -> str | None:
    """Return the front-matter key for a header label such as ``Gyldig fra:``, or None."""
    key = re.sub(r"\s+", " ", label.strip().lower().rstrip(":.").strip())
    return LABEL_TO_FIELD.get(key)


def value_to_field(key: str, value: str) -> tuple[object | None, str | None]:
    """Normalise one raw header value for `key`.

    Args:
        key: Front-matter key.
        value: Text as printed in the PDF.

    Returns:
        (value, None) when it could be read, else (None, problem).
    """
    value = " ".join(value.split())
    if not value:
        return None, "is empty in the header"
    if key in ("effective_date", "last_reviewed_on"):
        found = text_to_date(value)
        return (found, None) if found else (None, f"has no date I can read ({value!r}); expected e.g. 2024-05-31")
    if key == "version":
        match = VERSION.search(value)
        return (match[1], None) if match else (None, f"has no version number ({value!r}); expected e.g. 3.1")
    if key == "status":
        lowered = value.lower()
        for status, words in STATUS_WORDS.items():
            if any(word in lowered for word in words):
                return status, None
        return None, f"has an unknown status ({value!r}); expected draft, active, withdrawn or superseded"
    if key == "id":
        candidate = value.replace(" ", "-")
        if ID_PATTERN.match(candidate):
            return candidate, None
        return None, f"is not a document number ({value!r}); expected letters, digits, dots and hyphens"
    return value, None


def rows_to_metadata(rows: list[list[str]]) -> tuple[dict[str, str], list[str]]:
    """Read label/value pairs from a table's rows (label|value, or label|value|label|value).

    Also reads a two-row table with labels in the first row and values in the second.

    Returns:
        Raw values by front-matter key, and the labels that matched no key.
    """
    found: dict[str, str] = {}
    unused: list[str] = []
    if len(rows) == 2 and sum(label_to_field(c) is not None for c in rows[0]) >= 2:
        pairs = list(zip(rows[0], rows[1], strict=False))
    else:
        pairs = [(row[i], row[i + 1]) for row in rows for i in range(0, len(row) - 1, 2)]
    for label, value in pairs:
        key = label_to_field(label)
        if key and key not in found:
            found[key] = value
        elif label.strip():
            unused.append(label.strip())
    return found, unused


def colon_pair(text: str) -> tuple[str, str] | None:
    """(key, value) of ``Label: value`` with a known label before the colon, or None."""
    label, sep, value = text.partition(":")
    key = label_to_field(label) if sep else None
    return (key, value.strip()) if key else None


def line_to_pair(text: str) -> tuple[str, str] | None:
    """Split a header line such as ``Gyldig fra: 31.05.2024`` into (key, value), or None."""
    if pair := colon_pair(text):
        return pair
    lowered = text.lower()
    for label in LABELS_LONGEST_FIRST:
        if not lowered.startswith(label + " "):
            continue
        rest = text[len(label) :].strip()
        key = LABEL_TO_FIELD[label]
        # Without a colon, a one-word label counts only before a value of its own shape
        # ("Version 1.0", "Dokument-ID CT-SOP-03"), not before a sentence.
        if " " in label or (key == "version" and VERSION_ONLY.fullmatch(rest)) or (key == "id" and "-" in label):
            return key, rest
        # "Vedtatt 10.09.2020 på stiftelsesmøtet": a date label before a date.
        if key in ("effective_date", "last_reviewed_on") and rest[:1].isdigit() and text_to_date(rest.split()[0]):
            return key, rest
    return None
