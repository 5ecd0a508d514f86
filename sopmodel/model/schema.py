"""The one front-matter schema, shared by the build, `sop check` and the converter.

The JSON Schema file beside this module is the source of truth; this module loads it
and derives the facts other modules need (field order, required fields, hints).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent
SOP_SCHEMA_FILE = SCHEMA_DIR / "sop.schema.json"


@functools.cache
def load_schema(name: str = "sop") -> dict[str, Any]:
    """Return the parsed JSON Schema called `name` (``sop`` or ``onepager``)."""
    path = SCHEMA_DIR / f"{name}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def field_order(name: str = "sop") -> list[str]:
    """Return the front-matter keys in the order editors should write them."""
    return list(load_schema(name)["properties"])


def required_fields(name: str = "sop") -> list[str]:
    """Return the keys every file of this kind must have."""
    return list(load_schema(name)["required"])


DATE_FIELDS = ("effective_date", "last_reviewed_on", "review_by", "withdrawn_on")
"""Top-level keys that hold dates (YYYY-MM-DD)."""
