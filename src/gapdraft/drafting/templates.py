"""The one Jinja2 environment clauses render in: sandboxed, strict about undefined names."""

from __future__ import annotations

import functools

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment


@functools.cache
def environment() -> SandboxedEnvironment:
    # No autoescape: the output is statutory text, not HTML. StrictUndefined: a missing name must
    # stop the draft, never leave a blank in a bill. Comments are {## ... ##} so that the unit
    # markup's anchors, `# {#key} text`, are plain text and not Jinja comments.
    return SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )


@functools.cache
def compiled(source: str) -> Template:
    """The template for `source`, compiled once per process: drafting many states (validate
    drafts every clause for every state) renders the same few hundred templates again and again,
    and compiling is most of the cost of a render."""
    return environment().from_string(source)
