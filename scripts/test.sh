#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run lint and the tests.
# Debian packages: LibreOffice (the tests open every document in a real office suite) and
# poppler-utils (PDF to text/PNG). Python: a virtual environment in .venv with the test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
fc-list 2>/dev/null | grep -qi "liberation mono" || need_apt+=(fonts-liberation)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian packages: ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"

.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest -q "$@"
