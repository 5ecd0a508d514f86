"""What the build adds to each page: SOP header and footer, search marks, Markdown, PDFs.

`PagesStage` is a part of `SiteBuild` (`sopmodel.site.build`): the per-page answers to the
MkDocs hooks, from page Markdown to the PDFs written after the build. It reads the
build's collection, settings, URLs and history; it imports no MkDocs.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopmodel.model.body import EMPTY_ALT
from sopmodel.model.crossrefs import Reference, replace_references
from sopmodel.model.issues import Issue
from sopmodel.model.labels import labels_for
from sopmodel.site import search
from sopmodel.site.history_pages import HistoryPaths, render_history_link
from sopmodel.site.images import find_images_without_alt
from sopmodel.site.implementation_html import render_sop_list
from sopmodel.site.pages import (
    attachment_path,
    checklist_download,
    checklist_to_html,
    is_checklist,
    render_feedback,
    render_referrers,
)
from sopmodel.site.render import AttachmentInfo, render_sop_header
from sopmodel.site.sop_pdf import CACHE_DIR as SOP_PDF_CACHE
from sopmodel.site.sop_pdf import pdf_path, sop_document, write_sop_pdf
from sopmodel.site.sop_pdf import render_link as render_pdf_link
from sopmodel.site.templating import markdown_text
from sopmodel.site.templating import render as render_template

if TYPE_CHECKING:
    from sopmodel.model.collection import Collection
    from sopmodel.model.generated import GeneratedPaths
    from sopmodel.model.implementation import Implementations
    from sopmodel.model.settings import ReviewSettings
    from sopmodel.site.history_build import HistoryBuild
    from sopmodel.site.onepager_build import OnePagerBuild
    from sopmodel.site.pages import FeedbackSettings


class PagesStage:
    """The per-page part of a site build (mixed into `SiteBuild`, which holds the state)."""

    if TYPE_CHECKING:  # the state `SiteBuild` holds, declared for the type checker
        project_dir: Path
        settings: ReviewSettings
        collection: Collection
        onepagers: OnePagerBuild
        urls: dict[str, str]
        feedback: FeedbackSettings
        implementations: Implementations
        sop_bodies: dict[str, str]
        history: HistoryBuild

        @property
        def glossary(self) -> tuple[search.GlossaryEntry, ...]: ...  # noqa: D102
        @property
        def overrides(self) -> Path: ...  # noqa: D102
        @property
        def paths(self) -> GeneratedPaths: ...  # noqa: D102
        def generated_pages(self) -> list[str]: ...  # noqa: D102
        def _url_of(self, src: str) -> str: ...
        def _linker(self, from_src: str) -> Callable[[str], str]: ...

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
        """Return a page's content marked for the search index (see `sopmodel.site.search`)."""
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
        return search.wrap_for_index(html, page, self.glossary)

    def write_search_index(self, site_dir: Path) -> dict[str, Any]:
        """Index the built site for search (Pagefind) and write the vocabulary for typo correction."""
        sops = self.collection.sops
        texts = [f"{sop.title} {' '.join(sop.meta.tags)}" for sop in sops]
        vocabulary = search.vocabulary_json(texts, self.glossary, [sop.id for sop in sops])
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
                    return render_template("sop_ref.html", href="", text=reference.text or reference.target, lang="")
                unknown.append(reference)
                return f"[[{reference.target}]]"
            # The title is front-matter text, shown as written: never Markdown or an [[ID]].
            text = reference.text or markdown_text(f"{target.id} {target.title}")
            language = "" if reference.text else target.language
            return render_template("sop_ref.html", href=link(target.path), text=text, lang=language)

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
            for match in EMPTY_ALT.finditer(markdown)
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
