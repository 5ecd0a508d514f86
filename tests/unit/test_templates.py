"""Every template in sopmodel/site/templates renders hostile input escaped, and overrides work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import meta
from markupsafe import escape

from sopmodel.site import templating

HOSTILE_TEXT = "<script>alert(\"x\")</script> 'q' & javascript:alert(1)"
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &#39;q&#39; &amp; javascript:alert(1)"


class Hostile:
    """Any value a template asks for: every attribute, item and call is hostile text again.

    Attributes named in `fields` are those values instead (for loops that unpack tuples).
    """

    def __init__(self, **fields: object) -> None:
        self._fields = fields

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._fields.get(name, Hostile())

    def __getitem__(self, key: object) -> object:
        return self._fields.get(key, Hostile()) if isinstance(key, str) else Hostile()

    def __call__(self, *args: object, **kwargs: object) -> Hostile:
        return Hostile()

    def __iter__(self):
        return iter([Hostile(), Hostile()])

    def __len__(self) -> int:
        return 2

    def __str__(self) -> str:
        return HOSTILE_TEXT


H = Hostile
PAIRS = [(H(), H()), (H(), H())]
CONTEXTS: dict[str, dict[str, object]] = {
    "dashboard.html": {"statuses": PAIRS, "owners": PAIRS, "status_names": [H(), H()]},
    "implementation_matrix.html": {"hospitals": PAIRS},
    "implementation_list.html": {"cells": PAIRS},
    "history_page.html": {"changes": [H(fields=[(H(), H(), H())])]},
}
"""Context for templates whose loops unpack tuples; all other names are `Hostile`."""

TEMPLATES = sorted(path.name for path in templating.TEMPLATES.glob("*.html"))


class HostileContext(dict):
    """A template context in which every name is hostile (StrictUndefined never fires)."""

    def __missing__(self, key: str) -> object:
        return Hostile()


ATTRIBUTE = re.compile(r'\s[\w:-]+="([^"]*)"')
NO_TEXT = {"icon.html"}
"""Templates that print none of their input (the icon only picks a drawing by name)."""


def source_of(name: str) -> str:
    return (templating.TEMPLATES / name).read_text(encoding="utf-8")


def render_hostile(name: str) -> str:
    names = meta.find_undeclared_variables(templating.environment().parse(source_of(name)))
    context = HostileContext({key: Hostile() for key in names} | CONTEXTS.get(name, {}))
    return templating.render(name, **context)


def test_templates_are_found():
    assert len(TEMPLATES) >= 30
    assert set(CONTEXTS) <= set(TEMPLATES)
    assert set(TEMPLATES) >= NO_TEXT
    assert str(escape(HOSTILE_TEXT)) == ESCAPED


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_escapes_hostile_input(name):
    html = render_hostile(name)
    assert html.count("<script") == source_of(name).count("<script")  # only the template's own
    assert HOSTILE_TEXT not in html
    for value in ATTRIBUTE.findall(html):  # a quote in a value would end it early
        assert "<" not in value and "'" not in value, value
    assert (ESCAPED in html) is (name not in NO_TEXT)


def test_every_template_is_rendered_by_the_test():
    listing = sorted(path.name for path in Path(templating.__file__).with_name("templates").iterdir())
    assert listing == TEMPLATES


def test_wrap_table_is_the_one_scrolling_region():
    assert templating.wrap_table("\n<table></table>\n", labelledby="t-caption") == (
        '<div class="sop-table" role="region" aria-labelledby="t-caption" tabindex="0">\n<table></table>\n</div>'
    )
    assert templating.wrap_table("<table></table>", label='A "&" B', css="wide") == (
        '<div class="sop-table wide" role="region" aria-label="A &#34;&amp;&#34; B" tabindex="0"><table></table></div>'
    )


def test_a_site_overrides_a_fragment_from_overrides_fragments(tmp_path):
    folder = tmp_path / "overrides" / "fragments"
    folder.mkdir(parents=True)
    (folder / "sop_title.html").write_text("<h1>{{ sop.id }}!</h1>", encoding="utf-8")
    sop = Hostile(id="CT-<1>")
    assert templating.render("sop_title.html", folder, sop=sop) == "<h1>CT-&lt;1&gt;!</h1>"
    assert templating.render("time.html", folder, day=Hostile(), text="x") == f'<time datetime="{ESCAPED}">x</time>'
    templating.use_overrides(folder)
    try:
        assert templating.render("sop_title.html", sop=sop) == "<h1>CT-&lt;1&gt;!</h1>"
    finally:
        templating.use_overrides(None)
    assert templating.render("sop_title.html", sop=sop) == (
        f'<h1 id="sop-title"><span class="sop-id">CT-&lt;1&gt;</span> {ESCAPED}</h1>\n'
    )
