"""Pure rules: dates, labels, hyphenation, escaping, slugs, edit detection."""

from __future__ import annotations

from datetime import date

import pytest

from converters.convert import text_to_slug
from converters.fields import (
    FILE_TITLE,
    Fields,
    edition_line,
    history_to_fields,
    info_to_fields,
    raw_to_fields,
    review_to_fields,
    running_date,
    running_publisher,
    spare_to_fields,
    title_to_fields,
)
from converters.frontmatter import document_to_text, is_edited
from converters.furniture import is_furniture_text
from converters.header import (
    history_to_pairs,
    label_to_field,
    line_to_pair,
    line_to_pairs,
    resolve_key,
    rows_to_metadata,
)
from converters.headings import is_labelled_value, is_set_off_subsection
from converters.language import BOKMAL, DANISH, NYNORSK, SWEDISH, text_to_language
from converters.layout import Line, Word, spacing_accents_to_letters
from converters.metadata import date_doubt, is_month_only, is_person, is_unit, text_to_date, text_to_id, value_to_field
from converters.tables import TableBlock, join_cells, mend_hyphenation
from converters.text import escape_text, join_wrapped, safe_link

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
    ("01-Mar-2021", date(2021, 3, 1)),
    ("1st of March 2021", date(2021, 3, 1)),
    ("12 Sep 19", date(2019, 9, 12)),
    ("3 marts 2020", date(2020, 3, 3)),
    ("12 augusti 2019", date(2019, 8, 12)),
    ("31.02.2024", None),
    ("snart", None),
]


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[t for t, _ in DATES])
def test_text_to_date_reads_common_forms(text, expected):
    assert text_to_date(text) == expected


def test_label_to_field_knows_norwegian_and_english():
    assert label_to_field("Gyldig fra:") == "effective_date"
    assert label_to_field("Date effective") == "effective_date"
    assert label_to_field("Revisjonsdato") == "review_date"  # the last review or the next one
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


def test_line_to_pair_reads_a_date_label_before_a_date_but_not_before_a_sentence():
    assert line_to_pair("Vedtatt 10.09.2020 på stiftelsesmøtet.") == (
        "effective_date",
        "10.09.2020 på stiftelsesmøtet.",
    )
    assert line_to_pair("Status: Draft") == ("status", "Draft")
    assert line_to_pair("Vedtatt av styret etter høring.") is None
    assert line_to_pair("Revidert utgave gjelder fra i dag.") is None


def test_line_to_pairs_splits_a_line_with_several_labels():
    assert line_to_pairs("Dok.nr: LM-SOP-30    Versjon: 2.1    Status: Gjeldende") == [
        ("id", "LM-SOP-30"),
        ("version", "2.1"),
        ("status", "Gjeldende"),
    ]
    # A version without a colon ("Rev. 3") splits a line too; text before the first label
    # counts only in a running header, so that no body text is lost.
    header = "Eksempel Lab Document No: QP-07 Rev. 3 Page 1 of 2"
    assert line_to_pairs(header, anywhere=True) == [("id", "QP-07"), ("version", "3 Page 1 of 2")]
    assert line_to_pairs(header) == []
    assert line_to_pairs("Gyldig fra: 01.02.2025") == [("effective_date", "01.02.2025")]


def test_a_version_with_its_date_gives_both_and_labels_may_name_the_document_kind():
    assert line_to_pairs("Version 5, 8 February 2023") == [("version", "5"), ("issued_on", "8 February 2023")]
    assert line_to_pairs("Versjon 2.1 fra 01.03.2024") == [("version", "2.1"), ("issued_on", "01.03.2024")]
    assert line_to_pairs("Version 2 of this policy replaces the first") == [
        ("version", "2 of this policy replaces the first")
    ]
    assert label_to_field("Guideline Authors") == "author"
    assert label_to_field("Prosedyre godkjent av") == "approved_by"
    assert label_to_field("Policy owner") == "owner"
    assert label_to_field("Guideline Reviewer") is None


def test_resolve_key_tells_a_revision_number_from_a_revision_date_and_an_approver_from_a_date():
    assert resolve_key("revision", "3") == "version"
    assert resolve_key("revision", "01.03.2021") == "last_reviewed_on"
    assert resolve_key("approved_by", "15. februar 2024") == "approved_on"
    assert resolve_key("approved_by", "Fagdirektør") == "approved_by"
    assert label_to_field("Neste revisjon") == "next_review"
    assert label_to_field("Next review date") == "next_review"


def test_rows_to_metadata_reads_labels_over_values_cells_with_both_and_side_by_side_pairs():
    title_block = [
        ["Helse Eksempel", "Dokument-ID:", "Versjon:"],
        ["Merking av prøver", "RL-1234", "1.3"],
        ["Utarbeidet av:", "Godkjent av:", "Gyldig fra:"],
        ["Kari Nordmann", "Fagdirektør", "01.02.2024"],
    ]
    assert rows_to_metadata(title_block) == (
        {
            "id": "RL-1234",
            "version": "1.3",
            "author": "Kari Nordmann",
            "approved_by": "Fagdirektør",
            "effective_date": "01.02.2024",
        },
        ["Helse Eksempel"],
    )
    assert rows_to_metadata([["Dokument-ID: RL-12", "Versjon: 2", "Gyldig fra: 01.01.2020"]]) == (
        {"id": "RL-12", "version": "2", "effective_date": "01.01.2020"},
        [],
    )
    # Two labels in a row of four cells are side-by-side pairs, not a row of labels.
    side_by_side = [
        ["Owner", "Quality Unit", "Approved by", "J. Smith"],
        ["Status", "Approved", "Supersedes", "Rev. 2"],
    ]
    assert rows_to_metadata(side_by_side) == (
        {"owner": "Quality Unit", "approved_by": "J. Smith", "status": "Approved"},
        ["Supersedes"],
    )
    # A revision history is no metadata table: its headings label columns.
    history = [["Version", "Date", "Author"], ["1", "01.01.2020", "A"], ["2", "01.01.2022", "B"]]
    assert rows_to_metadata(history) == ({}, [])


def test_review_date_is_the_next_review_when_it_is_a_review_cycle_after_the_documents_date():
    cycle = Fields("a.pdf")
    raw_to_fields(cycle, {"approved_on": "December 2024", "review_date": "December 2027"}, "table")
    spare_to_fields(cycle)
    review_to_fields(cycle)
    assert "last_reviewed_on" not in cycle.values
    assert cycle.warnings[-1] == (
        "a.pdf: review date 'December 2027' (table) is a review cycle after 2024-12-01, so the next review; it was "
        "left out: the site computes the next review from last_reviewed_on."
    )
    past = Fields("b.pdf")
    raw_to_fields(past, {"effective_date": "01.03.2020", "review_date": "15.06.2023"}, "table")
    review_to_fields(past)
    assert past.values["last_reviewed_on"] == date(2023, 6, 15)
    assert past.checks == ["last_reviewed_on"]


def test_history_to_pairs_takes_the_highest_version_and_its_date():
    rows = [
        ["Versjon", "Dato", "Endring"],
        ["1.10", "02.02.2024", "Nytt skjema"],
        ["1.9", "01.01.2023", "Første"],
    ]
    assert history_to_pairs(rows) == [("version", "1.10"), ("last_reviewed_on", "02.02.2024")]
    assert history_to_pairs([["Versjon", "Beskrivelse"], ["1", "Første"]]) == []


def test_history_to_pairs_reads_who_approved_the_newest_version():
    heads = ["Versjon", "Dato", "Endring", "Godkjent av"]
    rows = [
        heads,
        ["0.99", "09.05.2018", "Utkast", "(til godkjenning)"],
        ["1.1", "13.9.2018", "Roller", "Styringsgruppen 1.10.2018"],
    ]
    assert history_to_pairs(rows)[-1] == ("approved_by", "Styringsgruppen")
    # Not yet approved, or a short row: no approver.
    assert [key for key, _ in history_to_pairs(rows[:2])] == ["version", "last_reviewed_on"]
    assert history_to_pairs([heads, ["1.2", "01.02.2024"]]) == [("version", "1.2"), ("last_reviewed_on", "01.02.2024")]


def test_the_newest_history_row_dates_the_version_when_no_effective_date_is_printed():
    rows = [
        ["Version", "Dato", "Beskrivelse"],
        ["0.1", "2024-02-23", "Første udgave"],
        ["0.98", "2025-01-09", "Review"],
    ]
    table = TableBlock(rows, 2, 100, 200, 72, 500, [72, 200, 300])
    undated = Fields("x.pdf")
    history_to_fields(undated, [table])
    assert undated.values == {"version": "0.98", "effective_date": date(2025, 1, 9)}
    assert undated.checks == ["version", "effective_date"]
    dated = Fields("x.pdf", values={"effective_date": date(2024, 1, 1)})
    history_to_fields(dated, [table])
    assert dated.values["last_reviewed_on"] == date(2025, 1, 9)


def test_a_publisher_line_in_the_running_footer_gives_unit_and_date():
    assert running_publisher([["Kapittel 1 side 1 av 9", "Arkivverket, 06.12.2018 Versjon 5.0"]]) == (
        "Arkivverket",
        date(2018, 12, 6),
        "Arkivverket, 06.12.2018 Versjon 5.0",
    )
    assert running_publisher([["Riksarkivet 06.12.2018"]])[:2] == ("Riksarkivet", date(2018, 12, 6))
    # No unit, or a print time beside the date (a browser's print footer): nothing.
    assert running_publisher([["Kari Nordmann, 06.12.2018"]]) is None
    assert running_publisher([["Helse Bergen 06.12.2018 14:05"]]) is None


def test_an_id_is_not_cut_from_a_longer_number():
    assert text_to_id("SOP-4.1 - Udarbejdelse og ændring af MedCom standard") is None
    assert text_to_id("CT-SOP-03 Side 1 av 2") == "CT-SOP-03"
    assert text_to_id("Dokument CT-SOP-03.") == "CT-SOP-03"


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
    text = document_to_text(
        {"title": "T", "source": {"file": "a.pdf", "sha256": "0" * 64, "pages": 1, "converter": "x"}}, "Body\n"
    )
    assert not is_edited(text)
    assert is_edited(text.replace("Body", "Body!"))
    assert is_edited(text.replace("title: T", "title: U"))


REAL_DATES = [
    ("May 21st, 2026", date(2026, 5, 21)),
    ("31/10/2025", date(2025, 10, 31)),
    ("21. mai 2026", date(2026, 5, 21)),
    ("okt. 2025", date(2025, 10, 1)),
    ("14.09.2022", date(2022, 9, 14)),
    ("2025-10-31", date(2025, 10, 31)),
    ("October 2025", date(2025, 10, 1)),
    ("21 May 2026", date(2026, 5, 21)),
]


@pytest.mark.parametrize(("text", "expected"), REAL_DATES, ids=[t for t, _ in REAL_DATES])
def test_text_to_date_reads_real_world_forms_and_marks_month_only(text, expected):
    assert text_to_date(text) == expected
    assert is_month_only(text) == (text in ("okt. 2025", "October 2025"))


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        ("02/06/2025", "was read day first ('02/06/2025': 2025-06-02); if the month comes first it is 2025-02-06"),
        ("31/10/2025", ""),  # 31 is no month
        ("06/06/2025", ""),  # the same either way
        ("02.06.2025", ""),  # dots: day first in every country that writes them
        ("okt. 2025", "has no day ('okt. 2025') and was set to the 1st of the month, 2025-10-01"),
    ],
)
def test_date_doubt_names_the_other_reading_of_a_slashed_date(text, doubt):
    assert date_doubt(text, text_to_date(text)) == doubt


def test_join_wrapped_joins_norwegian_hyphenation_but_keeps_compounds():
    closed = {"closed_compounds": True}
    assert join_wrapped(["kva sjukehusapo-", "teket gjer"], **closed) == "kva sjukehusapoteket gjer"
    assert join_wrapped(["Reinformasjo-", "nen til"], **closed) == "Reinformasjonen til"
    assert join_wrapped(["Sjå CT-", "SOP-07"], **closed) == "Sjå CT-SOP-07"
    assert join_wrapped(["send e-", "post"], **closed) == "send e-post"
    assert join_wrapped(["inn-", "og utførsel"], **closed) == "inn- og utførsel"
    assert join_wrapped(["en ikke-", "kommersiell"], **closed) == "en ikke-kommersiell"
    assert join_wrapped(["EU-", "forordningen"], **closed) == "EU-forordningen"
    assert join_wrapped(["sjukehusapo-", "teket"]) == "sjukehusapo-teket"  # English rules: a compound


def test_escape_text_escapes_markdown_syntax():
    assert escape_text("[klikk](javascript:alert(3)) a_b `c` {d} \\") == (
        "\\[klikk\\](javascript:alert(3)) a\\_b \\`c\\` \\{d\\} \\\\"
    )


def test_safe_link_keeps_only_web_and_mail_targets():
    assert safe_link("javascript:alert(1)") is None
    assert safe_link(" JavaScript:alert(1)") is None
    assert safe_link("java\tscript:alert(1)") is None
    assert safe_link("vbscript:msgbox") is None
    assert safe_link("data:text/html,<b>") is None
    assert safe_link("file:///etc/passwd") is None
    assert safe_link("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"
    assert safe_link("mailto:post@norcrin.no") == "mailto:post@norcrin.no"


def test_text_to_language_tells_nynorsk_and_says_none_without_evidence():
    assert text_to_language("Prosedyren skildrar korleis lista vert laga, og kva apoteket gjer.") == "nn"
    assert text_to_language("Dokumentet er ikkje godkjend.") == "nn"
    assert text_to_language("Dokumentet er ikke godkjent.") == "nb"
    assert text_to_language("Tabell 3") is None


def test_text_to_language_tells_danish_and_swedish_from_bokmal():
    danish = "Bestyrelsen består af mindst fem medlemmer, og den vælges af generalforsamlingen efter stk. 2."
    assert text_to_language(danish) == "da"
    swedish = "Styrelsen ska bestå av minst fem ledamöter och väljs av årsmötet för ett år i taget."
    assert text_to_language(swedish) == "sv"
    # Bokmål that Danish shares most words with, and a stray "af" in a name, stay bokmål.
    assert text_to_language("Styret består av minst fem medlemmer, og de velges for ett år av gangen.") == "nb"
    assert text_to_language("Rutinen er skrevet av Kari af Nordmann og gjelder ikke for sykehuset.") == "nb"
    # "utan" is nynorsk as well as Swedish: it still tells nynorsk.
    assert text_to_language("Skjemaet blir sendt utan signatur.") == "nn"
    # The Danish and Swedish word lists hold no Norwegian word.
    assert not (DANISH | SWEDISH) & (BOKMAL | NYNORSK)


def test_owner_must_name_a_unit():
    assert is_unit("AP2 SOP") and is_unit("Seksjon for klinisk forskning") and is_unit("NorCRIN Executive Committee")
    assert is_person("Kari Nordmann") and is_person("Ole K. Hansen") and not is_unit("Kari Nordmann")


BROWSER_AND_PAGE_LINES = [
    ("04.12.2026, 18:51", True),
    ("12/4/26, 6:51 PM Rutine", True),
    ("https://intranett.example.no/rutiner/provetaking.html", True),
    ("file:///home/kari/rutine.html", True),
    ("file:///C:/Users/kari/preparat.html 1/1", True),
    ("1/6", True),
    ("Side 1 av 2", True),
    ("CT-SOP-12 Monitoring Visits Side 1 av 2", True),
    ("Page 3 of 10", True),
    ("Rutine for prøvetaking", False),
    ("Se https://example.org for mer", False),
]


@pytest.mark.parametrize(("text", "expected"), BROWSER_AND_PAGE_LINES, ids=[t for t, _ in BROWSER_AND_PAGE_LINES])
def test_is_furniture_text_knows_page_numbers_and_browser_lines(text, expected):
    assert is_furniture_text(text) == expected


def test_document_info_file_names_are_no_titles():
    assert FILE_TITLE.match("Microsoft Word - rutine.docx")
    assert FILE_TITLE.match("CT-SOP-07 v3.pdf")
    assert not FILE_TITLE.match("Informert samtykke")


def test_document_info_google_docs_and_untitled_names_are_no_titles():
    assert FILE_TITLE.match("Account Servicing-Address Changes.doc - Google Docs")
    assert FILE_TITLE.match("Dokument uten navn")
    assert FILE_TITLE.match("Untitled document")


def test_running_date_needs_a_label_and_no_clock():
    assert running_date([["OPERATIONS MANUAL Date: 08-2013", "05-2008"]]) == (date(2013, 8, 1), "08-2013")
    assert running_date([["Approved: 3/26/2013"]]) == (date(2013, 3, 26), "3/26/2013")
    assert running_date([["04.12.2026, 18:51 Dato: 04.12.2026"]]) is None
    assert running_date([["CT-SOP-12 Side 1 av 2"]]) is None
    assert is_month_only("08-2013") and text_to_date("08-2013") == date(2013, 8, 1)


def test_spacing_accents_from_tex_become_letters():
    assert spacing_accents_to_letters("p\u02daa K\u00a8obenhavn caf\u00b4e") == "på København café".replace("ø", "ö")


def test_letters_set_one_by_one_are_one_word_for_the_draft_mark():
    from converters.fields import unspaced

    assert unspaced("D R A F T ii D R A F T") == "DRAFT ii DRAFT"
    assert unspaced("Punkt a og b") == "Punkt a og b"


def test_a_person_in_any_alphabet_is_a_person_and_a_unit_is_not():
    from converters.metadata import is_person

    assert is_person("Željko Ivezić")
    assert is_person("Gregory Dubois-Felsmann")
    assert not is_person("LSST Science Collaboration")
    assert not is_person("Kari")


def _line(text: str, size: float = 11, font: str = "Arial") -> Line:
    words = [
        Word(word, 72 + 40 * n, 100 + 40 * n, 100, 100 + size, size, False, False, font=font)
        for n, word in enumerate(text.split())
    ]
    return Line(words, 1)


def test_a_version_alone_on_its_line_is_a_value_not_a_heading():
    assert is_labelled_value(_line("Version 1.0", 18))
    assert is_labelled_value(_line("Versjon 5.0", 14))
    assert not is_labelled_value(_line("Version control of documents", 18))


def test_a_numbered_subsection_in_another_face_is_a_heading():
    assert is_set_off_subsection(_line("2.1.3 Version", 11.5, "Arial-ItalicMT"), 11, "ArialMT")
    assert not is_set_off_subsection(_line("2.1.3 Version", 11, "ArialMT"), 11, "ArialMT")
    assert not is_set_off_subsection(_line("2 Version", 11.5, "Arial-ItalicMT"), 11, "ArialMT")
    assert not is_set_off_subsection(_line("2.1 Dette er en setning.", 11.5, "Arial-ItalicMT"), 11, "ArialMT")


def test_a_first_heading_that_names_the_kind_of_document_is_the_title():
    def heading(text: str, top: float) -> Line:
        line = _line(text, 14, "Palatino-Bold")
        for word in line.words:
            word.top, word.bottom = top, top + 14
        line.kind, line.level = "heading", 2
        return line

    for first, title in (("Kommissorium for Foreningen Grobund Jord", True), ("Hovedområder og mål", False)):
        fields = Fields("x.pdf")
        lines = [heading(first, 75), _line("Tekst under overskriften.", 12), heading("Organisasjonen", 600)]
        title_to_fields(fields, lines)
        assert fields.values.get("title") == (first if title else None)


def test_a_bare_version_line_on_the_title_page_gives_the_version():
    assert edition_line([_line("MedCom FHIR-standard"), _line("v. 1.0")])[1] == "1.0"
    assert edition_line([_line("v.1.1")])[1] == "1.1"
    assert edition_line([_line("2. utgave")])[1] == "2"
    assert edition_line([_line("v. 2")]) is None  # no dotted number: a list letter or a note, not a version


def test_a_norwegian_table_cell_mends_its_hyphenation():
    wrapped = [[["Styringsgrup-", "pen 1.10.2018"], ["e-", "post"], ["CT-", "SOP-05"]]]
    table = TableBlock(join_cells(wrapped), 4, 100, 200, 72, 500, [72, 200, 300], wrapped=wrapped)
    assert table.rows == [["Styringsgrup-pen 1.10.2018", "e-post", "CT-SOP-05"]]
    mend_hyphenation([table])
    assert table.rows == [["Styringsgruppen 1.10.2018", "e-post", "CT-SOP-05"]]


@pytest.mark.parametrize(
    ("printed", "problem"),
    [
        ("31.02.2024", "has no real date ('31.02.2024'): February 2024 has 29 days"),
        ("2023-02-29", "has no real date ('2023-02-29'): February 2023 has 28 days"),
        ("2024-13-01", "has no real date ('2024-13-01'): there is no month 13"),
        ("snart", "has no date I can read ('snart'); expected e.g. 2024-05-31"),
    ],
)
def test_a_date_that_is_not_in_the_calendar_says_why(printed, problem):
    assert value_to_field("effective_date", printed) == (None, problem)


@pytest.mark.parametrize(
    ("author", "printed", "owner"),
    [
        ("JK", "Stiftelsesdokument for foreningen", None),  # initials
        ("OR Consult", "Vedligeholdelsesstandard for Grundejerforening Borrehøj", None),  # the writer's firm
        ("OR Consult", "Udarbejdet af OR Consult for foreningen", "OR Consult"),  # the PDF names it
        ("AP4 Medisinsk utstyr", "Avvik ved medisinsk utstyr", "AP4 Medisinsk utstyr"),  # a work package
    ],
)
def test_document_info_author_is_the_owner_only_when_it_is_a_unit_or_printed(author, printed, owner):
    fields = Fields("x.pdf")
    info_to_fields(fields, {"Author": author}, printed)
    assert fields.values.get("owner") == owner
    assert ("owner" in fields.checks) == (owner is not None)
