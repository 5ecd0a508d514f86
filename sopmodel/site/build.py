"""One site build: what the MkDocs hooks ask of the SOP model, without MkDocs.

`SiteBuild` is created afresh for every build (`mkdocs serve` rebuilds reuse the
hook module), loads and checks the collection once, and answers the hooks.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from sopmodel.model.collection import Collection, Sop, load_collection
from sopmodel.model.discovery import ContentFiles, discover, is_inside, outside_issues
from sopmodel.model.generated import GeneratedPaths
from sopmodel.model.implementation import Implementations, load_implementations
from sopmodel.model.issues import sort_issues
from sopmodel.model.report import (
    LogLine,
    github_annotations,
    review_log_lines,
    review_report_json,
    translation_log_lines,
    withdrawal_log_lines,
)
from sopmodel.model.settings import ReviewSettings, SettingsError, settings_from_dict
from sopmodel.site import search
from sopmodel.site.changes import recent_changes, render_atom_feed, render_recent_changes
from sopmodel.site.dashboard import render_dashboard
from sopmodel.site.history_build import HistoryBuild
from sopmodel.site.history_pages import (
    prune_sitemap,
    relative_asset,
    render_point_in_time_page,
)
from sopmodel.site.implementation_html import render_matrix_page
from sopmodel.site.navigation import (
    NavSection,
    expand_nav,
    group_by_category,
    nav_sections,
    render_section_page,
    render_sop_index,
    section_page,
)
from sopmodel.site.onepager_build import OnePagerBuild
from sopmodel.site.page_stage import PagesStage
from sopmodel.site.pages import (
    FeedbackSettings,
    is_checklist,
    render_attachments_page,
    render_phase_page,
    render_redirect,
)
from sopmodel.site.sop_pdf import pdf_path
from sopmodel.site.templating import use_overrides

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
class SiteBuild(PagesStage):
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
        use_overrides(project_dir / "overrides" / "fragments")
        today = settings.resolve_today(environ)
        collection = load_collection(project_dir, settings, today)
        onepagers = OnePagerBuild.load(project_dir, settings.onepagers_dir, today)
        implementations = load_implementations(project_dir, collection)
        content = [
            *onepagers.issues,
            *implementations.issues,
            *search.glossary_issues(project_dir / search.GLOSSARY_FILE),
        ]
        collection.issues = sort_issues(collection.issues + content)
        history = HistoryBuild.load(project_dir, collection, settings.sops_dir, settings.history)
        return cls(project_dir, settings, collection, onepagers, implementations=implementations, history=history)

    @property
    def glossary(self) -> tuple[search.GlossaryEntry, ...]:
        """The project's glossary (checked in `load`: its problems are content issues)."""
        return search.load_glossary(self.project_dir / search.GLOSSARY_FILE)

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

    def links_outside(self, docs_dir: Path, sources: list[str]) -> dict[str, str]:
        """Return, by source, the error of each file in `docs_dir` that links outside the project.

        The rule is discovery's: such a file is neither read nor published.
        """
        project = self.project_dir.resolve()
        inside_docs = [source for source in sources if Path(source).absolute().is_relative_to(docs_dir.absolute())]
        outside = [source for source in inside_docs if not is_inside(Path(source), project)]
        issues = outside_issues(tuple(Path(source).absolute() for source in outside), self.project_dir.absolute())
        return {source: str(issue) for source, issue in zip(outside, issues, strict=True)}

    def source_files(self) -> list[tuple[str, Path]]:
        """Return (source path, file) for every file the site publishes from the SOP and OnePager folders.

        The rule is `sopmodel.model.discovery`'s, the same that `sop check` and the
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
            here = self.stable_link(sop)
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

    def _linker(self, from_src: str) -> Callable[[str], str]:
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
                paths.glossary: search.render_glossary_page(self.glossary),
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

    def prune_sitemap(self, site_dir: Path) -> int:
        """Take the old versions and history pages out of the built site's sitemap."""
        return prune_sitemap(site_dir)

    def report_json(self) -> str:
        """Return the review register (review-report.json), each SOP with its stable link."""
        return review_report_json(self.collection, self.stable_link)

    def stable_link(self, sop: Sop) -> str:
        """The SOP's address that never changes (``sop/<id>/``), whatever the generator writes."""
        return f"sop/{sop.slug}/" if self.use_directory_urls else f"sop/{sop.slug}.html"

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
