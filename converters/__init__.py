"""Convert legacy PDF SOPs (Word exports) into front-matter Markdown.

Example:
    >>> from converters import convert_pdf
    >>> result = convert_pdf("tests/fixtures/pdfs/ct-sop-07-informed-consent.pdf")
    >>> result.front_matter["id"]
    'CT-SOP-07'
"""

from __future__ import annotations

__version__ = "0.1.0"
CONVERTER_NAME = f"norcrin-converters {__version__}"

from converters.convert import Conversion, convert_pdf  # noqa: E402
from converters.pages import ImageFile  # noqa: E402
from converters.pdf import ConversionError  # noqa: E402

__all__ = ["CONVERTER_NAME", "Conversion", "ConversionError", "ImageFile", "__version__", "convert_pdf"]
