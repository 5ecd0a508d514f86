"""Read a Markdown file with YAML front matter, keeping the line of every field.

MkDocs swallows YAML errors in front matter (mkdocs `utils/meta.py`), so the build
reads front matter itself, here, and reports problems with file and line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import yaml

from sopmodel.issues import Issue

_BOUNDARY = re.compile(r"^-{3}\s*$")

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


def _parse(yaml_text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """Return the node tree and the data of `yaml_text`, parsing it once."""
    loader = loader_class(yaml_text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


@dataclasses.dataclass
class Document:
    """A Markdown file split into front matter and body.

    Attributes:
        path: Path relative to the project, with forward slashes.
        meta: The parsed front matter (empty when missing or broken).
        lines: 1-based file line of each key path, e.g. ``("changelog", 0, "date")``.
        body: The Markdown after the front matter.
        end_line: The line of the closing ``---`` (0 without front matter).
    """

    path: str
    meta: dict[str, Any]
    lines: dict[YamlPath, int]
    body: str
    end_line: int = 0

    def line_of(self, path: YamlPath) -> int:
        """Return the line of `path`, or of its nearest parent, or of the opening ``---``."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


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
    if not all_lines or not _BOUNDARY.match(all_lines[0]):
        return Document(path, {}, {}, text), [
            Issue(
                path,
                1,
                "",
                "expected front matter between '---' lines at the top of the file, found none.",
                "start the file with a line '---', the fields (id, title, ...), and a closing '---'.",
            )
        ]
    closing = next((i for i in range(1, len(all_lines)) if _BOUNDARY.match(all_lines[i])), None)
    if closing is None:
        return Document(path, {}, {}, text), [
            Issue(
                path,
                1,
                "",
                "expected a closing '---' after the front matter, found the end of the file.",
                "add a line '---' after the last field.",
            )
        ]
    yaml_text = "".join(all_lines[1:closing])
    body = "".join(all_lines[closing + 1 :])
    document = Document(path, {}, {}, body, end_line=closing + 1)
    try:
        node, data = _parse(yaml_text, _FastLoader)
    except yaml.MarkedYAMLError:
        # Parse again in pure Python for its clearer message ("but got '<stream end>'").
        try:
            node, data = _parse(yaml_text, _Loader)
        except yaml.MarkedYAMLError as error:
            return document, [_syntax_issue(path, error)]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return document, [
            Issue(
                path,
                _FRONT_MATTER_FIRST_LINE,
                "",
                f"expected fields as 'name: value' lines, found {type(data).__name__}.",
                "write one field per line, e.g. 'id: CT-SOP-07'.",
            )
        ]
    issues: list[Issue] = []
    if node is not None:
        _record_lines(node, (), document.lines, issues, path)
    document.meta = {str(key): value for key, value in data.items()}
    return document, issues


def _syntax_issue(path: str, error: yaml.MarkedYAMLError) -> Issue:
    """Return the issue for a YAML syntax error, at its line in the file."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + _FRONT_MATTER_FIRST_LINE if mark else 1
    problem = error.problem or "invalid YAML"
    return Issue(
        path,
        line,
        "",
        f"YAML syntax error: {problem}.",
        "check the indentation and put quotes around values that contain ': ' "
        "or start with a special character such as '[', '{', '*', '&' or '#'.",
    )


def _record_lines(
    node: yaml.Node, prefix: YamlPath, lines: dict[YamlPath, int], issues: list[Issue], path: str
) -> None:
    """Record the file line of every key and list item under `node`; flag repeated keys."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + _FRONT_MATTER_FIRST_LINE
            if key in seen and not prefix:
                issues.append(
                    Issue(
                        path,
                        line,
                        key,
                        "field is given twice; only the last one would count.",
                        "remove one of the two lines.",
                    )
                )
            seen.add(key)
            lines.setdefault((*prefix, key), line)
            _record_lines(value_node, (*prefix, key), lines, issues, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*prefix, index)] = item.start_mark.line + _FRONT_MATTER_FIRST_LINE
            _record_lines(item, (*prefix, index), lines, issues, path)


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
