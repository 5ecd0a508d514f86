"""Jinja2 templates for generated HTML, with autoescape on: untrusted text is escaped once, here.

Templates live in ``sopmodel/templates/``; a site can override one by putting a file
of the same name in ``overrides/fragments/`` (as Material does for its own fragments).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).with_name("templates")


@functools.cache
def environment(overrides: Path | None = None) -> jinja2.Environment:
    """Return the template environment: the site's overrides first, then the package's templates."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(overrides))
    loaders.append(jinja2.FileSystemLoader(TEMPLATES))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(name: str, overrides: Path | None = None, **context: object) -> str:
    """Return template `name` rendered with `context`."""
    return environment(overrides).get_template(name).render(**context)
