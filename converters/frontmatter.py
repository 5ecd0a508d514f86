"""Write front matter in the schema's key order, check it, and detect editor changes.

`source.output_sha256` is the SHA-256 of the whole generated file with that one line left
out; when a file's text no longer matches it, an editor has changed the file since it was
generated and the converter must not overwrite it (issue 3, "Bad input and safety").
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker

from sopmodel.model.schema import field_order, load_schema

HASH_LINE = re.compile(r"^  output_sha256: ([0-9a-f]{64})\n", re.MULTILINE)


class QuotedString(str):
    """A string YAML must quote (the version, so that 3.10 stays "3.10")."""


class FrontMatterDumper(yaml.SafeDumper):
    """SafeDumper that writes QuotedString values in double quotes."""


FrontMatterDumper.add_representer(
    QuotedString, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
)


def order_front_matter(values: dict[str, Any]) -> dict[str, Any]:
    """Return `values` with keys in the schema's field order (unknown keys last)."""
    order = field_order()
    return dict(sorted(values.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))


def to_jsonable(value: Any) -> Any:
    """Turn dates into ISO strings, recursively, as the schema check expects."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    return value


def front_matter_problems(values: dict[str, Any]) -> list[str]:
    """Check front matter against the SOP schema.

    Returns:
        One message per problem, e.g. ``'status': 'status' is a required property``.
    """
    validator = Draft202012Validator(load_schema(), format_checker=FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(to_jsonable(values)), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.path) or "front matter"
        problems.append(f"'{where}': {error.message}")
    return problems


def front_matter_to_yaml(values: dict[str, Any]) -> str:
    """Dump front matter as YAML: dates unquoted, version quoted, Unicode kept."""
    values = dict(values)
    if "version" in values:
        values["version"] = QuotedString(values["version"])
    return yaml.dump(
        values, Dumper=FrontMatterDumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
    )


def text_sha256(text: str) -> str:
    """Return the hex SHA-256 of text encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_to_text(values: dict[str, Any], body: str) -> str:
    """Return the complete Markdown file, with `source.output_sha256` filled in.

    Args:
        values: Front matter in field order; `source` must be the last key.
        body: Markdown body.
    """
    unsigned = f"---\n{front_matter_to_yaml(values)}---\n\n{body}"
    digest = text_sha256(unsigned)
    head, sep, rest = unsigned.partition("\n---\n\n")
    return f"{head}\n  output_sha256: {digest}{sep}{rest}"


def is_edited(text: str) -> bool:
    """True when a Markdown file is not exactly what the converter wrote.

    A file without `output_sha256` (written by hand, or the line removed) counts as edited.
    """
    match = HASH_LINE.search(text)
    if not match:
        return True
    return text_sha256(text[: match.start()] + text[match.end() :]) != match[1]
