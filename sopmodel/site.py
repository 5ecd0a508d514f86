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
from html import escape
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sopmodel.changes import CHANGES_PAGE, FEED_FILE, recent_changes, render_atom_feed, render_recent_changes
from sopmodel.collection import Collection, load_collection
from sopmodel.dashboard import render_dashboard
from sopmodel.images import find_images_without_alt
from sopmodel.issues import Issue, sort_issues
from sopmodel.navigation import (
    NavSection,
    expand_nav,
    group_by_category,
    nav_sections,
    render_section_page,
    render_sop_index,
    section_page,
)
from sopmodel.crossrefs import Reference, replace_references
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
from sopmodel.onepager_build import OnePagerBuild
from sopmodel.render import AttachmentInfo, render_sop_header
from sopmodel.report import LogLine, github_annotations, review_log_lines, review_report_json, withdrawal_log_lines
from sopmodel.settings import ReviewSettings, SettingsError, settings_from_dict
from sopmodel import search
from sopmodel.labels import labels_for

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

    ATTACHMENTS_PAGE = "maler-og-sjekklister.md"
    PHASES_PAGE = "faser.md"

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
        collection.issues = sort_issues(collection.issues + onepagers.issues)
        return cls(project_dir, settings, collection, onepagers)

    def error_summary(self) -> str:
        """Return the message that stops a build with content errors."""
        errors = self.collection.errors
        files = len({issue.path for issue in errors})
        return (
            f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {files} file{'s' if files != 1 else ''} "
            "(listed above) stop the build. Fix them and build again; 'sop check' lists them without building."
        )

    @property
    def sop_index(self) -> str:
        """Source path of the generated SOP overview page."""
        return f"{self.settings.sops_dir}/index.md"

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
        """Return (source path, file) for every file of the SOP and OnePager folders.

        Markdown pages and their attachments alike; hidden files are left out, and so
        is an ``index.md`` in the SOP folder, whose page is generated.
        """
        found = []
        for folder in (self.settings.sops_dir, self.settings.onepagers_dir):
            root = self.project_dir / folder
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*")):
                relative = path.relative_to(self.project_dir).as_posix()
                hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
                if path.is_file() and not hidden and relative != self.sop_index:
                    found.append((relative, path))
        return found

    def generated_pages(self) -> list[str]:
        """Return the source paths of the pages this build generates."""
        sections = [section_page(self.settings.sops_dir, section) for section in self.sections]
        merged = self.onepagers.merged_pages(src for src, _ in self.source_files())
        fixed = [self.settings.dashboard_path, self.ATTACHMENTS_PAGE, self.PHASES_PAGE, CHANGES_PAGE]
        fixed += [search.GLOSSARY_PAGE, search.SEARCH_PAGE]
        return [self.sop_index, *sections, *fixed, *merged]

    def dest_uri(self, src_uri: str, use_directory_urls: bool) -> str | None:
        """Return where an SOP page is written: at its stable link ``sop/<id>/``, else None.

        The address follows the id, not the file name, so renaming or moving the file
        never breaks a link.
        """
        sop = self.collection.at_path(src_uri)
        if sop is None:
            return None
        return f"sop/{sop.slug}/index.html" if use_directory_urls else f"sop/{sop.slug}.html"

    def static_files(self) -> dict[str, str]:
        """Return generated static files by site path: alias redirects and checklist downloads."""
        files = {
            FEED_FILE: render_atom_feed(
                recent_changes(self.collection),
                self.site_name,
                self.feedback.site_url,
                lambda src: self.urls.get(src, src),
                FEED_FILE,
            )
        }
        for sop in self.collection.sops:
            here = f"sop/{sop.slug}/" if self.use_directory_urls else f"sop/{sop.slug}.html"
            for alias in sop.meta.get("aliases") or []:
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
        """Record the site URL of every file, by source path."""
        self.urls = dict(urls)
        self.use_directory_urls = use_directory_urls

    def _linker(self, from_src: str):
        here = self.urls.get(from_src, "")
        return lambda target_src: relative_url(self.urls.get(target_src, target_src), here)

    def render_generated_pages(self) -> dict[str, str]:
        """Return the Markdown of the generated pages, by source path."""
        dashboard = self.settings.dashboard_path
        sops_dir = self.settings.sops_dir
        pages = {
            section_page(sops_dir, section): render_section_page(section, self._linker(section_page(sops_dir, section)))
            for section in self.sections
        }
        sizes = {path: (self.project_dir / path).stat().st_size for path in self.collection.attachments}
        return self.onepagers.render_merged_pages((src for src, _ in self.source_files()), self._linker) | {
            self.sop_index: render_sop_index(self.sections, sops_dir, self._linker(self.sop_index)),
            **pages,
            self.ATTACHMENTS_PAGE: render_attachments_page(
                self.collection, self._linker(self.ATTACHMENTS_PAGE), sizes
            ),
            self.PHASES_PAGE: render_phase_page(self.collection, self._linker(self.PHASES_PAGE)),
            search.GLOSSARY_PAGE: search.render_glossary_page(search.load_glossary()),
            search.SEARCH_PAGE: search.render_search_page(self.sections, self._linker(search.SEARCH_PAGE)),
            CHANGES_PAGE: render_recent_changes(
                recent_changes(self.collection),
                self._linker(CHANGES_PAGE),
                relative_url(FEED_FILE, self.urls.get(CHANGES_PAGE, "")),
            ),
            dashboard: render_dashboard(
                self.collection,
                self._linker(dashboard),
                self.settings.review_interval_years,
                relative_url(self.settings.export_file, self.urls.get(dashboard, "")),
            ),
        }

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
        return self.search_wrap(src_uri, self.page_header(src_uri) + html) + self.page_footer(src_uri)

    @functools.cached_property
    def _generated_lists(self) -> frozenset[str]:
        return frozenset(self.generated_pages()) - {search.GLOSSARY_PAGE}

    def search_wrap(self, src_uri: str, html: str) -> str:
        """Return a page's content marked for the search index (see `sopmodel.search`)."""
        sop = self.collection.at_path(src_uri)
        if sop is None:
            generated = src_uri in self._generated_lists
            kind = search.page_kind(src_uri, self.settings.sops_dir, self.settings.onepagers_dir, generated)
            page = search.SearchPage(generated=generated, kind=kind)
        else:
            keywords = " ".join(str(item) for item in [*(sop.meta.get("tags") or []), *(sop.meta.get("aliases") or [])])
            status = str(sop.meta["status"])
            label = labels_for(str(sop.meta.get("language", "nb"))).get(status, status)
            files = [str(item.get("file", "")) for item in sop.meta.get("attachments") or [] if isinstance(item, dict)]
            page = search.SearchPage(
                sop.id, sop.title, status, label, keywords, sop.document.body, attachments=files, meta=sop.meta
            )
        return search.wrap_for_index(html, page, search.load_glossary())

    def write_search_index(self, site_dir: Path) -> dict[str, Any]:
        """Index the built site for search (Pagefind) and write the vocabulary for typo correction."""
        sops = self.collection.sops
        texts = [f"{sop.title} {' '.join(str(tag) for tag in sop.meta.get('tags') or [])}" for sop in sops]
        vocabulary = search.vocabulary_json(texts, search.load_glossary(), [sop.id for sop in sops])
        return search.write_index(site_dir, vocabulary)

    def write_onepager_pdfs(self, site_dir: Path) -> list[Issue]:
        """Write the OnePager PDFs into the built site; return a warning for each longer than a page."""
        return self.onepagers.write_pdfs(site_dir, lambda src: self.urls.get(src, ""))

    def page_header(self, src_uri: str) -> str:
        """Return the HTML to put above an SOP page's body, or "" for other pages."""
        sop = self.collection.at_path(src_uri)
        if sop is None:
            return ""
        link = self._linker(src_uri)
        attachments = []
        for item in sop.meta.get("attachments") or []:
            source = attachment_path(sop, str(item["file"]))
            path = self.project_dir / source
            attachments.append(
                AttachmentInfo(
                    item["title"],
                    link(source),
                    path.suffix.removeprefix(".").upper() or "?",
                    path.stat().st_size,
                )
            )
        return render_sop_header(sop, self.collection, link, attachments)

    def page_markdown(self, src_uri: str, markdown: str) -> tuple[str, list[str]]:
        """Return the page's Markdown with ``[[ID]]`` links resolved and checklists as checkboxes.

        Returns:
            The Markdown and a warning per ``[[ID]]`` that names no SOP. (In SOP files
            such links are content errors found before the build starts.)
        """
        link = self._linker(src_uri)
        unknown: list[Reference] = []

        def render(reference: Reference) -> str:
            target = self.collection.by_id(reference.target)
            if target is None:
                unknown.append(reference)
                return f"[[{reference.target}]]"
            text = reference.text or f"{target.id} {target.title}"
            return f'<a class="sop-ref" href="{escape(link(target.path))}">{escape(text)}</a>'

        markdown = replace_references(markdown, render)
        if src_uri in self.collection.attachments and is_checklist(markdown):
            name = posixpath.basename(src_uri)
            download = checklist_download(name, link(src_uri + ".txt"))
            head, newline, rest = markdown.partition("\n")
            checklist = checklist_to_html(rest if head.startswith("# ") else markdown)
            markdown = f"{head}\n\n{download}{checklist}" if head.startswith("# ") else download + checklist
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
        """Return a warning per <img> without an alt attribute in a page's HTML."""
        return find_images_without_alt(html, src_uri)

    def page_footer(self, src_uri: str) -> str:
        """Return the HTML after an SOP page's body: backlinks and feedback; "" for other pages."""
        sop = self.collection.at_path(src_uri)
        if sop is None:
            return ""
        link = self._linker(src_uri)
        return "\n" + render_referrers(sop, self.collection, link) + render_feedback(
            sop, self.urls.get(src_uri, ""), self.feedback
        )

    def report_json(self) -> str:
        """Return the review register (review-report.json)."""
        return review_report_json(self.collection, lambda sop: self.urls.get(sop.path, sop.path))

    def log_lines(self) -> list[LogLine]:
        """Return the review lines for the build log."""
        return withdrawal_log_lines(self.collection, self.settings.due_soon_days) + review_log_lines(self.collection)

    def annotations(self) -> list[str]:
        """Return GitHub workflow annotations for overdue SOPs."""
        return github_annotations(self.collection)
