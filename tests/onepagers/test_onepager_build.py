"""The OnePagers in a real `mkdocs build --strict` of this repository (issue 7)."""

from __future__ import annotations

import posixpath
import re

import pytest
from onepager_support import ONEPAGER_IDS, PUBLIC_URL


def test_build_logs_nothing_about_onepagers(built_site):
    assert [line for line in built_site.log.splitlines() if "onepager" in line.lower() and "WARNING" in line] == []


@pytest.mark.parametrize("page_id", ONEPAGER_IDS)
def test_onepager_page_has_its_parts_and_links_its_pdf(built_site, page_id):
    html = built_site.html(f"onepagers/{page_id.lower()}")
    assert f'<a href="../{page_id}.pdf" type="application/pdf">Last ned OnePageren som PDF (én A4-side)</a>' in html
    assert html.count("<h1") == 1
    assert '<section class="onepager-sops" aria-labelledby="onepager-sops-title">' in html
    assert f'<p class="onepager-url">Nettside: <a href="{PUBLIC_URL}onepagers/{page_id.lower()}/">' in html


def test_ap2_lists_the_sops_it_owns_with_working_links(built_site):
    html = built_site.html("onepagers/ap2")
    section = html[html.index('<section class="onepager-sops"') : html.index("</section>")]
    assert '<h2 id="onepager-sops-title">SOP-er som AP2 SOP eier</h2>' in section
    links = re.findall(r'<li><a href="([^"]+)"><span class="sop-id">([^<]+)</span>', section)
    assert len(links) >= 10
    assert "GEN-SOP-02" in [sop_id for _, sop_id in links]
    for href, sop_id in links:
        target = posixpath.normpath(posixpath.join("onepagers/ap2/", href))
        assert (built_site.root / target / "index.html").is_file(), f"{sop_id}: {href} leads nowhere"


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
