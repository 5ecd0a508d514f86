"""The "Implementering" page and the "Implementert ved" list on each SOP page, from templates."""

from __future__ import annotations

from pathlib import Path

from sopmodel.model.collection import Collection, Sop
from sopmodel.model.implementation import HOSPITALS, Implementations, active_sops
from sopmodel.model.labels import format_date
from sopmodel.site.render import Linker
from sopmodel.site.templating import render

LIST_WORDS = {
    "nb": {
        "title": "Implementert ved",
        "version": "versjon",
        "older": "eldre versjon",
        "local": "lokalt dokument",
        "missing": "ikke registrert",
    },
    "nn": {
        "title": "Implementert ved",
        "version": "versjon",
        "older": "eldre versjon",
        "local": "lokalt dokument",
        "missing": "ikkje registrert",
    },
    "en": {
        "title": "Implemented at",
        "version": "version",
        "older": "an older version",
        "local": "local document",
        "missing": "not recorded",
    },
}


def render_matrix_page(
    collection: Collection, implementations: Implementations, link: Linker, overrides: Path | None = None
) -> str:
    """Return the Markdown of the "Implementering" page (a title and the HTML table)."""
    rows = [
        {"sop": sop, "href": link(sop.path), "cells": [implementations.cell(key, sop) for key in HOSPITALS]}
        for sop in active_sops(collection)
    ]
    table = render(
        "implementation_matrix.html",
        overrides,
        today=format_date(collection.today, "nb"),
        hospitals=list(HOSPITALS.items()),
        rows=rows,
    )
    return "# Implementering ved sykehusene\n\n" + table


def render_sop_list(sop: Sop, implementations: Implementations, overrides: Path | None = None) -> str:
    """Return the "Implementert ved" section of an SOP page ("" for an SOP not in force)."""
    if sop.status.value != "active":
        return ""
    cells = [(name, implementations.cell(key, sop)) for key, name in HOSPITALS.items()]
    return render(
        "implementation_list.html", overrides, words=LIST_WORDS.get(sop.language, LIST_WORDS["nb"]), cells=cells
    )
