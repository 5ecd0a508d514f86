"""Write the odd PDFs in ``tests/fixtures/odd/``: hand-built files that trigger real-world failures.

Real-world SOP PDFs break converters in ways the team's own Word and LibreOffice exports
never do (issue 12): object trees nested deeper than Python's recursion limit, page boxes
that are missing or malformed, pictures placed outside the page, running headers that
carry the document id, Word's tagged export with Calibri fonts, nynorsk label blocks,
Norwegian hyphenation, Markdown-like text and ``javascript:`` links. Each file here is
written byte by byte by this script (no producer needed), so it is small, the same on
every machine, and shows exactly one kind of trouble.

Fonts are not embedded: each font names its ``BaseFont`` as the producer would (e.g.
``BCDEEE+Calibri-Bold`` as Word writes it) and carries the widths of the matching
standard font, so text positions are exact.

Usage: python scripts/make_odd_pdfs.py [--out DIR]   (default: tests/fixtures/odd)
"""

from __future__ import annotations

import argparse
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from pdfminer.fontmetrics import FONT_METRICS

ROOT = Path(__file__).resolve().parent.parent
ODD = ROOT / "tests" / "fixtures" / "odd"
A4 = (595, 842)
# Font key -> (BaseFont as the producer writes it, standard font whose widths it uses).
FONTS = {
    "R": ("Helvetica", "Helvetica"),
    "B": ("Helvetica-Bold", "Helvetica-Bold"),
    "C": ("BCDEEE+Calibri", "Helvetica"),
    "CB": ("BCDFEE+Calibri-Bold", "Helvetica-Bold"),
    "CL": ("BCDGEE+Calibri-Light", "Helvetica"),
    "T": ("Times-Roman", "Times-Roman"),
    "TB": ("Times-Bold", "Times-Bold"),
}


@dataclass
class Text:
    """One line of text: x, y from the bottom-left, font key, size, the text and a marked-content tag."""

    x: float
    y: float
    font: str
    size: float
    text: str
    tag: str | None = None
    color: tuple[float, float, float] | None = None


@dataclass
class Page:
    """A page: its lines, link annotations (x0, y0, x1, y1, uri) and extra page-dictionary entries."""

    lines: list[Text] = field(default_factory=list)
    links: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    image_at: tuple[float, float, float, float] | None = None  # x, y, width, height
    box: str = f"/MediaBox [0 0 {A4[0]} {A4[1]}]"


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of `text` set in `font` at `size`."""
    widths = FONT_METRICS[FONTS[font][1]][1]
    return sum(widths.get(c, 556) for c in text) * size / 1000


def pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1) bytes."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def font_object(font: str) -> bytes:
    """A simple TrueType/Type1 font dictionary with WinAnsi widths."""
    name, metrics = FONTS[font]
    widths = FONT_METRICS[metrics][1]
    row = []
    for code in range(32, 256):
        char = bytes([code]).decode("cp1252", errors="replace")
        row.append(str(widths.get(char, 556)))
    subtype = "Type1" if "+" not in name else "TrueType"
    flags = 32 | (2 if name.startswith("Times") else 0)
    descriptor = (
        f"/FontDescriptor << /Type /FontDescriptor /FontName /{name} /Flags {flags} /FontBBox [-166 -225 1000 931] "
        "/ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 80 >>"
    )
    return (
        f"<< /Type /Font /Subtype /{subtype} /BaseFont /{name} /FirstChar 32 /LastChar 255 "
        f"/Widths [{' '.join(row)}] /Encoding /WinAnsiEncoding {descriptor} >>"
    ).encode()


def page_stream(page: Page) -> bytes:
    """The content stream: each line in BT/ET, inside a BDC/EMC pair when it has a tag."""
    out = []
    mcid = 0
    for line in page.lines:
        body = f"BT /{line.font} {line.size} Tf {line.x} {line.y} Td ".encode() + pdf_string(line.text) + b" Tj ET"
        if line.color:
            body = "{} {} {} rg ".format(*line.color).encode() + body + b" 0 0 0 rg"
        if line.tag == "Artifact":
            body = b"/Artifact << /Type /Pagination >> BDC " + body + b" EMC"
        elif line.tag:
            body = f"/{line.tag} << /MCID {mcid} >> BDC ".encode() + body + b" EMC"
            mcid += 1
        out.append(body)
    if page.image_at:
        x, y, width, height = page.image_at
        out.append(f"q {width} 0 0 {height} {x} {y} cm /Im1 Do Q".encode())
    return b"\n".join(out)


class Writer:
    """Collects numbered objects and writes a PDF with a correct cross-reference table."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes) -> int:
        """Add an object; return its number."""
        self.objects.append(body)
        return len(self.objects)

    def reserve(self) -> int:
        """Reserve an object number to fill in later."""
        return self.add(b"null")

    def set(self, number: int, body: bytes) -> None:
        """Fill in a reserved object."""
        self.objects[number - 1] = body

    def stream(self, data: bytes, extra: str = "") -> int:
        """Add a Flate-compressed stream object."""
        packed = zlib.compress(data)
        return self.add(f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream")

    def to_bytes(self, root: int, info: int | None) -> bytes:
        """Serialise with header, xref table and trailer."""
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        info_ref = f" /Info {info} 0 R" if info else ""
        out += f"trailer\n<< /Size {len(self.objects) + 1} /Root {root} 0 R{info_ref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def build_pdf(pages: list[Page], info: dict[str, str] | None = None, tagged: bool = False, extra_annots: str = "") -> bytes:
    """Write a PDF of `pages` with the fonts, links and document info given."""
    writer = Writer()
    fonts = {key: writer.add(font_object(key)) for key in FONTS}
    font_refs = " ".join(f"/{key} {number} 0 R" for key, number in fonts.items())
    pages_ref = writer.reserve()
    kids = []
    for page in pages:
        content = writer.stream(page_stream(page))
        xobjects = ""
        if page.image_at:
            image = writer.stream(b"\x80\x40\xc0\xff" * 4, "/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 ")
            xobjects = f" /XObject << /Im1 {image} 0 R >>"
        annots = []
        for x0, y0, x1, y1, uri in page.links:
            action = writer.add(b"<< /S /URI /URI " + pdf_string(uri) + b" >>")
            annots.append(writer.add(f"<< /Type /Annot /Subtype /Link /Rect [{x0} {y0} {x1} {y1}] /Border [0 0 0] /A {action} 0 R >>".encode()))
        annot_entry = f" /Annots [{' '.join(f'{a} 0 R' for a in annots)}]" if annots else extra_annots
        kids.append(
            writer.add(
                f"<< /Type /Page /Parent {pages_ref} 0 R {page.box} /Contents {content} 0 R "
                f"/Resources << /Font << {font_refs} >>{xobjects} >>{annot_entry} >>".encode()
            )
        )
    writer.set(pages_ref, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode())
    mark = " /MarkInfo << /Marked true >> /Lang (nb-NO)" if tagged else ""
    root = writer.add(f"<< /Type /Catalog /Pages {pages_ref} 0 R{mark} >>".encode())
    info_ref = None
    if info:
        info_ref = writer.add(b"<< " + b" ".join(f"/{k} ".encode() + pdf_string(v) for k, v in info.items()) + b" >>")
    return writer.to_bytes(root, info_ref)


def flow(lines: list[tuple[str, str, float]], top: float = 770, x: float = 72, tag_of=None) -> list[Text]:
    """Lay out (font, text, size) lines top to bottom; an empty text is a paragraph gap."""
    out, y = [], top
    for font, text, size in lines:
        if not text:
            y -= size * 0.8
            continue
        tag = tag_of(font, size) if tag_of else None
        out.append(Text(x, y, font, size, text, tag))
        y -= size * 1.35
    return out


def simple_page(title: str, body: str) -> Page:
    """A one-page body: a bold title and one paragraph."""
    return Page(flow([("B", title, 16), ("", "", 11), ("R", body, 11)]))


def chain_pdf(depth: int) -> bytes:
    """A page whose link annotation holds a chain of `depth` dictionaries, each pointing to the next."""
    writer = Writer()
    font = writer.add(font_object("R"))
    first = len(writer.objects) + 1
    for index in range(depth):
        nxt = f" /Next {first + index + 1} 0 R" if index + 1 < depth else ""
        writer.add(f"<< /Kind /Step{nxt} >>".encode())
    content = writer.stream(page_stream(simple_page("Nested", "A page whose annotation nests very deep.")))
    annot = writer.add(f"<< /Type /Annot /Subtype /Link /Rect [72 700 200 720] /A {first} 0 R >>".encode())
    pages = writer.reserve()
    page = writer.add(
        f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
        f"/Resources << /Font << /R {font} 0 R >> >> /Annots [{annot} 0 R] >>".encode()
    )
    writer.set(pages, f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode())
    root = writer.add(f"<< /Type /Catalog /Pages {pages} 0 R >>".encode())
    return writer.to_bytes(root, None)


def self_drawing_form_pdf() -> bytes:
    """A page that draws a form XObject whose own content draws itself again (endless nesting)."""
    writer = Writer()
    font = writer.add(font_object("R"))
    form = writer.reserve()
    packed = zlib.compress(b"BT /R 11 Tf 72 600 Td (loop) Tj ET /Fm1 Do")
    writer.set(
        form,
        f"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /R {font} 0 R >> "
        f"/XObject << /Fm1 {form} 0 R >> >> /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode()
        + packed
        + b"\nendstream",
    )
    content = writer.stream(page_stream(simple_page("Loop", "This page draws a form that draws itself.")) + b"\n/Fm1 Do")
    pages = writer.reserve()
    page = writer.add(
        f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
        f"/Resources << /Font << /R {font} 0 R >> /XObject << /Fm1 {form} 0 R >> >> >>".encode()
    )
    writer.set(pages, f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode())
    root = writer.add(f"<< /Type /Catalog /Pages {pages} 0 R >>".encode())
    return writer.to_bytes(root, None)


def robustness_cases() -> dict[str, bytes]:
    """PDFs that made pdfplumber or pdfminer raise in real batches (issue 12)."""
    off_page = simple_page("Bilde utenfor siden", "Bildet under er plassert utenfor sidekanten.")
    off_page.image_at = (700, 400, 60, 60)
    no_box = simple_page("Uten sideboks", "Siden har ingen MediaBox.")
    no_box.box = ""
    named_box = simple_page("Sideboks med navn", "Sideboksen har et navn der et tall skulle stå.")
    named_box.box = "/MediaBox [0 0 /Letter 842]"
    inverted = simple_page("Snudd sideboks", "Sideboksen er skrevet fra øvre høyre hjørne, med bilde.")
    inverted.box = "/MediaBox [595 842 0 0] /CropBox [600 900 700 1000]"
    inverted.image_at = (100, 400, 60, 60)
    return {
        "bad-deep-nesting.pdf": chain_pdf(1500),
        "odd-self-drawing-form.pdf": self_drawing_form_pdf(),
        "odd-image-off-page.pdf": build_pdf([off_page]),
        "bad-no-mediabox.pdf": build_pdf([no_box]),
        "bad-mediabox-name.pdf": build_pdf([named_box]),
        "odd-inverted-boxes.pdf": build_pdf([inverted]),
    }


def main(argv: list[str] | None = None) -> int:
    """Write every odd PDF into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ODD)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cases = robustness_cases() | content_cases()
    for name, data in sorted(cases.items()):
        (args.out / name).write_bytes(data)
        sys.stdout.write(f"wrote {args.out / name} ({len(data)} bytes)\n")
    return 0


def content_cases() -> dict[str, bytes]:
    """Layouts seen in real SOPs: headers with ids, Word export, nynorsk, escaping (filled in below)."""
    return {}


if __name__ == "__main__":
    raise SystemExit(main())
