"""The OnePagers in a real `mkdocs build --strict` of this repository (issue 7)."""

from __future__ import annotations

import pytest
from onepager_support import ONEPAGER_IDS


def test_build_logs_nothing_about_onepagers(built_site):
    assert [line for line in built_site.log.splitlines() if "onepager" in line.lower() and "WARNING" in line] == []


@pytest.mark.parametrize("page_id", ONEPAGER_IDS)
def test_onepager_page_has_its_parts_and_links_its_pdf(built_site, page_id):
    html = built_site.html(f"onepagers/{page_id.lower()}")
    assert f'<a href="../{page_id}.pdf" type="application/pdf">Last ned OnePageren som PDF (én A4-side)</a>' in html
    assert html.count("<h1") == 1
    assert '<section class="onepager-sops" aria-labelledby="onepager-sops-title">' in html
    assert (
        f'<p class="onepager-url">Nettside: <a href="https://norcrin.github.io/sop/onepagers/{page_id.lower()}/">'
        in html
    )


def test_ap2_lists_the_sops_it_owns(built_site):
    html = built_site.html("onepagers/ap2")
    assert '<h2 id="onepager-sops-title">SOP-er som AP2 SOP eier</h2>' in html
    assert (
        '<li><a href="../../sops/gen-sop-02/"><span class="sop-id">GEN-SOP-02</span> '
        '<span class="onepager-sop-title">Informert samtykke</span></a></li>'
    ) in html


def test_index_page_shows_the_table_with_merged_packages(built_site):
    html = built_site.html("onepagers")
    assert "<!-- onepagers:table -->" not in html
    assert (
        '<tr><th scope="row">AP6</th><td>SOP for ikke-legemiddelstudier</td>'
        '<td colspan="2">Slått sammen med <a href="ap2/">AP2 SOP</a></td></tr>'
    ) in html


@pytest.mark.parametrize(("old", "new"), [("ap4", "ap12"), ("ap5", "ap8"), ("ap6", "ap2")])
def test_old_ids_have_a_page_that_leads_on(built_site, old, new):
    html = built_site.html(f"onepagers/{old}")
    assert f'<a href="../{new}/">Gå til OnePageren for ' in html
