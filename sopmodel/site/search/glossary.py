"""The glossary editors extend (glossary.yml): loading, matching and its page (issue 5)."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from sopmodel.model.document import read_text
from sopmodel.model.issues import Issue
from sopmodel.model.text import escape_markdown

GLOSSARY_FILE = "glossary.yml"
"""The glossary's file in the project folder, beside sops/: it is content, editors extend it."""


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
    """The glossary file is not a list of entries with `terms` and `nb`; `issue` says where."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue


def glossary_issues(path: Path) -> list[Issue]:
    """Return the glossary's problem for `sop check` and the build (none when it is right)."""
    try:
        load_glossary(path)
    except GlossaryError as error:
        return [error.issue]
    return []


@functools.cache
def load_glossary(path: Path) -> tuple[GlossaryEntry, ...]:
    """Return the glossary entries of `path`, in file order.

    Raises:
        GlossaryError: naming the entry and what is wrong with it.
    """
    if not path.exists():
        return ()  # a project without a glossary: no page entries, no synonyms
    text, problems = read_text(path, path.name)
    if problems:
        raise GlossaryError(problems[0])
    try:
        data = yaml.safe_load(text or "") or []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "invalid YAML"
        line = mark.line + 1 if mark else 0
        fix = "indent with spaces and write each entry as '- terms: [...]' with 'nb:' under it."
        raise GlossaryError(Issue(path.name, line, "", f"expected YAML, got an error: {problem}.", fix)) from None
    if not isinstance(data, list):
        fix = "start each entry with '- terms: [...]'."
        raise GlossaryError(Issue(path.name, 0, "", f"expected a list of entries, got {type(data).__name__}.", fix))
    entries = []
    for number, item in enumerate(data, start=1):
        terms = item.get("terms") if isinstance(item, dict) else None
        if not isinstance(terms, list) or not terms or not all(isinstance(term, str | int) for term in terms):
            message = f"entry {number}: expected a list of words."
            raise GlossaryError(Issue(path.name, 0, "terms", message, "terms: [SAE, ...]"))
        if not isinstance(item.get("nb"), str):
            message = f"entry {number} ({terms[0]}): expected a definition in bokmål."
            raise GlossaryError(Issue(path.name, 0, "nb", message, "write it under the terms as nb: ..."))
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
