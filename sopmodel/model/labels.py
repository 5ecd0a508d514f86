"""Interface words for generated HTML, in bokmål, nynorsk and English."""

from __future__ import annotations

import datetime as dt

LABELS: dict[str, dict[str, str]] = {
    "nb": {
        "meta": "Dokumentinformasjon",
        "id": "Dokument-ID",
        "version": "Versjon",
        "status": "Status",
        "effective_date": "Gyldig fra",
        "last_reviewed_on": "Sist revidert",
        "review_by": "Neste revisjon",
        "owner": "Eier",
        "approved_by": "Godkjent av",
        "attachments": "Vedlegg",
        "languages": "Språkversjoner",
        "not_given": "Ikke oppgitt",
        "draft": "Utkast",
        "active": "Gjeldende",
        "withdrawn": "Trukket tilbake",
        "superseded": "Erstattet",
        "overdue": "Revisjon forfalt",
        "due_soon": "Revisjon snart",
        "current": "I rute",
        "not_applicable": "Ikke aktuelt",
        "notice_overdue": (
            "Denne prosedyren skulle vært revidert innen {date}. Den kan være utdatert; kontakt eier ({owner})."
        ),
        "notice_due_soon": "Denne prosedyren skal revideres innen {date} ({days}).",
        "notice_withdrawn": "Denne prosedyren er trukket tilbake og gjelder ikke lenger.",
        "notice_superseded": "Denne prosedyren er erstattet og gjelder ikke lenger.",
        "notice_superseded_by": "Bruk i stedet {link}.",
        "notice_draft": "Dette er et utkast som ennå ikke er godkjent.",
        "translation_behind": "Oversettelsen er ikke oppdatert",
        "notice_translation_behind": "{original} er oppdatert siden denne oversettelsen ({old} → {new}).",
        "as_of": "Status per {date}.",
        "days_left": "om {n} dager",
        "day_left": "om 1 dag",
        "today": "i dag",
        "days_ago": "for {n} dager siden",
        "day_ago": "for 1 dag siden",
    },
    "en": {
        "meta": "Document information",
        "id": "Document ID",
        "version": "Version",
        "status": "Status",
        "effective_date": "Effective date",
        "last_reviewed_on": "Last reviewed",
        "review_by": "Next review",
        "owner": "Owner",
        "approved_by": "Approved by",
        "attachments": "Attachments",
        "languages": "Language versions",
        "not_given": "Not given",
        "draft": "Draft",
        "active": "Active",
        "withdrawn": "Withdrawn",
        "superseded": "Superseded",
        "overdue": "Review overdue",
        "due_soon": "Review due soon",
        "current": "Up to date",
        "not_applicable": "Not applicable",
        "notice_overdue": (
            "This procedure was due for review by {date}. It may be out of date; contact its owner ({owner})."
        ),
        "notice_due_soon": "This procedure is due for review by {date} ({days}).",
        "notice_withdrawn": "This procedure has been withdrawn and no longer applies.",
        "notice_superseded": "This procedure has been superseded and no longer applies.",
        "notice_superseded_by": "Use {link} instead.",
        "notice_draft": "This is a draft that has not been approved yet.",
        "translation_behind": "Translation not up to date",
        "notice_translation_behind": "{original} has been updated since this translation ({old} → {new}).",
        "as_of": "Status as of {date}.",
        "days_left": "in {n} days",
        "day_left": "in 1 day",
        "today": "today",
        "days_ago": "{n} days ago",
        "day_ago": "1 day ago",
    },
}
LABELS["nn"] = {
    **LABELS["nb"],
    "meta": "Dokumentinformasjon",
    "last_reviewed_on": "Sist revidert",
    "review_by": "Neste revisjon",
    "owner": "Eigar",
    "not_given": "Ikkje oppgitt",
    "active": "Gjeldande",
    "withdrawn": "Trekt tilbake",
    "superseded": "Erstatta",
    "not_applicable": "Ikkje aktuelt",
    "notice_overdue": (
        "Denne prosedyren skulle vore revidert innan {date}. Han kan vere utdatert; kontakt eigaren ({owner})."
    ),
    "notice_due_soon": "Denne prosedyren skal reviderast innan {date} ({days}).",
    "notice_withdrawn": "Denne prosedyren er trekt tilbake og gjeld ikkje lenger.",
    "notice_superseded": "Denne prosedyren er erstatta og gjeld ikkje lenger.",
    "notice_superseded_by": "Bruk {link} i staden.",
    "notice_draft": "Dette er eit utkast som enno ikkje er godkjent.",
    "translation_behind": "Omsetjinga er ikkje oppdatert",
    "notice_translation_behind": "{original} er oppdatert sidan denne omsetjinga ({old} → {new}).",
    "days_left": "om {n} dagar",
    "days_ago": "for {n} dagar sidan",
    "day_ago": "for 1 dag sidan",
}

LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}

ORIGINAL_NAMES = {
    "nb": {"nb": "Den norske versjonen", "nn": "Nynorskversjonen", "en": "Den engelske versjonen"},
    "nn": {"nb": "Bokmålsversjonen", "nn": "Den norske versjonen", "en": "Den engelske versjonen"},
    "en": {"nb": "The Norwegian version", "nn": "The Norwegian (Nynorsk) version", "en": "The English version"},
}
"""How a translation's notice names its original: ORIGINAL_NAMES[page language][original's language]."""

MONTHS = {
    "nb": [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
"""Month names by language (bokmål and English), January first."""


def labels_for(language: str) -> dict[str, str]:
    """Return the interface words for `language`, falling back on bokmål."""
    return LABELS.get(language, LABELS["nb"])


def format_date(day: dt.date, language: str) -> str:
    """Return `day` written out, e.g. "31. mai 2024" or "31 May 2024"."""
    if language == "en":
        return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"
    return f"{day.day}. {MONTHS['nb'][day.month - 1]} {day.year}"


def format_days(days: int, language: str) -> str:
    """Return a relative day count in words, e.g. "om 12 dager" or "3 days ago"."""
    words = labels_for(language)
    if days == 0:
        return words["today"]
    if days == 1:
        return words["day_left"]
    if days == -1:
        return words["day_ago"]
    if days > 0:
        return words["days_left"].format(n=days)
    return words["days_ago"].format(n=-days)
