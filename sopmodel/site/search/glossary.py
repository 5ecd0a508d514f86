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
    """Return every problem of the glossary for `sop check` and the build (none when it is right)."""
    return _read_glossary(path)[1]


def load_glossary(path: Path) -> tuple[GlossaryEntry, ...]:
    """Return the glossary entries of `path`, in file order.

    Raises:
        GlossaryError: naming the first entry that is wrong and what is wrong with it.
    """
    entries, issues = _read_glossary(path)
    if issues:
        raise GlossaryError(issues[0])
    return entries


@functools.cache
def _read_glossary(path: Path) -> tuple[tuple[GlossaryEntry, ...], list[Issue]]:
    """Return the entries of `path` and every problem, each at its entry's line."""
    if not path.exists():
        return (), []  # a project without a glossary: no page entries, no synonyms
    text, problems = read_text(path, path.name)
    if problems:
        return (), problems[:1]
    try:
        node = yaml.compose(text or "")
        data = yaml.safe_load(text or "") or []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "invalid YAML"
        line = mark.line + 1 if mark else 0
        fix = "indent with spaces and write each entry as '- terms: [...]' with 'nb:' under it."
        return (), [Issue(path.name, line, "", f"expected YAML, got an error: {problem}.", fix)]
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        fix = "start each entry with '- terms: [...]'."
        return (), [Issue(path.name, 0, "", f"expected a list of entries, got {type(data).__name__}.", fix)]
    entries: list[GlossaryEntry] = []
    issues: list[Issue] = []
    seen: dict[str, tuple[int, int]] = {}
    for number, (item, item_node) in enumerate(zip(data, node.value, strict=True), start=1):
        line = item_node.start_mark.line + 1
        entry, problem = _entry(item, item_node, number, path.name, line)
        if problem:
            issues.append(problem)
            continue
        for term in entry.terms:
            if (first := seen.setdefault(term.casefold(), (number, line))) != (number, line):
                message = f"entry {number}: expected each term in one concept, got '{term}', also in entry {first[0]}."
                fix = f"merge the two entries, or remove '{term}' from one (line {first[1]})."
                issues.append(Issue(path.name, line, "terms", message, fix))
        entries.append(entry)
    return tuple(entries), issues


def _entry(item: object, node: yaml.Node, number: int, name: str, line: int) -> tuple[GlossaryEntry, Issue | None]:
    """The entry of one list item, or the problem that keeps it out."""
    empty = GlossaryEntry((), "")
    keys = [key.value for key, _ in node.value] if isinstance(node, yaml.MappingNode) else []
    if repeated := sorted({key for key in keys if keys.count(key) > 1}):
        message = f"entry {number}: '{repeated[0]}' is given twice; only the last one would count."
        return empty, Issue(name, line, str(repeated[0]), message, "remove one of the two lines.")
    terms = item.get("terms") if isinstance(item, dict) else None
    if not isinstance(terms, list) or not terms or not all(isinstance(term, str | int) for term in terms):
        return empty, Issue(name, line, "terms", f"entry {number}: expected a list of words.", "terms: [SAE, ...]")
    if not isinstance(item, dict) or not isinstance(item.get("nb"), str):
        message = f"entry {number} ({terms[0]}): expected a definition in bokmål."
        return empty, Issue(name, line, "nb", message, "write it under the terms as nb: ...")
    return GlossaryEntry(tuple(str(term) for term in terms), item["nb"], str(item.get("en") or "")), None


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
