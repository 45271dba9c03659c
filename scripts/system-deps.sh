#!/usr/bin/env bash
# System packages khabar's tests need beyond Python: PostgreSQL (initdb/pg_ctl) for the
# store tests marked `postgres`, and Debian's Chromium for the UI tests marked `browser`
# (driven by Playwright; never `playwright install`). Idempotent: installs only what is missing.
set -euo pipefail

need=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then
  need+=(chromium)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get; install ${need[*]} yourself" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
