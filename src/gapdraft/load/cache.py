"""Parsed-data cache: what the loader made of a YAML file, kept so that the next run skips the
YAML parser (and its import) and the checks, which are most of the start-up of `plan`.

Correctness comes first:

* an entry is used only when its key matches: the file's path (as given, since loaded objects
  carry it for messages) and exact content, what the file was checked against (the frameworks,
  for states), the gapdraft version, the Python version and a stamp of the loader's own source
  files (so an edited checkout never reads an old result);
* one folder per workspace (by its resolved path), so workspaces never share entries;
* an entry that cannot be read, fails its checksum or does not unpickle is ignored;
* only successful loads are stored: a file with an error is loaded (and reported) again every
  time, with the loader's own message;
* a file that changed while it was being loaded is not stored.

The cache lives in `$XDG_CACHE_HOME/gapdraft` (default `~/.cache/gapdraft`). Set
GAPDRAFT_NO_CACHE=1 to neither read nor write it. Entries are pickles; they are read only from
the user's own cache folder, like Python's own __pycache__.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import gapdraft

try:  # CPython's built-in BLAKE2: `import hashlib` loads OpenSSL first, 2 ms of a plan's 75
    from _blake2 import blake2b
except ImportError:  # another Python: hashlib's
    from hashlib import blake2b

T = TypeVar("T")

DISABLE_VAR = "GAPDRAFT_NO_CACHE"
_FORMAT = b"gapdraft-parsed-2\n"  # 2: BLAKE2b keys and checksums
_DIGEST = 32  # bytes of a key or checksum


def _hash(data: bytes = b"") -> Any:
    return blake2b(data, digest_size=_DIGEST)


_MAX_BYTES = 2 * 1024 * 1024  # the loader's own limit (yamlnodes.MAX_FILE_BYTES); not imported,
# since that module imports the YAML parser


def _read_small(file: Path) -> bytes | None:
    """The bytes of a regular file no larger than any the loader accepts, else None. Never
    blocks (a FIFO is not read) and never reads a huge file whole: a hostile workspace gets the
    loader's own refusal."""
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(_MAX_BYTES + 1)
        return data if len(data) <= _MAX_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _cache_home() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"


def _code_stamp(folder: str = "load") -> str:
    """Size and modification time of the modules that decide what a load produces (or, with
    folder "drafting", what a drafting check does): ours, and the YAML parser and template
    engine (found, not imported: an upgrade rewrites them)."""
    from importlib.util import find_spec

    package = Path(gapdraft.__file__).parent
    files = sorted((package / folder).glob("*.py"))
    files += [package / name for name in ("model.py", "errors.py", "drafting/templates.py")]
    for library in ("yaml", "jinja2", "markupsafe"):
        spec = find_spec(library)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))
    parts = []
    for file in files:
        st = file.stat()
        parts.append(f"{file.name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _pickle(value: Any) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # the model's read-only mappings: stored as dicts, rebuilt as MappingProxyType
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = lambda m: (_proxy, (dict(m),))
    pickler.dump(value)
    return buffer.getvalue()


class ParsedCache:
    """The cache folder of one workspace, or a cache that does nothing (disabled)."""

    def __init__(self, workspace_root: Path) -> None:
        self.folder: Path | None = None
        if os.environ.get(DISABLE_VAR, "") not in ("", "0"):
            return
        where = _hash(str(workspace_root.resolve()).encode()).hexdigest()[:24]
        self.folder = _cache_home() / "gapdraft" / where
        self._stamp = "\0".join(
            (gapdraft.__version__, sys.version, _code_stamp(), str(workspace_root.resolve()))
        )

    def load(self, file: Path, depends_on: str, loader: Callable[[], T]) -> tuple[T, str]:
        """`loader()`'s result for `file`, from the cache when the key matches. Also returns the
        key, which files loaded against this one pass on as `depends_on`."""
        if self.folder is None:
            return loader(), ""
        content = _read_small(file)
        if content is None:
            return loader(), ""  # the loader reports the problem in its own words
        key = self._key(file, depends_on, content)
        entry = self.folder / (_hash(str(file).encode()).hexdigest()[:32] + ".pickle")
        found = self._read(entry, key)
        if found is not None:
            return found[0], key.hex()
        value = loader()  # errors propagate and nothing is stored
        if _read_small(file) == content:
            self._write(entry, key, value)
        return value, key.hex()

    def load_many(self, files: Sequence[Path], depends_on: str, loader: Callable[[], T]) -> T:
        """`loader()`'s result for several files read together (the term files, whose checks
        span files): one entry, keyed by every file's path and content."""
        read = self._files_key(files, depends_on) if self.folder is not None and files else None
        if read is None:
            return loader()  # no cache, or a file the loader reports in its own words
        key, contents = read
        names = "\0".join(str(file) for file in files)
        entry = self.folder / (_hash(names.encode()).hexdigest()[:32] + ".many.pickle")
        found = self._read(entry, key)
        if found is not None:
            return found[0]
        value = loader()  # errors propagate and nothing is stored
        if [_read_small(file) for file in files] == contents:
            self._write(entry, key, value)
        return value

    def check_once(self, what: str, files: Sequence[Path], check: Callable[[], object]) -> None:
        """Run `check()` unless it passed before for the same `what` on the same contents of
        `files` (and the same gapdraft, Python and workspace).  A check that raises is never
        recorded, so it raises again on every run until the files change."""
        if self.folder is None:
            check()
            return
        # a check runs drafting code beyond what a load runs: a change to it must re-check
        read = self._files_key(files, f"{what}\0{_code_stamp('drafting')}")
        if read is None:
            check()  # a file is gone or too big: the check reports it in its own words
            return
        key, contents = read
        entry = self.folder / "checks" / (_hash(key).hexdigest()[:32] + ".pickle")
        if self._read(entry, key) is not None:
            return
        check()  # its error propagates and nothing is stored
        if [_read_small(file) for file in files] == contents:
            self._write(entry, key, True)

    def _files_key(
        self, files: Sequence[Path], depends_on: str
    ) -> tuple[bytes, list[bytes | None]] | None:
        """The key of several files read together (every path and content) and their contents,
        to compare once the work is done; None when one cannot be read."""
        contents = [_read_small(file) for file in files]
        if any(c is None for c in contents):
            return None
        names = "\0".join(str(file) for file in files)
        joined = b"".join(len(c).to_bytes(8, "big") + c for c in contents if c is not None)
        return self._key(Path(names), depends_on, joined), contents

    def compiled(self, source: str, version: str, build: Callable[[], bytes]) -> bytes:
        """The compiled code (marshalled) of template `source`, built by `build()` on a miss;
        `version` is the template engine's. Kept in the workspace's folder like parsed files."""
        if self.folder is None:
            return build()
        text = source.encode("utf-8", "surrogatepass")
        key = self._key(Path("<template>"), version, text)
        entry = self.folder / "templates" / (_hash(text).hexdigest()[:32] + ".code")
        found = self._read(entry, key)
        if found is not None and isinstance(found[0], bytes):
            return found[0]
        value = build()  # a syntax error propagates and nothing is stored
        self._write(entry, key, value)
        return value

    def _key(self, file: Path, depends_on: str, content: bytes) -> bytes:
        h = _hash()
        for part in (self._stamp, str(file), depends_on):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        h.update(content)
        return h.digest()

    @staticmethod
    def _read(entry: Path, key: bytes) -> tuple[Any] | None:
        """(value,) when the entry exists, matches `key` and is intact; None otherwise."""
        try:
            data = entry.read_bytes()
            head = len(_FORMAT)
            if data[:head] != _FORMAT or data[head : head + _DIGEST] != key:
                return None
            check = data[head + _DIGEST : head + 2 * _DIGEST]
            payload = data[head + 2 * _DIGEST :]
            if _hash(payload).digest() != check:
                return None
            return (pickle.loads(payload),)
        except Exception:  # a corrupt or unreadable entry is a miss, whatever went wrong
            return None

    def _write(self, entry: Path, key: bytes, value: Any) -> None:
        try:
            payload = _pickle(value)
        except Exception:  # something in the value does not pickle: just do not cache it
            return
        try:
            import tempfile  # only when writing

            entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(_FORMAT + key + _hash(payload).digest() + payload)
                os.replace(tmp, entry)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            return  # a read-only or full disk only costs the next run its speed


# The cache of the workspace whose clause library was loaded last, where drafting/templates.py
# keeps compiled template code; set here so that loading a library need not import Jinja2.
_templates: list[ParsedCache | None] = [None]


def use_for_templates(cache: ParsedCache) -> None:
    _templates[0] = cache


def for_templates() -> ParsedCache | None:
    return _templates[0]
