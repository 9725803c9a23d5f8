"""LibreOffice as a converter: .docx to PDF through `soffice --headless`."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from gapdraft.errors import ExternalToolError, MissingToolError

NOT_INSTALLED = "LibreOffice (soffice) is not installed; install libreoffice-writer-nogui"
DEFAULT_TIMEOUT = 180.0  # seconds; a first start of LibreOffice builds its profile


def find_soffice() -> str | None:
    """The path of LibreOffice's `soffice` (or `libreoffice`) program, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _run(command: list[str], timeout: float, name: str) -> tuple[int, str, str]:
    """Run soffice in its own process group, so a timeout also ends the soffice.bin it spawns."""
    try:
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:
        raise ExternalToolError(f"LibreOffice could not be started: {exc}") from exc
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ExternalToolError(
            f"LibreOffice did not finish converting {name} within {timeout:g} s"
        ) from exc
    return proc.returncode, out, err


def convert_to_pdf(
    src: Path,
    out_dir: Path,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Convert `src` to `out_dir/<stem>.pdf` and return that path; `progress` is told before
    LibreOffice starts, since a conversion takes seconds (longer on its first start).

    Each call runs with its own throw-away LibreOffice profile, so conversions may run in
    parallel and never touch (or wait on a lock in) the user's own profile."""
    soffice = find_soffice()
    if soffice is None:
        raise MissingToolError(NOT_INSTALLED)
    if not src.is_file():
        raise ExternalToolError(f"{src}: no such file to convert")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{src.stem}.pdf"
    with tempfile.TemporaryDirectory(prefix="gapdraft-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(src),
        ]
        target.unlink(missing_ok=True)  # soffice would replace it; a stale copy hides failure
        if progress is not None:
            progress(f"converting {src.name} to PDF with LibreOffice (a few seconds)...")
        returncode, out, err = _run(command, timeout, src.name)
    # soffice may exit 0 without writing anything (e.g. an unreadable file): check the output
    if returncode != 0 or not target.is_file():
        why = _last_line(err) or _last_line(out) or f"exit code {returncode}"
        raise ExternalToolError(f"LibreOffice could not convert {src.name} to PDF: {why}")
    return target
