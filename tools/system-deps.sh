#!/usr/bin/env bash
# Installs the system packages Manim needs, only when they are missing.
# pycairo and manimpango build from source on Linux (cairo/pango headers);
# MathTex needs LaTeX and dvisvgm. A second run only checks, in well under a second.
set -euo pipefail

PACKAGES=(pkg-config libcairo2-dev libpango1.0-dev
          texlive-latex-base texlive-latex-extra dvisvgm fonts-dejavu-core
          chromium chromium-driver)  # the browser tests of make present (headless, offline)

python_headers_missing() {
    local inc
    inc=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
    [[ ! -f "$inc/Python.h" ]]
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    # Not Debian/Ubuntu: accept the machine if the pieces are already there.
    if command -v pkg-config >/dev/null && pkg-config --exists cairo pangocairo \
        && command -v latex >/dev/null && command -v dvisvgm >/dev/null; then
        exit 0
    fi
    cat >&2 <<MSG
This is not a Debian/Ubuntu machine, so 'make setup' cannot install the system
packages Manim needs. Install them yourself, then run 'make setup' again:
  - a C compiler, pkg-config, the cairo and pango development files
  - LaTeX (latex with the standard packages) and dvisvgm
On macOS with Homebrew:  brew install pkg-config cairo pango && brew install --cask mactex-no-gui
MSG
    exit 1
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done
command -v cc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
command -v npm >/dev/null 2>&1 || missing+=(npm)  # reveal.js for make present (npm ci)
python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null \
    || missing+=(python3-venv)
python_headers_missing && missing+=(python3-dev)

[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing system packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo)
else
    cat >&2 <<MSG
Missing system packages: ${missing[*]}
This needs root. Run:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}
then run 'make setup' again.
MSG
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
