#!/usr/bin/env bash
# Installs the Debian packages docscreen needs, only those that are missing.
# fonts-urw-base35 and fonts-noto-mono are the faces the code-line recogniser is trained on (never the documents').
# chromium drives the service's browser test; postgresql gives its storage tests a throwaway cluster.
# redis-server is the broker for several machines and of the Celery re-check test (the test starts its own).
set -euo pipefail
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-eng \
         fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-urw-base35 fonts-noto-mono poppler-utils \
         chromium postgresql redis-server; do
  have_pkg "$p" || need+=("$p")
done
command -v python3.11 >/dev/null || command -v python3 >/dev/null || need+=(python3 python3-venv)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing system packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
