"""The site search through the real search dialog (issue 5): id forms, glossary, ranking."""

from __future__ import annotations

import json

import pytest


def _sops(results: list[dict]) -> list[str]:
    return [r["href"].strip("/").split("/")[-1].upper() for r in results if r["href"].startswith("/sop/")]


@pytest.mark.parametrize("query", ["CT-SOP-07", "ct-sop-07", "SOP 07", "sop7", "ct sop 7", "CTSOP07"])
def test_search_finds_sop_by_any_id_form(search, query):
    assert _sops(search(query))[0] == "CT-SOP-07"


def test_search_id_with_language_suffix_finds_the_translation(search):
    assert _sops(search("GEN-SOP-02-EN"))[0] == "GEN-SOP-02-EN"
    assert _sops(search("gen-sop-02"))[0] == "GEN-SOP-02"
    # The bare number with the suffix names the translation too (it came third before).
    assert _sops(search("sop 02 en"))[0] == "GEN-SOP-02-EN"


@pytest.mark.parametrize("query", ["gen sop 2 english", "gen-sop-2 engelsk", "GEN-SOP-02 English version"])
def test_search_language_word_names_the_translation(search, query):
    # The language word asks for the English text; it came second to fourth before.
    assert _sops(search(query))[0] == "GEN-SOP-02-EN"


def test_search_language_word_prefers_pages_in_that_language(search):
    # Both consent SOPs match "samtykke"; the Norwegian one comes first without the wish.
    assert _sops(search("samtykke"))[0] == "GEN-SOP-02"
    assert _sops(search("samtykke engelsk"))[0] == "GEN-SOP-02-EN"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mistenkt uventet alvorlig bivirkning", "CT-SOP-05"),  # English page, Norwegian expansion
        ("trial master file", "CT-SOP-09"),  # Norwegian page, English expansion
        ("eCRF", "CT-SOP-07"),
        # Everyday words the SOPs themselves do not use (glossary.yml lists them with the concept).
        ("studiepermen", "CT-SOP-09"),
        ("treningsstudie", "AI-SOP-01"),
        ("implantat", "MU-SOP-01"),
    ],
)
def test_search_expands_glossary_terms(search, query, expected):
    assert expected in _sops(search(query))[:3]


@pytest.mark.parametrize("query", ["samtykket", "samtykkeskjemaet", "samtykke"])
def test_search_stems_norwegian(search, query):
    assert _sops(search(query))[0] in {"GEN-SOP-02", "GEN-SOP-02-EN"}


def test_search_ranks_superseded_sop_below_its_active_successor(search):
    # LM-SOP-04 (superseded) is about the same subject as CT-SOP-05 (active).
    sops = _sops(search("bivirkninger SUSAR"))
    assert "CT-SOP-05" in sops
    assert "LM-SOP-04" not in sops or sops.index("CT-SOP-05") < sops.index("LM-SOP-04")


def test_search_marks_withdrawn_sops_in_results(search):
    results = search("CT-SOP-11")
    assert results[0]["href"] == "/sop/ct-sop-11/"
    assert "sop-search-status--withdrawn" in results[0]["title"]
    assert "Trukket tilbake" in results[0]["title"]


def test_search_results_show_id_and_escaped_title(search):
    title = search("CT-SOP-07")[0]["title"]
    assert '<span class="sop-id">CT-SOP-07</span>' in title
    assert "<script" not in title


def _paths(results: list[dict]) -> list[str]:
    return [r["href"] for r in results]


@pytest.mark.parametrize(
    ("query", "expected"), [("SUSAR", "CT-SOP-05"), ("susar reporting", "CT-SOP-05"), ("monitorbesøk", "CT-SOP-04")]
)
def test_search_ranks_sop_above_its_attachment(search, query, expected):
    # Each query matches an attachment's title (sops/vedlegg/) better than its SOP's text;
    # the SOP lists the attachment and gets a share of its score.
    assert _sops(search(query))[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sjekkliste monitorbesøk", "/sops/vedlegg/sjekkliste-monitorbesok/"),
        ("sjekliste monitorbesok", "/sops/vedlegg/sjekkliste-monitorbesok/"),
        ("checklist susar", "/sops/vedlegg/checklist-susar-reporting/"),
    ],
)
def test_search_puts_the_checklist_first_when_the_query_asks_for_one(search, query, expected):
    # Without "sjekkliste" the SOP comes first (test_search_ranks_sop_above_its_attachment).
    assert _paths(search(query))[0] == expected


def test_search_ranks_sop_above_the_glossary_page(search):
    # The glossary page defines "lay summary"; CT-SOP-10 is about it.
    paths = _paths(search("lay summary"))
    assert "/ordliste/" in paths
    assert paths[0] == "/sop/ct-sop-10/"


@pytest.mark.parametrize(
    ("question", "keyword"),
    [
        ("hva er en TMF?", "TMF"),
        ("hvordan gjør jeg randomisering", "randomisering"),
        ("what is a SUSAR", "SUSAR"),
        ("korleis søkjer eg om CTIS", "CTIS"),
    ],
)
def test_search_drops_question_words(search, question, keyword):
    assert _sops(search(question))[0] == _sops(search(keyword))[0]


@pytest.mark.parametrize(("typo", "expected"), [("susra", "CT-SOP-05"), ("datahåndtring", "CT-SOP-07")])
def test_search_corrects_typos_that_still_find_something(search, typo, expected):
    # Pagefind finds pages for both misspellings; the closest vocabulary word finds the SOP.
    assert _sops(search(typo))[0] == expected


def test_search_corrects_a_long_word_without_its_ending(search):
    # Nynorsk "hovudarkivet" (bokmål "hovedarkivet"): Pagefind finds nothing for it, and it is three
    # letters from the tag "hovedarkiv" but one without its ending "-et".
    assert _sops(search("hovudarkivet"))[0] == "CT-SOP-09"


def test_search_weighs_title_and_tag_matches(search):
    # "randomisering" is in many SOPs' text, but only CT-SOP-06 has it in its title and tags.
    assert _sops(search("randomisering"))[0] == "CT-SOP-06"


def test_search_weighs_a_phrase_the_title_writes_as_the_query_does(search):
    # CT-SOP-08 writes "end of trial" and "melding" in its text more often; CT-SOP-10's
    # title writes "End of Trial" (before the phrase counted, CT-SOP-08 came first).
    assert _sops(search("end of trial melding"))[:2] == ["CT-SOP-10", "CT-SOP-08"]


def test_search_prefers_the_sop_whose_short_title_names_the_subject(search):
    # AI-SOP-01's long title names medical devices as what it is not about ("andre
    # intervensjoner enn legemidler og medisinsk utstyr"); MU-SOP-01 is about them.
    assert _sops(search("medical device studie"))[0] == "MU-SOP-01"


def test_search_reads_the_phrase_of_a_corrected_typo(search):
    # "utsyr" is corrected to "utstyr": MU-SOP-01's title then writes the phrase "medisinsk
    # utstyr" as the query does, and AI-SOP-01's long title names it only in passing.
    assert _sops(search("medisinsk utsyr studie"))[0] == "MU-SOP-01"


def test_search_finds_norwegian_question_about_english_sop(search):
    # CT-SOP-05 is written in English; the glossary links "alvorlig hendelse" and SAE.
    assert "CT-SOP-05" in _sops(search("hvem skal melde alvorlige hendelser"))[:3]


def test_search_page_table_lists_every_page_by_kind(search_site):
    pages = json.loads((search_site.root / "search" / "pages.json").read_text(encoding="utf-8"))
    kinds = {url: kind for url, kind, *_ in pages.values()}
    assert kinds["/sop/ct-sop-05/"] == "sop"
    assert kinds["/sops/vedlegg/checklist-susar-reporting/"] == "attachment"
    attachments = {url: names for url, _, _, _, _, _, _, names, _, _ in pages.values()}
    assert attachments["/sop/ct-sop-04/"] == "sjekkliste-monitorbesok"
    # CT-SOP-05 is linked from five other SOPs' text ([[CT-SOP-05]]).
    links = {page[0]: page[9] for page in pages.values()}
    assert links["/sop/ct-sop-05/"] >= 5
    filters = {page[0]: page[8] for page in pages.values()}
    assert filters["/sop/ct-sop-07/"] == {
        "family": "CT",
        "kind": "sop",
        "language": "nb",
        "owner": "AP8 DATA",
        "phase": "conduct",
        "status": "active",
    }
    assert filters["/sops/vedlegg/checklist-susar-reporting/"] == {"kind": "template"}
    assert "/sok/" not in kinds  # the A-Z list would match every title
    assert kinds["/ordliste/"] == "glossary"
    assert any(kind == "onepager" for kind in kinds.values())
    assert len(pages) == len(list((search_site.root / "pagefind" / "fragment").glob("*.pf_fragment")))


def test_search_puts_a_onepager_whose_title_the_query_names_first(search):
    # "studiesykepleierkurs" is split into studie + sykepleier + kurs: only AP10's OnePager
    # ("Nasjonalt kurs for studiesykepleiere") has all three in its title; SOPs use the words.
    assert _paths(search("studiesykepleierkurs"))[0] == "/onepagers/ap10/"


def test_search_glossary_links_everyday_words_to_the_english_safety_sop(search):
    # CT-SOP-05 (English) says "hospitalisation"; the glossary links "innlagt på sykehus".
    assert "CT-SOP-05" in _sops(search("innlagt på sykehus"))[:3]
