"""The one Jinja2 environment clauses render in: sandboxed, strict about undefined names, and
bounded, so that a hostile clause file can neither escape nor exhaust the machine.

The sandbox stops attribute escapes. On top of it (limits stated in docs/data-format.md):
`{% include %}`, `{% import %}` and `{% extends %}` are refused when the clause loads; every loop
iteration and every call counts against a step budget and a time limit; calls nest at most
MAX_CALL_DEPTH deep (macro recursion); `*`, `**`, `+`, `%` and `~` refuse results larger than the
limits before computing them; filters that can multiply their input are checked the same way;
and the rendered text is at most MAX_TEXT characters.
"""

from __future__ import annotations

import functools
import marshal
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from jinja2 import (
    Environment,
    StrictUndefined,
    Template,
    TemplateRuntimeError,
    TemplateSyntaxError,
    nodes,
)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

if TYPE_CHECKING:
    from gapdraft.load.cache import ParsedCache

MAX_SOURCE = 100_000  # characters of one template
MAX_TEXT = 200_000  # characters of any text a template makes, and of its output
MAX_ITEMS = 10_000  # items of a list or range
MAX_INT_BITS = 256  # whole numbers a template computes
MAX_STEPS = 100_000  # loop iterations plus calls in one render
MAX_CALL_DEPTH = 30  # nested calls: macro recursion
MAX_SECONDS = 1.0  # one render
FREE_SECONDS = 0.01  # a render shorter than this costs nothing ...
PROCESS_SECONDS = 3.0  # ... longer ones share this allowance per run (`validate` renders a lot)


class TemplateLimitError(TemplateRuntimeError):
    """A template went past one of the limits above."""


class _Budget:
    """The steps, call depth and deadline of the render in progress."""

    spent = 0.0  # seconds beyond FREE_SECONDS, over the whole process

    def __init__(self) -> None:
        self.start = time.monotonic()
        allowance = max(PROCESS_SECONDS - _Budget.spent, 0.0) + FREE_SECONDS
        self.deadline = self.start + min(MAX_SECONDS, allowance)
        self.steps = 0
        self.depth = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(f"more than {MAX_STEPS:,} loop steps and calls")
        if time.monotonic() > self.deadline:
            raise TemplateLimitError("rendering took too long (the time limit is reached)")

    def close(self) -> None:
        _Budget.spent += max(time.monotonic() - self.start - FREE_SECONDS, 0.0)


_current: _Budget | None = None


def _tick() -> None:
    if _current is not None:
        _current.tick()


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_size(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise TemplateLimitError(f"text longer than {MAX_TEXT:,} characters")
    if isinstance(value, (list, tuple, dict)) and len(value) > MAX_ITEMS:
        raise TemplateLimitError(f"a list longer than {MAX_ITEMS:,} items")
    if isinstance(value, int) and not isinstance(value, bool):
        _check_int(value.bit_length())
    return value


def _check_int(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise TemplateLimitError(f"a number larger than 2^{MAX_INT_BITS}")


def _check_binop(op: str, left: Any, right: Any) -> None:
    """Refuse before computing: `'x' * 10**9` must not allocate a gigabyte first."""
    ints = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
    if op == "*" and len(ints) == 1:
        seq = right if ints[0] is left else left
        if _size(seq) * max(ints[0], 0) > MAX_TEXT:
            raise TemplateLimitError(f"text or list longer than {MAX_TEXT:,}")
    elif op == "*" and len(ints) == 2:
        _check_int(left.bit_length() + right.bit_length())
    elif op == "**" and len(ints) == 2:
        _check_int(left.bit_length() * max(min(right, 10**6), 0))
    elif op == "+" and _size(left) + _size(right) > MAX_TEXT:
        raise TemplateLimitError(f"text or list longer than {MAX_TEXT:,}")
    elif op == "%" and isinstance(left, str):
        raise TemplateLimitError("'%' formatting of text is not allowed (join text with ~)")


# Filters whose output can be much larger than their input: an upper bound on its size.
_ESTIMATES: dict[str, Callable[..., int]] = {
    "join": lambda v, d="", *a, **k: sum(_size(x) for x in v) + len(str(d)) * _size(list(v)),
    "replace": lambda s, old, new, *a, **k: (
        len(s) + (len(s) // max(len(str(old)), 1) + 1) * len(str(new))
    ),
    "center": lambda s, width=80, *a, **k: max(len(str(s)), int(width)),
    "indent": lambda s, width=4, *a, **k: (
        len(str(s)) * (1 + (len(width) if isinstance(width, str) else int(width)))
    ),
    "wordwrap": lambda s, width=79, b=True, wrapstring=None, *a, **k: (
        len(str(s)) * (1 + len(wrapstring or "\n"))
    ),
}


def _materialized(value: Any) -> Any:
    """A lazy sequence (a generator from `map`) as a list, at most MAX_ITEMS long."""
    if isinstance(value, (str, list, tuple, dict)) or not hasattr(value, "__iter__"):
        return value
    items = []
    for item in value:
        items.append(item)
        if len(items) > MAX_ITEMS:
            raise TemplateLimitError(f"a list longer than {MAX_ITEMS:,} items")
    return items


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    estimate = _ESTIMATES.get(name)

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _tick()
        hidden = [a for a in args[:1] if isinstance(a, (Environment, EvalContext, Context))]
        args = (*hidden, *(_materialized(a) for a in args[len(hidden) :]))
        values = [*args[len(hidden) :], *kwargs.values()]
        for value in values:
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ITEMS:
                raise TemplateLimitError(f"filter {name}: a number above {MAX_ITEMS:,}")
        if estimate is not None and estimate(*values) > MAX_TEXT:
            raise TemplateLimitError(f"filter {name}: the result would be too long")
        return _check_size(func(*args, **kwargs))

    return checked


class _Limits(NodeTransformer):
    """Rewrites a parsed template: loops count their steps, `~` is size-checked, and templates
    may not pull in other templates."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _env_call("bounded_iter", [node.iter], node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _env_call("bounded_concat", [nodes.List(node.nodes)], node.lineno)


def _env_call(name: str, args: list[nodes.Expr], lineno: int) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute(name), args, [], None, None, lineno=lineno)


_PULLS_IN = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_UNSAFE_STR_METHODS = frozenset({"format", "format_map", "center", "ljust", "rjust", "zfill"})
_UNSAFE_STR_METHODS |= {"expandtabs", "join", "replace", "encode", "translate"}


class BoundedEnvironment(SandboxedEnvironment):
    """A SandboxedEnvironment whose every render is bounded in size, steps, depth and time."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "/", "//"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if len(source) > MAX_SOURCE:
            raise TemplateSyntaxError(f"longer than {MAX_SOURCE:,} characters", 1, name, filename)
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(_PULLS_IN):
            word = type(node).__name__.lower().replace("fromimport", "import")
            raise TemplateSyntaxError(
                f"{{% {word} %}} is not allowed: a clause's text must be complete in itself",
                node.lineno,
                name,
                filename,
            )
        tree = _Limits().visit(tree)
        tree.set_environment(self)
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _current
        if budget is None:
            return _check_size(super().call(__context, __obj, *args, **kwargs))
        budget.tick()
        if budget.depth >= MAX_CALL_DEPTH:
            raise TemplateLimitError(f"calls nested deeper than {MAX_CALL_DEPTH} (recursion?)")
        budget.depth += 1
        try:
            return _check_size(super().call(__context, __obj, *args, **kwargs))
        finally:
            budget.depth -= 1

    def wrap_str_format(self, value: Any) -> None:
        return None  # str.format is refused below: its widths pad text without bound

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and attr in _UNSAFE_STR_METHODS:
            return False  # they can pad or repeat text without bound; filters are checked
        return super().is_safe_attribute(obj, attr, value)

    @staticmethod
    def bounded_iter(iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            _tick()
            yield item

    @staticmethod
    def bounded_concat(parts: list[Any]) -> str:
        texts = [str(p) for p in parts]
        if sum(map(len, texts)) > MAX_TEXT:
            raise TemplateLimitError(f"text longer than {MAX_TEXT:,} characters")
        return "".join(texts)


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_ITEMS:
        raise TemplateLimitError(f"a range of more than {MAX_ITEMS:,} numbers")
    return numbers


@functools.cache
def environment() -> BoundedEnvironment:
    # No autoescape: the output is statutory text, not HTML. StrictUndefined: a missing name must
    # stop the draft, never leave a blank in a bill. Comments are {## ... ##} so that the unit
    # markup's anchors, `# {#key} text`, are plain text and not Jinja comments.
    env = BoundedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters = {n: _bounded_filter(n, f) for n, f in env.filters.items() if n != "format"}
    env.globals["range"] = _bounded_range
    return env


def use_disk_cache(cache: ParsedCache) -> None:
    """Keep compiled template code in `cache` (load/cache.py); loading compiled code is some 40
    times faster than compiling the source. The workspace sets it (through load/cache.py, so
    that loading a clause library does not import Jinja2) when its clause library is loaded."""
    from gapdraft.load.cache import use_for_templates

    use_for_templates(cache)


@functools.cache
def compiled(source: str) -> Template:
    """The template for `source`, compiled once per process: drafting many states (validate
    drafts every clause for every state) renders the same few hundred templates again and again,
    and compiling is most of the cost of a render."""
    from gapdraft.load.cache import for_templates

    env = environment()
    cache = for_templates()
    if cache is None:
        code = _compile(env, source)
    else:
        import jinja2

        make = lambda: marshal.dumps(_compile(env, source))  # noqa: E731
        data = cache.compiled(source, jinja2.__version__, make)
        try:
            code = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            code = _compile(env, source)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


# Sources parsed by `check_source` when their clause loaded, kept until compiled: parsing is a
# third of compiling, and a library loaded from its files has parsed every template once.
_parsed: dict[str, nodes.Template] = {}


def _compile(env: BoundedEnvironment, source: str) -> Any:
    tree = _parsed.pop(source, None)
    return env.compile(source if tree is None else tree)


# What Python raises inside a template on a bad operation (`1/0`, `'a' + 1`, a huge literal).
_RUNTIME_ERRORS = (ArithmeticError, TypeError, ValueError, LookupError, AttributeError)


def render(source: str, context: dict[str, Any]) -> str:
    """Render `source` within the limits; every failure is a jinja2 TemplateError."""
    global _current
    if "{" not in source:  # no tag, expression or comment: Jinja2 would output the text as is
        return _plain(source)
    budget = _current = _Budget()
    try:
        out: list[str] = []
        size = 0
        for piece in compiled(source).generate(context):
            size += len(piece)
            if size > MAX_TEXT:
                raise TemplateLimitError(f"output longer than {MAX_TEXT:,} characters")
            out.append(piece)
        return "".join(out)
    except RecursionError:
        raise TemplateLimitError("nested too deeply") from None
    except _RUNTIME_ERRORS as exc:
        raise TemplateRuntimeError(f"{type(exc).__name__}: {str(exc)[:200]}") from None
    finally:
        _current = None
        budget.close()


def _plain(source: str) -> str:
    """What the environment renders for text with no Jinja2 syntax, without compiling it (half
    the clause library's sources): line breaks as "\n", one trailing line break dropped
    (keep_trailing_newline=False)."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    return text[:-1] if text.endswith("\n") else text


def check_source(source: str) -> None:
    """Parse at load time; a TemplateSyntaxError names the line (and the refused tags)."""
    try:
        tree = environment().parse(source)
    except RecursionError:
        raise TemplateSyntaxError("nested too deeply", 1) from None
    except _RUNTIME_ERRORS as exc:
        raise TemplateSyntaxError(f"{type(exc).__name__}: {str(exc)[:200]}", 1) from None
    if "{" in source:  # text with none is never compiled (`render`)
        _parsed[source] = tree
