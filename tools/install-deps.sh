#!/usr/bin/env bash
# Installs the Debian packages zksim needs to build, test and show its window, but only
# the ones that are missing, so a second run does nothing. Used by ./run.sh and ./test.sh.
# Needs root (apt-get) or sudo; says clearly when neither is available.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ccache
  libimgui-dev libglfw3-dev libfmt-dev doctest-dev python3-glad libstb-dev libtcmalloc-minimal4 libzookeeper-mt-dev python3-kazoo
  xvfb xauth xdotool libgl1-mesa-dri fonts-dejavu-core fonts-wqy-microhei
  zookeeper parallel python3-yaml
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "zksim: installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)   # sudo will ask for a password
else
  echo "zksim: error: need root or sudo to install: ${missing[*]}" >&2
  echo "zksim: install them by hand (apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "zksim: packages installed."
