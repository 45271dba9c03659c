#!/usr/bin/env bash
# System packages khabar's tests need beyond Python: PostgreSQL (initdb/pg_ctl) for the
# store tests marked `postgres`. Idempotent: does nothing when the binaries are present.
set -euo pipefail

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get; install PostgreSQL (initdb, pg_ctl) yourself" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
