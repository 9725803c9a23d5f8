"""Checked access to one YAML mapping: required and optional keys of a given kind, and an error
for every key nobody asked for (a typo must not silently drop a coding)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from gapdraft.errors import DataError, FileProblems, did_you_mean, shown
from gapdraft.load.keys import SOURCE, Spec
from gapdraft.load.ynodes import YList, YMap
from gapdraft.model import STATUSES, Loc, Source

_MISSING = object()


# which declared kinds each accessor reads
_ACCESSOR_KINDS = {
    "text": ("text", "choice"),
    "number": ("number",),
    "integer": ("integer",),
    "flag": ("flag",),
    "status": ("status",),
    "mapping": ("object", "dict"),
    "items": ("list",),
}


class MapReader:
    """Reads the keys of one mapping as its table in `keys.py` declares them; call `done()` to
    reject the keys left unread."""

    def __init__(self, file: Path, node: Any, what: str, line: int, spec: Spec) -> None:
        if not isinstance(node, YMap):
            raise DataError(file, line, f"{what} must be a mapping of keys to values")
        self.file = file
        self.node = node
        self.what = what
        self.spec = spec
        self.seen: set[str] = set()

    @property
    def line(self) -> int:
        return self.node.line

    @property
    def loc(self) -> Loc:
        return Loc(self.file, self.node.line)

    def line_of(self, key: str) -> int:
        return self.node.key_lines.get(key, self.node.line)

    def error(self, key: str | None, problem: str) -> DataError:
        return DataError(self.file, self.line_of(key) if key else self.line, problem)

    def _get(self, key: str, required: bool, accessor: str) -> Any:
        declared = self.spec.keys.get(key)
        # a programming error, not a data error: the table in keys.py must declare every key read
        assert declared is not None, f'keys.py: "{key}" is not declared in {self.spec.name}'
        assert declared.kind in _ACCESSOR_KINDS[accessor], f"keys.py: {self.spec.name}.{key}"
        assert required or not declared.required, f"keys.py: {self.spec.name}.{key} is required"
        self.seen.add(key)
        if key not in self.node or self.node[key] is None:
            if required:
                raise self.error(None, f'{self.what} needs "{key}"')
            return _MISSING
        return self.node[key]

    def text(self, key: str, required: bool = True) -> str | None:
        self._get(key, required, "text")
        return self._text(key, required)

    def _text(self, key: str, required: bool) -> str | None:
        value = self.node.get(key)
        if value is None:
            if required:
                raise self.error(None, f'{self.what} needs "{key}"')
            return None
        if isinstance(value, (YMap, YList, bool)):
            raise self.error(key, f'"{key}" must be text')
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        text = str(value).strip()
        if required and not text:
            raise self.error(key, f'"{key}" must not be empty')
        return text

    def req_text(self, key: str) -> str:
        value = self.text(key, required=True)
        assert value is not None
        return value

    def number(self, key: str, required: bool = True) -> Decimal | None:
        value = self._get(key, required, "number")
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise self.error(key, f'"{key}" must be a number, not {shown(value)}')
        number = Decimal(value)
        if number < 0:
            raise self.error(key, f'"{key}" must not be negative')
        return number

    def req_number(self, key: str) -> Decimal:
        value = self.number(key, required=True)
        assert value is not None
        return value

    def integer(self, key: str, required: bool = False) -> int | None:
        value = self._get(key, required, "integer")
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f'"{key}" must be a whole number')
        return value

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self._get(key, default is None, "flag")
        if value is _MISSING:
            assert default is not None
            return default
        if not isinstance(value, bool):
            raise self.error(key, f'"{key}" must be true or false, not {shown(value)}')
        return value

    def status(self, key: str = "status", required: bool = True) -> Any:
        self._get(key, required, "status")
        value = self._text(key, required)
        if value is None:
            return None
        if value not in STATUSES:
            raise self.error(
                key,
                f'"{key}" must be one of {", ".join(STATUSES)}, not {shown(value)}'
                + did_you_mean(value, STATUSES),
            )
        return value

    def mapping(self, key: str, required: bool = True) -> YMap | None:
        value = self._get(key, required, "mapping")
        if value is _MISSING:
            return None
        if not isinstance(value, YMap):
            raise self.error(key, f'"{key}" must be a mapping')
        return value

    def items(self, key: str, required: bool = True, allow_empty: bool = False) -> YList:
        value = self._get(key, required, "items")
        if value is _MISSING:
            empty = YList()
            empty.line, empty.item_lines = self.line, []
            return empty
        if not isinstance(value, YList):
            raise self.error(key, f'"{key}" must be a list')
        if not value and not allow_empty:
            raise self.error(key, f'"{key}" must not be empty')
        return value

    def done(self, known: tuple[str, ...] = ()) -> None:
        """Reject keys that were never read."""
        allowed = self.seen | set(known)
        for key in self.node:
            if key not in allowed:
                raise self.error(
                    key, f"unknown key {shown(key)} in {self.what}" + did_you_mean(key, allowed)
                )


class Problems:
    """Collects the problems of one file, entry by entry, so that one run reports them all."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []
        self.pending: list[DataError] = []  # not errors for loading: goals not coded yet

    @contextmanager
    def collect(self) -> Iterator[None]:
        try:
            yield
        except FileProblems as exc:
            self.errors += exc.errors
            self.pending += exc.pending
        except DataError as exc:
            self.errors.append(exc)

    def check(self) -> None:
        if self.errors:
            raise FileProblems(self.errors, self.pending)


def sub(reader: MapReader, node: Any, what: str, line: int, spec: Spec) -> MapReader:
    # the child's table must be the one the parent's table names for it
    assert any(k.spec is spec for k in reader.spec.keys.values()), (
        f"keys.py: {reader.spec.name} has no key of kind {spec.name}"
    )
    return MapReader(reader.file, node, what, line, spec)


def check_unique(reader: MapReader, items_key: str, ids: list[tuple[str, int]]) -> None:
    seen: dict[str, int] = {}
    for item_id, line in ids:
        if item_id in seen:
            raise DataError(
                reader.file,
                line,
                f"duplicate {items_key} id {shown(item_id)} (first at line {seen[item_id]})",
            )
        seen[item_id] = line


def read_source(reader: MapReader, node: object, line: int) -> Source:
    r = sub(reader, node, "a source", line, SOURCE)
    source = Source(
        title=r.req_text("title"),
        url=r.text("url", required=False),
        status=r.status("status", required=False) or "official",
        document=r.text("document", required=False),
    )
    r.done()
    return source
