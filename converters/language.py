"""Tell bokmål, nynorsk and English apart by their function words (issue 12, "Metadata").

Bokmål and nynorsk share most words; only words that exist in one of them count for it
("ikke"/"ikkje", "hva"/"kva", "fra"/"frå", "en"/"ein" ...). English is told by its own
function words. Too little evidence gives None, never a default.
"""

from __future__ import annotations

import re

ENGLISH_WORDS = (
    "the and of is in with this are on that or an as it from which when shall must should been has who "
    "their they these were was"
)
ENGLISH = frozenset(ENGLISH_WORDS.split())
BOKMAL_WORDS = (
    "ikke jeg hva hvordan hvorfor hvem hvilke hvilken hver hvert være bare fra de disse noe noen en et "
    "hun mye selv hele egen eget sykehus sykehuset først derfor uten mens senere flere mer vært gjelder "
    "ansvarlig hos siden kommer gjør ble deres dem skrevet utarbeidet godkjent"
)
BOKMAL = frozenset(BOKMAL_WORDS.split())
NYNORSK_WORDS = (
    "ikkje eg kva korleis kvifor kven kva kvar kvart vere berre frå dei desse noko nokon nokre ein eit ho "
    "mykje sjølv heile eigen eige sjukehus sjukehuset fyrst difor utan medan seinare fleire meir vore "
    "gjeld ansvarleg hjå sidan kjem gjer vert vart blei deira skrive utarbeidd godkjend òg"
)
NYNORSK = frozenset(NYNORSK_WORDS.split())
SHARED = BOKMAL & NYNORSK
# Endings that differ: -lig/-leg (adjectives), -heten/-heita, -ingen/-inga (definite nouns).
BOKMAL_ENDINGS = ("lig", "lige", "ligt", "heten", "ingen", "elsen")
NYNORSK_ENDINGS = ("leg", "lege", "legt", "heita", "inga", "ingane")
WORD = re.compile(r"[a-zæøåòé]+")
MIN_EVIDENCE = 1


def text_to_language(text: str) -> str | None:
    """Return ``nb``, ``nn`` or ``en`` for `text`, or None when it has too few telling words.

    Args:
        text: Running text (the Markdown body will do).

    Returns:
        The language code, or None.
    """
    counts = {"en": 0, "nb": 0, "nn": 0}
    for word in WORD.findall(text.lower()):
        if word in ENGLISH:
            counts["en"] += 1
        if word in SHARED:
            continue
        if word in BOKMAL or (len(word) > 6 and word.endswith(BOKMAL_ENDINGS)):
            counts["nb"] += 1
        elif word in NYNORSK or (len(word) > 5 and word.endswith(NYNORSK_ENDINGS)):
            counts["nn"] += 1
    norwegian = counts["nb"] + counts["nn"]
    if max(counts["en"], norwegian) < MIN_EVIDENCE:
        return None
    if counts["en"] > norwegian:
        return "en"
    return "nn" if counts["nn"] > counts["nb"] else "nb"
