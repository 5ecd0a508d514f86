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
import math
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
# Fonts written only into the PDFs that use them (the other fixtures stay byte for byte the same).
EXTRA_FONTS = {"I": ("Helvetica-Oblique", "Helvetica")}


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
    slant: float = 0  # degrees: a watermark set across the page


@dataclass
class Page:
    """A page: its lines, link annotations (x0, y0, x1, y1, uri) and extra page-dictionary entries."""

    lines: list[Text] = field(default_factory=list)
    links: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    image_at: tuple[float, float, float, float] | None = None  # x, y, width, height
    more_images: list[tuple[float, float, float, float]] = field(default_factory=list)  # drawn under the text
    rects: list[tuple[float, float, float, float]] = field(default_factory=list)  # stroked x, y, width, height
    box: str = f"/MediaBox [0 0 {A4[0]} {A4[1]}]"


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of `text` set in `font` at `size`."""
    widths = FONT_METRICS[{**FONTS, **EXTRA_FONTS}[font][1]][1]
    return sum(widths.get(c, 556) for c in text) * size / 1000


def pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (Latin-1) bytes."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def font_object(font: str) -> bytes:
    """A simple TrueType/Type1 font dictionary with WinAnsi widths."""
    name, metrics = {**FONTS, **EXTRA_FONTS}[font]
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
    out = [f"q {w} 0 0 {h} {x} {y} cm /Im1 Do Q".encode() for x, y, w, h in page.more_images]
    mcid = 0
    for line in page.lines:
        body = f"BT /{line.font} {line.size} Tf {line.x} {line.y} Td ".encode() + pdf_string(line.text) + b" Tj ET"
        if line.slant:
            cos, sin = math.cos(math.radians(line.slant)), math.sin(math.radians(line.slant))
            place = f"{cos:.4f} {sin:.4f} {-sin:.4f} {cos:.4f} {line.x} {line.y} Tm "
            body = f"BT /{line.font} {line.size} Tf {place}".encode() + pdf_string(line.text) + b" Tj ET"
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
    out.extend(f"0.5 w {x} {y} {width} {height} re S".encode() for x, y, width, height in page.rects)
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
        return self.add(
            f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode() + packed + b"\nendstream"
        )

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
        trailer = f"<< /Size {len(self.objects) + 1} /Root {root} 0 R{info_ref} >>"
        out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def build_pdf(
    pages: list[Page], info: dict[str, str] | None = None, tagged: bool = False, extra_annots: str = ""
) -> bytes:
    """Write a PDF of `pages` with the fonts, links and document info given."""
    writer = Writer()
    used = {line.font for page in pages for line in page.lines}
    fonts = {key: writer.add(font_object(key)) for key in [*FONTS, *(key for key in EXTRA_FONTS if key in used)]}
    font_refs = " ".join(f"/{key} {number} 0 R" for key, number in fonts.items())
    pages_ref = writer.reserve()
    kids = []
    for page in pages:
        content = writer.stream(page_stream(page))
        xobjects = ""
        if page.image_at or page.more_images:
            image = writer.stream(
                b"\x80\x40\xc0\xff" * 4,
                "/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
            )
            xobjects = f" /XObject << /Im1 {image} 0 R >>"
        annots = []
        for x0, y0, x1, y1, uri in page.links:
            action = writer.add(b"<< /S /URI /URI " + pdf_string(uri) + b" >>")
            annots.append(
                writer.add(
                    f"<< /Type /Annot /Subtype /Link /Rect [{x0} {y0} {x1} {y1}] /Border [0 0 0] "
                    f"/A {action} 0 R >>".encode()
                )
            )
        annot_entry = f" /Annots [{' '.join(f'{a} 0 R' for a in annots)}]" if annots else extra_annots
        kids.append(
            writer.add(
                f"<< /Type /Page /Parent {pages_ref} 0 R {page.box} /Contents {content} 0 R "
                f"/Resources << /Font << {font_refs} >>{xobjects} >>{annot_entry} >>".encode()
            )
        )
    writer.set(
        pages_ref, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
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
    content = writer.stream(
        page_stream(simple_page("Loop", "This page draws a form that draws itself.")) + b"\n/Fm1 Do"
    )
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
        "odd-table-past-page.pdf": table_past_page_pdf(),
        "odd-page-frame.pdf": page_frame_pdf(),
        "bad-deep-nesting.pdf": chain_pdf(1500),
        "odd-self-drawing-form.pdf": self_drawing_form_pdf(),
        "odd-image-off-page.pdf": build_pdf([off_page]),
        "bad-no-mediabox.pdf": build_pdf([no_box]),
        "bad-mediabox-name.pdf": build_pdf([named_box]),
        "odd-inverted-boxes.pdf": build_pdf([inverted]),
    }


def table_past_page_pdf() -> bytes:
    """A ruled table whose last row lies below the page's bottom edge (a web page printed to PDF).

    pdfplumber finds the table with its whole frame, and cropping the page to it raised
    "Bounding box ... is not fully within parent page bounding box".
    """
    lines = [Text(72, 760, "B", 16, "Tabell over sidekanten")]
    lines.append(Text(72, 730, "R", 11, "Tabellen under går ut av siden."))
    cells = [(120, 75, "Rolle"), (120, 275, "Ansvar"), (102, 75, "Sponsor"), (102, 275, "Melding"), (-20, 75, "Borte")]
    lines += [Text(x, y - 13, "R", 9, text) for y, x, text in cells]
    rects = [(72, y - 18, 200, 18) for y, _, _ in cells[::2]] + [(272, y - 18, 200, 18) for y, _, _ in cells[::2]]
    return build_pdf([Page(lines, rects=rects)])


def page_frame_pdf() -> bytes:
    """A page whose headings and text sit in the middle cell of a ruled frame (a web page printed to PDF).

    The frame is a three-column "table" with one cell of text: it is read as text, headings included.
    """
    body = [
        ("B", "Retningslinje for lagring", 18),
        ("", "", 11),
        ("B", "Formål", 14),
        ("R", "Retningslinjen sier hvordan studiedata lagres.", 11),
        ("", "", 11),
        ("B", "Ansvar", 14),
        ("R", "Prosjektleder har ansvaret for lagringen.", 11),
    ]
    lines = flow(body, top=760, x=90)
    rects = [(20, 560, 50, 250), (70, 560, 455, 250), (525, 560, 50, 250)]
    return build_pdf([Page(lines, rects=rects)])


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


def furniture(header: str, footer: str, font: str = "R", tag: str | None = None) -> list[Text]:
    """A running header at the top and a footer at the bottom of the page, in 9 pt."""
    lines = []
    if header:
        lines.append(Text(72, 805, font, 9, header, tag))
    if footer:
        lines.append(Text(A4[0] - 72 - text_width(footer, font, 9), 30, font, 9, footer, tag))
    return lines


def markdown_syntax_pdf() -> bytes:
    """Text that looks like Markdown, HTML and [[ID]] links, and one javascript: link annotation."""
    lines = flow(
        [
            ("B", "Lenker og tegn", 16),
            ("", "", 11),
            ("R", "Denne siden har tekst som ligner Markdown og HTML. Ingenting av det skal bli", 11),
            ("R", "lenker, kursiv, kode eller overskrifter på nettstedet, og ingen av lenkene skal", 11),
            ("R", "kunne kjøre skript i nettleseren.", 11),
            ("", "", 11),
            ("R", "Lenke [klikk](javascript:alert(3))", 11),
            ("", "", 11),
            ("R", "Tekst med *stjerner*, _understrek_, `kode` og <script>alert(1)</script>.", 11),
            ("", "", 11),
            ("R", "Se [[CT-SOP-07]] og {#id .klasse} her.", 11),
            ("", "", 11),
            ("R", "# ikke en overskrift", 11),
            ("", "", 11),
            ("R", ": ikke en definisjon", 11),
            ("", "", 11),
            ("R", "!!! note ikke en merknad", 11),
            ("", "", 11),
            ("R", "Trykk her for mer.", 11),
            ("", "", 11),
            ("R", "Les mer hos NorCRIN.", 11),
        ]
    )
    click, more = lines[-2], lines[-1]
    click_x1 = click.x + text_width("Trykk her", "R", 11)
    more_x0 = more.x + text_width("Les mer hos ", "R", 11)
    more_x1 = more.x + text_width("Les mer hos NorCRIN", "R", 11)
    links = [
        (click.x, click.y - 3, click_x1, click.y + 9, "javascript:alert(document.cookie)"),
        (more_x0, more.y - 3, more_x1, more.y + 9, "https://www.norcrin.no/"),
    ]
    return build_pdf([Page(lines, links)])


NN_PAGE_1 = [
    ("B", "Randomisering og blinding", 18),
    ("", "", 11),
    ("R", "Versjon: 2.1", 11),
    ("R", "Gyldig frå: 21. mai 2026", 11),
    ("R", "Revidert: okt. 2025", 11),
    ("R", "Godkjend av: Fagrådet i NorCRIN", 11),
    ("R", "Utarbeidd av: Kari Nordmann", 11),
    ("", "", 11),
    ("B", "1 Føremål", 11),
    ("", "", 11),
    ("R", "Prosedyren skildrar korleis randomiseringslista vert laga, og kva sjukehusapo-", 11),
    ("R", "teket gjer når koden skal brytast. Reinformasjo-", 11),
    ("R", "nen til deltakarane skal vere skriftleg. Sjå CT-", 11),
    ("R", "SOP-07 og send e-", 11),
    ("R", "post til studieleiaren dersom noko er uklart.", 11),
    ("", "", 11),
    ("R", "2 Ansvar", 11),
    ("", "", 11),
    ("R", "Utprøvaren har ansvaret for at lista ikkje vert kjend for andre enn dei som treng", 11),
    ("R", "henne.", 11),
    ("", "", 11),
    ("R", "2.1 Sponsor", 11),
    ("", "", 11),
    ("R", "Sponsor lagar lista før den første deltakaren vert inkludert.", 11),
]
NN_PAGE_2 = [
    ("R", "3 Gjennomføring", 11),
    ("", "", 11),
    ("R", "Koden vert broten berre når det er naudsynt for tryggleiken til deltakaren, og", 11),
    ("R", "alltid av to personar. Dette skal dokumenterast i studiepermen.", 11),
]


def nynorsk_header_pdf() -> bytes:
    """Nynorsk SOP: id only in the running header, nynorsk labels, a person as author, hyphenation."""
    pages = []
    for number, body in enumerate((NN_PAGE_1, NN_PAGE_2), start=1):
        lines = furniture("Dokument-ID CT-SOP-03", f"Side {number} av 2") + flow(body)
        pages.append(Page(lines))
    return build_pdf(pages, {"Author": "Kari Nordmann", "Producer": "LibreOffice 7.4"})


WORD_BLUE = (0.184, 0.329, 0.588)


def word_export_pdf(tagged: bool = True) -> bytes:
    """Word's own export: Calibri fonts, headings in Calibri Light and blue, id in a header line.

    With `tagged` (Word's default) headings are marked H1-H3 and the header is an Artifact;
    without it only the fonts and sizes tell them.
    """
    spec = [
        ("CL", "Monitoring Visits", 28, "P"),
        ("", "", 11, None),
        ("C", "Effective date: May 21st, 2026", 11, "P"),
        ("C", "Last reviewed: 31/10/2025", 11, "P"),
        ("C", "Owner: AP2 SOP", 11, "P"),
        ("C", "Version 1.0", 11, "P"),
        ("", "", 11, None),
        ("CL", "Purpose", 16, "H1"),
        ("", "", 11, None),
        ("C", "This procedure describes how monitoring visits are planned, made and reported in", 11, "P"),
        ("C", "clinical trials.", 11, "P"),
        ("", "", 11, None),
        ("CL", "Planning the visit", 13, "H2"),
        ("", "", 11, None),
        ("C", "The monitor agrees the date with the site and sends the agenda in advance.", 11, "P"),
        ("", "", 11, None),
        ("CL", "Documents to bring", 12, "H3"),
        ("", "", 11, None),
        ("C", "The monitor brings the visit log and the list of open queries.", 11, "P"),
    ]
    lines, y = [], 770.0
    for font, text, size, tag in spec:
        if not text:
            y -= size * 0.8
            continue
        color = WORD_BLUE if font == "CL" and size < 20 else None
        lines.append(Text(72, y, font, size, text, tag if tagged else None, color))
        y -= size * 1.35
    header = "CT-SOP-12   Monitoring Visits   Side 1 av 1"
    lines = [Text(72, 805, "C", 9, header, "Artifact" if tagged else None), *lines]
    info = {"Author": "Ola Nordmann", "Creator": "Microsoft® Word for Microsoft 365"}
    return build_pdf([Page(lines)], info, tagged=tagged)


def dokument_id_line_pdf() -> bytes:
    """A plain "Dokument-ID: CT-SOP-77" line at the top of page 1, a unit as owner, numeric dates."""
    body = [
        ("R", "Dokument-ID: CT-SOP-77", 10),
        ("", "", 11),
        ("B", "Prøvetaking og forsendelse", 18),
        ("", "", 11),
        ("R", "Gyldig fra: 14.09.2022", 11),
        ("R", "Revidert: 2025-10-31", 11),
        ("R", "Dokumenteier: Seksjon for klinisk forskning", 11),
        ("", "", 11),
        ("R", "1 Formål", 11),
        ("", "", 11),
        ("R", "Rutinen beskriver hvordan prøver tas, merkes og sendes til laboratoriet. Den gjelder", 11),
        ("R", "for alle studier ved enheten.", 11),
    ]
    return build_pdf([Page(flow(body))], {"Author": "Ola Nordmann", "Title": "Microsoft Word - rutine.docx"})


BROWSER_PAGES = [
    [
        ("B", "Rutine for prøvetaking", 18),
        ("", "", 11),
        ("B", "Innholdsfortegnelse", 12),
        ("R", "1 Formål . . . . . . . . . . . . . . . . . . . . . . . 1", 11),
        ("R", "2 Ansvar . . . . . . . . . . . . . . . . . . . . . . . 2", 11),
        ("", "", 11),
        ("B", "1 Formål", 13),
        ("", "", 11),
        ("R", "Rutinen sikrer at prøvene blir tatt likt ved alle studiesteder.", 11),
    ],
    [
        ("B", "2 Ansvar", 13),
        ("", "", 11),
        ("R", "Studiesykepleieren tar prøvene og fører dem i prøveloggen.", 11),
    ],
]


def browser_print_pdf() -> bytes:
    """A browser's print: date and title at the top, address and "1/2" at the bottom of each page."""
    pages = []
    for number, body in enumerate(BROWSER_PAGES, start=1):
        furniture_lines = [
            Text(20, 820, "R", 8, "04.12.2026, 18:51"),
            Text(250, 820, "R", 8, "Rutine for prøvetaking"),
            Text(20, 15, "R", 8, "https://intranett.example.no/rutiner/provetaking.html"),
            Text(560, 15, "R", 8, f"{number}/2"),
        ]
        pages.append(Page(furniture_lines + flow(body)))
    return build_pdf(pages, {"Title": "Rutine for prøvetaking", "Creator": "Chromium"})


def header_table_pdf() -> bytes:
    """A running header printed as a ruled table (id, title, "Side 1 av 2") on every page."""
    bodies = [
        [
            ("R", "Gyldig fra: 01.02.2025", 11),
            ("R", "Godkjent av: Avdelingsleder", 11),
            ("R", "Ansvarlig enhet: Forskningsposten", 11),
            ("", "", 11),
            ("B", "1 Formål", 12),
            ("", "", 11),
            ("R", "Prosedyren beskriver hvordan biologisk materiale blir merket, lagret og sendt.", 11),
        ],
        [("B", "2 Ansvar", 12), ("", "", 11), ("R", "Studiesykepleieren har ansvaret for prøvene.", 11)],
    ]
    pages = []
    for number, body in enumerate(bodies, start=1):
        cells = [
            ("Dok.nr. LM-SOP-21", 72, 130),
            ("Håndtering av biologisk materiale", 202, 220),
            (f"Side {number} av 2", 422, 101),
        ]
        lines = [Text(x + 4, 795, "R", 9, text) for text, x, _ in cells]
        rects = [(x, 788, width, 20) for _, x, width in cells]
        pages.append(Page([*lines, *flow(body, top=740)], rects=rects))
    return build_pdf(pages, {"Title": "Håndtering av biologisk materiale", "Author": "Kari Nordmann"})


def quiet_headings_pdf() -> bytes:
    """One browser-printed page; headings only bold at body size, or 12.5 pt in the body's own font."""
    body = [
        ("T", "Oppbevaring av utprøvingspreparat", 12.5),
        ("", "", 11),
        ("T", "Preparatet oppbevares i låst skap med temperaturlogg. Loggen leses hver dag og", 11),
        ("T", "avvik meldes til sponsor samme dag.", 11),
        ("", "", 11),
        ("TB", "Retur og destruksjon", 11),
        ("", "", 11),
        ("T", "Ubrukt preparat returneres eller destrueres etter avtale med sponsor, og det", 11),
        ("T", "føres regnskap over alt som er mottatt og levert.", 11),
        ("", "", 11),
        ("T", "ANSVAR:", 11),
        ("", "", 11),
        ("T", "Utprøveren har ansvaret for preparatet på studiestedet, og kan delegere oppgaver.", 11),
        ("", "", 11),
        ("TB", "Hvem kan jeg spørre?", 11),
        ("", "", 11),
        ("T", "Spør studiekoordinatoren eller sykehusapoteket.", 11),
    ]
    top = [
        Text(20, 820, "T", 8, "21.05.2026, 09:12"),
        Text(250, 832, "T", 8, "Preparathåndtering"),
        Text(20, 15, "T", 8, "file:///C:/Users/kari/preparat.html"),
        Text(560, 15, "T", 8, "1/1"),
    ]
    title = [("TB", "Preparathåndtering", 18), ("", "", 11)]
    return build_pdf([Page(top + flow(title + body))], {"Title": "Preparathåndtering", "Creator": "Chromium"})


def letterhead_draft_pdf() -> bytes:
    """Two pages under a letterhead that reaches below the margin zone.

    The letterhead has a logo of dots, the unit on the left and "Utkast: ..." on the right;
    the text opens with a chapter heading at body size ("12. LEGEMIDDELHÅNDTERING"), gives
    an edition line, and has an underlined heading.
    """

    def letterhead() -> list[Text]:
        return [
            Text(96, 742, "B", 11, "Eksempelklinikken"),
            Text(360, 742, "R", 11, "Utkast: versjon 0.3"),
        ]

    dots = [(72 + 5 * i, 744, 3, 3) for i in range(4)]
    first = flow(
        [
            ("B", "12. LEGEMIDDELHÅNDTERING", 11),
            ("R", "1. utgave", 11),
            ("", "", 11),
            ("B", "12.1 Mottak", 11),
            ("", "", 11),
            ("R", "Legemidler tas imot av farmasøyt og kontrolleres mot følgeseddelen samme dag.", 11),
            ("", "", 11),
            ("R", "Retur til apoteket:", 11),
            ("R", "Ubrukte legemidler leveres tilbake i forseglet pose med returskjema.", 11),
        ],
        top=690,
    )
    underline = first[-2]
    rule = (underline.x, underline.y - 1.5, text_width(underline.text, "R", 11), 0)
    second = flow(
        [
            ("B", "12.2 Oppbevaring", 11),
            ("", "", 11),
            ("R", "Skapet er låst, og temperaturen logges hver dag av den som har vakt.", 11),
        ],
        top=690,
    )
    pages = [
        Page(letterhead() + first + furniture("", "Side 1 av 2"), rects=[*dots, rule]),
        Page(letterhead() + second + furniture("", "Side 2 av 2"), rects=list(dots)),
    ]
    return build_pdf(pages)


def toc_columns_pdf() -> bytes:
    """A printed table of contents whose entries line up like a table ("1  Formål ... 1")."""
    entries = [("1", "Formål", "1"), ("2", "Ansvar", "1"), ("3", "Fremgangsmåte", "2"), ("4", "Referanser", "2")]
    lines = [Text(72, 760, "B", 16, "Innhold")]
    for index, (number, title, page) in enumerate(entries):
        y = 730 - 18 * index
        lines += [Text(72, y, "R", 11, number), Text(100, y, "R", 11, title), Text(515, y, "R", 11, page)]
    body = flow(
        [
            ("B", "1 Formål", 13),
            ("", "", 11),
            ("R", "Rutinen beskriver hvordan prøver merkes og sendes til laboratoriet.", 11),
            ("", "", 11),
            ("B", "2 Ansvar", 13),
            ("", "", 11),
            ("R", "Studiesykepleier har ansvaret for at prøvene sendes samme dag.", 11),
        ],
        top=620,
    )
    return build_pdf([Page(lines + body)])


def heading_styles_pdf() -> bytes:
    """Word-like page, Calibri 11 pt: headings as real SOPs set them at body size.

    A plain number before a bold title ("1 **Formål**"), a bold title ending in a full stop
    ("Omfang.", and "Forsendelse av Prøver." over an indented paragraph with no gap), a
    heading number on a line of its own above its title ("2.1" / "Ansvar og roller"), a
    section number with no title ("2.2", as LaTeX prints it); and lines that are text: a
    labelled date set large ("Oppdatert: 2026-03-01"), a bold sentence standing alone, and a
    bold lead-in sentence that runs on into its paragraph.
    """
    spec: list[tuple[str, str, float] | tuple[str, str, float, str, str]] = [
        ("CB", "Håndtering av biologisk materiale", 16),
        ("", "", 11),
        ("C", "Oppdatert: 2026-03-01", 14),
        ("", "", 11),
        ("C", "1", 11, "CB", "Formål"),
        ("", "", 11),
        ("C", "Prosedyren beskriver hvordan blod- og vevsprøver tas, merkes, lagres og sendes i", 11),
        ("C", "kliniske studier ved sykehuset.", 11),
        ("", "", 11),
        ("CB", "Omfang.", 11),
        ("", "", 11),
        ("C", "Prosedyren gjelder alle studier som samler inn humant biologisk materiale.", 11),
        ("", "", 11),
        ("CB", "2.1", 11),
        ("CB", "Ansvar og roller", 11),
        ("", "", 11),
        ("C", "Utprøveren har ansvaret for at prøvene håndteres etter protokollen.", 11),
        ("", "", 11),
        ("CB", "Alle avvik skal meldes til studielederen samme dag som de oppdages.", 11),
        ("", "", 11),
        ("CB", "Merking.", 11, "C", "Hvert rør merkes med studienummer, pasientnummer og dato før"),
        ("C", "prøven tas, og merkingen kontrolleres av en annen person.", 11),
        ("", "", 11),
        ("CB", "2.2", 12),
        ("", "", 11),
        ("C", "Prøvene lagres ved minus 80 grader i biobanken.", 11),
        ("", "", 11),
        ("CB", "Forsendelse av Prøver.", 11),
        (">C", "Prøvene sendes på tørris med godkjent transportør, og mottaket", 11),
        (">C", "bekreftes skriftlig.", 11),
    ]
    placed = flow([(font.lstrip(">"), text, size) for font, text, size, *_ in spec], top=770.0)
    lines = []
    for (font, text, size, *rest), line in zip([entry for entry in spec if entry[1]], placed, strict=True):
        if font.startswith(">"):
            line.x += 18  # a paragraph indented under its title
        lines.append(line)
        if rest:  # a second font on the same line: the title after a plain number or a bold lead-in
            after, more = rest
            gap = 22 if text[:1].isdigit() else text_width(text + " ", font, size)
            lines.append(Text(72 + gap, line.y, after, size, more))
    info = {"Title": "Håndtering av biologisk materiale", "Creator": "Microsoft® Word for Microsoft 365"}
    return build_pdf([Page(lines)], info)


def statute_pdf() -> bytes:
    """Statutes as associations print them, in LibreOffice.

    A centred title block whose lines end in "for" and "under" (one title in three sizes),
    chapters in capitals and "§ 1" centred above its text.
    """
    spec = [
        ("B", "Vedtekter for", 16),
        ("B", "Pasientforeningen under", 12),
        ("R", "Norsk forbund for kliniske studier", 11),
        ("", "", 30),
        ("R", "NAVN OG FORMÅL", 11),
        ("", "", 11),
        ("R", "§ 1", 11),
        ("", "", 11),
        ("R<", "Foreningens navn er Pasientforeningen, og den har sete i Trondheim. Den ble", 11),
        ("R<", "stiftet på årsmøtet i 2024.", 11),
        ("", "", 11),
        ("R", "§ 2", 11),
        ("", "", 11),
        ("R<", "Foreningen skal fremme pasientenes stemme i kliniske studier og gi råd til", 11),
        ("R<", "sykehusene om informasjon til deltakerne.", 11),
        ("", "", 11),
        ("R", "MEDLEMSKAP", 11),
        ("", "", 11),
        ("R", "§ 3", 11),
        ("", "", 11),
        ("R<", "Alle som støtter formålet, kan bli medlem av foreningen. Medlemskapet gjelder", 11),
        ("R<", "fra innmeldingen er registrert.", 11),
    ]
    lines, y = [], 770.0
    for font, text, size in spec:
        if not text:
            y -= size * 0.8
            continue
        key = font.rstrip("<")
        x = 72 if font.endswith("<") else (A4[0] - text_width(text, key, size)) / 2
        lines.append(Text(x, y, key, size, text))
        y -= size * 1.35 if font.endswith("<") else size * 1.6
    return build_pdf([Page(lines)], {"Creator": "Writer", "Producer": "LibreOffice 7.5"})


def ruled_table(rows: list[list[str]], x0: float, top: float, widths: list[float]) -> tuple[list[Text], list]:
    """A table drawn cell by cell with stroked rectangles, 18 pt a row, 9 pt text."""
    lines, rects, y = [], [], top
    for row in rows:
        x = x0
        for text, width in zip(row, widths, strict=True):
            if text:
                lines.append(Text(x + 3, y - 13, "R", 9, text))
            rects.append((x, y - 18, width, 18))
            x += width
        y -= 18
    return lines, rects


def controlled_table_pdf() -> bytes:
    """A quality-manual procedure with its metadata in a header line, a table and a history.

    The id and "Rev. 3" share the running-header line; the metadata table gives dates as
    01-Mar-2021 and a next-review date; page 2 holds the revision history.
    """

    def header(number: int) -> list[Text]:
        return [
            Text(72, 810, "R", 8, "Eksempel Lab"),
            Text(250, 810, "R", 8, "Document No: QP-07"),
            Text(350, 810, "R", 8, "Rev. 3"),
            Text(480, 810, "R", 8, f"Page {number} of 2"),
        ]

    rows = [
        ["Effective date", "01-Mar-2021", "Next review", "01-Mar-2024"],
        ["Owner", "Quality Unit", "Approved by", "J. Smith"],
        ["Status", "Approved", "Supersedes", "Rev. 2"],
    ]
    cells, rects = ruled_table(rows, 72, 740, [110, 110, 110, 120])
    body = [
        ("B", "1 Purpose", 13),
        ("", "", 11),
        ("R", "This procedure describes how deviations are recorded and followed up.", 11),
        ("", "", 11),
        ("B", "2 Scope", 13),
        ("", "", 11),
        ("R", "It applies to all laboratory staff.", 11),
    ]
    first = Page(
        [*header(1), Text(72, 760, "B", 18, "Handling of Deviations"), *cells, *flow(body, top=660)], rects=rects
    )
    history = [
        ["Version", "Date", "Description", "Author"],
        ["1", "12.01.2015", "First version", "A. Berg"],
        ["2", "03.02.2018", "New form", "A. Berg"],
        ["3", "01.03.2021", "Reviewed, no change", "K. Lie"],
    ]
    cells, rects = ruled_table(history, 72, 745, [60, 90, 200, 100])
    second = Page([*header(2), *flow([("B", "3 Revision history", 13)], top=770), *cells], rects=rects)
    return build_pdf([first, second], {"Title": "QP-07.docx"})


def controlled_block_pdf() -> bytes:
    """A hospital procedure whose label block has several pairs on a line.

    The approval date is its only date, it gives a next-revision date and an approver, and
    the id comes back in the footer.
    """
    body = [
        ("B", "Merking og lagring av blodprøver", 18),
        ("", "", 11),
        ("R", "Dok.nr: LM-SOP-30    Versjon: 2.1    Status: Gjeldende", 10),
        ("R", "Godkjent: 15.02.2024    Godkjent av: Fagdirektør    Neste revisjon: 15.02.2027", 10),
        ("R", "Ansvarlig enhet: Seksjon for forskningsstøtte", 10),
        ("", "", 11),
        ("B", "1 Hensikt", 13),
        ("", "", 11),
        ("R", "Prosedyren sikrer at blodprøver i studier blir merket og lagret likt ved alle enhetene,", 11),
        ("R", "slik at prøvene kan spores fra pasienten til biobanken og tilbake når det trengs.", 11),
    ]
    footer = furniture("", "LM-SOP-30 Side 1 av 1")
    return build_pdf([Page([*flow(body), *footer])], {"Title": "Microsoft Word - LM-SOP-30.docx"})


def cover_page_pdf() -> bytes:
    """A cover as Word prints a designed template.

    A logo in the header of every page; the title in centred lines set wide apart on
    coloured bands (pictures), in the same size as the numbered chapters; an unlabelled unit
    line, "Version 2, 3 June 2025", and a table of contents with an entry over two lines.
    """
    logo = (72, 730, 450, 80)
    bands = [(150, 612, 300, 34), (150, 575, 300, 34)]
    title = [
        Text(300 - text_width(t, "B", 20) / 2, y, "B", 20, t)
        for t, y in (("Sedation for Awake", 622), ("Fibreoptic Intubation", 585))
    ]
    cover = [
        ("R", "Anaesthetic Department", 11),
        ("R", "Issue Date: 3 June 2025", 11),
        ("R", "Procedure Authors: Kari Nordmann, Ola Hansen", 11),
        ("R", "Version 2, 3 June 2025", 11),
        ("", "", 11),
        ("B", "Contents", 14),
        ("R", "1. Background . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 2", 11),
        ("R", "2. Setting up the infusion pump and the monitoring", 11),
        ("R", "equipment before the patient arrives . . . . . . . . . . . . . . . . . . 2", 11),
    ]
    body = [
        ("B", "1. Background", 20),
        ("", "", 11),
        ("R", "Sedation lets the patient breathe on their own while the airway is secured.", 11),
        ("", "", 11),
        ("B", "2. Setting up the infusion pump", 20),
        ("", "", 11),
        ("R", "The pump is set up and checked by two nurses before the patient arrives.", 11),
    ]
    pages = [
        Page([*title, *flow(cover, top=540)], more_images=[logo, *bands]),
        Page(flow(body, top=690), more_images=[logo]),
    ]
    return build_pdf(pages, {"Title": "Microsoft Word - sedation.docx"})


def watermark_draft_pdf() -> bytes:
    """A draft as LaTeX and Word templates print one.

    A "DRAFT" watermark across every page; a title page whose text stands on its artwork, with
    the running header set lower than on the other pages, a publisher's line above a larger
    title and "Latest Revision: 2024-03-01"; footers "D R A F T ii D R A F T" with roman page
    numbers; the id and "(rel2.1)" in the running header; an Author of a person and a unit.
    """

    def page(number: str, lines: list[Text], header_at: float, images: list | None = None) -> Page:
        header = Text(72, header_at, "R", 10, "OSLO CLINICAL TRIALS UNIT")
        mark = Text(150, 300, "B", 90, "DRAFT", color=(0.85, 0.85, 0.85), slant=45)
        footer = [] if not number else [Text(72, 30, "R", 9, f"D R A F T    {number}    D R A F T")]
        return Page([mark, header, *lines, *footer], more_images=images or [])

    cover = [
        ("B", "Oslo Clinical Trials Unit", 16),
        ("", "", 11),
        ("B", "Handling of Trial Medicines", 26),
        ("", "", 11),
        ("R", "Kari Nordmann", 12),
        ("R", "Latest Revision: 2024-03-01", 12),
    ]
    running = [Text(72, 800, "R", 9, "Handling of Trial Medicines | CTU-SOP-12 (rel2.1)")]
    body = [
        ("B", "1 Purpose", 14),
        ("", "", 11),
        ("R", "This procedure says how trial medicines are received, stored and returned at the unit.", 11),
        ("", "", 11),
        ("B", "2 Storage", 14),
        ("", "", 11),
        ("R", "Trial medicines are kept locked, apart from other medicines, at the temperature the", 11),
        ("R", "protocol gives, and the temperature is logged every working day.", 11),
    ]
    more = [
        ("B", "3 Returns", 14),
        ("", "", 11),
        ("R", "Unused medicines are counted with the monitor and returned to the sponsor.", 11),
    ]
    pages = [
        page("", flow(cover, top=560), 720, images=[(60, 380, 475, 300)]),
        page("ii", [*running, *flow(body, top=740)], 815),
        page("iii", [*running, *flow(more, top=740)], 815),
    ]
    return build_pdf(pages, {"Title": "CTU-SOP-12", "Author": "Kari Nordmann, and the Clinical Trials Unit"})


def nordic_publisher_pdf() -> bytes:
    """A Nordic public body's standard: publisher and date in the footer, a centred title and subtitle.

    The footer "Helseforskningsarkivet, 01.09.2023  Versjon 2.0" gives the unit and the date; the
    running header names the process the document is made under ("SOP-4.1"), which is no id;
    "1.1 Formål" is set in italic with its text right below; page 2 continues a data table
    without its heading row, and its rows name a "tittel" and a "forfatter".
    """

    def page(number: int, lines: list[Text], rects: list | None = None) -> Page:
        header = f"SOP-4.1 Utarbeidelse av standarder    side {number} av 2"
        return Page(
            [*furniture(header, "Helseforskningsarkivet, 01.09.2023    Versjon 2.0"), *lines], rects=rects or []
        )

    def centred(y: float, font: str, size: float, text: str) -> Text:
        return Text((A4[0] - text_width(text, font, size)) / 2, y, font, size, text)

    cover = [
        centred(640, "B", 28, "Arkivplan 7"),
        centred(600, "R", 16, "Retningslinjer for studiearkiv"),
        centred(540, "R", 12, "Versjon 2.0"),
    ]
    body = [
        ("B", "1 Innledning", 14),
        ("", "", 11),
        ("R", "Planen sier hvordan studiearkivet ordnes, hvilke dokumenter det holder, og hvilke", 11),
        ("R", "endringer i dokumentene som logges. Den gjelder for alle studier som enheten er", 11),
        ("R", "sponsor for, fra planleggingen til arkivet er avsluttet.", 11),
        ("", "", 11),
        ("I", "1.1 Formål", 11.5),
        ("R", "Formålet er at arkivet til enhver tid kan vise hva som gjaldt da en endring ble gjort,", 11),
        ("R", "og hvem som gjorde den.", 11),
    ]
    rows = [
        ["mappe", "M020", "tittel", "Ved endring"],
        ["mappe", "M208", "referanseArkivdel", "Ved endring"],
        ["basisregistrering", "M020", "tittel", "Ved endring"],
        ["basisregistrering", "M024", "forfatter", "Ved endring"],
        ["journalpost", "M101", "journaldato", "Ved endring"],
        ["journalpost", "M104", "mottattDato", "Ved mottak"],
    ]
    cells, rects = ruled_table(rows, 72, 760, [120, 60, 140, 130])
    pages = [page(1, [*cover, *flow(body, top=480)]), page(2, cells, rects)]
    return build_pdf(pages, {"Title": "Arkivplan 7"})


def framed_panel_pdf() -> bytes:
    """A cover whose framed, right-aligned lines run over the edge of a shaded side panel.

    The frame and the panel's edge make a two-column "grid" whose second column holds the
    lines' last letters ("handlingspla | n"): it is no table. Page 1 also holds a real ruled
    table with a merged cell ("Norden" over two columns), whose word crosses no cell edge.
    """
    right = 402.0
    framed = ["Strategi og handlingsplan", "for felles tjenester", "i helseforetakene"]
    lines = [Text(72, 760, "B", 20, "Styringsdokument for studieregister")]
    lines += [Text(right - text_width(text, "R", 11), 520 - 13 * n, "R", 11, text) for n, text in enumerate(framed)]
    rects = [(400, 104, 195, 634), (54, 488, 351, 46)]
    body = [
        ("B", "1 Bakgrunn", 14),
        ("", "", 11),
        ("R", "Registeret samler studiene som sykehusene er sponsor for.", 11),
    ]
    lines += flow(body, top=440)
    header, merged, last = 340, 322, 304
    cells = [(header, 75, "Land"), (header, 175, "Norge"), (header, 275, "Sverige"), (merged, 75, "Region")]
    cells += [(merged, 175, "Norden"), (last, 75, "Språk"), (last, 175, "norsk"), (last, 275, "svensk")]
    lines += [Text(x, y - 13, "R", 9, text) for y, x, text in cells]
    rects += [(72, header - 18, 100, 18), (172, header - 18, 100, 18), (272, header - 18, 100, 18)]
    rects += [(72, merged - 18, 100, 18), (172, merged - 18, 200, 18)]
    rects += [(72, last - 18, 100, 18), (172, last - 18, 100, 18), (272, last - 18, 100, 18)]
    return build_pdf([Page(lines, rects=rects)], {"Title": "Styringsdokument for studieregister"})


def content_cases() -> dict[str, bytes]:
    """Layouts seen in real SOPs: ids in running headers, Word's export, nynorsk, escaping."""
    return {
        "odd-markdown-syntax.pdf": markdown_syntax_pdf(),
        "odd-nynorsk-header-id.pdf": nynorsk_header_pdf(),
        "odd-word-export.pdf": word_export_pdf(),
        "odd-word-export-untagged.pdf": word_export_pdf(tagged=False),
        "odd-dokument-id-line.pdf": dokument_id_line_pdf(),
        "odd-browser-print.pdf": browser_print_pdf(),
        "odd-header-table.pdf": header_table_pdf(),
        "odd-quiet-headings.pdf": quiet_headings_pdf(),
        "odd-letterhead-draft.pdf": letterhead_draft_pdf(),
        "odd-toc-columns.pdf": toc_columns_pdf(),
        "odd-heading-styles.pdf": heading_styles_pdf(),
        "odd-statute.pdf": statute_pdf(),
        "odd-controlled-table.pdf": controlled_table_pdf(),
        "odd-controlled-block.pdf": controlled_block_pdf(),
        "odd-cover-page.pdf": cover_page_pdf(),
        "odd-watermark-draft.pdf": watermark_draft_pdf(),
        "odd-nordic-publisher.pdf": nordic_publisher_pdf(),
        "odd-framed-panel.pdf": framed_panel_pdf(),
    }


if __name__ == "__main__":
    raise SystemExit(main())
