#!/usr/bin/env bash
# Build tr-journal.app on macOS 12+ (Apple silicon or Intel: builds for the machine it runs on).
#   packaging/macos/build.sh            -> dist/tr-journal.app
# Then sign, notarize and package it as a .dmg: see packaging/macos/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "run this on macOS" >&2; exit 2; }
PY="${PYTHON:-python3.11}"
VENV=build/venv-mac
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "pyinstaller>=6.10,<7" .
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/pyinstaller/tr-journal.spec
dist/tr-journal.app/Contents/MacOS/tr-journal --version
echo "Built: dist/tr-journal.app"
