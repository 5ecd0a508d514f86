"""MkDocs hooks: a thin adapter between MkDocs and the `sopmodel` package.

Each hook reads MkDocs objects, calls one `sopmodel` function and logs or stores the
result. The logic (schema, review dates, HTML) lives in `sopmodel`, which does not
import MkDocs.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from sopmodel.site import accessibility, critical_css
from sopmodel.site import build as site
from sopmodel.site.pages import FeedbackSettings
from sopmodel.site.pdf import PdfError

log = logging.getLogger("mkdocs.plugins.sop")
# Overdue SOPs are reported on a logger outside "mkdocs", so that they do not fail
# `mkdocs build --strict` unless the site sets `overdue_fails_strict`.
review_log = logging.getLogger("sop.review")
build: site.SiteBuild | None = None


def on_config(config):
    # `mkdocs serve` keeps this module between builds: all state is made afresh here.
    global build
    if build is not None:
        _import_sopmodel_afresh()
    build = None
    site.attach_review_logger(review_log, logging.getLogger("mkdocs"))
    project_dir = Path(config.config_file_path).parent
    try:
        build = site.SiteBuild.load(project_dir, config.extra.get("sop_review"), os.environ)
    except site.SettingsError as error:
        raise PluginError(str(error)) from None
    for issue in build.collection.issues:
        (log.error if issue.is_error else log.warning)(str(issue))
    if build.history.problem:
        # Not a strict failure: the site is still right, only without its old versions.
        review_log.warning(f"version history: {build.history.problem}")
    if build.collection.errors:
        raise PluginError(build.error_summary())
    build.feedback = FeedbackSettings(
        config.repo_url or "", config.edit_uri or "", build.settings.feedback_email, config.site_url or ""
    )
    build.site_name = config.site_name
    build.history.cache.settings = repr((config.markdown_extensions, config.mdx_configs))
    config.nav = build.expand_nav(config.nav)
    build.onepagers.public_url = config.site_url
    return config


def _import_sopmodel_afresh() -> None:
    """Import sopmodel again: a rebuild of `mkdocs serve` runs edited code, with no cache left."""
    global accessibility, critical_css, site, FeedbackSettings, PdfError
    for name in [name for name in sys.modules if name == "sopmodel" or name.startswith("sopmodel.")]:
        del sys.modules[name]
    from sopmodel.site import accessibility, critical_css
    from sopmodel.site import build as site
    from sopmodel.site.pages import FeedbackSettings
    from sopmodel.site.pdf import PdfError


def on_files(files: Files, config) -> Files:
    outside = build.links_outside(Path(config.docs_dir), [file.abs_src_path for file in files if file.abs_src_path])
    for file in [file for file in files if file.abs_src_path in outside]:
        log.error(outside[file.abs_src_path])
        files.remove(file)
    outside_nav = build.pages_outside_nav()
    for src_uri, abs_path in build.source_files():
        inclusion = InclusionLevel.NOT_IN_NAV if src_uri in outside_nav else InclusionLevel.UNDEFINED
        file = File.generated(config, src_uri, abs_src_path=str(abs_path), inclusion=inclusion)
        file.dest_uri = build.dest_uri(src_uri, config.use_directory_urls) or file.dest_uri
        files.append(file)
    urls = {file.src_uri: file.url for file in files}
    urls.update({uri: _generated(config, uri, "").url for uri in build.generated_pages()})
    build.set_urls(urls, config.use_directory_urls)
    for src_uri, content in build.render_generated_pages().items():
        inclusion = InclusionLevel.NOT_IN_NAV if src_uri in outside_nav else InclusionLevel.UNDEFINED
        files.append(_generated(config, src_uri, content, inclusion))
    for src_uri, content in build.static_files().items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def _generated(config, src_uri: str, content: str, inclusion=InclusionLevel.UNDEFINED) -> File:
    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    file.dest_uri = build.dest_uri(src_uri, config.use_directory_urls) or file.dest_uri
    return file


def on_page_markdown(markdown: str, page, config, files) -> str:
    # Front matter is untrusted: escape it once for every template that prints it raw.
    page.meta = {key: escape(value) if isinstance(value, str) else value for key, value in page.meta.items()}
    title = build.page_title(page.file.src_uri)
    if title is not None:
        page.meta["title"] = Markup(escape(title))
    markdown, warnings = build.page_markdown(page.file.src_uri, markdown)
    for warning in warnings:
        log.warning(warning)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    for warning in build.image_warnings(page.file.src_uri, html):
        log.warning(warning)
    # Wide tables scroll in their own focusable, named region, also without JavaScript.
    html = accessibility.wrap_tables(html, str(page.meta.get("language", "nb")))
    return build.page_content(page.file.src_uri, html, page.url)


def on_post_build(config) -> None:
    Path(config.site_dir, build.settings.export_file).write_text(build.report_json(), encoding="utf-8")
    build.prune_sitemap(Path(config.site_dir))
    build.history.cache.prune()
    try:
        build.write_search_index(Path(config.site_dir))
    except RuntimeError as error:
        raise PluginError(str(error)) from None
    if build.settings.onepager_pdfs:
        try:
            issues = build.write_onepager_pdfs(Path(config.site_dir))
        except PdfError as error:
            raise PluginError(f"OnePager PDFs: {error}. Fix: check the OnePager's images and links.") from None
        for issue in issues:
            log.warning(str(issue))
    if build.settings.sop_pdfs:
        try:
            printed, cached = build.write_sop_pdfs(Path(config.site_dir), build.collection.today.isoformat())
        except PdfError as error:
            raise PluginError(f"SOP PDFs: {error}. Fix: check the SOP's images and links.") from None
        log.debug(f"SOP PDFs: {printed} printed, {cached} from the cache")
    try:
        critical_css.fill_site(Path(config.site_dir))
    except critical_css.StyleError as error:
        raise PluginError(str(error)) from None
    for src in build.unknown_links:
        log.error(f"a generated page links to '{src}', which the site does not publish (a bug: please report it)")
    counted = log if build.settings.overdue_fails_strict else review_log
    for line in build.log_lines():
        (counted.warning if line.level == "warning" else review_log.info)(line.message)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        sys.stdout.write("".join(f"{annotation}\n" for annotation in build.annotations()))
