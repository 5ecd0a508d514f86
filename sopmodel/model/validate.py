"""Check SOP front matter against the schema and the collection's own rules.

Every problem in every file is collected; nothing stops at the first one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterable
from typing import Any

import jsonschema

from sopmodel.model import fields
from sopmodel.model.document import Document, YamlPath, to_json_value
from sopmodel.model.issues import Issue
from sopmodel.model.meta import parse_date
from sopmodel.model.schema import load_schema


def _describe(value: Any) -> str:
    """Describe a YAML value the way an editor wrote it."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes, no, on and off as true or false; put the value in quotes)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "nothing"
    return repr(str(value))


_TYPE_NAMES = {
    "string": "a text",
    "integer": "a whole number",
    "array": "a list",
    "object": "a group of fields",
}


def _field_label(path: YamlPath) -> str:
    """Return the dotted name of a key path, e.g. ``changelog[0].date``."""
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def _example(schema: dict[str, Any], field: str) -> str:
    prop = schema.get("properties", {}).get(field, {})
    if "x-example" in prop:
        return f"{field}: {prop['x-example']}"
    if prop.get("format") == "date":
        return f"{field}: 2024-05-31"
    return ""


def _error_to_issue(error: jsonschema.ValidationError, document: Document, schema: dict[str, Any]) -> list[Issue]:
    """Turn one jsonschema error into editor-facing issues."""
    path: YamlPath = tuple(error.absolute_path)
    label = _field_label(path)
    value = error.instance
    known = list(schema["properties"])
    line = document.line_of(path)
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in value]
        issues = []
        for name in missing:
            field = f"{label}.{name}" if label else name
            example = _example(schema, name) if not path else ""
            description = schema["properties"].get(name, {}).get("description", "")
            hint = f"add a line '{example}'" if example else f"add '{name}'"
            hint += f" ({description.rstrip('.')})." if description else "."
            where = line if path else document.end_line or 1
            issues.append(Issue(document.path, where, field, "required field is missing.", hint))
        return issues
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        issues = []
        for name in value:
            if name in allowed:
                continue
            field = f"{label}.{name}" if label else str(name)
            close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
            if close:
                message = f"unknown field; did you mean '{close[0]}'?"
                hint = f"rename it to '{close[0]}'."
            else:
                message = "unknown field."
                hint = "remove it, or use one of: " + ", ".join(allowed if path else known) + "."
            issues.append(Issue(document.path, document.line_of((*path, name)), field, message, hint))
        return issues
    if kind == "format" and error.validator_value == "date":
        message, hint = describe_bad_date(value)
        return [Issue(document.path, line, label, message, hint)]
    if kind == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        hint = f"write {expected} here."
        if error.validator_value == "string" and isinstance(value, int | float):
            hint = f'put the value in quotes, e.g. {path[-1]}: "{value}".'
        elif error.validator_value == "string" and isinstance(value, dt.date):
            hint = "put the value in quotes."
        elif error.validator_value == "array":
            hint = f"write a list, e.g. {path[-1]}: [{_describe(value).strip(chr(39))}]."
        return [Issue(document.path, line, label, f"expected {expected}, got {_describe(value)}.", hint)]
    if kind == "enum":
        choices = ", ".join(str(choice) for choice in error.validator_value)
        close = difflib.get_close_matches(str(value), [str(c) for c in error.validator_value], n=1)
        hint = f"use '{close[0]}'." if close else f"use one of: {choices}."
        return [Issue(document.path, line, label, f"expected one of {choices}, got {_describe(value)}.", hint)]
    if kind == "pattern":
        expected, hint = _pattern_help(path)
        return [Issue(document.path, line, label, f"expected {expected}, got {_describe(value)}.", hint)]
    if kind in {"minLength", "minItems"}:
        return [
            Issue(document.path, line, label, "expected a value, got an empty one.", "fill it in or remove the line.")
        ]
    if kind in {"maxLength", "maxItems"}:
        return [
            Issue(
                document.path,
                line,
                label,
                f"expected at most {error.validator_value} characters, got {len(value)}.",
                "shorten it.",
            )
        ]
    if kind in {"minimum", "maximum"}:
        bounds = schema["properties"].get(str(path[0]), {})
        return [
            Issue(
                document.path,
                line,
                label,
                f"expected a number from {bounds.get('minimum')} to {bounds.get('maximum')}, got {value}.",
                "use a number in that range.",
            )
        ]
    return [Issue(document.path, line, label, f"{error.message}.", "see docs/skrive-sop.md for the fields.")]


_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$")
_YEAR_MONTH_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def describe_bad_date(value: Any) -> tuple[str, str]:
    """Return (message, fix) for a value that should be a date but is not.

    Example:
        >>> describe_bad_date("14.09.2022")[1]
        'write it as 2022-09-14 (year-month-day).'
        >>> describe_bad_date("2023-02-30")[0]
        'expected a real date, got 2023-02-30, which is not in the calendar (February 2023 has 28 days).'
    """
    text = str(value)
    match = _YEAR_MONTH_DAY.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        if not 1 <= month <= 12:
            return f"expected a real date, got {text.strip()}: there is no month {month}.", "write YYYY-MM-DD."
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            month_name = calendar.month_name[month]
            return (
                f"expected a real date, got {text.strip()}, which is not in the calendar "
                f"({month_name} {year} has {days} days).",
                "correct the day or the month.",
            )
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return (
            f"expected a date like 2024-05-31, got {_describe(value)}.",
            f"write it as {iso} (two-digit month and day).",
        )
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return (
                f"expected a date like 2024-05-31, got {_describe(value)}, which is no real date.",
                "write YYYY-MM-DD.",
            )
        return f"expected a date like 2024-05-31, got {_describe(value)}.", f"write it as {iso} (year-month-day)."
    return f"expected a date like 2024-05-31, got {_describe(value)}.", "write the date as YYYY-MM-DD."


def _pattern_help(path: YamlPath) -> tuple[str, str]:
    """Return what a patterned field expects and how to write it."""
    last = next((part for part in reversed(path) if isinstance(part, str)), "")
    if last == "version":
        return 'a version number like "3.1"', 'write digits separated by dots, in quotes, e.g. version: "3.1".'
    if last in {"id", "translation_of", "superseded_by", "aliases"}:
        return "an SOP id like CT-SOP-07", "use letters, digits, dots and hyphens without spaces, e.g. CT-SOP-07."
    if last == "file":
        return "a file name relative to the SOP file", "write e.g. vedlegg/sjekkliste.docx, with forward slashes."
    if last in {"sha256", "output_sha256"}:
        return "a SHA-256 hex digest", "leave the converter's source block as it wrote it."
    return "a value in the documented form", "see docs/skrive-sop.md."


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
    data = to_json_value(document.meta)
    for error in validator.iter_errors(data):
        if error.validator == "format" and any(i.key == _field_label(tuple(error.absolute_path)) for i in issues):
            continue
        issues.extend(_error_to_issue(error, document, schema))
    if schema_name == "sop":
        issues.extend(_check_sop_rules(document, today))
    return sorted(issues, key=lambda issue: (issue.line, issue.key))


def _check_sop_rules(document: Document, today: dt.date | None) -> list[Issue]:
    """Rules the schema cannot express: the relation between fields."""
    meta = document.meta
    issues = []
    status = meta.get("status")
    if status == "superseded" and not meta.get("superseded_by"):
        issues.append(
            Issue(
                document.path,
                document.line_of(("status",)),
                "superseded_by",
                "required when status is 'superseded'.",
                "add 'superseded_by: <id of the SOP that replaces it>'.",
            )
        )
    if meta.get("superseded_by") and status != "superseded":
        issues.append(
            Issue(
                document.path,
                document.line_of(("superseded_by",)),
                "status",
                f"expected 'superseded' because superseded_by is set, got {_describe(status)}.",
                "set 'status: superseded' or remove superseded_by.",
            )
        )
    reviewed = parse_date(meta.get("last_reviewed_on"))
    if today and reviewed is not None and reviewed > today:
        issues.append(
            Issue(
                document.path,
                document.line_of(("last_reviewed_on",)),
                "last_reviewed_on",
                f"expected a date on or before today ({today.isoformat()}), got {reviewed.isoformat()}.",
                "write the date the review was actually done.",
            )
        )
    issues.extend(_duplicate_changelog_items(document))
    if meta.get("translation_of") and not meta.get("translated_from_version"):
        issues.append(
            Issue(
                document.path,
                document.line_of(("translation_of",)),
                "translated_from_version",
                "required with translation_of: the version of the original this translation was made from.",
                f"add a line 'translated_from_version: \"3.2\"' with the version of {meta.get('translation_of')} "
                "you translated.",
            )
        )
    if meta.get("translated_from_version") and not meta.get("translation_of"):
        issues.append(
            Issue(
                document.path,
                document.line_of(("translated_from_version",)),
                "translated_from_version",
                "expected only in a translation, but translation_of is not set.",
                "add 'translation_of: <id of the original>' or remove the line.",
            )
        )
    review_by = parse_date(meta.get("review_by"))
    if reviewed is not None and review_by is not None and review_by <= reviewed:
        issues.append(
            Issue(
                document.path,
                document.line_of(("review_by",)),
                "review_by",
                f"expected a date after last_reviewed_on ({reviewed.isoformat()}), got {review_by.isoformat()}.",
                "set the next review date after the last review, or remove review_by to use the default interval.",
            )
        )
    return issues


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
    issues: list[Issue] = []
    for document in documents:
        sop_id = document.meta.get("id")
        if not isinstance(sop_id, str):
            continue
        other = first_by_id.get(sop_id.casefold())
        if other is None:
            first_by_id[sop_id.casefold()] = document
            continue
        issues.append(
            Issue(
                document.path,
                document.line_of(("id",)),
                "id",
                f"expected a unique id, got '{sop_id}', which {other.path}:{other.line_of(('id',))} also uses.",
                "give one of the two SOPs another id ('sop new' picks the next free one).",
            )
        )
    known = [d.meta["id"] for d in first_by_id.values()]
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
    for document in documents:
        for field in ("translation_of", "superseded_by"):
            target = document.meta.get(field)
            if not isinstance(target, str):
                continue
            if target.casefold() == str(document.meta.get("id", "")).casefold():
                issues.append(
                    Issue(
                        document.path,
                        document.line_of((field,)),
                        field,
                        f"expected the id of another SOP, got this SOP's own id '{target}'.",
                        "name the other SOP's id.",
                    )
                )
            elif target.casefold() not in first_by_id:
                close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
                hint = f"use '{close[0]}', the closest existing id." if close else "use the id of an SOP in sops/."
                issues.append(
                    Issue(
                        document.path,
                        document.line_of((field,)),
                        field,
                        f"expected the id of an existing SOP, got '{target}', which no SOP has.",
                        hint,
                    )
                )
    return issues
