"""Read a Markdown file with YAML front matter, keeping the line of every field.

MkDocs swallows YAML errors in front matter (mkdocs `utils/meta.py`), so the build
reads front matter itself, here, and reports problems with file and line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from sopmodel.model.issues import Issue

_BOUNDARY = re.compile(r"^-{3}\s*$")
_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([A-Za-z0-9][A-Za-z0-9.-]{0,39})[\"']?[ \t]*(?:#.*)?$", re.MULTILINE)

# Where the YAML text starts in the file: after the opening `---` on line 1.
_FRONT_MATTER_FIRST_LINE = 2

YamlPath = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps impossible dates such as 2024-02-30 as text.

    PyYAML raises ValueError on them, which would hide every other problem in the
    file; as text they are reported by the schema check like any bad date.
    """


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml, several times faster; its error texts are terser."""


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclasses.dataclass
class Document:
    """A Markdown file split into front matter and body.

    Attributes:
        path: Path relative to the project, with forward slashes.
        meta: The parsed front matter (empty when missing or broken).
        lines: 1-based file line of each key path, e.g. ``("changelog", 0, "date")``.
        body: The Markdown after the front matter.
        end_line: The line of the closing ``---`` (0 without front matter).
        written: Each plain value's text as the file writes it, by key path ("3.10" where
            YAML reads the number 3.1), so that a message quotes the editor's own text.
        lossy: Whether the file was not valid UTF-8 and was read with replacement
            characters: good enough to know its id, not to check or publish it.
    """

    path: str
    meta: dict[str, Any]
    lines: dict[YamlPath, int]
    body: str
    end_line: int = 0
    lossy: bool = False
    written: dict[YamlPath, str] = dataclasses.field(default_factory=dict)

    @property
    def body_line(self) -> int:
        """The file line on which the body starts."""
        return self.end_line + 1 if self.end_line else 1

    def line_of(self, path: YamlPath) -> int:
        """Return the line of `path`, or of its nearest parent, or of the opening ``---``."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def _closing_line(all_lines: list[str], path: str) -> int | Issue:
    """Return the index of the line that closes the front matter, or the problem when there is none."""
    if not all_lines or not _BOUNDARY.match(all_lines[0]):
        return Issue(
            path,
            1,
            "",
            "expected front matter between '---' lines at the top of the file, found none.",
            "start the file with a line '---', the fields (id, title, ...), and a closing '---'.",
        )
    closing = next((i for i in range(1, len(all_lines)) if _BOUNDARY.match(all_lines[i])), None)
    if closing is None:
        return Issue(
            path,
            1,
            "",
            "expected a closing '---' after the front matter, found the end of the file.",
            "add a line '---' after the last field.",
        )
    return closing


def text_to_document(text: str, path: str) -> tuple[Document, list[Issue]]:
    """Split `text` into front matter and body and parse the front matter.

    Args:
        text: The whole file.
        path: The file's path for messages, relative to the project.

    Returns:
        The document (with empty `meta` if the front matter could not be read) and
        the problems found while reading it.
    """
    text = text.removeprefix("\ufeff")
    all_lines = text.splitlines(keepends=True)
    closing = _closing_line(all_lines, path)
    if isinstance(closing, Issue):
        document = Document(path, {}, {}, text)
        if all_lines and _BOUNDARY.match(all_lines[0]):
            _guess_id(document, "".join(all_lines[1:]))  # an unclosed front matter still names its SOP
        return document, [closing]
    yaml_text = "".join(all_lines[1:closing])
    body = "".join(all_lines[closing + 1 :])
    document = Document(path, {}, {}, body, end_line=closing + 1)
    try:
        node, data, issues = _parse_front_matter(yaml_text, path, document.lines, document.written)
    except RecursionError:
        return document, [
            Issue(
                path,
                _FRONT_MATTER_FIRST_LINE,
                "",
                "expected fields as 'name: value' lines, got lists or groups nested too deeply to read.",
                "write each field on one line, as in docs/skrive-sop.md.",
            )
        ]
    if issues:
        # The fields cannot be read; the id line usually can, and other files' links
        # to this SOP must not be reported as wrong because of this file's YAML.
        _guess_id(document, yaml_text)
        return document, issues
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return document, [
            Issue(
                path,
                _FRONT_MATTER_FIRST_LINE,
                "",
                f"expected fields as 'name: value' lines, found {_yaml_kind(data)}.",
                "write one field per line, e.g. 'id: CT-SOP-07'.",
            )
        ]
    document.meta = {str(key): value for key, value in data.items()}
    return document, list(_repeated_keys(node, path))


def _guess_id(document: Document, yaml_text: str) -> None:
    """Take the id from its line when the fields cannot be read, so that links to this SOP still count."""
    guessed = _ID_LINE.search(yaml_text)
    if guessed:
        document.meta = {"id": guessed.group(1)}
        document.lines[("id",)] = yaml_text[: guessed.start()].count("\n") + _FRONT_MATTER_FIRST_LINE


def _yaml_kind(data: Any) -> str:
    kinds: dict[type, str] = {list: "a list", str: "a single text"}
    return kinds.get(type(data), f"a single value ({type(data).__name__})")


def _parse_front_matter(
    yaml_text: str, path: str, lines: dict[YamlPath, int], written: dict[YamlPath, str]
) -> tuple[yaml.Node | None, Any, list[Issue]]:
    """Parse the YAML once: node tree first (lines, aliases), then the values."""
    try:
        node = _compose(yaml_text, _FastLoader)
    except yaml.YAMLError:
        # Parse again in pure Python for its clearer message ("but got '<stream end>'").
        try:
            node = _compose(yaml_text, _Loader)
        except yaml.MarkedYAMLError as error:
            return None, None, [_syntax_issue(path, error, yaml_text)]
        except yaml.YAMLError as error:
            return None, None, [_reader_issue(path, error, yaml_text)]
    if node is None:
        return None, None, []
    alias_line = _record_lines(node, (), lines, set(), written)
    if alias_line is not None:
        return (
            node,
            None,
            [
                Issue(
                    path,
                    alias_line,
                    "",
                    "expected plain values, got a YAML alias ('*name') that repeats another value.",
                    "write the value out in full; front matter does not use anchors (&name) or aliases (*name).",
                )
            ],
        )
    try:
        return node, _Loader(yaml_text).construct_document(node), []
    except yaml.MarkedYAMLError as error:
        return node, None, [_syntax_issue(path, error, yaml_text)]


def _compose(yaml_text: str, loader_class: type) -> yaml.Node | None:
    loader = loader_class(yaml_text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def read_text(path: Path, relative: str) -> tuple[str | None, list[Issue]]:
    """Read a file editors write as UTF-8: the one place that does.

    Args:
        path: The file.
        relative: Its name in messages (relative to the project).

    Returns:
        The text and its problems. The text is None when the file cannot be read; when it
        is not UTF-8, it is read with replacement characters and the problem names the
        line and the byte, so that nothing is dropped without a word.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Issue(relative, 0, "", f"expected a readable file, got an error: {reason}.", _PERMISSIONS)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problem = Issue(
            relative,
            line,
            "",
            f"expected UTF-8 text, got the byte 0x{raw[error.start]:02X}, which is not.",
            "save the file as UTF-8 (in Word or Notepad: 'Save as', encoding UTF-8).",
        )
        return raw.decode("utf-8", "replace"), [problem]


_PERMISSIONS = "check the file's permissions."


def read_document(path: Path, project_dir: Path, front_matter: bool = True) -> tuple[Document | None, list[Issue]]:
    """Read a content file as UTF-8 and split it (see `text_to_document`).

    Args:
        path: The file.
        project_dir: The project folder; messages name the file relative to it.
        front_matter: Whether the file must start with front matter (pages) or not
            (Markdown attachments, whose whole text is the body).

    Returns:
        The document, or None when the file cannot be read as text, and its problems.
    """
    relative = path.relative_to(project_dir).as_posix()
    text, problems = read_text(path, relative)
    if text is None:
        return None, problems
    if not front_matter:
        return Document(relative, {}, {}, text.removeprefix("\ufeff"), lossy=bool(problems)), problems
    if problems:
        # Read with replacement characters only to learn its id: links to it from other
        # SOPs are not wrong just because this file is broken.
        document, _ = text_to_document(text, relative)
        return dataclasses.replace(document, lossy=True), problems
    return text_to_document(text, relative)


def _syntax_issue(path: str, error: yaml.MarkedYAMLError, yaml_text: str) -> Issue:
    """Return the issue for a YAML syntax error, at its line in the file."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + _FRONT_MATTER_FIRST_LINE if mark else 1
    problem = error.problem or "invalid YAML"
    text_lines = yaml_text.split("\n")
    bad_line = text_lines[mark.line] if mark and mark.line < len(text_lines) else ""
    if "\t" in bad_line or "'\\t'" in problem:
        hint = "replace the tab with spaces: YAML indents with spaces only."
    elif isinstance(error, yaml.constructor.ConstructorError):
        problem = f"unknown YAML tag ({error.problem})" if error.problem else problem
        hint = "remove the tag (a word starting with '!'); front matter holds plain texts, dates, numbers and lists."
    else:
        hint = (
            "check the indentation and put quotes around values that contain ': ' "
            "or start with a special character such as '[', '{', '*', '&' or '#'."
        )
    return Issue(path, line, "", f"YAML syntax error: {problem}.", hint)


def _reader_issue(path: str, error: yaml.YAMLError, yaml_text: str) -> Issue:
    """Return the issue for characters YAML cannot read (NUL and other control characters)."""
    position = getattr(error, "position", 0) or 0
    line = yaml_text[:position].count("\n") + _FRONT_MATTER_FIRST_LINE
    character = getattr(error, "character", "")
    code = f"U+{character:04X}" if isinstance(character, int) else "a control character"
    return Issue(
        path,
        line,
        "",
        f"expected text, got the invisible character {code}.",
        "delete the character (retype the line); it often comes from copying out of a PDF.",
    )


def _record_lines(
    node: yaml.Node, prefix: YamlPath, lines: dict[YamlPath, int], seen: set[int], written: dict[YamlPath, str]
) -> int | None:
    """Record the file line of every key and list item under `node`, and each plain value's text.

    Returns:
        The line of the first value met twice (a YAML alias), or None.
    """
    seen.add(id(node))
    children: list[tuple[YamlPath, int, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            line: int = key_node.start_mark.line + _FRONT_MATTER_FIRST_LINE
            if id(key_node) in seen:
                return line
            seen.add(id(key_node))
            children.append(((*prefix, _key_text(key_node)), line, value_node))
    elif isinstance(node, yaml.SequenceNode):
        children = [
            ((*prefix, index), item.start_mark.line + _FRONT_MATTER_FIRST_LINE, item)
            for index, item in enumerate(node.value)
        ]
    for path, line, child in children:
        if id(child) in seen:
            return line
        lines.setdefault(path, line)
        if isinstance(child, yaml.ScalarNode) and not child.style:
            written.setdefault(path, str(child.value))
        repeated = _record_lines(child, path, lines, seen, written)
        if repeated is not None:
            return repeated
    return None


def _key_text(key_node: yaml.Node) -> str:
    return str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"


def field_label(path: YamlPath) -> str:
    """Return the dotted name of a key path, e.g. ``changelog[0].date``."""
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else part)
    return label


def _repeated_keys(node: yaml.Node | None, path: str, prefix: YamlPath = ()) -> Iterator[Issue]:
    """Yield an issue for every field given twice, at the top or inside a list item or group."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _repeated_keys(item, path, (*prefix, index))
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key_node, value_node in node.value:
        key = _key_text(key_node)
        if key in seen:
            yield Issue(
                path,
                key_node.start_mark.line + _FRONT_MATTER_FIRST_LINE,
                field_label((*prefix, key)),
                "field is given twice; only the last one would count.",
                "remove one of the two lines.",
            )
        seen.add(key)
        yield from _repeated_keys(value_node, path, (*prefix, key))


def to_json_value(value: Any) -> Any:
    """Return `value` with dates as ISO text, as the JSON Schema expects them."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_value(v) for v in value]
    return value
