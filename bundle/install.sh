#!/bin/sh
# Put clerk-app in the applications menu, with its icon, for this user (no administrator
# rights needed). For every user of the computer, IT runs it as root with
# XDG_DATA_HOME=/usr/local/share. The program stays where this folder was unpacked.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$share/applications" "$share/icons/hicolor/scalable/apps"
cp "$here/clerk-app.svg" "$share/icons/hicolor/scalable/apps/clerk-app.svg"
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf 'Exec="%s/clerk-app"\n' "$here" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$here/clerk-app.desktop" > "$share/applications/clerk-app.desktop"
echo "clerk-app is in the applications menu ($share/applications/clerk-app.desktop)."
