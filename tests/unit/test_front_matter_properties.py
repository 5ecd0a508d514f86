"""Property test: any front matter an editor can write is accepted or named with a line and a fix.

Generated cases start from the repository's real SOPs and change one thing: a field's
value (wrong types, nested lists, dates quoted and not, huge text), a removed or
repeated field, or odd YAML and bytes (anchors, tags such as ``!!python/object``, tabs,
NUL, BOM, CRLF, text that is not UTF-8). Each case goes through the code `sop check`
and the build share (`SiteBuild.load`, then the pages of every valid SOP), and:

- nothing raises;
- a file with problems gets issues that name it, with a line and a fix;
- a file that is accepted keeps every field: its typed front matter equals what the
  editor wrote (no value dropped silently).

`make test` runs 2,000 fixed examples (``derandomize``); more, with new random cases:
``SOP_PROPERTY_EXAMPLES=20000 SOP_PROPERTY_RANDOM=1 .venv/bin/python -m pytest tests/unit/test_front_matter_properties.py``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopmodel.model.document import text_to_document, to_json_value
from sopmodel.site.build import SiteBuild

ROOT = Path(__file__).resolve().parents[2]
REAL_SOPS = sorted((ROOT / "sops").glob("*.md"))
EXAMPLES = int(os.environ.get("SOP_PROPERTY_EXAMPLES", "2000"))
PATH = "sops/x-sop-01.md"
TODAY = dt.date(2030, 1, 1)

FIELDS = [
    "id", "title", "language", "version", "status", "owner", "effective_date", "last_reviewed_on", "approved_by",
    "review_interval_years", "review_by", "category", "phase", "tags", "attachments", "changelog",
    "translation_of", "superseded_by", "withdrawn_on", "aliases", "source", "summery",
]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2040, 1, 1)),
    st.sampled_from(["active", "draft", "CT-SOP-01", "3.1", "nb", "en", "AP2 SOP", "vedlegg/x.docx", "x" * 5000]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4),
    max_leaves=12,
)
RAW_SNIPPETS = [
    "&anchor [1, 2]",
    "*anchor",
    "!!python/object:os.system ls",
    "!!binary aGVsbG8=",
    "!custom tag",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "{a: {b: {c: [1, {d: 2}]}}",
    '"2022-09-14"',
    "'2023-02-30'",
    "14.09.2022",
    "2024-02-29",
    "2024-02-29 10:00:00",
    "\t- tab",
    "\x00",
    "value # comment",
    "|\n  multi\n  line",
    "? complex key\n: value",
    "- a\n- b",
    "[a, b",
    "'unclosed",
    '"\\u0000"',
    "0x1F",
    "1e400",
    ".nan",
    "~",
    "yes",
]


def _front_matter(path: Path) -> tuple[list[str], str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return front.splitlines(), body


REAL = [_front_matter(path) for path in REAL_SOPS]


@st.composite
def edited_files(draw) -> bytes:
    """One real SOP with one thing changed, as the bytes of a file."""
    lines, body = draw(st.sampled_from(REAL))
    lines = list(lines)
    field = draw(st.sampled_from(FIELDS))
    kind = draw(st.sampled_from(["value", "raw", "remove", "repeat", "insert"]))
    top = [i for i, line in enumerate(lines) if line and not line[0].isspace()]
    if kind == "value":
        value = yaml.safe_dump({field: draw(values)}, allow_unicode=True, default_flow_style=None).rstrip("\n")
        lines = [line for line in lines if not line.startswith(f"{field}:")] + value.split("\n")
    elif kind == "raw":
        lines = [line for line in lines if not line.startswith(f"{field}:")] + [
            f"{field}: {draw(st.sampled_from(RAW_SNIPPETS))}"
        ]
    elif kind == "remove" and top:
        del lines[draw(st.sampled_from(top))]
    elif kind == "repeat" and top:
        lines.append(lines[draw(st.sampled_from(top))])
    elif kind == "insert":
        lines.insert(draw(st.integers(0, len(lines))), draw(st.text(max_size=40)))
    text = "---\n" + "\n".join(lines) + "\n---\n" + draw(st.sampled_from([body, "", "\n\n", body[:40]]))
    encoding = draw(st.sampled_from(["plain", "plain", "bom", "crlf", "latin-1"]))
    if encoding == "bom":
        return ("\ufeff" + text).encode("utf-8")
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "latin-1":
        return text.encode("latin-1", "replace") + b"\xe6\xf8\xe5"
    return text.encode("utf-8", "replace")


def _project(tmp: Path) -> Path:
    (tmp / "sops" / "vedlegg").mkdir(parents=True, exist_ok=True)
    (tmp / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    for name in ("mal-datahandteringsplan.docx", "x.docx"):
        (tmp / "sops" / "vedlegg" / name).write_bytes(b"x")
    return tmp


def _normalised(meta: dict) -> dict:
    return {key: value for key, value in to_json_value(meta).items() if value is not None and value != []}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("SOP_PROPERTY_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(data=edited_files())
def test_any_front_matter_is_accepted_whole_or_named_with_line_and_fix(tmp_path, data):
    project = _project(tmp_path)
    (project / PATH).write_bytes(data)
    build = SiteBuild.load(project, {"onepager_pdfs": False}, {"SOP_TODAY": TODAY.isoformat()})
    mine = [issue for issue in build.collection.issues if issue.path == PATH]
    sop = build.collection.at_path(PATH)
    if sop is None:
        errors = [issue for issue in mine if issue.is_error]
        assert errors, f"rejected without an error: {mine}"
        for issue in errors:
            assert issue.line >= 1 and issue.hint, issue
        return
    # Accepted: every field the editor wrote is in the typed front matter, unchanged.
    document, problems = text_to_document(data.decode("utf-8"), PATH)
    assert not [problem for problem in problems if problem.is_error]
    assert sop.meta.to_front_matter() == _normalised(document.meta)
    # The pages of the SOP render (header, body, footer) without raising.
    build.set_urls({PATH: "sop/x/"}, True)
    build.page_markdown(PATH, sop.document.body)
    build.page_header(PATH)
    build.page_footer(PATH)
    build.render_generated_pages()
    build.report_json()
    build.log_lines()
