"""Read an SOP's own header block or metadata table, in Norwegian or English wording.

Values are normalised to the front-matter schema's types (ISO dates, version strings);
what cannot be read is reported, never guessed (issue 3, "Metadata").
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from converters.labels import MONTHS, STATUS_WORDS

# A responsible unit names a work package, department, section, group or office; a person does not.
UNIT_WORDS = re.compile(
    r"\b(?:AP\s?\d+|WP\s?\d+|arbeidspakke\w*|work\s+package|avdeling\w*|seksjon\w*|enhet\w*|eining\w*|"
    r"department|dept|unit|section|klinikk\w*|senter\w*|cent(?:re|er)|kontor\w*|office|gruppe\w*|group|team|"
    r"utval\w*|utvalg\w*|komit\w*|committee|laborator\w*|lab|forskningspost\w*|sekretariat\w*|secretariat|"
    r"styre\w*|board|fagr[åa]d\w*|nettverk\w*|network|sop|norcrin|helse\s?\w+|sykehus\w*|sjukehus\w*|"
    r"hospital|universit\w*|[\w-]*(?:tjeneste|teneste)\w*|service|support|stab|direktorat\w*|"
    # Nordic public bodies: Riksarkivet, Arkivverket, Helsetilsynet, Skatteetaten, Lægemiddelstyrelsen
    r"\w*(?:arkivet|verket|tilsynet|instituttet|etaten|styrelsen|myndigheten)|\w*kommun\w*|region\w*|"
    # Swedish and Danish sections and departments: Datateknologsektionen, afdeling, avdelning
    r"\w*sektion\w*|afdeling\w*|avdelning\w*|enhed\w*)\b",
    re.IGNORECASE,
)
# Words in a person's name beside the names themselves ("Ludwig van Beethoven").
NAME_PARTICLES = {"von", "van", "de", "af", "der", "den", "da"}
# An SOP id as printed in running headers: CT-SOP-03, LM-SOP-12, SOP-77, KVA-PR-0012.
ID_IN_TEXT = re.compile(r"(?<![\w-])((?:[A-ZÆØÅ]{2,}-){1,2}\d{1,4}[A-Z]?)(?![\w-]|[.,]\d)")
ID_LABEL = re.compile(r"(?:dokument-?\s?id|dok\.?\s?(?:nr|id)|document\s+(?:id|no|number)|doc\.?\s?(?:no|id))\W*", re.I)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b")
NUMERIC_MONTH_YEAR = re.compile(r"(?<![\d./-])(\d{1,2})[./-](\d{4})\b")
# "31. mai 2024", "1st of March 2021", "01-Mar-2021", "01 Mar 21" (a two-digit year only with a short month).
DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?[-/]?\s*([a-zæøå]+)\.?,?[\s/-]+(\d{4})\b", re.IGNORECASE
)
DAY_MON_YY = re.compile(r"\b(\d{1,2})[-/ ]([a-z]{3})[-/ ](\d{2})\b", re.IGNORECASE)
MONTH_YEAR = re.compile(r"\b([a-zæøå]{3,9})\.?\s+(\d{4})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE)
VERSION = re.compile(r"\b(\d+(?:\.\d+){0,2})\b")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")
# "Side 1 av 3", "Page 2 of 10", "Sida 1 (4)": a page number beside a header value.
PAGE_OF = re.compile(r"\b(?:side|page|sida|pg\.?)\s*\d+\s*(?:av|of|af|/|\()\s*\d+\)?", re.IGNORECASE)
# Keys whose value is a date (the front-matter dates and the extra date labels).
DATE_KEYS = {"effective_date", "last_reviewed_on", "issued_on", "approved_on", "date", "next_review", "review_date"}


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
    if (match := DAY_MON_YY.search(text)) and (named := MONTHS.get(match[2].lower())):
        candidates.append((2000 + int(match[3]), named, int(match[1])))
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
    for pattern, group in ((DAY_MONTH_YEAR, 2), (MONTH_DAY_YEAR, 1), (DAY_MON_YY, 2)):
        match = pattern.search(text)
        if match and MONTHS.get(match[group].lower()):
            return False
    match = MONTH_YEAR.search(text)
    if match and MONTHS.get(match[1].lower()):
        return True
    match = NUMERIC_MONTH_YEAR.search(text)
    return bool(match and 1 <= int(match[1]) <= 12)


def date_doubt(text: str, value: date) -> str:
    """Say what an editor must check about the date `value` read from `text`, or "".

    A month without a day was set to the 1st; a date with slashes whose first two numbers
    could both be the month ("02/06/2025", where US usage puts the month first) was read day
    first, and the other reading is named. Dots and dashes ("02.06.2025") are day first.

    Example:
        >>> date_doubt("Effective Date: 02/06/2025", date(2025, 6, 2))
        "was read day first ('02/06/2025': 2025-06-02); if the month comes first it is 2025-02-06"
    """
    shown = " ".join(text.split())
    if is_month_only(text):
        return f"has no day ({shown!r}) and was set to the 1st of the month, {value.isoformat()}"
    match = None if ISO_DATE.search(text) else NUMERIC_DATE.search(text)
    if not match or "/" not in match[0] or int(match[1]) == int(match[2]) or max(int(match[1]), int(match[2])) > 12:
        return ""
    other = date(value.year, value.day, value.month).isoformat()
    return f"was read day first ({match[0]!r}: {value.isoformat()}); if the month comes first it is {other}"


def is_only_date(text: str) -> bool:
    """True when `text` is a date and nothing else ("01.03.2021", "1st of March 2021", "mai 2024")."""
    text = " ".join(text.split()).strip(" .,;")
    patterns = (ISO_DATE, NUMERIC_DATE, DAY_MONTH_YEAR, MONTH_DAY_YEAR, DAY_MON_YY, MONTH_YEAR, NUMERIC_MONTH_YEAR)
    return any(pattern.fullmatch(text) for pattern in patterns) and text_to_date(text) is not None


def is_bare_value(key: str, text: str) -> bool:
    """True when `text` is a value of `key`'s shape and nothing more (no sentence, no second value)."""
    text = " ".join(PAGE_OF.sub(" ", text).split()).strip(" .,;|")
    if key in DATE_KEYS:
        return is_only_date(text)
    if key == "version":
        return bool(re.fullmatch(r"v?\d+(?:\.\d+){0,2}", text, re.IGNORECASE))
    if key == "id":
        return bool(ID_PATTERN.match(text)) and any(c.isdigit() for c in text)
    return 0 < len(text.split()) <= 4


def is_unit(text: str) -> bool:
    """True when `text` names a responsible unit (work package, department, section, group ...)."""
    return bool(UNIT_WORDS.search(text)) or bool(re.search(r"\b[A-ZÆØÅ]{2,}\d*\b", text))


def is_person(text: str) -> bool:
    """True when `text` looks like one person's name ("Kari Nordmann", "Ole K. Hansen")."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not is_name_word(words[0]):
        return False
    return all(is_name_word(word) or word in NAME_PARTICLES for word in words[1:]) and not is_unit(text)


def is_name_word(word: str) -> bool:
    """True for a capitalised name ("Željko", "Dubois-Felsmann") or an initial ("K."), in any alphabet."""
    if len(word) == 2 and word[1] == "." and word[0].isalpha():
        return word[0].isupper()
    parts = word.split("-")
    return all(part[:1].isupper() and part[1:].isalpha() and part[1:].islower() for part in parts)


def text_to_id(text: str) -> str | None:
    """Return the SOP id printed in a running header or footer line, or None."""
    found = ID_IN_TEXT.findall(text)
    return found[0] if found else None


def value_to_field(key: str, value: str) -> tuple[object | None, str | None]:
    """Normalise one raw header value for `key`.

    A page number printed in the same cell or line ("Side 1 av 3") is not part of a value.

    Args:
        key: Front-matter key, or one of the extra keys of `converters.labels`.
        value: Text as printed in the PDF.

    Returns:
        (value, None) when it could be read, else (None, problem).
    """
    value = " ".join(PAGE_OF.sub(" ", value).split()).strip(" |;,")
    if not value:
        return None, "is empty in the header"
    if key in DATE_KEYS:
        found = text_to_date(value)
        return (
            (found, None)
            if found
            else (None, not_a_day(value) or f"has no date I can read ({value!r}); expected e.g. 2024-05-31")
        )
    if key == "version":
        match = VERSION.search(value)
        return (match[1], None) if match else (None, f"has no version number ({value!r}); expected e.g. 3.1")
    if key == "status":
        lowered = value.lower()
        for status, words in STATUS_WORDS.items():
            if any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered) for word in words):
                return status, None
        return None, f"has an unknown status ({value!r}); expected draft, active, withdrawn or superseded"
    if key == "id":
        for candidate in (value.replace(" ", "-"), value.split()[0].rstrip(",;")):
            if ID_PATTERN.match(candidate) and any(c.isdigit() for c in candidate):
                return candidate, None
        return None, f"is not a document number ({value!r}); expected letters, digits, dots and hyphens"
    return value, None


def not_a_day(value: str) -> str | None:
    """Say why a numeric date is not in the calendar ("31.02.2024": February 2024 has 29 days), else None."""
    iso, numeric = ISO_DATE.search(value), NUMERIC_DATE.search(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif numeric and len(numeric[3]) == 4:
        day, month, year = (int(part) for part in numeric.groups())
    else:
        return None
    if not 1 <= month <= 12:
        return f"has no real date ({value!r}): there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"has no real date ({value!r}): {calendar.month_name[month]} {year} has {days} days"
    return None
