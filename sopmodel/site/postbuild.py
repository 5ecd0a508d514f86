"""What needs the built HTML, for a site built from the staged tree (`sop postbuild SITE/`).

The MkDocs hooks do this in-process (on_page_content and on_post_build); a site that
Zensical or MkDocs built from `sop render`'s tree gets it here, from the same code:

- each page's content: the OnePager parts, the search marks, the scrolling table
  regions (`accessibility.wrap_tables`), and the SOP texts the PDFs are printed from;
- `review-report.json`, the search index, the SOP PDFs and the per-page critical CSS.

A page's content is the inside of its ``<article class="md-content__inner ...">``, which
Material and Zensical both write.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import markdown

from sopmodel.site import accessibility, critical_css
from sopmodel.site.build import SiteBuild
from sopmodel.site.stage import load_build, load_config

_ARTICLE = re.compile(r'(<article class="md-content__inner[^"]*"[^>]*>)(.*?)(</article>)', re.S)
_TITLE = re.compile(r"\A\s*<h1[^>]*>.*?</h1>", re.S)


@dataclasses.dataclass
class Postbuilt:
    """What `postbuild` did, for the log."""

    build: SiteBuild
    pages: int
    pdfs: int
    warnings: list[str]


def postbuild(project: Path, site_dir: Path, environ: dict[str, str]) -> Postbuilt:
    """Finish the built site in `site_dir` (module docstring).

    Raises:
        StageError: when the settings are invalid.
        PdfError, StyleError, RuntimeError: when PDFs, styles or the search index fail.
    """
    config = load_config(project)
    build = load_build(project, config, environ)
    by_url = {url: src for src, url in build.urls.items() if src.endswith(".md")}
    warnings: list[str] = []
    pages = 0
    for src, url in sorted((src, url) for url, src in by_url.items()):
        html_file = site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url
        if html_file.is_file():
            pages += _finish_page(build, src, url, html_file, warnings)
    (site_dir / build.settings.export_file).write_text(build.report_json(), encoding="utf-8")
    build.write_search_index(site_dir)
    printed = 0
    if build.settings.sop_pdfs:
        _sop_texts(build, config)
        printed, cached = build.write_sop_pdfs(site_dir, build.collection.today.isoformat())
        printed += cached
    critical_css.fill_site(site_dir)
    return Postbuilt(build, pages, printed, warnings)


def _finish_page(build: SiteBuild, src: str, url: str, html_file: Path, warnings: list[str]) -> int:
    """Give one built page what on_page_content gives it; return 1 when the page had content."""
    text = html_file.read_text(encoding="utf-8")
    match = _ARTICLE.search(text)
    if match is None:
        return 0
    opening, content, closing = match.groups()
    title = _TITLE.match(content)
    heading, body = (title.group(0), content[title.end() :]) if title else ("", content)
    warnings.extend(build.image_warnings(src, body))
    language = "en" if (sop := build.collection.at_path(src)) and sop.language == "en" else "nb"
    body = accessibility.wrap_tables(body, language)
    onepager = build.onepagers.page_content(src, body, url, build.collection.sops, build._linker(src))
    body = build.search_wrap(src, onepager if onepager is not None else body)
    html_file.write_text(text[: match.start()] + opening + heading + body + closing + text[match.end() :], "utf-8")
    return 1


def _sop_texts(build: SiteBuild, config: dict[str, Any]) -> None:
    """Render every SOP's text for its PDF as the generator does (the PDF prints its own header)."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in config.get("markdown_extensions") or []:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (str(item), None)
        names.append(name)
        if settings:
            configs[name] = settings
    for sop in build.collection.sops:
        text, _ = build.page_markdown(sop.path, sop.document.body)
        build.sop_bodies[sop.path] = markdown.markdown(text, extensions=names, extension_configs=configs)
