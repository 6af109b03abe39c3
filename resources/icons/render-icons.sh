#!/bin/sh
# SPDX-License-Identifier: MIT
# Renders the application icon (io.github.httpsleuth.HttpSleuth.svg, the only hand-edited source) into
# the PNG sizes of the freedesktop hicolor theme and a Windows .ico. The results are committed, so a
# build never needs an SVG renderer; run this again after editing the SVG and commit what changed.
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin) and python3.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
name=io.github.httpsleuth.HttpSleuth
svg="$here/$name.svg"

command -v rsvg-convert >/dev/null 2>&1 || {
    echo "render-icons.sh: rsvg-convert not found (apt-get install librsvg2-bin)" >&2
    exit 1
}

for size in 16 22 24 32 48 64 128 256 512; do
    dir="$here/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert --width "$size" --height "$size" --format png --output "$dir/$name.png" "$svg"
done

# Windows reads the sizes it needs (Explorer, taskbar, Start menu, installer) from one .ico.
ico_sizes=""
for size in 16 24 32 48 64 128 256; do
    ico_sizes="$ico_sizes $here/hicolor/${size}x${size}/apps/$name.png"
done
# shellcheck disable=SC2086 # the list of paths is meant to split
python3 "$here/make_ico.py" "$here/httpsleuth.ico" $ico_sizes

echo "render-icons.sh: wrote hicolor PNGs and httpsleuth.ico in $here"
