"""Check SOP front matter against the schema and the collection's own rules.

Every problem in every file is collected; nothing stops at the first one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Iterable

import jsonschema

from sopmodel.model import fields
from sopmodel.model.document import Document, YamlPath, field_label, to_json_value
from sopmodel.model.issues import Issue, Severity
from sopmodel.model.meta import Version, parse_date
from sopmodel.model.schema import load_schema
from sopmodel.model.schema_errors import describe_value as _describe
from sopmodel.model.schema_errors import error_to_issues
from sopmodel.model.text import CONTROL_CHARACTER


@functools.cache
def _validator(schema_name: str) -> jsonschema.Draft202012Validator:
    """Return the (cached) validator of a schema; building one costs more than using it."""
    return jsonschema.Draft202012Validator(load_schema(schema_name), format_checker=jsonschema.FormatChecker())


def validate_document(document: Document, today: dt.date | None = None, schema_name: str = "sop") -> list[Issue]:
    """Check one document's front matter against the schema and the field rules.

    Args:
        document: The parsed file.
        today: The date checks such as "not in the future" compare against.
        schema_name: Which schema applies (``sop`` or ``onepager``).

    Returns:
        All problems found, in file order.
    """
    schema = load_schema(schema_name)
    validator = _validator(schema_name)
    issues: list[Issue] = []
    for key, value in document.meta.items():
        if isinstance(value, dt.datetime):
            issues.append(
                Issue(
                    document.path,
                    document.line_of((key,)),
                    key,
                    f"expected a date like 2024-05-31, got a date and time ({value.isoformat(sep=' ')}).",
                    "remove the time of day.",
                )
            )
    issues.extend(_control_characters(document, document.meta))
    data = to_json_value(document.meta)
    for error in validator.iter_errors(data):
        if error.validator == "format" and any(i.key == field_label(tuple(error.absolute_path)) for i in issues):
            continue
        issues.extend(error_to_issues(error, document, schema))
    if schema_name == "sop":
        issues.extend(_check_sop_rules(document, today))
    return sorted(issues, key=lambda issue: (issue.line, issue.key))


def _control_characters(document: Document, value: object, path: YamlPath = ()) -> list[Issue]:
    r"""Report each value holding a control character written as a YAML escape ("\u0007", "\e").

    A literal one is refused when the file is read; an escaped one would reach the feed (no
    longer XML), the terminal of `sop review` and every page.
    """
    if isinstance(value, dict):
        return [issue for key, item in value.items() for issue in _control_characters(document, item, (*path, key))]
    if isinstance(value, list):
        return [issue for n, item in enumerate(value) for issue in _control_characters(document, item, (*path, n))]
    if not isinstance(value, str) or not (match := CONTROL_CHARACTER.search(value)):
        return []
    code, escape = f"U+{ord(match[0]):04X}", f"\\x{ord(match[0]):02x}"
    message = f"expected text, got the invisible character {code} (written as an escape such as {escape})."
    return [Issue(document.path, document.line_of(path), field_label(path), message, "delete the escape.")]


def _issue(document: Document, where: str, key: str, message: str, hint: str) -> Issue:
    """Return an issue of `document` on the line of its field `where`."""
    return Issue(document.path, document.line_of((where,)), key, message, hint)


def _check_sop_rules(document: Document, today: dt.date | None) -> list[Issue]:
    """Rules the schema cannot express: the relation between fields."""
    return (
        _status_rules(document)
        + _date_rules(document, today)
        + _duplicate_changelog_items(document)
        + _translation_rules(document)
        + _review_by_rule(document)
        + _changelog_rules(document, today)
    )


def _status_rules(document: Document) -> list[Issue]:
    """A superseded SOP names its successor, and only a superseded SOP has one; an archived one has its end day."""
    status = document.meta.get("status")
    issues = []
    if status == "superseded" and not document.meta.get("superseded_by"):
        issues.append(
            _issue(
                document,
                "status",
                "superseded_by",
                "required when status is 'superseded'.",
                "add 'superseded_by: <id of the SOP that replaces it>'.",
            )
        )
    if status in ("superseded", "withdrawn") and not document.meta.get("withdrawn_on"):
        issues.append(
            Issue(
                document.path,
                document.line_of(("status",)),
                "withdrawn_on",
                f"expected the day a {status} SOP stopped applying, got none: its history shows its last version "
                "as never in force.",
                "add 'withdrawn_on: YYYY-MM-DD', the first day it no longer applied.",
                Severity.WARNING,
            )
        )
    if document.meta.get("superseded_by") and status != "superseded":
        issues.append(
            _issue(
                document,
                "superseded_by",
                "status",
                f"expected 'superseded' because superseded_by is set, got {_describe(status)}.",
                "set 'status: superseded' or remove superseded_by.",
            )
        )
    return issues


def _date_rules(document: Document, today: dt.date | None) -> list[Issue]:
    """The last review is not in the future; an SOP is not withdrawn before it takes effect."""
    issues = []
    reviewed = parse_date(document.meta.get("last_reviewed_on"))
    if today and reviewed is not None and reviewed > today:
        issues.append(
            _issue(
                document,
                "last_reviewed_on",
                "last_reviewed_on",
                f"expected a date on or before today ({today.isoformat()}), got {reviewed.isoformat()}.",
                "write the date the review was actually done.",
            )
        )
    effective, withdrawn = (
        parse_date(document.meta.get("effective_date")),
        parse_date(document.meta.get("withdrawn_on")),
    )
    if effective is not None and withdrawn is not None and withdrawn < effective:
        issues.append(
            _issue(
                document,
                "withdrawn_on",
                "withdrawn_on",
                f"expected a day on or after effective_date ({effective.isoformat()}), got {withdrawn.isoformat()}.",
                "correct one of the two dates.",
            )
        )
    title = document.meta.get("title")
    if isinstance(title, str) and title and not title.strip():
        issues.append(_issue(document, "title", "title", "expected a title, got only spaces.", "write the title."))
    return issues


def _changelog_rules(document: Document, today: dt.date | None) -> list[Issue]:
    """The changelog records changes made: no item dated after today.

    (That a new version has its item is checked against git by ``sop check --since``.)
    """
    issues = []
    items = [item for item in fields.items(document.meta, "changelog") if isinstance(item, dict)]
    current = _version_of(document.meta.get("version"))
    for index, item in enumerate(items):
        listed = _version_of(item.get("version"))
        if current and listed and listed > current:
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("changelog", index, "version")),
                    f"changelog[{index}].version",
                    f"expected a version up to the SOP's version ({document.meta['version']}), got {item['version']}.",
                    "correct the item's version, or the SOP's version if this change is the current one.",
                )
            )
        day = parse_date(item.get("date"))
        if today and day is not None and day > today:
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("changelog", index, "date")),
                    f"changelog[{index}].date",
                    f"expected the date of a change made, on or before today ({today.isoformat()}), "
                    f"got {day.isoformat()}.",
                    "write the day the change was approved.",
                )
            )
    return issues


def _version_of(value: object) -> Version | None:
    """The version a changelog or front-matter value writes ("3.10"), or None when it is none."""
    if not isinstance(value, str):
        return None
    version = Version(value)
    try:
        version.parts  # noqa: B018  the numbers must read
    except ValueError:
        return None
    return version


def _translation_rules(document: Document) -> list[Issue]:
    """A translation names its original and the version it was made from, together."""
    meta = document.meta
    issues = []
    if meta.get("translation_of") and not meta.get("translated_from_version"):
        issues.append(
            _issue(
                document,
                "translation_of",
                "translated_from_version",
                "required with translation_of: the version of the original this translation was made from.",
                f"add a line 'translated_from_version: \"3.2\"' with the version of {meta.get('translation_of')} "
                "you translated.",
            )
        )
    if meta.get("translated_from_version") and not meta.get("translation_of"):
        issues.append(
            _issue(
                document,
                "translated_from_version",
                "translated_from_version",
                "expected only in a translation, but translation_of is not set.",
                "add 'translation_of: <id of the original>' or remove the line.",
            )
        )
    return issues


def _review_by_rule(document: Document) -> list[Issue]:
    """An explicit next review comes after the last one."""
    reviewed = parse_date(document.meta.get("last_reviewed_on"))
    review_by = parse_date(document.meta.get("review_by"))
    if reviewed is None or review_by is None or review_by > reviewed:
        return []
    return [
        _issue(
            document,
            "review_by",
            "review_by",
            f"expected a date after last_reviewed_on ({reviewed.isoformat()}), got {review_by.isoformat()}.",
            "set the next review date after the last review, or remove review_by to use the default interval.",
        )
    ]


def _duplicate_changelog_items(document: Document) -> list[Issue]:
    """Report changelog items that repeat an earlier one (same version, date and summary)."""
    seen: dict[tuple[str, str, str], int] = {}
    issues = []
    for index, item in enumerate(fields.items(document.meta, "changelog")):
        if not isinstance(item, dict):
            continue
        key = (str(item.get("version")), str(parse_date(item.get("date"))), str(item.get("summary")))
        if key in seen:
            issues.append(
                Issue(
                    document.path,
                    document.line_of(("changelog", index)),
                    f"changelog[{index}]",
                    f"expected each change once, got the same item as changelog[{seen[key]}] "
                    f"(version {key[0]}, {key[1]}).",
                    "remove the repeated item.",
                )
            )
        else:
            seen[key] = index
    return issues


def check_collection(documents: Iterable[Document]) -> list[Issue]:
    """Check the rules that span files: unique ids and references between SOPs.

    Args:
        documents: Every SOP document, already validated one by one.

    Returns:
        Problems naming both files for duplicate ids, and unknown ids in
        ``translation_of`` and ``superseded_by`` with the closest known id.
    """
    documents = list(documents)
    first_by_id: dict[str, Document] = {}
    issues = _duplicate_ids(documents, first_by_id)
    issues += _alias_clashes(documents, first_by_id)
    issues += _unknown_references(documents, first_by_id)
    return issues


def _duplicate_ids(documents: list[Document], first_by_id: dict[str, Document]) -> list[Issue]:
    """Report an id that an earlier file already uses; fill `first_by_id` (casefolded id to its first file)."""
    issues = []
    for document in documents:
        sop_id = document.meta.get("id")
        if not isinstance(sop_id, str):
            continue
        other = first_by_id.get(sop_id.casefold())
        if other is None:
            first_by_id[sop_id.casefold()] = document
            continue
        issues.append(
            _issue(
                document,
                "id",
                "id",
                f"expected a unique id, got '{sop_id}', which {other.path}:{other.line_of(('id',))} also uses.",
                "give one of the two SOPs another id ('sop new' picks the next free one).",
            )
        )
    return issues


def _alias_clashes(documents: list[Document], first_by_id: dict[str, Document]) -> list[Issue]:
    """Report a former id (alias) that is another SOP's id."""
    issues = []
    for document in documents:
        aliases = document.meta.get("aliases")
        for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
            if not isinstance(alias, str):
                continue
            owner = first_by_id.get(alias.casefold())
            if owner is not None and owner is not document:
                issues.append(
                    Issue(
                        document.path,
                        document.line_of(("aliases", index)),
                        f"aliases[{index}]",
                        f"expected a former id that no other SOP uses, got '{alias}', the id of {owner.path}.",
                        "remove the alias; the other SOP's stable link must stay its own.",
                    )
                )
    return issues


def _unknown_references(documents: list[Document], first_by_id: dict[str, Document]) -> list[Issue]:
    """Report ``translation_of`` and ``superseded_by`` that name the SOP itself or no SOP."""
    known = [d.meta["id"] for d in first_by_id.values()]
    issues = []
    for document in documents:
        for field in ("translation_of", "superseded_by"):
            target = document.meta.get(field)
            if not isinstance(target, str):
                continue
            if target.casefold() == str(document.meta.get("id", "")).casefold():
                message = f"expected the id of another SOP, got this SOP's own id '{target}'."
                issues.append(_issue(document, field, field, message, "name the other SOP's id."))
            elif target.casefold() not in first_by_id:
                close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
                hint = f"use '{close[0]}', the closest existing id." if close else "use the id of an SOP in sops/."
                message = f"expected the id of an existing SOP, got '{target}', which no SOP has."
                issues.append(_issue(document, field, field, message, hint))
    return issues
