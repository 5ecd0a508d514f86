"""Find ``Label: value`` pairs in an SOP's header lines and tables.

A header line may hold one pair ("Gyldig fra: 31.05.2024") or several ("Dok.nr: QP-07
Versjon: 3 Side 1 av 2"); a table holds pairs side by side, labels over values, or, as a
revision history, one row per version.
"""

from __future__ import annotations

import re

from converters.labels import LABELS
from converters.metadata import DATE_KEYS, VERSION, is_only_date, text_to_date

LABEL_TO_FIELD = {label: key for key, labels in LABELS.items() for label in labels}
LABELS_LONGEST_FIRST = sorted(LABEL_TO_FIELD, key=len, reverse=True)
VERSION_ONLY = re.compile(r"v?\d+(?:\.\d+){0,2}", re.IGNORECASE)
# Words for the kind of document that may come before a label ("Policy owner").
DOCUMENT_KINDS = {
    *("guideline", "policy", "procedure", "sop", "document", "protocol", "form", "dokument", "rutine"),
    *("prosedyre", "retningslinje", "retningslinjens", "prosedyrens", "rutinens", "dokumentets", "instruks"),
}
# A known label followed by its colon, anywhere in a line.
LABEL_COLON = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(label) for label in LABELS_LONGEST_FIRST) + r")\s*:", re.IGNORECASE
)
# "Rev. 3", "Versjon 2.1", "Version no. 4", "rel10.2.1" without a colon, anywhere in a line.
VERSION_MARK = re.compile(
    r"(?<![\w-])(?:rev(?:ision|isjon)?\.?|versjon|version|ver\.|utgave|issue|rel(?:ease)?\.?)\s*(?:nr\.?|no\.?)?\s*"
    r"(?=v?\d+(?:\.\d+){0,2}(?![\w.-]|\.\d))",
    re.IGNORECASE,
)
# A version and its date: "5, 8 February 2023", "2.1 fra 01.03.2024", "3 (01.02.2020)".
VERSION_DATE = re.compile(r"v?(\d+(?:\.\d+){0,2})\s*[,;(\u2013-]?\s*(?:of|fra|frå|from|av|dated)?\s*(.+?)\)?$", re.I)
# Column headings of a revision history: a version column and a date column.
HISTORY_VERSION = {
    *("version", "versjon", "ver", "ver.", "rev", "rev.", "revision", "revisjon", "utgave", "issue", "release"),
}
# A date in a table cell beside a name ("Styringsgruppen 1.10.2018").
CELL_DATE = re.compile(r"(?<![\w.])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})(?![\w.])")
HISTORY_DATE = {"date", "dato", "datum", "dato for endring", "revision date", "date of change", "endringsdato"}


def label_to_field(label: str) -> str | None:
    """Return the front-matter key for a header label such as ``Gyldig fra:``, or None.

    A label may name the kind of document first ("Guideline Authors", "SOP Owner",
    "Prosedyre godkjent av").
    """
    key = re.sub(r"\s+", " ", label.strip().lower().rstrip(":.").strip())
    if key in LABEL_TO_FIELD:
        return LABEL_TO_FIELD[key]
    kind, _, rest = key.partition(" ")
    return LABEL_TO_FIELD.get(rest) if kind in DOCUMENT_KINDS and rest not in ("id", "name", "number") else None


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
        versioned = key in ("version", "revision") and VERSION_ONLY.fullmatch(rest)
        # A label of two words or more counts before a short value, not before a sentence
        # ("Vedtatt av styret etter høring.").
        short = len(rest.split()) <= 8 and not rest.endswith(".")
        if (" " in label and short) or versioned or (key == "id" and "-" in label):
            return key, rest
        # "Vedtatt 10.09.2020 på stiftelsesmøtet": a date label before a date.
        if key in DATE_KEYS and rest[:1].isdigit() and text_to_date(rest.split()[0]):
            return key, rest
    return None


def line_to_pairs(text: str, anywhere: bool = False) -> list[tuple[str, str]]:
    """Every (key, value) of a header line, in order, with ambiguous labels resolved (`resolve_key`).

    Args:
        text: One line.
        anywhere: Read labels that come after other text too (a running header
            "Lab X  Dok.nr: QP-07"); else the line must start with its first label, so that
            no text before it is lost.
    """
    marks = [(m.start(), m.end(), label_to_field(m[1])) for m in LABEL_COLON.finditer(text)]
    for match in VERSION_MARK.finditer(text):
        if not any(start <= match.start() < end or match.start() <= start < match.end() for start, end, _ in marks):
            marks.append((match.start(), match.end(), "version"))
    marks.sort()
    if not marks or (not anywhere and text[: marks[0][0]].strip()):
        pair = line_to_pair(text)
        return [(resolve_key(*pair), pair[1])] if pair else []
    pairs: list[tuple[str, str]] = []
    for number, (_, end, key) in enumerate(marks):
        stop = marks[number + 1][0] if number + 1 < len(marks) else len(text)
        value = text[end:stop].strip(" \t|;,\u2013")
        if key and value:
            pairs.extend((resolve_key(k, v), v) for k, v in split_version_date(key, value))
    return pairs


def split_version_date(key: str, value: str) -> list[tuple[str, str]]:
    """A version followed by its date ("Version 5, 8 February 2023") gives both."""
    match = VERSION_DATE.match(value)
    if key in ("version", "revision") and match and is_only_date(match[2]):
        return [("version", match[1]), ("issued_on", match[2])]
    return [(key, value)]


def resolve_key(key: str, value: str) -> str:
    """The key a value belongs to when its label is ambiguous.

    "Rev. 3" is a version and "Revisjon: 01.03.2021" a review date; "Godkjent: 01.03.2021"
    is an approval date, not an approver.
    """
    only_date = is_only_date(value)
    if key == "revision":
        return "last_reviewed_on" if only_date else "version"
    if key == "approved_by" and only_date:
        return "approved_on"
    if key == "version" and only_date and re.search(r"\d{4}", value):
        return "last_reviewed_on"
    return key


def history_to_pairs(rows: list[list[str]]) -> list[tuple[str, str]]:
    """The newest version and its date from a revision history table, or [].

    The table has a version column and a date column under column headings; the newest
    version is the highest version number (rows may run either way).
    """
    if len(rows) < 2:
        return []
    heads = [" ".join(cell.lower().split()).rstrip(":.") for cell in rows[0]]
    version_at = next((i for i, head in enumerate(heads) if head in HISTORY_VERSION), None)
    date_at = next((i for i, head in enumerate(heads) if head in HISTORY_DATE), None)
    if version_at is None or date_at is None:
        return []
    newest: tuple[tuple[int, ...], list[str]] | None = None
    for row in rows[1:]:
        match = VERSION.search(row[version_at]) if version_at < len(row) else None
        if match and (newest is None or version_key(match[1]) >= newest[0]):
            newest = (version_key(match[1]), row)
    if newest is None:
        return []
    row = newest[1]
    found = [("version", VERSION.search(row[version_at])[1])]  # type: ignore[index]
    if date_at < len(row) and text_to_date(row[date_at]):
        found.append(("last_reviewed_on", row[date_at]))
    # "Godkjent av": who approved the newest version ("Styringsgruppen 1.10.2018"), not "(til godkjenning)".
    approver_at = next((i for i, head in enumerate(heads) if label_to_field(head) == "approved_by"), len(row))
    approver = " ".join(CELL_DATE.sub(" ", row[approver_at]).split()) if approver_at < len(row) else ""
    if approver and not approver.startswith("("):
        found.append(("approved_by", approver))
    return found


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a version number: "1.10" after "1.9"."""
    return tuple(int(part) for part in version.split("."))


def is_history(rows: list[list[str]]) -> bool:
    """True for a revision history table (version and date columns under headings)."""
    return bool(history_to_pairs(rows))


def rows_to_metadata(rows: list[list[str]]) -> tuple[dict[str, str], list[str]]:
    """Read label/value pairs from a table's rows (see `rows_to_pairs`).

    A revision history (see `history_to_pairs`) gives no pairs here: its headings are not
    labels of the values beside them.

    Returns:
        Raw values by key, and the labels that matched no key.
    """
    found: dict[str, str] = {}
    unused: list[str] = []
    if is_history(rows):
        return found, unused
    for label, value in rows_to_pairs(rows):
        key = label_to_field(label)
        if key:
            key = resolve_key(key, value)
        if key and key not in found:
            found[key] = value
        elif label.strip():
            unused.append(label.strip())
    return found, unused


def rows_to_pairs(rows: list[list[str]]) -> list[tuple[str, str]]:
    """The (label, value) pairs of a table, read the way its layout holds them.

    - a row of labels over a row of values (a title block: "Dokument-ID | Versjon | Gyldig fra");
    - a cell holding both ("Gyldig fra: 01.02.2025");
    - otherwise label | value side by side, as often as the row has room.
    """
    pairs: list[tuple[str, str]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if index + 1 < len(rows) and is_label_row(row) and not is_label_row(rows[index + 1]):
            pairs.extend(zip(row, rows[index + 1], strict=False))
            index += 2
            continue
        rest = []
        for cell in row:
            label, sep, value = cell.partition(":")
            if sep and value.strip() and label_to_field(label):
                pairs.append((label, value.strip()))
            else:
                rest.append(cell)
        pairs.extend((rest[i], rest[i + 1]) for i in range(0, len(rest) - 1, 2))
        index += 1
    return pairs


def is_label_row(row: list[str]) -> bool:
    """True when at least two cells, and more than half of the row's cells, are labels."""
    cells = [cell for cell in row if cell.strip()]
    labels = sum(label_to_field(cell) is not None for cell in cells)
    return labels >= 2 and labels * 2 > len(cells)
