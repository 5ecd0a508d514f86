"""Small text rules shared by paragraphs and table cells: hyphens, URLs, escaping."""

from __future__ import annotations

import re

URL = re.compile(r"^(?:https?://|www\.)[^\s<>\"]+$", re.IGNORECASE)
URL_TAIL = ".,;:!?)»”'\""
SOFT_HYPHEN = "\u00ad"


def is_url(word: str) -> bool:
    """True when the word is a web address (http(s):// or www.)."""
    return bool(URL.match(word))


def join_hyphenated(left: str, right: str) -> str | None:
    """Join a word cut at a line end with the first word of the next line.

    A lower-case word split by a hyphen is joined without it ("causal-" + "ity"); a
    hyphen after a capital, a digit or a one-letter prefix belongs to a real compound
    and stays ("CT-" + "SOP-03", "e-" + "post"). A web address cut at a slash or a
    hyphen is joined as it is.

    Returns:
        The joined word, or None when the words are separate.
    """
    if not left or not right:
        return None
    if is_url(left.rstrip(URL_TAIL) or left) and left[-1] in "/-._?=&#" and not right[0].isupper():
        return left + right
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if len(left) < 2 or left[-1] not in "-\u2010":
        return None
    stem = left[:-1]
    last_part = re.split(r"[-/]", stem)[-1]
    if stem[-1].isalpha() and stem[-1].islower() and right[0].islower() and len(last_part) > 1:
        return stem + right
    if stem[-1].isalnum():
        return left + right
    return None


def join_wrapped(lines: list[str]) -> str:
    """Join wrapped lines of text into one line, mending words hyphenated at line ends."""
    words: list[str] = []
    for line in lines:
        parts = line.split()
        if words and parts:
            joined = join_hyphenated(words[-1], parts[0])
            if joined is not None:
                words[-1] = joined
                parts = parts[1:]
        words.extend(parts)
    return " ".join(w.replace(SOFT_HYPHEN, "") for w in words)


def escape_text(text: str) -> str:
    """Escape what Markdown or the browser would read as markup in PDF text.

    Untrusted PDF text must not reach the site as HTML, so ``&``, ``<`` and ``>`` become
    entities; ``*`` and backticks are escaped so they cannot start emphasis or code.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("*", "\\*").replace("`", "\\`")
