# Shared set-up for scripts/serve and scripts/test; sourced, not run.
# Creates .venv with Python 3.11 and installs the given lock file into it, once per lock change.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1 # Material's end-of-life notice, printed on every run; see README

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

setup_venv() { # $1: lock file under requirements/
  local lock=$1 python
  python=$(command -v python3.11 || command -v python3)
  if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "Python 3.11 is required; found $("$python" --version)" >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    # Debian ships the venv module separately.
    "$python" -m venv .venv 2>/dev/null || { apt_install python3-venv && "$python" -m venv .venv; }
  fi
  local stamp=".venv/.installed-$(basename "$lock" .txt)"
  if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$lock"
    cp "$lock" "$stamp"
  fi
}

setup_audit_tools() { # audit/: the Nu HTML Checker and Lighthouse, from audit/package-lock.json
  local stamp=audit/node_modules/.installed-lock
  if [ ! -f "$stamp" ] || ! cmp -s audit/package-lock.json "$stamp"; then
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used.
    npm ci --prefix audit --ignore-scripts --no-audit --no-fund --loglevel=error
    cp audit/package-lock.json "$stamp"
  fi
}
