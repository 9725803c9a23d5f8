"""Text a document cannot show (XML 1.0 refuses it, and so Word) is refused where it is written,
with its file and line, even when a YAML escape slips it past the YAML reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapdraft.errors import DataError
from gapdraft.load.yamlnodes import load_yaml


@pytest.mark.parametrize("escape", ["\\x01", "\\x1f", "\\x0b", "\\uffff", "\\0"])
def test_control_characters_are_refused_with_their_line(tmp_path: Path, escape: str) -> None:
    file = tmp_path / "state.yaml"
    file.write_text(f'id: x\nname: "New {escape} Mexico"\n', encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_yaml(file)
    assert exc.value.line == 2
    assert "control character" in str(exc.value)


@pytest.mark.parametrize("text", ["tab\\there", "two\\nlines", "café", "“quoted” — dash"])
def test_ordinary_text_is_kept(tmp_path: Path, text: str) -> None:
    file = tmp_path / "state.yaml"
    file.write_text(f'name: "{text}"\n', encoding="utf-8")
    assert load_yaml(file)["name"] == text.replace("\\t", "\t").replace("\\n", "\n")
