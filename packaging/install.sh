#!/usr/bin/env bash
# Installs Corridor Atlas for the current user on Linux: the binary (cargo install), its menu
# entry and its icons, so it starts from the desktop's application menu and opens folders.
#
#   bash packaging/install.sh                  # build, install, add the menu entry
#   bash packaging/install.sh --uninstall      # remove all three (with --desktop-only: the
#                                              # entry and icons only)
#   bash packaging/install.sh --desktop-only --exec PATH
#                                              # only the entry and icons, starting PATH
set -euo pipefail
cd "$(dirname "$0")/.."

data=${XDG_DATA_HOME:-$HOME/.local/share}
bin_dir=${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin
exec_path=$bin_dir/corridor-atlas
build=1
uninstall=0
while [ $# -gt 0 ]; do
  case $1 in
    --uninstall) uninstall=1 ;;
    --desktop-only) build=0 ;;
    --exec) exec_path=${2:?--exec needs a path}; shift ;;
    *) echo "install.sh: unknown option $1 (see the comment at the top)" >&2; exit 2 ;;
  esac
  shift
done

entry=$data/applications/corridor-atlas.desktop
sizes=(16 32 64 128 256 512)

if [ $uninstall = 1 ]; then
  rm -f "$entry"
  for s in "${sizes[@]}"; do rm -f "$data/icons/hicolor/${s}x${s}/apps/corridor-atlas.png"; done
  rm -f "$data/icons/hicolor/scalable/apps/corridor-atlas.svg"
  if [ $build = 1 ] && command -v cargo >/dev/null 2>&1; then
    cargo uninstall corridor-atlas 2>/dev/null || true
  fi
  echo "Corridor Atlas removed"
  exit 0
fi

if [ $build = 1 ]; then
  cargo install --locked --path .
fi
if [ ! -x "$exec_path" ]; then
  echo "install.sh: $exec_path is not an executable (build it, or give --exec PATH)" >&2
  exit 1
fi

mkdir -p "$data/applications"
# The menu starts programs without the shell's PATH: the entry names the binary by full path.
sed -e "s|^Exec=corridor-atlas|Exec=$exec_path|" \
    -e "/^Exec=/a TryExec=$exec_path" \
    packaging/corridor-atlas.desktop > "$entry"
for s in "${sizes[@]}"; do
  install -Dm644 "assets/icon/corridor-atlas-$s.png" "$data/icons/hicolor/${s}x${s}/apps/corridor-atlas.png"
done
install -Dm644 assets/icon/corridor-atlas.svg "$data/icons/hicolor/scalable/apps/corridor-atlas.svg"
# Let the menu and the icon theme see them now rather than at the next login.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
echo "Corridor Atlas is in the application menu ($entry)"
