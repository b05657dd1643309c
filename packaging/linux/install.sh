#!/bin/sh
# Install the tr-journal folder this script sits in for the current user (no root, no network):
#   ./install.sh              program -> ~/.local/lib/tr-journal, command -> ~/.local/bin/tr-journal,
#                             menu entry, icons and AppStream metadata under ~/.local/share
#   ./install.sh --uninstall  remove all of that again (your journal's vault is never touched)
# PREFIX (default ~/.local) and XDG_DATA_HOME (default ~/.local/share) change the places.
set -eu
APP_ID=org.trjournal.TrJournal
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
lib="$prefix/lib/tr-journal"
bin="$prefix/bin/tr-journal"
sizes="16 32 48 64 128 256 512"

remove() {
  rm -rf "$lib"
  rm -f "$bin" "$data/applications/$APP_ID.desktop" "$data/metainfo/$APP_ID.metainfo.xml" \
    "$data/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in $sizes; do rm -f "$data/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
}

refresh_caches() {
  # Only refresh caches that already exist: creating a user-level icon cache would hide the icons
  # of apps installed later without one. Desktops notice new files in these folders on their own.
  if [ -f "$data/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache > /dev/null
  then gtk-update-icon-cache -q -t "$data/icons/hicolor" 2> /dev/null || true; fi
  if [ -f "$data/applications/mimeinfo.cache" ] && command -v update-desktop-database > /dev/null
  then update-desktop-database -q "$data/applications" 2> /dev/null || true; fi
}

if [ "${1:-}" = "--uninstall" ]; then
  remove
  refresh_caches
  echo "tr-journal removed (your vault was not touched)."
  exit 0
fi
[ -x "$here/tr-journal" ] || { echo "install.sh: no tr-journal program beside me" >&2; exit 1; }
[ "$here" != "$lib" ] || { echo "install.sh: run me from the downloaded folder" >&2; exit 1; }

remove
mkdir -p "$prefix/lib" "$prefix/bin" "$data/applications" "$data/metainfo"
cp -R "$here" "$lib"
ln -s "$lib/tr-journal" "$bin"
# The menu entry names the program by its full path: ~/.local/bin is not on every desktop's PATH.
sed -e "s|^Exec=tr-journal |Exec=$bin |" -e "s|^TryExec=tr-journal\$|TryExec=$bin|" \
  "$here/share/applications/$APP_ID.desktop" > "$data/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$data/metainfo/"
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/share/icons/hicolor/scalable/apps/$APP_ID.svg" "$data/icons/hicolor/scalable/apps/"
for size in $sizes; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$here/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png" \
    "$data/icons/hicolor/${size}x${size}/apps/"
done
refresh_caches
echo "tr-journal installed: find it in your applications menu, or run $bin"
