"""Jinja2 templates for generated HTML, with autoescape on: untrusted text is escaped once, here.

Every fragment of generated HTML is one template in ``sopmodel/site/templates/``. A site
overrides one by putting a file of the same name in ``overrides/fragments/`` (as Material
lets a site override its tags plugin's ``fragments/tags/*``): the loader looks there first.
The build names that folder once with `use_overrides`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from sopmodel.model.text import escape_markdown

TEMPLATES = Path(__file__).with_name("templates")
_overrides: list[Path | None] = [None]


def use_overrides(folder: Path | None) -> None:
    """Look for templates in `folder` (the project's ``overrides/fragments/``) before the package's."""
    _overrides[0] = folder


def fill(text: str, **values: object) -> Markup:
    """Return `text` escaped, with its ``{name}`` placeholders replaced by `values` (escaped unless Markup)."""
    return escape(text).format(**values)


def markdown_text(text: str) -> Markup:
    """Return `text` so that Markdown shows it exactly (HTML characters as entities, syntax escaped)."""
    return Markup(escape_markdown(str(text)))


def wrap_table(table: str, *, labelledby: str = "", label: str = "", css: str = "") -> Markup:
    """Return `table` in the named, focusable region that scrolls sideways on narrow screens.

    The one place the scrolling-table wrapper is written (WCAG 2.1.1 and 1.4.10). `table`
    is trusted HTML (a rendered template or the Markdown's own table).
    """
    return Markup(render("table_region.html", table=Markup(table), labelledby=labelledby, label=label, css=css))


def finalize(value: object) -> object:
    """Escape a template's value for HTML, and its ``[`` too (trusted Markup passes as it is).

    Generated HTML stands in the page's Markdown, which reads ``[[ID]]`` links and ``[x](y)``
    links after it: a title such as "Protocol [x](javascript:…) [[CT-SOP-07]]" must stay text.
    """
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).replace("[", "&#91;"))


@functools.cache
def environment(overrides: Path | None = None) -> jinja2.Environment:
    """Return the template environment: the site's overrides first, then the package's templates."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(overrides))
    loaders.append(jinja2.FileSystemLoader(TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    env.filters["fill"] = fill
    env.filters["wrap_table"] = wrap_table
    env.filters["markdown_text"] = markdown_text
    return env


def render(template: str, /, overrides: Path | None = None, **context: object) -> str:
    """Return `template` rendered with `context` (overrides: the folder set by `use_overrides`)."""
    return environment(overrides or _overrides[0]).get_template(template).render(**context)
