"""Safe YAML loading that remembers the line of every mapping key and list item.

Mappings load as `YMap` (a dict with `.line` and `.key_lines`), lists as `YList` (`.line`,
`.item_lines`). Floats load as `Decimal` from their text, so 2.5 is exactly 2.5. Duplicate keys
are errors: plain YAML would silently keep the last one and drop a coding.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from gapdraft.errors import DataError


class YMap(dict):
    line: int = 0
    key_lines: dict[str, int]


class YList(list):
    line: int = 0
    item_lines: list[int]


# libyaml's parser where PyYAML was built with it (the wheels are): parsing is most of `plan`'s
# run time. The constructors below are Python either way, so the behaviour is the same.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc, valid-type]
    file: Path = Path("?")


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> YMap:
    loader.flatten_mapping(node)
    result = YMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (dict, list)):
            raise DataError(loader.file, key_node.start_mark.line + 1, "a key must be a scalar")
        key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            raise DataError(
                loader.file, line, f'duplicate key "{key}" (first at line {result.key_lines[key]})'
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> YList:
    result = YList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_decimal(loader: _LineLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise DataError(loader.file, node.start_mark.line + 1, f'"{text}" is not a finite number')
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def load_yaml(file: Path) -> Any:
    """Parse one YAML file; any syntax problem becomes a DataError at its line."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(file, None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DataError(file, None, f"cannot read: {exc.strerror}") from None
    loader = _LineLoader(text)
    loader.file = file
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise DataError(file, line, f"malformed YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(file, None, f"malformed YAML: {exc}") from None
    finally:
        loader.dispose()
