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
        "dokumentnummer", "dokument nr", "dokumentnr", "dok.nr", "dok. nr", "dok nr", "document number",
        "document no", "doc. no", "doc no", "document id", "sop number", "sop no", "sop nr", "sop-nummer",
        "sop id", "id", "nummer", "number", "reference", "referanse",
    ),
    "title": ("tittel", "title", "dokumenttittel", "document title", "navn", "name"),
    "version": ("versjon", "version", "versjonsnummer", "version number", "versjon nr", "version no", "utgave"),
    "status": ("status", "dokumentstatus", "document status"),
    "effective_date": (
        "gyldig fra", "date effective", "effective date", "effective from", "valid from", "i kraft fra",
        "ikrafttredelse", "gjelder fra", "dato gyldig fra", "effective",
    ),
    "last_reviewed_on": (
        "revidert", "revisjonsdato", "date updated", "last updated", "sist oppdatert", "sist revidert",
        "revision date", "date revised", "last revised", "review date", "date reviewed", "last reviewed",
        "revidert dato", "oppdatert", "updated",
    ),
    "approved_by": ("godkjent av", "approved by", "godkjenner", "approver", "godkjent"),
    "owner": (
        "utarbeidet av", "forfatter", "author", "authors", "owner", "eier", "dokumenteier", "document owner",
        "prepared by", "written by", "ansvarlig", "responsible", "forfattere",
    ),
}
LABEL_TO_FIELD = {label: key for key, labels in LABELS.items() for label in labels}
STATUS_WORDS = {
    "active": ("active", "aktiv", "gjeldende", "godkjent", "approved", "in force", "effective", "final", "endelig"),
    "draft": ("draft", "utkast", "under revisjon", "høring", "in review"),
    "withdrawn": ("withdrawn", "trukket", "utgått", "tilbaketrukket", "retired", "obsolete"),
    "superseded": ("superseded", "erstattet"),
}
MONTHS = {
    "jan": 1, "januar": 1, "january": 1, "feb": 2, "februar": 2, "february": 2, "mar": 3, "mars": 3,
    "march": 3, "apr": 4, "april": 4, "mai": 5, "may": 5, "jun": 6, "juni": 6, "june": 6, "jul": 7,
    "juli": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10,
    "oct": 10, "oktober": 10, "october": 10, "nov": 11, "november": 11, "des": 12, "dec": 12,
    "desember": 12, "december": 12,
}
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s*(?:of\s+)?([a-zæøå]+)\.?,?\s+(\d{4})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
VERSION = re.compile(r"\b(\d+(?:\.\d+){0,2})\b")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$")
NYNORSK = {"ikkje", "eg", "kva", "korleis", "vere", "berre", "frå", "dei", "desse", "noko", "mellom", "skal", "og"}
BOKMAL = {"ikke", "jeg", "hva", "hvordan", "være", "bare", "fra", "de", "disse", "noe", "og", "skal", "som", "av", "på", "det", "er", "med", "til", "for", "ved", "etter", "eller"}
ENGLISH = {"the", "and", "of", "to", "is", "in", "for", "with", "be", "by", "this", "are", "on", "that", "or"}


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
    if match := DAY_MONTH_YEAR.search(text):
        month = MONTHS.get(match[2].lower())
        if month:
            candidates.append((int(match[3]), month, int(match[1])))
    if match := MONTH_DAY_YEAR.search(text):
        month = MONTHS.get(match[1].lower())
        if month:
            candidates.append((int(match[3]), month, int(match[2])))
    for year, month, day in candidates:
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


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


def line_to_pair(text: str) -> tuple[str, str] | None:
    """Split a header line such as ``Gyldig fra: 31.05.2024`` into (key, value), or None."""
    label, sep, value = text.partition(":")
    if sep and label_to_field(label):
        return label_to_field(label), value.strip()
    lowered = text.lower()
    for label in sorted(LABEL_TO_FIELD, key=len, reverse=True):
        if " " in label and lowered.startswith(label + " "):
            return LABEL_TO_FIELD[label], text[len(label) :].strip()
    return None


def text_to_language(text: str) -> str:
    """Guess nb, nn or en from common function words and the letters æ, ø, å."""
    words = re.findall(r"[a-zæøå]+", text.lower())
    english = sum(w in ENGLISH for w in words)
    bokmal = sum(w in BOKMAL for w in words) + 2 * sum(c in "æøå" for c in text.lower())
    nynorsk = sum(w in NYNORSK for w in words if w not in BOKMAL) * 3
    if english > bokmal:
        return "en"
    return "nn" if nynorsk > bokmal else "nb"
