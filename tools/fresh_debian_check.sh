#!/usr/bin/env bash
# Prove the README's two set-up commands on a FRESH Debian/Ubuntu: build a minimal root with
# debootstrap (minbase + python3, nothing else), clone this repository into it and run, as CI does:
#   1. ./tools/setup.sh run --version          (only the app's packages are installed at this point)
#   2. the app's window on a real X display     (xcb, still with only the app's packages)
#   3. CI=true bash .ci/run < /dev/null        (= ./tools/setup.sh test -q: the whole suite), timed
#
# NOT part of CI or of the test suite, and must never be: it needs root (debootstrap, chroot,
# mounts), the network (Debian/Ubuntu mirrors and PyPI), ~3 GB of disk and about 15 minutes.
#
#   sudo tools/fresh_debian_check.sh [bookworm|noble] [ROOT]
#
# ROOT (default /var/tmp/trj-fresh-SUITE) must not exist: the check is only worth something from
# zero. It is kept afterwards for inspection (logs in ROOT/ci/*.log); delete it with rm -rf once
# `mount | grep ROOT` is empty (this script unmounts everything it mounted, also on failure).
# The committed HEAD is cloned, not the working tree. The shared fixtures (../shared beside this
# repository) are bound read-only at ROOT/ci/shared, beside the clone, where the tests look.
# Step 2 uses the host's Xvfb (apt install xvfb on the host), so the root gets no X packages the
# app would not install itself; it is skipped with a note when the host has no Xvfb.
# Ubuntu: needs the host's debootstrap to know the suite (older ones: the gutsy script is used)
# and runs without signature checks of the bootstrap itself when ubuntu-keyring is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
SUITE="${1:-bookworm}"
ROOT="${2:-/var/tmp/trj-fresh-$SUITE}"
[ "$(id -u)" -eq 0 ] || { echo "fresh_debian_check.sh: run as root" >&2; exit 2; }
[ ! -e "$ROOT" ] || { echo "fresh_debian_check.sh: $ROOT exists; it must be fresh" >&2; exit 2; }
command -v debootstrap > /dev/null || { apt-get update -qq; apt-get install -y -qq debootstrap; }

boot_args=(--variant=minbase --include=python3)
case "$SUITE" in
  noble|jammy)
    mirror=http://archive.ubuntu.com/ubuntu
    boot_args+=("--components=main,universe")  # a fresh Ubuntu has universe enabled
    [ -e /usr/share/keyrings/ubuntu-archive-keyring.gpg ] || boot_args+=(--no-check-gpg)
    script=/usr/share/debootstrap/scripts/$SUITE
    [ -e "$script" ] || script=/usr/share/debootstrap/scripts/gutsy
    ;;
  *) mirror=http://deb.debian.org/debian; script="" ;;
esac

mounted=()
xvfb_pid=""
# shellcheck disable=SC2329  # (called by the EXIT trap)
cleanup() {
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null || true
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -R "${mounted[$i]}" 2>/dev/null || umount -lR "${mounted[$i]}" || true
  done
}
trap cleanup EXIT
mnt() {  # mnt TARGET mount-args...: mount and remember it for cleanup
  local target="$1"; shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounted+=("$target")
}

echo "== debootstrap $SUITE into $ROOT"
# shellcheck disable=SC2086
debootstrap "${boot_args[@]}" "$SUITE" "$ROOT" "$mirror" $script > "$ROOT.debootstrap.log" 2>&1 \
  || { tail -20 "$ROOT.debootstrap.log"; exit 1; }
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mnt "$ROOT/proc" -t proc proc
mnt "$ROOT/sys" --rbind /sys
mount --make-rslave "$ROOT/sys"
mnt "$ROOT/dev" --bind /dev
mnt "$ROOT/dev/pts" -t devpts devpts
mnt "$ROOT/dev/shm" -t tmpfs shm
mkdir -p "$ROOT/ci"
git clone -q "$REPO" "$ROOT/ci/main"
mnt "$ROOT/ci/shared" --bind -o ro "$REPO/../shared"

# A machine whose network re-signs TLS (a local CA in /usr/local/share/ca-certificates, as on the
# development sandbox) needs that CA for pip; a normal machine has none and the root keeps its own.
extra_env=()
if compgen -G "/usr/local/share/ca-certificates/*.crt" > /dev/null; then
  cp /etc/ssl/certs/ca-certificates.crt "$ROOT/ci/host-ca.crt"
  extra_env+=(PIP_CERT=/ci/host-ca.crt)
fi
in_root() {  # a clean environment, no stdin, as CI has
  chroot "$ROOT" /usr/bin/env -i HOME=/root TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${extra_env[@]}" \
    bash -c "cd /ci/main && $1" < /dev/null
}

echo "== 1. ./tools/setup.sh run --version"
in_root "./tools/setup.sh run --version" 2>&1 | tee "$ROOT/ci/run.log"

echo "== 2. the app's window on X (only the app's packages installed)"
if command -v Xvfb > /dev/null; then
  display=:$((90 + RANDOM % 100))
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
  xvfb_pid=$!
  mnt "$ROOT/tmp/.X11-unix" --bind /tmp/.X11-unix
  for _ in $(seq 50); do [ -S "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  in_root "DISPLAY=$display QT_QPA_PLATFORM=xcb timeout 20 ./tools/setup.sh run gui \
    --vault /tmp/fresh-vault" > "$ROOT/ci/gui.log" 2>&1 &
  app_pid=$!
  sleep 15
  # what the window looked like, when the host has ImageMagick
  ! command -v import > /dev/null || import -display "$display" -window root "$ROOT/ci/gui.png" || true
  rc=0
  wait "$app_pid" || rc=$?
  kill "$xvfb_pid"; xvfb_pid=""
  if [ "$rc" -ne 124 ]; then  # 124: still running after 20 s, as it should
    cat "$ROOT/ci/gui.log"; echo "FAILED: the app's window did not stay up (exit $rc)"; exit 1
  fi
  echo "ok: the window was up for 20 s (log: $ROOT/ci/gui.log, screenshot: $ROOT/ci/gui.png)"
else
  echo "skipped: no Xvfb on the host (apt install xvfb)"
fi

echo "== 3. CI=true bash .ci/run (the whole suite)"
start=$(date +%s)
set +e
in_root "CI=true bash .ci/run" 2>&1 | tee "$ROOT/ci/test.log"
rc=${PIPESTATUS[0]}
set -e
echo "== suite exit $rc after $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s"
exit "$rc"
