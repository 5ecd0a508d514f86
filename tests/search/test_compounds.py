"""Norwegian compound splitting (issue 15): the dictionary learned from the site, and the split."""

from __future__ import annotations

import json

import pytest

from sopmodel.site.search import learn_parts, split_compound
from sopmodel.site.search.compounds import index_parts
from sopmodel.site.search.index import count_links

PARTS = frozenset(
    {"kilde", "data", "kildedata", "protokoll", "mal", "monitorering", "plan", "legemiddel", "studie", "samtykke"}
)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("protokollmal", ["protokoll", "mal"]),
        ("monitoreringsplan", ["monitorering", "plan"]),  # linking s
        ("legemiddelstudie", ["legemiddel", "studie"]),
        ("kildedata", ["kilde", "data"]),
        ("samtykke", []),  # no compound of known parts
        ("mal", []),  # too short
    ],
)
def test_split_compound_into_known_parts(word, parts):
    assert split_compound(word, PARTS) == parts


def test_split_compound_allows_an_unknown_last_part_only_in_queries():
    assert split_compound("kildedataverifikasjon", PARTS) == []
    assert split_compound("kildedataverifikasjon", PARTS, allow_unknown_tail=True) == ["kildedata", "verifikasjon"]


def test_split_compound_splits_an_inflected_known_word_as_that_word():
    parts = PARTS | {"monitoreringsplan", "randomisering", "ingen", "random"}
    assert split_compound("monitoreringsplanen", parts) == ["monitorering", "plan"]
    # Not "randomiser" + "ingen", nor "random" + an unknown tail.
    assert split_compound("randomiseringen", parts, allow_unknown_tail=True) == []


def test_learn_parts_needs_short_words_three_times():
    parts = learn_parts(["mal mal protokoll", "opp opp opp"], extra=["SUSAR"])
    assert parts == {"protokoll", "opp", "susar"}


def test_index_parts_lists_parts_the_page_does_not_write():
    assert index_parts("Kildedatakontroll og data.", PARTS | {"kontroll"}) == ["kildedata", "kontroll"]


def test_built_pages_carry_their_compounds_parts(search_site):
    html = search_site.html("/sop/ct-sop-04/")
    hidden = html.split('<div hidden class="sop-search-terms">', 1)[1].split("</div>", 1)[0]
    # CT-SOP-04 writes "Kildedatakontroll": its parts are indexed with a low weight.
    assert '<span data-pagefind-weight="0.5">' in hidden
    parts = hidden.rsplit('<span data-pagefind-weight="0.5">', 1)[1].split("</span>", 1)[0].split()
    assert "kontroll" in parts
    vocabulary = json.loads((search_site.root / "search" / "vocabulary.json").read_text(encoding="utf-8"))
    assert {"kildedata", "protokoll", "mal", "legemiddel", "studie"} <= set(vocabulary["parts"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kildedataverifikasjon", "CT-SOP-04"),  # the SOP writes "kildedata" and "verifisering"
        ("protokollmal", "CT-SOP-02"),
        ("legemiddelstudie oppstart", "CT-SOP-03"),
        ("hvordan melder jeg en SUSAR", "CT-SOP-05"),  # the subject named, not "melde"
        # "stå" is a filler word; "protokollavvik" (GEN-SOP-04's title) is about a deviation.
        ("hva skal stå i protokollen", "CT-SOP-02"),
    ],
)
def test_search_ranks_the_sop_a_compound_or_question_names_first(search, query, expected):
    results = search(query)
    sops = [r["href"].strip("/").split("/")[-1].upper() for r in results if r["href"].startswith("/sop/")]
    assert results[0]["href"] == f"/sop/{expected.lower()}/", [r["href"] for r in results[:5]]
    assert sops[0] == expected


def _ref(href: str) -> str:
    return f'<a class="sop-ref" href="{href}" lang="nb">SOP</a>'


def _page(body: str, kind: str = "sop") -> str:
    terms = f'<span data-pagefind-meta="kind:{kind}"></span>'
    return f'<div data-pagefind-body>\n{body}\n<div hidden class="sop-search-terms">{terms}</div>\n</div>'


def test_count_links_counts_each_linking_page_once_and_only_in_indexed_text(tmp_path):
    pages = {
        "sop/a/index.html": _page(f"<p>{_ref('../b/')} and again {_ref('../b/#steps')}</p>"),
        # Its own address, and a generated list inside a page: not references.
        "sop/b/index.html": _page(f'<p>{_ref("./")} {_ref("../c/")} <a href="../a/">A</a></p>'),
        "sop/c/index.html": _page(
            f'<section data-pagefind-ignore class="sop-meta">{_ref("../a/")}</section><p>no links</p>'
        ),
        # Generated lists link every SOP: they do not count.
        "sops/index.html": _page(_ref("../sop/a/") + _ref("../sop/b/"), kind="list"),
        "om/index.html": _page(
            f'{_ref("../sop/b/")} <a class="sop-ref" href="https://example.org/">out</a>', kind="page"
        ),
    }
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert count_links(tmp_path) == {"/sop/b/": 2, "/sop/c/": 1}
