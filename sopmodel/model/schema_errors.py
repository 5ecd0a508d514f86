"""Turn jsonschema errors into editor-facing issues: what was expected, what was found, how to fix it.

`error_to_issues` looks the error's kind up in `HANDLERS`, one small function per kind.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

import jsonschema

from sopmodel.model.document import Document, YamlPath, field_label
from sopmodel.model.issues import Issue


def describe_value(value: Any) -> str:
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


def _example(schema: dict[str, Any], field: str) -> str:
    prop = schema.get("properties", {}).get(field, {})
    if "x-example" in prop:
        return f"{field}: {prop['x-example']}"
    if prop.get("format") == "date":
        return f"{field}: 2024-05-31"
    return ""


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
            f"expected a date like 2024-05-31, got {describe_value(value)}.",
            f"write it as {iso} (two-digit month and day).",
        )
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return (
                f"expected a date like 2024-05-31, got {describe_value(value)}, which is no real date.",
                "write YYYY-MM-DD.",
            )
        return f"expected a date like 2024-05-31, got {describe_value(value)}.", f"write it as {iso} (year-month-day)."
    return f"expected a date like 2024-05-31, got {describe_value(value)}.", "write the date as YYYY-MM-DD."


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


@dataclasses.dataclass(frozen=True)
class _Error:
    """One jsonschema error with what every handler needs."""

    error: jsonschema.ValidationError
    document: Document
    schema: dict[str, Any]
    path: YamlPath
    label: str
    line: int

    @property
    def value(self) -> Any:
        return self.error.instance

    def issue(self, message: str, hint: str) -> list[Issue]:
        return [Issue(self.document.path, self.line, self.label, message, hint)]


def _required(e: _Error) -> list[Issue]:
    issues = []
    for name in [name for name in e.error.validator_value if name not in e.value]:
        field = f"{e.label}.{name}" if e.label else name
        example = _example(e.schema, name) if not e.path else ""
        description = e.schema["properties"].get(name, {}).get("description", "")
        hint = f"add a line '{example}'" if example else f"add '{name}'"
        hint += f" ({description.rstrip('.')})." if description else "."
        where = e.line if e.path else e.document.end_line or 1
        issues.append(Issue(e.document.path, where, field, "required field is missing.", hint))
    return issues


def _additional_properties(e: _Error) -> list[Issue]:
    allowed = list(e.error.schema.get("properties", {}))
    known = list(e.schema["properties"])
    issues = []
    for name in e.value:
        if name in allowed:
            continue
        field = f"{e.label}.{name}" if e.label else str(name)
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        if close:
            message, hint = f"unknown field; did you mean '{close[0]}'?", f"rename it to '{close[0]}'."
        else:
            message = "unknown field."
            hint = "remove it, or use one of: " + ", ".join(allowed if e.path else known) + "."
        issues.append(Issue(e.document.path, e.document.line_of((*e.path, name)), field, message, hint))
    return issues


def _format(e: _Error) -> list[Issue]:
    if e.error.validator_value != "date":
        return _fallback(e)
    return e.issue(*describe_bad_date(e.value))


def _type(e: _Error) -> list[Issue]:
    wanted, value = e.error.validator_value, e.value
    expected = _TYPE_NAMES.get(str(wanted), str(wanted))
    hint = f"write {expected} here."
    found = describe_value(value)
    if wanted == "string" and isinstance(value, int | float):
        # Quote the text as written: YAML reads "3.10" as the number 3.1.
        written = e.document.written.get(e.path, str(value))
        if written != str(value):
            found = f"{written}, which YAML reads as the number {value}"
        name = e.path[-1]
        hint = (
            f'put the value in quotes: "{written}".'
            if isinstance(name, int)
            else f'put the value in quotes, e.g. {name}: "{written}".'
        )
    elif wanted == "string" and isinstance(value, dt.date):
        hint = "put the value in quotes."
    elif wanted == "array":
        hint = f"write a list, e.g. {e.path[-1]}: [{describe_value(value).strip(chr(39))}]."
    return e.issue(f"expected {expected}, got {found}.", hint)


def _enum(e: _Error) -> list[Issue]:
    choices = ", ".join(str(choice) for choice in e.error.validator_value)
    close = difflib.get_close_matches(str(e.value), [str(c) for c in e.error.validator_value], n=1)
    hint = f"use '{close[0]}'." if close else f"use one of: {choices}."
    return e.issue(f"expected one of {choices}, got {describe_value(e.value)}.", hint)


def _pattern(e: _Error) -> list[Issue]:
    expected, hint = _pattern_help(e.path)
    return e.issue(f"expected {expected}, got {describe_value(e.value)}.", hint)


def _too_short(e: _Error) -> list[Issue]:
    return e.issue("expected a value, got an empty one.", "fill it in or remove the line.")


def _too_long(e: _Error) -> list[Issue]:
    return e.issue(f"expected at most {e.error.validator_value} characters, got {len(e.value)}.", "shorten it.")


def _out_of_range(e: _Error) -> list[Issue]:
    bounds = e.schema["properties"].get(str(e.path[0]), {})
    message = f"expected a number from {bounds.get('minimum')} to {bounds.get('maximum')}, got {e.value}."
    return e.issue(message, "use a number in that range.")


def _fallback(e: _Error) -> list[Issue]:
    return e.issue(f"{e.error.message}.", "see docs/skrive-sop.md for the fields.")


HANDLERS: dict[str, Callable[[_Error], list[Issue]]] = {
    "required": _required,
    "additionalProperties": _additional_properties,
    "format": _format,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _too_short,
    "minItems": _too_short,
    "maxLength": _too_long,
    "maxItems": _too_long,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
}
"""The handler of each jsonschema keyword; any other keyword gets jsonschema's own message."""


def error_to_issues(error: jsonschema.ValidationError, document: Document, schema: dict[str, Any]) -> list[Issue]:
    """Turn one jsonschema error into editor-facing issues."""
    path: YamlPath = tuple(error.absolute_path)
    context = _Error(error, document, schema, path, field_label(path), document.line_of(path))
    return HANDLERS.get(str(error.validator), _fallback)(context)
