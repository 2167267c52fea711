"""Safe YAML reading that keeps the line and column of every key and value.

PyYAML's event stream is turned into plain Python data by a loop with an explicit stack,
not recursion, so that deep nesting, alias bombs and huge files are refused with a finding
in bounded time and memory instead of a RecursionError, a hang or a crash. Duplicate keys,
which PyYAML silently collapses, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cxo_diag.findings import Code, Finding

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 1_000_000

PathKey = tuple[str | int, ...]
Mark = tuple[int, int]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Positions:
    """1-based (line, column) of each value and each mapping key, by path from the root."""

    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)

    def of(self, path: PathKey, *, key: bool = False) -> Mark:
        """The position of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


@dataclass
class YamlDocument:
    data: Any
    positions: Positions


class _Refused(Exception):
    def __init__(self, finding: Finding) -> None:
        self.finding = finding


class _Frame:
    __slots__ = ("anchor", "container", "first_lines", "is_list", "path", "pending_key", "size")

    def __init__(
        self, container: dict[Any, Any] | list[Any], path: PathKey, anchor: str | None
    ) -> None:
        self.anchor = anchor
        self.container = container
        self.is_list = isinstance(container, list)
        self.path = path
        self.pending_key: Any = _NO_KEY
        self.first_lines: dict[Any, int] = {}
        self.size = 1


_NO_KEY = object()
_STR = "tag:yaml.org,2002:str"
_resolver: Any = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


def read_text(path: Path, display: str) -> tuple[str | None, list[Finding]]:
    """The file's text, or the finding that says why it cannot be read."""

    def refuse(code: Code, **fields: Any) -> tuple[None, list[Finding]]:
        return None, [Finding.make(code, display, 1, 1, **fields)]

    try:
        if path.is_dir():
            return refuse(Code.E002, detail="it is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            return refuse(Code.E003, detail=f"{size:,} bytes, more than the {MAX_BYTES:,} allowed")
        raw = path.read_bytes()
    except OSError as error:
        return refuse(Code.E002, detail=error.strerror or str(error))
    if b"\x00" in raw:
        return refuse(Code.E002, detail="it is a binary file, not YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Finding.make(Code.E002, display, line, 1, detail="it is not valid UTF-8 text")
        ]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return refuse(Code.E005)
    return text, []


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[Finding]]:
    """Plain data with positions, or the findings that stopped the parse."""
    try:
        return _build(text, display), []
    except _Refused as refused:
        return None, [refused.finding]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        too_deep = _first_too_deep(text, line)
        if too_deep is not None:
            # The parser has a nesting limit of its own that can fire before ours (libyaml
            # scans flow collections ahead): the same input gets the same finding either way.
            return None, [
                Finding.make(
                    Code.E003,
                    display,
                    too_deep[0],
                    too_deep[1],
                    detail=f"nesting deeper than {MAX_DEPTH}",
                )
            ]
        detail = ": ".join(str(part) for part in (error.context, error.problem) if part)
        return None, [Finding.make(Code.E001, display, line, col, detail=detail or str(error))]
    except yaml.YAMLError as error:
        return None, [Finding.make(Code.E001, display, 1, 1, detail=str(error).splitlines()[0])]


def _first_too_deep(text: str, last_line: int) -> Mark | None:
    """Where nesting first goes deeper than MAX_DEPTH, in the text up to ``last_line``.

    Used only to classify a parse that has already failed, so an approximate scan is safe: it
    counts flow brackets outside quotes and comments, and block levels by indentation.
    """
    indents: list[int] = []
    flow = 0
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        stripped = line.lstrip(" ")
        if flow == 0 and stripped and not stripped.startswith("#"):
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            if len(indents) > MAX_DEPTH:
                return (number, indent + 1)
        quote = ""
        for column, char in enumerate(line, start=1):
            if quote:
                if char == quote:
                    quote = ""
            elif char in "'\"":
                quote = char
            elif char == "#" and (column == 1 or line[column - 2] in " \t"):
                break
            elif char in "[{":
                flow += 1
                if len(indents) + flow > MAX_DEPTH:
                    return (number, column)
            elif char in "]}":
                flow = max(0, flow - 1)
    return None


def _mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


_SCALARS: dict[tuple[Any, ...], Any] = {}
"""Short scalars already read, by (tag, implicit, value): what they resolve to and build is
the same every time (an int, a bool, None, a string; all immutable), and an answers file or
a bank repeats the same few (ids, numbers, null) hundreds of times."""
_SCALARS_MAX = 4096
_SCALAR_KEY_LEN = 64
_MISSING = object()


def _scalar(event: Any, display: str) -> Any:
    value = event.value
    key = (event.tag, event.implicit, value) if len(value) <= _SCALAR_KEY_LEN else None
    if key is not None:
        known = _SCALARS.get(key, _MISSING)
        if known is not _MISSING:
            return known
    built = _build_scalar(event, display)
    if key is not None:
        if len(_SCALARS) >= _SCALARS_MAX:
            _SCALARS.clear()
        _SCALARS[key] = built
    return built


def _build_scalar(event: Any, display: str) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value  # most values of a bank: no need to build a node
    if tag not in _constructor.yaml_constructors or tag is None:
        line, col = _mark(event)
        raise _Refused(Finding.make(Code.E006, display, line, col, tag=tag))
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as error:
        line, col = _mark(event)
        raise _Refused(
            Finding.make(Code.E001, display, line, col, detail=str(error.problem))
        ) from None
    except (ValueError, KeyError, AttributeError, TypeError, OverflowError):
        # an explicit tag the text does not fit (!!int abc, !!timestamp soon): PyYAML's
        # constructors fail with whatever their conversion raised
        line, col = _mark(event)
        kind = tag.rsplit(":", 1)[-1]
        detail = f"{event.value!r} cannot be read as {kind} (tag !!{kind})"
        raise _Refused(Finding.make(Code.E001, display, line, col, detail=detail)) from None


def _build(text: str, display: str) -> YamlDocument:
    positions = Positions()
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    root: Any = None
    have_root = False
    documents = 0
    nodes = 0

    def child_path() -> PathKey:
        if not stack:
            return ()
        frame = stack[-1]
        if frame.is_list:
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.pending_key)

    def refuse(code: Code, mark: Mark, **fields: Any) -> _Refused:
        return _Refused(Finding.make(code, display, mark[0], mark[1], **fields))

    def add_key(frame: _Frame, value: Any, mark: Mark) -> None:
        if value.__class__ is not str:
            try:
                hash(value)
            except TypeError:
                raise refuse(
                    Code.E001, mark, detail="a mapping key must be a plain value"
                ) from None
        if value in frame.first_lines:
            raise refuse(Code.E004, mark, key=value, first_line=frame.first_lines[value])
        frame.first_lines[value] = mark[0]
        frame.pending_key = value
        positions.keys[(*frame.path, value)] = mark

    def attach(value: Any, size: int, mark: Mark) -> None:
        nonlocal root, have_root, nodes
        nodes += size
        if nodes > MAX_NODES:
            raise refuse(Code.E003, mark, detail=f"more than {MAX_NODES:,} values")
        if not stack:
            root, have_root = value, True
            return
        frame = stack[-1]
        frame.size += size
        if frame.is_list:
            frame.container.append(value)  # type: ignore[union-attr]
        elif frame.pending_key is _NO_KEY:
            add_key(frame, value, mark)
        else:
            frame.container[frame.pending_key] = value
            frame.pending_key = _NO_KEY

    def handle(event: Any, kind: type) -> None:
        """Every event but a scalar inside a collection (the loop below takes those)."""
        nonlocal documents, nodes
        if kind is yaml.ScalarEvent:  # the document's root
            mark = _mark(event)
            positions.values[()] = mark
            value = _scalar(event, display)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            attach(value, 1, mark)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise refuse(Code.E001, _mark(event), detail="only one YAML document is allowed")
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                raise refuse(Code.E006, _mark(event), tag=event.tag)
            if len(stack) >= MAX_DEPTH:
                raise refuse(Code.E003, _mark(event), detail=f"nesting deeper than {MAX_DEPTH}")
            path = child_path()
            if stack and not stack[-1].is_list and stack[-1].pending_key is _NO_KEY:
                raise refuse(Code.E001, _mark(event), detail="a mapping key must be a plain value")
            positions.values[path] = _mark(event)
            container: dict[Any, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
            stack.append(_Frame(container, path, event.anchor))
            if event.anchor:
                anchors[event.anchor] = (container, 0)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            if frame.anchor is not None:
                anchors[frame.anchor] = (frame.container, frame.size)
            nodes -= frame.size - 1
            attach(frame.container, frame.size, positions.values.get(frame.path, (1, 1)))
        elif kind is yaml.AliasEvent:
            if event.anchor not in anchors:
                raise refuse(Code.E001, _mark(event), detail=f"unknown alias *{event.anchor}")
            value, size = anchors[event.anchor]
            if size == 0:
                raise refuse(Code.E003, _mark(event), detail="an alias refers to itself")
            is_key = bool(stack) and not stack[-1].is_list and stack[-1].pending_key is _NO_KEY
            if not is_key:
                positions.values[child_path()] = _mark(event)
            attach(value, size, _mark(event))

    scalar_event = yaml.ScalarEvent
    loader = _Loader(text)
    next_event = loader.get_event  # None after the last event, in libyaml and pure PyYAML
    try:
        while (event := next_event()) is not None:
            kind = event.__class__
            if kind is not scalar_event or not stack:
                handle(event, kind)
                continue
            # a scalar inside a collection, most events: inline, its mark computed once
            start = event.start_mark
            mark = (start.line + 1, start.column + 1)
            value = _scalar(event, display)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            nodes += 1
            if nodes > MAX_NODES:
                raise refuse(Code.E003, mark, detail=f"more than {MAX_NODES:,} values")
            frame = stack[-1]
            frame.size += 1
            if frame.is_list:
                positions.values[(*frame.path, len(frame.container))] = mark
                frame.container.append(value)  # type: ignore[union-attr]
            elif frame.pending_key is _NO_KEY:
                add_key(frame, value, mark)
            else:
                positions.values[(*frame.path, frame.pending_key)] = mark
                frame.container[frame.pending_key] = value
                frame.pending_key = _NO_KEY
    finally:
        loader.dispose()
    if not have_root or root is None:
        raise _Refused(Finding.make(Code.E005, display, 1, 1))
    return YamlDocument(root, positions)


def read_yaml(path: Path, display: str | None = None) -> tuple[YamlDocument | None, list[Finding]]:
    """Read and parse one YAML file safely; findings say why when it cannot be done."""
    shown = display if display is not None else str(path)
    text, findings = read_text(path, shown)
    if text is None:
        return None, findings
    return parse_yaml(text, shown)
