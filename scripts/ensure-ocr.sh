#!/usr/bin/env bash
# Install what `sop convert --ocr` and its tests need when it is missing: Debian's Tesseract
# with the Norwegian and English models (issue 12, "Scanned SOPs"). The Python wrapper
# (tesserocr, pinned in pyproject.toml) comes with `make`'s pip install.
set -euo pipefail

packages=()
command -v tesseract >/dev/null 2>&1 || packages+=(tesseract-ocr)
for lang in nor eng; do
  ls /usr/share/tesseract-ocr/*/tessdata/"$lang".traineddata >/dev/null 2>&1 || packages+=("tesseract-ocr-$lang")
done
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Tesseract OCR is missing: install the Debian packages ${packages[*]} (as root)." >&2
  exit 1
fi
echo "Installing Debian packages ${packages[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null
