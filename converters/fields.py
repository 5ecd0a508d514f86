"""Turn what the PDF says about itself into front-matter values, and say where each came from.

Sources, strongest first: the SOP's header table or ``Label: value`` block, the running
page header or footer (for the id), the first heading (for the title) and the PDF's
document info. Every value that is a guess or from document info is listed in
`Fields.checks`, so the report can tell an editor what to check (issue 12).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from converters.header import history_to_pairs, line_to_pairs
from converters.layout import Line
from converters.metadata import (
    ID_LABEL,
    UNIT_WORDS,
    date_doubt,
    is_month_only,
    is_person,
    is_unit,
    text_to_date,
    text_to_id,
    value_to_field,
)
from converters.tables import TableBlock

# Document info titles that are only the producer's file name ("Microsoft Word - rutine.docx").
FILE_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - )?.*\.(?:docx?|odt|rtf|pdf|html?|pptx?)(?: - google (?:docs|dokumenter))?$"
    r"|^(?:untitled(?: document)?|dokument uten navn|dokument utan namn|namnlöst dokument|unavngivet dokument)$",
    re.IGNORECASE,
)
# A date in a running header or footer, after a label that says what it is.
DATE_LABEL = re.compile(
    r"\b(?:date|dato|datum|approved|godkjent|godkjend|vedtatt|fastsatt|antagen|beslutad)\s*:?\s*", re.I
)
# A unit's name and a numeric date, in a running footer ("Riksarkivet 06.12.2018").
PUBLISHER_LINE = re.compile(
    r"^(?P<unit>[^\W\d][^\d,;:|]{1,58}[^\W\d]),?\s+(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{2,4})(?:\s|$)"
)
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?![./-]\d)")
# A draft says so in its running header or footer: "Utkast: ...", "DRAFT".
DRAFT_MARK = re.compile(r"^(?:utkast|draft|kladd)$|(?:^|\s)(?:utkast|draft|kladd)\s*:", re.IGNORECASE)
# The names of an Author list, and the article before a unit's name ("and the LSST Collaboration").
AUTHOR_LIST = re.compile(r"\s*[,;]\s*(?:(?:and|og|och)\s+)?|\s+(?:and|og|och)\s+")
AUTHOR_ARTICLE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
# Three or more letters set one by one, each standing alone ("D R A F T").
SPACED_LETTERS = re.compile(r"(?<!\S)\w(?: \w){2,}(?!\S)")
# A watermark says one thing ("DRAFT", "IKKE GJELDENDE"); a longer slanted text is no status.
WATERMARK_WORDS = 3
# "1. utgave", "2. udgave", "3rd edition": an edition number on the title page.
EDITION = re.compile(
    r"^(?:(\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:utgave|utgåve|udgave|upplaga|utgåva|edition)|v\.?\s?(\d+\.\d+(?:\.\d+)?))$",
    re.IGNORECASE,
)
# Dates used for effective_date only when no label says "effective", strongest first.
SPARE_DATES = {"issued_on": "issue date", "approved_on": "approval date", "date": "date in the header"}
# The words a controlled document's title starts with (bokmål, nynorsk, Swedish, Danish, English).
DOCUMENT_KIND = re.compile(
    r"^(?:vedtekter|vedtekt|vedtægter|stadgar|kommissorium|mandat|retningslin\w*|riktlinje\w*|prosedyre\w*|"
    r"procedur\w*|rutine\w*|rutin\w*|instruks\w*|instruktion\w*|reglement\w*|policy|politik|"
    r"standard operating procedure|standardprosedyre|kvalitetsh[åa]ndbok|kvalitetshåndbog|quality manual|"
    r"guideline\w*|vejledning\w*|veiledning\w*|rettleiing\w*|handbook|handbok|håndbok|terms of reference)\b",
    re.IGNORECASE,
)
# A subtitle: at most this many words, its centre this close to the title's (points).
SUBTITLE_WORDS = 8
SUBTITLE_CENTRE = 6.0
LEADING_NUMBER = re.compile(r"^(\d{1,3})\.?\s+(?=\w)")


@dataclass
class Fields:
    """Front-matter values with their provenance.

    Attributes:
        values: Front-matter values by key.
        where: Where each value came from, by key.
        checks: Keys whose value is a guess or from document info: an editor must check them.
        author: The person(s) who wrote the SOP, for ``source.author``.
        warnings: One line per problem, ``file: message``.
    """

    path: str
    values: dict[str, Any] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    author: str | None = None
    author_from: str = ""
    warnings: list[str] = field(default_factory=list)
    title_lines: list[Line] = field(default_factory=list)  # the headings the title was taken from, left out of the body
    spare: dict[str, tuple[Any, str, str]] = field(default_factory=dict)  # other dates: value, text, where

    def put(self, key: str, value: Any, where: str, check: str | None = None) -> None:
        """Set a value unless it is set already; with `check`, warn and flag it for the editor."""
        if key in self.values:
            return
        self.values[key] = value
        self.where[key] = where
        if check:
            self.checks.append(key)
            self.warnings.append(f"{self.path}: '{key}' {check}; check it.")


def raw_to_fields(fields: Fields, raw: dict[str, str], where: str, check: str | None = None) -> None:
    """Normalise the values read from a header table or block into `fields`.

    A person's name never becomes `owner` (the responsible unit): an ``Author`` or
    ``Owner`` value that names no unit goes to ``source.author``, and `owner` stays empty.
    Issue, approval and plain dates wait in `Fields.spare` (see `spare_to_fields`); a
    next-review date is reported and left out.
    """
    for key, text in raw.items():
        if key in ("author", "owner"):
            person_to_author(fields, key, " ".join(text.split()), where)
            continue
        if key == "unit_line":
            unit = " ".join(text.split())
            fields.put("owner", unit, where, f"taken from the unlabelled line {unit!r} beside the header block")
            continue
        value, problem = value_to_field(key, text)
        if problem:
            fields.warnings.append(f"{fields.path}: '{key}' {problem}.")
            continue
        shown = " ".join(text.split())
        if key == "next_review":
            fields.warnings.append(
                f"{fields.path}: next review {shown!r} ({where}) was left out: the site computes the next "
                "review from last_reviewed_on."
            )
        elif key in SPARE_DATES or key == "review_date":
            fields.spare.setdefault(key, (value, shown, where))
        elif isinstance(value, date) and (doubt := date_doubt(text, value)):
            fields.put(key, value, where, f"{check}; it {doubt}" if check else doubt)
        else:
            fields.put(key, value, where, check)


def spare_to_fields(fields: Fields) -> None:
    """With no effective date given, take the issue date, else the approval date, else a plain date."""
    for key, name in SPARE_DATES.items():
        if "effective_date" in fields.values:
            return
        if key in fields.spare:
            value, shown, where = fields.spare[key]
            day = "; no day given: set to the 1st" if is_month_only(shown) else ""
            fields.put("effective_date", value, where, f"taken from the {name} ({shown!r}, {where}){day}")


def review_to_fields(fields: Fields) -> None:
    """Read a "Review date" as the last review, unless it is the next one.

    It is the next review when it falls in the same month as the document's own date (the
    effective, issue or approval date) one to five years later: a review cycle.
    """
    if "review_date" not in fields.spare:
        return
    value, shown, where = fields.spare["review_date"]
    start = fields.values.get("effective_date") or next(
        (fields.spare[key][0] for key in SPARE_DATES if key in fields.spare), None
    )
    if isinstance(start, date) and start.month == value.month and 1 <= value.year - start.year <= 5:
        fields.warnings.append(
            f"{fields.path}: review date {shown!r} ({where}) is a review cycle after {start.isoformat()}, so the "
            "next review; it was left out: the site computes the next review from last_reviewed_on."
        )
        return
    check = f"taken from 'Review date' ({shown!r}, {where}), which may mean the next review"
    fields.put("last_reviewed_on", value, where, check)


def history_to_fields(fields: Fields, tables: list[TableBlock]) -> None:
    """Read the newest version (and its date) from a revision history table, flagged for checking."""
    for table in tables:
        pairs = history_to_pairs(table.rows)
        known = fields.values.get("version")
        if pairs and known is not None and dict(pairs).get("version") != known:
            return  # the newest row is of another version than the one printed: its date is not ours
        if pairs:
            # The newest row's date is the current version's date: its effective date when the
            # PDF prints none, else the latest review.
            found = dict(pairs)
            if "last_reviewed_on" in found and "effective_date" not in fields.values:
                found["effective_date"] = found.pop("last_reviewed_on")
            where = f"revision history table on page {table.page}"
            raw_to_fields(fields, found, where, f"read from the newest row of the {where}")
            return


def person_to_author(fields: Fields, key: str, text: str, where: str) -> None:
    """File an author or owner value as the owner (a unit) or as the author (anything else)."""
    if not text:
        return
    if is_unit(text):
        fields.put("owner", text, where)
        return
    if fields.author is None:
        fields.author, fields.author_from = text, where
    label = "person" if is_person(text) else "text"
    fields.warnings.append(
        f"{fields.path}: '{key}' {text!r} ({where}) looks like a {label}, not a responsible unit; "
        "kept as source.author and not used as owner."
    )


def running_id(margins: list[list[str]]) -> str | None:
    """Return the SOP id printed in the running header or footer, or None.

    The id must come back on at least half of the pages, or follow an id label
    ("Dokument-ID CT-SOP-03") on the first page.
    """
    counts: Counter[str] = Counter()
    labelled = None
    for number, texts in enumerate(margins, start=1):
        found = {found for text in texts if (found := text_to_id(text))}
        counts.update(found)
        if number == 1 and labelled is None:
            labelled = next((text_to_id(t) for t in texts if ID_LABEL.search(t) and text_to_id(t)), None)
    if labelled:
        return labelled
    if not counts:
        return None
    best, seen = counts.most_common(1)[0]
    return best if seen >= max(1, (len(margins) + 1) // 2) else None


def running_to_fields(fields: Fields, margins: list[list[str]]) -> None:
    """Read the id, a date, labelled values and a draft mark from the running header or footer."""
    if "id" not in fields.values and (header_id := running_id(margins)):
        fields.put("id", header_id, "running page header or footer", "read from the running page header or footer")
    if "effective_date" not in fields.values and (header_date := running_date(margins)):
        found_date, text = header_date
        day = " (no day given: set to the 1st)" if is_month_only(text) else ""
        check = f"read from the running page header or footer ({text!r}){day}"
        fields.put("effective_date", found_date, "running page header or footer", check)
    if (publisher := running_publisher(margins)) is not None:
        unit, found_date, text = publisher
        check = f"read from the running page footer ({text!r})"
        fields.put("owner", unit, "running page footer", check)
        fields.put("effective_date", found_date, "running page footer", check)
    # The running header of the first two pages: a title page often has none, or a shorter one.
    for text in [text for texts in margins[:2] for text in texts]:
        for key, value in line_to_pairs(text, anywhere=True):
            if key in fields.values or key in ("author", "owner") or value_to_field(key, value)[1]:
                continue
            raw_to_fields(fields, {key: value}, "running page header", f"read from the running page header ({text!r})")
    mark = next((text for texts in margins for text in texts if DRAFT_MARK.search(unspaced(text).strip())), None)
    if mark is not None:
        fields.put("status", "draft", "running page header or footer", f"set to draft from {mark!r}")


def unspaced(text: str) -> str:
    """Join a word set letter by letter ("D R A F T" -> "DRAFT")."""
    return SPACED_LETTERS.sub(lambda match: match[0].replace(" ", ""), text)


def watermark_to_fields(fields: Fields, watermarks: list[tuple[int, str]]) -> None:
    """A watermark that is a status word ("DRAFT", "UTKAST", "Utgått") gives the status, flagged."""
    for page, text in watermarks:
        status, _ = value_to_field("status", text)
        if status is not None and len(text.split()) <= WATERMARK_WORDS:
            fields.put("status", status, f"watermark on page {page}", f"set to {status} from the watermark {text!r}")
            return


def edition_line(lines: list[Line]) -> tuple[Line, str] | None:
    """Return a title-page line giving an edition ("1. utgave", "v. 1.0") and its number, or None."""
    for line in lines[:8]:
        if line.page == 1 and (match := EDITION.match(line.text.strip())):
            return line, match[1] or match[2]
    return None


def title_to_fields(fields: Fields, lines: list[Line]) -> None:
    """Take the title from the largest heading on page 1, else from the heading that opens it.

    The opening heading counts when it is larger than the next heading, when it names the
    kind of document ("Kommissorium for ...", "Retningslinjer for ..."), or when it is a
    chapter number and title ("33. CAPITAL POLICY") that no next chapter ("34.") follows;
    the number is not part of the title.
    """
    headings = [ln for ln in lines if ln.kind == "heading"]
    # Of the page's top-level headings, the largest ("Large Synoptic Survey Telescope" set
    # above "The LSST System Science Requirements Document" is the publisher's line).
    top = [ln for ln in headings if ln.level == 1 and ln.page == 1]
    title_line = max(top, key=lambda ln: ln.size, default=None)
    if title_line is not None:
        subtitle = subtitle_of(lines, title_line)
        if subtitle is None:
            fields.put("title", title_line.text, "title on page 1", "taken from the largest heading on page 1")
        else:
            title = f"{title_line.text.rstrip(':')}: {subtitle.text}"
            fields.put("title", title, "title on page 1", "taken from the largest heading on page 1 and its subtitle")
            fields.title_lines = [title_line, subtitle]
        for line in top[: top.index(title_line)]:
            line.kind = "text"  # the body has no second top-level heading
        return
    first = next((ln for ln in lines if ln.page == 1), None)
    if first is None or first.kind != "heading":
        return
    later = [ln for ln in headings if ln is not first]
    number = LEADING_NUMBER.match(first.text)
    if number:
        following = f"{int(number[1]) + 1}"
        if int(number[1]) == 1 or any(re.match(rf"{following}\b\.?(?!\d)", ln.text) for ln in later):
            return
        fields.put("title", first.text[number.end() :], "first heading on page 1", "taken from the first heading")
        fields.title_lines = [first]  # the page prints the title: the body does not repeat it
    elif (later and later[0].size < first.size - 0.5) or DOCUMENT_KIND.match(first.text):
        fields.put("title", first.text, "first heading on page 1", "taken from the first heading on page 1")
        fields.title_lines = [first]


def subtitle_of(lines: list[Line], title_line: Line) -> Line | None:
    """The subtitle right below a centred title ("Noark 5" over "Norsk arkivstandard"), or None.

    A smaller heading of a few words, centred under the title as the title is centred
    (not both flush left), and no sentence, number, label, author or unit.
    """
    after = lines.index(title_line) + 1
    line = lines[after] if after < len(lines) else None
    if line is None or line.page != 1 or line.kind != "heading" or line.size >= title_line.size - 0.5:
        return None
    centre, title_centre = (line.x0 + line.x1) / 2, (title_line.x0 + title_line.x1) / 2
    centred = abs(centre - title_centre) <= SUBTITLE_CENTRE and abs(line.x0 - title_line.x0) > SUBTITLE_CENTRE
    text = line.text
    if not centred or len(text.split()) > SUBTITLE_WORDS or text.endswith((".", ":")) or LEADING_NUMBER.match(text):
        return None
    # An author line ("Kari Nordmann, Ola Hansen") or the unit's name is no subtitle.
    return None if "," in text or is_person(text) or is_unit(text) else line


def info_to_fields(fields: Fields, info: dict[str, str], printed: str = "") -> None:
    """Fill gaps from the PDF's document info (title, author), flagging each value used.

    Author is often the writer's initials or firm ("JK", "OR Consult"): it is the owner only when
    it says it is a unit ("AP4 Medisinsk utstyr") or the PDF's text (`printed`) names it too.
    """
    title = " ".join(info.get("Title", "").split())
    if title and not FILE_TITLE.match(title):
        fields.put("title", title, "PDF document info", "taken from the PDF document info")
    author = " ".join(info.get("Author", "").split())
    if not author:
        return
    # "Kari Nordmann, and the LSST Science Collaboration": the person is the author, the unit the owner.
    names = [AUTHOR_ARTICLE.sub("", name) for name in AUTHOR_LIST.split(author) if name.strip()]
    units, persons = [n for n in names if is_unit(n)], [n for n in names if is_person(n)]
    if len(names) > 1 and units and len(units) + len(persons) == len(names):
        owner, person = ", ".join(units), ", ".join(persons)
        check = f"taken from the PDF document info (Author {author!r}; the persons went to source.author)"
    elif UNIT_WORDS.search(author) or (is_unit(author) and author.casefold() in " ".join(printed.split()).casefold()):
        owner, person, check = author, "", "taken from the PDF document info (Author)"
    else:  # a person, or no name at all ("python-docx", "Windows User")
        owner, person, check = "", author if is_person(author) else "", ""
    if owner:
        fields.put("owner", owner, "PDF document info", check)
    if person and fields.author is None:
        fields.author, fields.author_from = person, "PDF document info"
        fields.checks.append("source.author")


def running_publisher(margins: list[list[str]]) -> tuple[str, date, str] | None:
    """Return the unit and date of a publisher line ("Arkivverket, 06.12.2018") in the running margins.

    The line starts with the name of a unit (see `is_unit`) and a numeric date follows it;
    a version or page number may follow ("Arkivverket, 06.12.2018 Versjon 5.0").

    Returns:
        The unit, the date and the text they were read from, or None.
    """
    for text in (" ".join(text.split()) for texts in margins[:2] for text in texts):
        match = PUBLISHER_LINE.match(text)
        if match and is_unit(match["unit"]) and not CLOCK.search(text) and (found := text_to_date(match["date"])):
            return match["unit"], found, text
    return None


def running_date(margins: list[list[str]]) -> tuple[date, str] | None:
    """Return a date printed after a label ("Date: 08-2013") in the running header or footer.

    A date with a clock time beside it is a browser's print date and is left alone.

    Returns:
        The date and the text it was read from, or None.
    """
    for texts in margins[:1]:
        for text in texts:
            label = DATE_LABEL.search(text)
            if not label or CLOCK.search(text):
                continue
            value = text[label.end() :]
            found = text_to_date(value)
            if found:
                return found, " ".join(value.split())
    return None
