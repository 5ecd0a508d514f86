"""One site build: what the MkDocs hooks ask of the SOP model, without MkDocs.

`SiteBuild` is created afresh for every build (`mkdocs serve` rebuilds reuse the
hook module), loads and checks the collection once, and answers the hooks.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import posixpath
import re
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from sopmodel import search
from sopmodel.changes import recent_changes, render_atom_feed, render_recent_changes
from sopmodel.collection import Collection, load_collection
from sopmodel.crossrefs import Reference, replace_references
from sopmodel.dashboard import render_dashboard
from sopmodel.discovery import ContentFiles, discover
from sopmodel.generated import GeneratedPaths
from sopmodel.history_build import HistoryBuild
from sopmodel.history_pages import (
    HistoryPaths,
    prune_sitemap,
    relative_asset,
    render_history_link,
    render_point_in_time_page,
)
from sopmodel.images import find_images_without_alt
from sopmodel.implementation import Implementations, load_implementations
from sopmodel.implementation_html import render_matrix_page, render_sop_list
from sopmodel.issues import Issue, sort_issues
from sopmodel.labels import labels_for
from sopmodel.navigation import (
    NavSection,
    expand_nav,
    group_by_category,
    nav_sections,
    render_section_page,
    render_sop_index,
    section_page,
)
from sopmodel.onepager_build import OnePagerBuild
from sopmodel.pages import (
    FeedbackSettings,
    attachment_path,
    checklist_download,
    checklist_to_html,
    is_checklist,
    render_attachments_page,
    render_feedback,
    render_phase_page,
    render_redirect,
    render_referrers,
)
from sopmodel.render import AttachmentInfo, render_sop_header
from sopmodel.report import (
    LogLine,
    github_annotations,
    review_log_lines,
    review_report_json,
    translation_log_lines,
    withdrawal_log_lines,
)
from sopmodel.settings import ReviewSettings, SettingsError, settings_from_dict
from sopmodel.sop_pdf import CACHE_DIR as SOP_PDF_CACHE
from sopmodel.sop_pdf import pdf_path, sop_document, write_sop_pdf
from sopmodel.sop_pdf import render_link as render_pdf_link

_EMPTY_ALT = re.compile(r"!\[\s*\]\(\s*<?([^)\s>]+)")

__all__ = ["SettingsError", "SiteBuild", "attach_review_logger", "relative_url"]


def relative_url(target: str, source: str) -> str:
    """Return the link from the page at URL `source` to URL `target` (both site-relative).

    Example:
        >>> relative_url("sops/ct-sop-07/", "revisjonsoversikt/")
        '../sops/ct-sop-07/'
    """
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    relative = posixpath.relpath("/" + target, "/" + base)
    if relative == ".":
        return "./"
    return relative + "/" if target.endswith("/") else relative


class _MkDocsStyle(logging.Formatter):
    """Formats lines as MkDocs does: 'WARNING -  message'."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {record.getMessage()}"


def attach_review_logger(logger: logging.Logger, like: logging.Logger) -> None:
    """Give `logger` one stderr handler in MkDocs' format, at the level of `like`."""
    logger.propagate = False
    logger.setLevel(like.getEffectiveLevel())
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(_MkDocsStyle())
        logger.addHandler(handler)


@dataclasses.dataclass
class SiteBuild:
    """The SOP side of one build.

    Attributes:
        project_dir: Folder holding mkdocs.yml.
        settings: Validated review settings.
        collection: Every valid SOP and every problem found.
    """

    project_dir: Path
    settings: ReviewSettings
    collection: Collection
    onepagers: OnePagerBuild
    urls: dict[str, str] = dataclasses.field(default_factory=dict)
    use_directory_urls: bool = True
    feedback: FeedbackSettings = dataclasses.field(default_factory=FeedbackSettings)
    site_name: str = "NorCRIN SOP"

    unknown_links: list[str] = dataclasses.field(default_factory=list)
    implementations: Implementations = dataclasses.field(default_factory=lambda: Implementations([], []))
    sop_bodies: dict[str, str] = dataclasses.field(default_factory=dict)
    history: HistoryBuild = dataclasses.field(default_factory=HistoryBuild.disabled)

    @classmethod
    def load(cls, project_dir: Path, raw_settings: Mapping[str, Any] | None, environ: Mapping[str, str]) -> SiteBuild:
        """Validate the settings and read the collection.

        Raises:
            SettingsError: when the settings or SOP_TODAY are invalid.
        """
        settings = settings_from_dict(raw_settings)
        today = settings.resolve_today(environ)
        collection = load_collection(project_dir, settings, today)
        onepagers = OnePagerBuild.load(project_dir, settings.onepagers_dir, today)
        implementations = load_implementations(project_dir, collection)
        collection.issues = sort_issues(collection.issues + onepagers.issues + implementations.issues)
        history = HistoryBuild.load(project_dir, collection, settings.sops_dir, settings.history)
        return cls(project_dir, settings, collection, onepagers, implementations=implementations, history=history)

    def error_summary(self) -> str:
        """Return the message that stops a build with content errors."""
        errors = self.collection.errors
        files = len({issue.path for issue in errors})
        return (
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''} "
            "(listed above) stop the build. Fix them and build again; 'sop check' lists them without building."
        )

    @property
    def overrides(self) -> Path:
        """The site's template overrides (``overrides/fragments/``)."""
        return self.project_dir / "overrides" / "fragments"

    @functools.cached_property
    def paths(self) -> GeneratedPaths:
        """Where the generated pages and files go."""
        return GeneratedPaths.for_site(self.settings.sops_dir, self.settings.dashboard_path, self.settings.export_file)

    @property
    def sop_index(self) -> str:
        """Source path of the generated SOP overview page."""
        return self.paths.sop_index

    @functools.cached_property
    def sections(self) -> list[NavSection]:
        """The SOP sections of the navigation, by category, archive last."""
        return group_by_category(self.collection, dict(self.settings.category_titles))

    def expand_nav(self, nav: list[Any] | None) -> list[Any] | None:
        """Return the configured nav with SOP categories and OnePagers filled in."""
        if not nav:
            return nav
        onepagers_index = f"{self.settings.onepagers_dir}/index.md"
        onepagers = self.onepagers.nav_paths(src for src, _ in self.source_files())
        sections = nav_sections(self.sections, self.settings.sops_dir, self.settings.nav_max_sops)
        return expand_nav(nav, self.sop_index, sections, {onepagers_index: onepagers})

    def source_files(self) -> list[tuple[str, Path]]:
        """Return (source path, file) for every file the site publishes from the SOP and OnePager folders.

        The rule is `sopmodel.discovery`'s, the same that `sop check` and the
        collection follow: what is checked is what is published.
        """
        files = [*self._sop_files.published, *self._onepager_files.published]
        return [(path.relative_to(self.project_dir).as_posix(), path) for path in files]

    @functools.cached_property
    def _sop_files(self) -> ContentFiles:
        """The SOP folder's files, read from disk once per build (the hooks ask several times)."""
        return discover(self.project_dir / self.settings.sops_dir)

    @functools.cached_property
    def _onepager_files(self) -> ContentFiles:
        """The OnePager folder's files, read from disk once per build."""
        return discover(self.project_dir / self.settings.onepagers_dir, with_attachments=False)

    def generated_pages(self) -> list[str]:
        """Return the source paths of the pages this build generates."""
        sections = [section_page(self.settings.sops_dir, section) for section in self.sections]
        merged = self.onepagers.merged_pages(src for src, _ in self.source_files())
        return [*self.paths.fixed_pages, *sections, *merged, *self.history.pages]

    def pages_outside_nav(self) -> frozenset[str]:
        """Return the pages that are meant to be reached by links, not from the navigation.

        Markdown attachments (checklists) are listed on their SOP and on "Maler og
        sjekklister"; merged work packages are listed on the OnePager index.
        """
        attachments = self._sop_files.attachments
        checklists = {path.relative_to(self.project_dir).as_posix() for path in attachments if path.suffix == ".md"}
        merged = set(self.onepagers.merged_pages(src for src, _ in self.source_files()))
        return frozenset(checklists | merged | set(self.history.pages))

    def dest_uri(self, src_uri: str, use_directory_urls: bool) -> str | None:
        """Return where an SOP page is written: at its stable link ``sop/<id>/``, else None.

        The address follows the id, not the file name, so renaming or moving the file
        never breaks a link.
        """
        sop = self.collection.at_path(src_uri)
        if sop is None:
            return self.history.dest_uri(src_uri, use_directory_urls)
        return f"sop/{sop.slug}/index.html" if use_directory_urls else f"sop/{sop.slug}.html"

    def static_files(self) -> dict[str, str]:
        """Return generated static files by site path: alias redirects and checklist downloads."""
        files = {
            self.paths.feed: render_atom_feed(
                recent_changes(self.collection),
                self.site_name,
                self.feedback.site_url,
                self._url_of,
                self.paths.feed,
            )
        }
        for sop in self.collection.sops:
            here = f"sop/{sop.slug}/" if self.use_directory_urls else f"sop/{sop.slug}.html"
            for alias in sop.meta.aliases:
                alias_slug = str(alias).casefold()
                source = f"sop/{alias_slug}/index.html" if self.use_directory_urls else f"sop/{alias_slug}.html"
                target = relative_url(self.urls.get(sop.path, here), source)
                files[source] = render_redirect(target, f"{sop.id} {sop.title}")
        for path in self.collection.attachments:
            if path.endswith(".md") and is_checklist(self._read(path)):
                files[path + ".txt"] = self._read(path)
        return files

    def _read(self, path: str) -> str:
        return (self.project_dir / path).read_text(encoding="utf-8")

    def set_urls(self, urls: Mapping[str, str], use_directory_urls: bool) -> None:
        """Record the site URL of every file, by source path, and of the files the build adds."""
        self.urls = dict(urls)
        self.use_directory_urls = use_directory_urls
        added = [self.paths.feed, *self.onepagers.pdf_paths(), *(pdf_path(sop) for sop in self.collection.sops)]
        added += [path + ".txt" for path in self.collection.attachments if path.endswith(".md")]
        self.urls.update({path: path for path in added})

    def _url_of(self, src: str) -> str:
        """Return the site URL of the page or file at source path `src`.

        A path the site does not publish is a bug in a generated page; it is recorded
        (and reported after the build) instead of being turned into a dead link.
        """
        url = self.urls.get(src)
        if url is None:
            if src not in self.unknown_links:
                self.unknown_links.append(src)
            return src
        return url

    def _linker(self, from_src: str):
        here = self.urls.get(from_src, "")
        return lambda target_src: relative_url(self._url_of(target_src), here)

    def render_generated_pages(self) -> dict[str, str]:
        """Return the Markdown of the generated pages, by source path."""
        paths, sops_dir = self.paths, self.settings.sops_dir
        pages = {
            section_page(sops_dir, section): render_section_page(section, self._linker(section_page(sops_dir, section)))
            for section in self.sections
        }
        sizes = {path: (self.project_dir / path).stat().st_size for path in self.collection.attachments}
        history = self.history.render(self._linker, self.collection.today, self.feedback.repo_url)
        return (
            history
            | self.onepagers.render_merged_pages((src for src, _ in self.source_files()), self._linker)
            | {
                paths.sop_index: render_sop_index(
                    self.sections, sops_dir, self._linker(paths.sop_index), paths.dashboard
                ),
                **pages,
                paths.attachments: render_attachments_page(self.collection, self._linker(paths.attachments), sizes),
                paths.phases: render_phase_page(self.collection, self._linker(paths.phases)),
                paths.implementation: render_matrix_page(
                    self.collection, self.implementations, self._linker(paths.implementation), self.overrides
                ),
                paths.glossary: search.render_glossary_page(search.load_glossary()),
                paths.point_in_time: render_point_in_time_page(
                    self.history.history,
                    self._linker(paths.point_in_time),
                    relative_asset("assets/javascripts/sop-on-date.js", self.urls.get(paths.point_in_time, "")),
                    self.history.enabled,
                ),
                paths.search: search.render_search_page(self.sections, self._linker(paths.search)),
                paths.changes: render_recent_changes(
                    recent_changes(self.collection),
                    self._linker(paths.changes),
                    relative_url(paths.feed, self.urls.get(paths.changes, "")),
                ),
                paths.dashboard: render_dashboard(
                    self.collection,
                    self._linker(paths.dashboard),
                    self.settings,
                    relative_url(paths.export, self.urls.get(paths.dashboard, "")),
                ),
            }
        )

    def page_title(self, src_uri: str) -> str | None:
        """Return the page title for an SOP page ("CT-SOP-07 Protokoll"), else None."""
        sop = self.collection.at_path(src_uri)
        return f"{sop.id} {sop.title}" if sop else self.onepagers.page_title(src_uri)

    def page_content(self, src_uri: str, html: str, site_path: str) -> str:
        """Return a page's HTML with what the build adds (SOP header, OnePager parts, OnePager table)."""
        link = self._linker(src_uri)
        onepager = self.onepagers.page_content(src_uri, html, site_path, self.collection.sops, link)
        if onepager is not None:
            return self.search_wrap(src_uri, onepager)
        if self.history.is_history_page(src_uri):
            return self.history.cache.html_for(src_uri, html)
        if self.collection.at_path(src_uri) is not None:
            self.sop_bodies[src_uri] = html
        return self.search_wrap(src_uri, self.page_header(src_uri) + html) + self.page_footer(src_uri)

    @functools.cached_property
    def _generated_lists(self) -> frozenset[str]:
        return frozenset(self.generated_pages()) - {self.paths.glossary}

    def search_wrap(self, src_uri: str, html: str) -> str:
        """Return a page's content marked for the search index (see `sopmodel.search`)."""
        if self.history.is_history_page(src_uri) or src_uri == self.paths.point_in_time:
            return html  # versions no longer in force stay out of search
        sop = self.collection.at_path(src_uri)
        if sop is None:
            generated = src_uri in self._generated_lists
            kind = search.page_kind(src_uri, self.settings.sops_dir, self.settings.onepagers_dir, generated)
            page = search.SearchPage(generated=generated, kind=kind)
        else:
            keywords = " ".join([*sop.meta.tags, *sop.meta.aliases])
            status = str(sop.status)
            label = labels_for(sop.language).get(status, status)
            files = [item.file for item in sop.meta.attachments]
            facets = {"owner": sop.meta.owner, "language": sop.language}
            facets |= {
                key: value for key, value in (("phase", sop.meta.phase), ("category", sop.meta.category)) if value
            }
            page = search.SearchPage(
                sop.id, sop.title, status, label, keywords, sop.document.body, attachments=files, meta=facets
            )
        return search.wrap_for_index(html, page, search.load_glossary())

    def write_search_index(self, site_dir: Path) -> dict[str, Any]:
        """Index the built site for search (Pagefind) and write the vocabulary for typo correction."""
        sops = self.collection.sops
        texts = [f"{sop.title} {' '.join(sop.meta.tags)}" for sop in sops]
        vocabulary = search.vocabulary_json(texts, search.load_glossary(), [sop.id for sop in sops])
        return search.write_index(site_dir, vocabulary)

    def write_onepager_pdfs(self, site_dir: Path) -> list[Issue]:
        """Write the OnePager PDFs into the built site; return a warning for each longer than a page."""
        return self.onepagers.write_pdfs(site_dir, self._url_of)

    def page_header(self, src_uri: str) -> str:
        """Return the HTML to put above an SOP page's body, or "" for other pages."""
        sop = self.collection.at_path(src_uri)
        if sop is None:
            return ""
        link = self._linker(src_uri)
        attachments = []
        for item in sop.meta.attachments:
            source = attachment_path(sop, item.file)
            path = self.project_dir / source
            attachments.append(
                AttachmentInfo(
                    item.title,
                    link(source),
                    path.suffix.removeprefix(".").upper() or "?",
                    path.stat().st_size,
                )
            )
        header = render_sop_header(sop, self.collection, link, attachments)
        if self.settings.sop_pdfs:
            header += render_pdf_link(sop, link(pdf_path(sop)))
        sop_history = self.history.history.of(sop.id) if self.history.enabled else None
        if sop_history is not None:
            header += render_history_link(sop_history, link(HistoryPaths(sop).history_src))
        return header

    def write_sop_pdfs(self, site_dir: Path, today: str) -> tuple[int, int]:
        """Write the controlled-copy PDF of every SOP page built; return (printed, taken from the cache).

        Raises:
            PdfError: when a PDF cannot be printed.
        """
        printed = cached = 0
        public = (self.feedback.site_url or "").rstrip("/")
        for src_uri, body in sorted(self.sop_bodies.items()):
            sop = self.collection.at_path(src_uri)
            if sop is None:
                continue
            page = self._url_of(src_uri)
            stable = f"{public}/sop/{sop.slug}/" if public else f"/sop/{sop.slug}/"
            base_url = f"{public}/{page}" if public else (site_dir / page).as_uri() + "/"
            made = write_sop_pdf(
                sop_document(sop, body, stable),
                today,
                site_dir / pdf_path(sop),
                self.project_dir / SOP_PDF_CACHE,
                site_dir,
                base_url,
                public or None,
            )
            printed, cached = printed + made, cached + (not made)
        return printed, cached

    def page_markdown(self, src_uri: str, markdown: str) -> tuple[str, list[str]]:
        """Return the page's Markdown with ``[[ID]]`` links resolved and checklists as checkboxes.

        Returns:
            The Markdown and a warning per ``[[ID]]`` that names no SOP. (In SOP files
            such links are content errors found before the build starts.)
        """
        link = self._linker(src_uri)
        unknown: list[Reference] = []
        old_version = self.history.is_history_page(src_uri)

        def render(reference: Reference) -> str:
            target = self.collection.by_id(reference.target)
            if target is None:
                if old_version:  # an old text may name an SOP since removed: not an error now
                    return escape(reference.text or reference.target)
                unknown.append(reference)
                return f"[[{reference.target}]]"
            text = reference.text or f"{target.id} {target.title}"
            language = "" if reference.text else f' lang="{escape(target.language)}"'
            return f'<a class="sop-ref" href="{escape(link(target.path))}"{language}>{escape(text)}</a>'

        markdown = replace_references(markdown, render)
        if src_uri in self.collection.attachments and is_checklist(markdown):
            name = posixpath.basename(src_uri)
            download = checklist_download(name, link(src_uri + ".txt"))
            head, _, rest = markdown.partition("\n")
            checklist = checklist_to_html(rest if head.startswith("# ") else markdown)
            markdown = f"{head}\n\n{download}{checklist}" if head.startswith("# ") else download + checklist
        if old_version:
            return self.history.cache.markdown_for(src_uri, markdown, self.urls.get(src_uri, "")), []
        warnings = [
            f"{src_uri}: link [[{reference.target}]] names no SOP. Fix: use the id of an SOP in "
            f"{self.settings.sops_dir}/."
            for reference in unknown
        ]
        # Markdown gives ![](figur.png) an empty alt, which reads as "decorative": in an SOP it
        # is far more often a description the editor has yet to write (universal design).
        warnings += [
            f"{src_uri}: image '{match.group(1)}' has an empty alt text. Fix: describe the image in "
            f"![description]({match.group(1)})."
            for match in _EMPTY_ALT.finditer(markdown)
        ]
        return markdown, warnings

    def image_warnings(self, src_uri: str, html: str) -> list[str]:
        """Return a warning per <img> without an alt attribute in a page's HTML (old versions: none)."""
        if self.history.is_history_page(src_uri):
            return []  # an old text is published as it was; its SOP's current page gets the warning
        return find_images_without_alt(html, src_uri)

    def page_footer(self, src_uri: str) -> str:
        """Return the HTML after an SOP page's body: backlinks and feedback; "" for other pages."""
        sop = self.collection.at_path(src_uri)
        if sop is None:
            return ""
        link = self._linker(src_uri)
        return (
            "\n"
            + render_referrers(sop, self.collection, link)
            + render_sop_list(sop, self.implementations, self.overrides)
            + render_feedback(sop, self.urls.get(src_uri, ""), self.feedback)
        )

    def prune_sitemap(self, site_dir: Path) -> int:
        """Take the old versions and history pages out of the built site's sitemap."""
        return prune_sitemap(site_dir)

    def report_json(self) -> str:
        """Return the review register (review-report.json)."""
        return review_report_json(self.collection, lambda sop: self._url_of(sop.path))

    def log_lines(self) -> list[LogLine]:
        """Return the review lines for the build log."""
        return (
            withdrawal_log_lines(self.collection, self.settings.due_soon_days)
            + translation_log_lines(self.collection)
            + review_log_lines(self.collection)
        )

    def annotations(self) -> list[str]:
        """Return GitHub workflow annotations for overdue SOPs."""
        return github_annotations(self.collection)
