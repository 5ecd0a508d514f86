"""Odd real-world PDFs (issue 12): any failure is one line naming the file, and the batch goes on.

The PDFs in ``tests/fixtures/odd`` are written byte by byte by ``scripts/make_odd_pdfs.py``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from converters import ConversionError, convert_pdf

ROOT = Path(__file__).resolve().parents[2]
ODD = Path("tests/fixtures/odd")
GOOD = Path("tests/fixtures/pdfs/ct-sop-07-informed-consent.pdf")
OTHER = Path("tests/fixtures/pdfs/ct-sop-11-safety-reporting.pdf")
FIX = "Fix: open it in a PDF reader and print or export it to PDF again."
FAILING = [
    # pdfplumber's MalformedPDFException from resolve_all on a 1,500-deep chain of objects.
    (
        "bad-deep-nesting.pdf",
        "bad-deep-nesting.pdf:1: corrupt PDF, its objects nest too deep to read (maximum recursion depth exceeded). "
        + FIX,
    ),
    # pdfminer reads a name where a number belongs in /MediaBox.
    (
        "bad-mediabox-name.pdf",
        "bad-mediabox-name.pdf: corrupt PDF, TypeError: float() argument must be a string or a real number, "
        f"not 'PSLiteral'. {FIX}",
    ),
    # pdfplumber needs /MediaBox; pdfminer only warns.
    ("bad-no-mediabox.pdf", f"bad-no-mediabox.pdf: corrupt PDF, TypeError: 'NoneType' object is not iterable. {FIX}"),
]
# Files that used to raise (or could) and now convert: a picture off the page (pdfplumber's
# "negative width or height"), page boxes written corner-swapped, a form that draws itself.
CONVERTING = ["odd-image-off-page.pdf", "odd-inverted-boxes.pdf", "odd-self-drawing-form.pdf"]


@pytest.mark.parametrize(("name", "message"), FAILING, ids=[n for n, _ in FAILING])
def test_convert_pdf_turns_any_exception_into_one_line(name, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(ConversionError) as caught:
        convert_pdf(ODD / name)
    assert str(caught.value) == f"{ODD}/{message}"


@pytest.mark.parametrize("name", CONVERTING)
def test_convert_pdf_converts_odd_boxes_with_images_rendered(name):
    result = convert_pdf(ROOT / ODD / name, render_images=True)
    assert result.images == []
    assert result.body.startswith(("Bildet", "Sideboksen", "This page"))


def test_cli_batch_goes_on_past_every_bad_file(tmp_path):
    names = [FAILING[0][0], CONVERTING[0], FAILING[1][0], CONVERTING[1], FAILING[2][0], CONVERTING[2]]
    args = [str(GOOD), *(str(ODD / n) for n in names), str(OTHER)]
    done = subprocess.run(
        [sys.executable, "-m", "converters", *args, "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    failed = [line for line in done.stderr.splitlines() if "corrupt PDF" in line]
    assert failed == [f"{ODD}/{message}" for _, message in FAILING]
    progress = [line.split(" ", 1)[1].split(" from ")[0] for line in done.stderr.splitlines() if line.startswith("[")]
    verbs = [p.split()[0] for p in progress]
    assert verbs == ["wrote", "failed", "wrote", "failed", "wrote", "failed", "wrote", "wrote"]
    assert done.stdout.splitlines()[3] == "failed                       3"


CONTENT = sorted(p.stem for p in (ROOT / ODD).glob("odd-*.pdf"))


def facts(result) -> dict:
    """The front matter without its provenance (`source`)."""
    return {k: v for k, v in result.front_matter.items() if k != "source"}


@pytest.mark.parametrize("name", CONTENT)
def test_convert_odd_pdf_matches_expected_markdown(name):
    expected = (ROOT / ODD / f"{name}.expected.md").read_text(encoding="utf-8")
    assert convert_pdf(ROOT / ODD / f"{name}.pdf", render_images=False).markdown == expected


def test_body_size_headings_with_a_plain_number_a_full_stop_or_the_number_above():
    lines = convert_pdf(ROOT / ODD / "odd-heading-styles.pdf", render_images=False).markdown.splitlines()
    assert [line for line in lines if line.startswith("#")] == [
        "## 1 Formål",
        "## Omfang.",
        "### 2.1 Ansvar og roller",
        "### 2.2",
        "## Forsendelse av Prøver.",
    ]
    # A labelled date set large near the top is metadata, not a heading; a bold sentence
    # standing alone and a bold lead-in stay text.
    assert "last_reviewed_on: 2026-03-01" in lines
    assert not any("Oppdatert" in line for line in lines)
    assert "**Alle avvik skal meldes til studielederen samme dag som de oppdages.**" in lines
    assert any(line.startswith("**Merking.** Hvert rør merkes") for line in lines)


def test_statute_title_block_in_three_sizes_is_one_title_and_paragraph_signs_are_headings():
    result = convert_pdf(ROOT / ODD / "odd-statute.pdf", render_images=False)
    assert result.front_matter["title"] == "Vedtekter for Pasientforeningen under Norsk forbund for kliniske studier"
    headings = [line for line in result.markdown.splitlines() if line.startswith("#")]
    assert headings == ["## NAVN OG FORMÅL", "### § 1", "### § 2", "## MEDLEMSKAP", "### § 3"]


def test_convert_reads_id_from_running_header_and_keeps_a_person_out_of_owner():
    path = ROOT / ODD / "odd-nynorsk-header-id.pdf"
    result = convert_pdf(path, render_images=False)
    assert result.front_matter["id"] == "CT-SOP-03"
    assert result.front_matter["language"] == "nn"
    assert "owner" not in result.front_matter
    assert result.front_matter["source"]["author"] == "Kari Nordmann"
    assert result.checks == ["last_reviewed_on", "id", "title"]
    assert result.warnings[:4] == [
        f"{path}: 'last_reviewed_on' has no day ('okt. 2025') and was set to the 1st of the month, 2025-10-01; "
        "check it.",
        f"{path}: 'author' 'Kari Nordmann' (header block on page 1) looks like a person, not a responsible unit; "
        "kept as source.author and not used as owner.",
        f"{path}: 'id' read from the running page header or footer; check it.",
        f"{path}: 'title' taken from the largest heading on page 1; check it.",
    ]
    assert "Side 1 av 2" not in result.body and "Dokument-ID" not in result.body


def test_controlled_document_reads_a_shared_header_line_a_table_and_the_revision_history():
    path = ROOT / ODD / "odd-controlled-table.pdf"
    result = convert_pdf(path, render_images=False)
    assert facts(result) == {
        "id": "QP-07",
        "title": "Handling of Deviations",
        "language": "en",
        "version": "3",
        "status": "active",
        "owner": "Quality Unit",
        "effective_date": date(2021, 3, 1),
        "last_reviewed_on": date(2021, 3, 1),
        "approved_by": "J. Smith",
    }
    assert result.checks == ["id", "version", "last_reviewed_on", "title"]
    assert result.warnings[:5] == [
        f"{path}:1: header row 'Supersedes' is not a front-matter field; it was left out.",
        f"{path}: next review '01-Mar-2024' (header table on page 1) was left out: the site computes the next "
        "review from last_reviewed_on.",
        f"{path}: 'id' read from the running page header or footer; check it.",
        f"{path}: 'version' read from the running page header ('Eksempel Lab Document No: QP-07 Rev. 3 Page 1 of 2'); "
        "check it.",
        f"{path}: 'last_reviewed_on' read from the newest row of the revision history table on page 2; check it.",
    ]
    # The revision history is part of the body; the metadata table is not.
    assert "| 3 | 01.03.2021 | Reviewed, no change | K. Lie |" in result.body.splitlines()
    assert "Effective date" not in result.body


def test_label_block_with_several_pairs_a_line_and_an_approval_date_as_the_only_date():
    path = ROOT / ODD / "odd-controlled-block.pdf"
    result = convert_pdf(path, render_images=False)
    assert facts(result) == {
        "id": "LM-SOP-30",
        "title": "Merking og lagring av blodprøver",
        "language": "nb",
        "version": "2.1",
        "status": "active",
        "owner": "Seksjon for forskningsstøtte",
        "effective_date": date(2024, 2, 15),
        "approved_by": "Fagdirektør",
    }
    assert result.checks == ["effective_date", "title"]
    assert result.warnings[:2] == [
        f"{path}: next review '15.02.2027' (header block on page 1) was left out: the site computes the next "
        "review from last_reviewed_on.",
        f"{path}: 'effective_date' taken from the approval date ('15.02.2024', header block on page 1); check it.",
    ]
    assert result.body.startswith("## 1 Hensikt\n")


def test_designed_cover_gives_title_unit_version_and_date_and_leaves_out_logo_and_contents():
    path = ROOT / ODD / "odd-cover-page.pdf"
    result = convert_pdf(path, render_images=False)
    assert facts(result) == {
        "title": "Sedation for Awake Fibreoptic Intubation",
        "language": "en",
        "version": "2",
        "owner": "Anaesthetic Department",
        "effective_date": date(2025, 6, 3),
    }
    assert result.front_matter["source"]["author"] == "Kari Nordmann, Ola Hansen"
    assert result.checks == ["owner", "effective_date", "title"]
    assert result.warnings[:5] == [
        f"{path}:1: a picture in the running header or footer, at the same place on 2 pages, left out as page "
        "furniture.",
        f"{path}: 'author' 'Kari Nordmann, Ola Hansen' (header block on page 1) looks like a text, not a "
        "responsible unit; kept as source.author and not used as owner.",
        f"{path}: 'owner' taken from the unlabelled line 'Anaesthetic Department' beside the header block; check it.",
        f"{path}: 'effective_date' taken from the issue date ('3 June 2025', header block on page 1); check it.",
        f"{path}: 'title' taken from the largest heading on page 1; check it.",
    ]
    # The title on its bands is text, not pictures; the contents and the logo are gone.
    assert result.body.splitlines() == [
        "## 1. Background",
        "",
        "Sedation lets the patient breathe on their own while the airway is secured.",
        "",
        "## 2. Setting up the infusion pump",
        "",
        "The pump is set up and checked by two nurses before the patient arrives.",
    ]
    assert convert_pdf(path, render_images=True).images == []


def test_letterhead_is_furniture_and_gives_a_draft_mark_title_and_version():
    # The letterhead reaches below the margin zone and has a logo of dots: it comes back at
    # the same place on both pages, so it is furniture, and its dots are no list bullets.
    # The draft's own version in the letterhead ("Utkast: versjon 0.3") is stronger than the
    # edition line below the title ("1. utgave"), which stays in the body.
    path = ROOT / ODD / "odd-letterhead-draft.pdf"
    result = convert_pdf(path, render_images=False)
    assert {k: result.front_matter.get(k) for k in ("title", "version", "status")} == {
        "title": "LEGEMIDDELHÅNDTERING",
        "version": "0.3",
        "status": "draft",
    }
    assert result.checks == ["version", "status", "title"]
    assert result.warnings[:3] == [
        f"{path}: 'version' read from the running page header ('Eksempelklinikken Utkast: versjon 0.3'); check it.",
        f"{path}: 'status' set to draft from 'Eksempelklinikken Utkast: versjon 0.3'; check it.",
        f"{path}: 'title' taken from the first heading; check it.",
    ]
    assert result.body.startswith("1. utgave\n")
    assert "Eksempelklinikken" not in result.body and "•" not in result.body
    assert "## Retur til apoteket:" in result.body.splitlines()  # underlined, at body size


def test_printed_toc_in_columns_is_dropped_not_made_a_table():
    result = convert_pdf(ROOT / ODD / "odd-toc-columns.pdf", render_images=False)
    assert "|" not in result.body and "Innhold" not in result.body and "Fremgangsmåte" not in result.body
    assert [ln for ln in result.body.splitlines() if ln.startswith("#")] == ["## 1 Formål", "## 2 Ansvar"]


def test_cli_names_the_file_after_the_id(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "converters", str(ODD / "odd-word-export.pdf"), "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["ct-sop-12.md"]


def test_markdown_from_pdf_text_renders_without_live_markup():
    markdown = pytest.importorskip("markdown")
    body = convert_pdf(ROOT / ODD / "odd-markdown-syntax.pdf", render_images=False).body
    extensions = [
        "admonition",
        "attr_list",
        "md_in_html",
        "tables",
        "def_list",
        "toc",
        "pymdownx.details",
        "pymdownx.superfences",
    ]
    html = markdown.markdown(body, extensions=extensions)
    assert html.split("\n") == [
        "<p>Denne siden har tekst som ligner Markdown og HTML. Ingenting av det skal bli lenker, kursiv, kode eller "
        "overskrifter på nettstedet, og ingen av lenkene skal kunne kjøre skript i nettleseren.</p>",
        "<p>Lenke [klikk](javascript:alert(3))</p>",
        "<p>Tekst med *stjerner*, _understrek_, `kode` og &lt;script&gt;alert(1)&lt;/script&gt;.</p>",
        "<p>Se [[CT-SOP-07]] og {#id .klasse} her.</p>",
        "<p># ikke en overskrift</p>",
        "<p>&#58; ikke en definisjon</p>",
        "<p>!!! note ikke en merknad</p>",
        "<p>Trykk her for mer.</p>",
        '<p>Les mer hos <a href="https://www.norcrin.no/">NorCRIN</a>.</p>',
    ]


def test_cli_report_flags_guesses_document_info_levels_and_columns(tmp_path):
    report = tmp_path / "report.json"
    two_columns = ROOT / "tests/fixtures/eval/en-protocol-two-column.pdf"
    args = [
        str(ODD / "odd-word-export-untagged.pdf"),
        str(two_columns),
        "--out",
        str(tmp_path),
        "--report",
        str(report),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "converters", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    word, columns = json.loads(report.read_text(encoding="utf-8"))
    assert {key: item["check"] for key, item in word["extracted"].items()} == {
        "effective_date": False,
        "last_reviewed_on": False,
        "owner": False,
        "version": False,
        "id": True,
        "title": True,
        "language": False,
        "source.author": True,
    }
    assert word["extracted"]["source.author"] == {"value": "Ola Nordmann", "from": "PDF document info", "check": True}
    assert word["uncertain"] == [
        "page 1: heading 'Purpose' got level 2 from its size and weight alone; check the level.",
        "page 1: heading 'Planning the visit' got level 3 from its size and weight alone; check the level.",
        "page 1: heading 'Documents to bring' got level 4 from its size and weight alone; check the level.",
    ]
    assert columns["uncertain"][0] == "page 1: two text columns detected; check the reading order."
    assert "source.author" not in columns["extracted"]  # "python-docx" is no person


def test_cli_markdown_report_marks_values_to_check(tmp_path):
    report = tmp_path / "report.md"
    args = [str(ODD / "odd-word-export.pdf"), "--out", str(tmp_path), "--report", str(report)]
    subprocess.run([sys.executable, "-m", "converters", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    text = report.read_text(encoding="utf-8")
    assert "- `id`: CT-SOP-12 (from running page header or footer) **check**\n" in text
    assert "- `owner`: AP2 SOP (from header block on page 1)\n" in text
    assert "Uncertain" not in text  # tagged headings: levels from Word's H1-H3


@pytest.mark.parametrize("seed", range(40))
def test_convert_pdf_on_damaged_bytes_converts_or_fails_in_one_line(seed, tmp_path):
    # Twelve random bytes changed in a small real PDF: pdfminer meets broken objects,
    # streams and cross-references. The result is a conversion or one ConversionError line.
    rng = random.Random(seed)
    data = bytearray((ROOT / ODD / "odd-header-table.pdf").read_bytes())
    for _ in range(12):
        data[rng.randrange(15, len(data) - 30)] = rng.randrange(256)
    path = tmp_path / f"damaged-{seed}.pdf"
    path.write_bytes(bytes(data))
    try:
        result = convert_pdf(path, render_images=True)
    except ConversionError as error:
        assert str(error).startswith(f"{path}") and "\n" not in str(error)
    else:
        assert result.markdown.startswith("---\n")


def test_a_watermarked_draft_gives_its_status_and_keeps_its_cover_text():
    path = ROOT / ODD / "odd-watermark-draft.pdf"
    result = convert_pdf(path, render_images=False)
    assert facts(result) == {
        "id": "CTU-SOP-12",
        "title": "Handling of Trial Medicines",
        "language": "en",
        "version": "2.1",
        "status": "draft",
        "owner": "Clinical Trials Unit",
        "effective_date": date(2024, 3, 1),
    }
    # The Author "Kari Nordmann, and the Clinical Trials Unit": the person is no owner.
    assert result.front_matter["source"]["author"] == "Kari Nordmann"
    assert result.warnings[0] == f"{path}:1: diagonal text 'DRAFT' (a watermark) on 3 pages, left out."
    assert f"{path}: 'status' set to draft from the watermark 'DRAFT'; check it." in result.warnings
    assert (
        f"{path}: 'version' read from the running page header ('Handling of Trial Medicines | CTU-SOP-12 (rel2.1)'); "
        "check it." in result.warnings
    )
    # The cover's text on its artwork is read; the publisher's line above the larger title is
    # no second top-level heading; the running header set lower on the cover, the watermark
    # and the letter-spaced "D R A F T ii" footers are gone.
    assert result.body.splitlines()[:7] == [
        "![](ctu-sop-12-p1-1.png)",
        "",
        "**Oslo Clinical Trials Unit**",
        "",
        "Kari Nordmann",
        "",
        "## 1 Purpose",
    ]
    assert "DRAFT" not in result.body.replace(" ", "") and "OSLO CLINICAL" not in result.body


def test_a_publisher_footer_a_subtitle_and_a_data_table_that_names_a_title():
    path = ROOT / ODD / "odd-nordic-publisher.pdf"
    result = convert_pdf(path, render_images=False)
    # The footer "Helseforskningsarkivet, 01.09.2023" gives the unit and the date; the header's
    # "SOP-4.1" (the process the document is made under) is no id, nor cut to "SOP-4".
    assert facts(result) == {
        "title": "Arkivplan 7: Retningslinjer for studiearkiv",
        "language": "nb",
        "version": "2.0",
        "owner": "Helseforskningsarkivet",
        "effective_date": date(2023, 9, 1),
    }
    assert result.checks == ["owner", "effective_date", "title"]
    footer = "'Helseforskningsarkivet, 01.09.2023 Versjon 2.0'"
    assert result.warnings[:3] == [
        f"{path}: 'owner' read from the running page footer ({footer}); check it.",
        f"{path}: 'effective_date' read from the running page footer ({footer}); check it.",
        f"{path}: 'title' taken from the largest heading on page 1 and its subtitle; check it.",
    ]
    assert not any("header row" in warning for warning in result.warnings)
    lines = result.body.splitlines()
    # The italic "1.1 Formål" with its text right below is a heading; the data table on page 2
    # (rows "tittel" and "forfatter") stays in the body.
    assert lines[:5] == ["## 1 Innledning", "", lines[2], "", "### 1.1 Formål"]
    assert "| basisregistrering | M024 | forfatter | Ved endring |" in lines


def test_a_frame_over_a_shaded_panel_is_text_and_a_merged_cell_stays_a_table():
    result = convert_pdf(ROOT / ODD / "odd-framed-panel.pdf", render_images=False)
    # The panel's edge runs through the framed lines' last letters: pdfplumber finds a
    # two-column grid there ("... tjeneste | r"), which is read as the text it is.
    assert result.body.splitlines() == [
        "Strategi og handlingsplan for felles tjenester i helseforetakene",
        "",
        "## 1 Bakgrunn",
        "",
        "Registeret samler studiene som sykehusene er sponsor for.",
        "",
        "| Land | Norge | Sverige |",
        "|---|---|---|",
        "| Region | Norden |  |",
        "| Språk | norsk | svensk |",
    ]
