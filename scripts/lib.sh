# Shared set-up for scripts/serve and scripts/test; sourced, not run.
# Creates .venv with a Python the given lock installs on, and installs the lock into it, once per
# lock change.
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

# Which Pythons each lock installs on: the site's lock on CPython 3.11.5 and newer (Material 9.8
# requires 3.11, pymdown-extensions 13.1 3.11.5), as scripts/check_pythons.py checks against
# PyPI for each version; the test lock, which also holds the frameworks, on 3.11 alone.
python_ok() { # $1: a Python; $2: the lock file. True when that lock installs on it.
  local want='(3, 11, 5) <= sys.version_info[:3] < (3, 12)'
  [ "${2##*/}" = site.txt ] && want='sys.version_info[:3] >= (3, 11, 5)'
  "$1" -c "import sys; sys.exit(not ($want))" 2>/dev/null
}

find_python() { # $1: the lock file. Prints the path of a Python it installs on, or fails.
  local candidate
  for candidate in python3.11 python3 python3.12 python3.13 python3.14; do
    if command -v "$candidate" >/dev/null && python_ok "$candidate" "$1"; then
      command -v "$candidate"
      return
    fi
  done
  local need="Python 3.11 (3.11.5 or a later 3.11)"
  [ "${1##*/}" = site.txt ] && need="Python 3.11.5 or newer"
  if command -v python3 >/dev/null; then
    die "$need is required for $1; found $(python3 --version 2>&1)"
  fi
  die "$need is required for $1, and no python3 is on PATH"
}

setup_venv() { # $1: lock file under requirements/
  local lock=$1 python
  python=$(find_python "$lock")
  # A first run that was interrupted can leave .venv without a working pip: start again.
  if [ -d .venv ] && ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    echo "scripts: .venv is incomplete (no working pip); recreating it" >&2
    rm -rf .venv
  fi
  # A .venv made by scripts/serve with a newer Python cannot take the test lock: start again.
  if [ -x .venv/bin/python ] && ! python_ok .venv/bin/python "$lock"; then
    echo "scripts: .venv has $(.venv/bin/python --version 2>&1), not one $lock installs on;" \
      "recreating it" >&2
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
