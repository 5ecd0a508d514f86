"""The words SOP headers use: labels by front-matter key, status words and month names.

Wording seen in NorCRIN and hospital SOP templates, in quality manuals and in Swedish and
Danish procedures, lower case, without the colon. Besides the front-matter keys, some labels
name values that are read but kept out of the front matter or used only as a fallback:

- ``author``: who wrote the SOP, kept in ``source.author`` (never the owner, issue 12);
- ``issued_on``, ``approved_on`` and ``date``: dates used for ``effective_date`` only when no
  label says "effective", and flagged for the editor;
- ``review_date``: "Review date", the last review or the next one (see
  ``converters.fields.review_to_fields``);
- ``next_review``: the date the next review is due; the site computes it from
  ``last_reviewed_on``, so it is reported and left out, never read as a review date;
- ``revision``: "Rev. 3" is a version and "Revisjon: 01.03.2021" a review date.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, ...]] = {
    "id": (
        *("dokumentnummer", "dokument nr", "dokumentnr", "dok.nr", "dok. nr", "dok nr", "dokument-id", "dokument id"),
        *("dokumentid", "dok-id", "dok.id", "dokumentnummer/id", "dokumentkode", "referanse", "nummer", "id"),
        *("document number", "document no", "doc. no", "doc no", "document id", "document-id", "doc-id", "doc id"),
        *("document ref", "document reference", "doc ref", "doc. ref", "reference", "ref", "ref no", "ref. no"),
        *("document code", "document #", "doc #", "number", "sop number", "sop no", "sop nr", "sop-nummer"),
        *("sop id", "sop-id", "sop #", "procedure no", "procedure number", "policy no", "policy number"),
        *("diarienummer", "dnr", "dokumentnummer/dnr", "beteckning"),
    ),
    "title": ("tittel", "title", "dokumenttittel", "document title", "navn", "name", "namn", "subject", "emne"),
    "version": (
        *("versjon", "version", "versjonsnummer", "version number", "versjon nr", "version no", "versjonsnr"),
        *("utgave", "utgåve", "ver.", "ver", "issue", "issue no", "issue number", "utgåva", "udgave"),
        *("versionsnummer", "versionsnr", "version nr"),
    ),
    "revision": ("rev", "rev.", "rev. nr", "rev nr", "rev. no", "revision", "revision no", "revision number"),
    "status": ("status", "dokumentstatus", "document status"),
    "effective_date": (
        *("gyldig fra", "gjelder fra", "dato gyldig fra", "gyldig fra dato", "gjeldende fra", "gyldig f.o.m."),
        *("i kraft fra", "ikrafttredelse", "ikraftsettelse", "iverksatt", "iverksettelse", "iverksatt dato"),
        *("gyldig frå", "gjeld frå", "i kraft frå", "dato gyldig frå", "gyldig frå dato", "gjeldande frå"),
        *("date effective", "effective date", "effective from", "valid from", "effective", "in effect from"),
        *("date of effect", "implementation date", "giltig från", "gäller från", "gäller fr.o.m.", "giltig fr.o.m."),
        *("gælder fra", "gældende fra", "gyldig fra og med", "ikrafttrædelse", "vedtatt", "vedteke", "adopted"),
    ),
    "issued_on": (
        *("issue date", "date of issue", "issued", "date issued", "release date", "publication date", "published"),
        *("utgitt", "utgivelsesdato", "utstedt", "publisert", "publiseringsdato", "utgjeve", "utgiven"),
        *("latest revision", "latest revision date", "current revision date", "version date", "versjonsdato"),
    ),
    "approved_on": (
        *("approval date", "date approved", "date of approval", "approved on", "approved date"),
        *("godkjent dato", "dato godkjent", "godkjenningsdato", "godkjend dato", "dato godkjend", "godkjent den"),
        *("fastställd datum", "beslutsdatum", "godkänd datum", "godkendt dato", "godkendelsesdato"),
        *("date ratified", "ratification date", "date of ratification", "ratified on"),
    ),
    "date": ("dato", "date", "datum"),
    # "Review date" is the last review in some templates and the next one in others.
    "review_date": ("review date", "revisjonsdato", "date of review", "datum för revision"),
    "next_review": (
        *("next review", "next review date", "review due", "review due date", "review by", "due for review"),
        *("valid until", "valid to", "expiry date", "expires", "next revision", "next revision date"),
        *("neste revisjon", "neste revisjonsdato", "revideres innen", "revisjon innen", "neste gjennomgang"),
        *("gyldig til", "gyldig til dato", "revideres", "neste revidering", "revisjonsfrist", "neste revisjon innen"),
        *("nästa revision", "revideras senast", "giltig till", "næste revision", "revideres senest"),
    ),
    "last_reviewed_on": (
        *("revidert", "sist oppdatert", "sist revidert", "revidert dato", "oppdatert"),
        *("sist endret", "sist endra", "revidert den", "sist revidert dato", "sist gjennomgått", "gjennomgått"),
        *("date updated", "last updated", "revision date", "date revised", "last revised"),
        *("date reviewed", "last reviewed", "updated", "reviewed on", "date of last review", "last review"),
        *("senast reviderad", "reviderad", "senast uppdaterad", "revideret", "senest revideret"),
    ),
    "approved_by": (
        *("godkjent av", "approved by", "godkjenner", "approver", "godkjent", "godkjend av", "godkjend"),
        *("authorised by", "authorized by", "signed off by", "fastsatt av", "vedtatt av", "vedteke av"),
        *("fastställd av", "beslutad av", "godkänd av", "godkendt af", "approval", "godkjenning", "ratified by"),
    ),
    "author": (
        *("utarbeidet av", "utarbeidd av", "forfatter", "forfattar", "forfattere", "forfattarar"),
        *("skrevet av", "skrive av", "laget av", "laga av", "author", "authors", "prepared by", "written by"),
        *("upprättad av", "framtagen av", "utarbejdet af", "udarbejdet af", "authored by", "drafted by"),
    ),
    "owner": (
        *("owner", "eier", "eigar", "dokumenteier", "dokumenteigar", "document owner", "ansvarlig", "ansvarleg"),
        *("responsible", "ansvarlig enhet", "ansvarleg eining", "ansvarlig avdeling", "ansvarleg avdeling"),
        *("enhet", "eining", "avdeling", "seksjon", "department", "responsible unit", "responsible department"),
        *("prosesseier", "prosesseigar", "process owner", "eierenhet", "dokumentansvarlig", "dokumentansvarleg"),
        *("dokumentansvarig", "ansvarig", "utgiver", "utgjevar", "utgitt av", "issued by", "dokumentejer"),
        *("unit", "unit or department", "department or unit", "avdeling/enhet", "enhet/avdeling", "division"),
    ),
}
# The word a status is printed with, by the schema's status.
STATUS_WORDS = {
    "active": (
        *("active", "aktiv", "gjeldende", "gjeldande", "godkjent", "godkjend", "approved", "in force", "effective"),
        *("final", "endelig", "released", "issued", "current", "published", "publisert", "gällande", "fastställd"),
        *("godkänd", "godkendt", "gældende"),
    ),
    "draft": ("draft", "utkast", "under revisjon", "høring", "in review", "kladd", "udkast", "under review"),
    "withdrawn": ("withdrawn", "trukket", "utgått", "tilbaketrukket", "retired", "obsolete", "upphävd", "ophævet"),
    "superseded": ("superseded", "erstattet", "ersatt", "erstattet af"),
}
MONTHS = {
    **{"jan": 1, "januar": 1, "january": 1, "januari": 1, "feb": 2, "febr": 2, "februar": 2, "february": 2},
    **{"februari": 2, "mar": 3, "mars": 3, "march": 3, "marts": 3, "apr": 4, "april": 4, "mai": 5, "may": 5},
    **{"maj": 5, "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "august": 8},
    **{"augusti": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10, "oktober": 10, "october": 10},
    **{"nov": 11, "november": 11, "des": 12, "dec": 12, "desember": 12, "december": 12},
}
