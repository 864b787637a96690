# Shared set-up for scripts/serve and scripts/test; sourced, not run.
# Creates .venv with Python 3.11 and installs the given lock file into it, once per lock change.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1 # Material's end-of-life notice, printed on every run; see README

die() { echo "scripts: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    # -n: fail at once with a message instead of waiting for a password no one will type.
    sudo -n "$@" || die "'$*' needs root; run it once by hand (sudo asked for a password)"
  else
    die "'$*' needs root, and sudo is not installed"
  fi
}

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@"
}

find_python() { # prints the path of a Python 3.11, or fails with a message
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  if command -v python3 >/dev/null; then
    die "Python 3.11 is required; found $(python3 --version 2>&1)"
  fi
  die "Python 3.11 is required, and no python3 is on PATH"
}

setup_venv() { # $1: lock file under requirements/
  local lock=$1 python
  python=$(find_python)
  # A first run that was interrupted can leave .venv without a working pip: start again.
  if [ -d .venv ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    echo "scripts: .venv is incomplete (no working pip); recreating it" >&2
    rm -rf .venv
  fi
  if [ ! -x .venv/bin/python ]; then
    # Debian ships the venv module separately.
    "$python" -m venv .venv 2>/dev/null || { apt_install python3-venv && "$python" -m venv .venv; }
  fi
  local stamp=".venv/.installed-$(basename "$lock" .txt)"
  if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
    # The public index only, every file checked against the lock's hashes, nothing unlisted.
    PIP_CONFIG_FILE=/dev/null .venv/bin/python -m pip install --quiet --disable-pip-version-check \
      --require-hashes --no-deps -r "$lock"
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
