"""Norwegian compound splitting for the search, learned from the site's own words (issue 15).

Norwegian writes compounds as one word ("kildedataverifisering", "protokollmal"), and
neither Snowball nor Pagefind splits them, so a reader who writes the compound does not
find the page that writes its parts, and the other way round. The dictionary is learned
from the built site: every word of the indexed pages and of the glossary that is long
enough and seen often enough to be a part. A word is split into known parts, with the
linking letters Norwegian puts between them ("monitorering-s-plan", "studie-e"...).

The same rules run in the browser (``overrides/assets/javascripts/sop-search.js``,
``splitCompound``): at index time a page gets the parts of its compounds as low-weight
hidden words; at query time a compound is also searched as its parts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

MIN_PART = 3
"""Shortest part: "mal" in "protokollmal", "lov" in "helselov"."""
MIN_COMPOUND = 7
"""Shortest word that is split: "oppstart" (8), "avviket" is left whole."""
MIN_COUNT_SHORT = 3
"""A part of 3 letters must occur this often on the site (rare short words split badly)."""
ENDINGS = ("ene", "ane", "en", "et", "er", "a", "e")
"""Inflection endings: "randomiseringen" is "randomisering", not "randomiser" + "ingen"."""
LINKS = ("s", "e")
"""Linking letters between parts ("risiko-vurdering", "kvalitet-s-styring", "barn-e-sykdom")."""
_WORD = re.compile(r"[a-zæøåéü]+")


def words_of(text: str) -> list[str]:
    """Return the lowercase letter-only words of `text`."""
    return _WORD.findall(text.casefold())


def learn_parts(texts: Iterable[str], extra: Iterable[str] = ()) -> set[str]:
    """Return the words that may be parts of a compound: the site's words and `extra`.

    A word of `MIN_PART` letters must occur `MIN_COUNT_SHORT` times; longer words once.
    `extra` (glossary terms, titles, tags) always counts.

    Example:
        >>> sorted(learn_parts(["kildedata data kilde mal mal mal"], ["protokoll"]))
        ['data', 'kilde', 'kildedata', 'mal', 'protokoll']
    """
    counts = Counter(word for text in texts for word in words_of(text))
    parts = {
        word
        for word, count in counts.items()
        if len(word) > MIN_PART or (len(word) == MIN_PART and count >= MIN_COUNT_SHORT)
    }
    parts.update(word for term in extra for word in words_of(term) if len(word) >= MIN_PART)
    return parts


def split_compound(word: str, parts: set[str] | frozenset[str], allow_unknown_tail: bool = False) -> list[str]:
    """Return the parts of `word`, or [] when it is no compound of known parts.

    The split with the fewest parts wins, then the one whose shortest part is longest.
    A part may be followed by a linking "s" or "e". With `allow_unknown_tail` (queries),
    the last part may be a word the site does not have ("verifikasjon"), if it is at
    least 4 letters and the known parts before it make up a third of the word, and the
    word itself is unknown ("samtykket" is no "samt" + "ykket").

    Example:
        >>> parts = {"kilde", "data", "kildedata", "protokoll", "mal", "monitorering", "plan"}
        >>> split_compound("protokollmal", parts)
        ['protokoll', 'mal']
        >>> split_compound("monitoreringsplan", parts)
        ['monitorering', 'plan']
        >>> split_compound("kildedataverifikasjon", parts, allow_unknown_tail=True)
        ['kildedata', 'verifikasjon']
        >>> split_compound("kildedata", parts)
        ['kilde', 'data']
        >>> split_compound("monitoreringsplanen", parts | {"monitoreringsplan"})
        ['monitorering', 'plan']
    """
    word = word.casefold()
    if len(word) < MIN_COMPOUND:
        return []
    # An inflected form of a known word is split as that word.
    for ending in ENDINGS:
        stem = word.removesuffix(ending)
        if stem != word and stem in parts:
            return split_compound(stem, parts) if len(stem) >= MIN_COMPOUND else []
    # best[i]: the best split of word[:i] as (parts, shortest part), by fewest parts.
    best: dict[int, tuple[list[str], int]] = {0: ([], len(word))}
    for end in range(MIN_PART, len(word) + 1):
        candidates = []
        for start in range(0, end - MIN_PART + 1):
            if start not in best:
                continue
            piece = word[start:end]
            if (start, end) == (0, len(word)):
                continue  # the word itself is no split
            if piece in parts:
                head, shortest = best[start]
                candidates.append(([*head, piece], min(shortest, len(piece))))
        # A linking letter after the part: the split of word[:end] also ends at end + 1.
        if candidates:
            chosen = min(candidates, key=lambda c: (len(c[0]), -c[1]))
            _keep(best, end, chosen)
            if end < len(word) and word[end] in LINKS and end + 1 < len(word):
                _keep(best, end + 1, chosen)
    if len(word) in best and len(best[len(word)][0]) >= 2:
        return best[len(word)][0]
    if allow_unknown_tail and word not in parts:
        return _split_with_unknown_tail(word, best)
    return []


def _keep(best: dict[int, tuple[list[str], int]], at: int, candidate: tuple[list[str], int]) -> None:
    if at not in best or (len(candidate[0]), -candidate[1]) < (len(best[at][0]), -best[at][1]):
        best[at] = candidate


def _split_with_unknown_tail(word: str, best: dict[int, tuple[list[str], int]]) -> list[str]:
    """The longest known head of `word` and the rest, when both are long enough."""
    for at in sorted(best, reverse=True):
        head, _ = best[at]
        tail = word[at:]
        if head and len(tail) >= 4 and at * 3 >= len(word):
            return [*head, tail]
    return []


def index_parts(text: str, parts: set[str] | frozenset[str], cache: dict[str, list[str]] | None = None) -> list[str]:
    """Return the parts of every compound in `text` that the text does not itself contain.

    `cache` keeps the splits between calls (a site has far fewer words than pages x words).

    Example:
        >>> index_parts("Om kildedatakontroll og data.", {"kilde", "data", "kontroll", "kildedata"})
        ['kildedata', 'kontroll']
    """
    words = set(words_of(text))
    cache = {} if cache is None else cache
    found: list[str] = []
    for word in sorted(words):
        if word not in cache:
            cache[word] = split_compound(word, parts)
        for part in cache[word]:
            if part not in words:
                found.append(part)
    return sorted(set(found))
