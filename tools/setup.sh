#!/usr/bin/env bash
# One script behind the README's two commands:
#   ./tools/setup.sh run    install what the app needs, then start it
#   ./tools/setup.sh test   install what the tests need, then run the whole suite
# Works on a fresh Debian/Ubuntu with Python 3.11+; uses sudo for apt when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"; shift || true

QT_RUNTIME="libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 libpulse0"
QT_X11="libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-util1 libxcb-image0 \
libxcb-keysyms1 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 \
libxcb-xfixes0 libxcb-shm0 libxcb-sync1 libxcb-xinerama0 libx11-xcb1"
BASE="python3-venv python3-pip"
TEST_TOOLS="xvfb xauth openssh-client coreutils unzip zip fonts-noto-core fonts-noto-cjk desktop-file-utils appstream x11-utils poppler-utils dbus-daemon binutils openssl xdotool x11-xkb-utils"

apt_install() {
  local missing=()
  for pkg in "$@"; do
    # or its "t64" name: Ubuntu 24.04 and Debian 13 renamed some libraries (libglib2.0-0t64)
    { dpkg-query -W -f='${Status}\n' "$pkg" "${pkg}t64" 2>/dev/null || true; } \
      | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

PY="${PYTHON:-python3}"
# PyInstaller (tests/packaging) needs the interpreter's libpython3.X.so, which Debian/Ubuntu ship
# apart from their python3; other Pythons (pyenv, built from source) carry their own.
PYLIB=""
if [ "$("$PY" -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
  PYLIB="libpython$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
fi
venv_setup() {
  if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>/dev/null || true
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$1"
}

case "$mode" in
  run)
    # shellcheck disable=SC2086
    apt_install $BASE $QT_RUNTIME $QT_X11
    venv_setup ""
    exec .venv/bin/tr-journal "$@"
    ;;
  test)
    # shellcheck disable=SC2086
    apt_install $BASE $QT_RUNTIME $QT_X11 $TEST_TOOLS $PYLIB
    venv_setup "[test]"
    .venv/bin/ruff check .
    .venv/bin/ruff format --check .        # one layout, checked (pyproject.toml [tool.ruff])
    .venv/bin/lint-imports                  # the layers (pyproject.toml, docs/architecture.md)
    .venv/bin/mypy                          # strict outside the app, default inside it
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: $0 run|test [args...]" >&2
    exit 2
    ;;
esac
