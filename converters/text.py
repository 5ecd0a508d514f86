"""Small text rules shared by paragraphs and table cells: hyphens, URLs, escaping."""

from __future__ import annotations

import re
from urllib.parse import quote

URL = re.compile(r"^(?:https?://|www\.)[^\s<>\"]+$", re.IGNORECASE)
MARKDOWN_CHARS = re.compile(r"[*_`\[\]{}]")
LINK_SCHEMES = ("http", "https", "mailto")
URL_TAIL = ".,;:!?)»”'\""
SOFT_HYPHEN = "\u00ad"
CONJUNCTIONS = {"og", "eller", "and", "or", "til", "to", "samt", "enn"}
# Norwegian words written with a hyphen before the next part ("ikke-kommersiell").
HYPHEN_PREFIXES = {"ikke", "ikkje", "non", "anti", "pre", "post", "ex", "covid"}
# Word endings that are not words on their own (English and Norwegian): a line that
# starts with one after a hyphen continues a word split by hyphenation.
SUFFIX_FRAGMENT = re.compile(
    r"(?:[a-zæøå]{0,4}(?:tion|tions|sion|sions|ity|ities|ment|ments|ness|ance|ances|ence|ences"
    r"|able|ible|ally|ingen|ningen|ninger|heten|else|elser|ene|ende|ert|erte|ige|lig|lige|het|ere|sjon|sjonen))"
)


def is_url(word: str) -> bool:
    """True when the word is a web address (http(s):// or www.)."""
    return bool(URL.match(word))


def join_hyphenated(left: str, right: str, broken_by_hand: bool = False, closed_compounds: bool = False) -> str | None:
    """Join a word cut at a line end with the first word of the next line.

    Word processors and browsers do not hyphenate unless asked, so a hyphen at a line
    end is normally part of a compound and stays ("life-" + "threatening", "CT-" +
    "SOP-03", "e-" + "post"). Only when the next line starts with a word ending that
    cannot stand alone ("causal-" + "ity", "investi-" + "gation") was the word split by
    hyphenation, and the hyphen goes. A dash (en or em) ends a range or pair ("benefit" + dash + "risk")
    and is joined as it is, as is a web address cut at a slash or a hyphen.

    Args:
        left: The last word of a line.
        right: The first word of the next line.
        broken_by_hand: The line ends well short of the column edge (a manual line
            break), so a hyphen after a lower-case word is a hand-made word split.
        closed_compounds: The text is Norwegian, where compounds are written as one word
            ("sjukehusapoteket"): a hyphen between two lower-case parts at a line end is
            hyphenation, unless the part before it is short or an abbreviation ("e-post").

    Returns:
        The joined word, or None when the words are separate.
    """
    if not left or not right:
        return None
    if is_url(left.rstrip(URL_TAIL) or left) and left[-1] in "/-._?=&#" and not right[0].isupper():
        return left + right
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if len(left) >= 2 and left[-1] in "\u2013\u2014" and left[-2].isalnum():
        return left + right
    if len(left) < 2 or left[-1] not in "-\u2010":
        return None
    stem = left[:-1]
    if right.lower().rstrip(",.;:") in CONJUNCTIONS:
        return None  # "inn- og utførsel": the hyphen stands for a shared ending
    last_part = re.split(r"[-/]", stem)[-1]
    fragment = re.match(r"[a-zæøå]+", right)
    if (
        stem[-1].isalpha()
        and stem[-1].islower()
        and len(last_part) > 1
        and fragment
        and (broken_by_hand or SUFFIX_FRAGMENT.fullmatch(fragment[0]))
    ):
        return stem + right
    if (
        closed_compounds
        and fragment
        and last_part.isalpha()
        and last_part[1:].islower()
        and len(last_part) >= 3
        and last_part.lower() not in HYPHEN_PREFIXES
    ):
        return stem + right
    if stem[-1].isalnum():
        return left + right
    return None


def join_wrapped(lines: list[str], closed_compounds: bool = False) -> str:
    """Join wrapped lines of text into one line, mending words hyphenated at line ends."""
    words: list[str] = []
    for line in lines:
        parts = line.split()
        if words and parts:
            joined = join_hyphenated(words[-1], parts[0], closed_compounds=closed_compounds)
            if joined is not None:
                words[-1] = joined
                parts = parts[1:]
        words.extend(parts)
    return " ".join(w.replace(SOFT_HYPHEN, "") for w in words)


def escape_text(text: str) -> str:
    """Escape what Markdown or the browser would read as markup in PDF text.

    Untrusted PDF text must not reach the site as HTML, so ``&``, ``<`` and ``>`` become
    entities; a backslash and ``*``, ``_``, backticks, brackets and braces are escaped so
    that they cannot start emphasis, code, a link, a ``[[ID]]`` link or an attribute list
    that the PDF did not mean (issue 12).
    """
    text = text.replace("\\", "\\\\")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_CHARS.sub(r"\\\g<0>", text)


def safe_link(uri: str | None) -> str | None:
    """Return a link annotation's target ready for Markdown, or None when it must not be a link.

    Only web and mail addresses are kept (never ``javascript:``, ``vbscript:``, ``data:``
    or ``file:``); characters that would end a Markdown link target are percent-encoded.
    """
    if not uri:
        return None
    # Browsers ignore spaces and control characters inside a scheme ("java script:").
    squeezed = "".join(c for c in uri if c.isprintable() and not c.isspace())
    scheme = squeezed.split(":", 1)[0].lower() if ":" in squeezed else ""
    if scheme not in LINK_SCHEMES:
        return None
    return quote(uri.strip(), safe=":/?#@!$&'*+,;=%~")
