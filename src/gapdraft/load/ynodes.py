"""The mapping and list types the YAML loader builds (yamlnodes.py), in a module of their own:
the checks import them without importing the YAML parser, so that a run whose files all come
from the parsed-data cache (load/cache.py) never imports it."""

from __future__ import annotations


class YMap(dict):
    line: int = 0
    key_lines: dict[str, int]


class YList(list):
    line: int = 0
    item_lines: list[int]
