"""Images without a text alternative, found in a page's HTML so that the build can warn.

WCAG 1.1.1: every <img> needs an `alt` attribute. A decorative image has an empty one
(`alt=""`, in Markdown `![](bilde.png)` gives that too, so this is a deliberate choice);
an image with no `alt` at all is reported.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _ImageFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.missing: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        names = {name for name, _ in attrs}
        if "alt" in names:
            return
        # role="presentation"/"none" or aria-hidden images are decorative by markup.
        values = dict(attrs)
        if values.get("aria-hidden") == "true" or values.get("role") in {"presentation", "none"}:
            return
        self.missing.append((self.getpos()[0], values.get("src") or "(no src)"))

    handle_startendtag = handle_starttag


def find_images_without_alt(html: str, path: str) -> list[str]:
    r"""Return one warning per <img> without an alt attribute in `html` (the page at `path`).

    >>> find_images_without_alt('<p><img src="a.png" alt="Flytskjema"> <img src="b.png" alt=""></p>', "x.md")
    []
    >>> for warning in find_images_without_alt('<p>\n<img src="f.png"></p>', "x.md"):
    ...     print(warning)
    x.md: image 'f.png' (line 2 of the built page) has no alt text; describe it, or write alt="" if it is decorative
    >>> find_images_without_alt('<img src="x.svg" aria-hidden="true"/>', "p.md")
    []
    """
    finder = _ImageFinder()
    finder.feed(html)
    finder.close()
    return [
        f"{path}: image '{src}' (line {line} of the built page) has no alt text; describe it, "
        'or write alt="" if it is decorative'
        for line, src in finder.missing
    ]
