"""Pure rules: dates, labels, hyphenation, escaping, slugs, edit detection."""

from __future__ import annotations

from datetime import date

import pytest

from converters.convert import text_to_slug
from converters.frontmatter import document_to_text, is_edited
from converters.language import text_to_language
from converters.metadata import label_to_field, text_to_date
from converters.text import escape_text, join_wrapped

DATES = [
    ("2024-05-31", date(2024, 5, 31)),
    ("31.05.2024", date(2024, 5, 31)),
    ("31/05/2024", date(2024, 5, 31)),
    ("31. mai 2024", date(2024, 5, 31)),
    ("31 May 2024", date(2024, 5, 31)),
    ("May 31st, 2024", date(2024, 5, 31)),
    ("January 5, 2024", date(2024, 1, 5)),
    ("2. januar 2024", date(2024, 1, 2)),
    ("12/01/2023", date(2023, 1, 12)),
    ("05/31/2024", date(2024, 5, 31)),
    ("31.02.2024", None),
    ("snart", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[t for t, _ in DATES])
def test_text_to_date_reads_common_forms(text, expected):
    assert text_to_date(text) == expected


def test_label_to_field_knows_norwegian_and_english():
    assert label_to_field("Gyldig fra:") == "effective_date"
    assert label_to_field("Date effective") == "effective_date"
    assert label_to_field("Revisjonsdato") == "last_reviewed_on"
    assert label_to_field("Date updated") == "last_reviewed_on"
    assert label_to_field("Godkjent av") == "approved_by"
    assert label_to_field("Utarbeidet av") == "author"
    assert label_to_field("Utarbeidd av") == "author"
    assert label_to_field("Gyldig frå") == "effective_date"
    assert label_to_field("Godkjend av") == "approved_by"
    assert label_to_field("Revidert") == "last_reviewed_on"
    assert label_to_field("Dokument-ID") == "id"
    assert label_to_field("Ansvarleg eining") == "owner"
    assert label_to_field("Merknad") is None


def test_join_wrapped_mends_hyphenation_but_keeps_compounds():
    assert join_wrapped(["the causal-", "ity of"]) == "the causality of"
    assert join_wrapped(["an investi-", "gation"]) == "an investigation"
    assert join_wrapped(["decision-", "making"]) == "decision-making"
    assert join_wrapped(["life-", "threatening"]) == "life-threatening"
    assert join_wrapped(["Start-", "up"]) == "Start-up"
    assert join_wrapped(["benefit–", "risk"]) == "benefit–risk"
    assert join_wrapped(["see CT-", "SOP-03 now"]) == "see CT-SOP-03 now"
    assert join_wrapped(["send e-", "post"]) == "send e-post"
    assert join_wrapped(["https://example.org/a-", "b/c"]) == "https://example.org/a-b/c"


def test_escape_text_stops_raw_html():
    assert escape_text("<script>alert(1)</script> & *x*") == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*x\\*"


def test_text_to_language():
    assert text_to_language("Prosedyren beskriver hvordan avvik følges opp og meldes til sponsor.") == "nb"
    assert text_to_language("This procedure describes how the consent is obtained and filed.") == "en"


def test_text_to_slug():
    assert text_to_slug("Årsrapportering for LM-SOP-04") == "arsrapportering-for-lm-sop-04"


def test_is_edited_detects_any_change():
    text = document_to_text({"title": "T", "source": {"file": "a.pdf", "sha256": "0" * 64, "pages": 1, "converter": "x"}}, "Body\n")
    assert not is_edited(text)
    assert is_edited(text.replace("Body", "Body!"))
    assert is_edited(text.replace("title: T", "title: U"))
