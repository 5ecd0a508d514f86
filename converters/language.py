"""Tell bokmål, nynorsk and English apart by their function words (issue 12, "Metadata").

Bokmål and nynorsk share most words; only words that exist in one of them count for it
("ikke"/"ikkje", "hva"/"kva", "fra"/"frå", "en"/"ein" ...). English is told by its own
function words. Danish and Swedish, which Norwegian readers also meet, are told by words
neither Norwegian form writes ("af", "nogle", "meget"; "och", "inte", "är"), so a Danish
or Swedish document is never called bokmål. Too little evidence gives None, never a default.
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
# Words of Danish or Swedish that bokmål and nynorsk do not write (none is in their lists:
# "utan", Swedish and nynorsk, counts for nynorsk).
DANISH_WORDS = (
    "af mellem nogen noget nogle meget sig mig dig blive bliver blev gøre gør uden efter vores hvad "
    "tage tager bestyrelsen stk vedtægter ændringer"
)
DANISH = frozenset(DANISH_WORDS.split())
SWEDISH_WORDS = (
    "och inte är att för också även efter detta dessa vilket vilka varje enligt bör hur vad mellan sig "
    "när någon något några mycket styrelsen föreningen medlemmar årsmötet mötet skriftligt"
)
SWEDISH = frozenset(SWEDISH_WORDS.split())
# Bokmål words that Danish writes too: they tell bokmål from nynorsk, not from Danish.
DANISH_TOO_WORDS = (
    "ikke jeg hvordan hvem hvilke hvilken hver hvert være de disse en et hun selv hele egen eget først "
    "derfor mens senere flere deres dem siden kommer hos bare fra ansvarlig"
)
DANISH_TOO = frozenset(DANISH_TOO_WORDS.split())
# Endings that differ: -lig/-leg (adjectives), -heten/-heita, -ingen/-inga (definite nouns).
BOKMAL_ENDINGS = ("lig", "lige", "ligt", "heten", "ingen", "elsen")
NYNORSK_ENDINGS = ("leg", "lege", "legt", "heita", "inga", "ingane")
WORD = re.compile(r"[a-zæøåòéäöü]+")
MIN_EVIDENCE = 1
# Danish or Swedish needs more than a stray word ("af" in a name).
MIN_NEIGHBOUR = 3


def text_to_language(text: str) -> str | None:
    """Return ``nb``, ``nn``, ``en``, ``da`` or ``sv`` for `text`, or None when it has too few telling words.

    Args:
        text: Running text (the Markdown body will do).

    Returns:
        The language code, or None.
    """
    counts = {"en": 0, "nb": 0, "nn": 0, "da": 0, "sv": 0, "nb_only": 0}
    for word in WORD.findall(text.lower()):
        if word in ENGLISH:
            counts["en"] += 1
        counts["da"] += word in DANISH
        counts["sv"] += word in SWEDISH
        if word in SHARED or word in DANISH or word in SWEDISH:
            continue
        if word in BOKMAL or (len(word) > 6 and word.endswith(BOKMAL_ENDINGS)):
            counts["nb"] += 1
            counts["nb_only"] += word not in DANISH_TOO
        elif word in NYNORSK or (len(word) > 5 and word.endswith(NYNORSK_ENDINGS)):
            counts["nn"] += 1
    norwegian = counts["nb"] + counts["nn"]
    if max(counts["en"], norwegian, counts["da"], counts["sv"]) < MIN_EVIDENCE:
        return None
    if counts["en"] > max(norwegian, counts["da"], counts["sv"]):
        return "en"
    # Against Danish and Swedish only the words they do not write count for Norwegian.
    neighbour = "da" if counts["da"] >= counts["sv"] else "sv"
    if counts[neighbour] >= MIN_NEIGHBOUR and counts[neighbour] > counts["nb_only"] + counts["nn"]:
        return neighbour
    return "nn" if counts["nn"] > counts["nb"] else "nb"
