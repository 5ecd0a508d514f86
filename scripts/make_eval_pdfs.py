"""Build the converter's evaluation corpus: PDFs from Markdown sources, by several producers.

The fixtures in ``tests/fixtures/pdfs`` were checked against the converter's own output,
so scores on them are circular. Here the ground truth comes first: each
``tests/fixtures/eval/sources/<name>.md`` is a Markdown document (headings, paragraphs,
lists, pipe tables, **bold**, *italic*, [links](url)) with render options in a YAML
header. This script

- writes ``tests/fixtures/eval/<name>.expected.md``: the source body in canonical
  Markdown (list numbers as printed, heading numbers when the producer numbers them),
  never looking at any converter;
- renders ``<name>.pdf`` with the producer the options name, the way real documents are
  made: ``docx`` (python-docx, then LibreOffice's PDF export), ``chromium`` (headless
  print-to-PDF of an HTML page) or ``weasyprint`` (HTML and CSS paged media).

Options (all optional except ``producer``)::

    producer: docx | chromium | weasyprint
    font: Liberation Serif          # body font family
    size: 11                        # body size in points
    heading_sizes: [20, 15, 13, 11] # sizes of levels 1-4
    heading_bold: true              # false: headings differ by size (and colour) only
    heading_style: styles           # docx: "styles" (Heading n) or "bold-body" (bold Normal text)
    heading_numbers: false          # number levels 2+ as Word's outline numbering does ("2.1 Scope")
    title_page: [lines...]          # docx/html: title page (title + these lines), then a page break
    header: TEXT / footer: TEXT     # running header/footer; {PAGE} and {NUMPAGES} are page fields
    table_borders: grid             # grid | none | rules (top, header and bottom rules only)
    columns: 1                      # 2: body in two columns (after the title)
    align: left                     # left | justify
    space_after: 6                  # points after each paragraph
    first_line_indent: 0            # points; indented first lines with no space between paragraphs
    browser_header_footer: false    # chromium: keep the browser's date/title/URL/page lines

Text in a running header or footer is page furniture and is not part of the expected
Markdown. ``<!-- pagebreak -->`` in a source forces a page break.

Usage: python scripts/make_eval_pdfs.py [--out DIR] [NAME...]
(default DIR: tests/fixtures/eval; needs LibreOffice and Chromium for those producers).
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "fixtures" / "eval"
SOURCES = EVAL / "sources"
INLINE = re.compile(r"(\*\*.+?\*\*|\*.+?\*|\[.+?\]\(.+?\))")
ITEM = re.compile(r"^( *)([-*]|\d+\.) (.*)$")


@dataclass
class Item:
    """One list item: depth (0-based), ordered or not, and its inline text."""

    depth: int
    ordered: bool
    text: str
    number: int = 0


@dataclass
class Block:
    """A source block: heading, para, list, table or pagebreak."""

    kind: str
    text: str = ""
    level: int = 0
    items: list[Item] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def split_source(text: str) -> tuple[dict, str]:
    """Return (options, Markdown body) of a source file."""
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        raise SystemExit("source needs a YAML options header")
    return yaml.safe_load(match[1]) or {}, text[match.end() :]


def markdown_to_blocks(body: str) -> list[Block]:
    """Parse the Markdown subset the sources use into blocks."""
    blocks: list[Block] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        i += 1
        if not stripped:
            continue
        if stripped == "<!-- pagebreak -->":
            blocks.append(Block("pagebreak"))
        elif heading := re.match(r"^(#{1,6}) (.+)$", stripped):
            blocks.append(Block("heading", text=heading[2].strip(), level=len(heading[1])))
        elif stripped.startswith("|"):
            rows = [stripped]
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i].strip())
                i += 1
            cells = [[c.strip() for c in re.split(r"(?<!\\)\|", row.strip("|"))] for row in rows]
            blocks.append(Block("table", rows=[r for r in cells if not all(re.fullmatch(r":?-+:?", c) for c in r)]))
        elif ITEM.match(line):
            items: list[Item] = []
            i -= 1
            while i < len(lines) and lines[i].strip():
                match = ITEM.match(lines[i])
                if match:
                    indent = len(match[1])
                    items.append(Item(indent // 4 if indent % 4 == 0 else indent // 2, match[2][0].isdigit(), match[3]))
                else:
                    items[-1].text += " " + lines[i].strip()
                i += 1
            blocks.append(Block("list", items=number_items(items)))
        else:
            text = [stripped]
            while (
                i < len(lines) and lines[i].strip() and not ITEM.match(lines[i]) and not lines[i].startswith(("#", "|"))
            ):
                text.append(lines[i].strip())
                i += 1
            blocks.append(Block("para", text=" ".join(text)))
    return blocks


def number_items(items: list[Item]) -> list[Item]:
    """Number ordered items 1, 2, ... per run at each depth, as the producers print them."""
    counters: dict[int, int] = {}
    for item in items:
        for depth in [d for d in counters if d > item.depth]:
            del counters[depth]
        if item.ordered:
            counters[item.depth] = counters.get(item.depth, 0) + 1
            item.number = counters[item.depth]
    return items


def number_headings(blocks: list[Block]) -> None:
    """Prefix headings of level 2 and below with outline numbers ("1", "1.1", "1.1.1")."""
    counters = [0] * 7
    for block in blocks:
        if block.kind != "heading" or block.level < 2:
            continue
        counters[block.level] += 1
        counters[block.level + 1 :] = [0] * (6 - block.level)
        block.text = ".".join(str(n) for n in counters[2 : block.level + 1]) + " " + block.text


def blocks_to_expected(blocks: list[Block], options: dict) -> str:
    """Write the ground-truth Markdown: the source structure, canonical form."""
    out = []
    for block in blocks:
        if block.kind == "heading":
            out.append("#" * block.level + " " + block.text)
        elif block.kind == "para":
            out.append(block.text)
        elif block.kind == "list":
            out.append(
                "\n".join(
                    f"{'    ' * it.depth}{f'{it.number}.' if it.ordered else '-'} {it.text}" for it in block.items
                )
            )
        elif block.kind == "table":
            width = len(block.rows[0])
            lines = ["| " + " | ".join(row) + " |" for row in block.rows]
            lines.insert(1, "|" + "---|" * width)
            out.append("\n".join(lines))
    if options.get("title_page"):
        out.insert(1, "\n\n".join(options["title_page"]))
    return "\n\n".join(out) + "\n"


# --- HTML producers ---------------------------------------------------------------------


def inline_to_html(text: str) -> str:
    """Render **bold**, *italic* and [links](url) as HTML."""
    parts = []
    for part in INLINE.split(text):
        if part.startswith("**"):
            parts.append(f"<strong>{html.escape(part[2:-2])}</strong>")
        elif part.startswith("*") and len(part) > 2:
            parts.append(f"<em>{html.escape(part[1:-1])}</em>")
        elif part.startswith("["):
            label, url = re.match(r"\[(.+?)\]\((.+?)\)", part).groups()
            parts.append(f'<a href="{html.escape(url)}">{html.escape(label)}</a>')
        else:
            parts.append(html.escape(part))
    return "".join(parts)


def list_to_html(items: list[Item]) -> str:
    """Render a (nested) list."""
    out, stack = [], []
    for item in items:
        tag = "ol" if item.ordered else "ul"
        while len(stack) > item.depth + 1 or (len(stack) == item.depth + 1 and stack[-1] != tag):
            out.append(f"</li></{stack.pop()}>")
        if len(stack) == item.depth + 1:
            out.append("</li>")
        while len(stack) < item.depth + 1:
            out.append(f"<{tag}>")
            stack.append(tag)
        out.append(f"<li>{inline_to_html(item.text)}")
    while stack:
        out.append(f"</li></{stack.pop()}>")
    return "".join(out)


def blocks_to_html(blocks: list[Block], options: dict, producer: str) -> str:
    """Render the document as one HTML page with print CSS."""
    sizes = options.get("heading_sizes", [22, 16, 13, 11.5])
    font = options.get("font", "Liberation Sans")
    size = options.get("size", 11)
    weight = "bold" if options.get("heading_bold", True) else "normal"
    borders = options.get("table_borders", "grid")
    css = [
        f"body {{ font-family: '{font}'; font-size: {size}pt; line-height: 1.3; }}",
        f"p {{ margin: 0 0 {options.get('space_after', 6)}pt 0; text-align: {options.get('align', 'left')};"
        f" text-indent: {options.get('first_line_indent', 0)}pt; }}",
        "table { border-collapse: collapse; margin: 6pt 0 10pt 0; }",
        "th, td { padding: 3pt 6pt; text-align: left; vertical-align: top; }",
        "th { font-weight: bold; }",
    ]
    for level, hsize in enumerate(sizes, start=1):
        css.append(f"h{level} {{ font-size: {hsize}pt; font-weight: {weight}; color: #1f3a5f; margin: 14pt 0 6pt 0; }}")
    if borders == "grid":
        css.append("th, td { border: 0.75pt solid #000; }")
    elif borders == "rules":
        css.append(
            "table { border-top: 1pt solid #000; border-bottom: 1pt solid #000; } "
            "th { border-bottom: 0.75pt solid #000; }"
        )
    if options.get("columns", 1) == 2:
        css.append("main { column-count: 2; column-gap: 18pt; }")
    if producer == "weasyprint":
        css.append("@page { size: A4; margin: 2.2cm 2cm; }")
        if options.get("header"):
            css.append(f"@page {{ @top-center {{ content: '{page_css(options['header'])}'; font-size: 8pt; }} }}")
        if options.get("footer"):
            css.append(f"@page {{ @bottom-right {{ content: '{page_css(options['footer'])}'; font-size: 8pt; }} }}")
    else:
        css.append("@page { size: A4; margin: 2cm; }")

    body, title_done = [], False
    for block in blocks:
        if block.kind == "heading":
            tag = f"h{min(block.level, 6)}"
            body.append(f"<{tag}>{inline_to_html(block.text)}</{tag}>")
            if block.level == 1 and not title_done:
                title_done = True
                body.extend(f"<p>{inline_to_html(line)}</p>" for line in options.get("title_page", []))
                if options.get("title_page"):
                    body.append('<div style="break-after: page"></div>')
                body.append("<main>")
        elif block.kind == "para":
            body.append(f"<p>{inline_to_html(block.text)}</p>")
        elif block.kind == "list":
            body.append(list_to_html(block.items))
        elif block.kind == "table":
            head = "".join(f"<th>{inline_to_html(c)}</th>" for c in block.rows[0])
            rows = "".join(
                "<tr>" + "".join(f"<td>{inline_to_html(c)}</td>" for c in row) + "</tr>" for row in block.rows[1:]
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        elif block.kind == "pagebreak":
            body.append('<div style="break-after: page"></div>')
    if not title_done:
        body.insert(0, "<main>")
    body.append("</main>")
    title = next((b.text for b in blocks if b.kind == "heading"), "Document")
    return (
        f'<!DOCTYPE html><html lang="{options.get("lang", "en")}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{' '.join(css)}</style></head><body>{''.join(body)}</body></html>"
    )


def page_css(text: str) -> str:
    """Turn {PAGE}/{NUMPAGES} into CSS counters inside a content string."""
    text = text.replace("'", "\\'")
    return text.replace("{PAGE}", "' counter(page) '").replace("{NUMPAGES}", "' counter(pages) '")


def html_to_pdf_chromium(page: str, target: Path, work: Path, keep_header_footer: bool) -> None:
    """Print an HTML page to PDF with headless Chromium."""
    source = work / f"{target.stem}.html"
    source.write_text(page, encoding="utf-8")
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={target}"]
    if not keep_header_footer:
        command.append("--no-pdf-header-footer")
    subprocess.run([*command, source.as_uri()], check=True, capture_output=True, timeout=120)


def html_to_pdf_weasyprint(page: str, target: Path) -> None:
    """Render an HTML page to PDF with WeasyPrint."""
    import weasyprint

    weasyprint.HTML(string=page).write_pdf(target)


# --- docx producer ----------------------------------------------------------------------


def blocks_to_docx(blocks: list[Block], options: dict, target: Path) -> None:
    """Build a Word document from the blocks (see docx_style for the options)."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_fixture_pdfs import add_inline, fill_header_footer, set_columns

    doc = Document()
    docx_style(doc, options)
    numbering = ListNumbering(doc)
    bold_body = options.get("heading_style") == "bold-body"
    title_done = False
    for block in blocks:
        if block.kind == "heading":
            if bold_body and block.level > 1:
                paragraph = doc.add_paragraph()
                paragraph.paragraph_format.space_before = Pt(10)
                paragraph.paragraph_format.keep_with_next = True
                paragraph.add_run(block.text).bold = True
            elif block.level == 1 and not title_done:
                doc.add_paragraph(block.text, style="Title")
            else:
                doc.add_heading(block.text, level=min(block.level - 1, 3) if not bold_body else 1)
            if block.level == 1 and not title_done:
                title_done = True
                for line in options.get("title_page", []):
                    add_inline(doc.add_paragraph(), line)
                if options.get("title_page"):
                    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                if options.get("columns", 1) == 2:
                    set_columns(doc.add_section(WD_SECTION.CONTINUOUS), 2)
        elif block.kind == "para":
            paragraph = doc.add_paragraph()
            add_inline(paragraph, block.text)
            if options.get("align") == "justify":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif block.kind == "list":
            numbering.restart()
            for item in block.items:
                style = ("List Number" if item.ordered else "List Bullet") + (
                    "" if item.depth == 0 else f" {item.depth + 1}"
                )
                paragraph = doc.add_paragraph(style=style)
                if item.ordered:
                    numbering.apply(paragraph, style, item.depth)
                add_inline(paragraph, item.text)
        elif block.kind == "table":
            docx_table(doc, block.rows, options.get("table_borders", "grid"))
        elif block.kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    section = doc.sections[0]
    if options.get("title_page"):
        section.different_first_page_header_footer = True
    if options.get("header"):
        fill_header_footer(section.header, options["header"])
    if options.get("footer"):
        fill_header_footer(section.footer, options["footer"])
    for later in doc.sections[1:]:
        later.header.is_linked_to_previous = later.footer.is_linked_to_previous = True
    doc.save(target)


class ListNumbering:
    """Give each ordered list its own Word numbering instance, so it starts at 1."""

    def __init__(self, doc) -> None:
        self.doc = doc
        self.numbering = doc.part.numbering_part.numbering_definitions._numbering
        self.current: dict[str, int] = {}

    def restart(self) -> None:
        """Start new numbering for the next list."""
        self.current = {}

    def apply(self, paragraph, style: str, depth: int) -> None:
        """Point the paragraph at this list's numbering instance for its style."""
        if style not in self.current:
            num_pr = self.doc.styles[style].element.pPr.numPr
            abstract = self.numbering.num_having_numId(num_pr.numId.val).abstractNumId.val
            num = self.numbering.add_num(abstract)
            num.add_lvlOverride(ilvl=0).add_startOverride(1)
            self.current[style] = num.numId
        props = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        props.get_or_add_ilvl().val = 0
        props.get_or_add_numId().val = self.current[style]


def docx_style(doc, options: dict) -> None:
    """Set fonts, sizes, spacing and margins from the options."""
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    font = options.get("font", "Liberation Sans")
    sizes = options.get("heading_sizes", [22, 16, 13, 11.5])
    names = ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3"]
    names += [f"List {kind}{suffix}" for kind in ("Bullet", "Number") for suffix in ("", " 2", " 3")]
    for name in names:
        style = doc.styles[name]
        style.font.name = options.get("heading_font", font) if name.startswith(("Title", "Heading")) else font
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), style.font.name)
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:asciiTheme"), style.font.name)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            style.element.rPr.rFonts.attrib.pop(qn(attr), None)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(options.get("size", 11))
    normal.paragraph_format.space_after = Pt(options.get("space_after", 6))
    if options.get("first_line_indent"):
        normal.paragraph_format.first_line_indent = Pt(options["first_line_indent"])
    for name, size in zip(("Title", "Heading 1", "Heading 2", "Heading 3"), sizes, strict=False):
        style = doc.styles[name]
        style.font.size = Pt(size)
        style.font.bold = options.get("heading_bold", True)
        style.font.italic = False
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        style.paragraph_format.first_line_indent = Pt(0)
    for name in names[5:]:
        doc.styles[name].paragraph_format.first_line_indent = None
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    margin = Cm(options.get("margin_cm", 2.5))
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def docx_table(doc, rows: list[list[str]], borders: str) -> None:
    """Add a table with grid borders, no borders, or booktabs-like rules."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_fixture_pdfs import add_inline

    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid" if borders == "grid" else "Normal Table"
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            cell = table.cell(r, c)
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = 0
            paragraph.paragraph_format.space_after = 0
            add_inline(paragraph, f"**{value}**" if r == 0 and value and "**" not in value else value)
    if borders == "rules":
        props = table._tbl.tblPr
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "bottom"):
            node = OxmlElement(f"w:{edge}")
            node.set(qn("w:val"), "single")
            node.set(qn("w:sz"), "8")
            edges.append(node)
        props.append(edges)
        for cell in table.rows[0].cells:
            cell_props = cell._tc.get_or_add_tcPr()
            cell_edges = OxmlElement("w:tcBorders")
            node = OxmlElement("w:bottom")
            node.set(qn("w:val"), "single")
            node.set(qn("w:sz"), "6")
            cell_edges.append(node)
            cell_props.append(cell_edges)
    doc.add_paragraph()


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Export a .docx to PDF with headless LibreOffice."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / f"{docx.stem}.pdf"


def source_to_pdf(source: Path, out_dir: Path, work: Path) -> Path:
    """Write <name>.expected.md and <name>.pdf for one source into out_dir."""
    options, body = split_source(source.read_text(encoding="utf-8"))
    blocks = markdown_to_blocks(body)
    if options.get("heading_numbers"):
        number_headings(blocks)
    (out_dir / f"{source.stem}.expected.md").write_text(blocks_to_expected(blocks, options), encoding="utf-8")
    target = out_dir / f"{source.stem}.pdf"
    producer = options["producer"]
    if producer == "docx":
        docx = work / f"{source.stem}.docx"
        blocks_to_docx(blocks, options, docx)
        docx_to_pdf(docx, work).replace(target)
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from make_fixture_pdfs import add_link_annotations

        add_link_annotations(target, source)
    elif producer == "chromium":
        page = blocks_to_html(blocks, options, producer)
        html_to_pdf_chromium(page, target, work, options.get("browser_header_footer", False))
    elif producer == "weasyprint":
        html_to_pdf_weasyprint(blocks_to_html(blocks, options, producer), target)
    else:
        raise SystemExit(f"{source}: unknown producer {producer!r}")
    return target


def main(argv: list[str] | None = None) -> int:
    """Build the corpus (all sources, or those named)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--out", type=Path, default=EVAL)
    args = parser.parse_args(argv)
    sources = sorted(SOURCES.glob("*.md"))
    if args.names:
        sources = [s for s in sources if s.stem in args.names]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            pdf = source_to_pdf(source, args.out, Path(tmp))
            sys.stdout.write(f"wrote {pdf} ({pdf.stat().st_size // 1024} KiB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
