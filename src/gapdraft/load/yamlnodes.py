"""Safe YAML loading that remembers the line of every mapping key and list item.

Mappings load as `YMap` (a dict with `.line` and `.key_lines`), lists as `YList` (`.line`,
`.item_lines`). Floats load as `Decimal` from their text, so 2.5 is exactly 2.5. Duplicate keys
are errors: plain YAML would silently keep the last one and drop a coding.

A workspace may come from anyone, so loading is bounded (docs/data-format.md, "Limits"): files
are at most MAX_FILE_BYTES, aliases and merge keys are refused (an alias bomb is small on disk and
huge once expanded), nesting is at most MAX_DEPTH levels, numbers have bounded size, and only the
plain data tags are built. Every failure is a DataError at a line, never a Python exception.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from gapdraft.errors import DataError, clip, shown
from gapdraft.load.ynodes import YList, YMap

MAX_FILE_BYTES = 2 * 1024 * 1024  # 70 times the largest shipped file
MAX_DEPTH = 40  # nested mappings and lists; the shipped files use at most 8
MAX_NUMBER_CHARS = 40  # the text of one number
MAX_EXPONENT = 18  # numbers lie within 10**-18 .. 10**18


# libyaml's parser where PyYAML was built with it (the wheels are): parsing is most of `plan`'s
# run time. The constructors below are Python either way, so the behaviour is the same.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
# What a Python constructor may raise on a scalar it cannot build (`!!int 0x`, `2026-02-30`).
_BUILD_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, ArithmeticError)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


# The implicit resolvers for each first character of a plain scalar, then the wildcard ones: the
# order Resolver.resolve tries them in.
_WILDCARD = tuple(_SafeBase.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {
    first: (*found, *_WILDCARD)
    for first, found in _SafeBase.yaml_implicit_resolvers.items()
    if first is not None
}
_SCALAR_TAG = _SafeBase.DEFAULT_SCALAR_TAG


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    file: Path = Path("?")
    depth: int = 0

    # The parser asks these for every node it composes (some 0.2 ms of a state file's 3 ms). With no
    # path resolvers (none is ever added), a scalar's tag depends only on its text: the first
    # implicit resolver matching it, else text; the path hooks have nothing to do.
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                if regexp.match(value):
                    return tag
        return _SCALAR_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        if self.yaml_path_resolvers:
            super().descend_resolver(current_node, current_index)

    def ascend_resolver(self) -> None:
        if self.yaml_path_resolvers:
            super().ascend_resolver()

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias is the same node met twice (or met inside itself): refuse it before it can
        # be expanded anywhere.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise DataError(
                self.file, _line(node), "YAML anchors and aliases (&name, *name) are not allowed"
            )
        if self.depth >= MAX_DEPTH:
            raise DataError(self.file, _line(node), f"nested deeper than {MAX_DEPTH} levels")
        self.depth += 1
        try:
            if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
                # most values are plain text: built here as SafeConstructor builds them (the
                # node's text), skipping its dispatch, which costs more than the parse
                bad = _UNSHOWABLE.search(node.value)
                if bad is not None:
                    code = ord(bad.group())
                    raise DataError(
                        self.file,
                        _line(node),
                        f"character U+{code:04X} (a control character) is not allowed in text: "
                        "documents cannot show it (Word refuses it)",
                    )
                self.constructed_objects[node] = node.value
                return node.value
            return super().construct_object(node, deep)
        except _BUILD_ERRORS:
            value = shown(node.value) if isinstance(node, yaml.ScalarNode) else "this value"
            problem = f"cannot read {value} as {_tag_name(node.tag)}"
            raise DataError(self.file, _line(node), problem) from None
        finally:
            self.depth -= 1


# What XML 1.0, and so a Word document, cannot hold; YAML lets an escape ("\x01") write it.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_TAG_NAMES = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date (write YYYY-MM-DD, with a day the month has)",
}


def _tag_name(tag: str) -> str:
    name = tag.rsplit(":", 1)[-1]
    return _TAG_NAMES.get(name, f"!!{clip(name, 40)}")


def _construct_mapping(loader: _LineLoader, node: yaml.Node) -> YMap:
    if not isinstance(node, yaml.MappingNode):
        raise DataError(loader.file, _line(node), "a !!map tag on something that is not a mapping")
    result = YMap()
    result.line = _line(node)
    result.key_lines = {}
    for key_node, value_node in node.value:
        line = _line(key_node)
        if key_node.tag == _MERGE_TAG:
            raise DataError(loader.file, line, "YAML merge keys (<<) are not allowed")
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (dict, list)):
            raise DataError(loader.file, line, "a key must be a scalar")
        key = str(key)
        if key in result:
            raise DataError(
                loader.file,
                line,
                f"duplicate key {shown(key)} (first at line {result.key_lines[key]})",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.Node) -> YList:
    if not isinstance(node, yaml.SequenceNode):
        raise DataError(loader.file, _line(node), "a !!seq tag on something that is not a list")
    result = YList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = _line(node)
    result.item_lines = [_line(child) for child in node.value]
    return result


def _number_text(loader: _LineLoader, node: yaml.Node) -> str:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if len(text) > MAX_NUMBER_CHARS:
        raise DataError(
            loader.file, _line(node), f"a number may have at most {MAX_NUMBER_CHARS} characters"
        )
    return text


def _bounded(loader: _LineLoader, node: yaml.Node, value: Decimal, text: str) -> None:
    if not value.is_finite():
        raise DataError(loader.file, _line(node), f"{shown(text)} is not a finite number")
    if value and abs(value.adjusted()) > MAX_EXPONENT:
        raise DataError(
            loader.file,
            _line(node),
            f"{shown(text)} is out of range (numbers lie between 10^-{MAX_EXPONENT} "
            f"and 10^{MAX_EXPONENT})",
        )


def _construct_decimal(loader: _LineLoader, node: yaml.Node) -> Decimal:
    text = _number_text(loader, node)
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    _bounded(loader, node, value, text)
    return value


def _construct_int(loader: _LineLoader, node: yaml.Node) -> int:
    text = _number_text(loader, node)
    value = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    _bounded(loader, node, Decimal(value), text)
    return int(value)


def _construct_timestamp(loader: _LineLoader, node: yaml.Node) -> dt.date:
    if len(str(node.value)) > MAX_NUMBER_CHARS:
        raise DataError(loader.file, _line(node), "a date may have at most 40 characters")
    return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)


def _refuse_tag(loader: _LineLoader, node: yaml.Node) -> Any:
    raise DataError(
        loader.file, _line(node), f"the YAML tag !!{node.tag.rsplit(':', 1)[-1]} is not allowed"
    )


_TAG = "tag:yaml.org,2002:"
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor(_TAG + "float", _construct_decimal)
_LineLoader.add_constructor(_TAG + "int", _construct_int)
_LineLoader.add_constructor(_TAG + "timestamp", _construct_timestamp)
for _name in ("binary", "omap", "pairs", "set"):
    _LineLoader.add_constructor(_TAG + _name, _refuse_tag)


def read_limited(file: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (never blocks on a FIFO)."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DataError(file, None, f"cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DataError(file, None, "not a regular file")
        if info.st_size > limit:
            raise DataError(
                file, None, f"{info.st_size:,} bytes: larger than the limit of {limit:,} bytes"
            )
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise DataError(file, None, f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read
        raise DataError(file, None, f"larger than the limit of {limit:,} bytes")
    return data


def load_yaml(file: Path) -> Any:
    """Parse one YAML file; any problem becomes a DataError at its line."""
    try:
        text = read_limited(file).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(file, None, f"not UTF-8 text ({exc.reason})") from None
    loader = _LineLoader(text)
    loader.file = file
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise DataError(file, line, f"malformed YAML: {clip(problem, 200)}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise DataError(file, line, f"character U+{code:04X} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        raise DataError(file, None, f"malformed YAML: {clip(str(exc), 200)}") from None
    except RecursionError:
        raise DataError(file, None, f"nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()
