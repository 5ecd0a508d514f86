"""The move to Zensical is an adapter: `sop render` + `zensical build` + `sop postbuild` give
every SOP page the facts the MkDocs build gives it (issue 13).

Both sites are built from the same fixture content on the same day and compared page by
page, for every SOP: its id and title, version, metadata block, review notice, `lang`,
and its stable link. Where the Zensical site differs by design, the difference is named
in GAPS and asserted, so that a new one fails the test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from build_support import ROOT, TODAY, make_project, run_build
from test_sop_check import sop

ZENSICAL = Path(sys.executable).with_name("zensical")
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
GAPS = {
    "stable link": "Zensical cannot write a page away from its source path: /sop/<id>/ is a redirect page "
    "to /sops/<file>/ (MkDocs writes the page itself there)",
}


def facts(page: Path) -> dict[str, object]:
    """What a reader and an inspector see of an SOP page."""
    root = lxml.html.parse(str(page)).getroot()
    meta = [
        (div.xpath("./dt")[0].text_content(), " ".join(div.xpath("./dd")[0].text_content().split()))
        for div in root.xpath('//section[contains(@class, "sop-meta")]/dl/div')
    ]
    notices = [
        " ".join(node.text_content().split())
        for node in root.xpath('//*[contains(@class, "sop-notice")][contains(@class, "admonition")]')
    ]
    return {
        "lang": root.get("lang"),
        "h1": [" ".join(h1.text_content().split()) for h1 in root.xpath("//h1")],
        "meta": meta,
        "notices": notices,
    }


def redirect_target(page: Path) -> Path | None:
    """The page a redirect page sends the reader to, or None for a page with content."""
    match = REDIRECT.search(page.read_text(encoding="utf-8"))
    return (page.parent / match.group(1) / "index.html").resolve() if match else None


def sop_pages(site: Path) -> list[Path]:
    """The SOP pages at /sop/<id>/ of a site (not the redirect pages of aliases)."""
    return [page for page in sorted(site.glob("sop/*/index.html")) if redirect_target(page) is None]


def zensical_build(staged: Path) -> Path:
    """Build the staged tree with Zensical; return its site folder."""
    zensical = subprocess.run([str(ZENSICAL), "build"], cwd=staged, capture_output=True, text=True, check=False)
    assert zensical.returncode == 0, zensical.stderr
    return staged / "site"


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """The fixture content built by MkDocs with the hooks, and by Zensical from the staged tree."""
    project = make_project(tmp_path_factory.mktemp("zensical"))
    mkdocs = run_build(project, "--strict")
    assert mkdocs.returncode == 0, mkdocs.stderr
    staged = project.parent / "staged"
    render = sop("render", str(staged), "--strict", cwd=project, today=TODAY)
    site = zensical_build(staged)
    post = sop("postbuild", str(site), "--project", str(project), cwd=project, today=TODAY)
    return mkdocs, render, post, site


def test_every_sop_page_has_the_same_facts_in_both_sites(two_sites):
    mkdocs, render, post, zensical_site = two_sites
    assert (render.returncode, post.returncode) == (0, 0), render.stderr + post.stderr
    pages = sop_pages(mkdocs.site)
    assert len(pages) == 7
    compared = []
    for page in pages:
        stable = zensical_site / page.relative_to(mkdocs.site)
        target = redirect_target(stable)  # GAPS["stable link"]
        assert target is not None and target.is_file(), f"{stable} does not lead to the SOP page"
        assert facts(target) == facts(page), page.parent.name
        compared.append(page.parent.name)
    assert compared == sorted(path.parent.name for path in pages)


def test_the_gaps_are_the_named_ones(two_sites):
    mkdocs, _, _, zensical_site = two_sites
    gaps = set()
    for page in mkdocs.site.glob("sop/*/index.html"):
        if redirect_target(page) is None and redirect_target(zensical_site / page.relative_to(mkdocs.site)):
            gaps.add("stable link")
    assert gaps == set(GAPS)


def test_postbuild_gives_the_zensical_site_search_report_and_styles(two_sites):
    mkdocs, _, post, zensical_site = two_sites
    assert post.stderr.splitlines()[-1] == (
        f"INFO    -  Finished 51 pages in {zensical_site}: search index, review report, 0 SOP PDFs, styles"
    )
    assert (zensical_site / "pagefind" / "pagefind.js").is_file()
    assert (zensical_site / "review-report.json").read_text() == (mkdocs.site / "review-report.json").read_text()
    page = next(zensical_site.glob("sops/ct-sop-01/index.html")).read_text(encoding="utf-8")
    assert "<style data-sop-" not in page
    assert "data-pagefind-body" in page


def test_sop_render_prints_the_review_lines_of_the_mkdocs_build(two_sites):
    mkdocs, render, _, _ = two_sites
    review = [line for line in mkdocs.stderr.splitlines() if "SOP review" in line]
    assert len(review) == 3
    assert [line for line in render.stderr.splitlines() if "SOP review" in line] == review


def test_sop_render_fails_on_content_errors_as_the_mkdocs_build_does(tmp_path):
    project = make_project(tmp_path)
    broken = project / "sops" / "ct-sop-01.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("version:", "versjon:", 1), encoding="utf-8")
    mkdocs = run_build(project, "--strict")
    render = sop("render", str(tmp_path / "staged"), "--strict", cwd=project, today=TODAY)
    assert (mkdocs.returncode, render.returncode) == (1, 1)
    errors = [line for line in mkdocs.stderr.splitlines() if line.startswith("ERROR") and "sops/ct-sop-01.md" in line]
    assert errors
    assert [line for line in render.stderr.splitlines() if line in errors] == errors


def test_every_sop_of_the_repository_has_the_same_facts_in_both_sites(repo_site, tmp_path):
    """The repository's own SOPs, on the day the repository's site was built (never a fixed date)."""
    staged = tmp_path / "staged"
    render = subprocess.run(  # the environment as repo_site has it: the real date, or SOP_TODAY when set
        [sys.executable, "-m", "sopmodel.cli", "render", str(staged)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert render.returncode == 0, render.stderr
    site = zensical_build(staged)
    pages = sop_pages(repo_site.root)
    assert len(pages) == len(list((ROOT / "sops").glob("*.md")))
    different = []
    for page in pages:
        target = redirect_target(site / page.relative_to(repo_site.root))  # GAPS["stable link"]
        if target is None or not target.is_file() or facts(target) != facts(page):
            different.append(page.parent.name)
    assert different == []
