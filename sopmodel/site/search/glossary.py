"""The glossary editors extend (glossary.yml): loading, matching and its page (issue 5)."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from sopmodel.model.text import escape_markdown

GLOSSARY_FILE = Path(__file__).resolve().parents[3] / "glossary.yml"
"""Content, beside sops/: editors extend it (the project folder of an editable install)."""


@dataclasses.dataclass(frozen=True)
class GlossaryEntry:
    """One concept of the glossary.

    Attributes:
        terms: Every way of writing it; the first is the heading on the glossary page.
        nb: Definition in bokmål.
        en: Definition in English ("" when none is given).
    """

    terms: tuple[str, ...]
    nb: str
    en: str = ""


class GlossaryError(ValueError):
    """The glossary file is not a list of entries with `terms` and `nb`."""


@functools.cache
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[GlossaryEntry, ...]:
    """Return the glossary entries of `path`, in file order.

    Raises:
        GlossaryError: naming the entry and what is wrong with it.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise GlossaryError(f"{path.name}: expected a list of entries, got {type(data).__name__}.")
    entries = []
    for number, item in enumerate(data, start=1):
        terms = item.get("terms") if isinstance(item, dict) else None
        if not isinstance(terms, list) or not terms or not all(isinstance(term, str | int) for term in terms):
            raise GlossaryError(
                f"{path.name}: entry {number}: 'terms': expected a list of words. Fix: terms: [SAE, ...]"
            )
        if not isinstance(item.get("nb"), str):
            raise GlossaryError(f"{path.name}: entry {number} ({terms[0]}): 'nb': expected a definition in bokmål.")
        entries.append(GlossaryEntry(tuple(str(term) for term in terms), item["nb"], str(item.get("en") or "")))
    return tuple(entries)


_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=4096)
def _needle(term: str) -> str:
    """Return `term` as space-separated folded words with a space at each end."""
    return " " + " ".join(_WORD.findall(term.casefold())) + " "


def glossary_terms(text: str, glossary: Iterable[GlossaryEntry]) -> list[str]:
    """Return the terms of every glossary entry one of whose terms occurs in `text`.

    Matching is case-insensitive on whole words, so "MU" matches "MU-SOP" but not "mus".

    Example:
        >>> entry = GlossaryEntry(("SUSAR", "mistenkt uventet alvorlig bivirkning"), "")
        >>> glossary_terms("Slik melder du en SUSAR.", [entry])
        ['SUSAR', 'mistenkt uventet alvorlig bivirkning']
    """
    # The text as folded words between single spaces, once; a term is a whole-word match
    # when its own words, spaced the same way, occur in it (a substring test, not a regex
    # per term: the build runs this for every page against the whole glossary).
    words = " " + " ".join(_WORD.findall(text.casefold())) + " "
    found: list[str] = []
    for entry in glossary:
        if any(_needle(term) in words for term in entry.terms):
            found.extend(entry.terms)
    return list(dict.fromkeys(found))


def render_glossary_page(glossary: Iterable[GlossaryEntry]) -> str:
    """Return the Markdown of the glossary page (ordliste), one definition-list item per concept."""
    entries = sorted(glossary, key=lambda entry: entry.terms[0].casefold())
    lines = [
        "# Ordliste og forkortelser",
        "",
        "Forkortelser og begreper fra klinisk forskning. Søket bruker denne listen: søk på en",
        "forkortelse, og du finner også prosedyrer som skriver begrepet ut, og omvendt.",
        "Listen vedlikeholdes i `glossary.yml`.",
        "",
    ]
    for entry in entries:
        # Markdown-escaped too: a definition is text, never a link ([x](javascript:...)).
        others = ", ".join(escape_markdown(term) for term in entry.terms[1:])
        lines.append(f"**{escape_markdown(entry.terms[0])}**" + (f" ({others})" if others else ""))
        lines.append(f":   {escape_markdown(entry.nb)}")
        if entry.en:
            lines.append("")
            lines.append(f'    <span lang="en">{escape_markdown(entry.en)}</span>')
        lines.append("")
    return "\n".join(lines)
