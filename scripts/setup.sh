#!/usr/bin/env bash
# Sets up what SafeCase needs on a Debian machine with Python 3.11+ (run as root, or with sudo).
#   bash scripts/setup.sh app    the app: a virtualenv in .venv with SafeCase installed
#   bash scripts/setup.sh test   also the test tools: Chromium, poppler, tesseract, node packages
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"

missing=()
want_pkg() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
want_cmd() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "SafeCase needs Python 3.11 or newer (found $(python3 --version 2>&1))." >&2; exit 1; }
python3 -c 'import venv, ensurepip' 2>/dev/null || want_pkg python3-venv
want_cmd tesseract tesseract-ocr            # offline OCR of screenshots
if [ "$mode" = test ]; then
  want_cmd chromium chromium                # browser tests drive Debian's Chromium
  want_cmd pdftotext poppler-utils          # report tests read and render the PDF
  want_cmd node nodejs                      # axe-core accessibility checks
  want_cmd npm npm
  want_pkg fonts-dejavu-core                # fonts for screenshots of the app
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# SAFECASE_VENV names an environment that is already set up (the README test uses the one
# the test command made); nothing is installed into it.
if [ -n "${SAFECASE_VENV:-}" ]; then
  [ -x "$SAFECASE_VENV/bin/safecase" ] || { echo "SAFECASE_VENV=$SAFECASE_VENV has no safecase" >&2; exit 1; }
  exit 0
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
extras=""; [ "$mode" = test ] && extras="[dev,model]"
stamp=".venv/.safecase-installed-$mode"
[ "$mode" = app ] && [ -f .venv/.safecase-installed-test ] && stamp=".venv/.safecase-installed-test"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi

if [ "$mode" = test ] && [ -f tests/web/package.json ]; then
  (cd tests/web && { [ -d node_modules ] || npm ci --silent --no-audit --no-fund; })
fi
