#!/usr/bin/env bash
# Smoke-test the BUILT app (not the source tree), headless, on a throw-away vault:
#   packaging/smoke_test.sh [BINARY]      default: dist/tr-journal/tr-journal
# Checks --version, init, add (with a recording, so PyAV's bundled FFmpeg must load), list --json,
# show --json, export, verify, and that the GUI starts on the offscreen platform without crashing.
# export/verify are skipped (with a message) only while their CLI module does not exist in src/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(pwd)"
BIN="$(realpath "${1:-dist/tr-journal/tr-journal}")"
[ -x "$BIN" ] || { echo "smoke: no built app at $BIN (run packaging/build_linux.sh)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Nothing from the developer's own settings or vault: a private HOME and XDG folders.
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
export XDG_CACHE_HOME="$work/home/cache" XDG_RUNTIME_DIR="$work/run" TR_JOURNAL_VAULT="$work/vault"
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
unset TR_JOURNAL_DEBUG
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
pass="$work/passphrase"
printf 'smoke test passphrase, not a secret\n' > "$pass"
cd "$work"

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
ok() { echo "smoke: ok: $*"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# Every compiled catalog and the icon must be inside a one-folder build (the single file unpacks
# the same tree at run time, so checking the folder build covers it). The single file unpacks
# ~380 MB at each start (several seconds on a busy machine), so its GUI gets more time.
internal="$(dirname "$BIN")/_internal/tr_journal"
gui_wait=6
[ -d "$internal" ] || gui_wait=30
if [ -d "$internal" ]; then
  for mo in "$REPO"/src/tr_journal/locale/*/LC_MESSAGES/*.mo; do
    [ -e "$mo" ] || continue
    rel="${mo#"$REPO"/src/tr_journal/}"
    [ -f "$internal/$rel" ] || fail "catalog $rel is not in the build"
  done
  [ -f "$internal/resources/icons/org.trjournal.TrJournal.svg" ] || fail "icon not in the build"
  ok "catalogs and icon bundled"
fi

version="$("$BIN" --version)"
expected="tr-journal $(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/src/tr_journal/__init__.py")"
[ "$version" = "$expected" ] || fail "--version printed '$version', expected '$expected'"
ok "$version"

"$BIN" init --kdf-memory 64 --kdf-iterations 1 --passphrase-file "$pass" > "$work/init.out" \
  || fail "init"
[ -f "$TR_JOURNAL_VAULT/keyslots.json" ] || fail "init made no vault"
ok "init"

media="$REPO/../shared/fixtures/media/call-fr.m4a"
if [ ! -f "$media" ]; then  # a 1 s 8 kHz WAV made here, when the shared fixtures are absent
  media="$work/tone.wav"
  python3 -c "import wave,sys; w=wave.open(sys.argv[1],'wb'); w.setnchannels(1); \
w.setsampwidth(2); w.setframerate(8000); w.writeframes(bytes(16000)); w.close()" "$media"
fi
entry="$("$BIN" add --passphrase-file "$pass" --json --occurred 2026-01-29T15:03+01:00 \
  --channel phone --number "+33 6 12 34 56 78" --demand documents --text "smoke test" \
  --attach "$media" | json 'd["id"]')" || fail "add"
ok "add -> $entry"

count="$("$BIN" list --passphrase-file "$pass" --json | json 'len(d)')" || fail "list --json"
[ "$count" = 1 ] || fail "list --json gave $count entries, expected 1"
ok "list --json"

duration="$("$BIN" show "$entry" --passphrase-file "$pass" --json \
  | json 'd["attachments"][0]["metadata"].get("duration") or 0')" || fail "show --json"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 0.5 else 1)" "$duration" \
  || fail "the recording was not decoded (duration $duration): FFmpeg libraries not bundled?"
ok "show --json (PyAV decoded the recording: ${duration} s)"

if [ -f "$REPO/src/tr_journal/cli/evidence_cmds.py" ]; then
  "$BIN" export --passphrase-file "$pass" --out "$work/bundle.zip" > "$work/export.out" \
    || fail "export"
  valid="$("$BIN" verify "$work/bundle.zip" --json | json 'd["valid"]')" || fail "verify"
  [ "$valid" = True ] || fail "verify says the fresh bundle is not valid"
  ok "export + verify"
else
  echo "smoke: skipped: export/verify (src/tr_journal/cli/evidence_cmds.py not written yet)"
fi

# The GUI, offscreen: the app has no "quit after the first window" switch, so "still running after
# $gui_wait s without a crash or an error line" counts as started (exit 0 would also do).
set +e
timeout "$gui_wait" "$BIN" gui > "$work/gui.out" 2> "$work/gui.err"
rc=$?
set -e
if [ "$rc" != 0 ] && [ "$rc" != 124 ]; then
  cat "$work/gui.err" >&2
  fail "gui exited with $rc"
fi
if grep -q -E "Traceback|Could not load the Qt platform plugin|Unexpected error" "$work/gui.err"; then
  cat "$work/gui.err" >&2
  fail "gui printed an error"
fi
ok "gui on the offscreen platform (still running after $gui_wait s, no error)"

# The GUI as users run it: the xcb platform plugin (and every X library it needs) under Xvfb, where
# the window must actually appear. Needs xvfb-run and xwininfo (Debian xvfb, x11-utils).
if command -v xvfb-run > /dev/null && command -v xwininfo > /dev/null; then
  cat > "$work/xcb.sh" <<'XCB'
"$1" gui > "$2/xcb.err" 2>&1 &
pid=$!
for _ in $(seq "$3"); do
  if xwininfo -root -tree | grep -q '"tr-journal": ("[^"]*" "tr-journal")'; then
    kill "$pid"; wait "$pid" 2> /dev/null; exit 0
  fi
  kill -0 "$pid" 2> /dev/null || exit 3
  sleep 0.1
done
kill "$pid"; exit 4
XCB
  set +e
  QT_QPA_PLATFORM=xcb xvfb-run -a sh "$work/xcb.sh" "$BIN" "$work" "$((gui_wait * 25))"
  rc=$?
  set -e
  case "$rc" in
    0) ok "gui window shown on X11 (xcb under Xvfb)" ;;
    3) cat "$work/xcb.err" >&2; fail "gui exited under Xvfb before showing a window" ;;
    *) cat "$work/xcb.err" >&2; fail "no gui window under Xvfb after $((gui_wait * 25 / 10)) s (rc $rc)" ;;
  esac
else
  echo "smoke: skipped: gui under Xvfb (needs xvfb-run and xwininfo)"
fi
echo "smoke: all checks passed"
