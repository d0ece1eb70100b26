#!/usr/bin/env bash
# Builds target/packages/Corridor_Atlas-VERSION-x86_64.AppImage from a built binary, with no
# download from GitHub (cargo-packager's AppImage needs linuxdeploy from there):
#
#   bash packaging/appimage.sh [BINARY]        # default: target/release/corridor-atlas
#
# Needs mksquashfs (apt install squashfs-tools). The AppImage runtime (AppImageKit's type-2
# runtime, MIT) is taken from the `appimage` crate on crates.io, checked against its SHA-256.
# Run the result with ./Corridor_Atlas-…AppImage; without FUSE, set APPIMAGE_EXTRACT_AND_RUN=1.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-target/release/corridor-atlas}
if [ ! -x "$binary" ]; then
  echo "appimage.sh: $binary is not an executable (cargo build --release first)" >&2
  exit 1
fi
command -v mksquashfs >/dev/null 2>&1 || {
  echo "appimage.sh: mksquashfs not found (apt install squashfs-tools)" >&2
  exit 1
}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
out=target/packages
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The runtime: the executable part every AppImage starts with.
crate=appimage-0.4.0
sum=567a4da6b94a2ac20a27620933c80fc14cf475b5fe7d7b137d20eb237d6b1920
cache=${XDG_CACHE_HOME:-$HOME/.cache}/corridor-atlas-packaging
mkdir -p "$cache"
if [ ! -f "$cache/$crate.crate" ]; then
  curl -fsSL -o "$cache/$crate.crate.part" "https://static.crates.io/crates/appimage/$crate.crate"
  mv "$cache/$crate.crate.part" "$cache/$crate.crate"
fi
echo "$sum  $cache/$crate.crate" | sha256sum -c --quiet -
tar -xzf "$cache/$crate.crate" -C "$work" "$crate/assets/runtime-x86_64"

# The AppDir: the program laid out as an installed one, with the entry and icon at the top.
app=$work/AppDir
install -Dm755 "$binary" "$app/usr/bin/corridor-atlas"
install -Dm644 packaging/corridor-atlas.desktop "$app/usr/share/applications/corridor-atlas.desktop"
for s in 16 32 64 128 256 512; do
  install -Dm644 "assets/icon/corridor-atlas-$s.png" \
    "$app/usr/share/icons/hicolor/${s}x${s}/apps/corridor-atlas.png"
done
cp packaging/corridor-atlas.desktop "$app/corridor-atlas.desktop"
cp assets/icon/corridor-atlas-256.png "$app/corridor-atlas.png"
ln -s corridor-atlas.png "$app/.DirIcon"
ln -s usr/bin/corridor-atlas "$app/AppRun"

mksquashfs "$app" "$work/payload.squashfs" -root-owned -noappend -comp gzip -quiet >/dev/null
mkdir -p "$out"
image=$out/Corridor_Atlas-$version-x86_64.AppImage
cat "$work/$crate/assets/runtime-x86_64" "$work/payload.squashfs" > "$image"
chmod 755 "$image"
echo "$image"
