"""Render blocks as Markdown: headings, paragraphs with bold, italic and links, lists, tables."""

from __future__ import annotations

import re

from converters.layout import Word
from converters.structure import Block
from converters.tables import table_to_markdown
from converters.text import SOFT_HYPHEN, URL_TAIL, escape_text, is_url, safe_link

# Python-Markdown (MkDocs) nests list items by four spaces.
LIST_INDENT = "    "
BLOCK_START = re.compile(r"^(#|>|[-+] |\d+[.)] |=+$|-+$|!!!|~~~|\?\?\?|: )")
# Characters that start block syntax but have no backslash escape in Python-Markdown.
ENTITY_START = {"?": "&#63;", ":": "&#58;", "~": "&#126;"}


def url_to_markdown(word: str) -> str:
    """Render a bare web address as a link, keeping trailing punctuation outside it."""
    core = word.rstrip(URL_TAIL)
    tail = word[len(core) :]
    if core.endswith(")") and "(" not in core:
        core, tail = core[:-1], ")" + tail
    target = safe_link(core if "://" in core else "https://" + core)
    if target is None:
        return escape_text(word)
    label = escape_text(core)
    return (f"<{target}>" if target == core else f"[{label}]({target})") + escape_text(tail)


def style_run(text: str, bold: bool, italic: bool) -> str:
    """Wrap text in Markdown emphasis markers, keeping outer spaces outside them."""
    if not text.strip() or not (bold or italic):
        return text
    marker = "***" if bold and italic else "**" if bold else "*"
    return f"{marker}{text}{marker}"


def words_to_inline(words: list[Word], styled: bool = True) -> str:
    """Render words as inline Markdown: runs of bold/italic, link annotations and bare URLs.

    A word glued to the one before it (a bold term and its colon) follows it without a
    space, outside the emphasis markers.
    """
    parts: list[str] = []
    run: list[Word] = []

    def flush() -> None:
        if not run:
            return
        first = run[0]
        link = safe_link(first.link)
        texts = [w.text.replace(SOFT_HYPHEN, "") for w in run]
        if link:
            label = " ".join(texts)
            core = label.rstrip(URL_TAIL) or label
            if label[len(core) :].startswith(")") and core.count("(") > core.count(")"):
                core += ")"
            tail = label[len(core) :]
            rendered = f"<{link}>" if core == link else f"[{escape_text(core)}]({link})"
            rendered += escape_text(tail)
        else:
            rendered = " ".join(url_to_markdown(t) if is_url(t) else escape_text(t) for t in texts)
        rendered = style_run(rendered, styled and first.bold, styled and first.italic) if not link else rendered
        if first.glued and parts:
            parts[-1] += rendered
        else:
            parts.append(rendered)
        run.clear()

    for word in words:
        if run and (word.glued or (word.link, word.bold, word.italic) != (run[0].link, run[0].bold, run[0].italic)):
            flush()
        run.append(word)
    flush()
    return " ".join(parts)


def escape_block_start(text: str) -> str:
    """Stop paragraph text that starts like Markdown syntax ("# ", "1. ") from becoming it."""
    match = BLOCK_START.match(text)
    if not match:
        return text
    if digits := re.match(r"\d+", text):
        return digits[0] + "\\" + text[len(digits[0]) :]
    if text[0] in ENTITY_START:
        return ENTITY_START[text[0]] + text[1:]
    return "\\" + text


def block_to_markdown(block: Block) -> str:
    """Render one block."""
    if block.kind == "heading":
        text = words_to_inline(block.words, styled=False)
        # Python-Markdown drops closing hashes ("C#"); escape them to keep them.
        return "#" * block.level + " " + (text[:-1] + "\\#" if text.endswith("#") else text)
    if block.kind == "paragraph":
        return escape_block_start(words_to_inline(block.words))
    if block.kind == "table":
        return table_to_markdown(block.rows)
    if block.kind == "image":
        return f"![]({block.name})"
    lines = []
    counters: dict[int, int] = {}
    for item in block.items:
        for depth in [d for d in counters if d > item.depth]:
            del counters[depth]
        if item.ordered:
            counters[item.depth] = item.number or counters.get(item.depth, 0) + 1
            marker = f"{counters[item.depth]}."
        else:
            marker = "-"
        lines.append(f"{LIST_INDENT * item.depth}{marker} {words_to_inline(item.words)}")
    return "\n".join(lines)


def blocks_to_markdown(blocks: list[Block]) -> str:
    """Render all blocks, separated by blank lines, ending with one newline."""
    rendered = [block_to_markdown(b) for b in blocks]
    return "\n\n".join(r for r in rendered if r.strip()) + "\n"
