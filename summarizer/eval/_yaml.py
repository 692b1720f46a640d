"""YAML files read into Pydantic models, with errors that point at a file, a line and a field.

Every problem is reported as ``path:line: field: message``. The line comes from the YAML
parser for syntax errors, and from the composed node tree for validation errors, so a
labeller can jump straight to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from summarizer.errors import GoldFileError

Location = tuple[str | int, ...]
Problem = tuple[Location, str]

ModelT = TypeVar("ModelT", bound=BaseModel)


class FieldProblems(ValueError):
    """Raised by a model validator that found problems at several places in the document.

    Pydantic keeps the exception in the error's context, so the loader can give each
    problem its own field and line instead of one message at the top of the file.
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(
            "; ".join(f"{format_location(loc)}: {message}" for loc, message in problems)
        )
        self.problems = problems


def format_location(loc: Location) -> str:
    """``("actors", 2, "kind")`` as ``actors[2].kind``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping: PyYAML keeps the last
    silently, which would drop a gold file's labels or move an article between splits."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load_unique(text: str) -> object:
    """``yaml.safe_load``, refusing duplicate keys (what ``yaml.load`` does with the loader)."""
    loader = _UniqueKeyLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class YamlDocument:
    """One YAML file: its parsed data, and the lines of its fields for error messages."""

    def __init__(self, path: Path, text: str, *, hint: str) -> None:
        self.path = path
        self.text = text
        self.hint = hint
        try:
            self.data: object = _load_unique(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(error, "problem", None) or str(error)
            raise self.error([((), f"malformed YAML: {problem}")], line=line) from error

    @classmethod
    def read(cls, path: Path, *, hint: str) -> YamlDocument:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise GoldFileError(f"{path}: cannot be read ({error}); {hint}") from error
        return cls(path, text, hint=hint)

    def validate(self, model: type[ModelT]) -> ModelT:
        try:
            return model.model_validate(self.data)
        except ValidationError as error:
            raise self.error(validation_problems(error)) from None

    def line_of(self, loc: Location) -> int | None:
        """The 1-based line of the deepest part of ``loc`` found in the file (a mapping entry
        is placed on its key's line)."""
        node = yaml.compose(self.text, Loader=yaml.SafeLoader)
        if node is None:
            return None
        line: int = node.start_mark.line
        for part in loc:
            found = _child(node, part)
            if found is None:
                break
            marker, node = found
            line = marker.start_mark.line
        return line + 1

    def error(self, problems: list[Problem], *, line: int | None = None) -> GoldFileError:
        lines = []
        for loc, message in problems:
            at = line if line is not None else self.line_of(loc)
            where = f"{self.path}:{at}" if at is not None else str(self.path)
            lines.append(f"{where}: {format_location(loc)}: {message}")
        return GoldFileError("\n".join([*lines, self.hint]))


def validation_problems(error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for item in error.errors():
        cause = item.get("ctx", {}).get("error")
        if isinstance(cause, FieldProblems):
            problems.extend(cause.problems)
        else:
            problems.append((tuple(item["loc"]), item["msg"]))
    return problems


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """The node at ``part`` of a mapping or sequence, with the node whose line names it."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item: yaml.Node = node.value[part]
        return item, item
    return None
