"""The render stage on its own: a plain docs tree that any Material-compatible generator builds.

`sop render OUT/` writes what the MkDocs hooks make in-process, without MkDocs:

- ``OUT/docs/``: the pages of ``docs/``, ``sops/`` and ``onepagers/`` and the generated
  pages, each with its front matter (title, language) and the Markdown the hooks give it:
  ``[[ID]]`` links resolved, and on SOP pages the metadata block, the notices and the
  backlinks as HTML blocks; attachments and images; static files (feed, alias redirects,
  checklist downloads) and a redirect page at every SOP's stable link ``sop/<id>/``.
- ``OUT/overrides/``: the theme overrides, as they are.
- ``OUT/nav.yml``: the navigation with the SOP sections filled in.
- ``OUT/mkdocs.yml``: the project's settings with that navigation and without ``hooks:``,
  so ``cd OUT && zensical build`` and ``cd OUT && mkdocs build`` both work.

Pages stay at their source paths (``sops/ct-sop-07.md``), so that editors' relative
links and images keep working; the stable links redirect there. What needs the built
HTML (search index, PDFs, review report, critical CSS, table regions) is
`sopmodel.site.postbuild`'s.
"""

from __future__ import annotations

import dataclasses
import posixpath
import shutil
from pathlib import Path
from typing import Any

import yaml

from sopmodel.model.document import text_to_document
from sopmodel.model.settings import SettingsError
from sopmodel.site.build import SiteBuild
from sopmodel.site.pages import FeedbackSettings, render_redirect

DROPPED_SETTINGS = ("hooks", "watch")
"""Settings of mkdocs.yml the staged tree leaves out: it needs no hooks and has nothing to watch."""


class StageError(Exception):
    """The project cannot be staged; the message names the file and the fix.

    `build` is the loaded build when the content has errors, so that its problems can be logged.
    """

    def __init__(self, message: str, build: SiteBuild | None = None) -> None:
        super().__init__(message)
        self.build = build


@dataclasses.dataclass
class Staged:
    """What `stage_site` wrote and what the build log must say."""

    build: SiteBuild
    pages: int
    files: int
    warnings: list[str]


def load_config(project: Path) -> dict[str, Any]:
    """Read the project's mkdocs.yml as plain YAML.

    Raises:
        StageError: when it is missing or not plain YAML.
    """
    path = project / "mkdocs.yml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise StageError(f"{path}: cannot be read ({error.strerror}). Fix: run sop render in the project.") from None
    except yaml.YAMLError as error:
        raise StageError(
            f"{path}: expected plain YAML, got: {error}. Fix: the staged tree needs settings without Python tags."
        ) from None
    if not isinstance(config, dict):
        raise StageError(f"{path}: expected settings, got {type(config).__name__}.")
    return config


def configure(build: SiteBuild, config: dict[str, Any]) -> None:
    """Give the build what it takes from the generator's settings (the same as the hooks' on_config)."""
    build.feedback = FeedbackSettings(
        config.get("repo_url") or "",
        config.get("edit_uri") or "",
        build.settings.feedback_email,
        config.get("site_url") or "",
    )
    build.site_name = str(config.get("site_name") or "")
    build.history.cache.settings = repr((config.get("markdown_extensions"), {}))
    build.onepagers.public_url = config.get("site_url")


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL a generator gives a page at `src_uri` (MkDocs' rule, which Zensical follows)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def load_build(project: Path, config: dict[str, Any], environ: dict[str, str]) -> SiteBuild:
    """Load and configure the build, with every page's URL at its source path.

    Raises:
        StageError: when the settings or SOP_TODAY are invalid.
    """
    try:
        build = SiteBuild.load(project, (config.get("extra") or {}).get("sop_review"), environ)
    except SettingsError as error:
        raise StageError(str(error)) from None
    configure(build, config)
    directory_urls = bool(config.get("use_directory_urls", True))
    sources = [src for src, _ in build.source_files()] + _docs_files(project, config)
    urls = {src: page_url(src, directory_urls) for src in [*sources, *build.generated_pages()]}
    build.set_urls(urls, directory_urls)
    return build


def _docs_dir(project: Path, config: dict[str, Any]) -> Path:
    return project / str(config.get("docs_dir") or "docs")


def _docs_files(project: Path, config: dict[str, Any]) -> list[str]:
    docs = _docs_dir(project, config)
    return sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())


def stage_site(project: Path, out: Path, environ: dict[str, str]) -> Staged:
    """Write the staged tree of `project` into `out` (module docstring); `out/docs` is made anew.

    Raises:
        StageError: when the settings are invalid or the content has errors.
    """
    config = load_config(project)
    build = load_build(project, config, environ)
    if build.collection.errors:
        raise StageError(build.error_summary(), build)
    docs_dir = _docs_dir(project, config)
    if outside := build.links_outside(docs_dir, [str(path) for path in docs_dir.rglob("*")]):
        raise StageError("\n".join(outside.values()), build)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    warnings: list[str] = []
    pages = 0
    for src in _docs_files(project, config):
        pages += _stage_source(build, _docs_dir(project, config) / src, src, docs, warnings)
    for src, path in build.source_files():
        pages += _stage_source(build, path, src, docs, warnings)
    for src, markdown in build.render_generated_pages().items():
        pages += _write_page(build, docs, src, markdown, warnings)
    statics = {**build.static_files(), **_stable_link_redirects(build)}
    for site_path, content in statics.items():
        _write(docs / site_path, content)
    nav = build.expand_nav(config.get("nav"))
    _write(out / "nav.yml", yaml.safe_dump(nav, allow_unicode=True, sort_keys=False))
    _write(out / "mkdocs.yml", _staged_config(config, nav))
    overrides = project / str((config.get("theme") or {}).get("custom_dir") or "overrides")
    if overrides.is_dir():
        shutil.copytree(overrides, out / "overrides", dirs_exist_ok=True)
    return Staged(build, pages, len(statics), warnings)


def _stage_source(build: SiteBuild, path: Path, src: str, docs: Path, warnings: list[str]) -> int:
    """Stage one file: a Markdown page through the render stage, anything else as it is."""
    if not src.endswith(".md"):
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / src)
        return 0
    return _write_page(build, docs, src, path.read_text(encoding="utf-8"), warnings)


def _write_page(build: SiteBuild, docs: Path, src: str, text: str, warnings: list[str]) -> int:
    """Write one page: its front matter (with the title the site gives it) and its Markdown."""
    document, _ = text_to_document(text, src)
    meta = dict(document.meta)
    title = build.page_title(src)
    if title is not None:
        meta["title"] = title
    markdown, page_warnings = build.page_markdown(src, document.body)
    warnings.extend(page_warnings)
    header = build.page_header(src)
    footer = build.page_footer(src)
    parts = [part for part in (header, markdown, footer) if part.strip()]
    front = yaml.safe_dump(_plain(meta), allow_unicode=True, sort_keys=False) if meta else ""
    _write(docs / src, (f"---\n{front}---\n\n" if front else "") + "\n\n".join(parts) + "\n")
    return 1


def _plain(value: Any) -> Any:
    """Front matter values as YAML can write them safely (dates as ISO text, others as text)."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _stable_link_redirects(build: SiteBuild) -> dict[str, str]:
    """A page at every SOP's stable link ``sop/<id>/`` that sends the reader to the SOP's page."""
    redirects = {}
    for sop in build.collection.sops:
        stable = build.stable_link(sop)
        source = stable + "index.html" if stable.endswith("/") else stable
        target = posixpath.relpath(build.urls[sop.path] or ".", posixpath.dirname(source))
        redirects[source] = render_redirect(target.rstrip("/") + "/", f"{sop.id} {sop.title}")
    return redirects


def _staged_config(config: dict[str, Any], nav: Any) -> str:
    staged = {key: value for key, value in config.items() if key not in DROPPED_SETTINGS}
    staged["docs_dir"] = "docs"
    staged["nav"] = nav
    theme = dict(staged.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    staged["theme"] = theme
    return yaml.safe_dump(staged, allow_unicode=True, sort_keys=False)


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
