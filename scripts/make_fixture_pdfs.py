r"""Regenerate the legacy-style SOP fixture PDFs in tests/fixtures/pdfs/.

The originals were Word documents exported to PDF, so the fixtures are made the same
way: each ``tests/fixtures/pdf_sources/<name>.txt`` is turned into a .docx with
python-docx and exported by LibreOffice (``soffice --headless --convert-to pdf``).
The bad inputs (corrupt, truncated, encrypted, empty, not a PDF, a scan) are made
here too. Only this script needs LibreOffice; the tests use the committed PDFs.

Source format, one paragraph per block of lines (blank line between blocks):

    @title TEXT                  Title-style paragraph
    @header TEXT / @footer TEXT  running header and footer; {PAGE} and {NUMPAGES} are fields
    @core title=..;author=..     PDF document info (Word core properties)
    @columns 2 / @columns 1      start a continuous section with that many columns
    @pagebreak                   hard page break
    @image                       a small picture with no alt text
    @table [repeat]              table rows follow, cells split by " | ", ends at @end
    @toc                         printed table of contents lines "text<TAB>page" until @end
    # / ## / ###                 Heading 1, 2, 3
    - / "  - " / "    - "        bullet list levels 1-3
    1. / "  1. "                 numbered list levels 1-2
    **bold**, *italic*, [text](url) inline; a line ending in " \" ends with a line break

Usage: python scripts/make_fixture_pdfs.py [NAME...]
"""

from __future__ import annotations

import argparse
import re
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "fixtures" / "pdf_sources"
PDFS = ROOT / "tests" / "fixtures" / "pdfs"
INLINE = re.compile(r"(\*\*.+?\*\*|\*.+?\*|\[.+?\]\(.+?\))")
FIELD = re.compile(r"(\{PAGE\}|\{NUMPAGES\})")
# LibreOffice's own PDF export filter options (JSON form, LibreOffice 7.4+).
ENCRYPT_FILTER = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"norcrin"}}'
)


def png_bytes(width: int = 120, height: int = 60) -> bytes:
    """Return a small two-colour PNG made without an imaging library."""
    rows = b""
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            row += bytes((30, 90, 160) if (x // 20 + y // 20) % 2 else (230, 200, 60))
        rows += bytes(row)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def add_field(paragraph, instruction: str) -> None:
    """Append a simple Word field (PAGE, NUMPAGES) to a paragraph."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """Append an external hyperlink run, blue and underlined as Word shows it."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(color)
    props.append(underline)
    run.append(props)
    node = OxmlElement("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def add_inline(paragraph, text: str) -> None:
    """Add text with **bold**, *italic* and [link](url) markup as runs."""
    for part in INLINE.split(text):
        if not part:
            continue
        if part.startswith("**"):
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("*"):
            paragraph.add_run(part[1:-1]).italic = True
        elif part.startswith("["):
            label, url = re.match(r"\[(.+?)\]\((.+?)\)", part).groups()
            add_hyperlink(paragraph, label, url)
        else:
            paragraph.add_run(part)


def add_paragraph_lines(paragraph, lines: list[str]) -> None:
    """Add lines to one paragraph; a line ending in a backslash ends with a line break."""
    for index, line in enumerate(lines):
        forced = line.endswith("\\")
        add_inline(paragraph, line.rstrip("\\").rstrip() if forced else line)
        if forced:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif index < len(lines) - 1:
            paragraph.add_run(" ")


def set_columns(section, count: int) -> None:
    """Give a section `count` text columns."""
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "567")


def fill_header_footer(container, text: str) -> None:
    """Write running header or footer text, turning {PAGE}/{NUMPAGES} into fields."""
    paragraph = container.paragraphs[0]
    for part in FIELD.split(text):
        if part == "{PAGE}":
            add_field(paragraph, "PAGE")
        elif part == "{NUMPAGES}":
            add_field(paragraph, "NUMPAGES")
        elif part:
            paragraph.add_run(part)


def add_table(doc, rows: list[list[str]], repeat: bool) -> None:
    """Add a bordered table; the first row is the header, repeated on each page if asked."""
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = ""
            run = cell.paragraphs[0].add_run(value)
            run.bold = r == 0
    if repeat:
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(flag)
    doc.add_paragraph()


def style_document(doc) -> None:
    """Use fonts LibreOffice has on Debian so the export does not depend on substitutes."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number"):
        style = doc.styles[name]
        style.font.name = "Liberation Sans"
        style.element.rPr.rFonts.set(qn("w:eastAsia"), "Liberation Sans")
    doc.styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 22), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11.5)):
        doc.styles[name].font.size = Pt(size)
        doc.styles[name].font.bold = True
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)


LIST_STYLES = {"-": ["List Bullet", "List Bullet 2", "List Bullet 3"], "1.": ["List Number", "List Number 2"]}


def source_to_docx(source: Path, target: Path) -> None:
    """Build the .docx for one fixture source file."""
    doc = Document()
    style_document(doc)
    lines = source.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        i += 1
        if not stripped:
            continue
        if stripped.startswith("@"):
            command, _, arg = stripped.partition(" ")
            if command == "@title":
                doc.add_paragraph(arg, style="Title")
            elif command in ("@header", "@footer"):
                section = doc.sections[0]
                fill_header_footer(section.header if command == "@header" else section.footer, arg)
            elif command == "@core":
                for pair in arg.split(";"):
                    key, _, value = pair.partition("=")
                    setattr(doc.core_properties, key.strip(), value.strip())
            elif command == "@columns":
                set_columns(doc.add_section(WD_SECTION.CONTINUOUS), int(arg))
            elif command == "@pagebreak":
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif command == "@image":
                with tempfile.NamedTemporaryFile(suffix=".png") as handle:
                    handle.write(png_bytes())
                    handle.flush()
                    doc.add_picture(handle.name, width=Cm(6))
            elif command in ("@table", "@toc"):
                block = []
                while lines[i].strip() != "@end":
                    block.append(lines[i])
                    i += 1
                i += 1
                if command == "@table":
                    add_table(doc, [row.split(" | ") for row in block], repeat=arg == "repeat")
                else:
                    for entry in block:
                        text, _, page = entry.rpartition(" ")
                        paragraph = doc.add_paragraph()
                        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(15.5), leader=WD_TAB_LEADER.DOTS)
                        paragraph.add_run(f"{text}\t{page}")
            continue
        heading = re.match(r"^(#{1,3}) (.*)$", stripped)
        if heading:
            doc.add_heading(heading.group(2), level=len(heading.group(1)))
            continue
        item = re.match(r"^( *)(-|1\.) (.*)$", line)
        if item:
            style = LIST_STYLES[item.group(2)][len(item.group(1)) // 2]
            add_inline(doc.add_paragraph(style=style), item.group(3))
            continue
        block = [stripped]
        while i < len(lines) and lines[i].strip() and not re.match(r"^( *)(-|1\.|#|@)", lines[i]):
            block.append(lines[i].strip())
            i += 1
        add_paragraph_lines(doc.add_paragraph(), block)
    doc.save(target)


def docx_to_pdf(docx: Path, out_dir: Path, filter_name: str = "pdf") -> Path:
    """Export a .docx to PDF with headless LibreOffice and return the PDF path."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", filter_name, "--outdir", str(out_dir), str(docx)],
        check=True,
        capture_output=True,
    )
    return out_dir / (docx.stem + ".pdf")


def add_link_annotations(pdf: Path, source: Path) -> None:
    """Add the URI link annotations that LibreOffice's headless export leaves out.

    Word's own export writes a link annotation over each hyperlink, and the converter
    reads them; LibreOffice 7.4 run headless writes none (checked with pdfplumber and
    PyMuPDF), so they are added here, over the same text, as an incremental update.
    PyMuPDF is a development-only dependency of this script and of the benchmark.
    """
    import pymupdf

    links = re.findall(r"\[(.+?)\]\((.+?)\)", source.read_text(encoding="utf-8"))
    if not links:
        return
    doc = pymupdf.open(pdf)
    for page in doc:
        for label, url in links:
            for rect in page.search_for(label):
                page.insert_link({"kind": pymupdf.LINK_URI, "from": rect, "uri": url})
    doc.saveIncr()
    doc.close()


def make_bad_inputs(work: Path, good_pdf: Path) -> None:
    """Write the bad-input fixtures next to the good ones."""
    data = good_pdf.read_bytes()
    (PDFS / "bad-empty.pdf").write_bytes(b"")
    (PDFS / "bad-not-a-pdf.pdf").write_text("Dette er ikke en PDF, bare tekst.\n", encoding="utf-8")
    (PDFS / "bad-truncated.pdf").write_bytes(data[: len(data) // 2])
    (PDFS / "bad-corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")

    # The scan is a page that holds only a picture, like a scanned paper SOP.
    scan = Document()
    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        handle.write(png_bytes(400, 560))
        handle.flush()
        scan.add_picture(handle.name, width=Cm(15))
    scan.save(work / "bad-scan.docx")
    docx_to_pdf(work / "bad-scan.docx", work).replace(PDFS / "bad-scan.pdf")

    locked = Document()
    locked.add_paragraph("Confidential SOP draft.")
    locked.save(work / "bad-encrypted.docx")
    docx_to_pdf(work / "bad-encrypted.docx", work, ENCRYPT_FILTER).replace(PDFS / "bad-encrypted.pdf")


def main(argv: list[str] | None = None) -> int:
    """Regenerate the fixture PDFs named in argv, or all of them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="fixture names (default: all)")
    args = parser.parse_args(argv)
    sources = sorted(SOURCES.glob("*.txt"))
    if args.names:
        sources = [s for s in sources if s.stem in args.names]
    PDFS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for source in sources:
            docx = work / f"{source.stem}.docx"
            source_to_docx(source, docx)
            pdf = docx_to_pdf(docx, work).replace(PDFS / f"{source.stem}.pdf")
            add_link_annotations(pdf, source)
            sys.stdout.write(f"wrote {PDFS / source.stem}.pdf\n")
        if not args.names:
            make_bad_inputs(work, PDFS / f"{sources[0].stem}.pdf")
            sys.stdout.write("wrote bad-*.pdf\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
