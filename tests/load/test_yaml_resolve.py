"""The state loader's own scalar resolution (load/yamlnodes.py, for speed) gives every scalar the
tag PyYAML's resolver gives it: text stays text, and 'no', '1_000', '2026-01-02' or '~' are read
as PyYAML reads them."""

from __future__ import annotations

import itertools

import yaml
from yaml.resolver import Resolver

from gapdraft.load.yamlnodes import _LineLoader

SCALARS = [
    *("", "~", "null", "Null", "NULL", "nULL", "yes", "No", "TRUE", "off", "On", "y", "n"),
    *("1", "-1", "+1", "0x1F", "0o17", "0b11", "1_000", "0777", "190:20:30", "12:30"),
    *("1.5", ".5", "-.inf", ".NaN", "1e3", "1.0e+3", "+.5", "-", ".", "1.2.3", "1,000"),
    *("2026-01-02", "2026-1-2 10:00:00", "2026-01-02T10:00:00Z", "<<", "=", "met", "Yes please"),
    *("unverified", "30-52-1.2", "$500,000", "first degree", "(a)", "#1", "'quoted'", " x"),
]


def test_each_scalar_gets_the_tag_pyyaml_gives_it() -> None:
    loader = _LineLoader("")
    flags = list(itertools.product((True, False), repeat=2))
    for value, implicit in itertools.product(SCALARS, flags):
        expected = Resolver.resolve(loader, yaml.ScalarNode, value, implicit)
        assert loader.resolve(yaml.ScalarNode, value, implicit) == expected, (value, implicit)
    for kind in (yaml.MappingNode, yaml.SequenceNode):
        assert loader.resolve(kind, None, True) == Resolver.resolve(loader, kind, None, True)


def test_a_document_composes_as_with_pyyamls_resolver() -> None:
    plain = [v for v in SCALARS if v.strip() and v not in ("<<", "-") and not v.startswith("#")]
    text = "\n".join(f"k{i}: {v}" for i, v in enumerate(plain))
    text += '\nlist: [1, "2", three, 4.0, null]\nnested: {a: yes, b: "no"}\n'

    def tags(node: yaml.Node) -> list[str]:
        if isinstance(node, yaml.MappingNode):
            return [node.tag, *(t for k, v in node.value for t in tags(k) + tags(v))]
        if isinstance(node, yaml.SequenceNode):
            return [node.tag, *(t for item in node.value for t in tags(item))]
        return [node.tag]

    ours = _LineLoader(text).get_single_node()
    theirs = yaml.compose(text, Loader=yaml.SafeLoader)
    assert tags(ours) == tags(theirs)
    assert len(set(tags(ours))) > 5  # the document does hold text, numbers, dates, booleans, null
