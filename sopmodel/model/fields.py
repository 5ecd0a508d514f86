"""Read raw front-matter values only when they have the expected type.

The checks that span files run on every readable file, also on files whose front
matter failed the schema (so that one run reports everything). They read fields
through these functions, which never raise, whatever the YAML held.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
"""Address schemes that run code or carry content in a link; never allowed in content."""

_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")


def text(meta: Mapping[str, Any], key: str) -> str | None:
    """Return ``meta[key]`` when it is a text, else None."""
    value = meta.get(key)
    return value if isinstance(value, str) else None


def texts(meta: Mapping[str, Any], key: str) -> list[str]:
    """Return the texts in the list ``meta[key]``; [] when it is not a list."""
    value = meta.get(key)
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def items(meta: Mapping[str, Any], key: str) -> list[Any]:
    """Return the list ``meta[key]``, or [] when it is not a list."""
    value = meta.get(key)
    return value if isinstance(value, list) else []


def unsafe_scheme(address: str) -> str | None:
    """Return the unsafe scheme an address uses (``javascript:``…), or None.

    Browsers ignore case, entities, spaces and control characters inside a scheme,
    so `address` is read the way they read it.

    Example:
        >>> unsafe_scheme(" JaVa&#115;cript:alert(1)"), unsafe_scheme("https://example.org")
        ('javascript:', None)
    """
    normalised = _INVISIBLE.sub("", html.unescape(html.unescape(address))).casefold()
    return next((scheme for scheme in UNSAFE_SCHEMES if normalised.startswith(scheme)), None)
