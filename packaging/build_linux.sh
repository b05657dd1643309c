#!/usr/bin/env bash
# Build the self-contained Linux app with PyInstaller (no Python needed on the user's machine).
#
#   packaging/build_linux.sh            one-folder build: dist/tr-journal/tr-journal
#   packaging/build_linux.sh --onefile  also the single file dist/tr-journal-x86_64
#   packaging/build_linux.sh --tarball  also dist/tr-journal-<version>-linux-<arch>.tar.gz
#
# The folder also carries install.sh and share/ (desktop entry, AppStream metainfo, icons), so a
# user who downloads it gets a menu entry with ./tr-journal/install.sh.
#
# The build venv lives in build/venv (made once, reused); the app is installed into it from this
# source tree (not editable), so the build sees exactly what a user gets. The real AppImage tool
# (appimagetool) downloads its runtime from GitHub, which this machine cannot reach, so the
# "single file" is PyInstaller's --onefile build: one executable that unpacks its (program-only,
# never user data) files into a private temporary folder at each start.
set -euo pipefail
cd "$(dirname "$0")/.."

onefile=0
tarball=0
for arg in "$@"; do
  case "$arg" in
    --onefile) onefile=1 ;;
    --tarball) tarball=1 ;;
    *) echo "usage: $0 [--onefile] [--tarball]" >&2; exit 2 ;;
  esac
done

# PyInstaller needs ldd (libc-bin) and objdump/objcopy (binutils) on Linux.
for tool in ldd objdump objcopy; do
  command -v "$tool" > /dev/null || { echo "build_linux.sh: $tool missing (apt install binutils)" >&2; exit 2; }
done

PY="${PYTHON:-python3}"
VENV=build/venv
PYINSTALLER_SPEC="pyinstaller>=6.10,<7"

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip 2>/dev/null || true
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "$PYINSTALLER_SPEC" .

export TRJ_ONEFILE="$onefile"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pyinstaller/tr-journal.spec

packaging/linux/stage_share.sh dist/tr-journal

echo "Built: dist/tr-journal/tr-journal ($(du -sh dist/tr-journal | cut -f1))"
if [ "$tarball" = 1 ]; then
  version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' src/tr_journal/__init__.py)"
  archive="dist/tr-journal-$version-linux-$(uname -m).tar.gz"
  tar -C dist -czf "$archive" tr-journal
  echo "Built: $archive ($(du -sh "$archive" | cut -f1))"
fi
if [ "$onefile" = 1 ]; then
  echo "Built: dist/tr-journal-$(uname -m) ($(du -sh "dist/tr-journal-$(uname -m)" | cut -f1))"
fi
