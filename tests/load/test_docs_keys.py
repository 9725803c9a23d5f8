"""docs/data-format.md names every key the loader accepts and every bill-style placeholder."""

from __future__ import annotations

import re
from pathlib import Path

from gapdraft.load.billstyle import FIELDS
from gapdraft.load.keys import ROOTS, Spec

DOC = (Path(__file__).resolve().parents[2] / "docs" / "data-format.md").read_text()
# where each kind of file is documented: from its heading to the next kind's
REGIONS = {"framework": ("## Framework", "## State"), "state": ("## State", "## Clauses")}
REGIONS["clause"] = ("## Clauses", None)


def _region(kind: str) -> str:
    start, end = REGIONS[kind]
    text = DOC[DOC.index(start) :]
    return text[: text.index(end)] if end else text


def _documented(key: str, text: str) -> bool:
    as_yaml = re.search(rf"(^|[\s{{,\-]){re.escape(key)}:", text, re.M)
    return bool(as_yaml or f"`{key}`" in text)


def _specs(spec: Spec, seen: dict[str, Spec]) -> dict[str, Spec]:
    seen.setdefault(spec.name, spec)
    for key in spec.keys.values():
        if isinstance(key.spec, Spec) and key.spec.name not in seen:
            _specs(key.spec, seen)
    return seen


def test_every_key_the_loader_accepts_is_documented():
    missing = [
        f"{kind}: {spec.name}.{key}"
        for kind, root in ROOTS.items()
        for spec in _specs(root, {}).values()
        for key in spec.keys
        if not _documented(key, _region(kind))
    ]
    assert missing == []


def test_every_bill_style_placeholder_is_documented():
    section = DOC[DOC.index("## Bill style") :]
    section = section[: section.index("\n## ", 1)]
    missing = [
        f"{key}: {{{name}}}"
        for key, names in FIELDS.items()
        for name in names
        if f"{{{name}}}" not in section
    ]
    assert missing == []


def test_the_check_would_catch_an_undocumented_key():
    assert not _documented("no_such_key_anywhere", DOC)
    assert not _documented("heading_align", _region("framework"))
