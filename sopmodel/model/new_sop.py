"""A new SOP file (`sop new`): the next free id, complete front matter and the section skeleton."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from sopmodel.model.editing import yaml_quote, yaml_scalar

SECTIONS = {
    "nb": [
        ("Formål", "Hva prosedyren skal oppnå."),
        ("Omfang", "Hvilke studier, roller og situasjoner prosedyren gjelder for."),
        ("Ansvar", "Hvem som gjør hva."),
        ("Definisjoner og forkortelser", "Begreper og forkortelser som brukes i prosedyren."),
        ("Fremgangsmåte", "Stegene, i rekkefølge."),
        ("Referanser", "Lover, forskrifter, retningslinjer og andre SOP-er."),
        ("Endringer fra forrige versjon", "Hva som er nytt i denne versjonen."),
    ],
    "en": [
        ("Purpose", "What the procedure is for."),
        ("Scope", "Which trials, roles and situations it covers."),
        ("Responsibilities", "Who does what."),
        ("Definitions", "Terms and abbreviations used in the procedure."),
        ("Procedure", "The steps, in order."),
        ("References", "Laws, regulations, guidelines and other SOPs."),
        ("Changes from previous version", "What is new in this version."),
    ],
}
"""The standard section skeleton of an SOP, by language, with a hint for each."""

FIRST_VERSION = "0.1"
FIRST_SUMMARY = {"nb": "Første utkast.", "en": "First draft."}

CATEGORY_PREFIXES = {"Generelt": "GEN"}
"""Id prefix of a category whose name is not its prefix (GEN-SOP-01 is in Generelt)."""


def category_prefix(category: str) -> str:
    """Return the id prefix of SOPs in `category`, e.g. ``CT`` or ``GEN``."""
    return CATEGORY_PREFIXES.get(category, category).upper()


def next_free_id(existing_ids: Iterable[str], category: str) -> str:
    """Return the next unused id in `category`, one above the highest in use.

    Translations such as GEN-SOP-02-EN count as their number too.

    Example:
        >>> next_free_id(["CT-SOP-01", "CT-SOP-11", "GEN-SOP-02-EN"], "CT")
        'CT-SOP-12'
        >>> next_free_id(["GEN-SOP-02-EN"], "Generelt")
        'GEN-SOP-03'
    """
    prefix = category_prefix(category)
    pattern = re.compile(rf"^{re.escape(prefix)}-SOP-([0-9]+)(?:-[A-Z]+)?$", re.IGNORECASE)
    numbers = [int(match.group(1)) for sop_id in existing_ids if (match := pattern.match(sop_id))]
    return f"{prefix}-SOP-{max(numbers, default=0) + 1:02d}"


def render_new_sop(sop_id: str, title: str, language: str, owner: str, category: str, today: dt.date) -> str:
    """Return the text of a new draft SOP: complete front matter and the section skeleton.

    Args:
        sop_id: The new SOP's id.
        title: Its title, without the id.
        language: ``nb``, ``nn`` or ``en``; ``nn`` uses the bokmål headings.
        owner: The work package or unit responsible.
        category: The navigation category, e.g. ``CT``.
        today: Written as ``effective_date``, ``last_reviewed_on`` and the first changelog date.
    """
    texts = "en" if language == "en" else "nb"
    day = today.isoformat()
    lines = [
        "---",
        f"id: {sop_id}",
        f"title: {yaml_scalar(title)}",
        f"language: {language}",
        f'version: "{FIRST_VERSION}"',
        "status: draft",
        f"owner: {yaml_scalar(owner)}",
        f"effective_date: {day}",
        f"last_reviewed_on: {day}",
        f"category: {yaml_scalar(category)}",
        "tags: []",
        "changelog:",
        f'  - version: "{FIRST_VERSION}"',
        f"    date: {day}",
        f"    summary: {yaml_quote(FIRST_SUMMARY[texts])}",
        "---",
    ]
    for heading, hint in SECTIONS[texts]:
        lines += ["", f"## {heading}", "", f"<!-- {hint} -->"]
    return "\n".join(lines) + "\n"
