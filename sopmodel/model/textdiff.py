"""A readable diff of two versions of an SOP's text: which words were added and removed.

The text is compared block by block (paragraphs, list items, headings: what a blank
line or a new line separates in Markdown), and a changed block word by word. Only
changed blocks are returned, each with the heading of the section it stands in, so
a reader sees what changed without reading the whole SOP twice. No HTML here: the
site's template marks the pieces.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import re

from sopmodel.model.meta import SopMeta

_WORDS = re.compile(r"\s+|\w+|[^\w\s]+")
"""Words, punctuation and spaces: "ISF." and "ISF elektronisk." share "ISF"."""


class Change(enum.StrEnum):
    """What happened to a piece of text."""

    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclasses.dataclass(frozen=True)
class Piece:
    """A run of text with one fate."""

    change: Change
    text: str


@dataclasses.dataclass(frozen=True)
class ChangedBlock:
    """One block that differs, in the section it stands in ("" before the first heading)."""

    section: str
    pieces: tuple[Piece, ...]

    @property
    def added(self) -> int:
        """The number of words added."""
        return sum(len(piece.text.split()) for piece in self.pieces if piece.change is Change.ADDED)

    @property
    def removed(self) -> int:
        """The number of words removed."""
        return sum(len(piece.text.split()) for piece in self.pieces if piece.change is Change.REMOVED)


def blocks(text: str) -> list[str]:
    """Return the blocks of a Markdown text: its non-empty lines, trimmed.

    A line is the unit editors change (a paragraph is one line in most SOPs, a list
    item always is), so a reflowed paragraph still compares word by word.
    """
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _heading(block: str) -> str | None:
    match = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", block)
    return match.group(1) if match else None


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """Return `old` turned into `new` as pieces, word by word (spaces kept)."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece(Change.SAME, "".join(before[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece(Change.REMOVED, "".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(Piece(Change.ADDED, "".join(after[j1:j2])))
    return tuple(_merged(pieces))


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Join neighbours of one kind, and fold a lone space between two changes into them."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and merged[-1].change is piece.change:
            merged[-1] = Piece(piece.change, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return [piece for piece in merged if piece.text]


def diff_text(old: str, new: str) -> list[ChangedBlock]:
    """Return the blocks that differ between two texts, in the new text's order."""
    before, after = blocks(old), blocks(new)
    changed: list[ChangedBlock] = []
    section_old = section_new = ""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = before[i1:i2], after[j1:j2]
        if tag == "equal":
            for block in news:
                section_new = _heading(block) or section_new
            for block in olds:
                section_old = _heading(block) or section_old
            continue
        for index in range(max(len(olds), len(news))):
            old_block = olds[index] if index < len(olds) else None
            new_block = news[index] if index < len(news) else None
            if old_block is not None:
                section_old = _heading(old_block) or section_old
            if new_block is not None:
                section_new = _heading(new_block) or section_new
            section = section_new if new_block is not None else section_old
            if old_block is None:
                pieces: tuple[Piece, ...] = (Piece(Change.ADDED, str(new_block)),)
            elif new_block is None:
                pieces = (Piece(Change.REMOVED, old_block),)
            else:
                pieces = word_diff(old_block, new_block)
            changed.append(ChangedBlock(section, pieces))
    return changed


UNLISTED_FIELDS = frozenset({"changelog", "source"})
"""Fields not listed as changed: the changelog is the history itself; `source` is the converter's."""


def _field_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_field_text(item) for item in value)
    if isinstance(value, dict):
        if set(value) == {"title", "file"}:
            return f"{value['title']} ({value['file']})"
        return ", ".join(f"{key}: {_field_text(item)}" for key, item in value.items())
    return "" if value is None else str(value)


def field_changes(old: SopMeta, new: SopMeta) -> list[tuple[str, str, str]]:
    """Return (field, value before, value after) for each front-matter field that changed."""
    before, after = old.to_front_matter(), new.to_front_matter()
    keys = [key for key in dict.fromkeys([*before, *after]) if key not in UNLISTED_FIELDS]
    return [
        (key, _field_text(before.get(key)), _field_text(after.get(key)))
        for key in keys
        if before.get(key) != after.get(key)
    ]
