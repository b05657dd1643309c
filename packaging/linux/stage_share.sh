#!/bin/sh
# Copy the desktop integration files into FOLDER/share/ (and install.sh into FOLDER), the layout
# install.sh expects. Used by build_linux.sh on the built app, and by the tests on a stand-in.
#   packaging/linux/stage_share.sh FOLDER
set -eu
cd "$(dirname "$0")/../.."
folder="$1"
APP_ID=org.trjournal.TrJournal
share="$folder/share"
install -Dm644 "packaging/linux/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
install -Dm644 "packaging/linux/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "resources/icons/$APP_ID.svg" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in resources/icons/hicolor/*/apps/"$APP_ID.png"; do
  install -Dm644 "$png" "$share/icons/${png#resources/icons/}"
done
install -m755 packaging/linux/install.sh "$folder/install.sh"
